/**
 * The shape of the dataset: what `kc ingest` writes to dataset.json and the core reads.
 * Every figure is kept as the decimal string the release prints (sign as presented), never as a
 * float, so that nothing is lost between the source text and a formula result.
 */

export type Currency = "RMB" | "USD";

/** Where a line item is presented. "operating" holds figures the release gives only in its prose. */
export type StatementId =
  "income_statement" | "balance_sheet" | "cash_flow" | "non_gaap" | "operating";

/** What a figure measures, which decides how currency and unit arguments apply to it. */
export type ItemKind =
  | "amount" // money, scaled by unit and converted by currency
  | "per_share" // money per share: converted by currency, never scaled
  | "shares" // a count of shares or ADSs: neither converted nor scaled
  | "percent" // a ratio printed in percent: returned as a fraction
  | "rate"; // the convenience exchange rate

/** The unit a figure is printed in. */
export type PrintedUnit =
  | "thousands"
  | "millions"
  | "billions"
  | "units"
  | "percent"
  | "percentage_points"
  | "shares"
  | "ADSs"
  | "RMB_per_USD";

/**
 * "level" is the figure itself; "yoy" and "qoq" are changes the release states in words
 * ("increased by 37.2% year-over-year"), kept so that the validator can prove them.
 */
export type Basis = "level" | "yoy" | "qoq";

export type Sign = "positive" | "negative" | "mixed";

export interface Provenance {
  /** Release the figure comes from (its quarter, e.g. "2026Q1"). */
  release: string;
  /** Table id, for table figures. */
  table?: string;
  /** Row label as printed, including a list dash and both parts of a wrapped label. */
  row: string;
  /** Column header as printed (date, year and currency rows joined), for table figures. */
  column?: string;
  /** 1-based line of the figure in the source file. */
  line: number;
  /** The figure exactly as printed, e.g. "(1,651,671)", "-", "RMB911.1 million", "12.8%". */
  printed: string;
  /** A footnote number printed glued to the figure ("US$392.01 million" is US$392.0 million, note 1). */
  footnote?: number;
}

export interface Fact {
  item: string;
  /**
   * "2026Q1" for a quarter, "2026-03-31" for a balance sheet date, a span id (periods.ts) for a
   * span the release prints: "2025FY" (Twelve Months Ended Dec 31), "2026H1", "2025M9".
   */
  period: string;
  /** null for figures that have no currency (percentages, share counts, the exchange rate). */
  currency: Currency | null;
  /** Decimal string, signed as presented (losses in parentheses are negative). */
  value: string;
  unit: PrintedUnit;
  basis: Basis;
  source: "table" | "prose";
  /** Printed "-" (nil). */
  nil?: true;
  /** Prose states amounts as magnitudes and names the side ("operating profit of RMB54.6 million"). */
  polarity?: "loss" | "profit";
  /**
   * The later release that prints this figure's period again (the dataset keeps both): where it
   * prints another figure, this one is restated, answered only where the first report is asked.
   */
  laterIn?: string;
  prov: Provenance;
}

export interface Item {
  /** Stable id, e.g. "revenue.public", "bs.cash", "ng.adjusted_ebitda". */
  id: string;
  /** Label as printed, without a leading list dash; a wrapped label is joined with one space. */
  label: string;
  statement: StatementId;
  /** Table id where the item is printed; null for prose-only items. */
  table: string | null;
  /** Section as printed without its trailing colon ("Current assets"), or the heading above it. */
  section: string | null;
  /** All-capitals heading the row sits under ("ASSETS"), where the table has one. */
  heading: string | null;
  kind: ItemKind;
  /** Unit the item's figures are printed in. */
  unit: PrintedUnit;
  /** How the release presents the figures: all positive, all negative (in parentheses) or both. */
  sign: Sign;
  /** "computed": a measure the core computes from printed lines (src/core/computed.ts), never stored. */
  source: "table" | "prose" | "computed";
  /** Position in the release (table order, then prose order). */
  order: number;
}

export interface TableColumn {
  /** Header as printed, e.g. "Three Months Ended Mar 31, 2026 US$". */
  header: string;
  period: string;
  currency: Currency | null;
  line: number;
}

export interface TableInfo {
  id: string;
  /** Short name used to qualify labels ("Net loss reconciliation / Interest income"). */
  name: string;
  statement: StatementId;
  /** Title as printed. */
  title: string;
  /** Unit note as printed, e.g. "(All amounts in thousands)". */
  note: string;
  line: number;
  columns: TableColumn[];
}

export interface PeriodInfo {
  id: string;
  /** A span is a release's Six, Nine or Twelve Months Ended column: "2026H1", "2025M9", "2025FY". */
  kind: "quarter" | "instant" | "span";
  /** Last day of the quarter or span, or the balance sheet date (ISO). */
  end: string;
}

export interface SourceInfo {
  release: string;
  file: string;
  sha256: string;
  lines: number;
}

export interface Dataset {
  format: 1;
  /** Changes whenever any source changes; recorded on model tabs so refresh can tell staleness. */
  version: string;
  company: { name: string; nasdaq: string; hkex: string };
  /** The latest quarter the dataset covers ("LQ"). */
  latestQuarter: string;
  sources: SourceInfo[];
  fx: { rmbPerUsd: string; date: string; release: string; line: number };
  periods: PeriodInfo[];
  tables: TableInfo[];
  items: Item[];
  facts: Fact[];
}
