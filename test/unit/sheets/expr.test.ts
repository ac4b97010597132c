import { Dec } from "../../../src/domain/decimal";
import {
  EvalContext,
  NOT_MEANINGFUL,
  PlanValue,
  RenderContext,
  cellsIn,
  evaluate,
  isError,
  renderFormula,
} from "../../../src/sheets/expr";
import type { CellRef, Expr, KcCall, TabKey } from "../../../src/sheets/types";
import { TAB_NAMES } from "../../../src/sheets/types";

/**
 * One formula tree, two readings: Excel formula text, and an exact value with Excel's meaning.
 * Figures are the release's (Q1 2026 against Q1 2025, RMB thousands).
 */

const at = (row: number, col: number, tab: TabKey = "income_statement"): CellRef => ({
  tab,
  row,
  col,
});
const ref = (row: number, col: number, tab: TabKey = "income_statement"): Expr => ({
  op: "ref",
  at: at(row, col, tab),
});
const num = (value: number): Expr => ({ op: "num", value });
const plus = (...es: Expr[]): Expr => ({ op: "add", terms: es.map((e) => ({ sign: 1, e })) });
const minus = (a: Expr, b: Expr): Expr => ({
  op: "add",
  terms: [
    { sign: 1, e: a },
    { sign: -1, e: b },
  ],
});
const call: KcCall = {
  op: "kc",
  fn: "VALUE",
  args: ["revenue.total", "2026Q1", "RMB", "thousands"],
};

const IS: RenderContext = { tab: "income_statement", names: TAB_NAMES };
const render = (e: Expr, ctx: RenderContext = IS) => renderFormula(e, ctx);

