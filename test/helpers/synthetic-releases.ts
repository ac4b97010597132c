import { readRelease } from "../../src/data/ingest/build";
import { splitLayout } from "../../src/data/ingest/layout";
import { parseTable } from "../../src/data/ingest/tables";
import type { Fact, ItemKind } from "../../src/domain/dataset";
import { Dec, decimalPlaces, roundTo } from "../../src/domain/decimal";
import { SUMS, TIES, termOf } from "../../src/domain/identities";
import {
  MONTH_ABBREVIATIONS,
  Span,
  parseQuarterId,
  parseSpanId,
  quarterEnd,
  quarterId,
  shiftQuarter,
} from "../../src/domain/periods";
import { releaseText } from "./release";

/**
 * SYNTHETIC releases, built from the Q1 2026 release text for tests only: never data, never
 * bundled. Each is the Q1 2026 text with its columns moved on and figures made up so that every
 * identity holds within the release and across releases (a quarter opens with the cash the one
 * before it closed with), a short prose that says what it is and states no figure (the tables
 * are the point; a sentence left from Q1 would state Q1's figures for another quarter), and a
 * file name with "synthetic" in it, which is what it is ingested as and what KC.SOURCE shows.
 *
 * How the figures are made, so that a reader can check them:
 * - a quarter the dataset already holds is printed exactly as the dataset holds it;
 * - a new quarter of 2026 repeats Q1 2026's figures (RMB, US$ and percentages as published), a
 *   new quarter of 2025 Q1 2025's, except the cash roll: it opens with the previous quarter's
 *   closing cash and closes with that plus its own net change;
 * - the balance sheet at the new quarter end is Mar 31, 2026's, with cash moved to the cash
 *   flow's closing cash and short-term borrowings (and the totals over both) moved by as much:
 *   the cash went to repay borrowings;
 * - a year (Twelve Months Ended) is the sum of its quarters, its percentages recomputed from its
 *   sums, its per-share loss from its sums over the quarters' weighted shares, its US$ each line
 *   translated at the release's rate with totals the sums of their lines (as the company prints
 *   them: a rounded line is within a unit of its translation).
 */

export interface SyntheticRelease {
  /** The release text, as the Q1 2026 file lays it out. */
  text: string;
  /** The file name to ingest it as: it says SYNTHETIC wherever a figure's source is shown. */
  file: string;
}

/** The Q1 2026 release's convenience rate, which every synthetic release keeps. */
const RATE = new Dec("6.8980");

const SOURCE_RELEASE = "2026Q1";

/** The balance sheet lines the cash roll moves (cash repays short-term borrowings). */
const MOVED_WITH_CASH = [
  "bs.cash",
  "bs.total_current_assets",
  "bs.total_assets",
  "bs.short_term_borrowings",
  "bs.total_current_liabilities",
  "bs.total_liabilities",
  "bs.total_liabilities_and_equity",
];

/** Restated in restatingRelease: Q1 2026's translation adjustments, and the totals over them. */
export const RESTATED_Q1_2026: Record<string, string> = {
  "is.fx_translation": "-33472",
  "is.comprehensive_loss": "-377192",
  "is.comprehensive_loss_attributable": "-377292",
};

interface Source {
  lines: string[];
  facts: Fact[];
  kinds: Map<string, ItemKind>;
  /** Figure of the Q1 2026 release: item, period, currency. */
  figure(item: string, period: string, currency: string | null): Dec;
}

let read: Source | undefined;

/** The Q1 2026 release, read once (every fixture is built from it). */
function source(): Source {
  read ??= readSource();
  return read;
}

