// `npm stop`: the counterpart of scripts/start.js.
const { spawnSync } = require("child_process");
const fs = require("fs");
const { bin, desktopExcel, pidFile, root } = require("./dev-server");

if (desktopExcel) {
  process.exit(
    spawnSync(bin("office-addin-debugging"), ["stop", "manifest.xml"], {
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
