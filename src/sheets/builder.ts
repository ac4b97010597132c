import type {
  CellRef,
  ChartPlan,
  CheckCell,
  Expr,
  Layout,
  PlanCell,
  PrintSetup,
  SheetPlan,
  Style,
  TabKey,
} from "./types";
import { rangeA1 } from "./a1";
import { uniqueNames } from "./workbook-names";
import type { PlanName } from "./types";
import { shortLabel } from "./short-labels";
import { FORMATS, HEADER_ROW, TAB_NAMES } from "./types";

/**
 * Lays out one tab, row by row: a title and notes, a header row, then labelled lines. It knows
 * nothing of figures; the grid decides what each cell holds.
 */
export class SheetBuilder {
  private readonly cells: PlanCell[] = [];
  private readonly checks: CheckCell[] = [];
  private row = 0;
  /** What each row is, for a refresh to find it again (see `Layout`). */
  private readonly rowKeys = new Map<number, string>();
  private colKeys: string[] = [];
  private collapsedColumns: number[] = [];
  private planNames: PlanName[] = [];
  private readonly chartPlans: ChartPlan[] = [];
  private readonly forcedHeights = new Map<number, number>();
  /** The heading the rows below stand under: a label's key says which block it is in. */
  private block = "";

  constructor(readonly key: TabKey) {}

  /** The cells written so far. */
  get written(): readonly PlanCell[] {
    return this.cells;
  }

  /** Title, notes (at most two lines, rows 2 and 3) and the header row (row 4). */
  top(title: string, notes: string[], headers: string[]): void {
    this.put(0, 0, title, "title");
    notes.slice(0, HEADER_ROW - 1).forEach((n, k) => this.put(k + 1, 0, n, "subtitle"));
    this.put(HEADER_ROW, 0, "", "header");
    headers.forEach((h, k) => this.put(HEADER_ROW, k + 1, h, "header"));
    for (let r = 0; r <= HEADER_ROW; r++)
      this.rowKeys.set(r, r === HEADER_ROW ? "header" : `top:${r}`);
    this.row = HEADER_ROW + 1;
  }

  /** The tab's workbook names. */
  names(names: PlanName[]): void {
    this.planNames = uniqueNames(names);
  }

  /** A chart over the tab's cells. */
  chart(chart: ChartPlan): void {
    this.chartPlans.push(chart);
  }

  /** Columns grouped in the outline and collapsed (older quarters: they do not print). */
  collapse(columns: number[]): void {
    this.collapsedColumns = columns;
  }

  /** What each column is (its key, left to right from column A), for a refresh to find it again. */
  columns(keys: string[]): void {
    this.colKeys = keys;
  }

  /** Names a row placed by `put` (rows of a tab with a layout of its own, such as KC Checks'). */
  rowKey(row: number, key: string): void {
    this.rowKeys.set(row, key);
  }

  /**
   * A header row inside the tab (chart data under its own column names): the first name left,
   * the others right, over the figures below.
   */
  headerRow(names: string[], key: string): number {
    const r = this.row;
    names.forEach((n, k) => this.put(r, k, n, k === 0 ? "header-left" : "header"));
    this.rowKeys.set(r, key);
    return r;
  }

  /** Goes on at this row (below a block of charts, which stand over cells, not in them). */
  skipTo(row: number): void {
    this.row = Math.max(this.row, row);
  }

  blank(): void {
    this.row++;
  }

  /** A heading row; `key` where its words change with the data (a heading naming the quarter). */
  heading(text: string, style: "heading" | "section" = "section", key?: string): number {
    const r = this.row;
    this.put(r, 0, text, style);
    if (style === "heading") this.block = text;
    this.rowKeys.set(r, key ?? `${style}:${this.block}|${text}`);
    return r;
  }

  /**
   * Places a line's label and returns its row; its figures come later. `key` says what the row
   * is (a line's item); without one, its label within the block it stands in.
   */
  label(text: string, opts: { total?: boolean; indent?: number; key?: string } = {}): number {
    const r = this.row;
    this.put(r, 0, text, opts.total ? "total-label" : "label", undefined, opts.indent);
    this.rowKeys.set(r, opts.key ?? `label:${this.block}|${text}`);
    return r;
  }

  /** A cell: a literal (labels, headers) or a formula. */
  put(
    row: number,
    col: number,
    value: string | number | Expr,
    style: Style,
    format?: string,
    indent?: number
  ): void {
    const cell: PlanCell =
      typeof value === "object" ? { row, col, formula: value, style } : { row, col, value, style };
    if (format) cell.format = format;
    if (indent) cell.indent = indent;
    // Column A shows a label in at most LABEL_LIMIT characters, the full wording in its note.
    if (col === 0 && typeof value === "string" && row > HEADER_ROW) {
      const short = shortLabel(value);
      if (short !== value) {
        cell.value = short;
        cell.note = value;
      }
    }
    this.cells.push(cell);
    this.row = Math.max(this.row, row + 1);
  }

  /** A note on a cell already placed: why it reads as it does. */
  note(row: number, col: number, text: string): void {
    const cell = this.cells.find((c) => c.row === row && c.col === col);
    if (!cell) throw new Error(`No cell at ${row},${col} to note`);
    cell.note = text;
  }

  /** A check cell: it must come to zero, and KC Checks links to it once. */
  check(at: CellRef, formula: Expr, about: Omit<CheckCell, "at">): void {
    this.cells.push({ row: at.row, col: at.col, formula, format: FORMATS.check, style: "check" });
    this.checks.push({ at, ...about });
  }

