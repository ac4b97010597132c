import type { Basis } from "../core/arguments";
import type { Financials } from "../core/financials";
import { valueArguments } from "../core/registry";
import type { Fact, Item } from "../domain/dataset";
import type { Column, FigureColumn } from "./columns";
import { quarterEndOf, shortPeriod } from "./columns";
import { Quarter, parseQuarterId, printedDate, quarterEnd } from "../domain/periods";
import type { CellRef, Expr, KcCall, ModelOptions } from "./types";
import { formatFor } from "./types";

/** A tab that is the home of lines: where each of its lines' figures stands in a column. */
export interface LineHome {
  readonly figureColumns: readonly FigureColumn[];
  cellAt(key: string, column: Column): CellRef | undefined;
}

/**
 * What every tab of one model shares: the dataset, the options, and where each figure has its
 * home, so that any tab can link to it.
 */
export class ModelContext {
  /** The tab each line's figures live on, by line key (an item id, or a key of its own). */
  private readonly homes = new Map<string, LineHome>();

  constructor(
    readonly fin: Financials,
    readonly options: ModelOptions
  ) {}

  item(id: string): Item {
    const item = this.fin.catalogue.get(id);
    if (!item) throw new Error(`The dataset has no item ${id}`);
    return item;
  }

  /** Records the tab that shows a line's figures first: later tabs link to it. */
  home(key: string, tab: LineHome): void {
    if (!this.homes.has(key)) this.homes.set(key, tab);
  }

  /** The cell that holds a line's figure in a column, on whichever tab is its home. */
  cellOf(key: string, column: Column): CellRef | undefined {
    const tab = this.homes.get(key);
    if (!tab) throw new Error(`No tab of the model shows ${key}`);
    return tab.cellAt(key, column);
  }

  /** The one cell of a figure that has a single column (the convenience rate, shares per ADS). */
  singleCell(key: string): CellRef {
    const tab = this.homes.get(key);
    const at = tab?.figureColumns.map((c) => tab.cellAt(key, c)).find((x) => x !== undefined);
    if (!at) throw new Error(`No tab of the model holds ${key}`);
    return at;
  }

  /** The period of an item's figure in a column: a balance's date where the column is a quarter. */
  periodIn(item: Item, period: string): string {
    return this.fin.isInstant(item) ? quarterEndOf(period) : period;
  }

  /** Whether the release prints the item's figure for this column (US$ only where published). */
  printed(item: Item, column: FigureColumn): boolean {
    const period = this.periodIn(item, column.period);
    if (column.translated || !this.fin.has(item, period)) return false;
    if (column.currency === "RMB") return true;
    return this.fin.facts.first(item.id, period, "USD") !== undefined;
  }

  /** The growth the release states for the item, if it states one. */
  statedGrowth(item: Item, period: string, basis: Basis): string | undefined {
    return this.fin.facts.first(item.id, period, null, basis)?.value;
  }

  /** The KC call that brings the item's figure for a column into the model. */
  value(item: Item, column: FigureColumn): KcCall {
    return {
      op: "kc",
      fn: "VALUE",
      args: valueArguments(
        item,
        item.id,
        this.periodIn(item, column.period),
        column.currency,
        this.options.unit
      ),
    };
  }

  /**
   * Where a later release printed the item's figure for a column otherwise than the release that
   * first printed it: both facts. Undefined where the column shows no printed figure, where only
   * one release printed it, or where every release printed the same figure.
   */
  restatement(item: Item, column: FigureColumn): { first: Fact; latest: Fact } | undefined {
    if (this.fin.catalogue.computed(item) || !this.printed(item, column)) return undefined;
    const period = this.periodIn(item, column.period);
    const latest = this.fin.levelFact(item, period, column.currency);
    // Most figures were printed once: no answer is worked out for them.
    if (this.fin.facts.earlierReports(item.id, period, latest.currency).length === 0)
      return undefined;
    const first = this.fin.firstFact(item, period, column.currency);
    if (first === latest) return undefined;
    // Compared as KC.VALUE answers them, so that a figure printed in another unit is no restatement.
    const value = (f: Fact) =>
      this.fin.answer(item, period, column.currency, this.options.unit, f).value;
    return value(first).eq(value(latest)) ? undefined : { first, latest };
  }

