import type { Fact, Item, StatementId } from "../data/types";
import {
  Basis,
  SEGMENT_ITEMS,
  Vocabulary,
  parseBasis,
  parseFigure,
  parseSegment,
  parseStatement,
} from "./arguments";
import { Dec } from "./decimal";
import { KcError } from "./errors";
import { Answer, Financials } from "./financials";
import { growthRatio, pointChange } from "./growth";
import { REVENUE } from "./identities";
import { parseQuarterId, quarterEnd, quarterEndingOn, quarterId, shiftQuarter } from "./periods";
import { parseCurrency, parseUnit } from "./units";

/**
 * The KC functions, one pure function each. Excel's custom functions and the command line's
 * formula engine both call these, so a formula gives the same answer (or the same error, with the
 * same message) wherever it is evaluated.
 */

export type Cell = number | string | boolean;
export type Matrix = Cell[][];

/** Natural names for the non-GAAP measures and their adjustments, as analysts type them. */
const NON_GAAP = new Vocabulary<string>(
  "non-GAAP metric",
  {
    "adjusted gross profit": "ng.adjusted_gross_profit",
    "non-gaap gross profit": "ng.adjusted_gross_profit",
    "gross profit": "ng.adjusted_gross_profit",
    "adjusted gross margin": "ng.adjusted_gross_margin",
    "non-gaap gross margin": "ng.adjusted_gross_margin",
    "gross margin": "ng.adjusted_gross_margin",
    "adjusted operating profit": "ng.adjusted_operating_profit",
    "adjusted operating loss": "ng.adjusted_operating_profit",
    "adjusted operating (loss) profit": "ng.adjusted_operating_profit",
    "non-gaap operating profit": "ng.adjusted_operating_profit",
    "non-gaap operating loss": "ng.adjusted_operating_profit",
    "non-gaap operating (loss) profit": "ng.adjusted_operating_profit",
    "operating profit": "ng.adjusted_operating_profit",
    "operating loss": "ng.adjusted_operating_profit",
    "adjusted ebit": "ng.adjusted_operating_profit",
    ebit: "ng.adjusted_operating_profit",
    "adjusted operating margin": "ng.adjusted_operating_margin",
    "adjusted operating (loss) profit margin": "ng.adjusted_operating_margin",
    "non-gaap operating margin": "ng.adjusted_operating_margin",
    "operating margin": "ng.adjusted_operating_margin",
    "ebit margin": "ng.adjusted_operating_margin",
    "adjusted net loss": "ng.adjusted_net_loss",
    "non-gaap net loss": "ng.adjusted_net_loss",
    "net loss": "ng.adjusted_net_loss",
    "adjusted net income": "ng.adjusted_net_loss",
    "net income": "ng.adjusted_net_loss",
    "adjusted net loss margin": "ng.adjusted_net_loss_margin",
    "non-gaap net loss margin": "ng.adjusted_net_loss_margin",
    "net loss margin": "ng.adjusted_net_loss_margin",
    "net margin": "ng.adjusted_net_loss_margin",
    ebitda: "ng.adjusted_ebitda",
    "adjusted ebitda": "ng.adjusted_ebitda",
    "non-gaap ebitda": "ng.adjusted_ebitda",
    "ebitda margin": "ng.adjusted_ebitda_margin",
    "adjusted ebitda margin": "ng.adjusted_ebitda_margin",
    "non-gaap ebitda margin": "ng.adjusted_ebitda_margin",
    "normalized ebitda": "ng.normalized_adjusted_ebitda",
    "normalized adjusted ebitda": "ng.normalized_adjusted_ebitda",
    "normalized ebitda margin": "ng.normalized_adjusted_ebitda_margin",
    "normalized adjusted ebitda margin": "ng.normalized_adjusted_ebitda_margin",
    "normalized operating loss": "ng.normalized_adjusted_operating_loss",
    "normalized operating profit": "ng.normalized_adjusted_operating_loss",
    "normalized adjusted operating loss": "ng.normalized_adjusted_operating_loss",
    "normalized ebit": "ng.normalized_adjusted_operating_loss",
    "normalized operating margin": "ng.normalized_adjusted_operating_margin",
    "normalized operating loss margin": "ng.normalized_adjusted_operating_margin",
    "normalized adjusted operating loss margin": "ng.normalized_adjusted_operating_margin",
    "share-based compensation": "ng.nl.sbc",
    "share-based compensation expenses": "ng.nl.sbc",
    "stock-based compensation": "ng.nl.sbc",
    sbc: "ng.nl.sbc",
    "share-based compensation in cost of revenues": "ng.gp.sbc",
    "sbc in cost of revenues": "ng.gp.sbc",
    "share-based compensation expenses (allocated in cost of revenues)": "ng.gp.sbc",
    fx: "ng.nl.fx",
    "foreign exchange": "ng.nl.fx",
    "fx (gain) loss": "ng.nl.fx",
    "foreign exchange (gain) loss": "ng.nl.fx",
    "interest income": "ng.ebitda.interest_income",
    "interest expense": "ng.ebitda.interest_expense",
    "income tax": "ng.ebitda.income_tax",
    tax: "ng.ebitda.income_tax",
    "income tax expense (benefit)": "ng.ebitda.income_tax",
    "d&a": "ng.ebitda.depreciation_amortization",
    "depreciation and amortization": "ng.ebitda.depreciation_amortization",
    "amortization of intangible assets": "ng.ol.amortization_intangibles",
    "amortization of intangibles": "ng.ol.amortization_intangibles",
    "gain on disposal": "ng.ebitda.gain_on_disposal",
    "gain on disposal of property and equipment": "ng.ebitda.gain_on_disposal",
  },
  [
    "EBITDA",
    "EBITDA margin",
    "adjusted gross profit",
    "adjusted net loss",
    "adjusted operating profit",
    "normalized EBITDA",
    "share-based compensation",
    'or any line of KC.ITEMS("non_gaap")',
  ]
);