describe("renderFormula", () => {
  test("a KC call with its arguments as text literals", () => {
    expect(render(call)).toBe('=KC.VALUE("revenue.total","2026Q1","RMB","thousands")');
    expect(
      render({ op: "kc", fn: "GROWTH", args: ["is.cor.idc", "2026Q1", "YoY", "reported"] })
    ).toBe('=KC.GROWTH("is.cor.idc","2026Q1","YoY","reported")');
    expect(render({ op: "kc", fn: "VALUE", args: ['a "b"'] })).toBe('=KC.VALUE("a ""b""")');
  });

  test("references: plain on their own tab, with the tab's name as the workbook has it elsewhere", () => {
    expect(render(ref(5, 3))).toBe("=D6");
    expect(render(ref(6, 2, "balance_sheet"))).toBe("='KC Balance Sheet'!C7");
    const renamed = { ...TAB_NAMES, balance_sheet: "BS" };
    expect(render(ref(6, 2, "balance_sheet"), { tab: "cash_flow", names: renamed })).toBe("=BS!C7");
    expect(
      render(ref(6, 2, "balance_sheet"), {
        tab: "cash_flow",
        names: { ...TAB_NAMES, balance_sheet: "KC Balance Sheet (2)" },
      })
    ).toBe("='KC Balance Sheet (2)'!C7");
  });

  test("sums of ranges, named once at the range's start", () => {
    expect(render({ op: "sum", from: at(11, 3), to: at(13, 3) })).toBe("=SUM(D12:D14)");
    expect(
      render({ op: "sum", from: at(6, 1, "balance_sheet"), to: at(10, 1, "balance_sheet") })
    ).toBe("=SUM('KC Balance Sheet'!B7:B11)");
  });

  test("sums and differences of terms, a lone negative term as a minus sign", () => {
    expect(render(plus(ref(5, 3), ref(6, 3)))).toBe("=D6+D7");
    expect(render(minus(ref(23, 3), ref(24, 3)))).toBe("=D24-D25");
    expect(render({ op: "add", terms: [{ sign: -1, e: ref(18, 3) }] })).toBe("=-D19");
    expect(render({ op: "add", terms: [{ sign: 1, e: ref(18, 3) }] })).toBe("=D19");
    // A sum inside a sum keeps its own brackets where it is subtracted.
    expect(render(minus(ref(0, 0), plus(ref(1, 0), ref(2, 0))))).toBe("=A1-(A2+A3)");
  });

  test("products and quotients bracket the sums and differences in them", () => {
    expect(render({ op: "mul", a: ref(27, 3), b: ref(31, 3) })).toBe("=D28*D32");
    expect(
      render({ op: "div", a: { op: "mul", a: ref(25, 3), b: num(1000) }, b: ref(29, 3) })
    ).toBe("=D26*1000/D30");
    expect(render({ op: "div", a: plus(ref(5, 3), ref(6, 3)), b: ref(7, 3) })).toBe("=(D6+D7)/D8");
    expect(
      render({ op: "mul", a: { op: "add", terms: [{ sign: -1, e: ref(0, 0) }] }, b: num(2) })
    ).toBe("=(-A1)*2");
    // A single positive term needs no brackets.
    expect(render({ op: "div", a: plus(ref(0, 0)), b: ref(0, 1) })).toBe("=A1/B1");
  });

  test("ROUND with its places, negative places too", () => {
    expect(render({ op: "round", e: minus(ref(7, 3), ref(42, 3)), places: 0 })).toBe(
      "=ROUND(D8-D43,0)"
    );
    expect(render({ op: "round", e: ref(16, 1), places: -2 })).toBe("=ROUND(B17,-2)");
  });

  test("numbers as literals, a negative one bracketed", () => {
    expect(render(num(1000))).toBe("=1000");
    expect(render(num(0.5))).toBe("=0.5");
    expect(render(num(-1))).toBe("=(-1)");
    expect(render(plus(ref(0, 0), num(-1)))).toBe("=A1+(-1)");
  });

  test("growth: n.m. where the prior is 0 or the sign changes, else current / prior − 1", () => {
    expect(render({ op: "growth", current: ref(7, 3), prior: ref(7, 1) })).toBe(
      '=IF(OR(B8=0,B8*D8<0),"n.m.",D8/B8-1)'
    );
    expect(render({ op: "growth", current: plus(ref(0, 0), ref(1, 0)), prior: ref(0, 1) })).toBe(
      '=IF(OR(B1=0,B1*(A1+A2)<0),"n.m.",(A1+A2)/B1-1)'
    );
  });

  test("counts of checks, and the overall status, over a grid that may have gaps", () => {
    const grid = { from: at(7, 2, "checks"), to: at(69, 7, "checks") };
    const ctx: RenderContext = { tab: "checks", names: TAB_NAMES };
    expect(render({ op: "count", ...grid, failing: false }, ctx)).toBe("=COUNT(C8:H70)");
    expect(render({ op: "count", ...grid, failing: true }, ctx)).toBe(
      "=COUNT(C8:H70)-COUNTIF(C8:H70,0)"
    );
    expect(render({ op: "status", ...grid }, ctx)).toBe(
      '=IF(ISERROR(SUM(C8:H70)),"ERRORS",IF(COUNT(C8:H70)=COUNTIF(C8:H70,0),"ALL CHECKS PASS","CHECKS FAIL"))'
    );
  });
});

/** An evaluation context over a few cells (0-based "row,col" of the income statement tab). */
function cells(values: Record<string, PlanValue>, kc: PlanValue = new Dec(0)): EvalContext {
  return {
    cell: (a) => values[`${a.row},${a.col}`] ?? "",
    kc: () => kc,
  };
}

const value = (e: Expr, ctx: EvalContext = cells({})): string => {
  const v = evaluate(e, ctx);
  return isError(v) ? v.error : String(v);
};

describe("ifNumbers: n.a. where a figure it stands on is not a number", () => {
  const guarded: Expr = {
    op: "ifNumbers",
    tests: [at(5, 1), at(6, 1, "valuation")],
    then: minus(ref(5, 1), ref(6, 1, "valuation")),
    otherwise: "n.a.",
  };

  test("renders as IF over ISNUMBER of each cell, AND where there are several", () => {
    expect(render(guarded)).toBe(
      `=IF(AND(ISNUMBER(B6),ISNUMBER('KC Valuation'!B7)),B6-'KC Valuation'!B7,"n.a.")`
    );
    expect(render({ ...guarded, tests: [at(5, 1)] })).toBe(
      `=IF(ISNUMBER(B6),B6-'KC Valuation'!B7,"n.a.")`
    );
  });

  test("evaluates to its formula over numbers, else to its text: an empty cell or n.a. is no number", () => {
    const cells = (a: PlanValue, b: PlanValue): EvalContext => ({
      cell: (c) => (c.tab === "valuation" ? b : a),
      kc: () => new Dec(0),
    });
    expect((evaluate(guarded, cells(new Dec(10), new Dec(4))) as Dec).toNumber()).toBe(6);
    expect(evaluate(guarded, cells("", new Dec(4)))).toBe("n.a.");
    expect(evaluate(guarded, cells(new Dec(10), "n.a."))).toBe("n.a.");
  });
});

