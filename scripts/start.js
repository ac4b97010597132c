// `npm start`: where desktop Excel exists (Windows, macOS) sideload and debug as the Office
// templates do; elsewhere (office-addin-debugging refuses Linux) serve the add-in over https
// and say how to sideload it into Excel on the web.
const { spawn } = require("child_process");
const fs = require("fs");
const path = require("path");
const { bin, desktopExcel, pidFile, root } = require("./dev-server");

const port = process.env.npm_package_config_dev_server_port || 3000;

function run(command, args) {
  const child = spawn(command, args, {
    cwd: root,
    stdio: "inherit",
    shell: process.platform === "win32",
  });
  child.on("exit", (code) => process.exit(code ?? 0));
  return child;
}

if (desktopExcel) {
  run(bin("office-addin-debugging"), ["start", "manifest.xml"]);
} else {
  console.log(`Building KC Financials and serving it on https://localhost:${port} ...`);
  const server = spawn(bin("webpack"), ["serve", "--mode", "development"], {
    cwd: root,
    stdio: ["inherit", "pipe", "inherit"],
  });
  fs.writeFileSync(pidFile, String(server.pid));
  let told = false;
  server.stdout.on("data", (chunk) => {
    process.stdout.write(chunk);
    if (!told && /compiled successfully/.test(chunk.toString())) {
      told = true;
      console.log(
        [
          "",
          "KC Financials is served:",
          `  task pane (preview in any browser): https://localhost:${port}/taskpane.html`,
          `  custom functions metadata:          https://localhost:${port}/functions.json`,
          "",
          "There is no desktop Excel on this machine. To use the add-in in Excel on the web:",
          "  open a workbook, then Insert > Add-ins > Upload My Add-in (or Home > Add-ins > More Add-ins >",
          `  Upload My Add-in) and choose ${path.join(root, "manifest.xml")}.`,
          "The development certificate's CA is not trusted here: open the task pane URL once in your",
          "browser and accept the certificate. Stop the server with Ctrl+C or `npm stop`.",
          "",
        ].join("\n")
      );
    }
  });
  const stop = () => server.kill("SIGTERM");
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  server.on("exit", (code) => {
    fs.rmSync(pidFile, { force: true });
    process.exit(code ?? 0);
  });
}
