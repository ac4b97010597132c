import type { Item } from "../data/types";
import type { Financials } from "../core/financials";
import { valueArguments } from "../core/formulas";
import { parseQuarterId } from "../core/periods";
import { SheetBuilder } from "./builder";
import type { CellRef, Expr, ModelOptions, TabKey } from "./types";
import { formatFor } from "./types";

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** What every tab of one model shares: the dataset, the options, and where figures were placed. */
export class ModelContext {
  /** Where each figure first appears, by item then period, so later tabs can link to it. */
  private readonly placed = new Map<string, Map<string, CellRef>>();

  constructor(
    readonly fin: Financials,
    readonly options: ModelOptions
  ) {}

  item(id: string): Item {
    const item = this.fin.catalogue.get(id);
    if (!item) throw new Error(`The dataset has no item ${id}`);
    return item;
  }

  has(item: Item, period: string): boolean {
    return this.fin.has(item, period);
  }

  /** Records where a figure is shown, unless an earlier tab shows it already. */
  place(item: Item, period: string, at: CellRef): void {
    let byPeriod = this.placed.get(item.id);
    if (!byPeriod) this.placed.set(item.id, (byPeriod = new Map()));
    if (!byPeriod.has(period)) byPeriod.set(period, at);
  }

  placedAt(item: Item, period: string): CellRef | undefined {
    return this.placed.get(item.id)?.get(period);
  }

  /** Whether a tab built so far shows any figure of the item. */
  isPlaced(item: Item): boolean {
    return this.placed.has(item.id);
  }

  /** A tab with its title, note and header row of periods, checks beside them. */
  tab(key: TabKey, periods: string[], subject: string): SheetBuilder {
    const b = new SheetBuilder(
      key,
      periods,
      periods.map((p) => this.header(p))
    );
    b.top(this.title(subject), this.note(), true);
    return b;
  }

  /** A line of KC inputs: the item's figure in every period of the tab that has one. */
  inputs(b: SheetBuilder, row: number, item: Item): void {
    b.figures(
      row,
      b.periods.map((p) => (this.has(item, p) ? this.kc(item, p) : null)),
      "input",
      this.format(item)
    );
  }

  /** The KC call that brings a figure in, with the arguments its kind takes. */
  kc(item: Item, period: string): Expr {
    return {
      op: "kc",
      fn: "VALUE",
      args: valueArguments(item, period, this.options.currency, this.options.unit),
    };
  }

  growth(item: Item, period: string, basis: "YoY" | "QoQ"): Expr {
    return { op: "kc", fn: "GROWTH", args: [item.id, period, basis] };
  }

  format(item: Item): string {
    return formatFor(item.kind, this.options.unit);
  }

  /**
   * Checks compare at the release's own precision, one thousand: differences below it are the
   * release's rounding (its US$ lines are each rounded) or floating point, never a wrong figure.
   */
  get checkPlaces(): number {
    return this.options.unit === "millions" ? 3 : 0;
  }

  /** Units per model unit, to turn an amount into a per-share figure. */
  get unitsPerModelUnit(): number {
    return this.options.unit === "millions" ? 1e6 : 1e3;
  }

  header(period: string): string {
    const q = parseQuarterId(period);
    if (q) return `Q${q.quarter} ${q.year}`;
    const [y, m, d] = period.split("-").map(Number);
    return `${MONTHS[m - 1]} ${d}, ${y}`;
  }

  note(): string {
    const { currency, unit } = this.options;
    const ds = this.fin.dataset;
    const money =
      currency === "USD"
        ? `US$ ${unit} (the release's US$ figures; elsewhere RMB at ${ds.fx.rmbPerUsd} per US$)`
        : `RMB ${unit}`;
    return `${money}, except per-share figures and share counts · unaudited · source: ${ds.sources
      .map((s) => s.file)
      .join(", ")} · dataset ${ds.version}`;
  }

  title(subject: string): string {
    return `Kingsoft Cloud (NASDAQ: ${this.fin.dataset.company.nasdaq}, HKEX: ${this.fin.dataset.company.hkex}) · ${subject}`;
  }
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

export function ref(at: CellRef): Expr {
  return { op: "ref", at };
}

export function round(e: Expr, places: number): Expr {
  return { op: "round", e, places };
}

/** a − factor × b, written without a multiplication where factor is ±1. */
export function diffTimes(a: Expr, b: Expr, factor: number): Expr {
  if (factor === 1 || factor === -1) {
    return {
      op: "add",
      terms: [
        { sign: 1, e: a },
        { sign: factor === 1 ? -1 : 1, e: b },
      ],
    };
  }
  return diff(a, times(b, factor));
}

export function times(e: Expr, factor: number): Expr {
  return factor === 1 ? e : { op: "mul", a: { op: "num", value: factor }, b: e };
}
