import type { Currency, Dataset, Fact, Item } from "../domain/dataset";
import type { Unprinted } from "./analyst-words";
import { Catalogue, Found } from "./catalogue";
import { Dec, roundTo } from "../domain/decimal";
import { PER_SHARE, SHARES_PER_ADS } from "../domain/identities";
import { Computed, periodParts } from "./computed";
import { KcError } from "../domain/errors";
import { FactIndex } from "../domain/facts";
import {
  PeriodRequest,
  Quarter,
  Span,
  parsePeriod,
  parseQuarterId,
  parseSpanId,
  quarterEnd,
  quarterEndingOn,
  quarterId,
  quarterIndex,
  quartersOf,
  spanId,
  spanName,
} from "../domain/periods";
import { parseReport } from "./arguments";
import { quote } from "../domain/text";
import { OutputUnit, parseCurrency, parseUnit, scale } from "../domain/units";

/** A figure answered from the dataset, with the fact it comes from. */
export interface Answer {
  value: Dec;
  item: Item;
  period: string;
  /** Currency of the answer (null for percentages and counts). */
  currency: Currency | null;
  unit: OutputUnit | "per share" | "shares" | "fraction" | "RMB per US$";
  /** The printed figure the answer is; absent for a computed measure, which has `parts`. */
  fact?: Fact;
  /** A computed measure's parts, each a printed figure (or a computed measure's answer). */
  parts?: Answer[];
  /** True where US$ was computed from RMB at the convenience rate (the release prints none). */
  converted: boolean;
}

/**
 * The dataset, loaded once and indexed: every face (custom functions, model tabs, command line)
 * asks it, so that they all give the same figure for the same question.
 */
export class Financials {
  readonly catalogue: Catalogue;
  readonly facts: FactIndex;
  readonly latest: Quarter;
  readonly rate: Dec;
  private order: Map<string, number> | undefined;
  /** Answers (and refusals) remembered by the arguments as typed. */
  private readonly answers: Memo<Answer> = new Map();
  private readonly refusals: Memo<KcError> = new Map();
  private memoSize = 0;
  private readonly periodsByItem = new Map<string, string[]>();

  constructor(readonly dataset: Dataset) {
    this.catalogue = new Catalogue(dataset);
    this.facts = FactIndex.of(dataset);
    this.latest = parseQuarterId(dataset.latestQuarter) as Quarter;
    this.rate = new Dec(dataset.fx.rmbPerUsd);
  }

  private periodOrder(): Map<string, number> {
    this.order ??= new Map(this.dataset.periods.map((p, k) => [p.id, k]));
    return this.order;
  }

  /**
   * The line a name finds. Where it finds several (one label printed in several places), the first
   * of them if they print the same figures in every period; KC functions that ask for one period
   * use `choose` instead, which needs agreement only there.
   */
  item(input: unknown): Item {
    return this.chooseThroughout(this.lines(input));
  }

  /** What a line item argument finds; a measure the release prints no line of is refused here. */
  lines(input: unknown, fits?: (item: Item) => boolean): Found {
    const found = this.catalogue.resolve(input, fits);
    if (found.unprinted) throw unprintedError(found);
    return found;
  }

  /**
   * The one line to answer from: the only one found, or, where one label is printed in several
   * places, the first that prints a figure for the periods asked, if every place that prints one
   * prints the same (in the currency and unit asked). Otherwise refused with the names that tell
   * the places apart.
   */
  choose(
    found: Found,
    periods: (item: Item) => readonly string[],
    currency: Currency = "RMB",
    unit: OutputUnit = "thousands"
  ): Item {
    const [first, ...others] = found.items;
    if (others.length === 0) return first;
    const figures = new Map<string, Dec>();
    let chosen: Item | undefined;
    let differs: string | undefined;
    for (const item of found.items) {
      for (const p of periods(item)) {
        if (!this.has(item, p)) continue;
        chosen ??= item;
        const v = this.answer(item, p, currency, unit).value;
        const seen = figures.get(p);
        if (!seen) figures.set(p, v);
        else if (!seen.eq(v)) differs ??= p;
      }
    }
    if (differs === undefined) return chosen ?? first;
    throw new KcError(
      "#VALUE!",
      `${quote(found.typed)} is printed in ${found.items.length} places with different figures for ${differs}; use one of ${found.items
        .map((i) => `"${this.catalogue.qualifiedName(i)}" (${i.id})`)
        .join(", ")}`
    );
  }

  /** The line to answer one period from (see `choose`). */
  chooseAt(
    found: Found,
    request: PeriodRequest,
    currency: Currency = "RMB",
    unit: OutputUnit = "thousands"
  ): Item {
    return this.choose(found, (i) => [this.periodFor(i, request)], currency, unit);
  }

