import { spawnSync } from "child_process";
import { mkdirSync, readFileSync, writeFileSync } from "fs";
import { basename, join } from "path";

/**
 * LibreOffice Calc, headless, as a second spreadsheet engine that knows nothing of KC: it opens
 * an exported workbook, recalculates every formula (forced on load; its default is to trust the
 * cached results) and writes each sheet's values, or prints the workbook to PDF.
 */

export const soffice = spawnSync("sh", ["-c", "command -v soffice"], {
  encoding: "utf8",
}).stdout.trim();

export const pdftotext = spawnSync("sh", ["-c", "command -v pdftotext"], {
  encoding: "utf8",
}).stdout.trim();

/** Runs the tests where LibreOffice is installed; skips them with a reason elsewhere, fails under CI. */
export function withLibreOffice(name: string, fn: () => Promise<void>, timeout = 240000) {
  if (soffice && pdftotext) return test(name, fn, timeout);
  if (process.env.CI === "true")
    return test(name, async () => {
      throw new Error(
        "CI needs LibreOffice and poppler (.ci/run installs libreoffice-calc-nogui and poppler-utils)"
      );
    });
  console.info(
    `Skipped "${name}": LibreOffice or pdftotext is not installed (apt-get install libreoffice-calc-nogui poppler-utils).`
  );
  return test.skip(name, fn);
}

/** A LibreOffice profile that recalculates .xlsx files when it loads them. */
function profile(dir: string): string {
  const user = join(dir, "profile", "user");
  mkdirSync(user, { recursive: true });
  writeFileSync(
    join(user, "registrymodifications.xcu"),
    `<?xml version="1.0" encoding="UTF-8"?><oor:items xmlns:oor="http://openoffice.org/2001/registry"><item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item></oor:items>`
  );
  return `file://${join(dir, "profile")}`;
}

function convert(files: string[], to: string, dir: string): void {
  const r = spawnSync(
    soffice,
    [
      `-env:UserInstallation=${profile(dir)}`,
      "--headless",
      "--convert-to",
      to,
      ...files,
      "--outdir",
      dir,
    ],
    { encoding: "utf8", timeout: 200000 }
  );
  if (r.status !== 0) throw new Error(`soffice failed: ${r.stderr || r.stdout}`);
}

export type Sheets = Map<string, string[][]>;

/**
 * Every sheet of each workbook after LibreOffice recalculated it: raw values (not as formatted),
 * one CSV file per sheet.
 */
export function recalculate(
  files: string[],
  sheetNames: string[],
  dir: string
): Map<string, Sheets> {
  // Comma-separated, double quotes, UTF-8, values as stored rather than as shown, every sheet.
  convert(
    files,
    "csv:Text - txt - csv (StarCalc):44,34,UTF8,1,,0,false,true,false,false,false,-1",
    dir
  );
  const out = new Map<string, Sheets>();
  for (const file of files) {
    const stem = basename(file).replace(/\.xlsx$/, "");
    const sheets: Sheets = new Map();
    for (const name of sheetNames)
      sheets.set(name, parseCsv(readFileSync(join(dir, `${stem}-${name}.csv`), "utf8")));
    out.set(file, sheets);
  }
  return out;
}

/** The workbook printed to PDF as LibreOffice prints it, as text page by page. */
export function printedPages(file: string, dir: string): string[] {
  convert([file], "pdf", dir);
  const pdf = join(dir, basename(file).replace(/\.xlsx$/, ".pdf"));
  const r = spawnSync(pdftotext, ["-layout", pdf, "-"], { encoding: "utf8", maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`pdftotext failed: ${r.stderr}`);
  return r.stdout.split("\f").filter((p) => p.trim() !== "");
}

function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let k = 0; k < text.length; k++) {
    const ch = text[k];
    if (quoted) {
      if (ch === '"' && text[k + 1] === '"') {
        field += '"';
        k++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      row.push(field);
      field = "";
    } else if (ch === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else if (ch !== "\r") field += ch;
  }
  if (field || row.length) rows.push([...row, field]);
  return rows;
}
