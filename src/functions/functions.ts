import { kc } from "../core/bundled";
import { excelCall, functionsRuntime } from "./runtime";

/*
 * The KC custom functions: JSDoc for Excel's argument help, one call into the core each.
 * custom-functions-metadata-plugin reads these comments to generate functions.json and appends
 * `CustomFunctions.associate(...)` for each function to this file; the binding below makes those
 * calls go through the runtime adapter, so the page also loads outside Excel.
 */
export const CustomFunctions = functionsRuntime;

/**
 * Any figure of the Kingsoft Cloud release, by line item id or label as printed.
 * @customfunction VALUE
 * @param item Line item: an id such as "revenue.total" or "bs.cash", or a label as printed such as "Total revenues".
 * @param [period] Quarter or date: "2026Q1", "Q1 2026", "1Q26", "2026-03-31", a date, or "LQ", "LQ-1" (default: latest quarter).
 * @param [currency] "RMB" (default) or "USD"; USD is the release's US$ figure where it prints one, else RMB / 6.8980.
 * @param [unit] "thousands" (default, as printed), "millions" or "units". Per-share figures and share counts are never scaled.
 * @returns The figure, signed as presented (costs and losses negative); percentages as fractions.
 * @example =KC.VALUE("bs.cash","2026-03-31")
 * @example =KC.VALUE("Non-current liabilities / Amounts due to related parties","Q1 2026","USD")
 */
export function value(item: unknown, period?: unknown, currency?: unknown, unit?: unknown): number {
  return excelCall(() => kc().value(item, period, currency, unit));
}

/**
 * Revenues in total or by segment.
 * @customfunction REVENUE
 * @param [period] Quarter: "2026Q1", "Q1 2026", "1Q26", a date, or "LQ", "LQ-4" (default: latest quarter).
 * @param [segment] "total" (default), "public" or "enterprise".
 * @param [currency] "RMB" (default) or "USD".
 * @param [unit] "thousands" (default), "millions" or "units".
 * @returns Revenues of the segment for the quarter.
 * @example =KC.REVENUE("2026Q1","public")
 * @example =KC.REVENUE("LQ-4",,"USD","millions")
 */
export function revenue(
  period?: unknown,
  segment?: unknown,
  currency?: unknown,
  unit?: unknown
): number {
  return excelCall(() => kc().revenue(period, segment, currency, unit));
}

/**
 * A non-GAAP measure, margin or reconciling adjustment, by the name analysts use.
 * @customfunction NONGAAP
 * @param metric "EBITDA", "EBITDA margin", "adjusted gross profit", "adjusted net loss", "normalized EBITDA", "share-based compensation", "D&A", ... or a reconciliation line's id or label.
 * @param [period] Quarter (default: latest quarter).
 * @param [currency] "RMB" (default) or "USD".
 * @param [unit] "thousands" (default), "millions" or "units".
 * @returns The measure as the reconciliation presents it; margins as fractions.
 * @example =KC.NONGAAP("EBITDA")
 * @example =KC.NONGAAP("EBITDA margin","2025Q4")
 */
export function nonGaap(
  metric: unknown,
  period?: unknown,
  currency?: unknown,
  unit?: unknown
): number {
  return excelCall(() => kc().nonGaap(metric, period, currency, unit));
}

/**
 * Growth of a line item, year-over-year or quarter-over-quarter, as a fraction.
 * @customfunction GROWTH
 * @param item Line item id or label as printed.
 * @param [period] Quarter (default: latest quarter).
 * @param [basis] "YoY" (default) or "QoQ". For margins the change in points, e.g. 0.114 for 11.4 points.
 * @param [figure] "exact" (default): computed from the figures; "reported": as the release states it in its text, rounded as printed.
 * @returns Current / prior - 1, exactly, or the stated rate; #N/A where the release has neither.
 * @example =KC.GROWTH("revenue.total")
 * @example =KC.GROWTH("Public cloud services","2026Q1","QoQ")
 * @example =KC.GROWTH("revenue.total","2026Q1","YoY","reported")
 */
export function growth(item: unknown, period?: unknown, basis?: unknown, figure?: unknown): number {
  return excelCall(() => kc().growth(item, period, basis, figure));
}

/**
 * A line item as a fraction of total revenues.
 * @customfunction MARGIN
 * @param item Line item id or label as printed (a quarter's amount).
 * @param [period] Quarter (default: latest quarter).
 * @returns Item / total revenues, exactly.
 * @example =KC.MARGIN("is.gross_profit","2026Q1")
 */
export function margin(item: unknown, period?: unknown): number {
  return excelCall(() => kc().margin(item, period));
}

/**
 * Every period of a line item: a row of periods above a row of figures.
 * @customfunction SERIES
 * @param item Line item id or label as printed.
 * @param [currency] "RMB" (default) or "USD".
 * @param [unit] "thousands" (default), "millions" or "units".
 * @returns Two rows that spill: periods, then figures.
 * @example =KC.SERIES("revenue.total")
 */
export function series(item: unknown, currency?: unknown, unit?: unknown): unknown[][] {
  return excelCall(() => kc().series(item, currency, unit));
}

/**
 * A whole statement as printed: labels, sections and every period.
 * @customfunction TABLE
 * @param statement "income_statement", "balance_sheet", "cash_flow", "non_gaap" or "operating" (also "IS", "BS", "CF").
 * @param [currency] "RMB" (default) or "USD".
 * @param [unit] "thousands" (default), "millions" or "units".
 * @returns The statement, spilling: a header row of periods, then one row per line.
 * @example =KC.TABLE("balance_sheet")
 */
export function table(statement: unknown, currency?: unknown, unit?: unknown): unknown[][] {
  return excelCall(() => kc().table(statement, currency, unit));
}

/**
 * The periods the release covers.
 * @customfunction PERIODS
 * @returns Period, kind and end date of each, spilling.
 * @example =KC.PERIODS()
 */
export function periods(): unknown[][] {
  return excelCall(() => kc().periods());
}

/**
 * The line items: id, label, statement, section and unit.
 * @customfunction ITEMS
 * @param [statement] Only this statement: "income_statement", "balance_sheet", "cash_flow", "non_gaap" or "operating".
 * @returns One row per line item, spilling.
 * @example =KC.ITEMS("non_gaap")
 */
export function items(statement?: unknown): unknown[][] {
  return excelCall(() => kc().items(statement));
}

/**
 * Where a figure comes from in the release: table, row, column and line.
 * @customfunction SOURCE
 * @param item Line item id or label as printed.
 * @param [period] Quarter or date (default: latest quarter).
 * @param [currency] "RMB" (default) or "USD".
 * @returns One line of text.
 * @example =KC.SOURCE("is.cost_of_revenues","2026Q1")
 */
export function source(item: unknown, period?: unknown, currency?: unknown): string {
  return excelCall(() => kc().source(item, period, currency));
}

/**
 * The release's convenience translation rate.
 * @customfunction FXRATE
 * @returns RMB per US$1.00 (6.898).
 * @example =KC.FXRATE()
 */
export function fxRate(): number {
  return excelCall(() => kc().fx());
}
