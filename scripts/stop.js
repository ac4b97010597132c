// `npm stop`: the counterpart of scripts/start.js.
const { spawnSync } = require("child_process");
const fs = require("fs");
const dev = require("./dev-server");

if (dev.desktopExcel) {
  process.exit(
    spawnSync(dev.bin("office-addin-debugging"), ["stop", "manifest.xml"], {
      cwd: dev.root,
      stdio: "inherit",
      shell: process.platform === "win32",
    }).status ?? 0
  );
} else {
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