function readSource(): Source {
  const text = releaseText();
  const ds = readRelease(text, "kc-2026q1-earnings-release.txt");
  const facts = ds.facts.filter((f) => f.source === "table");
  const byKey = new Map(facts.map((f) => [`${f.item}|${f.period}|${f.currency}`, f]));
  return {
    lines: text.split("\n"),
    facts,
    kinds: new Map(ds.items.map((i) => [i.id, i.kind])),
    figure(item, period, currency) {
      const f = byKey.get(`${item}|${period}|${currency}`);
      if (!f) throw new Error(`the Q1 2026 release has no ${item} ${period} ${currency}`);
      return new Dec(f.value);
    },
  };
}

/** Line edits: a line replaced or removed, lines inserted after one. */
class Edits {
  private readonly replaced = new Map<number, string | null>();
  private readonly inserted = new Map<number, string[]>();

  constructor(private readonly lines: string[]) {}

  line(n: number): string {
    return this.lines[n - 1];
  }

  replace(n: number, text: string | null): void {
    this.replaced.set(n, text);
  }

  insertAfter(n: number, texts: string[]): void {
    this.inserted.set(n, [...(this.inserted.get(n) ?? []), ...texts]);
  }

  text(): string {
    return this.lines
      .flatMap((l, k) => {
        const r = this.replaced.has(k + 1) ? this.replaced.get(k + 1) : l;
        return [...(r === null || r === undefined ? [] : [r]), ...(this.inserted.get(k + 1) ?? [])];
      })
      .join("\n");
  }
}

/** A figure as the release prints it: "(1,651,671)", "-" for nil, "(0.08)", "-12.7%". */
export function printFigure(value: Dec, kind: ItemKind, places: number): string {
  if (kind === "percent") return `${value.toFixed(places)}%`;
  if (value.isZero() && kind === "amount") return "-";
  const [whole, fraction] = value.abs().toFixed(places).split(".");
  const digits = `${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",")}${fraction ? `.${fraction}` : ""}`;
  return value.isNegative() ? `(${digits})` : digits;
}

/** Writes a figure over the one a fact was read from, keeping a negative's split ")" line. */
function writeFigure(edits: Edits, f: Fact, value: Dec, kind: ItemKind): void {
  const printed = printFigure(value, kind, decimalPlaces(f.value));
  const split = /^\t\([^)]*$/.test(edits.line(f.prov.line));
  if (split && printed.endsWith(")")) {
    edits.replace(f.prov.line, `\t${printed.slice(0, -1)}`);
  } else {
    edits.replace(f.prov.line, `\t${printed}`);
    if (split) edits.replace(f.prov.line + 1, null);
  }
}

/** The line after a fact's figure (after its ")" where a negative is split over two lines). */
function afterFigure(edits: Edits, f: Fact): number {
  return /^\t\([^)]*$/.test(edits.line(f.prov.line)) ? f.prov.line + 1 : f.prov.line;
}

/** "Jun 30," and "2026" for 2026-06-30, as a column header prints them. */
function headerCells(iso: string): { date: string; year: string } {
  const [y, m, d] = iso.split("-").map(Number);
  return { date: `${MONTH_ABBREVIATIONS[m - 1]} ${d},`, year: String(y) };
}

const ORDINALS = ["First", "Second", "Third", "Fourth"];
const MONTHS = ["March 31", "June 30", "September 30", "December 31"];

/** A prose that says what the text is and states the quarter, listings and rate, no figure. */
function prose(release: string): string[] {
  const q = parseQuarterId(release)!;
  const ended = `${MONTHS[q.quarter - 1]}, ${q.year}`;
  return [
    "SYNTHETIC TEST FIXTURE: not a release of the company. Made by test/helpers/synthetic-releases.ts from the first quarter release; its figures are made up.",
    "",
    `Kingsoft Cloud Announces Unaudited ${ORDINALS[q.quarter - 1]} Quarter ${q.year} Financial Results`,
    "",
    `Kingsoft Cloud Holdings Limited (“Kingsoft Cloud” or the “Company”) (NASDAQ: KC and HKEX: 3896), a leading cloud service provider in China, today announced its unaudited financial results for the ${ORDINALS[q.quarter - 1].toLowerCase()} quarter ended ${ended}.`,
    "",
    "Exchange Rate Information",
    "",
    `This press release contains translations of certain RMB amounts into U.S. dollars at specified rates solely for the convenience of readers. Unless otherwise noted, all translations from RMB to U.S. dollars, in this press release, were made at a rate of RMB${RATE.toFixed(4)} to US$1.00, the noon buying rate in effect on ${ended} as certified for customs purposes by the Federal Reserve Bank of New York.`,
    "",
  ];
}

