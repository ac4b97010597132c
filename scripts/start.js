// `npm start`: where desktop Excel exists (Windows, macOS) sideload and debug as the Office
// templates do; elsewhere (office-addin-debugging refuses Linux) serve the add-in over https
// and say how to sideload it into Excel on the web. A second `npm start` finds the first server
// and leaves it alone.
const { spawn } = require("child_process");
const fs = require("fs");
const path = require("path");
const dev = require("./dev-server");
const { sideloadUrl, startArgs } = require("./start-args");

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

async function serve(asked) {
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
          ...webSteps(asked),
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

/** How to sideload into Excel on the web from here: into the workbook asked for, or any. */
function webSteps(asked) {
  const manifest = path.join(dev.root, "manifest.xml");
  const upload = [
    "  open a workbook, then Insert > Add-ins > Upload My Add-in (or Home > Add-ins > More Add-ins >",
    `  Upload My Add-in) and choose ${manifest}.`,
  ];
  if (!asked.document)
    return [
      "There is no desktop Excel on this machine. To use the add-in in Excel on the web:",
      ...upload,
    ];
  const id = /<Id>([^<]+)<\/Id>/.exec(fs.readFileSync(manifest, "utf8"))[1];
  return [
    "No browser can be opened from here to sideload into the workbook. Open this address (the",
    "workbook, with the add-in loaded from this dev server, as the Office templates do):",
    `  ${sideloadUrl(asked.document, dev.port, id)}`,
    "or open the workbook and:",
    ...upload,
  ];
}

let asked;
try {
  asked = startArgs(process.argv.slice(2));
} catch (e) {
  console.error(`npm start: ${e.message}`);
  process.exit(2);
}
if (dev.desktopExcel) {
  // As the Office templates do: office-addin-debugging sideloads (into the workbook asked for).
  run(dev.bin("office-addin-debugging"), [
    "start",
    "manifest.xml",
    ...(asked.app === "web"
      ? ["web", ...(asked.document ? ["--document", asked.document] : [])]
      : []),
  ]);
} else {
  serve(asked);
}
