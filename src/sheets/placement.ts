import type {
  CellRange,
  CellRef,
  ChartPlan,
  CheckCell,
  Expr,
  Layout,
  PlanCell,
  SheetPlan,
  TabKey,
} from "./types";
import { columnsOf, printArea, runs } from "./builder";
import { rangeA1 } from "./a1";

/**
 * Where a model goes in tabs written before: each tab's rows and columns found again by their
 * keys, what is new inserted among them, nothing taken away. A refresh only adds, so every cell an
 * analyst's formula points at keeps its meaning (Excel moves the formula's reference across an
 * inserted row or column), and no formula in the workbook needs to be looked at.
 */

/** Whole rows or columns inserted before index `at` of the sheet as it is when the insert runs. */
export interface Insert {
  axis: "rows" | "columns";
  at: number;
  count: number;
}

/** One tab of the model placed over the tab in the workbook. */
export interface Placed {
  plan: SheetPlan;
  /** Inserts in the order they run: columns left to right, then rows top to bottom. */
  inserts: Insert[];
  /** Where a row or column of the tab as it was stands now. */
  moved: { row(old: number): number; col(old: number): number };
  /** Rows and columns of the tab as it was that the new plan does not have (they stay). */
  kept: { rows: number[]; cols: number[] };
}

export class PlacementError extends Error {}

/** The merge of two key lists and where each entry went (see `placeModel`). */
interface Merge {
  merged: string[];
  /** Index in `merged` of each old key and each new key. */
  fromOld: number[];
  fromNew: number[];
  inserts: { at: number; count: number }[];
  /** Indices in `merged` of old keys the new list lacks. */
  kept: number[];
}

/**
 * The old keys in their order with the new ones among them: a new key goes right after the key
 * it follows in the new list. Keys both lists have must be in the same order: a line cannot move
 * without removing a row, which a refresh never does.
 */
export function mergeKeys(old: readonly string[], next: readonly string[], what: string): Merge {
  const inOld = new Map(old.map((k, i) => [k, i]));
  const inNew = new Set(next);
  let lastOld = -1;
  for (const k of next) {
    const i = inOld.get(k);
    if (i === undefined) continue;
    if (i < lastOld)
      throw new PlacementError(
        `${what}: "${old[lastOld]}" and "${k}" would change places, which a refresh cannot do without removing one; insert the model on a new workbook to take the new order`
      );
    lastOld = i;
  }
  const merged: string[] = [];
  const fromOld: number[] = [];
  const fromNew: number[] = [];
  const inserts: Merge["inserts"] = [];
  const kept: number[] = [];
  let o = 0;
  const takeOld = () => {
    if (!inNew.has(old[o])) kept.push(merged.length);
    fromOld[o++] = merged.length;
    merged.push(old[o - 1]);
  };
  next.forEach((k, j) => {
    const i = inOld.get(k);
    if (i !== undefined) {
      while (o <= i) takeOld();
      fromNew[j] = fromOld[i];
      return;
    }
    const last = inserts[inserts.length - 1];
    if (last && last.at + last.count === merged.length) last.count++;
    else inserts.push({ at: merged.length, count: 1 });
    fromNew[j] = merged.length;
    merged.push(k);
  });
  while (o < old.length) takeOld();
  return { merged, fromOld, fromNew, inserts, kept };
}

/**
 * The model's plans placed over the tabs written before (`before`, each tab's layout as its mark
 * records it; a tab without one is new and placed as planned). Every cell moves to where its row
 * and column are in the merged layout, and so does every reference to it, on any tab.
 */