  /** The fact that answers KC.VALUE with "first" for a column (the latest's where none is earlier). */
  firstFact(item: Item, column: FigureColumn): Fact {
    return this.fin.firstFact(item, this.periodIn(item, column.period), column.currency);
  }

  /**
   * The KC call that brings in the figure as first reported. The report argument comes fifth, so a
   * count or a percentage takes a currency and a unit before it, which its answer does not use.
   */
  firstValue(item: Item, column: FigureColumn): KcCall {
    const period = this.periodIn(item, column.period);
    return {
      op: "kc",
      fn: "VALUE",
      args: [item.id, period, column.currency, this.options.unit, "first"],
    };
  }

  /** The KC call that brings in a growth rate (or change in points) as the release states it. */
  reportedGrowth(item: Item, period: string, basis: Basis): KcCall {
    return {
      op: "kc",
      fn: "GROWTH",
      args: [item.id, period, basis === "yoy" ? "YoY" : "QoQ", "reported"],
    };
  }

  format(item: Item): string {
    return formatFor(item.kind, this.options.unit);
  }

  /**
   * Amounts compare at the release's own precision, one thousand: differences below it are the
   * release's rounding or floating point, never a wrong figure.
   */
  get checkPlaces(): number {
    return this.options.unit === "millions" ? 3 : 0;
  }

  /**
   * A sum of amounts as exact as its terms: in thousands the terms are whole numbers and so is the
   * sum; in millions they have three decimals, and a binary sum such as -316.11 + 134.611 - 9.051
   * lands on -190.54999…, which would show (190.5) for the release's (190.6): rounded to the
   * thousand, the sum is the decimal one.
   */
  exactSum(sum: Expr): Expr {
    return this.options.unit === "millions" ? round(sum, 3) : sum;
  }

  /** Units per model unit, to turn an amount into a per-share figure. */
  get unitsPerModelUnit(): number {
    return this.options.unit === "millions" ? 1e6 : 1e3;
  }

  /** The tab's title, with the currency and unit of its figures: said once, here. */
  title(subject: string, money = "RMB and US$"): string {
    const c = this.fin.dataset.company;
    return `Kingsoft Cloud (NASDAQ: ${c.nasdaq}, HKEX: ${c.hkex}) · ${subject} · ${money} ${this.options.unit}`;
  }

  /**
   * The tab's notes, each short enough to print within the tab's width: how to read the columns,
   * then the colours. Where the figures come from is in the footer (`source`).
   */
  notes(): string[] {
    const ds = this.fin.dataset;
    const latest = parseQuarterId(ds.latestQuarter) as Quarter;
    return [
      `${shortPeriod(ds.latestQuarter)} = three months to ${printedDate(quarterEnd(latest))} (balances at its end) · US$* at RMB${ds.fx.rmbPerUsd} = US$1.00 · unaudited`,
      "Blue: from the release (italic: as reported) · green: link · black: formula · checks must be 0",
    ];
  }

  /** Where the figures come from, for the printed footer: the release's file and the dataset. */
  source(): string {
    const ds = this.fin.dataset;
    return `${ds.sources.map((s) => s.file).join(", ")} · dataset ${ds.version}`;
  }
}

export function ref(at: CellRef): Expr {
  return { op: "ref", at };
}

export function round(e: Expr, places: number): Expr {
  return { op: "round", e, places };
}

export function diff(a: Expr, b: Expr): Expr {
  return {
    op: "add",
    terms: [
      { sign: 1, e: a },
      { sign: -1, e: b },
    ],
  };
}

/** factor × e, written as a plain or negated reference where factor is ±1. */
export function times(e: Expr, factor: number): Expr {
  if (factor === 1) return e;
  if (factor === -1) return { op: "add", terms: [{ sign: -1, e }] };
  return { op: "mul", a: e, b: { op: "num", value: factor } };
}
