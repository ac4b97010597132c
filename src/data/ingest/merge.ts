import type { Dataset, Fact } from "../types";
import { periodsOf, withVersion } from "./build";

/**
 * Adds a release to the dataset. Re-ingesting a release replaces what it gave before; where two
 * releases print the same figure (a quarter shown again as last year's comparative), the newer
 * release wins, since a restatement is printed there.
 */
export function mergeRelease(base: Dataset, incoming: Dataset): Dataset {
  const release = incoming.latestQuarter;
  const factKey = (f: Fact) => `${f.item}|${f.period}|${f.currency ?? "-"}|${f.basis}|${f.source}`;
  const kept = base.facts.filter((f) => f.prov.release !== release);
  const newest = new Map<string, string>();
  for (const f of [...kept, ...incoming.facts]) {
    const k = factKey(f);
    const r = newest.get(k);
    if (!r || f.prov.release > r) newest.set(k, f.prov.release);
  }
  const facts = [...incoming.facts, ...kept].filter(
    (f) => newest.get(factKey(f)) === f.prov.release
  );

  const incomingIds = new Set(incoming.items.map((i) => i.id));
  const items = [...incoming.items, ...base.items.filter((i) => !incomingIds.has(i.id))].map(
    (i, order) => ({
      ...i,
      order,
    })
  );
  const tableIds = new Set(incoming.tables.map((t) => t.id));
  const tables = [...incoming.tables, ...base.tables.filter((t) => !tableIds.has(t.id))];
  const sources = [...base.sources.filter((s) => s.release !== release), ...incoming.sources].sort(
    (a, b) => a.release.localeCompare(b.release)
  );
  const latest = sources[sources.length - 1].release;
  const latestSet = latest === release ? incoming : base;
  return withVersion({
    format: 1,
    company: latestSet.company,
    latestQuarter: latest,
    sources,
    fx: latestSet.fx,
    periods: periodsOf(facts),
    tables,
    items,
    facts,
  });
}
