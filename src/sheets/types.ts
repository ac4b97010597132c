import type { Currency, ItemKind } from "../data/types";

/**
 * Model tabs as plain data ("sheet plans"): every cell with its value or formula, number format
 * and style. The task pane writes plans to Excel, the command line to .xlsx, the preview to HTML;
 * none of them decides what a tab holds.
 */

export type TabKey =
  "income_statement" | "balance_sheet" | "cash_flow" | "reconciliation" | "segments" | "checks";

export const TAB_NAMES: Record<TabKey, string> = {
  income_statement: "KC Income Statement",
  balance_sheet: "KC Balance Sheet",
  cash_flow: "KC Cash Flow",
  reconciliation: "KC Non-GAAP Reconciliation",
  segments: "KC Segments & Margins",
  checks: "KC Checks",
};

export const TAB_KEYS = Object.keys(TAB_NAMES) as TabKey[];

export type ModelUnit = "thousands" | "millions";

export interface ModelOptions {
  currency: Currency;
  unit: ModelUnit;
  /** Tabs to build; KC Checks gathers the checks of the others. */
  tabs: TabKey[];
}

export const DEFAULT_OPTIONS: ModelOptions = { currency: "RMB", unit: "thousands", tabs: TAB_KEYS };

/** The row (0-based) of a tab's period headers, under its title and note. */
export const HEADER_ROW = 3;

/** A cell on a tab, 0-based. */
export interface CellRef {
  tab: TabKey;
  row: number;
  col: number;
}

/**
 * A formula as a tree, so that one definition renders as Excel formula text (with the KC calls,
 * or with their figures in their place for a workbook without the add-in) and evaluates exactly.
 */
export type Expr =
  | { op: "kc"; fn: "VALUE" | "GROWTH"; args: string[] }
  | { op: "ref"; at: CellRef }
  | { op: "sum"; from: CellRef; to: CellRef }
  | { op: "add"; terms: { sign: 1 | -1; e: Expr }[] }
  | { op: "mul"; a: Expr; b: Expr }
  | { op: "div"; a: Expr; b: Expr }
  | { op: "round"; e: Expr; places: number }
  | { op: "num"; value: number }
  | { op: "status"; from: CellRef; to: CellRef };

/**
 * Cell roles, each with its look: inputs (KC figures) blue, links to other tabs green,
 * calculations black, totals bold over a rule, checks grey with failures in red.
 */
export type Style =
  | "title"
  | "subtitle"
  | "header"
  | "heading"
  | "section"
  | "label"
  | "total-label"
  | "input"
  | "link"
  | "calc"
  | "total"
  | "check"
  | "status";

export interface PlanCell {
  row: number;
  col: number;
  /** A literal: labels and headers are always literals, never formulas. */
  value?: string | number;
  formula?: Expr;
  format?: string;
  style: Style;
  /** Indent of a label, in levels (adjustments under their reconciliation). */
  indent?: number;
}

export interface SheetPlan {
  key: TabKey;
  name: string;
  cells: PlanCell[];
  /** Widths in characters, by column. */
  widths: number[];
  /** Rows and columns that stay in view when scrolling. */
  freeze: { rows: number; columns: number };
  /** Check cells of this tab, with what each proves. */
  checks: CheckCell[];
}

export interface CheckCell {
  at: CellRef;
  line: string;
  period: string;
}

export const FORMATS = {
  thousands: '#,##0;(#,##0);"-"',
  millions: '#,##0.0;(#,##0.0);"-"',
  perShare: '0.00;(0.00);"-"',
  shares: "#,##0",
  percent: "0.0%",
  check: "[Red]General;[Red]-General;0",
  text: "@",
};

/** The number format a figure of this kind takes, amounts in the unit shown. */
export function formatFor(kind: ItemKind, unit: string): string {
  switch (kind) {
    case "per_share":
      return FORMATS.perShare;
    case "shares":
      return FORMATS.shares;
    case "percent":
      return FORMATS.percent;
    default:
      return unit === "millions" ? FORMATS.millions : FORMATS.thousands;
  }
}
