import { Dec } from "../core/decimal";
import { a1, excelString, sheetPrefix } from "./a1";
import type { CellRef, Expr, TabKey } from "./types";

/** How a plan's formulas are written out. */
export interface RenderContext {
  tab: TabKey;
  /** Sheet names as they are in the workbook (a user's sheet may have taken ours). */
  names: Record<TabKey, string>;
  /** For a workbook without the add-in: the figure a KC call gives, in its place. */
  kcValue?: (e: Extract<Expr, { op: "kc" }>) => number;
}

export function renderFormula(e: Expr, ctx: RenderContext): string {
  return `=${render(e, ctx)}`;
}

function ref(at: CellRef, ctx: RenderContext): string {
  return at.tab === ctx.tab
    ? a1(at.row, at.col)
    : `${sheetPrefix(ctx.names[at.tab])}${a1(at.row, at.col)}`;
}

function literal(n: number): string {
  return n < 0 ? `(${n})` : String(n);
}

function render(e: Expr, ctx: RenderContext): string {
  switch (e.op) {
    case "kc":
      return ctx.kcValue
        ? literal(ctx.kcValue(e))
        : `KC.${e.fn}(${e.args.map(excelString).join(",")})`;
    case "ref":
      return ref(e.at, ctx);
    case "sum":
      return `SUM(${ref(e.from, ctx)}:${a1(e.to.row, e.to.col)})`;
    case "add":
      return e.terms
        .map((t, k) => `${t.sign < 0 ? "-" : k > 0 ? "+" : ""}${wrap(t.e, ctx)}`)
        .join("");
    case "mul":
      return `${wrap(e.a, ctx)}*${wrap(e.b, ctx)}`;
    case "div":
      return `${wrap(e.a, ctx)}/${wrap(e.b, ctx)}`;
    case "round":
      return `ROUND(${render(e.e, ctx)},${e.places})`;
    case "num":
      return literal(e.value);
    case "status": {
      const range = `${ref(e.from, ctx)}:${a1(e.to.row, e.to.col)}`;
      // SUM of a range holding an error is that error: no array formula needed in any spreadsheet.
      return `IF(ISERROR(SUM(${range})),"ERRORS",IF(COUNTIF(${range},"<>0")=0,"ALL CHECKS PASS","CHECKS FAIL"))`;
    }
  }
}

/** Sums and differences are parenthesised inside products and quotients. */
function wrap(e: Expr, ctx: RenderContext): string {
  return e.op === "add" && e.terms.length > 1 ? `(${render(e, ctx)})` : render(e, ctx);
}

/** A value a plan cell evaluates to: a number, a text, or an error (as its code and message). */
export type PlanValue = Dec | string | { error: string; message: string };

export interface EvalContext {
  cell: (at: CellRef) => PlanValue;
  kc: (e: Extract<Expr, { op: "kc" }>) => PlanValue;
}

export function isError(v: PlanValue): v is { error: string; message: string } {
  return typeof v === "object" && !(v instanceof Dec);
}

/** Evaluates exactly, with Excel's meaning: errors propagate; ROUND rounds half away from zero. */
export function evaluate(e: Expr, ctx: EvalContext): PlanValue {
  const num = (x: Expr): Dec | PlanValue => {
    const v = evaluate(x, ctx);
    if (typeof v === "string") return new Dec(0);
    return v;
  };
  switch (e.op) {
    case "kc":
      return ctx.kc(e);
    case "ref":
      return ctx.cell(e.at);
    case "num":
      return new Dec(e.value);
    case "sum": {
      let total = new Dec(0);
      for (let r = e.from.row; r <= e.to.row; r++) {
        for (let c = e.from.col; c <= e.to.col; c++) {
          const v = ctx.cell({ tab: e.from.tab, row: r, col: c });
          if (isError(v)) return v;
          if (v instanceof Dec) total = total.plus(v);
        }
      }
      return total;
    }
    case "add": {
      let total = new Dec(0);
      for (const t of e.terms) {
        const v = num(t.e);
        if (isError(v)) return v;
        total = total.plus((v as Dec).times(t.sign));
      }
      return total;
    }
    case "mul":
    case "div": {
      const a = num(e.a);
      if (isError(a)) return a;
      const b = num(e.b);
      if (isError(b)) return b;
      if (e.op === "mul") return (a as Dec).times(b as Dec);
      if ((b as Dec).isZero()) return { error: "#DIV/0!", message: "" };
      return (a as Dec).div(b as Dec);
    }
    case "round": {
      const v = num(e.e);
      if (isError(v)) return v;
      return (v as Dec).toDecimalPlaces(e.places, Dec.ROUND_HALF_UP);
    }
    case "status": {
      let failed = false;
      for (let r = e.from.row; r <= e.to.row; r++) {
        const v = ctx.cell({ tab: e.from.tab, row: r, col: e.from.col });
        if (isError(v)) return "ERRORS";
        if (!(v instanceof Dec) || !v.isZero()) failed = true;
      }
      return failed ? "CHECKS FAIL" : "ALL CHECKS PASS";
    }
  }
}
