import type { Currency, ItemKind } from "../domain/dataset";

/**
 * Model tabs as plain data ("sheet plans"): every cell with its value or formula, number format
 * and style. The task pane writes plans to Excel, the command line to .xlsx, the preview to HTML;
 * none of them decides what a tab holds.
 */

export type TabKey =
  | "dashboard"
  | "income_statement"
  | "balance_sheet"
  | "cash_flow"
  | "reconciliation"
  | "segments"
  | "operating"
  | "estimates"
  | "valuation"
  | "checks";

export const TAB_NAMES: Record<TabKey, string> = {
  dashboard: "KC Dashboard",
  income_statement: "KC Income Statement",
  balance_sheet: "KC Balance Sheet",
  cash_flow: "KC Cash Flow",
  reconciliation: "KC Non-GAAP Reconciliation",
  segments: "KC Segments & Margins",
  operating: "KC Operating Figures",
  estimates: "KC Estimates",
  valuation: "KC Valuation",
  checks: "KC Checks",
};

export const TAB_KEYS = Object.keys(TAB_NAMES) as TabKey[];

/**
 * The tabs a tab links to: a linked model brings its sources along, so that every link resolves
 * to the one cell where its figure enters the model.
 */
export const TAB_NEEDS: Record<TabKey, TabKey[]> = {
  dashboard: ["income_statement", "balance_sheet", "cash_flow", "reconciliation", "operating"],
  income_statement: ["operating"],
  balance_sheet: [],
  cash_flow: ["balance_sheet"],
  reconciliation: ["income_statement", "operating"],
  segments: ["income_statement", "reconciliation"],
  operating: ["income_statement"],
  estimates: ["income_statement", "reconciliation", "operating"],
  valuation: ["estimates", "balance_sheet", "operating"],
  checks: [],
};

export type ModelUnit = "thousands" | "millions";

export interface ModelOptions {
  /**
   * "RMB": the release's layout, every period in RMB and the latest quarter also in published US$.
   * "USD": as "RMB", plus every other period in US$ translated at the convenience rate.
   */
  currency: Currency;
  unit: ModelUnit;
  /** Tabs to build (the tabs they link to come along); KC Checks gathers the others' checks. */
  tabs: TabKey[];
}

export const DEFAULT_OPTIONS: ModelOptions = { currency: "RMB", unit: "thousands", tabs: TAB_KEYS };

/** The row (0-based) of a tab's column headers, under its title and notes. */
export const HEADER_ROW = 3;

/** A cell on a tab, 0-based. */
export interface CellRef {
  tab: TabKey;
  row: number;
  col: number;
}

/** A KC call: only ever a whole cell (an input), never part of a larger formula. */
export interface KcCall {
  op: "kc";
  fn: "VALUE" | "GROWTH";
  args: string[];
}

/**
 * A formula as a tree, so that one definition renders as Excel formula text and evaluates
 * exactly in the core.
 */
export type Expr =
  | KcCall
  | { op: "ref"; at: CellRef }
  | { op: "sum"; from: CellRef; to: CellRef }
  | { op: "add"; terms: { sign: 1 | -1; e: Expr }[] }
  | { op: "mul"; a: Expr; b: Expr }
  | { op: "div"; a: Expr; b: Expr }
  | { op: "round"; e: Expr; places: number }
  | { op: "num"; value: number }
  /** The largest or smallest of numbers (the bridge chart's bases and steps). */
  | { op: "max" | "min"; terms: Expr[] }
  /** current / prior - 1, or "n.m." where the prior is zero or the sign changes. */
  | { op: "growth"; current: Expr; prior: Expr }
  /** How many checks a range holds, or how many of them are not zero. */
  | { op: "count"; from: CellRef; to: CellRef; failing: boolean }
  | { op: "status"; from: CellRef; to: CellRef }
  /**
   * `then` where every cell of `tests` holds a number, else the text `otherwise`: a figure that
   * stands on an input the analyst has not typed yet, or on an n.a., is itself n.a., never an
   * error value.
   */
  | { op: "ifNumbers"; tests: CellRef[]; then: Expr; otherwise: string };

