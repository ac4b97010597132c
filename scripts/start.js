// `npm start`: where desktop Excel exists (Windows, macOS) sideload and debug as the Office
// templates do; elsewhere (office-addin-debugging refuses Linux) serve the add-in over https
// and say how to sideload it into Excel on the web. A second `npm start` finds the first server
// and leaves it alone.
const { spawn } = require("child_process");
const path = require("path");
const dev = require("./dev-server");

function run(command, args) {
  const child = spawn(command, args, {
    cwd: dev.root,
    stdio: "inherit",
    shell: process.platform === "win32",
  });
  child.on("exit", (code) => process.exit(code ?? 0));
  return child;
}

const served = [
  `  task pane (a preview in any browser): https://localhost:${dev.port}/taskpane.html`,
  `  custom functions metadata:           https://localhost:${dev.port}/functions.json`,
];

async function serve() {
  const running = dev.runningServer();
  if (running) {
    console.log(
      [
        `KC Financials is already being served (dev server pid ${running}):`,
        ...served,
        "Stop it with `npm stop`.",
      ].join("\n")
    );
    return;
  }
  if (await dev.portInUse()) {
    console.error(
      `npm start: port ${dev.port} is in use by another program (not a dev server started by npm start); stop it and run npm start again. The manifest points at https://localhost:${dev.port}/.`
    );
    process.exitCode = 1;
    return;
  }
  console.log(`Building KC Financials and serving it on https://localhost:${dev.port} ...`);
  const server = spawn(dev.bin("webpack"), ["serve", "--mode", "development"], {
    cwd: dev.root,
    stdio: ["inherit", "pipe", "inherit"],
    shell: process.platform === "win32",
  });
  dev.rememberServer(server.pid);
  let told = false;
  server.stdout.on("data", (chunk) => {
    process.stdout.write(chunk);
    if (!told && /compiled successfully/.test(chunk.toString())) {
      told = true;
      console.log(
        [
          "",
          "KC Financials is served:",
          ...served,
          "",
          "There is no desktop Excel on this machine. To use the add-in in Excel on the web:",
          "  open a workbook, then Insert > Add-ins > Upload My Add-in (or Home > Add-ins > More Add-ins >",
          `  Upload My Add-in) and choose ${path.join(dev.root, "manifest.xml")}.`,
          "Stop the server with Ctrl+C or `npm stop`.",
          "",
        ].join("\n")
      );
    }
  });
  const stop = () => server.kill("SIGTERM");
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  server.on("exit", (code, signal) => {
    dev.forgetServer(server.pid);
    process.exit(signal === "SIGTERM" ? 0 : (code ?? 0));
  });
}

if (dev.desktopExcel) {
  run(dev.bin("office-addin-debugging"), ["start", "manifest.xml"]);
} else {
  serve();
}
