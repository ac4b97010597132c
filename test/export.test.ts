import ExcelJS from "exceljs";
import JSZip from "jszip";
import { mkdtempSync, readFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { HyperFormula } from "hyperformula";
import { kc } from "./helpers/cli";
import { TAB_TITLES } from "./helpers/expected";

/** `kc export` writes the model; exceljs reads it back; a formula engine without the add-in recalculates it. */

const dir = mkdtempSync(join(tmpdir(), "kc-export-"));

async function exported(args: string[]): Promise<ExcelJS.Workbook> {
  const file = join(dir, `${args.join("-") || "default"}.xlsx`);
  const r = kc(["export", file, ...args]);
  expect(r.stderr).toBe("");
  expect(r.code).toBe(0);
  expect(r.stdout).toMatch(/all \d+ checks are zero/);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

function findRow(ws: ExcelJS.Worksheet, label: string): number {
  for (let r = 1; r <= ws.rowCount; r++) if (ws.getCell(r, 1).value === label) return r;
  throw new Error(`no row ${label} on ${ws.name}`);
}

test("tabs, inputs as values with their source, formulas with cached results (RMB thousands)", async () => {
  const wb = await exported([]);
  expect(wb.worksheets.map((w) => w.name)).toEqual(TAB_TITLES);
  const is = wb.getWorksheet("KC Income Statement") as ExcelJS.Worksheet;
  const pub = is.getCell(findRow(is, "Public cloud services"), 4);
  expect(pub.value).toBe(1996301);
  expect(pub.note).toContain(
    'row "Public cloud services", column "Three Months Ended Mar 31, 2026 RMB", line 539'
  );
  const total = is.getCell(findRow(is, "Total revenues"), 4);
  expect(total.value).toEqual({ formula: "D6+D7", result: 2703732 });
  expect(total.numFmt).toBe('#,##0;(#,##0);"-"');
  expect(total.font.bold).toBe(true);
  expect(pub.font.color?.argb).toBe("FF0000FF");
  const check = is.getCell(findRow(is, "Total revenues"), 8);
  // exceljs reads a cached 0 back as no result; the file itself holds <v>0</v> (checked below).
  expect(check.value).toMatchObject({ formula: "ROUND(D8-2703732,0)" });
  const zip = await JSZip.loadAsync(readFileSync(join(dir, "default.xlsx")));
  const sheetXml = await zip.file("xl/worksheets/sheet1.xml")!.async("string");
  expect(sheetXml).toMatch(/<c r="H8"[^>]*><f>ROUND\(D8-2703732,0\)<\/f><v>0<\/v><\/c>/);
  expect(is.views[0]).toMatchObject({ state: "frozen", xSplit: 1, ySplit: 4 });

  const recon = wb.getWorksheet("KC Non-GAAP Reconciliation") as ExcelJS.Worksheet;
  expect(
    recon.getCell(findRow(recon, "Adjusted EBITDA (Non-GAAP Financial Measure)"), 4).value
  ).toMatchObject({ result: 747506 });
  const margin = recon.getCell(
    findRow(recon, "Adjusted EBITDA margin (Non-GAAP Financial Measure)"),
    4
  );
  expect((margin.value as ExcelJS.CellFormulaValue).result).toBeCloseTo(747506 / 2703732, 12);
  expect(margin.numFmt).toBe("0.0%");

  const checks = wb.getWorksheet("KC Checks") as ExcelJS.Worksheet;
  expect(checks.getCell(4, 4).value).toMatchObject({ result: "ALL CHECKS PASS" });
  const cf = wb.getWorksheet("KC Cash Flow") as ExcelJS.Worksheet;
  const link = cf.getCell(
    findRow(cf, "Per balance sheet (cash + restricted cash), end of period"),
    4
  );
  expect(link.value).toEqual({
    formula: "'KC Balance Sheet'!C7+'KC Balance Sheet'!C8",
    result: 4950694,
  });
});

test("US$ millions, and the workbook recalculates to its cached results without the add-in", async () => {
  const wb = await exported(["--currency", "USD", "--unit", "millions"]);
  const is = wb.getWorksheet("KC Income Statement") as ExcelJS.Worksheet;
  expect(is.getCell(findRow(is, "Public cloud services"), 4).value).toBe(289.403);
  expect(is.getCell(2, 1).value).toMatch(/^US\$ millions/);

  const engine = HyperFormula.buildEmpty({ licenseKey: "gpl-v3", precisionRounding: 15 });
  const cached: { sheet: number; row: number; col: number; result: unknown }[] = [];
  for (const ws of wb.worksheets) engine.addSheet(ws.name);
  engine.batch(() => {
    for (const ws of wb.worksheets) {
      const sheet = engine.getSheetId(ws.name) as number;
      ws.eachRow((row, r) =>
        row.eachCell((cell, c) => {
          const v = cell.value as ExcelJS.CellValue;
          if (v && typeof v === "object" && "formula" in v) {
            expect(v.formula).not.toContain("KC.");
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
  expect(cached.length).toBeGreaterThan(300);
  for (const f of cached) {
    const got = engine.getCellValue(f);
    if (typeof f.result === "number")
      expect(Math.abs((got as number) - f.result)).toBeLessThan(
        1e-9 * Math.max(1, Math.abs(f.result))
      );
    else expect(got).toBe(f.result);
  }
  const checks = engine.getSheetId("KC Checks") as number;
  expect(engine.getCellValue({ sheet: checks, row: 3, col: 3 })).toBe("ALL CHECKS PASS");
});

test("a bad option is refused", () => {
  const r = kc(["export", join(dir, "x.xlsx"), "--unit", "billions"]);
  expect(r.code).toBe(2);
  expect(r.stderr).toContain('Unknown unit "billions"; expected thousands or millions');
});
