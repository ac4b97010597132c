// What `npm start -- ...` asks for, as the Office templates read it: `npm start` (desktop Excel),
// `npm start -- web --document URL` (Excel on the web, sideloaded into that workbook). Anything
// else is refused in one line.
const APPS = new Set(["desktop", "web"]);

function startArgs(argv) {
  let app = "desktop";
  let document;
  for (let k = 0; k < argv.length; k++) {
    const a = argv[k];
    if (APPS.has(a)) app = a;
    else if (a === "--document" || a === "-d") {
      document = argv[++k];
      if (!document || !/^https:\/\//.test(document))
        throw new Error(
          `--document needs the workbook's https URL, e.g. npm start -- web --document "https://contoso.sharepoint.com/...xlsx?web=1"`
        );
    } else
      throw new Error(
        `unknown argument "${a}"; expected npm start, or npm start -- web --document URL`
      );
  }
  if (document && app !== "web")
    throw new Error("--document is for Excel on the web: npm start -- web --document URL");
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
