import type { Basis, Currency, Dataset, Fact } from "./dataset";

/**
 * An item's figures made as they are first asked for, in the dataset's order: those that answer,
 * and the first reports a later release printed again (`laterIn`). The packed dataset
 * (src/data/compact.ts) gives one, so that loading builds no figure it is not asked for.
 */
export type FactSource = (item: string) => { current: Fact[]; earlier: Fact[] };

const sources = new WeakMap<Dataset, FactSource>();

/** Says where the dataset's figures are made item by item (see FactSource). */
export function madeAsAsked(ds: Dataset, source: FactSource | undefined): void {
  if (source) sources.set(ds, source);
  else sources.delete(ds);
}

/**
 * The dataset's facts by item; table figures before prose restatements. An item has a few dozen
 * figures at most, so a lookup scans its own short list: no key is built per fact at start-up.
 */
export class FactIndex {
  private readonly byItem = new Map<string, Fact[]>();
  /** Figures a later release printed again, by item: the first reports, kept for their sources. */
  private readonly earlier = new Map<string, Fact[]>();
  private readonly source: FactSource | undefined;

  constructor(facts: readonly Fact[] | FactSource) {
    if (typeof facts === "function") {
      this.source = facts;
      return;
    }
    for (const f of facts) {
      if (f.laterIn !== undefined) {
        const list = this.earlier.get(f.item);
        if (list) list.push(f);
        else this.earlier.set(f.item, [f]);
        continue;
      }
      const list = this.byItem.get(f.item);
      if (list) list.push(f);
      else this.byItem.set(f.item, [f]);
    }
    for (const list of this.byItem.values()) tableFirst(list);
  }

  static of(ds: Dataset): FactIndex {
    return new FactIndex(sources.get(ds) ?? ds.facts);
  }

  /** The item's figures from the source, the first time it is asked for. */
  private made(item: string): void {
    if (!this.source || this.byItem.has(item)) return;
    const { current, earlier } = this.source(item);
    this.byItem.set(item, tableFirst(current));
    this.earlier.set(item, earlier);
  }

  /** All facts for the key, table figures first. */
  find(item: string, period: string, currency: Currency | null, basis: Basis = "level"): Fact[] {
    return this.ofItem(item).filter(
      (f) => f.period === period && f.currency === currency && f.basis === basis
    );
  }

  table(item: string, period: string, currency: Currency | null): Fact | undefined {
    const first = this.first(item, period, currency);
    return first?.source === "table" ? first : undefined;
  }

  first(
    item: string,
    period: string,
    currency: Currency | null,
    basis: Basis = "level"
  ): Fact | undefined {
    return this.ofItem(item).find(
      (f) => f.period === period && f.currency === currency && f.basis === basis
    );
  }

  /** The item's figures as the tables print them (levels only). */
  tableLevels(item: string): Fact[] {
    return this.ofItem(item).filter((f) => f.source === "table" && f.basis === "level");
  }

  /** What earlier releases printed for the key, where a later one printed it again. */
  earlierReports(item: string, period: string, currency: Currency | null): Fact[] {
    this.made(item);
    return (this.earlier.get(item) ?? []).filter(
      (f) => f.period === period && f.currency === currency && f.basis === "level"
    );
  }

  ofItem(item: string): readonly Fact[] {
    this.made(item);
    return this.byItem.get(item) ?? [];
  }
}

/** Ingest writes table figures first; only a hand-merged list needs sorting. */
function tableFirst(list: Fact[]): Fact[] {
  if (list.some((f, k) => k > 0 && rank(f) < rank(list[k - 1])))
    list.sort((a, b) => rank(a) - rank(b));
  return list;
}

function rank(f: Fact): number {
  return f.source === "table" ? 0 : 1;
}
