import { columnLetter, rangeA1 } from "../sheets/a1";
import { RenderContext, renderFormula } from "../sheets/expr";
import { LOOKS, Look, lookKey } from "../sheets/styles";
import type { PrintSetup, SheetPlan } from "../sheets/types";

/**
 * A plan turned into what Office.js takes: 2-D blocks for values, formulas and number formats
 * over the tab's used rectangle (null leaves a cell alone), and each look with the areas it covers.
 */
export interface SheetWrites {
  address: string;
  values: (string | number | null)[][];
  formulas: (string | null)[][];
  formats: (string | null)[][];
  looks: { look: Look; areas: string[] }[];
  indents: { level: number; areas: string[] }[];
  widths: { columns: string; width: number }[];
  /** Rows taller than one line, e.g. "4:4", in points. */
  heights: { rows: string; points: number }[];
  freeze: { rows: number; columns: number };
  print: PrintSetup;
  /** Runs of columns to group in the outline and collapse (0-based, inclusive). */
  collapsed: { from: number; to: number }[];
}

/**
 * A sign Excel (or an application the sheet is pasted into) may read as the start of a formula,
 * behind any run of white space or invisible format characters (zero-width spaces, joiners, BOM,
 * soft hyphen, direction marks): =, +, - and @ in their ASCII, full-width and small forms.
 */
const FORMULA_START = /^[\s\p{Cf}]*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20\uFE66\uFE62\uFE63\uFE6B]/u;

/**
 * Text written with a leading apostrophe, Excel's own marker for "this is text", where Excel would
 * otherwise read it as a formula or a sign, or would take its own leading apostrophe as that
 * marker: a label can never become a formula, and reads back exactly as given.
 */
export function asText(label: string): string {
  return FORMULA_START.test(label) || label.startsWith("'") ? `'${label}` : label;
}

export function sheetWrites(plan: SheetPlan, render: Omit<RenderContext, "tab">): SheetWrites {
  const rows = Math.max(...plan.cells.map((c) => c.row)) + 1;
  const cols = Math.max(...plan.cells.map((c) => c.col), plan.widths.length - 1) + 1;
  const grid = <T>() => Array.from({ length: rows }, () => Array<T | null>(cols).fill(null));
  const values = grid<string | number>();
  const formulas = grid<string>();
  const formats = grid<string>();
  const byLook = new Map<string, { look: Look; cells: [number, number][] }>();
  const byIndent = new Map<number, [number, number][]>();
  for (const c of plan.cells) {
    if (c.formula) formulas[c.row][c.col] = renderFormula(c.formula, { ...render, tab: plan.key });
    else if (typeof c.value === "string") values[c.row][c.col] = asText(c.value);
    else if (typeof c.value === "number") values[c.row][c.col] = c.value;
    if (c.format) formats[c.row][c.col] = c.format;
    const look = LOOKS[c.style];
    const key = lookKey(look);
    if (key !== "{}") {
      const entry = byLook.get(key) ?? { look, cells: [] };
      entry.cells.push([c.row, c.col]);
      byLook.set(key, entry);
    }
    if (c.indent) byIndent.set(c.indent, [...(byIndent.get(c.indent) ?? []), [c.row, c.col]]);
  }
  return {
    address: rangeA1(0, 0, rows - 1, cols - 1),
    values,
    formulas,
    formats,
    looks: [...byLook.values()].map((e) => ({ look: e.look, areas: areas(e.cells) })),
    indents: [...byIndent].map(([level, cells]) => ({ level, areas: areas(cells) })),
    widths: widthRuns(plan.widths),
    heights: plan.heights.map((h) => ({ rows: `${h.row + 1}:${h.row + 1}`, points: h.points })),
    freeze: plan.freeze,
    print: plan.print,
    collapsed: plan.collapsed,
  };
}

/** The cells a plan writes, as A1 areas: what the mark keeps so a rebuild knows them. */
export function footprint(plan: SheetPlan): string {
  return areas(plan.cells.map((c) => [c.row, c.col])).join(",");
}

/**
 * The cells of a list of A1 areas ("A1:B2,D4") as "row,col" keys (0-based); undefined for a list
 * that is malformed or larger than any plan (a mark read from a workbook is not trusted).
 */
export function cellKeys(areaList: string): Set<string> | undefined {
  const keys = new Set<string>();
  for (const area of areaList.split(",")) {
    const box = areaBox(area);
    if (!box) return undefined;
    const { r0, c0, r1, c1 } = box;
    if (keys.size + (r1 - r0 + 1) * (c1 - c0 + 1) > MAX_PLAN_CELLS) return undefined;
    for (let r = r0; r <= r1; r++) for (let c = c0; c <= c1; c++) keys.add(`${r},${c}`);
  }
  return keys;
}

const MAX_PLAN_CELLS = 100000;

/** One A1 area ("B5:D5", "D4") as its corners (0-based), or undefined where it is not one. */
export function areaBox(
  area: string
): { r0: number; c0: number; r1: number; c1: number } | undefined {
  const m = /^([A-Z]{1,3})(\d{1,7})(?::([A-Z]{1,3})(\d{1,7}))?$/.exec(area);
  if (!m) return undefined;
  const [c0, r0] = [column(m[1]), Number(m[2]) - 1];
  const [c1, r1] = m[3] ? [column(m[3]), Number(m[4]) - 1] : [c0, r0];
  return r1 < r0 || c1 < c0 ? undefined : { r0, c0, r1, c1 };
}

function column(letters: string): number {
  return [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
}

/** Cells merged into rectangles: runs along each row, then runs of the same span down rows. */
function areas(cells: [number, number][]): string[] {
  const sorted = [...cells].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const runs: [number, number, number][] = [];
  for (const [r, c] of sorted) {
    const last = runs[runs.length - 1];
    if (last && last[0] === r && last[2] === c - 1) last[2] = c;
    else runs.push([r, c, c]);
  }
  const rects: { r0: number; r1: number; c0: number; c1: number }[] = [];
  for (const [r, c0, c1] of runs) {
    const above = rects.find((x) => x.r1 === r - 1 && x.c0 === c0 && x.c1 === c1);
    if (above) above.r1 = r;
    else rects.push({ r0: r, r1: r, c0, c1 });
  }
  return rects.map((x) => rangeA1(x.r0, x.c0, x.r1, x.c1));
}

function widthRuns(widths: number[]): { columns: string; width: number }[] {
  const runs: { from: number; to: number; width: number }[] = [];
  widths.forEach((w, k) => {
    const last = runs[runs.length - 1];
    if (last && last.width === w && last.to === k - 1) last.to = k;
    else runs.push({ from: k, to: k, width: w });
  });
  return runs.map((r) => ({
    columns: `${columnLetter(r.from)}:${columnLetter(r.to)}`,
    width: r.width,
  }));
}
