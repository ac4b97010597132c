import { Financials } from "../../../src/core/financials";
import { bundledDataset } from "../../../src/data/load";
import { SheetBuilder } from "../../../src/sheets/builder";
import { checksTab } from "../../../src/sheets/checks-tab";
import { checkSlot } from "../../../src/sheets/columns";
import { ModelContext } from "../../../src/sheets/context";
import { Model, buildModel } from "../../../src/sheets/model";
import type { CheckCell, Expr, TabKey } from "../../../src/sheets/types";
import { DEFAULT_OPTIONS, FORMATS } from "../../../src/sheets/types";
import { tabView } from "../../helpers/plan-view";

/**
 * KC Checks: every check of the model once, linked to its cell, one row per checked line and one
 * column per period and currency, under an overall status and two counts.
 */

const fin = new Financials(bundledDataset());
const model = buildModel(fin, DEFAULT_OPTIONS);
const checks = tabView(model, "checks");

describe("the model's KC Checks", () => {
  test("title, notes, then the overall status and the counts", () => {
    expect(checks.text("A1")).toBe(
      "Kingsoft Cloud (NASDAQ: KC, HKEX: 3896) · Model checks · RMB and US$ thousands"
    );
    expect(checks.text("A2")).toBe(
      "1Q26 = three months to Mar 31, 2026 (balances at its end) · US$* at RMB6.8980 = US$1.00 · unaudited"
    );
    expect(checks.text("A3")).toBe(
      "Each check: calculated minus the release's figure, or two figures it ties; each must be 0"
    );
    // The release and the dataset the checks are of: in the printed footer.
    expect(checks.plan.print.footer.center).toMatch(
      /^kc-2026q1-earnings-release\.txt · dataset 2026Q1-/
    );
    expect([checks.text("A4"), checks.text("A5"), checks.text("A6")]).toEqual([
      "Overall status",
      "Checks in the model",
      "Checks that are not zero",
    ]);
    expect(checks.cell("C4")?.style).toBe("status");
    expect(checks.value("C4")).toBe("ALL CHECKS PASS");
    expect(checks.value("C5")).toBe(model.checks.length);
    expect(checks.value("C6")).toBe(0);
    expect(checks.cell("C5")?.format).toBe(FORMATS.shares);
    expect(checks.cell("C6")?.format).toBe(FORMATS.check);
  });

  test("the status and counts span the whole grid of links", () => {
    expect(checks.text("C4")).toBe(
      '=IF(ISERROR(SUM(C8:H82)),"ERRORS",IF(COUNT(C8:H82)=COUNTIF(C8:H82,0),"ALL CHECKS PASS","CHECKS FAIL"))'
    );
    expect(checks.text("C5")).toBe("=COUNT(C8:H82)");
    expect(checks.text("C6")).toBe("=COUNT(C8:H82)-COUNTIF(C8:H82,0)");
    const last = Math.max(...checks.plan.cells.map((c) => c.row)) + 1;
    expect(last).toBe(82);
  });

  test("one column per period and currency, in date order, then growth", () => {
    expect(["A7", "B7", "C7", "D7", "E7", "F7", "G7", "H7"].map((a) => checks.text(a))).toEqual([
      "Line checked",
      "What it ties",
      "1Q25 RMB",
      "4Q25 RMB",
      "1Q26 RMB",
      "1Q26 US$",
      "YoY 1Q26",
      "QoQ 1Q26",
    ]);
    expect(checks.text("I7")).toBeUndefined();
    expect(checks.plan.freeze).toEqual({ rows: 7, columns: 0 });
  });

  test("the checked lines under the name of their tab, in workbook order", () => {
    const headings = checks.plan.cells
      .filter((c) => c.col === 0 && c.style === "heading")
      .map((c) => c.value);
    // KC Segments & Margins checks nothing of its own.
    expect(headings).toEqual([
      "KC Dashboard",
      "KC Income Statement",
      "KC Balance Sheet",
      "KC Cash Flow",
      "KC Non-GAAP Reconciliation",
      "KC Operating Figures",
      "KC Estimates",
    ]);
    expect(checks.text("A9")).toBe("Bridge to adjusted net loss");
    expect(checks.cell("A9")?.indent).toBe(1);
  });

  test("a line's checks on one row, each a link to its cell in its period's column", () => {
    const r = checks.row("Total revenues");
    const is = tabView(model, "income_statement");
    const check = is.row("Total revenues", 2);
    expect(checks.text(`B${r}`)).toBe("sum − reported; growth − stated");
    expect(["C", "D", "E", "F", "G", "H"].map((c) => checks.text(`${c}${r}`))).toEqual(
      ["B", "E", "F", "G", "H", "I"].map((c) => `='KC Income Statement'!${c}${check}`)
    );
    expect(checks.cell(`C${r}`)?.style).toBe("link");
    expect(checks.cell(`C${r}`)?.format).toBe(FORMATS.check);
  });

  test("a balance sheet check of Dec 31, 2025 stands in the Q4 2025 column", () => {
    const r = checks.row("Total assets");
    const bs = tabView(model, "balance_sheet");
    expect(checks.text(`C${r}`)).toBeUndefined();
    expect(checks.text(`D${r}`)).toBe(`='KC Balance Sheet'!E${bs.row("Total assets", 2)}`);
    expect(checks.text(`F${r}`)).toBe(`='KC Balance Sheet'!G${bs.row("Total assets", 2)}`);
  });

  test("each check of the model is linked exactly once", () => {
    const links = checks.plan.cells.filter((c) => c.style === "link");
    expect(links).toHaveLength(model.checks.length);
    const targets = links.map((c) => JSON.stringify((c.formula as { at: unknown }).at));
    expect(new Set(targets).size).toBe(targets.length);
  });
});

