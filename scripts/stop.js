// `npm stop`: the counterpart of scripts/start.js.
const { spawnSync } = require("child_process");
const fs = require("fs");
const path = require("path");

const root = path.resolve(__dirname, "..");
const pidFile = path.join(root, ".kc-dev-server.pid");

if (process.platform === "win32" || process.platform === "darwin") {
  const bin = path.join(
    root,
    "node_modules",
    ".bin",
    process.platform === "win32" ? "office-addin-debugging.cmd" : "office-addin-debugging"
  );
  process.exit(
    spawnSync(bin, ["stop", "manifest.xml"], {
      cwd: root,
      stdio: "inherit",
      shell: process.platform === "win32",
    }).status ?? 0
  );
} else if (fs.existsSync(pidFile)) {
  const pid = Number(fs.readFileSync(pidFile, "utf8"));
  try {
    process.kill(pid, "SIGTERM");
    console.log(`Stopped the KC Financials dev server (pid ${pid}).`);
  } catch {
    console.log("The KC Financials dev server was not running.");
  }
  fs.rmSync(pidFile, { force: true });
} else {
  console.log("The KC Financials dev server is not running.");
}
