import type { Fact, Item, StatementId } from "../domain/dataset";
import { NON_GAAP_VERSIONS } from "./analyst-words";
import {
  Basis,
  SEGMENT_ITEMS,
  parseBasis,
  parseFigure,
  parseSegment,
  parseStatement,
} from "./arguments";
import type { Found } from "./catalogue";
import { Dec } from "../domain/decimal";
import { KcError } from "../domain/errors";
import { Answer, Financials } from "./financials";
import { growthRatio, pointChange } from "../domain/growth";
import { REVENUE } from "../domain/identities";
import {
  parsePeriod,
  parseQuarterId,
  parseSpanId,
  quarterEnd,
  quarterEndingOn,
  quarterId,
  shiftQuarter,
  spanId,
  spanName,
} from "../domain/periods";
import { quote } from "../domain/text";
import { parseCurrency, parseUnit } from "../domain/units";

/**
 * What the KC functions compute, over one dataset: each figure exactly, with the printed figures
 * it stands on. The registry (registry.ts) declares the functions over these, and Excel's custom
 * functions, the command line's formula engine, the model and the source panel all call through
 * it, so a formula gives the same answer (or the same error, with the same message) wherever it
 * is evaluated.
 */

export type Cell = number | string | boolean;
export type Matrix = Cell[][];

/** A computed figure with the printed figures it stands on (answers asked of the dataset, or facts). */
export interface Explained {
  value: Dec;
  answers: readonly Answer[];
  facts: readonly Fact[];
  /** Where it stands on something that is not a figure of a line (the convenience rate). */
  notes?: readonly string[];
}

/** Each GAAP line's non-GAAP version, or the reconciliation's adjustment for it, by id. */
const NON_GAAP_VERSION = new Map(
  NON_GAAP_VERSIONS.flatMap(([gaap, nonGaap]) => gaap.map((id) => [id, nonGaap] as const))
);

const STATEMENT_NAMES: Record<StatementId, string> = {
  income_statement: "Statement of comprehensive loss",
  balance_sheet: "Balance sheet",
  cash_flow: "Cash flow statement",
  non_gaap: "GAAP to non-GAAP reconciliation",
  operating: "Figures stated in the text",
};

/** Excel wants numbers as doubles; the exact Decimal is rounded only here, at the very end. */
function num(d: Dec): number {
  return d.toNumber();
}

export class KcFormulas {
  constructor(readonly fin: Financials) {}

  revenueAnswer(period?: unknown, segment?: unknown, currency?: unknown, unit?: unknown): Answer {
    return this.fin.value(SEGMENT_ITEMS[parseSegment(segment)], period, currency, unit);
  }

  /**
   * The non-GAAP version of the measure a name finds, as the release names it: "Gross profit" is
   * adjusted gross profit (the GAAP line is KC.VALUE), a line the reconciliation adjusts for is its
   * adjustment there ("D&A", "SBC"), and a reconciliation's own non-GAAP line is itself.
   */
  nonGaapAnswer(metric: unknown, period?: unknown, currency?: unknown, unit?: unknown): Answer {
    const found = this.nonGaapLines(metric);
    return found.items.length === 1
      ? this.fin.value(found.items[0].id, period, currency, unit)
      : this.fin.answerFor(found, period, currency, unit);
  }

  /** The one non-GAAP line a name finds (where it finds several, they print the same figures). */
  nonGaapItem(metric: unknown): Item {
    return this.fin.chooseThroughout(this.nonGaapLines(metric));
  }

  private nonGaapLines(metric: unknown): Found {
    const found = this.fin.catalogue.resolve(metric, (i) => this.nonGaapVersion(i) !== undefined);
    const u = found.unprinted;
    if (u) {
      const item = u.nonGaap ? this.fin.catalogue.get(u.nonGaap) : undefined;
      if (item) return { ...found, items: [item] };
      throw new KcError(
        "#VALUE!",
        `The release has no non-GAAP measure for ${quote(found.typed)}: ${u.instead}`
      );
    }
    const items = [...new Set(found.items.map((i) => this.nonGaapVersion(i)))];
    if (items.every((i): i is Item => i !== undefined)) return { ...found, items };
    const gaap = found.items[0];
    throw new KcError(
      "#VALUE!",
      `The release has no non-GAAP measure of ${gaap.label}: KC.NONGAAP gives the non-GAAP version of a measure (KC.NONGAAP("Gross profit") is adjusted gross profit), and KC.VALUE the GAAP line (KC.VALUE(${quote(found.typed)}))`
    );
  }

