import { Financials } from "../../../src/core/financials";
import { bundledDataset } from "../../../src/data/load";
import { a1 } from "../../../src/sheets/a1";
import { renderFormula } from "../../../src/sheets/expr";
import { buildModel } from "../../../src/sheets/model";
import { PlacementError, mergeKeys, placeModel } from "../../../src/sheets/placement";
import type { Expr, Layout, SheetPlan, TabKey } from "../../../src/sheets/types";
import { DEFAULT_OPTIONS, TAB_NAMES } from "../../../src/sheets/types";
import { thrown } from "../../helpers/thrown";

/**
 * A model placed over tabs written before: rows and columns found again by their keys, new ones
 * inserted among them, none taken away, every reference moved with its cell.
 */

describe("mergeKeys", () => {
  test("a new key goes right after the key it follows in the new list", () => {
    const m = mergeKeys(["a", "b", "d"], ["a", "b", "c", "d"], "test");
    expect(m.merged).toEqual(["a", "b", "c", "d"]);
    expect(m.inserts).toEqual([{ at: 2, count: 1 }]);
    expect(m.fromOld).toEqual([0, 1, 3]);
    expect(m.fromNew).toEqual([0, 1, 2, 3]);
    expect(m.kept).toEqual([]);
  });

  test("runs of new keys are one insert each; inserts' places count the ones before", () => {
    const m = mergeKeys(["a", "d", "g"], ["x", "a", "b", "c", "d", "e", "g", "h"], "test");
    expect(m.merged).toEqual(["x", "a", "b", "c", "d", "e", "g", "h"]);
    expect(m.inserts).toEqual([
      { at: 0, count: 1 },
      { at: 2, count: 2 },
      { at: 5, count: 1 },
      { at: 7, count: 1 },
    ]);
  });

  test("an old key the new list lacks stays where it is, and is reported kept", () => {
    const m = mergeKeys(["a", "gone", "b"], ["a", "b", "c"], "test");
    expect(m.merged).toEqual(["a", "gone", "b", "c"]);
    expect(m.kept).toEqual([1]);
    expect(m.fromOld).toEqual([0, 1, 2]);
    expect(m.fromNew).toEqual([0, 2, 3]);
  });

  test("keys that would change places are refused, naming both", () => {
    const e = thrown(PlacementError, () => mergeKeys(["a", "b"], ["b", "a"], "KC Cash Flow, rows"));
    expect(e.message).toMatch(/^KC Cash Flow, rows: "b" and "a" would change places/);
  });

  test("the same lists: nothing inserted, everything where it was", () => {
    const m = mergeKeys(["a", "b"], ["a", "b"], "test");
    expect(m).toEqual({
      merged: ["a", "b"],
      fromOld: [0, 1],
      fromNew: [0, 1],
      inserts: [],
      kept: [],
    });
  });
});

