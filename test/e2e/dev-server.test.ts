import { ROOT } from "../helpers/root";
import { ChildProcess, spawn, spawnSync } from "child_process";
import { X509Certificate } from "crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "fs";
import { get } from "https";
import { Server, createServer } from "net";
import { tmpdir } from "os";
import { join } from "path";
import { generateCertificates } from "office-addin-dev-certs";
import { devCertificate } from "../../scripts/dev-certificate";
import { COMMITTED_URL, devManifestPath, devUrl, manifestFor } from "../../scripts/dev-manifest";
import { sideloadUrl, startArgs } from "../../scripts/start-args";

/**
 * The development loop of a newcomer's first hour on a machine without desktop Excel: npm start
 * serves the add-in over https with a certificate kept while valid, / leads to the task pane, a
 * manifest whose URLs are the server's, the steps to sideload it (into a workbook in Excel on the
 * web with --document, as in the Office templates); a second npm start leaves the first server
 * alone, and npm stop stops it.
 */

const MANIFEST = readFileSync(join(ROOT, "manifest.xml"), "utf8");
const ADDIN_ID = /<Id>([^<]+)<\/Id>/.exec(MANIFEST)![1];

const home = mkdtempSync(join(tmpdir(), "kc-dev-home-"));
const certDir = join(home, ".office-addin-dev-certs");
const paths = {
  ca: join(certDir, "ca.crt"),
  cert: join(certDir, "localhost.crt"),
  key: join(certDir, "localhost.key"),
};

beforeAll(async () => {
  // A certificate as office-addin-dev-certs makes it, in a home of the test's own (its CA is not
  // installed anywhere: nothing on this machine is changed).
  await generateCertificates(paths.ca, paths.cert, paths.key, 30);
}, 60000);

afterAll(() => rmSync(home, { recursive: true, force: true }));

describe("the dev server's certificate", () => {
  const quiet = { log: () => undefined, trusted: () => true };

  test("is reused while it is valid, trusted or not", async () => {
    const before = readFileSync(paths.cert, "utf8");
    const create = jest.fn();
    const logged: string[] = [];
    const options = await devCertificate({
      paths,
      create,
      trusted: () => false,
      log: (l: string) => logged.push(l),
    });
    expect(create).not.toHaveBeenCalled();
    expect(options.created).toBe(false);
    expect(options.cert.toString()).toBe(before);
    expect(logged[0]).toMatch(
      /^Reusing the development certificate .*localhost\.crt \(valid until /
    );
    expect(logged[1]).toMatch(
      /^Its CA is not trusted on this machine: open https:\/\/localhost:3000\/taskpane\.html once/
    );
  });

  test("is made anew when it expires within a day, or is missing", async () => {
    const validTo = new Date(new X509Certificate(readFileSync(paths.cert)).validTo);
    const create = jest.fn(async () => undefined);
    const tomorrow = new Date(validTo.getTime() - 12 * 3600 * 1000);
    // create() leaves the old files: the certificate is still unusable, and that is said.
    await expect(devCertificate({ paths, now: tomorrow, create, ...quiet })).rejects.toThrow(
      /No usable development certificate at .*localhost\.crt after making one/
    );
    expect(create).toHaveBeenCalledTimes(1);

    const elsewhere = mkdtempSync(join(tmpdir(), "kc-dev-certs-"));
    const fresh = {
      ca: join(elsewhere, "ca.crt"),
      cert: join(elsewhere, "localhost.crt"),
      key: join(elsewhere, "localhost.key"),
    };
    const made = await devCertificate({
      paths: fresh,
      create: () => generateCertificates(fresh.ca, fresh.cert, fresh.key, 30),
      ...quiet,
    });
    expect(made.created).toBe(true);
    expect(new X509Certificate(made.cert).checkHost("localhost")).toBe("localhost");
    rmSync(elsewhere, { recursive: true, force: true });
  }, 60000);
});

/** A free port on localhost. */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((r) => probe.listen(0, "localhost", r));
  const port = (probe.address() as { port: number }).port;
  await new Promise((r) => probe.close(r));
  return port;
}

