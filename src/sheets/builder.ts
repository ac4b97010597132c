import type { CellRef, CheckCell, Expr, PlanCell, SheetPlan, Style, TabKey } from "./types";
import { FORMATS, HEADER_ROW, TAB_NAMES } from "./types";

/**
 * Lays out one tab: a title, a note, a header row of periods, then lines with a figure per
 * period and, beside them, a check per period. Column A holds labels; periods follow; after a
 * spacer come the check columns, so that every check sits on the line it proves. Lines are
 * placed first and filled after, so a formula may refer to a line printed below it.
 */
export class SheetBuilder {
  private readonly cells: PlanCell[] = [];
  private readonly checks: CheckCell[] = [];
  private readonly labels = new Map<number, string>();
  private row = 0;
  private headerRow = 0;

  constructor(
    readonly key: TabKey,
    /** Period ids, in column order. */
    readonly periods: string[],
    /** Header text per period. */
    readonly headers: string[]
  ) {}

  get checkColumn0(): number {
    return this.periods.length + 2;
  }

  periodColumn(period: string): number {
    return this.periods.indexOf(period) + 1;
  }

  /** Title, note and the header row. */
  top(title: string, note: string, withChecks: boolean): void {
    this.put(0, 0, title, "title");
    this.put(1, 0, note, "subtitle");
    this.headerRow = HEADER_ROW;
    this.put(HEADER_ROW, 0, "", "header");
    this.headers.forEach((h, k) => this.put(HEADER_ROW, k + 1, h, "header"));
    if (withChecks)
      this.headers.forEach((h, k) =>
        this.put(HEADER_ROW, this.checkColumn0 + k, `Check ${h}`, "header")
      );
  }

  blank(): void {
    this.row++;
  }

  heading(text: string, style: "heading" | "section" = "section"): void {
    this.put(this.row, 0, text, style);
  }

  /** Places a line's label and returns its row; its figures and checks come later. */
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
    this.labels.set(r, text);
    this.row++;
    return r;
  }

  /** One figure per period (null leaves the cell empty). */
  figures(row: number, figures: (Expr | null)[], style: Style, format: string): void {
    figures.forEach((f, k) => {
      if (f) this.cells.push({ row, col: k + 1, formula: f, format, style });
    });
  }

  /** One check per period beside the line; each must come to zero. */
  checksFor(row: number, checks: (Expr | null)[]): void {
    checks.forEach((c, k) => {
      if (!c) return;
      const at: CellRef = { tab: this.key, row, col: this.checkColumn0 + k };
      this.cells.push({ row, col: at.col, formula: c, format: FORMATS.check, style: "check" });
      this.checks.push({ at, line: this.labels.get(row) ?? "", period: this.periods[k] });
    });
  }

  /** A free-form cell, for tabs that are not a grid of periods (KC Checks). */
  put(
    row: number,
    col: number,
    value: string | number | Expr,
    style: Style,
    format?: string
  ): void {
    const cell: PlanCell =
      typeof value === "object" ? { row, col, formula: value, style } : { row, col, value, style };
    if (format) cell.format = format;
    this.cells.push(cell);
    this.row = Math.max(this.row, row + 1);
  }

  ref(row: number, col: number): CellRef {
    return { tab: this.key, row, col };
  }

  plan(widths: number[]): SheetPlan {
    return {
      key: this.key,
      name: TAB_NAMES[this.key],
      cells: this.cells,
      widths,
      freeze: { rows: this.headerRow + 1, columns: 1 },
      checks: this.checks,
    };
  }
}