  /** The reconciliation's line for a line: its non-GAAP version, its adjustment, or itself. */
  private nonGaapVersion(item: Item): Item | undefined {
    const id = NON_GAAP_VERSION.get(item.id);
    if (id) return this.fin.catalogue.get(id);
    return item.statement === "non_gaap" ? item : undefined;
  }

  /** Growth with the printed figures it stands on: the two periods' figures, or the stated rate. */
  growthExplained(
    itemArg: unknown,
    periodArg?: unknown,
    basisArg?: unknown,
    figureArg?: unknown
  ): Explained {
    if (parseFigure(figureArg) === "reported") {
      const { value, fact } = this.statedGrowth(itemArg, periodArg, basisArg);
      return { value, answers: [], facts: [fact] };
    }
    return this.exactGrowthExplained(itemArg, periodArg, basisArg);
  }

  /** The growth (or, for a margin, the change in points) the release states in its text, as printed. */
  statedGrowth(
    itemArg: unknown,
    periodArg?: unknown,
    basisArg?: unknown
  ): { value: Dec; fact: Fact } {
    const item = this.fin.item(itemArg);
    const basis = parseBasis(basisArg);
    const period = this.fin.period(item, periodArg);
    const fact = this.fin.facts.first(item.id, period, null, basis);
    if (!fact) {
      const stated = this.fin.facts
        .ofItem(item.id)
        .filter((f) => f.basis !== "level")
        .map((f) => `${f.basis === "yoy" ? "YoY" : "QoQ"} ${f.period}`);
      throw new KcError(
        "#N/A",
        `The release states no ${basis === "yoy" ? "year-over-year" : "quarter-over-quarter"} change of ${item.label} for ${period}; ${
          stated.length ? `it states ${stated.join(", ")}` : "it states none for this line"
        } (KC.GROWTH with "exact" computes growth from the figures)`
      );
    }
    return { value: new Dec(fact.value).div(100), fact };
  }

  private exactGrowthExplained(itemArg: unknown, periodArg: unknown, basisArg: unknown): Explained {
    const found = this.fin.lines(itemArg);
    const basis = parseBasis(basisArg);
    const request = parsePeriod(periodArg, this.fin.latest);
    const item = this.fin.choose(found, (i) => {
      const p = this.fin.periodFor(i, request);
      const prior = priorPeriod(p, basis);
      return prior ? [p, prior] : [p];
    });
    const period = this.fin.periodFor(item, request);
    const prior = priorPeriod(period, basis);
    const stated = this.fin.facts.first(item.id, period, null, basis);
    if (parseSpanId(period) && !this.fin.has(item, period)) {
      // A span the release prints no figure for: its sum and the prior one's, or why not.
      if (!prior)
        throw new KcError(
          "#N/A",
          `${item.label} over ${period} has no sequential change; ask for "YoY"`
        );
      return this.growthBetween(
        item,
        this.fin.answer(item, period, "RMB", "thousands"),
        this.fin.answer(item, prior, "RMB", "thousands")
      );
    }
    if (!this.fin.has(item, period) || !prior || !this.fin.has(item, prior)) {
      if (stated) return { value: new Dec(stated.value).div(100), answers: [], facts: [stated] };
      if (!prior || !this.fin.has(item, period)) throw this.fin.missing(item, period);
      throw new KcError(
        "#N/A",
        `${basis === "yoy" ? "Year-over-year" : "Quarter-over-quarter"} growth of ${item.label} for ${period} needs ${prior}, which the release does not give; it has ${this.fin
          .periodsOf(item)
          .join(", ")}`
      );
    }
    return this.growthBetween(
      item,
      this.fin.answer(item, period, "RMB", "thousands"),
      this.fin.answer(item, prior as string, "RMB", "thousands")
    );
  }

  /** Current over prior minus one, or for a percentage the change in points. */
  private growthBetween(item: Item, current: Answer, before: Answer): Explained {
    const answers = [current, before];
    const [cur, pre] = [current.value, before.value];
    if (item.kind === "percent") return { value: pointChange(cur, pre), answers, facts: [] };
    const g = growthRatio(cur, pre);
    if (!g) {
      throw new KcError(
        pre.isZero() ? "#DIV/0!" : "#N/A",
        pre.isZero()
          ? `Growth of ${item.label} is undefined: ${before.period} is zero`
          : `Growth of ${item.label} is undefined between ${before.period} (${pre.toString()}) and ${current.period} (${cur.toString()}): the sign changes`
      );
    }
    return { value: g, answers, facts: [] };
  }

