import { runKc } from "../core/registry";
import { answer } from "./dataset-in-use";
import { excelCall, functionsRuntime } from "./runtime";

/*
 * The KC custom functions: JSDoc for Excel's argument help, each a call of its declaration in the
 * core's registry (src/core/registry.ts), whose parameters and result a test holds to this JSDoc.
 * custom-functions-metadata-plugin reads these comments to generate functions.json and appends
 * `CustomFunctions.associate(...)` for each function to this file; the binding below makes those
 * calls go through the runtime adapter, so the page also loads outside Excel.
 *
 * Each answers from the dataset in use (./dataset-in-use.ts): a figure at once, or a promise of it
 * while the workbook's stored releases are being read. So no function declares a return type in
 * TypeScript (the generator would read "number | Promise<number>" as any); the type Excel is told
 * of is the JSDoc's, `@returns {number}`, the value's type however it comes.
 */
export const CustomFunctions = functionsRuntime;

/**
 * Any figure of the Kingsoft Cloud release as printed, by label, analyst's name or id; costs, expenses and losses negative.
 * @customfunction VALUE
 * @param item Line item: a label as printed ("Total revenues"), an analyst's name ("revenue", "EBITDA", "R&D", "net cash", "net loss per ADS") or an id ("revenue.total"); KC.ITEMS() lists them. Measures computed from printed lines (total debt, net cash, per ADS) and words with two readings ("minority interest": of a quarter the income statement's, of a date the balance sheet's) are said by KC.SOURCE.
 * @param [period] Quarter, span or date: "2026Q1", "1Q26", "2026-03-31", a date, "LQ", "LQ-1", or "FY2025", "H1 2026", "9M 2025", "LTM" (a sum of quarters; default: latest quarter).
 * @param [currency] "RMB" (default) or "USD"; USD is the release's US$ figure where it prints one, else RMB / 6.8980.
 * @param [unit] "thousands" (default, as printed), "millions" or "units". Per-share figures and share counts are never scaled.
 * @param [report] "latest" (default): the latest release's figure, restated if a later release restated it; "first": as the release that first printed the period gave it.
 * @returns {number} The figure as printed (rounded as the release rounds it; US$ the release does not print: RMB / 6.8980, unrounded), with one sign throughout: a cost, expense or loss is negative wherever it appears; percentages as fractions; a computed measure or a span's sum as KC.SOURCE says.
 * @example =KC.VALUE("bs.cash","2026-03-31")
 * @example =KC.VALUE("R&D","Q1 2026")
 * @example =KC.VALUE("Gross profit","2026Q1")
 * @example =KC.VALUE("total debt","2026-03-31")
 * @example =KC.VALUE("Non-current liabilities / Amounts due to related parties","Q1 2026","USD")
 */
export function value(
  item: unknown,
  period?: unknown,
  currency?: unknown,
  unit?: unknown,
  report?: unknown
) {
  return answer((kcf) =>
    excelCall(() => runKc(kcf, "VALUE", [item, period, currency, unit, report]) as number)
  );
}

/**
 * Revenues in total or by segment, as printed.
 * @customfunction REVENUE
 * @param [period] Quarter or span: "2026Q1", "1Q26", a date, "LQ", "LQ-4", "FY2025", "LTM" (default: latest quarter).
 * @param [segment] "total" (default), "public" or "enterprise".
 * @param [currency] "RMB" (default) or "USD".
 * @param [unit] "thousands" (default), "millions" or "units".
 * @returns {number} Revenues of the segment for the quarter, as printed.
 * @example =KC.REVENUE("2026Q1","public")
 * @example =KC.REVENUE("LQ-4",,"USD","millions")
 */
export function revenue(period?: unknown, segment?: unknown, currency?: unknown, unit?: unknown) {
  return answer((kcf) =>
    excelCall(() => runKc(kcf, "REVENUE", [period, segment, currency, unit]) as number)
  );
}

/**
 * The non-GAAP version of a measure, as the release names it: KC.NONGAAP("Gross profit") is adjusted gross profit; the GAAP line is KC.VALUE("Gross profit").
 * @customfunction NONGAAP
 * @param metric A measure: "EBITDA", "gross profit", "operating loss", "net loss", their margins ("EBITDA margin"), "normalized EBITDA"; or a reconciling adjustment: "SBC", "D&A", "FX". By label, analyst's name or id.
 * @param [period] Quarter (default: latest quarter).
 * @param [currency] "RMB" (default) or "USD".
 * @param [unit] "thousands" (default), "millions" or "units".
 * @returns {number} The non-GAAP measure, or the adjustment, as the reconciliation prints it (an adjustment signed as it is added; a loss negative); margins as printed, as fractions.
 * @example =KC.NONGAAP("EBITDA")
 * @example =KC.NONGAAP("Gross profit","2026Q1")
 * @example =KC.NONGAAP("EBITDA margin","2025Q4")
 */
export function nonGaap(metric: unknown, period?: unknown, currency?: unknown, unit?: unknown) {
  return answer((kcf) =>
    excelCall(() => runKc(kcf, "NONGAAP", [metric, period, currency, unit]) as number)
  );
}

