// What scripts/start.js and scripts/stop.js share: where the tools are, and how they find the
// dev server they run on machines without desktop Excel.
const path = require("path");

const root = path.resolve(__dirname, "..");

module.exports = {
  root,
  pidFile: path.join(root, ".kc-dev-server.pid"),
  /** Windows and macOS have desktop Excel, where office-addin-debugging sideloads. */
  desktopExcel: process.platform === "win32" || process.platform === "darwin",
  /** A tool from node_modules/.bin, as the platform names it. */
  bin: (name) =>
    path.join(root, "node_modules", ".bin", process.platform === "win32" ? `${name}.cmd` : name),
};