interface Plan {
  release: string;
  /** The new period of a column of the Q1 2026 release (by the period it printed). */
  period(old: string): string;
  /** The figure a fact's column prints in the new release, for its new period. */
  value(f: Fact, period: string): Dec;
  /** Columns added after the quarters (year to date), with each row's figures for them. */
  yearToDate?: {
    header: string;
    columns: { period: string; currency: "RMB" | "USD" | null }[];
    value(item: string, period: string, currency: "RMB" | "USD" | null): Dec;
  };
}

function build(src: Source, plan: Plan): string {
  const edits = new Edits(src.lines);
  const layout = splitLayout(src.lines.join("\n"));
  // Prose: replaced whole.
  for (const l of layout.prose) edits.replace(l.line, null);
  const first = layout.tables[0].line;
  for (let n = 1; n < first; n++) edits.replace(n, null);
  edits.insertAfter(first - 1, prose(plan.release));

  for (const region of layout.tables) {
    const table = parseTable(region);
    const quarterly = table.columns.some((c) => c.quarters === 1);
    for (const c of table.columns) {
      const old = c.quarters === 0 ? c.end : quarterId(quarterOn(c.end));
      const next = plan.period(old);
      const { date, year } = headerCells(
        parseQuarterId(next) ? quarterEnd(parseQuarterId(next)!) : next
      );
      edits.replace(c.line, `\t${date}`);
      edits.replace(c.yearLine, `\t${year}`);
    }
    const ytd = plan.yearToDate;
    if (!quarterly || !ytd) continue;
    const columns = ytd.columns.filter(
      (c) => (c.currency === null) === (table.columns[0].currency === null)
    );
    const last = table.columns[table.columns.length - 1];
    const spanCell = region.blocks
      .flatMap((b) => b.cells)
      .find((c) => /Months Ended$/.test(c.text))!;
    edits.insertAfter(spanCell.line, [`\t${ytd.header}`]);
    edits.insertAfter(
      last.line,
      columns.map((c) => `\t${headerCells(quarterEnd(spanEnd(c.period))).date}`)
    );
    edits.insertAfter(
      last.yearLine,
      columns.map((c) => `\t${headerCells(quarterEnd(spanEnd(c.period))).year}`)
    );
    if (last.currencyLine !== null) {
      edits.insertAfter(
        last.currencyLine,
        columns.map((c) => `\t${c.currency === "USD" ? "US$" : "RMB"}`)
      );
    }
  }

  const rows = new Map<string, Fact[]>();
  for (const f of src.facts) {
    const period = plan.period(f.period);
    const kind = src.kinds.get(f.item) as ItemKind;
    const value = plan.value(f, period);
    if (!value.eq(f.value) || parseQuarterId(f.period)) writeFigure(edits, f, value, kind);
    const key = `${f.prov.table}|${f.item}`;
    rows.set(key, [...(rows.get(key) ?? []), f]);
  }
  const ytd = plan.yearToDate;
  if (ytd) {
    for (const facts of rows.values()) {
      if (!parseQuarterId(facts[0].period)) continue;
      const sorted = [...facts].sort((a, b) => a.prov.line - b.prov.line);
      const lastFact = sorted[sorted.length - 1];
      const kind = src.kinds.get(lastFact.item) as ItemKind;
      // A total prints an empty cell after each figure.
      const total = edits.line(afterFigure(edits, sorted[0]) + 1) === "\t";
      const columns = ytd.columns.filter(
        (c) => (c.currency === null) === (lastFact.currency === null)
      );
      const cells = columns.flatMap((c) => {
        const printed = printFigure(
          ytd.value(lastFact.item, c.period, c.currency),
          kind,
          decimalPlaces(lastFact.value)
        );
        return total ? ["\t", `\t${printed}`] : [`\t${printed}`];
      });
      edits.insertAfter(afterFigure(edits, lastFact), cells);
    }
  }
  return edits.text();
}