  /** The line to answer every period from: where several, they agree wherever both print one. */
  chooseThroughout(found: Found, currency: Currency = "RMB", unit: OutputUnit = "thousands"): Item {
    return this.choose(found, (i) => this.periodsOf(i), currency, unit);
  }

  /** True for balance-sheet-like items, dated at a day rather than over a quarter. */
  isInstant(item: Item): boolean {
    const first = this.periodsOf(item)[0];
    return first !== undefined && !parseQuarterId(first) && !parseSpanId(first);
  }

  /** Periods the item has a figure for, oldest first, worked out the first time it is asked. */
  periodsOf(item: Item): string[] {
    let periods = this.periodsByItem.get(item.id);
    if (!periods) {
      const order = this.periodOrder();
      const computed = this.catalogue.computed(item);
      const set = new Set<string>();
      if (computed) {
        // A computed measure has a figure where every part of the period has one.
        const [first, ...rest] = periodParts(computed.recipe).map((id) =>
          this.periodsOf(this.catalogue.get(id) as Item)
        );
        for (const p of first) if (rest.every((r) => r.includes(p))) set.add(p);
      } else {
        for (const f of this.facts.ofItem(item.id)) if (f.basis === "level") set.add(f.period);
      }
      periods = [...set].sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
      this.periodsByItem.set(item.id, periods);
    }
    return periods;
  }

  /** Whether the release gives the item's figure for the period. */
  has(item: Item, period: string): boolean {
    return this.periodsOf(item).includes(period);
  }

  /** The periods any of these items has a figure for, in the dataset's order. */
  periodsOfAny(items: readonly Item[]): string[] {
    return this.dataset.periods.map((p) => p.id).filter((p) => items.some((i) => this.has(i, p)));
  }

  /** Turns a period argument into the dataset's period id for this item. */
  period(item: Item, input: unknown): string {
    return this.periodFor(item, parsePeriod(input, this.latest));
  }

  periodFor(item: Item, req: PeriodRequest): string {
    if (this.isInstant(item)) {
      if (req.kind === "date") return req.date;
      return quarterEnd(req.kind === "span" ? req.span.end : req.quarter);
    }
    if (req.kind === "quarter") return quarterId(req.quarter);
    if (req.kind === "span") return spanId(req.span);
    const q = quarterEndingOn(req.date);
    if (!q) {
      throw new KcError(
        "#VALUE!",
        `${req.date} is not a quarter end; ${item.label} is reported by quarter (e.g. ${this.dataset.latestQuarter} or ${quarterEnd(this.latest)})`
      );
    }
    return quarterId(q);
  }

  /**
   * The item's figure: `value(item, period, currency, unit)`, exactly, with its source. Answers
   * are remembered by the arguments as typed, since a workbook asks the same few questions in
   * thousands of cells and recalculates them all at once.
   */
  value(itemArg: unknown, periodArg?: unknown, currencyArg?: unknown, unitArg?: unknown): Answer {
    // Kept small so that the engine inlines it: two map lookups, then a scan of the few currency
    // and unit spellings asked for that item and period (comparing is cheaper than hashing).
    const entries = this.answers.get(itemArg)?.get(periodArg);
    if (entries) {
      for (let k = 0; k < entries.length; k++) {
        const e = entries[k];
        if (e.unit === unitArg && e.currency === currencyArg) return e.value;
      }
    }
    return this.firstAnswer(itemArg, periodArg, currencyArg, unitArg);
  }

  private firstAnswer(
    itemArg: unknown,
    periodArg: unknown,
    currencyArg: unknown,
    unitArg: unknown
  ): Answer {
    const refused = this.refusals
      .get(itemArg)
      ?.get(periodArg)
      ?.find((e) => e.currency === currencyArg && e.unit === unitArg);
    if (refused) throw refused.value;
    const memorable = [itemArg, periodArg, currencyArg, unitArg].every(isMemorable);
    try {
      const answer = this.answerFor(this.lines(itemArg), periodArg, currencyArg, unitArg);
      if (memorable)
        this.remember(this.answers, [itemArg, periodArg, currencyArg, unitArg], answer);
      return answer;
    } catch (e) {
      if (e instanceof KcError && memorable)
        this.remember(this.refusals, [itemArg, periodArg, currencyArg, unitArg], e);
      throw e;
    }
  }

  /** The figure for lines a name found (see `choose`), by period, currency and unit as typed. */
  answerFor(found: Found, periodArg: unknown, currencyArg: unknown, unitArg: unknown): Answer {
    const currency = parseCurrency(currencyArg);
    const unit = parseUnit(unitArg);
    const request = parsePeriod(periodArg, this.latest);
    const reading = request.kind === "date" ? found.readings?.date : undefined;
    const item = reading ?? this.chooseAt(found, request, currency, unit);
    return this.answer(item, this.periodFor(item, request), currency, unit);
  }

