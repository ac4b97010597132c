import type { Dataset, Fact, Item } from "../types";
import { periodsOf, withVersion } from "./build";

const factKey = (f: Fact) => `${f.item}|${f.period}|${f.currency ?? "-"}|${f.basis}|${f.source}`;

/**
 * Adds a release to the dataset. Re-ingesting a release replaces what it gave before; where two
 * releases print the same figure (a quarter shown again as last year's comparative), the newer
 * release wins, since a restatement is printed there.
 */
export function mergeRelease(base: Dataset, incoming: Dataset): Dataset {
  const release = incoming.latestQuarter;
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
  // An item lives while some release gives it a figure.
  const given = new Set(facts.map((f) => f.item));
  const items = [...incoming.items, ...base.items.filter((i) => !incomingIds.has(i.id))]
    .filter((i) => given.has(i.id))
    .map((i, order) => ({ ...i, order }));
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

/** Where an item is printed: what a qualified name ("Revenues / Public cloud services") is made of. */
type Placement = Pick<Item, "label" | "section" | "heading">;

/** An item the dataset has that a release prints under another label, section or heading. */
export interface Rename {
  id: string;
  /** Line of the item's first figure in the incoming release. */
  line: number;
  was: Placement;
  now: Placement;
}

const PLACEMENT: (keyof Placement)[] = ["label", "section", "heading"];

/**
 * Items of the incoming release whose label, section or heading differ from the dataset's. A
 * change may be the release's own (then accepted, and listed), or damage to the text, such as a
 * lost section heading that leaves every figure intact but moves rows out of their section, so
 * that names typed in workbooks stop resolving.
 */
export function renamesOf(base: Dataset, incoming: Dataset): Rename[] {
  const before = new Map(base.items.map((i) => [i.id, i]));
  // An item's line is its first figure where it is printed (its table, or else the prose).
  const source = new Map(incoming.items.map((i) => [i.id, i.source]));
  const firstLine = new Map<string, number>();
  for (const f of incoming.facts) {
    if (f.source !== source.get(f.item)) continue;
    firstLine.set(f.item, Math.min(firstLine.get(f.item) ?? Infinity, f.prov.line));
  }
  return incoming.items.flatMap((now): Rename[] => {
    const was = before.get(now.id);
    if (!was || PLACEMENT.every((k) => was[k] === now[k])) return [];
    const pick = (i: Item): Placement => ({
      label: i.label,
      section: i.section,
      heading: i.heading,
    });
    return [{ id: now.id, line: firstLine.get(now.id) ?? 1, was: pick(was), now: pick(now) }];
  });
}

/** `line 536: revenue.public "Public cloud services": section "Revenues" -> none` */
export function describeRename(r: Rename): string {
  const text = (v: string | null) => (v === null ? "none" : `"${v}"`);
  const changes = PLACEMENT.filter((k) => r.was[k] !== r.now[k]).map((k) =>
    k === "label" ? `label -> ${text(r.now.label)}` : `${k} ${text(r.was[k])} -> ${text(r.now[k])}`
  );
  return `line ${r.line}: ${r.id} "${r.was.label}": ${changes.join(", ")}`;
}

/**
 * Figures the dataset has from the incoming release that the release, read again, no longer
 * gives: a lost line of prose or a damaged sentence, since a release does not change once
 * published.
 */
export function lostFigures(base: Dataset, incoming: Dataset): Fact[] {
  const given = new Set(incoming.facts.map(factKey));
  return base.facts.filter(
    (f) => f.prov.release === incoming.latestQuarter && !given.has(factKey(f))
  );
}

/** `line 7: op.ai_gross_billing 2026Q1 "grew 90%"` */
export function describeRemoval(f: Fact): string {
  return `line ${f.prov.line}: ${f.item} ${f.period} "${f.prov.printed}"`;
}