/**
 * Growth of a line item, year-over-year or quarter-over-quarter, as a fraction.
 * @customfunction GROWTH
 * @param item Line item: label, analyst's name ("R&D") or id.
 * @param [period] Quarter (default: latest quarter).
 * @param [basis] "YoY" (default) or "QoQ". For margins the change in points, e.g. 0.114 for 11.4 points.
 * @param [figure] "exact" (default): computed from the printed figures; "reported": the rate as the release states it in its text, rounded as printed.
 * @returns {number} Current / prior - 1, exactly (a growth the release states only in words, as stated), or the stated rate; #N/A where the release has neither. A cost or loss that grows has positive growth (both are negative).
 * @example =KC.GROWTH("revenue.total")
 * @example =KC.GROWTH("Public cloud services","2026Q1","QoQ")
 * @example =KC.GROWTH("revenue.total","2026Q1","YoY","reported")
 */
export function growth(item: unknown, period?: unknown, basis?: unknown, figure?: unknown) {
  return answer((kcf) =>
    excelCall(() => runKc(kcf, "GROWTH", [item, period, basis, figure]) as number)
  );
}

/**
 * A line item as a fraction of total revenues, computed exactly.
 * @customfunction MARGIN
 * @param item Line item (a quarter's amount): label, analyst's name ("EBITDA") or id.
 * @param [period] Quarter (default: latest quarter).
 * @returns {number} Item / total revenues, computed exactly from the printed figures (a cost's is negative): not rounded as the release's margin table is (KC.NONGAAP("EBITDA margin") gives the printed one).
 * @example =KC.MARGIN("is.gross_profit","2026Q1")
 * @example =KC.MARGIN("EBITDA")
 */
export function margin(item: unknown, period?: unknown) {
  return answer((kcf) => excelCall(() => runKc(kcf, "MARGIN", [item, period]) as number));
}

/**
 * Every period of a line item: a row of periods above a row of figures as printed.
 * @customfunction SERIES
 * @param item Line item: label, analyst's name ("EBITDA") or id.
 * @param [currency] "RMB" (default) or "USD".
 * @param [unit] "thousands" (default), "millions" or "units".
 * @returns {any[][]} Two rows that spill: periods, then figures as KC.VALUE gives them.
 * @example =KC.SERIES("revenue.total")
 * @example =KC.SERIES("EBITDA")
 */
export function series(item: unknown, currency?: unknown, unit?: unknown) {
  return answer((kcf) =>
    excelCall(() => runKc(kcf, "SERIES", [item, currency, unit]) as unknown[][])
  );
}

/**
 * A whole statement as printed: labels, sections and every period's figures.
 * @customfunction TABLE
 * @param statement "income_statement", "balance_sheet", "cash_flow", "non_gaap" or "operating" (also "IS", "BS", "CF").
 * @param [currency] "RMB" (default) or "USD".
 * @param [unit] "thousands" (default), "millions" or "units".
 * @returns {any[][]} The statement, spilling: a header row of periods, then one row per line, figures as printed.
 * @example =KC.TABLE("balance_sheet")
 */
export function table(statement: unknown, currency?: unknown, unit?: unknown) {
  return answer((kcf) =>
    excelCall(() => runKc(kcf, "TABLE", [statement, currency, unit]) as unknown[][])
  );
}

/**
 * The periods the release covers.
 * @customfunction PERIODS
 * @returns {any[][]} Period, kind and end date of each, spilling.
 * @example =KC.PERIODS()
 */
export function periods() {
  return answer((kcf) => excelCall(() => runKc(kcf, "PERIODS", []) as unknown[][]));
}

/**
 * The line items: id, label, statement, section, unit, the analysts' names that also find each, and what a name finds where it differs from its usual meaning.
 * @customfunction ITEMS
 * @param [statement] Only this statement: "income_statement", "balance_sheet", "cash_flow", "non_gaap" or "operating".
 * @returns {any[][]} One row per line item, spilling.
 * @example =KC.ITEMS("non_gaap")
 */
export function items(statement?: unknown) {
  return answer((kcf) => excelCall(() => runKc(kcf, "ITEMS", [statement]) as unknown[][]));
}

/**
 * Where a figure comes from in the release: table, row, column and line.
 * @customfunction SOURCE
 * @param item Line item: label, analyst's name or id.
 * @param [period] Quarter or date (default: latest quarter).
 * @param [currency] "RMB" (default) or "USD".
 * @param [report] "latest" (default) or "first": the source of the figure as first reported, and what restated it.
 * @returns {string} One line of text: where the figure is printed (and which other release printed it, or restated it), and that a US$ figure the release does not print is translated at RMB6.8980 = US$1.00; first, for a name whose figure is not exactly what it usually means, what it is.
 * @example =KC.SOURCE("is.cost_of_revenues","2026Q1")
 * @example =KC.SOURCE("net cash","2026-03-31")
 * @example =KC.SOURCE("EPS","2025Q1","USD")
 */
export function source(item: unknown, period?: unknown, currency?: unknown, report?: unknown) {
  return answer((kcf) =>
    excelCall(() => runKc(kcf, "SOURCE", [item, period, currency, report]) as string)
  );
}

/**
 * The release's convenience translation rate.
 * @customfunction FXRATE
 * @returns {number} RMB per US$1.00 (6.898).
 * @example =KC.FXRATE()
 */
export function fxRate() {
  return answer((kcf) => excelCall(() => runKc(kcf, "FXRATE", []) as number));
}