  private remember<V>(memo: Memo<V>, [i, p, c, u]: unknown[], value: V): void {
    if (++this.memoSize > MEMO_LIMIT) {
      this.answers.clear();
      this.refusals.clear();
      this.memoSize = 1;
    }
    let byPeriod = memo.get(i);
    if (!byPeriod) memo.set(i, (byPeriod = new Map()));
    const entries = byPeriod.get(p);
    if (entries) entries.push({ currency: c, unit: u, value });
    else byPeriod.set(p, [{ currency: c, unit: u, value }]);
  }

  /**
   * The figure as `value` gives it, or, with report "first", as the release that first printed
   * the period gave it (before any restatement): only a printed figure has a first report.
   */
  valueReported(
    itemArg: unknown,
    periodArg: unknown,
    currencyArg: unknown,
    unitArg: unknown,
    reportArg: unknown
  ): Answer {
    if (parseReport(reportArg) === "latest")
      return this.value(itemArg, periodArg, currencyArg, unitArg);
    const found = this.lines(itemArg);
    const currency = parseCurrency(currencyArg);
    const unit = parseUnit(unitArg);
    const request = parsePeriod(periodArg, this.latest);
    const reading = request.kind === "date" ? found.readings?.date : undefined;
    const item = reading ?? this.chooseAt(found, request, currency, unit);
    const period = this.periodFor(item, request);
    if (this.catalogue.computed(item) || !this.has(item, period))
      throw new KcError(
        "#N/A",
        `${item.label} for ${period} is not a figure a release prints (it is computed or summed from quarters), so it has no first report; leave out "first" for the figure itself`
      );
    return this.answer(item, period, currency, unit, this.firstFact(item, period, currency));
  }

  /**
   * The fact behind a printed figure as the earliest release that printed the period gave it:
   * the latest release's own fact where no other release printed the period.
   */
  firstFact(item: Item, period: string, currency: Currency): Fact {
    const latest = this.levelFact(item, period, currency);
    const reports = [latest, ...this.facts.earlierReports(item.id, period, latest.currency)];
    return reports.reduce((a, b) => (this.releaseOrder(b) < this.releaseOrder(a) ? b : a));
  }

  /** When a release came out, for ordering: its quarter (a release reports on one quarter). */
  private releaseOrder(f: Fact): number {
    const q = parseQuarterId(f.prov.release);
    return q ? quarterIndex(q) : Number.MAX_SAFE_INTEGER;
  }

  answer(item: Item, period: string, currency: Currency, unit: OutputUnit, printed?: Fact): Answer {
    const span = parseSpanId(period);
    if (!printed && span && !this.has(item, period))
      return this.spanAnswer(item, span, currency, unit);
    const computed = printed ? undefined : this.catalogue.computed(item);
    if (computed) return this.computedAnswer(computed, period, currency, unit);
    const fact = printed ?? this.levelFact(item, period, currency);
    const value = new Dec(fact.value);
    switch (item.kind) {
      case "percent":
        return {
          value: value.div(100),
          item,
          period,
          currency: null,
          unit: "fraction",
          fact,
          converted: false,
        };
      case "shares":
        return { value, item, period, currency: null, unit: "shares", fact, converted: false };
      case "rate":
        return { value, item, period, currency: null, unit: "RMB per US$", fact, converted: false };
      default: {
        const converted = fact.currency !== currency;
        const inCurrency = converted ? value.div(this.rate) : value;
        if (item.kind === "per_share") {
          return { value: inCurrency, item, period, currency, unit: "per share", fact, converted };
        }
        return {
          value: inCurrency.times(scale(fact.unit, unit)),
          item,
          period,
          currency,
          unit,
          fact,
          converted,
        };
      }
    }
  }

  /**
   * A flow over a span the release prints no column for: the sum of its quarters, where the
   * dataset has every one of them and the figure adds up (an amount; a margin, a per-share figure
   * or a weighted share count of a year is no sum of quarters).
   */
  private spanAnswer(item: Item, span: Span, currency: Currency, unit: OutputUnit): Answer {
    const name = spanName(span);
    if (item.kind !== "amount" || this.catalogue.computed(item)?.recipe.kind === "per_share") {
      throw new KcError(
        "#N/A",
        `${item.label} for ${name} is not the sum of its quarters, and the release prints no figure for ${name}; ask for a quarter${item.kind === "percent" ? `, or KC.MARGIN for ${name}` : ""}`
      );
    }
    const quarters = quartersOf(span).map(quarterId);
    const lacking = quarters.filter((q) => !this.has(item, q));
    if (lacking.length) {
      throw new KcError(
        "#N/A",
        `${item.label} for ${name} is the sum of ${quarters.join(", ")}; the dataset lacks ${lacking.join(", ")} (it has ${this.periodsOf(item).join(", ") || "no quarter"})`
      );
    }
    const parts = quarters.map((q) => this.answer(item, q, currency, unit));
    const value = parts.reduce((sum, p) => sum.plus(p.value), new Dec(0));
    return this.composed(item, spanId(span), currency, unit, value, parts);
  }

