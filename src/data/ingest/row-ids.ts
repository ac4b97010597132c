import type { Currency, ItemKind, StatementId } from "../../domain/dataset";

/**
 * The stable ids of every table row. Ids never change once published (formulas in analysts'
 * workbooks use them); labels may change between releases, so a row is found by its printed
 * label (and section where a label repeats). A row a new release adds must be given an id here:
 * ingest stops and names it rather than invent one. Each table also declares the columns the
 * release lays it out with.
 */

export interface RowId {
  label: string;
  id: string;
  /** Needed only where the same label is printed in two sections of one table. */
  section?: string;
  kind?: ItemKind;
}

/** The period a column covers, relative to the quarter the release reports. */
export type ColumnPeriod =
  | "year-ago quarter"
  | "previous quarter"
  | "release quarter"
  | "previous year end"
  | "release quarter end"
  /** From the start of the release's fiscal year to the release quarter: six, nine or twelve months. */
  | "year to date"
  | "year-ago year to date";

export interface ColumnLayout {
  period: ColumnPeriod;
  /** null where the table's header prints no currency (percentages). */
  currency: Currency | null;
}

/**
 * How the quarterly release lays out each statement's columns. A table whose header declares
 * anything else (a column lost with its header cells, a misprinted year) is refused rather than
 * read as a release with fewer figures: a missing US$ column would silently change every answer
 * asked in US$.
 */
const QUARTER_AMOUNTS: ColumnLayout[] = [
  { period: "year-ago quarter", currency: "RMB" },
  { period: "previous quarter", currency: "RMB" },
  { period: "release quarter", currency: "RMB" },
  { period: "release quarter", currency: "USD" },
];
const QUARTER_PERCENTAGES: ColumnLayout[] = [
  { period: "year-ago quarter", currency: null },
  { period: "previous quarter", currency: null },
  { period: "release quarter", currency: null },
];
const BALANCE_SHEET_DATES: ColumnLayout[] = [
  { period: "previous year end", currency: "RMB" },
  { period: "release quarter end", currency: "RMB" },
  { period: "release quarter end", currency: "USD" },
];

/**
 * The columns a table of quarters adds where the release also prints the year to date (Six, Nine
 * or Twelve Months Ended: the second, third and fourth quarter's releases; a first quarter's year
 * to date is the quarter itself): the same span a year before and this year's in RMB (or the
 * percentage), then this year's in US$ where the quarter columns have one. Balance sheets print
 * dates, no spans.
 */
export function yearToDateColumns(columns: ColumnLayout[]): ColumnLayout[] {
  if (!columns.some((c) => c.period === "release quarter")) return [];
  const currency = columns[0].currency;
  return [
    { period: "year-ago year to date", currency },
    { period: "year to date", currency },
    ...columns
      .filter((c) => c.period === "release quarter" && c.currency === "USD")
      .map((): ColumnLayout => ({ period: "year to date", currency: "USD" })),
  ];
}

export interface TableId {
  id: string;
  /** Short name that qualifies a label ("Net loss reconciliation / Interest income"). */
  name: string;
  statement: StatementId;
  /** Recognises the table by its printed title and, for the look-alike reconciliations, first row. */
  title: RegExp;
  /** The columns, in order: balance sheets are at dates, every other table covers quarters. */
  columns: ColumnLayout[];
  firstRow?: string;
  rows: RowId[];
}