const STATEMENT_NAMES: Record<StatementId, string> = {
  income_statement: "Statement of comprehensive loss",
  balance_sheet: "Balance sheet",
  cash_flow: "Cash flow statement",
  non_gaap: "GAAP to non-GAAP reconciliation",
  operating: "Figures stated in the text",
};

/**
 * The arguments a KC.VALUE call for this item takes, each written out: an amount takes currency and
 * unit, a per-share figure only currency, counts and percentages neither.
 */
export function valueArguments(
  item: Item,
  period: string,
  currency: string,
  unit: string
): string[] {
  if (item.kind === "amount") return [item.id, period, currency, unit];
  if (item.kind === "per_share") return [item.id, period, currency];
  return [item.id, period];
}

/** Excel wants numbers as doubles; the exact Decimal is rounded only here, at the very end. */
function num(d: Dec): number {
  return d.toNumber();
}

export class KcFormulas {
  constructor(readonly fin: Financials) {}

  value(item: unknown, period?: unknown, currency?: unknown, unit?: unknown): number {
    return num(this.fin.value(item, period, currency, unit).value);
  }

  revenue(period?: unknown, segment?: unknown, currency?: unknown, unit?: unknown): number {
    return this.value(SEGMENT_ITEMS[parseSegment(segment)], period, currency, unit);
  }

  nonGaap(metric: unknown, period?: unknown, currency?: unknown, unit?: unknown): number {
    return this.value(this.nonGaapItem(metric).id, period, currency, unit);
  }

  /** A natural name ("EBITDA") first, then any id or printed label of a reconciliation line. */
  nonGaapItem(metric: unknown): Item {
    if (typeof metric === "string") {
      const named = NON_GAAP.lookup(metric);
      if (named) return this.fin.catalogue.get(named) as Item;
      const item = this.fin.catalogue.find(metric);
      if (item?.statement === "non_gaap") return item;
    }
    return this.fin.catalogue.get(NON_GAAP.parse(metric)) as Item;
  }