export function placeModel(
  plans: readonly SheetPlan[],
  before: ReadonlyMap<TabKey, Layout>
): Placed[] {
  const merges = new Map<TabKey, { rows: Merge; cols: Merge }>();
  for (const p of plans) {
    const old = before.get(p.key);
    if (!old) continue;
    merges.set(p.key, {
      rows: mergeKeys(old.rows, p.layout.rows, `${p.name}, rows`),
      cols: mergeKeys(old.cols, p.layout.cols, `${p.name}, columns`),
    });
  }
  const at = (ref: CellRef): CellRef => {
    const m = merges.get(ref.tab);
    return m ? { tab: ref.tab, row: m.rows.fromNew[ref.row], col: m.cols.fromNew[ref.col] } : ref;
  };
  return plans.map((p) => {
    const m = merges.get(p.key);
    if (!m)
      return {
        plan: p,
        inserts: [],
        moved: { row: (r) => r, col: (c) => c },
        kept: { rows: [], cols: [] },
      };
    const cells: PlanCell[] = p.cells.map((c) => {
      const to = at({ tab: p.key, row: c.row, col: c.col });
      const cell: PlanCell = { ...c, row: to.row, col: to.col };
      if (c.formula) cell.formula = moveExpr(c.formula, at);
      return cell;
    });
    const widths: number[] = [];
    p.widths.forEach((w, c) => (widths[m.cols.fromNew[c]] = w));
    const checks: CheckCell[] = p.checks.map((c) => ({ ...c, at: at(c.at) }));
    const plan: SheetPlan = {
      ...p,
      cells,
      widths,
      heights: p.heights.map((h) => ({ ...h, row: m.rows.fromNew[h.row] })),
      checks,
      print: { ...p.print, ...printedPart(p, at, cells) },
      charts: p.charts.map((c) => moveChart(c, at)),
      layout: { rows: m.rows.merged, cols: m.cols.merged },
      names: p.names.map((n) => ({
        ...n,
        row: m.rows.fromNew[n.row],
        from: m.cols.fromNew[n.from],
        to: m.cols.fromNew[n.to],
      })),
      collapsed: runs(p.collapsed.flatMap(columnsOf).map((c) => m.cols.fromNew[c])),
    };
    return {
      plan,
      inserts: [
        ...m.cols.inserts.map((i) => ({ axis: "columns" as const, ...i })),
        ...m.rows.inserts.map((i) => ({ axis: "rows" as const, ...i })),
      ],
      moved: { row: movedBy(m.rows), col: movedBy(m.cols) },
      kept: { rows: m.rows.kept, cols: m.cols.kept },
    };
  });
}

/** Where an old row or column is now; past the old layout, moved by everything inserted. */
function movedBy(m: Merge): (old: number) => number {
  const old = m.fromOld.length;
  return (i) => (i < old ? m.fromOld[i] : i + m.merged.length - old);
}

type Position = { row: number; col: number };

/** Where a position on a tab went. */
function movedTo(at: (ref: CellRef) => CellRef, tab: TabKey, p: Position): Position {
  const to = at({ tab, ...p });
  return { row: to.row, col: to.col };
}

/** What prints: up to the moved last cell where the plan names one, else every cell. */
function printedPart(
  p: SheetPlan,
  at: (ref: CellRef) => CellRef,
  cells: readonly PlanCell[]
): Pick<SheetPlan["print"], "area" | "through"> {
  if (!p.print.through) return { area: printArea(cells) };
  const through = movedTo(at, p.key, p.print.through);
  return { through, area: rangeA1(0, 0, through.row, through.col) };
}

/** A chart over a tab written before: its ranges and its place, where their cells went. */
function moveChart(c: ChartPlan, at: (ref: CellRef) => CellRef): ChartPlan {
  const cell = (tab: TabKey, p: Position) => movedTo(at, tab, p);
  const range = (r: CellRange): CellRange => ({
    tab: r.tab,
    from: cell(r.tab, r.from),
    to: cell(r.tab, r.to),
  });
  const home = c.categories.tab;
  return {
    ...c,
    categories: range(c.categories),
    series: c.series.map((s) => ({ ...s, nameAt: at(s.nameAt), values: range(s.values) })),
    anchor: { from: cell(home, c.anchor.from), to: cell(home, c.anchor.to) },
  };
}

function moveExpr(e: Expr, at: (ref: CellRef) => CellRef): Expr {
  switch (e.op) {
    case "ref":
      return { op: "ref", at: at(e.at) };
    case "sum":
    case "count":
    case "status":
      return { ...e, from: at(e.from), to: at(e.to) };
    case "add":
      return { op: "add", terms: e.terms.map((t) => ({ sign: t.sign, e: moveExpr(t.e, at) })) };
    case "mul":
    case "div":
      return { op: e.op, a: moveExpr(e.a, at), b: moveExpr(e.b, at) };
    case "max":
    case "min":
      return { op: e.op, terms: e.terms.map((t) => moveExpr(t, at)) };
    case "round":
      return { ...e, e: moveExpr(e.e, at) };
    case "ifNumbers":
      return { ...e, tests: e.tests.map(at), then: moveExpr(e.then, at) };
    case "growth":
      return { op: "growth", current: moveExpr(e.current, at), prior: moveExpr(e.prior, at) };
    case "kc":
    case "num":
      return e;
  }
}
