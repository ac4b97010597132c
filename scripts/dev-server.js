// What scripts/start.js and scripts/stop.js share: where the tools are, and how they find the
// dev server they run on machines without desktop Excel (one per port, in a pid file).
const fs = require("fs");
const net = require("net");
const path = require("path");

const root = path.resolve(__dirname, "..");
/**
 * The one place the port comes from: package.json's config.dev_server_port (npm 11 no longer
 * passes a package's config to its scripts as npm_package_config_*, so it is read here), or for
 * one run $KC_DEV_SERVER_PORT. The served manifest's URLs are made from it (webpack.config.js).
 */
const port = Number(
  process.env.KC_DEV_SERVER_PORT || require("../package.json").config.dev_server_port
);
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
