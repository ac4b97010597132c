import ExcelJS from "exceljs";
import JSZip from "jszip";
import { mkdtempSync, readFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { HyperFormula } from "hyperformula";
import { Financials } from "../../../src/core/financials";
import { bundledDataset } from "../../../src/data/load";
import { modelWorkbook } from "../../../src/cli/xlsx-export";
import { buildModel } from "../../../src/sheets/model";
import { DEFAULT_OPTIONS } from "../../../src/sheets/types";
import { kcHere } from "../../helpers/cli";
import { syntheticQuarters } from "../../helpers/synthetic-quarters";
import { TAB_TITLES } from "../../helpers/expected";

/** `kc export` writes the model; exceljs reads it back; a formula engine without the add-in recalculates it. */

const dir = mkdtempSync(join(tmpdir(), "kc-export-"));

async function exported(args: string[]): Promise<ExcelJS.Workbook> {
  const file = join(dir, `${args.join("-") || "default"}.xlsx`);
  const r = await kcHere(["export", file, ...args]);
  expect(r.stderr).toBe("");
  expect(r.code).toBe(0);
  expect(r.stdout).toMatch(/all \d+ checks are zero/);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

/** The row of a label as printed: shown as is, or shortened with the printed one in its note. */
function findRow(ws: ExcelJS.Worksheet, label: string, nth = 0): number {
  let seen = 0;
  for (let r = 1; r <= ws.rowCount; r++) {
    const cell = ws.getCell(r, 1);
    const printed =
      cell.value === label || noteText(cell) === `As printed in the release: ${label}`;
    if (printed && seen++ === nth) return r;
  }
  throw new Error(`no row ${label} on ${ws.name}`);
}

function noteText(cell: ExcelJS.Cell): string | undefined {
  const note = cell.note as string | { texts?: { text: string }[] } | undefined;
  return typeof note === "string" ? note : note?.texts?.map((t) => t.text).join("");
}

test("tabs, inputs as values with their source, links and formulas with cached results (RMB thousands)", async () => {
  const wb = await exported([]);
  expect(wb.worksheets.map((w) => w.name)).toEqual(TAB_TITLES);
  const is = wb.getWorksheet("KC Income Statement") as ExcelJS.Worksheet;
  expect(is.getCell(4, 6).value).toBe("1Q26");
  const pub = findRow(is, "Public cloud services");
  const ent = findRow(is, "Enterprise cloud services");
  const pubQ1 = is.getCell(pub, 6);
  expect(pubQ1.value).toBe(1996301);
  expect(pubQ1.note).toContain(
    'row "Public cloud services", column "Three Months Ended Mar 31, 2026 RMB", line 539'
  );
  expect(pubQ1.font.color?.argb).toBe("FF0000FF");
  expect(is.getCell(pub, 7).value).toBe(289403);
  const total = findRow(is, "Total revenues");
  expect(is.getCell(total, 6).value).toEqual({ formula: `F${pub}+F${ent}`, result: 2703732 });
  expect(is.getCell(total, 6).numFmt).toBe('#,##0_);(#,##0);"-"_)');
  expect(is.getCell(total, 6).font.bold).toBe(true);
  // The release's own total, as reported, and the check that takes one from the other.
  const reported = findRow(is, "Total revenues", 1);
  expect(is.getCell(reported, 6).value).toBe(2703732);
  expect(is.getCell(reported, 6).note).toContain("line 553");
  const check = findRow(is, "Total revenues", 2);
  expect(is.getCell(check, 6).value).toMatchObject({ formula: `ROUND(F${total}-F${reported},0)` });
  const yoy = is.getCell(reported, 8);
  expect(yoy.value).toBe(0.372);
  expect(yoy.note).toContain('=KC.GROWTH("revenue.total","2026Q1","YoY","reported")');
  expect(yoy.note).toContain("line 9");
  const zip = await JSZip.loadAsync(readFileSync(join(dir, "default.xlsx")));
  // KC Dashboard is the first sheet, KC Income Statement the second.
  const sheetXml = await zip.file("xl/worksheets/sheet2.xml")!.async("string");
  expect(sheetXml).toContain(`<f>ROUND(F${total}-F${reported},0)</f><v>0</v>`);
  expect(is.views[0]).toMatchObject({
    state: "frozen",
    xSplit: 1,
    ySplit: 4,
    showGridLines: false,
  });
  expect(is.pageSetup).toMatchObject({
    orientation: "landscape",
    fitToPage: true,
    fitToWidth: 1,
    // One page wide, as many tall as it takes: the scale follows the width (9 pt or more).
    fitToHeight: 0,
    printTitlesRow: "1:4",
    printTitlesColumn: "A:A",
  });
  const labels: number[] = [];
  is.getColumn(1).eachCell((cell, r) => {
    if (r > 4 && typeof cell.value === "string") labels.push(cell.value.length);
  });
  const longest = Math.max(...labels);
  // Short labels (at most 40 characters), and column A as wide as Calibri needs for them.
  expect(longest).toBeLessThanOrEqual(40);
  expect(is.getColumn(1).width).toBeGreaterThanOrEqual(Math.ceil(longest * 0.9) + 2);

  const recon = wb.getWorksheet("KC Non-GAAP Reconciliation") as ExcelJS.Worksheet;
  const gp = recon.getCell(findRow(recon, "Gross profit"), 6);
  expect(gp.value).toEqual({
    formula: `'KC Income Statement'!F${findRow(is, "Gross profit")}`,
    result: 345748,
  });
  expect(gp.font.color?.argb).toBe("FF007A33");
  expect(
    recon.getCell(findRow(recon, "Adjusted EBITDA (Non-GAAP Financial Measure)"), 6).value
  ).toMatchObject({ result: 747506 });
  const margin = recon.getCell(
    findRow(recon, "Adjusted EBITDA margin (Non-GAAP Financial Measure)"),
    6
  );
  expect((margin.value as ExcelJS.CellFormulaValue).result).toBeCloseTo(747506 / 2703732, 12);
  expect(margin.numFmt).toBe("0.0%_);(0.0%);0.0%_)");

  const checks = wb.getWorksheet("KC Checks") as ExcelJS.Worksheet;
  expect(checks.getCell(4, 3).value).toMatchObject({ result: "ALL CHECKS PASS" });
  const cf = wb.getWorksheet("KC Cash Flow") as ExcelJS.Worksheet;
  const bs = wb.getWorksheet("KC Balance Sheet") as ExcelJS.Worksheet;
  const link = cf.getCell(
    findRow(cf, "Cash, cash equivalents and restricted cash per the balance sheet"),
    6
  );
  expect(link.value).toEqual({
    formula: `'KC Balance Sheet'!F${findRow(bs, "Cash and cash equivalents")}+'KC Balance Sheet'!F${findRow(bs, "Restricted cash")}`,
    result: 4950694,
  });
});

test("US$ millions, and the workbook recalculates to its cached results without the add-in", async () => {
  const wb = await exported(["--currency", "USD", "--unit", "millions"]);
  const is = wb.getWorksheet("KC Income Statement") as ExcelJS.Worksheet;
  const pub = findRow(is, "Public cloud services");
  expect(is.getCell(pub, 6).value).toBe(1996.301);
  const translated = is.getCell(pub, 7).value as ExcelJS.CellFormulaValue;
  expect(translated.formula).toMatch(/^B\d+\/'KC Operating Figures'!F\d+$/);
  expect(translated.result).toBeCloseTo(1353.479 / 6.898, 12);
  expect(is.getCell(4, 7).value).toBe("1Q25 US$*");
  expect(String(is.getCell(2, 1).value)).toContain("US$* at RMB6.8980 = US$1.00");
  expect(is.getCell(1, 1).value).toBe(
    "Kingsoft Cloud (NASDAQ: KC, HKEX: 3896) · Statements of comprehensive loss · RMB and US$ millions"
  );
  expect(is.getCell(pub, 9).value).toBe(289.403);

  const engine = HyperFormula.buildEmpty({ licenseKey: "gpl-v3", precisionRounding: 15 });
  const cached: { sheet: number; row: number; col: number; result: unknown }[] = [];
  for (const ws of wb.worksheets) engine.addSheet(ws.name);
  const kcFormulas: string[] = [];
  engine.batch(() => {
    for (const ws of wb.worksheets) {
      const sheet = engine.getSheetId(ws.name) as number;
      ws.eachRow((row, r) =>
        row.eachCell((cell, c) => {
          const v = cell.value as ExcelJS.CellValue;
          if (v && typeof v === "object" && "formula" in v) {
            if (String(v.formula).includes("KC.")) kcFormulas.push(String(v.formula));
            engine.setCellContents({ sheet, row: r - 1, col: c - 1 }, [[`=${v.formula}`]]);
            // exceljs reads a cached 0 back as no result (the file holds <v>0</v>).
            cached.push({ sheet, row: r - 1, col: c - 1, result: v.result ?? 0 });
          } else {
            engine.setCellContents({ sheet, row: r - 1, col: c - 1 }, [
              [v as string | number | null],
            ]);
          }
        })
      );
    }
  });
  expect(kcFormulas).toEqual([]);
  expect(cached.length).toBeGreaterThan(1000);
  const differ = cached.filter((f) => {
    const got = engine.getCellValue(f);
    return typeof f.result === "number"
      ? !(Math.abs((got as number) - f.result) < 1e-9 * Math.max(1, Math.abs(f.result)))
      : got !== f.result;
  });
  expect(differ).toEqual([]);
  const checks = engine.getSheetId("KC Checks") as number;
  expect(engine.getCellValue({ sheet: checks, row: 3, col: 2 })).toBe("ALL CHECKS PASS");
});

test("KC Dashboard prints on one landscape page, its figures and charts, no title rows, nothing frozen", async () => {
  const wb = await exported([]);
  const dashboard = wb.getWorksheet("KC Dashboard") as ExcelJS.Worksheet;
  expect(dashboard.views[0]).toMatchObject({ state: "normal", showGridLines: false });
  expect(dashboard.pageSetup).toMatchObject({
    orientation: "landscape",
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 1,
    printTitlesColumn: "A:A",
  });
  expect(dashboard.pageSetup.printTitlesRow).toBeUndefined();
  const zip = await JSZip.loadAsync(readFileSync(join(dir, "default.xlsx")));
  const workbook = await zip.file("xl/workbook.xml")!.async("string");
  const printed = [
    ...workbook.matchAll(/<definedName name="(_xlnm\.[A-Za-z_]+)" localSheetId="0">([^<]*)</g),
  ];
  // Rows absolute, as Excel writes them: LibreOffice prints all of a sheet from $A1:$L40.
  expect(printed.map((m) => [m[1], m[2].replace(/&apos;/g, "'")])).toEqual([
    ["_xlnm.Print_Area", "'KC Dashboard'!$A$1:$L$40"],
    ["_xlnm.Print_Titles", "'KC Dashboard'!$A:$A"],
  ]);
  expect(workbook).toContain(
    `<definedName name="_xlnm.Print_Titles" localSheetId="1">&apos;KC Income Statement&apos;!$A:$A,&apos;KC Income Statement&apos;!$1:$4</definedName>`
  );
  expect(workbook).toMatch(/localSheetId="1">&apos;KC Income Statement&apos;!\$A\$1:\$I\$\d+</);
});

test("a bad option is refused", async () => {
  const r = await kcHere(["export", join(dir, "x.xlsx"), "--unit", "billions"]);
  expect(r.code).toBe(2);
  expect(r.stderr).toContain('Unknown unit "billions"; expected thousands or millions');
});

test("at twelve quarters (SYNTHETIC) the older quarters are an outline group, collapsed and hidden", async () => {
  const model = buildModel(
    new Financials(syntheticQuarters(bundledDataset(), 12)),
    DEFAULT_OPTIONS
  );
  const file = join(dir, "twelve.xlsx");
  await modelWorkbook(model).xlsx.writeFile(file);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const is = wb.getWorksheet("KC Income Statement") as ExcelJS.Worksheet;
  const hidden = Array.from({ length: 14 }, (_, k) => is.getColumn(k + 1)).map(
    (c) => `${c.letter}${c.hidden ? ` hidden, level ${c.outlineLevel}` : ""}`
  );
  expect(hidden.slice(0, 10)).toEqual([
    "A",
    "B hidden, level 1",
    "C hidden, level 1",
    "D hidden, level 1",
    "E hidden, level 1",
    "F hidden, level 1",
    "G hidden, level 1",
    "H hidden, level 1",
    "I",
    "J",
  ]);
  expect(is.getCell(4, 9).value).toBe("1Q25");
});

test("the workbook names the task pane writes are in the export too", async () => {
  const file = join(dir, "names.xlsx");
  await modelWorkbook(buildModel(new Financials(bundledDataset()), DEFAULT_OPTIONS)).xlsx.writeFile(
    file
  );
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  expect(wb.definedNames.getRanges("KC_Revenue_LQ").ranges).toEqual(["'KC Income Statement'!$F$8"]);
  expect(wb.definedNames.getRanges("KC_IS_Total_revenues").ranges).toEqual([
    "'KC Income Statement'!$B$8:$F$8",
  ]);
});
