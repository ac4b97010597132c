import type { Dataset, Fact } from "../../domain/dataset";
import { periodsOf, withVersion } from "./build";

export const factKey = (f: Fact): string =>
  `${f.item}|${f.period}|${f.currency ?? "-"}|${f.basis}|${f.source}`;

/**
 * Adds a release to the dataset. Re-ingesting a release replaces what it gave before. Where two
 * releases print a figure of the same period (a quarter shown again as last year's comparative),
 * the later release's answers, by the releases' own quarters, never by the order they came in;
 * the earlier release's figure is kept, marked `laterIn`, as the first report (and a restatement
 * where the figures differ: restatementsOf).
 */
export function mergeRelease(base: Dataset, incoming: Dataset): Dataset {
  const release = incoming.latestQuarter;
  const kept = base.facts.filter((f) => f.prov.release !== release).map(unmarked);
  const newest = new Map<string, Fact>();
  for (const f of [...kept, ...incoming.facts]) {
    const k = factKey(f);
    const r = newest.get(k);
    if (!r || laterRelease(f.prov.release, r.prov.release)) newest.set(k, f);
  }
  // A US$ figure translates its period's RMB one: where a later release restates the RMB figure
  // (prints another), the earlier release's US$ figure of that period goes with it.
  const all = [...incoming.facts, ...kept];
  const byRelease = new Map(all.map((f) => [`${f.prov.release}|${factKey(f)}`, f]));
  const restatedBy = (f: Fact): string | undefined => {
    const own = byRelease.get(`${f.prov.release}|${factKey({ ...f, currency: "RMB" })}`);
    const latest = own && newest.get(factKey(own));
    return latest && latest !== own && Number(latest.value) !== Number(own.value)
      ? latest.prov.release
      : undefined;
  };
  const facts = all.map((f) => {
    const latest = (newest.get(factKey(f)) as Fact).prov.release;
    const later =
      latest !== f.prov.release ? latest : f.currency === "USD" ? restatedBy(f) : undefined;
    return later ? { ...f, laterIn: later } : f;
  });

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

/** A figure as its own release gave it: which later release printed it again is worked out anew. */
export function unmarked(f: Fact): Fact {
  if (f.laterIn === undefined) return f;
  const copy = { ...f };
  delete copy.laterIn;
  return copy;
}

/** Whether release a (a quarter id, "2027Q1") is later than b. */
function laterRelease(a: string, b: string): boolean {
  return a.localeCompare(b) > 0;
}

/** A figure the dataset holds from one release that another prints otherwise. */
export interface Restatement {
  held: Fact;
  now: Fact;
}

/**
 * The figures of the incoming release that differ from what the dataset holds for the same item
 * and period: from another release (the figure that answers now), or from this same release read
 * before (a corrected re-issue, or a damaged copy whose identities still hold): restatements,
 * never taken silently.
 */
export function restatementsOf(base: Dataset, incoming: Dataset): Restatement[] {
  const held = new Map<string, Fact>();
  const own = new Map<string, Fact>();
  for (const f of base.facts) {
    if (f.prov.release === incoming.latestQuarter) own.set(factKey(f), f);
    else if (f.laterIn === undefined) held.set(factKey(f), f);
  }
  const out: Restatement[] = [];
  for (const now of incoming.facts) {
    for (const was of [own.get(factKey(now)), held.get(factKey(now))])
      if (was && Number(was.value) !== Number(now.value)) out.push({ held: was, now });
  }
  return out;
}

/** One restatement as a line: item, period, the figure held and its release, the new figure. */
export function describeRestatement(r: Restatement): string {
  const { held, now } = r;
  const currency = held.currency ? ` ${held.currency}` : "";
  return `${held.item} ${held.period}${currency}: ${held.prov.printed} (release ${held.prov.release}, line ${held.prov.line}) → ${now.prov.printed} (release ${now.prov.release}, line ${now.prov.line})`;
}

/** An item or table the dataset has that a release prints under another label, section or title. */
export interface Rename {
  id: string;
  /** The item's label or the table's name, as the dataset has it. */
  name: string;
  /** The item's first figure, or the table's heading, in the incoming release. */
  line: number;
  changes: { field: string; was: string | null; now: string | null }[];
}

/** What a qualified name ("Revenues / Public cloud services") and a table's caption are made of. */
const ITEM_FIELDS = ["label", "section", "heading"] as const;
const TABLE_FIELDS = ["title", "note"] as const;
const COMPANY_FIELDS = ["name", "nasdaq", "hkex"] as const;

/**
 * Items and tables of the incoming release printed otherwise than in the dataset. A change may be
 * the release's own (then accepted, and listed), or damage to the text, such as a lost section
 * heading that leaves every figure intact but moves rows out of their section, so that names
 * typed in workbooks stop resolving.
 */
export function renamesOf(base: Dataset, incoming: Dataset): Rename[] {
  // An item's line is its first figure where it is printed (its table, or else the prose).
  const source = new Map(incoming.items.map((i) => [i.id, i.source]));
  const firstLine = new Map<string, number>();
  for (const f of incoming.facts) {
    if (f.source !== source.get(f.item)) continue;
    firstLine.set(f.item, Math.min(firstLine.get(f.item) ?? Infinity, f.prov.line));
  }
  const items = changed(base.items, incoming.items, ITEM_FIELDS, (was, now) => ({
    name: was.label,
    line: firstLine.get(now.id) ?? 1,
  }));
  const tables = changed(base.tables, incoming.tables, TABLE_FIELDS, (was, now) => ({
    name: was.name,
    line: now.line,
  }));
  const company = changed(
    [{ id: "company", ...base.company }],
    [{ id: "company", ...incoming.company }],
    COMPANY_FIELDS,
    () => ({ name: base.company.name, line: 1 })
  );
  return [...company, ...tables, ...items];
}

function changed<T extends { id: string }>(
  before: T[],
  after: T[],
  fields: readonly (keyof T & string)[],
  where: (was: T, now: T) => { name: string; line: number }
): Rename[] {
  const old = new Map(before.map((x) => [x.id, x]));
  return after.flatMap((now): Rename[] => {
    const was = old.get(now.id);
    if (!was) return [];
    const changes = fields
      .filter((k) => was[k] !== now[k])
      .map((k) => ({
        field: k,
        was: was[k] as string | null,
        now: now[k] as string | null,
      }));
    return changes.length ? [{ id: now.id, ...where(was, now), changes }] : [];
  });
}

/** `line 537: revenue.public "Public cloud services": section "Revenues" -> none` */
export function describeRename(r: Rename): string {
  const text = (v: string | null) => (v === null ? "none" : `"${v}"`);
  const changes = r.changes.map((c) =>
    c.field === "label" ? `label -> ${text(c.now)}` : `${c.field} ${text(c.was)} -> ${text(c.now)}`
  );
  return `line ${r.line}: ${r.id} "${r.name}": ${changes.join(", ")}`;
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