  /**
   * A computed measure, from its parts in the currency and unit asked (so that a US$ figure stands
   * on the published US$ figures where the release prints them, as the model's US$ column does).
   */
  private computedAnswer(
    c: Computed,
    period: string,
    currency: Currency,
    unit: OutputUnit
  ): Answer {
    if (!this.has(c.item, period)) throw this.missing(c.item, period);
    const part = (id: string, p: string, u: OutputUnit = unit) =>
      this.answer(this.catalogue.get(id) as Item, p, currency, u);
    const r = c.recipe;
    if (r.kind === "sum") {
      const parts = r.terms.map((t) => part(t.id, period));
      const value = r.terms.reduce(
        (sum, t, k) => sum.plus(parts[k].value.times(t.sign)),
        new Dec(0)
      );
      return this.composed(c.item, period, currency, unit, value, parts);
    }
    const amount = part(r.of, period, "units");
    const shares = part(PER_SHARE.shares, period);
    const parts = [amount, shares];
    let value = amount.value.div(shares.value);
    if (r.perAds) {
      const ratio = this.sharesPerAds();
      parts.push(...ratio.parts);
      value = value.times(ratio.value);
    }
    return this.composed(c.item, period, currency, "per share", value, parts);
  }

  private composed(
    item: Item,
    period: string,
    currency: Currency,
    unit: Answer["unit"],
    value: Dec,
    parts: Answer[]
  ): Answer {
    return {
      value,
      item,
      period,
      currency,
      unit,
      parts,
      converted: parts.some((p) => p.converted),
    };
  }

  /**
   * Ordinary shares per ADS: the latest shares outstanding over the ADSs they equal, to a whole
   * share (4,490,544,972 shares are "about 299,369,665 ADSs": 15), as the model's one cell has it.
   */
  sharesPerAds(): { value: Dec; parts: Answer[] } {
    const shares = this.catalogue.get(SHARES_PER_ADS.shares) as Item;
    const ads = this.catalogue.get(SHARES_PER_ADS.ads) as Item;
    const when = this.periodsOf(shares)
      .filter((p) => this.has(ads, p))
      .pop();
    if (!when) throw this.missing(ads, this.dataset.latestQuarter);
    const parts = [shares, ads].map((i) => this.answer(i, when, "RMB", "units"));
    return { value: roundTo(parts[0].value.div(parts[1].value), 0), parts };
  }

  /** The fact behind a level figure: the published one in the currency asked, else the RMB one. */
  levelFact(item: Item, period: string, currency: Currency): Fact {
    const f = this.facts;
    const fact =
      item.kind === "amount" || item.kind === "per_share"
        ? (f.first(item.id, period, currency) ?? f.first(item.id, period, "RMB"))
        : (f.first(item.id, period, currency) ??
          f.first(item.id, period, "RMB") ??
          f.first(item.id, period, null));
    if (!fact) throw this.missing(item, period);
    return fact;
  }

  missing(item: Item, period: string): KcError {
    const have = this.periodsOf(item);
    if (have.length === 0) {
      const stated = this.facts.ofItem(item.id).some((x) => x.basis !== "level");
      return new KcError(
        "#N/A",
        stated
          ? `The release gives no figure for ${item.label}, only its change (use KC.GROWTH)`
          : `The release has no figure for ${item.label}`
      );
    }
    return new KcError(
      "#N/A",
      `The release has no ${item.label} for ${period}; it has ${have.join(", ")}`
    );
  }
}

type Memo<V> = Map<unknown, Map<unknown, { currency: unknown; unit: unknown; value: V }[]>>;

/** Enough for every distinct question a large model asks; beyond it, start again. */
const MEMO_LIMIT = 100_000;

/**
 * Arguments worth remembering: single values, and text no longer than any name or period, so that
 * a cell-sized argument (refused or not) is never kept.
 */
function isMemorable(v: unknown): boolean {
  if (typeof v === "string") return v.length <= MEMO_TEXT_LIMIT;
  return v === undefined || v === null || typeof v !== "object";
}

const MEMO_TEXT_LIMIT = 256;

/** A measure the release prints no line of: what it gives instead. */
function unprintedError(found: Found): KcError {
  const u = found.unprinted as Unprinted;
  return new KcError(
    "#N/A",
    `The release prints no line for ${quote(found.typed)}: ${u.instead}${
      u.nonGaap ? `; KC.NONGAAP(${quote(found.typed)}) is its non-GAAP version` : ""
    }`
  );
}
