import type { Basis, Currency, Dataset, Fact } from "../data/types";

/** The dataset's facts indexed for constant-time lookup; table figures before prose restatements. */
export class FactIndex {
  private readonly byKey = new Map<string, Fact[]>();
  private readonly byItem = new Map<string, Fact[]>();

  constructor(facts: readonly Fact[]) {
    for (const f of facts) {
      push(this.byKey, key(f.item, f.period, f.currency, f.basis), f);
      push(this.byItem, f.item, f);
    }
    for (const list of this.byKey.values()) list.sort((a, b) => rank(a) - rank(b));
  }

  static of(ds: Dataset): FactIndex {
    return new FactIndex(ds.facts);
  }

  /** All facts for the key, table figures first. */
  find(item: string, period: string, currency: Currency | null, basis: Basis = "level"): readonly Fact[] {
    return this.byKey.get(key(item, period, currency, basis)) ?? [];
  }

  table(item: string, period: string, currency: Currency | null): Fact | undefined {
    const first = this.find(item, period, currency)[0];
    return first?.source === "table" ? first : undefined;
  }

  first(item: string, period: string, currency: Currency | null, basis: Basis = "level"): Fact | undefined {
    return this.find(item, period, currency, basis)[0];
  }

  ofItem(item: string): readonly Fact[] {
    return this.byItem.get(item) ?? [];
  }
}

function key(item: string, period: string, currency: Currency | null, basis: Basis): string {
  return `${item}|${period}|${currency ?? "-"}|${basis}`;
}

function rank(f: Fact): number {
  return f.source === "table" ? 0 : 1;
}

function push<K, V>(map: Map<K, V[]>, k: K, v: V): void {
  const list = map.get(k);
  if (list) list.push(v);
  else map.set(k, [v]);
}