describe("evaluate", () => {
  test("inputs through the KC context, cells through the cell context, numbers as they are", () => {
    expect(value(call, cells({}, new Dec(2703732)))).toBe("2703732");
    expect(value(ref(5, 3), cells({ "5,3": new Dec(1996301) }))).toBe("1996301");
    expect(value(num(6.898))).toBe("6.898");
    expect(evaluate(ref(9, 9), cells({}))).toBe("");
  });

  test("sums exactly: public + enterprise cloud is total revenues, to the unit", () => {
    const ctx = cells({ "5,3": new Dec(1996301), "6,3": new Dec(707431) });
    expect(value(plus(ref(5, 3), ref(6, 3)), ctx)).toBe("2703732");
    expect(value({ op: "sum", from: at(5, 3), to: at(6, 3) }, ctx)).toBe("2703732");
    // Binary floating point would not give 0.3 here.
    expect(value(plus(num(0.1), num(0.2)))).toBe("0.3");
  });

  test("net loss attributable: net loss less the non-controlling interests' share", () => {
    const ctx = cells({ "23,3": new Dec(-343720), "24,3": new Dec(100) });
    expect(value(minus(ref(23, 3), ref(24, 3)), ctx)).toBe("-343820");
  });

  test("a SUM skips text and empty cells; arithmetic reads an empty cell as 0 and text as #VALUE!", () => {
    const ctx = cells({ "0,0": new Dec(5), "1,0": "n.m.", "2,0": "" });
    expect(value({ op: "sum", from: at(0, 0), to: at(3, 0) }, ctx)).toBe("5");
    expect(value(plus(ref(0, 0), ref(2, 0)), ctx)).toBe("5");
    expect(value(plus(ref(0, 0), ref(1, 0)), ctx)).toBe("#VALUE!");
    expect(value({ op: "mul", a: ref(1, 0), b: num(2) }, ctx)).toBe("#VALUE!");
  });

  test("errors pass through every operation", () => {
    const na = { error: "#N/A", message: "no such figure" };
    const ctx = cells({ "0,0": na, "0,1": new Dec(3) });
    expect(evaluate({ op: "sum", from: at(0, 0), to: at(0, 1) }, ctx)).toEqual(na);
    expect(evaluate(plus(ref(0, 1), ref(0, 0)), ctx)).toEqual(na);
    expect(evaluate({ op: "div", a: ref(0, 1), b: ref(0, 0) }, ctx)).toEqual(na);
    expect(evaluate({ op: "round", e: ref(0, 0), places: 0 }, ctx)).toEqual(na);
    expect(evaluate({ op: "growth", current: ref(0, 0), prior: ref(0, 1) }, ctx)).toEqual(na);
    expect(evaluate(call, cells({}, na))).toEqual(na);
  });

  test("a quotient by zero (or an empty cell) is #DIV/0!", () => {
    expect(value({ op: "div", a: num(1), b: num(0) })).toBe("#DIV/0!");
    expect(value({ op: "div", a: num(1), b: ref(0, 0) })).toBe("#DIV/0!");
    expect(value({ op: "div", a: num(0), b: num(4) })).toBe("0");
  });

  test("per share: net loss attributable in thousands × 1000 over the shares used", () => {
    const ctx = cells({ "25,3": new Dec(-343820), "29,3": new Dec(4555310453) });
    const perShare = evaluate(
      { op: "div", a: { op: "mul", a: ref(25, 3), b: num(1000) }, b: ref(29, 3) },
      ctx
    ) as Dec;
    // The release prints (0.08).
    expect(perShare.toDecimalPlaces(2, Dec.ROUND_HALF_UP).toString()).toBe("-0.08");
  });

  test("ROUND rounds half away from zero, as Excel does, to places left of the point too", () => {
    expect(value({ op: "round", e: num(2.5), places: 0 })).toBe("3");
    expect(value({ op: "round", e: num(-2.5), places: 0 })).toBe("-3");
    expect(value({ op: "round", e: num(0.1275), places: 3 })).toBe("0.128");
    expect(value({ op: "round", e: num(-1651671), places: -2 })).toBe("-1651700");
    expect(value({ op: "round", e: num(-2357984), places: -2 })).toBe("-2358000");
    expect(value({ op: "round", e: num(1250), places: -2 })).toBe("1300");
    expect(value({ op: "round", e: num(-1250), places: -2 })).toBe("-1300");
  });

  describe("growth", () => {
    const growth = (current: number, prior: number) =>
      evaluate({ op: "growth", current: num(current), prior: num(prior) }, cells({}));
    const pct = (v: PlanValue) => (v as Dec).times(100).toDecimalPlaces(1).toNumber();

    test("as the release states it: revenues up 37.2%, cost of revenues (both negative) up 42.8%", () => {
      expect(pct(growth(2703732, 1969977))).toBe(37.2);
      expect(pct(growth(-2357984, -1651671))).toBe(42.8);
      expect(pct(growth(-166108, -234201))).toBe(-29.1);
    });

    test("n.m. where the prior is zero or the sign changes", () => {
      expect(growth(5, 0)).toBe(NOT_MEANINGFUL);
      // Foreign exchange: a gain of 9,051 became a loss of (44,006).
      expect(growth(-44006, 9051)).toBe(NOT_MEANINGFUL);
      expect(growth(100, -2184)).toBe(NOT_MEANINGFUL);
      expect(NOT_MEANINGFUL).toBe("n.m.");
    });

    test("a fall to zero is −100%; growth from an empty prior is n.m.", () => {
      expect(pct(growth(0, 3244))).toBe(-100);
      expect(evaluate({ op: "growth", current: num(5), prior: ref(0, 0) }, cells({}))).toBe(
        NOT_MEANINGFUL
      );
    });
  });

  describe("count and status over a grid of checks", () => {
    const grid = { from: at(0, 0, "checks"), to: at(1, 2, "checks") };
    const over = (values: Record<string, PlanValue>) => ({
      count: value({ op: "count", ...grid, failing: false }, cells(values)),
      failing: value({ op: "count", ...grid, failing: true }, cells(values)),
      status: value({ op: "status", ...grid }, cells(values)),
    });

    test("every check 0: all pass; gaps and text are no checks", () => {
      expect(over({ "0,0": new Dec(0), "0,2": new Dec(0), "1,1": "label" })).toEqual({
        count: "2",
        failing: "0",
        status: "ALL CHECKS PASS",
      });
    });

    test("a check not 0 fails, whichever its sign", () => {
      expect(over({ "0,0": new Dec(0), "1,0": new Dec(-1), "1,2": new Dec(0.001) })).toEqual({
        count: "3",
        failing: "2",
        status: "CHECKS FAIL",
      });
    });

    test("an error in any check makes the status ERRORS; the counts leave it out", () => {
      expect(over({ "0,0": new Dec(0), "1,1": { error: "#REF!", message: "" } })).toEqual({
        count: "1",
        failing: "0",
        status: "ERRORS",
      });
    });
  });
});

describe("cellsIn and isError", () => {
  test("every cell of a rectangle, row by row, on the first corner's tab", () => {
    expect(cellsIn(at(2, 1, "checks"), at(3, 2, "checks"))).toEqual([
      at(2, 1, "checks"),
      at(2, 2, "checks"),
      at(3, 1, "checks"),
      at(3, 2, "checks"),
    ]);
    expect(cellsIn(at(4, 4), at(4, 4))).toEqual([at(4, 4)]);
    expect(cellsIn(at(4, 4), at(3, 4))).toEqual([]);
  });

  test("an error is an object with a code; numbers and texts are not", () => {
    expect(isError({ error: "#N/A", message: "" })).toBe(true);
    expect(isError(new Dec(0))).toBe(false);
    expect(isError("n.m.")).toBe(false);
    expect(isError("")).toBe(false);
  });
});