function quarterOn(iso: string) {
  const [y, m] = iso.split("-").map(Number);
  return { year: y, quarter: (m / 3) as 1 | 2 | 3 | 4 };
}

function spanEnd(id: string) {
  return (parseSpanId(id) as Span).end;
}

/** The cash roll: a quarter's opening cash, and its closing cash after its own net change. */
function rolled(f: Fact, net: Dec, opening: Dec): Dec | undefined {
  if (f.item === "cf.cash_beginning") return opening;
  if (f.item === "cf.cash_end") return opening.plus(net);
  return undefined;
}

/** Q1 2026's cash flow: opening, net change (RMB and US$ as published). */
function q1Cash(src: Source, currency: "RMB" | "USD") {
  return {
    opening: src.figure("cf.cash_beginning", SOURCE_RELEASE, currency),
    net: src.figure("cf.net_change", SOURCE_RELEASE, currency),
    closing: src.figure("cf.cash_end", SOURCE_RELEASE, currency),
  };
}

/**
 * The balance sheet at a new quarter end: Mar 31, 2026's with cash and short-term borrowings
 * (and the totals over them) moved by `by` (RMB) or `byUsd`.
 */
function movedBalance(src: Source, f: Fact, by: Dec, byUsd: Dec): Dec {
  const own = src.figure(f.item, "2026-03-31", f.currency);
  if (!MOVED_WITH_CASH.includes(f.item)) return own;
  return own.plus(f.currency === "USD" ? byUsd : by);
}

/**
 * A SYNTHETIC "Q2 2026" release: columns 2Q25, 1Q26, 2Q26 (RMB and US$); balance sheets at
 * Dec 31, 2025 and Jun 30, 2026. Its 1Q26 column prints the dataset's 2026Q1 figures (restated
 * as RESTATED_Q1_2026 with `restate`); 2Q26 repeats 1Q26, 2Q25 repeats 1Q25, each with its cash
 * roll. `sixMonths` adds Six Months Ended columns, H1 2025 and H1 2026 (RMB and US$): each the
 * sum of its two quarters, which the dataset then holds. Ingest as `file`.
 */
export function nextQuarterRelease(
  options: { restate?: boolean; sixMonths?: boolean } = {}
): SyntheticRelease {
  const src = source();
  const rmb = q1Cash(src, "RMB");
  const usd = q1Cash(src, "USD");
  const q1 = (item: string) => src.figure(item, "2025Q1", "RMB");
  const h12025 = spanColumn(
    src,
    ["2025Q1", "2025Q1"],
    q1("cf.cash_beginning"),
    q1("cf.cash_end").plus(q1("cf.net_change"))
  );
  const h12026 = spanColumn(src, ["2026Q1", "2026Q1"], rmb.opening, rmb.closing.plus(rmb.net));
  const h12026Usd = translate(h12026, {
    "cf.cash_beginning": usd.opening,
    "cf.cash_end": usd.closing.plus(usd.net),
  });
  const text = build(src, {
    release: "2026Q2",
    period: (old) =>
      parseQuarterId(old)
        ? quarterId(shiftQuarter(parseQuarterId(old)!, 1))
        : old === "2026-03-31"
          ? "2026-06-30"
          : old,
    value(f, period) {
      const own = new Dec(f.value);
      if (period === "2026-06-30") return movedBalance(src, f, rmb.net, usd.net);
      if (period === "2026Q1") {
        const restated = options.restate ? RESTATED_Q1_2026[f.item] : undefined;
        return restated ? new Dec(restated) : src.figure(f.item, "2026Q1", f.currency);
      }
      if (period === "2026Q2") {
        const cash = f.currency === "USD" ? usd : rmb;
        return rolled(f, cash.net, cash.closing) ?? own;
      }
      if (period === "2025Q2") {
        const net = src.figure("cf.net_change", "2025Q1", "RMB");
        return rolled(f, net, src.figure("cf.cash_end", "2025Q1", "RMB")) ?? own;
      }
      return own;
    },
    yearToDate: options.sixMonths
      ? {
          header: "Six Months Ended",
          columns: [
            { period: "2025H1", currency: "RMB" },
            { period: "2026H1", currency: "RMB" },
            { period: "2026H1", currency: "USD" },
            { period: "2025H1", currency: null },
            { period: "2026H1", currency: null },
          ],
          value: spanValue(src, { "2025H1": h12025, "2026H1": h12026 }, h12026Usd),
        }
      : undefined,
  });
  return {
    text,
    file: options.sixMonths
      ? "synthetic-kc-2026q2-six-months-earnings-release.txt"
      : options.restate
        ? "synthetic-kc-2026q2-restating-earnings-release.txt"
        : "synthetic-kc-2026q2-earnings-release.txt",
  };
}

