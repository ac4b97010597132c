// The https certificate of the dev server. office-addin-dev-certs makes a CA and a localhost
// certificate and asks the system to trust the CA; but where the CA is not trusted (Linux without
// administrator rights) its getHttpsServerOptions() deletes and remakes both on every start, so a
// certificate accepted in the browser yesterday is a new one today. Here a certificate is reused
// for as long as it is valid, trusted or not, and made only when there is none or it expires.
const crypto = require("crypto");
const fs = require("fs");
const devCerts = require("office-addin-dev-certs");
const defaults = require("office-addin-dev-certs/lib/defaults");

const DEFAULT_PATHS = {
  ca: defaults.caCertificatePath,
  cert: defaults.localhostCertificatePath,
  key: defaults.localhostKeyPath,
};

/** A certificate that would expire within a day is renewed now, not in the middle of a session. */
const RENEW_BEFORE_MS = 24 * 60 * 60 * 1000;

/** The certificate files, if they hold a localhost certificate valid beyond tomorrow and its key. */
function usable(paths, now) {
  let ca, cert, key;
  try {
    [ca, cert, key] = [paths.ca, paths.cert, paths.key].map((p) => fs.readFileSync(p));
  } catch {
    return undefined;
  }
  try {
    const x509 = new crypto.X509Certificate(cert);
    const fresh = new Date(x509.validTo).getTime() - RENEW_BEFORE_MS > now.getTime();
    const matches = x509.checkPrivateKey(crypto.createPrivateKey(key));
    return fresh && matches && x509.checkHost("localhost")
      ? { ca, cert, key, validTo: x509.validTo }
      : undefined;
  } catch {
    return undefined;
  }
}

/** Makes the CA and certificate and asks the system to trust the CA (Microsoft's tool does both). */
async function createAndTrust(paths) {
  try {
    await devCerts.ensureCertificatesAreInstalled();
  } catch (error) {
    // The files are written before the CA install is attempted; without administrator rights only
    // the install fails, and the browser can be told to accept the certificate instead.
    if (!fs.existsSync(paths.cert)) throw error;
  }
}

function caTrusted() {
  try {
    return devCerts.isCaCertificateInstalled();
  } catch {
    return false;
  }
}

/**
 * The dev server's https options: the existing certificate while it is valid, else a new one.
 * Says which, and where the browser will have to accept it (the CA is not trusted).
 */
async function devCertificate({
  paths = DEFAULT_PATHS,
  now = new Date(),
  create = createAndTrust,
  trusted = caTrusted,
  log = console.log,
  port = require("./dev-server").port,
} = {}) {
  let found = usable(paths, now);
  const created = !found;
  if (created) {
    await create(paths);
    found = usable(paths, now);
    if (!found)
      throw new Error(`No usable development certificate at ${paths.cert} after making one.`);
  }
  log(
    `${created ? "Made" : "Reusing"} the development certificate ${paths.cert} (valid until ${found.validTo}).`
  );
  if (!trusted()) {
    log(
      `Its CA is not trusted on this machine: open https://localhost:${port}/taskpane.html once in your browser and accept the certificate (it is kept until it expires), or trust the CA with "npx office-addin-dev-certs install" (administrator rights).`
    );
  }
  return { ca: found.ca, key: found.key, cert: found.cert, created };
}

module.exports = { devCertificate };
