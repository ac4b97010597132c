import { Financials } from "../../../src/core/financials";
import { KcFormulas } from "../../../src/core/formulas";
import { bundledDataset } from "../../../src/data/load";
import { formulaFor, insertIntoActiveCell, searchItems } from "../../../src/taskpane/builder-panel";
import { FakeExcel } from "../../helpers/fake-excel";

/**
 * The formula builder's logic: finding a line item by what an analyst types, and the KC formula
 * for it. (Its DOM wiring, setUpBuilder, is exercised in the browser by the end-to-end tests.)
 */

const kcf = new KcFormulas(new Financials(bundledDataset()));
const item = (id: string) => kcf.fin.catalogue.get(id)!;
const ids = (query: string, limit?: number) => searchItems(kcf, query, limit).map((i) => i.id);

describe("searchItems", () => {
  test("nothing typed, nothing found", () => {
    expect(ids("")).toEqual([]);
    expect(ids("   ")).toEqual([]);
  });

  test("a label as printed comes first, then labels that contain it, in the release's order", () => {
    expect(ids("Gross profit")).toEqual([
      "is.gross_profit",
      "ng.gp.gross_profit",
      "ng.adjusted_gross_profit",
    ]);
    expect(ids("gross margin")).toEqual(["ng.gross_margin", "ng.adjusted_gross_margin"]);
  });

  test("every word typed, in any order and any case", () => {
    expect(ids("total revenues")).toEqual(["revenue.total"]);
    expect(ids("revenues total")).toEqual(["revenue.total"]);
    expect(ids("REVENUES TOTAL")).toEqual(["revenue.total"]);
  });

  test("a straight apostrophe finds the release's curly one", () => {
    expect(ids("shareholders' equity")[0]).toBe("bs.total_shareholders_equity");
    expect(ids("shareholders’ equity")[0]).toBe("bs.total_shareholders_equity");
  });

  test("the section is part of what is searched: two lines of the same label told apart", () => {
    expect(ids("current prepayments")).toEqual([
      "bs.prepayments_current",
      "bs.prepayments_non_current",
    ]);
    expect(ids("non-current prepayments")).toEqual(["bs.prepayments_non_current"]);
  });

  test("an id finds its item first; part of an id finds the items under it", () => {
    expect(ids("bs.cash")).toEqual(["bs.cash"]);
    expect(ids("ng.gp")).toEqual(["ng.gp.gross_profit", "ng.gp.sbc"]);
    expect(ids("idc")).toEqual(["is.cor.idc"]);
    expect(ids("sbc")).toEqual(["ng.gp.sbc", "ng.nl.sbc", "ng.ol.sbc"]);
  });

  test("labels that contain the words come before items found by id only", () => {
    const found = ids("revenue");
    expect(found[0]).toBe("revenue.total");
    // "Public cloud services" is found by its id, revenue.public: after every label match.
    expect(found.indexOf("revenue.public")).toBeGreaterThan(found.indexOf("is.cost_of_revenues"));
  });

  test("at most twelve by default, or as many as asked", () => {
    expect(ids("a")).toHaveLength(12);
    expect(ids("a", 3)).toHaveLength(3);
    expect(ids("a", 3)).toEqual(ids("a").slice(0, 3));
  });

  test("no match, nothing found", () => {
    expect(ids("zzz")).toEqual([]);
    expect(ids("revenue zzz")).toEqual([]);
  });
});

describe("formulaFor", () => {
  test("an amount takes period, currency and unit", () => {
    expect(formulaFor(item("revenue.total"), "2026Q1", "RMB", "thousands")).toBe(
      '=KC.VALUE("revenue.total","2026Q1","RMB","thousands")'
    );
    expect(formulaFor(item("bs.cash"), "LQ", "USD", "millions")).toBe(
      '=KC.VALUE("bs.cash","LQ","USD","millions")'
    );
  });

  test("a per-share figure takes a currency, never a unit", () => {
    expect(formulaFor(item("is.eps_basic_diluted"), "LQ-4", "USD", "millions")).toBe(
      '=KC.VALUE("is.eps_basic_diluted","LQ-4","USD")'
    );
  });

  test("percentages, counts and the rate take the period only", () => {
    expect(formulaFor(item("ng.adjusted_ebitda_margin"), "2026Q1", "USD", "millions")).toBe(
      '=KC.VALUE("ng.adjusted_ebitda_margin","2026Q1")'
    );
    expect(formulaFor(item("is.shares_basic_diluted"), "LQ-1", "RMB", "thousands")).toBe(
      '=KC.VALUE("is.shares_basic_diluted","LQ-1")'
    );
    expect(formulaFor(item("fx.rmb_per_usd"), "2026-03-31", "RMB", "thousands")).toBe(
      '=KC.VALUE("fx.rmb_per_usd","2026-03-31")'
    );
  });

  test("whatever is chosen is written as a text literal, quotes doubled", () => {
    expect(formulaFor(item("revenue.total"), 'say "Q1"', "RMB", "thousands")).toBe(
      '=KC.VALUE("revenue.total","say ""Q1""","RMB","thousands")'
    );
  });
});

describe("inserting the built formula into the active cell", () => {
  const formula = '=KC.REVENUE("2026Q1")';
  const workbook = () => {
    const fake = new FakeExcel([{ name: "Mine", cells: { A1: 1 } }]);
    fake.selection = { sheet: "Mine", address: "B2:C3" };
    return fake;
  };

  test("goes into the selection's first cell", async () => {
    const fake = workbook();
    await insertIntoActiveCell(formula, fake.api);
    expect(fake.cell("Mine", "B2")).toEqual({ formula });
  });

  test("a failed sync: not written and said so, or written with the answer lost and taken as done", async () => {
    const fake = workbook();
    const before = fake.snapshot();
    fake.failAt(1, 0);
    await expect(insertIntoActiveCell(formula, fake.api)).rejects.toThrow(
      "Inserting the formula failed (Simulated failure during sync); the cell is as it was."
    );
    expect(fake.snapshot()).toBe(before);
    // The batch (the active cell got, its formula set) ran whole; its answer was lost.
    fake.failAt(fake.syncs + 1, 2);
    const failed = fake.syncs + 1;
    await expect(insertIntoActiveCell(formula, fake.api)).resolves.toBeUndefined();
    expect(fake.syncs).toBe(failed + 1);
    expect(fake.cell("Mine", "B2")).toEqual({ formula });
  });

  test("when Excel does not answer after the failure either, the analyst is told to look", async () => {
    const fake = workbook();
    fake.failAt(1, 2);
    fake.failAt(2, 0);
    await expect(insertIntoActiveCell(formula, fake.api)).rejects.toThrow(
      "Inserting the formula failed (Simulated failure during sync), and Excel did not say whether the active cell holds it: look at the cell (Ctrl+Z takes it out)."
    );
  });
});
