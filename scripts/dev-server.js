// What scripts/start.js and scripts/stop.js share: where the tools are, and how they find the
// dev server they run on machines without desktop Excel (one per port, in a pid file).
const fs = require("fs");
const net = require("net");
const path = require("path");

const root = path.resolve(__dirname, "..");

/**
 * The one place the port comes from: package.json's config.dev_server_port, or for one run
 * $KC_DEV_SERVER_PORT. npm passes the config to its scripts as npm_package_config_dev_server_port,
 * but webpack, the scripts and the tests also run outside npm, so it is read from package.json.
 * The dev server, npm start and npm stop, and the served manifest's URLs (webpack.config.js,
 * scripts/dev-manifest.js) all take it from here. A value that is no port throws, in one line.
 */
function devServerPort() {
  const [where, value] = process.env.KC_DEV_SERVER_PORT
    ? ["KC_DEV_SERVER_PORT", process.env.KC_DEV_SERVER_PORT]
    : ["config.dev_server_port in package.json", require("../package.json").config.dev_server_port];
  const port = Number(value);
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    throw new Error(
      `${where} is ${JSON.stringify(value)}; it must be a port number from 1 to 65535, such as 3000`
    );
  return port;
}

const port = devServerPort();
const pidFile = path.join(root, `.kc-dev-server-${port}.pid`);

/** The pid of the dev server `npm start` runs on this port, if that process is alive. */
function runningServer() {
  let pid;
  try {
    pid = Number(JSON.parse(fs.readFileSync(pidFile, "utf8")).pid);
    process.kill(pid, 0);
  } catch {
    return undefined;
  }
  // A pid file left by a crash may name a process that reused the pid: on Linux, make sure it
  // is webpack (the dev server); elsewhere the signal-0 check above is all there is.
  try {
    const command = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8");
    if (!command.includes("webpack")) return undefined;
  } catch {
    // no /proc (macOS): trust the pid file
  }
  return pid;
}

/** Whether something already listens on the port (another program, or a server without a pid file). */
function portInUse() {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once("error", (e) => resolve(e.code === "EADDRINUSE" || e.code === "EACCES"));
    probe.once("listening", () => probe.close(() => resolve(false)));
    probe.listen(port, "localhost");
  });
}

/** Removes the pid file only if it is this server's: never another's. */
function forgetServer(pid) {
  try {
    if (Number(JSON.parse(fs.readFileSync(pidFile, "utf8")).pid) === pid) fs.rmSync(pidFile);
  } catch {
    // already gone
  }
}

module.exports = {
  root,
  port,
  pidFile,
  runningServer,
  portInUse,
  forgetServer,
  rememberServer: (pid) => fs.writeFileSync(pidFile, JSON.stringify({ pid, port })),
  /** Windows and macOS have desktop Excel, where office-addin-debugging sideloads. */
  desktopExcel: process.platform === "win32" || process.platform === "darwin",
  /** A tool from node_modules/.bin, as the platform names it. */
  bin: (name) =>
    path.join(root, "node_modules", ".bin", process.platform === "win32" ? `${name}.cmd` : name),
};