  ref(row: number, col: number): CellRef {
    return { tab: this.key, row, col };
  }

  /** Forces a row's height in points (a header row whose names wrap onto several lines). */
  height(row: number, points: number): void {
    this.forcedHeights.set(row, points);
  }

  /**
   * The tab as a plan. `onePage`: the cells up to `through` print on one page (KC Dashboard), else
   * every cell prints, as many pages tall as it takes.
   */
  plan(
    widths: number[],
    freeze: { rows: number; columns: number },
    source: string,
    onePage?: { through: { row: number; col: number } }
  ): SheetPlan {
    const print: PrintSetup = {
      orientation: "landscape",
      fitToWidth: 1,
      fitToHeight: onePage ? 1 : 0,
      titleRows: freeze.rows,
      area: onePage
        ? rangeA1(0, 0, onePage.through.row, onePage.through.col)
        : printArea(this.cells),
      ...(onePage ? { through: onePage.through } : {}),
      margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 },
      // "&&": a literal ampersand in a footer (a file name may hold one).
      footer: { left: "&A", center: source.replace(/&/g, "&&"), right: "Page &P of &N" },
    };
    return {
      key: this.key,
      name: TAB_NAMES[this.key],
      cells: this.cells,
      widths,
      heights: [
        ...headerHeights(this.cells).filter((h) => !this.forcedHeights.has(h.row)),
        ...[...this.forcedHeights].map(([row, points]) => ({ row, points })),
      ],
      freeze,
      print,
      checks: this.checks,
      layout: this.layout(),
      collapsed: runs(this.collapsedColumns),
      names: this.planNames,
      charts: this.chartPlans,
    };
  }

  /**
   * Every row's and column's key. A blank row belongs to the row after it (the gap before a
   * block); a key that recurs is told apart by how many times it stood above ("#2").
   */
  private layout(): Layout {
    const last = Math.max(...this.cells.map((c) => c.row));
    const rows: string[] = [];
    for (let r = last; r >= 0; r--) {
      rows[r] = this.rowKeys.get(r) ?? `gap:${rows[r + 1] ?? "end"}`;
    }
    const lastCol = Math.max(...this.cells.map((c) => c.col), this.colKeys.length - 1);
    const cols = Array.from({ length: lastCol + 1 }, (_, c) => this.colKeys[c] ?? `column:${c}`);
    return { rows: unique(rows), cols: unique(cols) };
  }
}

/** Column indices as runs of neighbours: [1,2,3,7] is 1-3 and 7. */
export function runs(columns: readonly number[]): { from: number; to: number }[] {
  const out: { from: number; to: number }[] = [];
  for (const c of [...columns].sort((a, b) => a - b)) {
    const last = out[out.length - 1];
    if (last && last.to === c - 1) last.to = c;
    else out.push({ from: c, to: c });
  }
  return out;
}

/** Every column of a run. */
export function columnsOf(r: { from: number; to: number }): number[] {
  return Array.from({ length: r.to - r.from + 1 }, (_, i) => r.from + i);
}

/** Keys made unique by their count so far: "a", "a#2", "a#3". */
function unique(keys: string[]): string[] {
  const seen = new Map<string, number>();
  return keys.map((k) => {
    const n = (seen.get(k) ?? 0) + 1;
    seen.set(k, n);
    return n === 1 ? k : `${k}#${n}`;
  });
}

/** Header cells hold their text on several lines: the row is as tall as the tallest. */
function headerHeights(cells: PlanCell[]): SheetPlan["heights"] {
  const lines = new Map<number, number>();
  for (const c of cells) {
    if (c.style !== "header" || typeof c.value !== "string") continue;
    const n = c.value.split("\n").length;
    if (n > 1) lines.set(c.row, Math.max(lines.get(c.row) ?? 1, n));
  }
  return [...lines].map(([row, n]) => ({ row, points: n * 15 + 3 }));
}

/**
 * Column A is as wide as its longest label: in Calibri (and Carlito, its metric twin) a label runs
 * about nine tenths of as many digit widths as it has characters, bold a little more; headings
 * stand on rows of their own and run on into the empty cells beside them. The other columns are as
 * wide as their longest header line, and at least as wide as the widest figure a tab shows (a
 * share count: "4,555,310,453 " in thirteen digit widths and a pad).
 */
export function widthsOf(cells: readonly PlanCell[], minimum = 15): number[] {
  const widths: number[] = [];
  for (const c of cells) {
    if (typeof c.value !== "string" || !(c.style in TEXT_WIDTH)) continue;
    const longest = Math.max(...c.value.split("\n").map((l) => l.length));
    const text = Math.ceil(longest * TEXT_WIDTH[c.style as keyof typeof TEXT_WIDTH]);
    const need = text + (c.indent ?? 0) * 2 + 2;
    widths[c.col] = Math.max(widths[c.col] ?? minimum, need, minimum);
  }
  return Array.from(widths, (w) => w ?? minimum);
}

/** Digit widths per character of the text styles a column must hold whole. */
const TEXT_WIDTH = { label: 0.9, "total-label": 1, header: 1.1, "header-left": 1.1 };

/** The rectangle from A1 to the last row and column that hold a figure or a header. */
export function printArea(cells: readonly PlanCell[]): string {
  const lastRow = Math.max(...cells.map((c) => c.row));
  // Column A's notes run on to the right: the area is as wide as the columns with figures.
  const lastCol = Math.max(
    0,
    ...cells.filter((c) => c.style !== "subtitle" && c.style !== "title").map((c) => c.col)
  );
  return rangeA1(0, 0, lastRow, lastCol);
}
