import type { Currency } from "../domain/dataset";
import type { Basis } from "../core/arguments";
import { priorPeriod } from "../core/formulas";
import {
  parseQuarterId,
  parseSpanId,
  printedDate,
  quarterEnd,
  quarterEndingOn,
  quarterId,
  quarterIndex,
  shiftQuarter,
  spanName,
} from "../domain/periods";
import type { CheckSlot, ModelOptions } from "./types";

/**
 * The columns of a model tab, on one time axis shared by every tab: every quarter from the first
 * the dataset holds to the latest, in order (a quarter no release gives is a column marked n.a.,
 * so no trend is drawn across a gap), then the years a release prints; the latest quarter in US$
 * as published (with the "USD" option every other period too, translated); then the latest
 * quarter's growth against a year and a quarter earlier.
 *
 * A column's key is what it means, so that a refresh finds it again: a period's column keeps its
 * period, while the latest quarter's US$ and growth columns mean "the latest quarter" and show
 * the new one after a roll-forward (their headers say which).
 */

export type Column = FigureColumn | GrowthColumn;

export interface FigureColumn {
  kind: "figure";
  period: string;
  currency: Currency;
  /** US$ the release does not print: the RMB figure over the model's one rate cell. */
  translated: boolean;
  /** The latest quarter's published US$: its place means "the latest quarter". */
  latest?: boolean;
  /** A quarter between the first and the latest that no release in the dataset gives: n.a. */
  missing?: boolean;
  /**
   * A period after the latest quarter (or a year that has one): the analyst's estimate, headed
   * "2Q26E". Its key is the actual's, so the release that brings the quarter turns this very
   * column into the actual (see estimates-tab.ts).
   */
  estimate?: boolean;
}

export interface GrowthColumn {
  kind: "growth";
  period: string;
  prior: string;
  basis: Basis;
  /** The prior quarter is one no release in the dataset gives: n.a. */
  missing?: boolean;
}

/** "Mar 31, 2026" for a date or the quarter that ends on it. */
export function endDate(period: string): string {
  return printedDate(quarterEndOf(period));
}

/** The date a period ends: a quarter's or a span's last day, or the date itself. */
export function quarterEndOf(period: string): string {
  const q = parseQuarterId(period) ?? parseSpanId(period)?.end;
  return q ? quarterEnd(q) : period;
}

/**
 * A period as analysts head a column: "1Q26" for a quarter and for a balance at its end,
 * "FY2025" (or "H1 2026", "9M 2025") for a span, a date that ends no quarter as printed.
 */
export function shortPeriod(period: string): string {
  const span = parseSpanId(period);
  if (span) return spanName(span);
  const q = parseQuarterId(period) ?? quarterEndingOn(period);
  return q ? `${q.quarter}Q${String(q.year).slice(-2)}` : endDate(period);
}

/** What the axis is built from: the periods the dataset holds and its latest quarter. */
export interface AxisSource {
  periods: readonly { id: string; kind: string; end: string }[];
  latestQuarter: string;
}

/**
 * The model's time axis: every quarter from the first the dataset holds (a flow's quarter, or the
 * quarter a balance closes) to the latest, each marked whether the dataset holds it; then the
 * spans a release prints (years, halves, nine months), by end.
 */
export function timeAxis(ds: AxisSource): {
  quarters: { id: string; held: boolean }[];
  spans: string[];
} {
  const held = new Set<string>();
  for (const p of ds.periods) {
    const q = p.kind === "quarter" ? parseQuarterId(p.id) : quarterEndingOn(p.end);
    if (q && (p.kind === "quarter" || p.kind === "instant")) held.add(quarterId(q));
  }
  const latest = parseQuarterId(ds.latestQuarter);
  if (!latest)
    throw new Error(`The dataset's latest quarter "${ds.latestQuarter}" is not a quarter`);
  const indices = [...held].map((id) => quarterIndex(parseQuarterId(id)!));
  const first = Math.min(quarterIndex(latest), ...indices);
  const quarters = [];
  for (let k = first; k <= quarterIndex(latest); k++) {
    const id = quarterId(shiftQuarter(latest, k - quarterIndex(latest)));
    quarters.push({ id, held: held.has(id) });
  }
  const spans = ds.periods
    .filter((p) => parseSpanId(p.id) !== undefined)
    .sort((a, b) => (a.end < b.end ? -1 : a.end > b.end ? 1 : 0))
    .map((p) => p.id);
  return { quarters, spans };
}