/**
 * Cell roles, each with its look: inputs (KC figures) blue, figures as the release reports them
 * blue italic, links to other tabs green, calculations black, totals bold over a rule, checks grey
 * with failures in red.
 */
export type Style =
  | "title"
  | "subtitle"
  | "header"
  | "header-left"
  | "heading"
  | "section"
  | "label"
  | "total-label"
  | "input"
  | "reported"
  | "link"
  | "calc"
  | "total"
  | "check"
  /** n.a.: a quarter no release in the dataset gives. */
  | "missing"
  /**
   * The analyst's own input (an estimate's driver, the share price): blue on a pale fill. A write
   * puts the plan's starting value only where the cell is new; what is there stays as typed.
   */
  | "driver"
  /**
   * The estimate a column held when its quarter's release came, kept as a figure: a write turns
   * the formula that showed it into its value, and leaves a figure already there as it is.
   */
  | "held"
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
  /** A cell note: a label's full wording as the release prints it, where the cell shows less. */
  note?: string;
}

/** A workbook name of a tab (see workbook-names.ts). */
export interface PlanName {
  name: string;
  /** The cells it refers to, on its tab: a row, from one column to another (0-based). */
  row: number;
  from: number;
  to: number;
}

/** How a tab prints: landscape, one page wide, titles and labels repeated on every page. */
export interface PrintSetup {
  orientation: "landscape";
  fitToWidth: 1;
  /**
   * Pages tall the tab is scaled to fit; 0 is as many as it takes (OOXML's fitToHeight="0", which
   * Excel's page setup shows as a blank "tall"): the scale then follows the width alone, so that
   * nothing prints under 9 pt however many quarters a tab holds.
   */
  fitToHeight: number;
  /** Rows 1..titleRows repeat at the top of every page; column A at the left. */
  titleRows: number;
  /**
   * What prints ("A1:H80"): the tab's cells and no more, so that a long note in column A, which
   * runs on to the right across empty cells, never widens the page and shrinks the print.
   */
  area: string;
  /**
   * The last cell that prints, where a tab prints less than all its cells (KC Dashboard: its
   * figures and charts on one page, not the chart data below them); else every cell prints.
   */
  through?: { row: number; col: number };
  /** In inches, as Excel's page setup gives them. */
  margins: {
    left: number;
    right: number;
    top: number;
    bottom: number;
    header: number;
    footer: number;
  };
  /**
   * Footer in Excel's header and footer codes: &A the tab's name, &P the page, &N the pages; in
   * the centre where the figures come from (the release and the dataset's version).
   */
  footer: { left: string; center: string; right: string };
}

export interface SheetPlan {
  key: TabKey;
  name: string;
  cells: PlanCell[];
  /** Widths in characters, by column. */
  widths: number[];
  /** Heights in points of rows that need more than one line (the column headers). */
  heights: { row: number; points: number }[];
  /** Rows and columns that stay in view when scrolling. */
  freeze: { rows: number; columns: number };
  print: PrintSetup;
  /** Check cells of this tab, with what each proves. */
  checks: CheckCell[];
  /** What each row and column is: how a refresh finds them in a tab written before. */
  layout: Layout;
  /**
   * Columns (0-based, inclusive runs) grouped in Excel's outline and collapsed: the quarters older
   * than the last five. Still in the sheet and linkable; hidden, so they do not print, and the
   * print stays at 9 pt or more however many quarters the dataset holds.
   */
  collapsed: { from: number; to: number }[];
  /** Workbook names for the tab's lines and headline figures (see workbook-names.ts). */
  names: PlanName[];
  /** Charts drawn over the tab's cells (KC Dashboard's); none on the other tabs. */
  charts: ChartPlan[];
}

/** A rectangle of cells on a tab, 0-based and inclusive: one row or one column of a chart's data. */
export interface CellRange {
  tab: TabKey;
  from: { row: number; col: number };
  to: { row: number; col: number };
}