  /** The margin with the two printed figures it divides. */
  marginExplained(itemArg: unknown, periodArg?: unknown): Explained {
    const found = this.fin.lines(itemArg);
    const request = parsePeriod(periodArg, this.fin.latest);
    const item = this.fin.chooseAt(found, request);
    if (item.kind !== "amount" || this.fin.isInstant(item)) {
      throw new KcError(
        "#VALUE!",
        item.kind === "percent"
          ? `${item.label} is already a margin; use KC.VALUE for it`
          : `A margin is a quarter's amount over total revenues; ${item.label} is ${this.fin.isInstant(item) ? "a balance at a date" : "not an amount"}`
      );
    }
    const period = this.fin.periodFor(item, request);
    const revenue = this.fin.catalogue.get(REVENUE) as Item;
    const numerator = this.fin.answer(item, period, "RMB", "thousands");
    const denominator = this.fin.answer(revenue, period, "RMB", "thousands");
    return {
      value: numerator.value.div(denominator.value),
      answers: [numerator, denominator],
      facts: [],
    };
  }

  series(itemArg: unknown, currency?: unknown, unit?: unknown): Matrix {
    const answers = this.seriesAnswers(itemArg, currency, unit);
    return [answers.map((a) => a.period), answers.map((a) => num(a.value))];
  }

  /** Every period's figure of a line, oldest first. */
  seriesAnswers(itemArg: unknown, currency?: unknown, unit?: unknown): Answer[] {
    const found = this.fin.lines(itemArg);
    const cur = parseCurrency(currency);
    const u = parseUnit(unit);
    const item = this.fin.chooseThroughout(found, cur, u);
    const periods = this.fin.periodsOf(item);
    if (periods.length === 0) throw this.fin.missing(item, this.fin.dataset.latestQuarter);
    return periods.map((p) => this.fin.answer(item, p, cur, u));
  }

  table(statementArg: unknown, currency?: unknown, unit?: unknown): Matrix {
    const statement = parseStatement(statementArg);
    const cur = parseCurrency(currency);
    const u = parseUnit(unit);
    const items = this.fin.catalogue.printed.filter((i) => i.statement === statement);
    const periods = this.fin.periodsOfAny(items);
    const rows: Matrix = [[STATEMENT_NAMES[statement], ...periods]];
    let section: string | null = null;
    for (const item of items) {
      if (item.section && item.section !== section)
        rows.push([item.section, ...periods.map(() => "")]);
      section = item.section;
      rows.push([
        item.label,
        ...periods.map((p) =>
          this.fin.has(item, p) ? num(this.fin.answer(item, p, cur, u).value) : ""
        ),
      ]);
    }
    return rows;
  }

  periods(): Matrix {
    return [
      ["Period", "Kind", "Ends"],
      ...this.fin.dataset.periods.map((p) => [
        p.id,
        p.kind === "instant" ? "balance sheet date" : p.kind,
        p.end,
      ]),
    ];
  }

  /** The line items: id, a name that finds only it, where it is printed, and the other names that find it. */
  items(statementArg?: unknown): Matrix {
    const only =
      statementArg === undefined || statementArg === null || statementArg === ""
        ? undefined
        : parseStatement(statementArg);
    const cat = this.fin.catalogue;
    return [
      ["Id", "Label", "Statement", "Section", "Unit", "Also found by", "Note"],
      ...cat.items
        .filter((i) => !only || i.statement === only)
        .map((i) => [
          i.id,
          cat.qualifiedName(i),
          i.statement,
          i.section ?? "",
          i.unit,
          cat.otherNames(i).join("; "),
          [
            ...cat.wordsOf(i).notes,
            ...(cat.computed(i) ? [`computed, not printed: ${cat.computed(i)?.says}`] : []),
          ].join("; "),
        ]),
    ];
  }

  /**
   * Where the figure comes from; where an analyst's word finds a figure that is not exactly what
   * the word usually means, that first.
   */
  source(
    itemArg: unknown,
    periodArg?: unknown,
    currencyArg?: unknown,
    reportArg?: unknown
  ): string {
    const answer = this.fin.valueReported(itemArg, periodArg, currencyArg, undefined, reportArg);
    const note = typeof itemArg === "string" ? this.fin.catalogue.find(itemArg)?.note : undefined;
    const where = describeSource(this.fin, answer);
    return note ? `${quote(itemArg as string)} is ${note}. ${where}` : where;
  }

