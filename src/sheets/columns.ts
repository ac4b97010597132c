import type { Currency } from "../domain/dataset";
import type { Basis } from "../core/arguments";
import { priorPeriod } from "../core/formulas";
import { parseQuarterId, printedDate, quarterEnd, quarterEndingOn } from "../domain/periods";
import type { CheckSlot, ModelOptions } from "./types";

/**
 * The columns of a model tab, as the release prints them: every period in RMB, then US$ (the
 * latest period as published; with the "USD" option, the others translated at the convenience
 * rate), then growth of the latest periods against a year and a quarter earlier.
 */

export type Column = FigureColumn | GrowthColumn;

export interface FigureColumn {
  kind: "figure";
  period: string;
  currency: Currency;
  /** US$ the release does not print: the RMB figure over the model's one rate cell. */
  translated: boolean;
}

export interface GrowthColumn {
  kind: "growth";
  period: string;
  prior: string;
  basis: Basis;
}

/** "Mar 31, 2026" for a date or the quarter that ends on it. */
export function endDate(period: string): string {
  return printedDate(quarterEndOf(period));
}

/** The date a period ends: a quarter's last day, or the date itself. */
export function quarterEndOf(period: string): string {
  const q = parseQuarterId(period);
  return q ? quarterEnd(q) : period;
}

/**
 * A period as analysts head a column: "1Q26" for a quarter and for a balance at its end, a date
 * that ends no quarter as printed ("Mar 15, 2026").
 */
export function shortPeriod(period: string): string {
  const q = parseQuarterId(period) ?? quarterEndingOn(period);
  return q ? `${q.quarter}Q${String(q.year).slice(-2)}` : endDate(period);
}

/**
 * The figure columns for these periods: RMB for each; US$ for each period the release prints in
 * US$ (`published`), and with the "USD" option for every other period too, translated.
 */
export function figureColumns(
  periods: string[],
  published: (period: string) => boolean,
  options: ModelOptions
): FigureColumn[] {
  const rmb = periods.map((period): FigureColumn => ({
    kind: "figure",
    period,
    currency: "RMB",
    translated: false,
  }));
  const usd = periods
    .filter((p) => options.currency === "USD" || published(p))
    .map((period): FigureColumn => ({
      kind: "figure",
      period,
      currency: "USD",
      translated: !published(period),
    }));
  return [...rmb, ...usd];
}

/** Growth columns: each period against the period a year and a quarter before, where the tab has it. */
export function growthColumns(periods: string[]): GrowthColumn[] {
  const out: GrowthColumn[] = [];
  for (const basis of ["yoy", "qoq"] as const) {
    for (const period of periods) {
      const prior = priorPeriod(period, basis);
      if (prior && periods.includes(prior)) out.push({ kind: "growth", period, prior, basis });
    }
  }
  return out;
}

export function columnKey(c: Column): string {
  return c.kind === "figure"
    ? `${c.period}|${c.currency}|${c.translated ? "translated" : "as printed"}`
    : `${c.basis}|${c.period}`;
}

/**
 * The column's header, on one line: the period, and "US$" on a US$ column ("US$*" where it is
 * translated at the convenience rate, which the tab's notes say); "YoY 1Q26", "QoQ 1Q26" for
 * growth. The currency and unit of the figures are said once, in the tab's title.
 */
export function columnHeader(c: Column): string {
  if (c.kind === "growth") return `${c.basis === "yoy" ? "YoY" : "QoQ"} ${shortPeriod(c.period)}`;
  const money = c.currency === "USD" ? (c.translated ? " US$*" : " US$") : "";
  return `${shortPeriod(c.period)}${money}`;
}

/** The column of KC Checks a check in this column goes to. */
export function checkSlot(c: Column): CheckSlot {
  if (c.kind === "growth") {
    return {
      key: columnKey(c),
      order: `2|${c.basis === "yoy" ? 0 : 1}|${quarterEndOf(c.period)}`,
      header: columnHeader(c),
    };
  }
  const end = quarterEndOf(c.period);
  return {
    key: `${end}|${c.currency}|${c.translated}`,
    order: `1|${c.currency === "RMB" ? 0 : c.translated ? 2 : 1}|${end}`,
    header: `${shortPeriod(end)} ${c.currency === "USD" ? (c.translated ? "US$*" : "US$") : "RMB"}`,
  };
}