describe("checksTab over a few checks", () => {
  const ctx = new ModelContext(fin, DEFAULT_OPTIONS);
  const q1 = checkSlot({ kind: "figure", period: "2026Q1", currency: "RMB", translated: false });
  const q4 = checkSlot({ kind: "figure", period: "2025Q4", currency: "RMB", translated: false });
  const yoy = checkSlot({ kind: "growth", period: "2026Q1", prior: "2025Q1", basis: "yoy" });

  /** A tab with check cells holding the given formulas, and KC Checks over them. */
  function over(
    tab: TabKey,
    formulas: {
      row: number;
      col: number;
      e: Expr;
      line: string;
      ties: string;
      slot: CheckCell["slot"];
    }[]
  ) {
    const b = new SheetBuilder(tab);
    for (const f of formulas)
      b.check(b.ref(f.row, f.col), f.e, { line: f.line, ties: f.ties, column: "c", slot: f.slot });
    const plan = b.plan([], { rows: 4, columns: 1 }, "release.txt · dataset v1");
    const checksPlan = checksTab(ctx, plan.checks);
    const m = new Model(fin, DEFAULT_OPTIONS, [plan, checksPlan]);
    return tabView(m, "checks");
  }
  const zero: Expr = { op: "num", value: 0 };

  test("columns sorted by slot whatever the order of the checks; ties joined once per line", () => {
    const v = over("income_statement", [
      { row: 10, col: 5, e: zero, line: "Gross profit", ties: "growth − stated", slot: yoy },
      { row: 10, col: 3, e: zero, line: "Gross profit", ties: "sum − reported", slot: q1 },
      { row: 10, col: 2, e: zero, line: "Gross profit", ties: "sum − reported", slot: q4 },
    ]);
    expect(["C7", "D7", "E7"].map((a) => v.text(a))).toEqual(["4Q25 RMB", "1Q26 RMB", "YoY 1Q26"]);
    expect(v.text("A8")).toBe("KC Income Statement");
    expect(v.text("A9")).toBe("Gross profit");
    expect(v.text("B9")).toBe("growth − stated; sum − reported");
    expect(["C9", "D9", "E9"].map((a) => v.text(a))).toEqual([
      "='KC Income Statement'!C11",
      "='KC Income Statement'!D11",
      "='KC Income Statement'!F11",
    ]);
    expect(v.value("C4")).toBe("ALL CHECKS PASS");
    expect(v.value("C5")).toBe(3);
  });

  test("a check that is not 0 fails the status and is counted; an error says ERRORS", () => {
    const failing = over("balance_sheet", [
      { row: 5, col: 1, e: zero, line: "Total assets", ties: "t", slot: q4 },
      { row: 6, col: 1, e: { op: "num", value: -1 }, line: "Total equity", ties: "t", slot: q4 },
    ]);
    expect(failing.value("C4")).toBe("CHECKS FAIL");
    expect(failing.value("C6")).toBe(1);
    // The grid: the Q4 column, then the latest quarter's growth columns (always there).
    expect(failing.text("C4")).toContain("C8:E10");
    const broken = over("balance_sheet", [
      {
        row: 5,
        col: 1,
        e: { op: "div", a: zero, b: zero },
        line: "Total assets",
        ties: "t",
        slot: q4,
      },
    ]);
    expect(broken.value("C4")).toBe("ERRORS");
    expect(broken.value("C5")).toBe(0);
  });

  test("without a check, the grid is the latest quarter's growth columns, empty, and the count 0", () => {
    const plan = checksTab(ctx, []);
    const v = tabView(new Model(fin, DEFAULT_OPTIONS, [plan]), "checks");
    expect(v.text("C5")).toBe("=COUNT(C8:D8)");
    expect(v.value("C5")).toBe(0);
    expect([v.text("C7"), v.text("D7")]).toEqual(["YoY 1Q26", "QoQ 1Q26"]);
    expect(plan.cells.filter((c) => c.style === "link")).toEqual([]);
  });
});