/**
 * A SYNTHETIC next-quarter release that restates Q1 2026's translation adjustments and the
 * comprehensive losses over them (RESTATED_Q1_2026), consistently: every identity holds.
 */
export function restatingRelease(): SyntheticRelease {
  return nextQuarterRelease({ restate: true });
}

/**
 * A SYNTHETIC "Q4 2026" release laid out as the company lays out a fourth quarter: Three Months
 * Ended 4Q25, 3Q26, 4Q26 (RMB and US$), then Twelve Months Ended FY2025 and FY2026 (RMB and
 * US$); balance sheets at Dec 31, 2025 and Dec 31, 2026. 4Q25 prints the dataset's figures;
 * 3Q26 and 4Q26 repeat 1Q26 with their cash roll after nextQuarterRelease's 2Q26; FY2026 is the
 * sum of 1Q26 to 4Q26 (so with the bundled dataset and nextQuarterRelease ingested first, every
 * FY2026 flow is checked against its four quarters); FY2025 the sum of 1Q25, 2Q25 and 3Q25 (each
 * 1Q25's, 3Q25's financing set so that its cash rolls into 4Q25's opening cash) and 4Q25.
 * `brokenRevenue` moves RMB1,000 thousand of FY2026's enterprise cloud revenues to public cloud:
 * the total and every identity within the release still hold, and only the span check fails.
 */
