import { DetailedCellError } from "hyperformula";
import { Financials } from "../../../src/core/financials";
import { bundledDataset } from "../../../src/data/load";
import { buildModel } from "../../../src/sheets/model";
import { placeModel } from "../../../src/sheets/placement";
import { DEFAULT_OPTIONS } from "../../../src/sheets/types";
import { modelInEngine } from "../../helpers/model-engine";
import { nextQuarterDataset } from "../../helpers/next-quarter";
import { tabView } from "../../helpers/plan-view";
import { syntheticQuarters } from "../../helpers/synthetic-quarters";

/**
 * KC Valuation: the price and rate the analyst types; market capitalisation, debt, cash, EV and
 * the multiples as links and formulas; n.a. where the data cannot form a figure, never an error.
 */

const model = buildModel(new Financials(bundledDataset()), DEFAULT_OPTIONS);
const val = tabView(model, "valuation");
const at = (label: string) => `B${val.row(label)}`;

test("the price and the exchange rate are the analyst's inputs; the rate starts at the release's", () => {
  expect(val.cell(at("Share price per ADS (US$)"))).toMatchObject({ value: "", style: "driver" });
  const rate = val.cell(at("RMB per US$"))!;
  expect(rate).toMatchObject({ value: 6.898, style: "driver" });
  expect(rate.note).toBe(
    "Starts at the release's convenience rate, RMB6.8980 = US$1.00: the rate of Mar 31, 2026, the release's date, not the market's. Type the rate of the date you value at."
  );
});

test("each figure of the release is a link to its home; debt, net cash and EV are formulas", () => {
  expect(val.text(at("ADSs outstanding at Mar 31, 2026"))).toMatch(
    /^='KC Operating Figures'!F\d+$/
  );
  expect(val.text(at("Short-term borrowings"))).toMatch(/^='KC Balance Sheet'!F\d+$/);
  expect(val.text(at("Cash and cash equivalents"))).toMatch(/^='KC Balance Sheet'!F\d+$/);
  expect(val.value(at("Total debt"))).toBe(6883852);
  expect(val.value(at("Net cash (debt)"))).toBe(4903797 - 6883852);
  expect(val.text(at("Enterprise value"))).toBe(
    `=IF(AND(ISNUMBER(${at("Market capitalisation")}),ISNUMBER(${at("Net cash (debt)")})),${at("Market capitalisation")}-${at("Net cash (debt)")},"n.a.")`
  );
  // No price typed yet: what stands on it is n.a., not an error.
  expect(val.value(at("Enterprise value"))).toBe("n.a.");
  expect(val.text(at("FY1 revenue (FY2026E)"))).toMatch(/^='KC Estimates'!L\d+$/);
});

test("LTM without 2Q25 and 3Q25 is n.a. with a note naming them, and so are its multiples", () => {
  const ltm = val.cell(at("LTM revenue"))!;
  expect(ltm).toMatchObject({ value: "n.a.", style: "missing" });
  expect(ltm.note).toBe(
    "n.a.: the last twelve months to 1Q26 need 2Q25, 3Q25, which no release in the dataset gives (a refresh that brings them writes the sum)"
  );
  expect(val.cell(at("EV / LTM adjusted EBITDA"))?.value).toBe("n.a.");
  expect(val.cell(at("EV / LTM adjusted EBITDA"))?.note).toMatch(/2Q25, 3Q25/);
});

test("in a real formula engine: a price typed gives market cap, EV and the FY1 multiples", () => {
  const { engine, sheet } = modelInEngine(model);
  const cell = (label: string) => ({ sheet: sheet("valuation"), row: val.row(label) - 1, col: 1 });
  const get = (label: string) => {
    const v = engine.getCellValue(cell(label));
    return v instanceof DetailedCellError ? v.value : v;
  };
  expect(get("EV / FY1 revenue (FY2026E)")).toBe("n.a.");
  engine.setCellContents(cell("Share price per ADS (US$)"), [[10]]);
  const cap = (10 * 6.898 * 299369665) / 1000;
  expect(get("Market capitalisation")).toBeCloseTo(cap, 6);
  expect(get("Enterprise value")).toBeCloseTo(cap + 6883852 - 4903797, 6);
  const fy1 = val.value(at("FY1 revenue (FY2026E)")) as number;
  expect(get("EV / FY1 revenue (FY2026E)")).toBeCloseTo((cap + 6883852 - 4903797) / fy1, 9);
  expect(get("EV / LTM revenue")).toBe("n.a.");
  // The rate typed over moves market cap: it is the analyst's, not the release's.
  engine.setCellContents(cell("RMB per US$"), [[7.2]]);
  expect(get("Market capitalisation")).toBeCloseTo((10 * 7.2 * 299369665) / 1000, 6);
});

test("with four quarters in a row (SYNTHETIC), LTM is their sum and its multiples formulas", () => {
  const many = buildModel(new Financials(syntheticQuarters(bundledDataset(), 12)), DEFAULT_OPTIONS);
  const v = tabView(many, "valuation");
  const is = tabView(many, "income_statement");
  const r = is.row("Total revenues");
  expect(v.text(`B${v.row("LTM revenue")}`)).toBe(
    ["J", "K", "L", "M"]
      .map((c) => `'KC Income Statement'!${c}${r}`)
      .join("+")
      .replace(/^/, "=")
  );
  expect(v.text(`B${v.row("EV / LTM revenue")}`)).toMatch(/^=IF\(AND\(ISNUMBER/);
});

test("a workbook name for every figure", () => {
  const names = val.plan.names.map((n) => n.name);
  for (const n of ["KC_VAL_EV", "KC_VAL_Net_cash", "KC_VAL_Total_debt", "KC_VAL_Share_price_USD"])
    expect(names).toContain(n);
  expect(val.plan.names.every((n) => n.from === 1 && n.to === 1)).toBe(true);
});

test("total debt and net cash are what KC.VALUE answers for them: one meaning in tab and function", () => {
  const { engine, sheet } = modelInEngine(model);
  const scratch = engine.getSheetId(engine.addSheet("Scratch")) as number;
  engine.setCellContents({ sheet: scratch, row: 0, col: 0 }, [
    ['=KC.VALUE("total debt","2026Q1")', '=KC.VALUE("net cash","2026Q1")'],
  ]);
  const tab = (label: string) =>
    engine.getCellValue({ sheet: sheet("valuation"), row: val.row(label) - 1, col: 1 });
  expect(engine.getCellValue({ sheet: scratch, row: 0, col: 0 })).toBe(tab("Total debt"));
  expect(engine.getCellValue({ sheet: scratch, row: 0, col: 1 })).toBe(tab("Net cash (debt)"));
});

test("the next quarter (SYNTHETIC) inserts nothing: every row keeps its place, its label may change", () => {
  const next = buildModel(new Financials(nextQuarterDataset(bundledDataset())), DEFAULT_OPTIONS);
  const placed = placeModel(next.plans, new Map(model.plans.map((p) => [p.key, p.layout])));
  const here = placed.find((p) => p.plan.key === "valuation")!;
  expect(here.inserts).toEqual([]);
  expect(here.kept).toEqual({ rows: [], cols: [] });
  expect(tabView(next, "valuation").row("ADSs outstanding at Jun 30, 2026")).toBe(
    val.row("ADSs outstanding at Mar 31, 2026")
  );
});