  growth(itemArg: unknown, periodArg?: unknown, basisArg?: unknown, figureArg?: unknown): number {
    return parseFigure(figureArg) === "reported"
      ? num(this.statedGrowth(itemArg, periodArg, basisArg).value)
      : num(this.exactGrowth(itemArg, periodArg, basisArg));
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

  /** Growth as an exact Decimal (model tabs compute with it before anything is rounded). */
  exactGrowth(itemArg: unknown, periodArg?: unknown, basisArg?: unknown): Dec {
    const item = this.fin.item(itemArg);
    const basis = parseBasis(basisArg);
    const period = this.fin.period(item, periodArg);
    const prior = priorPeriod(period, basis);
    const stated = this.fin.facts.first(item.id, period, null, basis);
    if (!this.fin.has(item, period) || !prior || !this.fin.has(item, prior)) {
      if (stated) return new Dec(stated.value).div(100);
      if (!prior || !this.fin.has(item, period)) throw this.fin.missing(item, period);
      throw new KcError(
        "#N/A",
        `${basis === "yoy" ? "Year-over-year" : "Quarter-over-quarter"} growth of ${item.label} for ${period} needs ${prior}, which the release does not give; it has ${this.fin
          .periodsOf(item)
          .join(", ")}`
      );
    }
    const cur = this.fin.answer(item, period, "RMB", "thousands").value;
    const pre = this.fin.answer(item, prior as string, "RMB", "thousands").value;
    if (item.kind === "percent") return pointChange(cur, pre);
    const g = growthRatio(cur, pre);
    if (!g) {
      throw new KcError(
        pre.isZero() ? "#DIV/0!" : "#N/A",
        pre.isZero()
          ? `Growth of ${item.label} is undefined: ${prior} is zero`
          : `Growth of ${item.label} is undefined between ${prior} (${pre.toString()}) and ${period} (${cur.toString()}): the sign changes`
      );
    }
    return g;
  }

  margin(itemArg: unknown, periodArg?: unknown): number {
    const item = this.fin.item(itemArg);
    if (item.kind !== "amount" || this.fin.isInstant(item)) {
      throw new KcError(
        "#VALUE!",
        item.kind === "percent"
          ? `${item.label} is already a margin; use KC.VALUE for it`
          : `A margin is a quarter's amount over total revenues; ${item.label} is ${this.fin.isInstant(item) ? "a balance at a date" : "not an amount"}`
      );
    }
    const period = this.fin.period(item, periodArg);
    const revenue = this.fin.catalogue.get(REVENUE) as Item;
    const numerator = this.fin.answer(item, period, "RMB", "thousands").value;
    const denominator = this.fin.answer(revenue, period, "RMB", "thousands").value;
    return num(numerator.div(denominator));
  }

  series(itemArg: unknown, currency?: unknown, unit?: unknown): Matrix {
    const item = this.fin.item(itemArg);
    const cur = parseCurrency(currency);
    const u = parseUnit(unit);
    const periods = this.fin.periodsOf(item);
    if (periods.length === 0) throw this.fin.missing(item, this.fin.dataset.latestQuarter);
    return [periods, periods.map((p) => num(this.fin.answer(item, p, cur, u).value))];
  }

  table(statementArg: unknown, currency?: unknown, unit?: unknown): Matrix {
    const statement = parseStatement(statementArg);
    const cur = parseCurrency(currency);
    const u = parseUnit(unit);
    const items = this.fin.catalogue.items.filter((i) => i.statement === statement);
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
        p.kind === "quarter" ? "quarter" : "balance sheet date",
        p.end,
      ]),
    ];
  }

  items(statementArg?: unknown): Matrix {
    const only =
      statementArg === undefined || statementArg === null || statementArg === ""
        ? undefined
        : parseStatement(statementArg);
    return [
      ["Id", "Label", "Statement", "Section", "Unit"],
      ...this.fin.catalogue.items
        .filter((i) => !only || i.statement === only)
        .map((i) => [
          i.id,
          this.fin.catalogue.qualifiedName(i),
          i.statement,
          i.section ?? "",
          i.unit,
        ]),
    ];
  }

  source(itemArg: unknown, periodArg?: unknown, currencyArg?: unknown): string {
    return describeSource(this.fin, this.fin.value(itemArg, periodArg, currencyArg));
  }

  fx(): number {
    return num(this.fin.rate);
  }
}

/** The period a change is measured from: a year or a quarter earlier (quarter or quarter end). */
export function priorPeriod(period: string, basis: Basis): string | undefined {
  const shift = basis === "yoy" ? -4 : -1;
  const q = parseQuarterId(period);
  if (q) return quarterId(shiftQuarter(q, shift));
  const ended = quarterEndingOn(period);
  return ended ? quarterEnd(shiftQuarter(ended, shift)) : undefined;
}

/** One line saying where a figure comes from: table, row, column and line of the release. */
export function describeSource(fin: Financials, a: Answer): string {
  const where = describeFact(fin, a.fact);
  return a.converted
    ? `${where}; in US$ at the release's rate of RMB${fin.dataset.fx.rmbPerUsd} = US$1.00 (line ${fin.dataset.fx.line}), as the release prints no US$ figure for ${a.period}`
    : `${where}${a.currency === "USD" && a.fact.currency === "USD" ? " (published US$ figure)" : ""}`;
}

/** Where one printed figure stands in the release: its table, row, column and line, or its sentence. */
export function describeFact(fin: Financials, fact: Fact): string {
  const file =
    fin.dataset.sources.find((s) => s.release === fact.prov.release)?.file ?? "the release";
  const table = fin.dataset.tables.find((t) => t.id === fact.prov.table);
  return table
    ? `${table.title}, row "${fact.prov.row}", column "${fact.prov.column}", line ${fact.prov.line} of ${file}: ${fact.prov.printed}`
    : `text of the release, "${fact.prov.row}", line ${fact.prov.line} of ${file}: ${fact.prov.printed}${
        fact.prov.footnote
          ? ` (the final ${fact.prov.footnote} is footnote ${fact.prov.footnote})`
          : ""
      }`;
}