export function fourthQuarterRelease(options: { brokenRevenue?: boolean } = {}): SyntheticRelease {
  const src = source();
  const rmb = q1Cash(src, "RMB");
  const usd = q1Cash(src, "USD");
  const closing = (quarter: number) => rmb.closing.plus(rmb.net.times(quarter - 1)); // 2026Q<quarter>
  const q4OpeningUsd = roundTo(closing(3).div(RATE), 0);
  const q4ClosingUsd = q4OpeningUsd.plus(usd.net);
  const q4Closing = closing(4);
  const cashUsd = q4ClosingUsd.minus(src.figure("bs.restricted_cash", "2026-03-31", "USD"));
  const byUsd = cashUsd.minus(src.figure("bs.cash", "2026-03-31", "USD"));
  const q1 = (item: string) => src.figure(item, "2025Q1", "RMB");
  const q4 = (item: string) => src.figure(item, "2025Q4", "RMB");
  // FY2025: 1Q25 three times (2Q25 and 3Q25 repeat it) and 4Q25, from 1Q25's opening cash to
  // 4Q25's closing cash (3Q25's financing closes the roll); FY2026: 1Q26 four times.
  const fy2025 = spanColumn(
    src,
    ["2025Q1", "2025Q1", "2025Q1", "2025Q4"],
    q1("cf.cash_beginning"),
    q4("cf.cash_end")
  );
  const fy2026 = spanColumn(src, ["2026Q1", "2026Q1", "2026Q1", "2026Q1"], rmb.opening, q4Closing);
  if (options.brokenRevenue) {
    fy2026.set("revenue.public", (fy2026.get("revenue.public") as Dec).plus(1000));
    fy2026.set("revenue.enterprise", (fy2026.get("revenue.enterprise") as Dec).minus(1000));
  }
  const fy2026Usd = translate(fy2026, {
    "cf.cash_beginning": usd.opening,
    "cf.cash_end": q4ClosingUsd,
  });

  const text = build(src, {
    release: "2026Q4",
    period: (old) =>
      ({ "2025Q1": "2025Q4", "2025Q4": "2026Q3", "2026Q1": "2026Q4", "2026-03-31": "2026-12-31" })[
        old
      ] ?? old,
    value(f, period) {
      const own = new Dec(f.value);
      if (period === "2026-12-31") return movedBalance(src, f, q4Closing.minus(rmb.closing), byUsd);
      if (period === "2025Q4") return src.figure(f.item, "2025Q4", f.currency);
      if (period === "2026Q3") {
        const q1Figure = src.figure(f.item, "2026Q1", f.currency);
        return rolled(f, rmb.net, closing(3).minus(rmb.net)) ?? q1Figure;
      }
      if (period === "2026Q4") {
        if (f.currency === "USD") return rolled(f, usd.net, q4OpeningUsd) ?? own;
        return rolled(f, rmb.net, closing(3)) ?? own;
      }
      return own;
    },
    yearToDate: {
      header: "Twelve Months Ended",
      columns: [
        { period: "2025FY", currency: "RMB" },
        { period: "2026FY", currency: "RMB" },
        { period: "2026FY", currency: "USD" },
        { period: "2025FY", currency: null },
        { period: "2026FY", currency: null },
      ],
      value: spanValue(src, { "2025FY": fy2025, "2026FY": fy2026 }, fy2026Usd),
    },
  });
  return {
    text,
    file: options.brokenRevenue
      ? "synthetic-kc-2026q4-broken-earnings-release.txt"
      : "synthetic-kc-2026q4-earnings-release.txt",
  };
}

/**
 * A span's RMB column from the Q1 release's columns (a period named twice counts twice): each
 * flow the sum, cash from `opening` to `closing` (financing takes up any difference, so that the
 * flows add up to the net change), weighted shares the quarters' mean, loss per share from them.
 */
function spanColumn(src: Source, periods: string[], opening: Dec, closing: Dec): Map<string, Dec> {
  const out = new Map<string, Dec>();
  const sum = (item: string) =>
    periods.reduce((s, p) => s.plus(src.figure(item, p, "RMB")), new Dec(0));
  for (const [item, kind] of src.kinds) {
    if (kind !== "amount" || !src.facts.some((f) => f.item === item && f.period === "2025Q1"))
      continue;
    out.set(item, sum(item));
  }
  out.set("cf.cash_beginning", opening);
  out.set("cf.cash_end", closing);
  const net = closing.minus(opening);
  out.set("cf.financing", sum("cf.financing").plus(net.minus(sum("cf.net_change"))));
  out.set("cf.net_change", net);
  const shares = roundTo(sum("is.shares_basic_diluted").div(periods.length), 0);
  out.set("is.shares_basic_diluted", shares);
  out.set("is.eps_basic_diluted", perShare(out.get("is.net_loss_attributable") as Dec, shares));
  return out;
}

/** A span column's figure: RMB from its column, percentages recomputed, US$ translated. */
function spanValue(src: Source, rmb: Record<string, Map<string, Dec>>, usd: Map<string, Dec>) {
  return (item: string, period: string, currency: "RMB" | "USD" | null): Dec => {
    const column = rmb[period];
    if (src.kinds.get(item) === "percent") return margin(item, column);
    const v = currency === "USD" ? usd.get(item) : column.get(item);
    if (!v) throw new Error(`no ${period} ${currency} figure for ${item}`);
    return v;
  };
}

