import { Dec } from "../../src/domain/decimal";
import { PlanValue, cellsIn, evaluate } from "../../src/sheets/expr";
import type { Model } from "../../src/sheets/model";
import type { CellRef, Expr, PlanCell } from "../../src/sheets/types";

/** The model's cells as a graph of formulas: what each refers to, and what depends on each. */

export function cellKey(at: CellRef): string {
  return `${at.tab}!${at.row},${at.col}`;
}

/** Every cell a formula reads, ranges expanded. */
export function refsOf(e: Expr): CellRef[] {
  switch (e.op) {
    case "ref":
      return [e.at];
    case "sum":
    case "count":
    case "status":
      return cellsIn(e.from, e.to);
    case "add":
      return e.terms.flatMap((t) => refsOf(t.e));
    case "mul":
    case "div":
      return [...refsOf(e.a), ...refsOf(e.b)];
    case "round":
      return refsOf(e.e);
    case "growth":
      return [...refsOf(e.current), ...refsOf(e.prior)];
    case "ifNumbers":
      return [...e.tests, ...refsOf(e.then)];
    default:
      return [];
  }
}

/** Numbers written into a formula (ROUND's places are not numbers of the formula's own). */
export function constantsOf(e: Expr): number[] {
  switch (e.op) {
    case "num":
      return [e.value];
    case "add":
      return e.terms.flatMap((t) => constantsOf(t.e));
    case "mul":
    case "div":
      return [...constantsOf(e.a), ...constantsOf(e.b)];
    case "round":
      return constantsOf(e.e);
    case "growth":
      return [...constantsOf(e.current), ...constantsOf(e.prior)];
    case "ifNumbers":
      return constantsOf(e.then);
    default:
      return [];
  }
}

export interface Graph {
  cells: Map<string, { at: CellRef; cell: PlanCell }>;
  /** KC inputs: the cells whose formula is a KC call. */
  inputs: CellRef[];
  /** Cells that read this one, directly. */
  readers: Map<string, string[]>;
  /** Every cell that depends on this one, at any distance. */
  dependents(at: CellRef): Set<string>;
  /** The KC inputs a cell depends on, at any distance. */
  inputsBehind(at: CellRef): Set<string>;
}

export function graphOf(model: Model): Graph {
  const cells = new Map<string, { at: CellRef; cell: PlanCell }>();
  const readers = new Map<string, string[]>();
  const inputs: CellRef[] = [];
  for (const plan of model.plans) {
    for (const cell of plan.cells) {
      const at = { tab: plan.key, row: cell.row, col: cell.col };
      cells.set(cellKey(at), { at, cell });
      if (cell.formula?.op === "kc") inputs.push(at);
      for (const r of cell.formula ? refsOf(cell.formula) : []) {
        const list = readers.get(cellKey(r)) ?? [];
        list.push(cellKey(at));
        readers.set(cellKey(r), list);
      }
    }
  }
  const dependents = (at: CellRef): Set<string> => {
    const seen = new Set<string>();
    const stack = [cellKey(at)];
    while (stack.length) {
      for (const r of readers.get(stack.pop() as string) ?? []) {
        if (!seen.has(r)) {
          seen.add(r);
          stack.push(r);
        }
      }
    }
    return seen;
  };
  const inputsBehind = (at: CellRef): Set<string> => {
    const out = new Set<string>();
    const seen = new Set<string>();
    const stack = [cellKey(at)];
    while (stack.length) {
      const k = stack.pop() as string;
      if (seen.has(k)) continue;
      seen.add(k);
      const c = cells.get(k);
      if (!c?.cell.formula) continue;
      if (c.cell.formula.op === "kc") out.add(k);
      else stack.push(...refsOf(c.cell.formula).map(cellKey));
    }
    return out;
  };
  return { cells, inputs, readers, dependents, inputsBehind };
}

/** The model's cells, evaluated exactly with one input replaced. */
export function exactWith(model: Model, input: string, value: Dec): (at: CellRef) => PlanValue {
  const memo = new Map<string, PlanValue>();
  const cells = new Map(
    model.plans.flatMap((p) =>
      p.cells.map((c) => [cellKey({ tab: p.key, row: c.row, col: c.col }), c])
    )
  );
  const cell = (at: CellRef): PlanValue => {
    const k = cellKey(at);
    if (k === input) return value;
    const known = memo.get(k);
    if (known !== undefined) return known;
    const c = cells.get(k);
    const v =
      !c || !c.formula || c.formula.op === "kc"
        ? model.value(at)
        : evaluate(c.formula, { cell, kc: () => ({ error: "#VALUE!", message: "" }) });
    memo.set(k, v);
    return v;
  };
  return cell;
}
