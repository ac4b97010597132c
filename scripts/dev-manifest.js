// The manifest a developer sideloads, for the dev server's port (scripts/dev-server.js).
// manifest.xml is written for the default dev server, https://localhost:3000/; on another port a
// copy whose URLs point at that port is written to dev-manifest-PORT/manifest.xml. It keeps the
// name manifest.xml because Excel on the web, sideloading into a workbook, fetches the manifest
// by its file name from the dev server, which serves it (made by webpack.config.js) as
// /manifest.xml.
const fs = require("fs");
const path = require("path");

const root = path.resolve(__dirname, "..");

/** The URL the committed manifest.xml is written for; every built or served manifest replaces it. */
const COMMITTED_URL = "https://localhost:3000/";

/** The dev server's URL on a port, as the manifest names it. */
const devUrl = (port) => `https://localhost:${port}/`;

/** The committed manifest with its URLs on url instead. */
function manifestFor(xml, url) {
  return xml.split(COMMITTED_URL).join(url);
}

/** Where the manifest for the port is: manifest.xml itself on the default port, else its copy. */
function devManifestPath(port) {
  return devUrl(port) === COMMITTED_URL
    ? path.join(root, "manifest.xml")
    : path.join(root, `dev-manifest-${port}`, "manifest.xml");
}

/** Writes the copy for the port (on the default port there is none to write); returns its path. */
function writeDevManifest(port) {
  const file = devManifestPath(port);
  if (devUrl(port) !== COMMITTED_URL) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const xml = fs.readFileSync(path.join(root, "manifest.xml"), "utf8");
    fs.writeFileSync(file, manifestFor(xml, devUrl(port)));
  }
  return file;
}

/** Removes the copy for the port, if there is one: it points at a server that has stopped. */
function removeDevManifest(port) {
  if (devUrl(port) !== COMMITTED_URL)
    fs.rmSync(path.dirname(devManifestPath(port)), { recursive: true, force: true });
}

module.exports = {
  COMMITTED_URL,
  devUrl,
  manifestFor,
  devManifestPath,
  writeDevManifest,
  removeDevManifest,
};
