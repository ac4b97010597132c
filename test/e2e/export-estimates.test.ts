import ExcelJS from "exceljs";
import { mkdtempSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { Financials } from "../../src/core/financials";
import { bundledDataset } from "../../src/data/load";
import { Dec } from "../../src/domain/decimal";
import { a1 } from "../../src/sheets/a1";
import { buildModel } from "../../src/sheets/model";
import { TAB_NAMES } from "../../src/sheets/types";
import { kc } from "../helpers/cli";
import { TAB_TITLES } from "../helpers/expected";
import { Sheets, libreOffice, recalculate } from "../helpers/libreoffice";
import { tabView } from "../helpers/plan-view";

/**
 * KC Estimates and KC Valuation in the exported workbook, recalculated by LibreOffice, an engine
 * that knows nothing of KC: the estimate headers, no error value anywhere, every figure as the
 * core computes it; a driver typed over moves the estimates, the per-ADS figures and the EV
 * multiples, and not one actual. (Their print at 9 pt or more is measured with every other tab's
 * in export-libreoffice.test.ts.)
 */

const model = buildModel(new Financials(bundledDataset()));
const est = tabView(model, "estimates");
const val = tabView(model, "valuation");
const dir = mkdtempSync(join(tmpdir(), "kc-est-"));

/** A copy of the export with cells typed over, as an analyst would: tab, A1 address, value. */
async function typed(base: string, name: string, cells: [string, string, number][]) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(base);
  for (const [tab, address, value] of cells) wb.getWorksheet(tab)!.getCell(address).value = value;
  const file = join(dir, name);
  await wb.xlsx.writeFile(file);
  return file;
}

const at = (sheets: Sheets, tab: string, address: string): string => {
  const m = /^([A-Z]+)(\d+)$/.exec(address)!;
  return sheets.get(tab)?.[Number(m[2]) - 1]?.[m[1].charCodeAt(0) - 65] ?? "";
};

libreOffice.test(
  "the estimates recalculated by LibreOffice: headers marked E, no error value, a driver moves estimates and multiples only",
  async () => {
    const base = join(dir, "model.xlsx");
    const r = kc(["export", base]);
    expect(r.stderr).toBe("");
    const price: [string, string, number] = [
      TAB_NAMES.valuation,
      `B${val.row("Share price per ADS (US$)")}`,
      10,
    ];
    const priced = await typed(base, "priced.xlsx", [price]);
    const driven = await typed(base, "driven.xlsx", [
      price,
      [TAB_NAMES.estimates, `G${est.row("Public cloud growth, QoQ")}`, 0.2],
      [TAB_NAMES.estimates, `I${est.row("Gross margin")}`, 0.2],
    ]);
    const results = recalculate([base, priced, driven], TAB_TITLES, dir);
    const [plain, before, after] = [base, priced, driven].map((f) => results.get(f)!);

    expect(plain.get(TAB_NAMES.estimates)![3].slice(1, 13)).toEqual([
      "1Q25",
      "2Q25",
      "3Q25",
      "4Q25",
      "1Q26",
      "2Q26E",
      "3Q26E",
      "4Q26E",
      "1Q27E",
      "FY2025",
      "FY2026E",
      "FY2027E",
    ]);
    for (const sheets of [plain, before, after])
      for (const [tab, rows] of sheets)
        for (const row of rows)
          for (const v of row) expect(`${tab}: ${v}`).not.toMatch(/: (#[A-Z/0!?]+|Err:\d+)/);

    // Every figure of the two tabs as the core computes it (no price typed).
    const wrong: string[] = [];
    for (const view of [est, val])
      for (const c of view.plan.cells) {
        if (!c.formula) continue;
        const address = a1(c.row, c.col);
        const exact = view.value(address);
        const got = at(plain, view.plan.name, address);
        const same =
          typeof exact === "number"
            ? got !== "" &&
              Math.abs(Number(got.replace(/%$/, "")) / (got.endsWith("%") ? 100 : 1) - exact) <=
                1e-9 * Math.max(1, Math.abs(exact))
            : got === exact;
        if (!same) wrong.push(`${view.plan.name}!${address}: ${got} for ${exact}`);
      }
    expect(wrong).toEqual([]);
    expect(at(plain, TAB_NAMES.valuation, `B${val.row("Total debt")}`)).toBe("6883852");
    expect(at(plain, TAB_NAMES.valuation, `B${val.row("EV / LTM revenue")}`)).toBe("n.a.");

    // The driver typed over: what moved is in the estimate columns and on the FY1 valuation rows.
    const moved: string[] = [];
    for (const [tab, rows] of after)
      rows.forEach((row, r) =>
        row.forEach((v, c) => {
          if (v !== (before.get(tab)?.[r]?.[c] ?? "")) moved.push(`${tab}!${a1(r, c)}`);
        })
      );
    const estimate = (label: string, col: string) =>
      `${TAB_NAMES.estimates}!${col}${est.row(label)}`;
    for (const label of [
      "Total revenues",
      "Adjusted EBITDA",
      "Net loss per ADS (incl. NCI)",
      "Adjusted net loss per ADS",
    ])
      for (const col of ["G", "H", "I", "J", "L"]) expect(moved).toContain(estimate(label, col));
    for (const label of ["EV / FY1 revenue (FY2026E)", "EV / FY1 adjusted EBITDA (FY2026E)"])
      expect(moved).toContain(`${TAB_NAMES.valuation}!B${val.row(label)}`);
    const outside = moved.filter((k) => {
      const [tab, address] = k.split("!");
      if (tab === TAB_NAMES.estimates) return !/^[G-JL]\d+$/.test(address);
      if (tab === TAB_NAMES.valuation) return !/FY1/.test(val.text(`A${address.slice(1)}`) ?? "");
      return true;
    });
    expect(outside).toEqual([]);
    // 2Q26E's public cloud: 1Q26's grown by the 20% typed.
    expect(
      new Dec(at(after, TAB_NAMES.estimates, `G${est.row("Public cloud services")}`)).toNumber()
    ).toBeCloseTo(1996301 * 1.2, 6);
    expect(at(after, TAB_NAMES.checks, "C4")).toBe("ALL CHECKS PASS");
  },
  240000
);
