import { Dec } from "../domain/decimal";
import { a1, excelString, sheetPrefix } from "./a1";
import type { CellRef, Expr, KcCall, TabKey } from "./types";

/** How a plan's formulas are written out. */
export interface RenderContext {
  tab: TabKey;
  /** Sheet names as they are in the workbook (a user's sheet may have taken ours). */
  names: Record<TabKey, string>;
}

/** What a growth cell shows where a change in percent means nothing (the sign changes). */
export const NOT_MEANINGFUL = "n.m.";

export function renderFormula(e: Expr, ctx: RenderContext): string {
  return `=${render(e, ctx)}`;
}

function ref(at: CellRef, ctx: RenderContext): string {
  return at.tab === ctx.tab
    ? a1(at.row, at.col)
    : `${sheetPrefix(ctx.names[at.tab])}${a1(at.row, at.col)}`;
}

function range(from: CellRef, to: CellRef, ctx: RenderContext): string {
  return `${ref(from, ctx)}:${a1(to.row, to.col)}`;
}

function literal(n: number): string {
  return n < 0 ? `(${n})` : String(n);
}

function render(e: Expr, ctx: RenderContext): string {
  switch (e.op) {
    case "kc":
      return `KC.${e.fn}(${e.args.map(excelString).join(",")})`;
    case "ref":
      return ref(e.at, ctx);
    case "sum":
      return `SUM(${range(e.from, e.to, ctx)})`;
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
    case "max":
    case "min":
      return `${e.op.toUpperCase()}(${e.terms.map((t) => render(t, ctx)).join(",")})`;
    case "growth": {
      const c = wrap(e.current, ctx);
      const p = wrap(e.prior, ctx);
      return `IF(OR(${p}=0,${p}*${c}<0),${excelString(NOT_MEANINGFUL)},${c}/${p}-1)`;
    }
    case "count": {
      const r = range(e.from, e.to, ctx);
      // COUNTIF(r,"<>0") would count empty cells too: a grid of checks has gaps.
      return e.failing ? `COUNT(${r})-COUNTIF(${r},0)` : `COUNT(${r})`;
    }
    case "status": {
      const r = range(e.from, e.to, ctx);
      // SUM of a range holding an error is that error: no array formula needed in any spreadsheet.
      return `IF(ISERROR(SUM(${r})),"ERRORS",IF(COUNT(${r})=COUNTIF(${r},0),"ALL CHECKS PASS","CHECKS FAIL"))`;
    }
    case "ifNumbers": {
      const tests = e.tests.map((at) => `ISNUMBER(${ref(at, ctx)})`);
      const test = tests.length === 1 ? tests[0] : `AND(${tests.join(",")})`;
      return `IF(${test},${render(e.then, ctx)},${excelString(e.otherwise)})`;
    }
  }
}

/** Sums and differences are parenthesised inside products, quotients and comparisons. */
function wrap(e: Expr, ctx: RenderContext): string {
  return e.op === "add" && (e.terms.length > 1 || e.terms[0].sign < 0)
    ? `(${render(e, ctx)})`
    : render(e, ctx);
}

/** A value a plan cell evaluates to: a number, a text, or an error (as its code and message). */
export type PlanValue = Dec | string | { error: string; message: string };

export interface EvalContext {
  cell: (at: CellRef) => PlanValue;
  kc: (e: KcCall) => PlanValue;
}

export function isError(v: PlanValue): v is { error: string; message: string } {
  return typeof v === "object" && !(v instanceof Dec);
}

/** Every cell of a rectangle, row by row. */
export function cellsIn(from: CellRef, to: CellRef): CellRef[] {
  const out: CellRef[] = [];
  for (let r = from.row; r <= to.row; r++)
    for (let c = from.col; c <= to.col; c++) out.push({ tab: from.tab, row: r, col: c });
  return out;
}

const VALUE_ERROR = { error: "#VALUE!", message: "" };

/** Evaluates exactly, with Excel's meaning: errors propagate; ROUND rounds half away from zero. */
export function evaluate(e: Expr, ctx: EvalContext): PlanValue {
  /** A number for arithmetic: an empty cell is 0, as in Excel; a text is #VALUE!. */
  const num = (x: Expr): Dec | { error: string; message: string } => {
    const v = evaluate(x, ctx);
    if (v === "") return new Dec(0);
    if (typeof v === "string") return VALUE_ERROR;
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
      for (const at of cellsIn(e.from, e.to)) {
        const v = ctx.cell(at);
        if (isError(v)) return v;
        if (v instanceof Dec) total = total.plus(v);
      }
      return total;
    }
    case "add": {
      let total = new Dec(0);
      for (const t of e.terms) {
        const v = num(t.e);
        if (isError(v)) return v;
        total = total.plus(v.times(t.sign));
      }
      return total;
    }
    case "mul":
    case "div": {
      const a = num(e.a);
      if (isError(a)) return a;
      const b = num(e.b);
      if (isError(b)) return b;
      if (e.op === "mul") return a.times(b);
      if (b.isZero()) return { error: "#DIV/0!", message: "" };
      return a.div(b);
    }
    case "max":
    case "min": {
      let best: Dec | undefined;
      for (const t of e.terms) {
        const v = num(t);
        if (isError(v)) return v;
        if (!best || (e.op === "max" ? v.gt(best) : v.lt(best))) best = v;
      }
      return best ?? new Dec(0);
    }
    case "round": {
      const v = num(e.e);
      if (isError(v)) return v;
      if (e.places >= 0) return v.toDecimalPlaces(e.places, Dec.ROUND_HALF_UP);
      // ROUND(x,-2) rounds to hundreds.
      const unit = new Dec(10).pow(-e.places);
      return v.div(unit).toDecimalPlaces(0, Dec.ROUND_HALF_UP).times(unit);
    }
    case "growth": {
      const c = num(e.current);
      if (isError(c)) return c;
      const p = num(e.prior);
      if (isError(p)) return p;
      if (p.isZero() || p.times(c).lt(0)) return NOT_MEANINGFUL;
      return c.div(p).minus(1);
    }
    case "ifNumbers":
      return e.tests.every((at) => ctx.cell(at) instanceof Dec)
        ? evaluate(e.then, ctx)
        : e.otherwise;
    case "count":
    case "status": {
      let count = 0;
      let failing = 0;
      for (const at of cellsIn(e.from, e.to)) {
        const v = ctx.cell(at);
        if (isError(v)) {
          if (e.op === "status") return "ERRORS";
          continue;
        }
        if (!(v instanceof Dec)) continue;
        count++;
        if (!v.isZero()) failing++;
      }
      if (e.op === "count") return new Dec(e.failing ? failing : count);
      return failing ? "CHECKS FAIL" : "ALL CHECKS PASS";
    }
  }
}
