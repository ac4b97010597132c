import type {
  CellRef,
  CheckCell,
  Expr,
  PlanCell,
  PrintSetup,
  SheetPlan,
  Style,
  TabKey,
} from "./types";
import { FORMATS, HEADER_ROW, TAB_NAMES } from "./types";

/**
 * Lays out one tab, row by row: a title and notes, a header row, then labelled lines. It knows
 * nothing of figures; the grid decides what each cell holds.
 */
export class SheetBuilder {
  private readonly cells: PlanCell[] = [];
  private readonly checks: CheckCell[] = [];
  private row = 0;

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
    this.row = HEADER_ROW + 1;
  }

  blank(): void {
    this.row++;
  }

  heading(text: string, style: "heading" | "section" = "section"): number {
    const r = this.row;
    this.put(r, 0, text, style);
    return r;
  }

  /** Places a line's label and returns its row; its figures come later. */
  label(text: string, opts: { total?: boolean; indent?: number } = {}): number {
    const r = this.row;
    const cell: PlanCell = {
      row: r,
      col: 0,
      value: text,
      style: opts.total ? "total-label" : "label",
    };
    if (opts.indent) cell.indent = opts.indent;
    this.cells.push(cell);
    this.row++;
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
    this.cells.push(cell);
    this.row = Math.max(this.row, row + 1);
  }

  /** A check cell: it must come to zero, and KC Checks links to it once. */
  check(at: CellRef, formula: Expr, about: Omit<CheckCell, "at">): void {
    this.cells.push({ row: at.row, col: at.col, formula, format: FORMATS.check, style: "check" });
    this.checks.push({ at, ...about });
  }

  ref(row: number, col: number): CellRef {
    return { tab: this.key, row, col };
  }

  plan(widths: number[], freeze: { rows: number; columns: number }): SheetPlan {
    const print: PrintSetup = {
      orientation: "landscape",
      fitToWidth: 1,
      fitToHeight: 2,
      titleRows: freeze.rows,
      margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 },
      footer: { left: "&A", right: "Page &P of &N" },
    };
    return {
      key: this.key,
      name: TAB_NAMES[this.key],
      cells: this.cells,
      widths,
      heights: headerHeights(this.cells),
      freeze,
      print,
      checks: this.checks,
    };
  }
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
 * wide as their longest header line.
 */
export function widthsOf(cells: readonly PlanCell[], minimum = 12): number[] {
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
