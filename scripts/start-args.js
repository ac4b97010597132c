// What `npm start -- ...` asks for, as the Office templates read it (what office-addin-debugging
// start takes after the manifest): `npm start` (desktop Excel where there is one, else Excel on
// the web), `npm start -- web --document URL` (Excel on the web, sideloaded into that workbook),
// `npm start -- desktop [--document FILE]`. Anything else is refused in one line.
const APPS = new Set(["desktop", "web"]);
const WEB_EXAMPLE = `npm start -- web --document "https://contoso.sharepoint.com/...xlsx?web=1"`;

function startArgs(argv, desktopExcel) {
  let app;
  let document;
  for (let k = 0; k < argv.length; k++) {
    const a = argv[k];
    if (APPS.has(a) && app === undefined) app = a;
    else if (a === "--document" || a === "-d" || a.startsWith("--document=")) {
      document = a.startsWith("--document=") ? a.slice("--document=".length) : argv[++k];
      if (!document || document.startsWith("-"))
        throw new Error(`--document needs the workbook, e.g. ${WEB_EXAMPLE}`);
    } else
      throw new Error(
        `unknown argument "${a}"; expected npm start, or npm start -- web --document URL`
      );
  }
  app ??= desktopExcel ? "desktop" : "web";
  if (app === "desktop" && !desktopExcel)
    throw new Error(
      `there is no desktop Excel on ${process.platform}; use Excel on the web: npm start, or ${WEB_EXAMPLE}`
    );
  // Desktop Excel opens a file; Excel on the web, a workbook's address.
  if (app === "web" && document !== undefined && !/^https:\/\/\S+$/.test(document))
    throw new Error(
      `--document needs the workbook's https URL (its address in Excel on the web), e.g. ${WEB_EXAMPLE}; got "${document}"`
    );
  return { app, document };
}

/**
 * The workbook's URL with the query that sideloads the add-in from the dev server, as
 * office-addin-dev-settings builds it for `office-addin-debugging start ... web --document`
 * (wdaddindevserverport, wdaddinmanifestfile, wdaddinmanifestguid).
 */
function sideloadUrl(document, port, manifestId) {
  const query = `wdaddindevserverport=${port}&wdaddinmanifestfile=manifest.xml&wdaddinmanifestguid=${manifestId}`;
  return `${document}${document.includes("?") ? "&" : "?"}${query}`;
}

module.exports = { startArgs, sideloadUrl };