function fetchText(url: string): Promise<string> {
  return new Promise((res, rej) =>
    get(url, { rejectUnauthorized: false }, (r) => {
      let body = "";
      r.on("data", (c) => (body += c));
      r.on("end", () => res(body));
    }).on("error", rej)
  );
}

function fetchStatus(url: string): Promise<{ status: number; location?: string }> {
  return new Promise((res, rej) =>
    get(url, { rejectUnauthorized: false }, (r) => {
      r.resume();
      res({ status: r.statusCode ?? 0, location: r.headers.location });
    }).on("error", rej)
  );
}

const WORKBOOK = "https://contoso.sharepoint.com/sites/research/KC.xlsx";

test("npm start refuses what it cannot read, in one line, before serving anything", () => {
  const r = spawnSync(process.execPath, [join(ROOT, "scripts/start.js"), "excel-online"], {
    cwd: ROOT,
    encoding: "utf8",
  });
  expect({ status: r.status, stderr: r.stderr, stdout: r.stdout }).toEqual({
    status: 2,
    stderr:
      'npm start: unknown argument "excel-online"; expected npm start, or npm start -- web --document URL\n',
    stdout: "",
  });
});

describe("the dev server's port and manifest come from one setting", () => {
  test("manifest.xml is written for package.json's default port, and npm start sideloads it there", () => {
    const port: number = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")).config
      .dev_server_port;
    expect(devUrl(port)).toBe(COMMITTED_URL);
    expect(MANIFEST.match(/https:\/\/localhost(:\d+)?\//g)).toEqual(
      expect.arrayContaining([COMMITTED_URL])
    );
    expect(new Set(MANIFEST.match(/https:\/\/localhost(:\d+)?\//g))).toEqual(
      new Set([COMMITTED_URL])
    );
    expect(devManifestPath(port)).toBe(join(ROOT, "manifest.xml"));
  });

  test("on another port, every URL of the manifest is moved to it, in a copy named manifest.xml", () => {
    const moved = manifestFor(MANIFEST, devUrl(3443));
    expect(moved).not.toContain("localhost:3000");
    expect(moved).toContain(
      '<SourceLocation DefaultValue="https://localhost:3443/taskpane.html"/>'
    );
    expect(moved.split("https://localhost:3443/").length).toBe(
      MANIFEST.split(COMMITTED_URL).length
    );
    expect(devManifestPath(3443)).toBe(join(ROOT, "dev-manifest-3443", "manifest.xml"));
  });

  test("the address that sideloads into a workbook on the web, as office-addin-debugging makes it", () => {
    expect(sideloadUrl(`${WORKBOOK}?web=1`, 3443, ADDIN_ID)).toBe(
      `${WORKBOOK}?web=1&wdaddindevserverport=3443&wdaddinmanifestfile=manifest.xml&wdaddinmanifestguid=${ADDIN_ID}`
    );
    expect(sideloadUrl(WORKBOOK, 3000, ADDIN_ID)).toBe(
      `${WORKBOOK}?wdaddindevserverport=3000&wdaddinmanifestfile=manifest.xml&wdaddinmanifestguid=${ADDIN_ID}`
    );
  });
});

describe("npm start's arguments, as the Office templates take them", () => {
  test.each([
    [[], false, { app: "web" }],
    [["web"], false, { app: "web" }],
    [["web", "--document", WORKBOOK], false, { app: "web", document: WORKBOOK }],
    [[`--document=${WORKBOOK}`], false, { app: "web", document: WORKBOOK }],
    [[], true, { app: "desktop" }],
    [["desktop", "--document", "C:\\KC.xlsx"], true, { app: "desktop", document: "C:\\KC.xlsx" }],
    [["web", "-d", WORKBOOK], true, { app: "web", document: WORKBOOK }],
  ])("%j (desktop Excel here: %s)", (args, desktopExcel, asked) => {
    expect(startArgs(args, desktopExcel)).toEqual(asked);
  });

  test.each([
    [
      ["web", "web"],
      'unknown argument "web"; expected npm start, or npm start -- web --document URL',
    ],
    [["web", "--document"], "--document needs the workbook, e.g. npm start -- web --document "],
    [
      ["web", "--document", "KC.xlsx"],
      "--document needs the workbook's https URL (its address in Excel on the web), e.g. ",
    ],
    [
      ["desktop"],
      `there is no desktop Excel on ${process.platform}; use Excel on the web: npm start, or `,
    ],
  ])("%j without desktop Excel is refused in one line", (args, message) => {
    expect(() => startArgs(args, false)).toThrow(message);
  });
});

describe("npm start and npm stop", () => {
  let port: number;
  let env: NodeJS.ProcessEnv;
  let first: ChildProcess | undefined;
  /** The dev server's pid (webpack serve, started by the first npm start). */
  let server = 0;
  let output = "";
  const pidFile = () => join(ROOT, `.kc-dev-server-${port}.pid`);
  const script = (name: string, ...args: string[]) =>
    spawnSync(process.execPath, [join(ROOT, "scripts", name), ...args], {
      cwd: ROOT,
      env,
      encoding: "utf8",
      timeout: 60000,
    });

  beforeAll(async () => {
    port = await freePort();
    env = { ...process.env, HOME: home, KC_DEV_SERVER_PORT: String(port) };
  });

  afterAll(() => {
    first?.kill("SIGTERM");
    rmSync(pidFile(), { force: true });
    rmSync(join(ROOT, `dev-manifest-${port}`), { recursive: true, force: true });
  });

  test("a port that is none: one line, exit 2, nothing served", () => {
    for (const name of ["start.js", "stop.js"]) {
      const r = spawnSync(process.execPath, [join(ROOT, "scripts", name)], {
        cwd: ROOT,
        env: { ...env, KC_DEV_SERVER_PORT: "30o0" },
        encoding: "utf8",
      });
      expect({ status: r.status, stderr: r.stderr }).toEqual({
        status: 2,
        stderr: `npm ${name.replace(".js", "")}: KC_DEV_SERVER_PORT is "30o0"; it must be a port number from 1 to 65535, such as 3000\n`,
      });
    }
    expect(existsSync(pidFile())).toBe(false);
  });

  test("the first start serves the add-in over https, / leads to the task pane, the certificate kept", async () => {
    const certificate = readFileSync(paths.cert, "utf8");
    // As the Office templates sideload into a workbook on the web: npm start -- web --document URL.
    first = spawn(
      process.execPath,
      [join(ROOT, "scripts/start.js"), "web", "--document", `${WORKBOOK}?web=1`],
      { cwd: ROOT, env }
    );
    first.stdout!.on("data", (c) => (output += c));
    first.stderr!.on("data", (c) => (output += c));
    await new Promise<void>((res, rej) => {
      const timer = setInterval(() => {
        if (output.includes("KC Financials is served:")) {
          clearInterval(timer);
          res();
        }
      }, 200);
      first!.on("exit", (code) => {
        clearInterval(timer);
        rej(new Error(`npm start exited ${code}:\n${output}`));
      });
    });
    expect(output).toContain(`Reusing the development certificate ${paths.cert}`);
    // No browser here: the steps, with the workbook's address that sideloads from this server.
    const id = /<Id>([^<]+)<\/Id>/.exec(readFileSync(join(ROOT, "manifest.xml"), "utf8"))![1];
    expect(output).toContain(
      `${WORKBOOK}?web=1&wdaddindevserverport=${port}&wdaddinmanifestfile=manifest.xml&wdaddinmanifestguid=${id}`
    );
    expect(readFileSync(paths.cert, "utf8")).toBe(certificate);
    // The port comes from one place: the served manifest points at this server.
    const served = await fetchText(`https://localhost:${port}/manifest.xml`);
    expect(served).toContain(`https://localhost:${port}/taskpane.html`);
    expect(served).not.toContain("https://localhost:3000/");
    await expect(fetchStatus(`https://localhost:${port}/`)).resolves.toEqual({
      status: 302,
      location: "/taskpane.html",
    });
    await expect(fetchStatus(`https://localhost:${port}/taskpane.html`)).resolves.toMatchObject({
      status: 200,
    });
    server = JSON.parse(readFileSync(pidFile(), "utf8")).pid;
    expect(server).toBeGreaterThan(0);
    // The manifest to sideload, and the one served, point at this server: not at manifest.xml's.
    const manifest = join(ROOT, `dev-manifest-${port}`, "manifest.xml");
    expect(output).toContain(
      `  task pane (a preview in any browser): https://localhost:${port}/taskpane.html`
    );
    expect(output).toContain(`  Upload My Add-in) and choose ${manifest}.`);
    expect(readFileSync(manifest, "utf8")).toBe(
      manifestFor(MANIFEST, `https://localhost:${port}/`)
    );
    await expect(fetchText(`https://localhost:${port}/manifest.xml`)).resolves.toBe(
      readFileSync(manifest, "utf8")
    );
  }, 180000);

  test("a second start, web --document, says the server runs, leaves it alone, and how to sideload into the workbook", async () => {
    expect(first?.exitCode).toBeNull();
    const second = script("start.js", "web", "--document", WORKBOOK);
    expect(second.status).toBe(0);
    expect(second.stderr).toBe("");
    expect(second.stdout).toContain(
      `KC Financials is already being served (dev server pid ${server})`
    );
    expect(second.stdout).toContain(
      `\n  ${WORKBOOK}?wdaddindevserverport=${port}&wdaddinmanifestfile=manifest.xml&wdaddinmanifestguid=${ADDIN_ID}\n`
    );
    expect(second.stdout).toContain(
      `  Upload My Add-in) and choose ${join(ROOT, `dev-manifest-${port}`, "manifest.xml")}.`
    );
    expect(JSON.parse(readFileSync(pidFile(), "utf8")).pid).toBe(server);
    await expect(fetchStatus(`https://localhost:${port}/taskpane.html`)).resolves.toMatchObject({
      status: 200,
    });
  }, 60000);

  test("npm stop stops it; npm stop again says nothing runs", async () => {
    const exited = new Promise<number | null>((r) => first!.on("exit", (code) => r(code)));
    const stop = script("stop.js");
    expect(stop.stdout).toBe(`Stopped the KC Financials dev server (pid ${server}).\n`);
    await expect(exited).resolves.toBe(0);
    expect(existsSync(pidFile())).toBe(false);
    expect(existsSync(join(ROOT, `dev-manifest-${port}`))).toBe(false);
    expect(script("stop.js").stdout).toBe(
      `No KC Financials dev server started by npm start is running on port ${port}.\n`
    );
    first = undefined;
  }, 60000);

  test("a port taken by another program: one line saying so, exit 1, no stack trace", async () => {
    const other: Server = createServer();
    await new Promise<void>((r) => other.listen(port, "localhost", r));
    const r = script("start.js");
    await new Promise((done) => other.close(done));
    expect(r.status).toBe(1);
    expect(r.stderr.trim().split("\n")).toEqual([
      `npm start: port ${port} is in use by another program (not a dev server started by npm start); stop it, or set a free port in package.json's config.dev_server_port (or KC_DEV_SERVER_PORT for one run), and run npm start again.`,
    ]);
    expect(existsSync(pidFile())).toBe(false);
  }, 60000);
});