  rateExplained(): Explained {
    const fx = this.fin.dataset.fx;
    return {
      value: this.fin.rate,
      answers: [],
      facts: [],
      notes: [
        `the release's convenience rate, RMB${fx.rmbPerUsd} = US$1.00, line ${fx.line} of ${sourceFile(this.fin, fx.release)}`,
      ],
    };
  }
}

/** The period a change is measured from: a year or a quarter earlier (quarter or quarter end). */
export function priorPeriod(period: string, basis: Basis): string | undefined {
  const shift = basis === "yoy" ? -4 : -1;
  const span = parseSpanId(period);
  // A span's change is over the same span a year before; spans have no sequential change.
  if (span)
    return basis === "yoy" ? spanId({ ...span, end: shiftQuarter(span.end, -4) }) : undefined;
  const q = parseQuarterId(period);
  if (q) return quarterId(shiftQuarter(q, shift));
  const ended = quarterEndingOn(period);
  return ended ? quarterEnd(shiftQuarter(ended, shift)) : undefined;
}

/** One line saying where a figure comes from: table, row, column and line of the release. */
export function describeSource(fin: Financials, a: Answer): string {
  if (!a.fact) return describeComputed(fin, a);
  const where = `${describeFact(fin, a.fact)}${earlierReports(fin, a.fact)}`;
  return a.converted
    ? `${where}; translated to US$ at the release's rate of RMB${fin.dataset.fx.rmbPerUsd} = US$1.00 (line ${fin.dataset.fx.line}) and not rounded, as the release prints no US$ figure for ${a.period}`
    : `${where}${a.currency === "USD" && a.fact.currency === "USD" ? " (published US$ figure)" : ""}`;
}

/**
 * What other releases printed for the figure's period: for the latest release's figure, the first
 * report, restated or not; for a first report (asked for with "first"), the figure that answers now.
 */
function earlierReports(fin: Financials, fact: Fact): string {
  if (fact.laterIn !== undefined) {
    const now = fin.facts.first(fact.item, fact.period, fact.currency);
    return now && Number(now.value) !== Number(fact.value)
      ? `; as first reported, restated by release ${now.prov.release} as ${now.prov.printed} (line ${now.prov.line})`
      : "; as first reported";
  }
  return (
    fin.facts
      .earlierReports(fact.item, fact.period, fact.currency)
      // The same place of the release: its table, or its text (which rounds to millions).
      .filter((e) => e.source === fact.source && e.unit === fact.unit)
      .map((e) =>
        Number(e.value) === Number(fact.value)
          ? `; also printed by release ${e.prov.release}, line ${e.prov.line}`
          : `; restated: release ${e.prov.release} first reported ${e.prov.printed} (line ${e.prov.line})`
      )
      .join("")
  );
}

/**
 * A figure the release does not print: a span's sum of quarters, or a computed measure; what it
 * computes, then where each printed figure it stands on is.
 */
function describeComputed(fin: Financials, a: Answer): string {
  const span = parseSpanId(a.period);
  const parts = (a.parts ?? []).map((p) => describeSource(fin, p)).join("; ");
  if (span)
    return `${a.item.label} for ${spanName(span)} is the sum of its quarters, not printed. From: ${parts}`;
  const says = fin.catalogue.computed(a.item)?.says ?? a.item.label;
  return `${a.item.label} is computed, not printed: ${says}. From: ${parts}`;
}

/** Where one printed figure stands in the release: its table, row, column and line, or its sentence. */
export function describeFact(fin: Financials, fact: Fact): string {
  const file = sourceFile(fin, fact.prov.release);
  const table = fin.dataset.tables.find((t) => t.id === fact.prov.table);
  return table
    ? `${table.title}, row "${fact.prov.row}", column "${fact.prov.column}", line ${fact.prov.line} of ${file}: ${fact.prov.printed}`
    : `text of the release, "${fact.prov.row}", line ${fact.prov.line} of ${file}: ${fact.prov.printed}${
        fact.prov.footnote
          ? ` (the final ${fact.prov.footnote} is footnote ${fact.prov.footnote})`
          : ""
      }`;
}

/** The file a release was read from, as the dataset records it. */
function sourceFile(fin: Financials, release: string): string {
  return fin.dataset.sources.find((s) => s.release === release)?.file ?? "the release";
}