describe("placeModel", () => {
  const model = buildModel(new Financials(bundledDataset()), DEFAULT_OPTIONS);
  const plan = (key: TabKey) => model.plans.find((p) => p.key === key) as SheetPlan;
  const layouts = new Map(model.plans.map((p) => [p.key, p.layout]));

  test("every plan has one key per row and column, all different", () => {
    for (const p of model.plans) {
      const rows = Math.max(...p.cells.map((c) => c.row)) + 1;
      expect(p.layout.rows).toHaveLength(rows);
      expect(new Set(p.layout.rows).size).toBe(rows);
      expect(new Set(p.layout.cols).size).toBe(p.layout.cols.length);
    }
    const is = plan("income_statement");
    expect(is.layout.cols).toEqual([
      "labels",
      "2025Q1|RMB|as printed",
      "2025Q2|RMB|as printed",
      "2025Q3|RMB|as printed",
      "2025Q4|RMB|as printed",
      "2026Q1|RMB|as printed",
      "latest|USD",
      "latest|yoy",
      "latest|qoq",
    ]);
    expect(is.layout.rows).toContain("line:revenue.total");
  });

  test("over tabs of the same layout, the model is placed as planned", () => {
    for (const placed of placeModel(model.plans, layouts)) {
      const p = plan(placed.plan.key);
      expect(placed.inserts).toEqual([]);
      expect(placed.plan.cells).toEqual(p.cells);
      expect(placed.plan.layout).toEqual(p.layout);
    }
  });

  test("over a tab that lacked a quarter and a line: they are inserted, every reference moved", () => {
    const is = plan("income_statement");
    // The tab as an earlier model wrote it: no 4Q25 column and no line for total revenues.
    const old: Layout = {
      rows: is.layout.rows.filter((k) => k !== "line:revenue.total"),
      cols: is.layout.cols.filter((k) => k !== "2025Q4|RMB|as printed"),
    };
    const placed = placeModel(model.plans, new Map([["income_statement", old]]));
    const here = placed.find((p) => p.plan.key === "income_statement")!;
    const totalRow = is.layout.rows.indexOf("line:revenue.total");
    expect(here.inserts).toEqual([
      { axis: "columns", at: 4, count: 1 },
      { axis: "rows", at: totalRow, count: 1 },
    ]);
    // Placed where the plan has them: the old layout plus the inserts is the plan's.
    expect(here.plan.layout).toEqual(is.layout);
    expect(here.moved.col(4)).toBe(5);
    expect(here.moved.row(totalRow)).toBe(totalRow + 1);
    // The reconciliation links to the income statement: its formulas point where the cells are.
    const recon = placed.find((p) => p.plan.key === "reconciliation")!.plan;
    const texts = recon.cells
      .filter((c) => c.formula)
      .map((c) => renderFormula(c.formula!, { tab: "reconciliation", names: TAB_NAMES }));
    const unplaced = plan("reconciliation")
      .cells.filter((c) => c.formula)
      .map((c) => renderFormula(c.formula!, { tab: "reconciliation", names: TAB_NAMES }));
    expect(texts).toEqual(unplaced);
  });

  test("a guarded formula's cells move with its tab's rows, the cells it tests too", () => {
    const val = plan("valuation");
    const header = val.layout.rows.indexOf("header");
    // An earlier KC Valuation with a row the model no longer has, right under the header.
    const old: Layout = {
      rows: [
        ...val.layout.rows.slice(0, header + 1),
        "val:gone",
        ...val.layout.rows.slice(header + 1),
      ],
      cols: val.layout.cols,
    };
    const placed = placeModel(model.plans, new Map([["valuation", old]]));
    const here = placed.find((p) => p.plan.key === "valuation")!.plan;
    const ev = (p: typeof here) => {
      const row = p.layout.rows.indexOf("val:ev");
      return p.cells.find((c) => c.row === row && c.col === 1)!;
    };
    const before = ev(val).formula as Extract<Expr, { op: "ifNumbers" }>;
    const after = ev(here).formula as Extract<Expr, { op: "ifNumbers" }>;
    expect(after.tests.map((t) => t.row)).toEqual(before.tests.map((t) => t.row + 1));
    expect(renderFormula(after, { tab: "valuation", names: TAB_NAMES })).toBe(
      renderFormula(before, { tab: "valuation", names: TAB_NAMES }).replace(
        /B(\d+)/g,
        (_, r) => `B${Number(r) + 1}`
      )
    );
  });

  test("a line an old tab had and the model no longer shows stays, its row kept", () => {
    const cf = plan("cash_flow");
    const old: Layout = {
      rows: [...cf.layout.rows.slice(0, 6), "line:cf.retired", ...cf.layout.rows.slice(6)],
      cols: cf.layout.cols,
    };
    const placed = placeModel(model.plans, new Map([["cash_flow", old]])).find(
      (p) => p.plan.key === "cash_flow"
    )!;
    expect(placed.inserts).toEqual([]);
    expect(placed.kept.rows).toEqual([6]);
    expect(placed.plan.layout.rows[6]).toBe("line:cf.retired");
    // Cells below it sit one row lower, and so do the references to them.
    const sum = placed.plan.cells.find((c) => c.formula?.op === "sum")!;
    const planned = cf.cells.find((c) => c.formula?.op === "sum")!;
    expect(a1(sum.row, sum.col)).toBe(a1(planned.row + 1, planned.col));
    expect(placed.plan.print.area).toBe(
      `A1:${a1(Math.max(...cf.cells.map((c) => c.row)) + 1, cf.layout.cols.length - 1)}`
    );
  });
});