/** Loss per share to the cent: attributable net loss (thousands) over weighted shares. */
function perShare(netLossAttributable: Dec, shares: Dec): Dec {
  return roundTo(netLossAttributable.times(1000).div(shares), 2);
}

/** The margin tables' lines over total revenues, as in identities.MARGINS. */
const MARGIN_OF: Record<string, string> = {
  "ng.gross_margin": "is.gross_profit",
  "ng.adjusted_gross_margin": "ng.adjusted_gross_profit",
  "ng.net_loss_margin": "is.net_loss",
  "ng.adjusted_net_loss_margin": "ng.adjusted_net_loss",
  "ng.adjusted_ebitda_margin": "ng.adjusted_ebitda",
  "ng.normalized_adjusted_ebitda_margin": "ng.normalized_adjusted_ebitda",
  "ng.adjusted_operating_margin": "ng.adjusted_operating_profit",
  "ng.normalized_adjusted_operating_margin": "ng.normalized_adjusted_operating_loss",
};

function margin(item: string, fy: Map<string, Dec>): Dec {
  const of = fy.get(MARGIN_OF[item]) as Dec;
  return roundTo(of.div(fy.get("revenue.total") as Dec).times(100), 1);
}

/**
 * A column's US$ figures: each line RMB / rate rounded, each total the sum of its lines, each
 * tied line its counterpart's; the cash flow's cash at beginning and end as given, its net change
 * their difference and its flows rounded so that they add up to it (largest remainders).
 */
function translate(rmb: Map<string, Dec>, cash: Record<string, Dec>): Map<string, Dec> {
  const sums = new Map(SUMS.map((s) => [s.total, s.terms]));
  const ties = new Map(TIES.map((t) => [t.item, t]));
  const out = new Map<string, Dec>(Object.entries(cash));
  out.set("cf.net_change", cash["cf.cash_end"].minus(cash["cf.cash_beginning"]));
  const flows = ["cf.operating", "cf.investing", "cf.financing", "cf.fx_effect"];
  const exact = flows.map((f) => (rmb.get(f) as Dec).div(RATE));
  const rounded = exact.map((e) => e.floor());
  let left = (out.get("cf.net_change") as Dec).minus(
    rounded.reduce((s, r) => s.plus(r), new Dec(0))
  );
  const order = exact
    .map((e, k) => ({ k, rest: e.minus(e.floor()) }))
    .sort((a, b) => b.rest.comparedTo(a.rest));
  for (const { k } of order) {
    if (left.lte(0)) break;
    rounded[k] = rounded[k].plus(1);
    left = left.minus(1);
  }
  for (const { k } of order.reverse()) {
    if (left.gte(0)) break;
    rounded[k] = rounded[k].minus(1);
    left = left.plus(1);
  }
  flows.forEach((f, k) => out.set(f, rounded[k]));
  const usd = (item: string): Dec => {
    const known = out.get(item);
    if (known) return known;
    const tie = ties.get(item);
    const terms = sums.get(item);
    const v = tie
      ? usd(tie.equals).times(tie.factor)
      : terms
        ? terms.reduce((s, t) => s.plus(usd(termOf(t).item).times(termOf(t).sign)), new Dec(0))
        : roundTo((rmb.get(item) as Dec).div(RATE), 0);
    out.set(item, v);
    return v;
  };
  for (const item of rmb.keys()) usd(item);
  out.set("is.shares_basic_diluted", rmb.get("is.shares_basic_diluted") as Dec);
  out.set(
    "is.eps_basic_diluted",
    perShare(usd("is.net_loss_attributable"), rmb.get("is.shares_basic_diluted") as Dec)
  );
  return out;
}
