// `npm stop`: the counterpart of scripts/start.js.
const { spawnSync } = require("child_process");
const fs = require("fs");
const { devManifestPath } = require("./dev-manifest");

function main() {
  let dev;
  try {
    dev = require("./dev-server");
  } catch (e) {
    console.error(`npm stop: ${e.message}`);
    process.exitCode = 2;
    return;
  }
  if (dev.desktopExcel) {
    // The manifest npm start sideloaded, for the same port.
    process.exitCode =
      spawnSync(dev.bin("office-addin-debugging"), ["stop", devManifestPath(dev.port)], {
        cwd: dev.root,
        stdio: "inherit",
        shell: process.platform === "win32",
      }).status ?? 0;
    return;
  }
  const pid = dev.runningServer();
  if (pid) {
    process.kill(pid, "SIGTERM");
    dev.forgetServer(pid);
    console.log(`Stopped the KC Financials dev server (pid ${pid}).`);
  } else {
    // A pid file here names no live server (left by a crash): it goes.
    fs.rmSync(dev.pidFile, { force: true });
    console.log(`No KC Financials dev server started by npm start is running on port ${dev.port}.`);
  }
}

main();