/**
 * How a chart draws its series. "bridge" is the stacked-column bridge analysts build by hand: a
 * stacked column chart whose first series are invisible bases (a waterfall is a chartex chart that
 * LibreOffice does not draw and Office.js supports only in part).
 */
export type ChartKind = "stacked-column" | "clustered-column" | "line" | "bridge";

/**
 * A series' look, the same in every chart that draws it: a colour (#RRGGBB), or none for a
 * bridge's invisible base.
 */
export interface ChartSeries {
  /** The series' name as the legend shows it: the text of `nameAt`. */
  name: string;
  /** The cell holding the name (a header of the chart data), so the legend follows the sheet. */
  nameAt: CellRef;
  /** The figures: one column of cells, row by row in the order of the categories. */
  values: CellRange;
  /** #RRGGBB, or "none": an invisible base that lifts the bridge's steps. */
  color: string;
  /** Left out of the legend (a bridge's bases and its split parts). */
  unlisted?: boolean;
  /** A line drawn dashed, so it stays visible where it runs on another. */
  dashed?: boolean;
}

/**
 * A chart as plain data, like a sheet plan: the Excel writer adds it through Office.js, the export
 * writes it as DrawingML chart parts, the preview draws it as SVG. Its series are ranges of cells,
 * never constants, so a changed input moves the chart; a refresh re-points them as the ranges grow.
 */
export interface ChartPlan {
  /** What the chart shows, stable across refreshes: how the writer finds it again. */
  key: string;
  kind: ChartKind;
  /** What and when: "Revenue by segment, RMB thousands, quarters ended Mar 31, 2025 – Mar 31, 2026". */
  title: string;
  /** The category labels: one column of cells, the same rows as every series' values. */
  categories: CellRange;
  series: ChartSeries[];
  /** The value axis: its title (the unit) and the number format of its labels. */
  valueAxis: { title: string; format: string };
  categoryAxis: { title: string };
  legend: boolean;
  /**
   * Where it sits on its tab: from the top-left corner of `from` to the top-left corner of `to`
   * (0-based cells), so it covers the cells from `from` up to, not including, `to`.
   */
  anchor: { from: { row: number; col: number }; to: { row: number; col: number } };
}

/**
 * A tab's rows and columns by what they are (a line's item, a period and currency, "the latest
 * quarter's growth"), top to bottom and left to right, one key per row and column. A refresh
 * matches the keys of the tab in the workbook with a new plan's: a key it lacks is an inserted
 * row or column, and no key is ever taken away.
 */
export interface Layout {
  rows: string[];
  cols: string[];
}

export interface CheckCell {
  at: CellRef;
  /** The line checked, as its label reads. */
  line: string;
  /** What the check ties: "calculated − as reported", or the two lines a tie compares. */
  ties: string;
  /** The column's header on one line. */
  column: string;
  /** Where the check sits on KC Checks: columns of the same period, currency and kind share one. */
  slot: CheckSlot;
}

/** A column of KC Checks: a period end and currency, or growth of a kind. */
export interface CheckSlot {
  key: string;
  /** Sorts the slots: figure columns by date and currency, then growth. */
  order: string;
  header: string;
}

/** Number formats: negatives in parentheses, positives padded to line up with them. */
export const FORMATS = {
  thousands: '#,##0_);(#,##0);"-"_)',
  millions: '#,##0.0_);(#,##0.0);"-"_)',
  perShare: '0.00_);(0.00);"-"_)',
  perShareFine: '0.0000_);(0.0000);"-"_)',
  shares: "#,##0_)",
  percent: "0.0%_);(0.0%);0.0%_)",
  growth: "0.0%_);(0.0%);0.0%_);@_)",
  /** A change in percentage points, held as a fraction (0.114 shows 11.4% pts). */
  points: '0.0% "pts"_);(0.0% "pts");0.0% "pts"_)',
  rate: "0.0000_)",
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
    case "rate":
      return FORMATS.rate;
    default:
      return unit === "millions" ? FORMATS.millions : FORMATS.thousands;
  }
}