/**
 * The figure columns of the axis: RMB for each quarter and span; US$ for the latest quarter where
 * the release prints it (`published`), and with the "USD" option every other period translated.
 * A quarter is n.a. where the dataset does not hold it, or holds it for none of the tab's lines.
 */
export function figureColumns(
  axis: ReturnType<typeof timeAxis>,
  latestQuarter: string,
  published: (period: string) => boolean,
  options: ModelOptions,
  heldHere: (period: string) => boolean = () => true
): FigureColumn[] {
  const periods = [...axis.quarters.map((q) => q.id), ...axis.spans];
  const missing = new Set(axis.quarters.filter((q) => !q.held || !heldHere(q.id)).map((q) => q.id));
  const rmb = periods.map((period): FigureColumn => ({
    kind: "figure",
    period,
    currency: "RMB",
    translated: false,
    ...(missing.has(period) ? { missing: true } : {}),
  }));
  const translated =
    options.currency === "USD"
      ? periods
          .filter((p) => !missing.has(p) && !(p === latestQuarter && published(p)))
          .map((period): FigureColumn => ({
            kind: "figure",
            period,
            currency: "USD",
            translated: true,
          }))
      : [];
  const latest: FigureColumn[] = published(latestQuarter)
    ? [{ kind: "figure", period: latestQuarter, currency: "USD", translated: false, latest: true }]
    : [];
  return [...rmb, ...translated, ...latest];
}

/**
 * Growth of the latest quarter against a year and a quarter before: both columns always, so that
 * a refresh finds them again; n.a. where the dataset does not hold the prior quarter.
 */
export function growthColumns(
  axis: ReturnType<typeof timeAxis>,
  latestQuarter: string
): GrowthColumn[] {
  const held = new Set(axis.quarters.filter((q) => q.held).map((q) => q.id));
  return (["yoy", "qoq"] as const).map((basis) => {
    const prior = priorPeriod(latestQuarter, basis) as string;
    const column: GrowthColumn = { kind: "growth", period: latestQuarter, prior, basis };
    return held.has(prior) && held.has(latestQuarter) ? column : { ...column, missing: true };
  });
}

/**
 * What a column means, for a refresh to find it again: its period and currency; the latest
 * quarter's published US$ and growth by their place ("latest"), not by the quarter they show.
 */
export function columnKey(c: Column): string {
  if (c.kind === "growth") return `latest|${c.basis}`;
  if (c.latest) return "latest|USD";
  return `${c.period}|${c.currency}|${c.translated ? "translated" : "as printed"}`;
}

/**
 * The column's header, on one line: the period, and "US$" on a US$ column ("US$*" where it is
 * translated at the convenience rate, which the tab's notes say); "YoY 1Q26", "QoQ 1Q26" for
 * growth. The currency and unit of the figures are said once, in the tab's title.
 */
export function columnHeader(c: Column): string {
  if (c.kind === "growth") return `${c.basis === "yoy" ? "YoY" : "QoQ"} ${shortPeriod(c.period)}`;
  const money = c.currency === "USD" ? (c.translated ? " US$*" : " US$") : "";
  return `${shortPeriod(c.period)}${c.estimate ? "E" : ""}${money}`;
}

/** The column of KC Checks a check in this column goes to. */
export function checkSlot(c: Column): CheckSlot {
  if (c.kind === "growth") {
    return {
      key: columnKey(c),
      order: `3|${c.basis === "yoy" ? 0 : 1}`,
      header: columnHeader(c),
    };
  }
  const end = quarterEndOf(c.period);
  if (c.latest) return { key: "latest|USD", order: "2", header: `${shortPeriod(c.period)} US$` };
  const span = parseSpanId(c.period) ? "span" : "quarter";
  return {
    key: `${span}|${end}|${c.currency}|${c.translated}`,
    order: `1|${c.currency === "RMB" ? 0 : 1}|${span === "quarter" ? 0 : 1}|${end}`,
    header: `${shortPeriod(c.period)} ${c.currency === "USD" ? "US$*" : "RMB"}`,
  };
}

/** The RMB column of a figure column's period (the one a US$ column translates or mirrors). */
export function rmbOf(c: FigureColumn): FigureColumn {
  return { kind: "figure", period: c.period, currency: "RMB", translated: false };
}