export const TABLE_IDS: TableId[] = [
  {
    id: "balance_sheet",
    name: "Balance sheet",
    statement: "balance_sheet",
    title: /BALANCE SHEETS?/i,
    columns: BALANCE_SHEET_DATES,
    rows: [
      { label: "Cash and cash equivalents", id: "bs.cash" },
      { label: "Restricted cash", id: "bs.restricted_cash" },
      { label: "Accounts receivable, net", id: "bs.accounts_receivable" },
      {
        label: "Prepayments and other assets",
        section: "Current assets",
        id: "bs.prepayments_current",
      },
      { label: "Amounts due from related parties", id: "bs.due_from_related_parties" },
      { label: "Total current assets", id: "bs.total_current_assets" },
      { label: "Property and equipment, net", id: "bs.property_equipment" },
      { label: "Intangible assets, net", id: "bs.intangible_assets" },
      { label: "Goodwill", id: "bs.goodwill" },
      {
        label: "Prepayments and other assets",
        section: "Non-current assets",
        id: "bs.prepayments_non_current",
      },
      { label: "Equity investments", id: "bs.equity_investments" },
      { label: "Operating lease right-of-use assets", id: "bs.operating_lease_rou_assets" },
      { label: "Total non-current assets", id: "bs.total_non_current_assets" },
      { label: "Total assets", id: "bs.total_assets" },
      { label: "Accounts payable", id: "bs.accounts_payable" },
      { label: "Accrued expenses and other current liabilities", id: "bs.accrued_expenses" },
      { label: "Short-term borrowings", id: "bs.short_term_borrowings" },
      { label: "Income tax payable", id: "bs.income_tax_payable" },
      {
        label: "Amounts due to related parties",
        section: "Current liabilities",
        id: "bs.due_to_related_parties_current",
      },
      {
        label: "Current operating lease liabilities",
        id: "bs.operating_lease_liabilities_current",
      },
      { label: "Total current liabilities", id: "bs.total_current_liabilities" },
      { label: "Long-term borrowings", id: "bs.long_term_borrowings" },
      {
        label: "Amounts due to related parties",
        section: "Non-current liabilities",
        id: "bs.due_to_related_parties_non_current",
      },
      { label: "Deferred tax liabilities", id: "bs.deferred_tax_liabilities" },
      { label: "Other liabilities", id: "bs.other_liabilities" },
      {
        label: "Non-current operating lease liabilities",
        id: "bs.operating_lease_liabilities_non_current",
      },
      { label: "Total non-current liabilities", id: "bs.total_non_current_liabilities" },
      { label: "Total liabilities", id: "bs.total_liabilities" },
      { label: "Ordinary shares", id: "bs.ordinary_shares" },
      { label: "Treasury shares", id: "bs.treasury_shares" },
      { label: "Additional paid-in capital", id: "bs.additional_paid_in_capital" },
      { label: "Statutory reserves funds", id: "bs.statutory_reserves" },
      { label: "Accumulated deficit", id: "bs.accumulated_deficit" },
      { label: "Accumulated other comprehensive income", id: "bs.accumulated_oci" },
      {
        label: "Total Kingsoft Cloud Holdings Limited shareholders’ equity",
        id: "bs.total_shareholders_equity",
      },
      { label: "Non-controlling interests", id: "bs.non_controlling_interests" },
      { label: "Total equity", id: "bs.total_equity" },
      {
        label: "Total liabilities, non-controlling interests and shareholders’ equity",
        id: "bs.total_liabilities_and_equity",
      },
    ],
  },
  {
    id: "income_statement",
    name: "Statement of comprehensive loss",
    statement: "income_statement",
    title: /STATEMENTS? OF COMPREHENSIVE LOSS/i,
    columns: QUARTER_AMOUNTS,
    rows: [
      { label: "Public cloud services", id: "revenue.public" },
      { label: "Enterprise cloud services", id: "revenue.enterprise" },
      { label: "Total revenues", id: "revenue.total" },
      { label: "Cost of revenues", id: "is.cost_of_revenues" },
      { label: "Gross profit", id: "is.gross_profit" },
      { label: "Selling and marketing expenses", id: "is.selling_marketing" },
      { label: "General and administrative expenses", id: "is.general_administrative" },
      { label: "Research and development expenses", id: "is.research_development" },
      { label: "Total operating expenses", id: "is.total_operating_expenses" },
      { label: "Operating loss", id: "is.operating_loss" },
      { label: "Interest income", id: "is.interest_income" },
      { label: "Interest expense", id: "is.interest_expense" },
      { label: "Foreign exchange gain (loss)", id: "is.fx_gain_loss" },
      { label: "Other gain (loss), net", id: "is.other_gain_loss" },
      { label: "Other (expense) income, net", id: "is.other_expense_income" },
      { label: "Loss before income taxes", id: "is.loss_before_tax" },
      { label: "Income tax (expense) benefit", id: "is.income_tax" },
      { label: "Net loss", id: "is.net_loss" },
      {
        label: "Less: net (loss) profit attributable to non-controlling interests",
        id: "is.net_loss_nci",
      },
      {
        label: "Net loss attributable to Kingsoft Cloud Holdings Limited",
        id: "is.net_loss_attributable",
      },
      {
        label: "Basic and diluted",
        section: "Net loss per share",
        id: "is.eps_basic_diluted",
        kind: "per_share",
      },
      {
        label: "Basic and diluted",
        section: "Shares used in the net loss per share computation",
        id: "is.shares_basic_diluted",
        kind: "shares",
      },
      { label: "Foreign currency translation adjustments", id: "is.fx_translation" },
      { label: "Comprehensive loss", id: "is.comprehensive_loss" },
      {
        label: "Less: Comprehensive (loss) income attributable to non-controlling interests",
        id: "is.comprehensive_loss_nci",
      },
      {
        label: "Comprehensive loss attributable to Kingsoft Cloud Holdings Limited shareholders",
        id: "is.comprehensive_loss_attributable",
      },
    ],
  },
  {
    id: "ng_gross_profit",
    name: "Gross profit reconciliation",
    statement: "non_gaap",
    title: /RECONCILIATION OF GAAP AND NON-GAAP/i,
    columns: QUARTER_AMOUNTS,
    firstRow: "Gross profit",
    rows: [
      { label: "Gross profit", id: "ng.gp.gross_profit" },
      {
        label: "Share-based compensation expenses (allocated in cost of revenues)",
        id: "ng.gp.sbc",
      },
      {
        label: "Adjusted gross profit (Non-GAAP Financial Measure)",
        id: "ng.adjusted_gross_profit",
      },
    ],
  },
  {
    id: "ng_gross_margin",
    name: "Gross margin table",
    statement: "non_gaap",
    title: /RECONCILIATION OF GAAP AND NON-GAAP/i,
    columns: QUARTER_PERCENTAGES,
    firstRow: "Gross margin",
    rows: [
      { label: "Gross margin", id: "ng.gross_margin", kind: "percent" },
      {
        label: "Adjusted gross margin (Non-GAAP Financial Measure)",
        id: "ng.adjusted_gross_margin",
        kind: "percent",
      },
    ],
  },
  {
    id: "ng_net_loss",
    name: "Net loss reconciliation",
    statement: "non_gaap",
    title: /RECONCILIATION OF GAAP AND NON-GAAP/i,
    columns: QUARTER_AMOUNTS,
    firstRow: "Net Loss",
    rows: [
      { label: "Net Loss", id: "ng.nl.net_loss" },
      { label: "Share-based compensation expenses", id: "ng.nl.sbc" },
      { label: "Foreign exchange (gain) loss", id: "ng.nl.fx" },
      { label: "Adjusted net loss (Non-GAAP Financial Measure)", id: "ng.adjusted_net_loss" },
      { label: "Interest income", id: "ng.ebitda.interest_income" },
      { label: "Interest expense", id: "ng.ebitda.interest_expense" },
      { label: "Income tax expense (benefit)", id: "ng.ebitda.income_tax" },
      { label: "Depreciation and amortization", id: "ng.ebitda.depreciation_amortization" },
      { label: "Adjusted EBITDA (Non-GAAP Financial Measure)", id: "ng.adjusted_ebitda" },
      { label: "Gain on disposal of property and equipment", id: "ng.ebitda.gain_on_disposal" },
      {
        label: "Excluding gain on disposal of property and equipment, normalized Adjusted EBITDA",
        id: "ng.normalized_adjusted_ebitda",
      },
    ],
  },
  {
    id: "ng_operating_loss",
    name: "Operating loss reconciliation",
    statement: "non_gaap",
    title: /RECONCILIATION OF GAAP AND NON-GAAP/i,
    columns: QUARTER_AMOUNTS,
    firstRow: "Operating loss",
    rows: [
      { label: "Operating loss", id: "ng.ol.operating_loss" },
      { label: "Share-based compensation expenses", id: "ng.ol.sbc" },
      { label: "Amortization of intangible assets", id: "ng.ol.amortization_intangibles" },
      {
        label: "Adjusted operating (loss) profit (Non-GAAP Financial Measure)",
        id: "ng.adjusted_operating_profit",
      },
      { label: "Gain on disposal of property and equipment", id: "ng.ol.gain_on_disposal" },
      {
        label:
          "Excluding gain on disposal of property and equipment, normalized Adjusted operating loss",
        id: "ng.normalized_adjusted_operating_loss",
      },
    ],
  },
  {
    id: "ng_margins",
    name: "Margin table",
    statement: "non_gaap",
    title: /RECONCILIATION OF GAAP AND NON-GAAP/i,
    columns: QUARTER_PERCENTAGES,
    firstRow: "Net loss margin",
    rows: [
      { label: "Net loss margin", id: "ng.net_loss_margin", kind: "percent" },
      {
        label: "Adjusted net loss margin (Non-GAAP Financial Measure)",
        id: "ng.adjusted_net_loss_margin",
        kind: "percent",
      },
      {
        label: "Adjusted EBITDA margin (Non-GAAP Financial Measure)",
        id: "ng.adjusted_ebitda_margin",
        kind: "percent",
      },
      {
        label: "Normalized Adjusted EBITDA margin",
        id: "ng.normalized_adjusted_ebitda_margin",
        kind: "percent",
      },
      {
        label: "Adjusted operating (loss) profit margin (Non-GAAP Financial Measure)",
        id: "ng.adjusted_operating_margin",
        kind: "percent",
      },
      {
        label: "Normalized Adjusted operating loss margin",
        id: "ng.normalized_adjusted_operating_margin",
        kind: "percent",
      },
    ],
  },
  {
    id: "cash_flow",
    name: "Cash flow statement",
    statement: "cash_flow",
    title: /STATEMENTS? OF CASH FLOWS/i,
    columns: QUARTER_AMOUNTS,
    rows: [
      { label: "Net cash (used in) generated from operating activities", id: "cf.operating" },
      { label: "Net cash used in investing activities", id: "cf.investing" },
      { label: "Net cash generated from financing activities", id: "cf.financing" },
      {
        label: "Effect of exchange rate changes on cash, cash equivalents and restricted cash",
        id: "cf.fx_effect",
      },
      {
        label: "Net (decrease) increase in cash, cash equivalents and restricted cash",
        id: "cf.net_change",
      },
      {
        label: "Cash, cash equivalents and restricted cash at beginning of period",
        id: "cf.cash_beginning",
      },
      { label: "Cash, cash equivalents and restricted cash at end of period", id: "cf.cash_end" },
    ],
  },
];
