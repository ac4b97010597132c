import { spawnSync } from "child_process";
import { mkdirSync, readFileSync, writeFileSync } from "fs";
import { basename, join } from "path";

/**
 * LibreOffice Calc, headless, as a second spreadsheet engine that knows nothing of KC: it opens
 * an exported workbook, recalculates every formula (forced on load; its default is to trust the
 * cached results) and writes each sheet's values, or prints the workbook to PDF.
 */

function which(command: string): string {
  return spawnSync("sh", ["-c", `command -v ${command}`], { encoding: "utf8" }).stdout.trim();
}

export const soffice = which("soffice");
export const pdftotext = which("pdftotext");
export const pdftoppm = which("pdftoppm");

/**
 * The model's font is Calibri; LibreOffice lays it out (column widths, pages) with Carlito, its
 * metric-compatible twin, where installed, and with a wider font where not.
 */
const carlito = spawnSync("sh", ["-c", "fc-list 2>/dev/null | grep -c Carlito"], {
  encoding: "utf8",
}).stdout.trim();

/** Why LibreOffice cannot be used here as Excel would print, or undefined when it can. */
export function libreOfficeUnavailable(): string | undefined {
  if (soffice && pdftotext && pdftoppm && Number(carlito) > 0) return undefined;
  return "LibreOffice, poppler or the Carlito font is not installed (apt-get install libreoffice-calc-nogui poppler-utils fonts-crosextra-carlito)";
}

/** A LibreOffice profile of our own that recalculates .xlsx files when it loads them. */
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
 * Every sheet of each workbook after LibreOffice recalculated it: values as stored (not as
 * formatted; percentages keep their sign), one CSV file per sheet.
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

/**
 * The workbook printed to PDF as LibreOffice prints it, or only some of its pages ("1-2"); returns
 * the PDF's path.
 */
export function printToPdf(file: string, dir: string, pages?: string): string {
  const range = pages && `:calc_pdf_Export:{"PageRange":{"type":"string","value":"${pages}"}}`;
  convert([file], `pdf${range ?? ""}`, dir);
  return join(dir, basename(file).replace(/\.xlsx$/, ".pdf"));
}

/** A PDF's text, page by page, laid out as printed. */
export function pdfPages(pdf: string): string[] {
  const r = spawnSync(pdftotext, ["-layout", pdf, "-"], { encoding: "utf8", maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`pdftotext failed: ${r.stderr}`);
  return r.stdout.split("\f").filter((p) => p.trim() !== "");
}

/**
 * The height of every word on each page of a PDF, in points, as pdftotext's bounding boxes give
 * them: proportional to the size the word is printed at. A line turned on its side (a chart's
 * value axis title) has its words stacked top to bottom in one column; their size is the
 * column's width, since each box's height is then the word's length.
 */
export function wordHeights(pdf: string): number[][] {
  const r = spawnSync(pdftotext, ["-bbox-layout", pdf, "-"], {
    encoding: "utf8",
    maxBuffer: 1 << 26,
  });
  if (r.status !== 0) throw new Error(`pdftotext failed: ${r.stderr}`);
  const box = (tag: string) =>
    ["xMin", "yMin", "xMax", "yMax"].map((k) =>
      Number(new RegExp(`${k}="([\\d.]+)"`).exec(tag)?.[1])
    );
  return r.stdout
    .split("<page ")
    .slice(1)
    .map((page) =>
      [...page.matchAll(/<line [^>]*>([\s\S]*?)<\/line>/g)].flatMap((line) => {
        const words = [...line[1].matchAll(/<word [^>]*>/g)].map((m) => box(m[0]));
        const [x0, , x1] = words[0] ?? [];
        const sideways =
          words.length > 1 &&
          words.every(([a, , b]) => Math.abs(a - x0) < 0.5 && Math.abs(b - x1) < 0.5) &&
          words.every(
            ([, top], k) =>
              k === 0 || top >= words[k - 1][3] - 0.5 || words[k - 1][1] >= words[k][3] - 0.5
          );
        return words.map(([xMin, yMin, xMax, yMax]) => (sideways ? xMax - xMin : yMax - yMin));
      })
    );
}

/** The workbook as LibreOffice saves it again as .xlsx, in `dir` (not the input's folder). */
export function resaved(file: string, dir: string): string {
  mkdirSync(dir, { recursive: true });
  convert([file], "xlsx:Calc MS Excel 2007 XML", dir);
  return join(dir, basename(file));
}

/** One page's text in the order it was drawn: a chart's title is whole, not interleaved. */
export function pageText(pdf: string, page: number): string {
  const r = spawnSync(pdftotext, ["-raw", "-f", String(page), "-l", String(page), pdf, "-"], {
    encoding: "utf8",
  });
  if (r.status !== 0) throw new Error(`pdftotext failed: ${r.stderr}`);
  return r.stdout;
}

/** The tab a printed page belongs to: every page's footer starts with its tab's name. */
export function footerOf(page: string): string {
  return (page.trimEnd().split("\n").pop() ?? "").trim();
}

/** One page of a PDF as a PNG. */
export function pageImage(pdf: string, page: number, png: string, dpi = 80): void {
  const r = spawnSync(
    pdftoppm,
    [
      "-r",
      String(dpi),
      "-f",
      String(page),
      "-l",
      String(page),
      "-png",
      "-singlefile",
      pdf,
      png.replace(/\.png$/, ""),
    ],
    { encoding: "utf8" }
  );
  if (r.status !== 0) throw new Error(`pdftoppm failed: ${r.stderr}`);
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
