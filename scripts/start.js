// `npm start [-- desktop | web] [--document URL]`: as in the Office add-in templates, sideload
// into desktop Excel, or into a workbook in Excel on the web, with office-addin-debugging where it
// can (Windows, macOS). Elsewhere (office-addin-debugging refuses Linux, and no browser is opened
// from here), and for Excel on the web without a workbook, serve the add-in over https and print
// the steps that sideload it. A second `npm start` finds the first server and leaves it alone.
const { spawn } = require("child_process");
const fs = require("fs");
const { devManifestPath, devUrl, removeDevManifest, writeDevManifest } = require("./dev-manifest");
const { sideloadUrl, startArgs } = require("./start-args");

/** A mistake of the user's: one line, no stack trace. */
function refuse(message, code) {
  console.error(`npm start: ${message}`);
  process.exitCode = code;
}

function run(dev, command, args) {
  const child = spawn(command, args, {
    cwd: dev.root,
    stdio: "inherit",
    shell: process.platform === "win32",
  });
  child.on("exit", (code) => process.exit(code ?? 0));
  return child;
}

/** What the dev server serves: the URLs the manifest for its port names. */
function served(port) {
  return [
    `  task pane (a preview in any browser): ${devUrl(port)}taskpane.html`,
    `  custom functions metadata:           ${devUrl(port)}functions.json`,
    `  manifest (its URLs on this server):  ${devUrl(port)}manifest.xml`,
  ];
}

async function serve(dev, asked) {
  const running = dev.runningServer();
  if (running) {
    console.log(
      [
        `KC Financials is already being served (dev server pid ${running}):`,
        ...served(dev.port),
        ...(asked.document ? ["", ...webSteps(dev, asked)] : []),
        "Stop it with `npm stop`.",
      ].join("\n")
    );
    return;
  }
  if (await dev.portInUse()) {
    refuse(
      `port ${dev.port} is in use by another program (not a dev server started by npm start); stop it, or set a free port in package.json's config.dev_server_port (or KC_DEV_SERVER_PORT for one run), and run npm start again.`,
      1
    );
    return;
  }
  writeDevManifest(dev.port);
  console.log(`Building KC Financials and serving it on ${devUrl(dev.port)} ...`);
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
          ...served(dev.port),
          "",
          ...webSteps(dev, asked),
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
    removeDevManifest(dev.port);
    process.exit(signal === "SIGTERM" ? 0 : (code ?? 0));
  });
}

/** How to sideload into Excel on the web from here: into the workbook asked for, or any. */
function webSteps(dev, asked) {
  const manifest = devManifestPath(dev.port);
  const upload = [
    "  open a workbook, then Insert > Add-ins > Upload My Add-in (or Home > Add-ins > More Add-ins >",
    `  Upload My Add-in) and choose ${manifest}.`,
  ];
  if (!asked.document)
    return [
      dev.desktopExcel
        ? "To use the add-in in Excel on the web:"
        : "There is no desktop Excel on this machine. To use the add-in in Excel on the web:",
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

function main() {
  let dev, asked;
  try {
    dev = require("./dev-server");
    asked = startArgs(process.argv.slice(2), dev.desktopExcel);
  } catch (e) {
    refuse(e.message, 2);
    return;
  }
  // office-addin-debugging opens desktop Excel, or the browser at the workbook (it needs one to
  // open for Excel on the web), with the manifest for the dev server's port, as in the templates.
  if (asked.app === "desktop" || (dev.desktopExcel && asked.document)) {
    run(dev, dev.bin("office-addin-debugging"), [
      "start",
      writeDevManifest(dev.port),
      asked.app,
      ...(asked.document ? ["--document", asked.document] : []),
      "--dev-server-port",
      String(dev.port),
    ]);
  } else {
    serve(dev, asked);
  }
}

main();
