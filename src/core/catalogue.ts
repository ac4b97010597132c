import type { Dataset, Item, StatementId } from "../domain/dataset";
import { ANALYST_WORDS, TWO_READINGS, Unprinted, UNPRINTED } from "./analyst-words";
import { COMPUTED, Computed, partsOf } from "./computed";
import { KcError } from "../domain/errors";
import { describe } from "../domain/periods";
import { Named, suggest } from "./suggestions";
import { labelKey, quote } from "../domain/text";

/**
 * Finds line items by what analysts type: a stable id ("bs.cash"), a label as printed
 * ("Cash and cash equivalents"), an analyst's name ("cash", "EBITDA", "R&D"), or, where a label is
 * printed in several places, the label qualified by its section or table
 * ("Non-current liabilities / Amounts due to related parties").
 */

const MEASURE_SUFFIX = " (Non-GAAP Financial Measure)";

/** What a name finds. */
export interface Found {
  /**
   * The lines: one, or several where one label is printed in several places (the caller answers
   * when they print the same figure for what is asked).
   */
  items: Item[];
  /** The name as typed, trimmed (for messages, through `quote`). */
  typed: string;
  /** Where an analyst's word finds a figure that is not exactly what it usually means: what it is. */
  note?: string;
  /** A measure the release prints no line of (`items` is then empty). */
  unprinted?: Unprinted;
  /**
   * A word with two readings: the line of a quarter (in `items`, the reading where no period is
   * asked) and the line of a date.
   */
  readings?: { quarter: Item; date: Item };
}

/** Words with two readings, by key. */
const TWO_READINGS_BY_KEY = new Map(
  TWO_READINGS.flatMap((r) => r.words.map((w) => [labelKey(w), r] as const))
);

/** Words for measures the release prints no line of, by key. */
const UNPRINTED_BY_KEY = new Map(
  UNPRINTED.flatMap((u) => u.words.map((w) => [labelKey(w), u] as const))
);

interface Entry {
  items: Item[];
  note?: string;
}

export class Catalogue {
  /** Every line: those the release prints, then the measures computed from them. */
  readonly items: readonly Item[];
  /** The lines the release prints, in its order. */
  readonly printed: readonly Item[];
  private readonly byId = new Map<string, Item>();
  /** Labels, the names derived from them and analysts' words, built the first time a name is not an id. */
  private byName: Map<string, Entry> | undefined;
  /** Labels qualified by section or table, built the first time one is needed. */
  private byQualifiedName: Map<string, Item[]> | undefined;
  private readonly tableNames = new Map<string, string>();
  private readonly qualified = new Map<string, string>();
  private words: Map<string, { words: string[]; notes: string[] }> | undefined;
  private named: Named[] | undefined;
  /** The measures computed from this dataset's lines, by id: those whose every part it has. */
  private readonly computedById = new Map<string, Computed>();

  constructor(ds: Dataset) {
    const ordered = ds.items.every((item, k) => k === 0 || ds.items[k - 1].order <= item.order);
    const printed = ordered ? ds.items : [...ds.items].sort((a, b) => a.order - b.order);
    for (const t of ds.tables) this.tableNames.set(t.id, t.name);
    for (const item of printed) this.byId.set(item.id, item);
    // In order, so that a measure computed from another (net cash from total debt) finds it.
    for (const c of COMPUTED) {
      if (!partsOf(c.recipe).every((id) => this.byId.has(id))) continue;
      this.computedById.set(c.item.id, c);
      this.byId.set(c.item.id, c.item);
    }
    this.printed = printed;
    this.items = [...printed, ...[...this.computedById.values()].map((c) => c.item)];
  }

  /** How a computed measure is computed; undefined for a printed line. */
  computed(item: Item): Computed | undefined {
    return this.computedById.get(item.id);
  }

  /** Each line's analysts' words and notes, built the first time they are asked for. */
  private wordIndex(): Map<string, { words: string[]; notes: string[] }> {
    if (this.words) return this.words;
    const index = new Map<string, { words: string[]; notes: string[] }>();
    // Words for a line another release may lack are kept out, never matched to something else.
    for (const w of this.allWords()) {
      if (!this.byId.has(w.item)) continue;
      let entry = index.get(w.item);
      if (!entry) index.set(w.item, (entry = { words: [], notes: [] }));
      entry.words.push(...w.words);
      if (w.note) entry.notes.push(`"${w.words[0]}" is ${w.note}`);
    }
    this.words = index;
    return index;
  }

  /** The analysts' words for printed lines, then those of the computed measures. */
  private allWords(): { item: string; words: readonly string[]; note?: string }[] {
    return [
      ...ANALYST_WORDS,
      // KC.SOURCE says what a computed measure computes whatever name finds it.
      ...[...this.computedById.values()].map((c) => ({ item: c.item.id, words: c.words })),
    ];
  }

  private nameIndex(): Map<string, Entry> {
    if (this.byName) return this.byName;
    const index = new Map<string, Entry>();
    const add = (key: string, item: Item, note?: string) => {
      const entry = index.get(key);
      if (!entry) index.set(key, { items: [item], note });
      else if (!entry.items.includes(item)) entry.items.push(item);
    };
    for (const item of this.items)
      for (const label of this.labelsOf(item)) add(labelKey(label), item);
    for (const w of this.allWords()) {
      const item = this.byId.get(w.item);
      if (item) for (const word of w.words) add(labelKey(word), item, w.note);
    }
    for (const entry of index.values()) entry.items = preferLines(entry.items);
    this.byName = index;
    return index;
  }

  private qualifiedIndex(): Map<string, Item[]> {
    if (this.byQualifiedName) return this.byQualifiedName;
    const index = new Map<string, Item[]>();
    const tableKeys = new Map([...this.tableNames].map(([id, name]) => [id, labelKey(name)]));
    for (const item of this.items) {
      // Keys are composed from the parts' keys: "section / label" keys as "section-key / label-key".
      const section = item.section ? labelKey(item.section) : undefined;
      const table = item.table ? tableKeys.get(item.table) : undefined;
      for (const label of this.labelsOf(item)) {
        for (const name of qualify(labelKey(label), section, table)) {
          const list = index.get(name);
          if (!list) index.set(name, [item]);
          else if (!list.includes(item)) list.push(item);
        }
      }
    }
    this.byQualifiedName = index;
    return index;
  }

  /** The lines a name (compared as a label key) finds. */
  private lookup(key: string): Entry | undefined {
    const entry = this.nameIndex().get(key);
    if (entry) return entry;
    const qualified = key.includes(" / ") ? this.qualifiedIndex().get(key) : undefined;
    return qualified ? { items: qualified } : undefined;
  }

  /** The printed label and the name derived from it (without "(Non-GAAP Financial Measure)"). */
  private labelsOf(item: Item): string[] {
    return item.label.endsWith(MEASURE_SUFFIX)
      ? [item.label, item.label.slice(0, -MEASURE_SUFFIX.length)]
      : [item.label];
  }

  get(id: string): Item | undefined {
    return this.byId.get(id.toLowerCase());
  }

  tableName(item: Item): string | undefined {
    return item.table ? this.tableNames.get(item.table) : undefined;
  }

  /** Every name that finds the item, the printed label first. */
  namesOf(item: Item): string[] {
    const labels = this.labelsOf(item);
    const table = this.tableName(item);
    return [...labels, ...labels.flatMap((l) => qualify(l, item.section ?? undefined, table))];
  }

  /** The analysts' words for the item, and what its figure is where a word means something else. */
  wordsOf(item: Item): { words: readonly string[]; notes: readonly string[] } {
    return this.wordIndex().get(item.id) ?? { words: [], notes: [] };
  }

  /** The names besides the printed label: the label without its suffix, then analysts' words. */
  otherNames(item: Item): string[] {
    return [...this.labelsOf(item).slice(1), ...this.wordsOf(item).words];
  }

  /** The shortest name that finds only this item (the label itself where it is unique). */
  qualifiedName(item: Item): string {
    let name = this.qualified.get(item.id);
    if (name === undefined) {
      name =
        this.namesOf(item).find((n) => {
          // A name that finds this line and no other: "Interest income" finds the statement's
          // line, so the reconciliation's adjustment needs its qualified name.
          const found = this.lookup(labelKey(n))?.items;
          return found?.length === 1 && found[0] === item;
        }) ?? item.id;
      this.qualified.set(item.id, name);
    }
    return name;
  }

  /** What a name finds without throwing: an id, a name, or a measure the release does not print. */
  find(input: string): Found | undefined {
    const typed = input.trim();
    const byId = this.get(typed);
    if (byId) return { items: [byId], typed };
    const key = labelKey(input);
    const two = TWO_READINGS_BY_KEY.get(key);
    const [quarter, date] = two ? [this.get(two.quarter), this.get(two.date)] : [];
    if (two && quarter && date)
      return { items: [quarter], typed, note: two.note, readings: { quarter, date } };
    const entry = this.lookup(key);
    if (entry) return { items: entry.items, typed, note: entry.note };
    const unprinted = UNPRINTED_BY_KEY.get(key);
    return unprinted ? { items: [], typed, unprinted } : undefined;
  }

  /**
   * What a line item argument finds; an unknown name is refused with the closest names (of lines
   * `fits` accepts, where given) and where to find them all.
   */
  resolve(input: unknown, fits?: (item: Item) => boolean): Found {
    if (typeof input !== "string" || input.trim() === "") {
      throw new KcError(
        "#VALUE!",
        `Line item must be a label as printed, an analyst's name or an id, not ${describe(input)}; e.g. "Total revenues", "revenue" or "revenue.total" (KC.ITEMS() lists them)`
      );
    }
    const found = this.find(input);
    if (found) return found;
    const guesses = suggest(input, this.allNames(), fits);
    const margin = this.marginOf(input);
    throw new KcError(
      "#VALUE!",
      `Unknown line item ${quote(input.trim())}; ${
        margin
          ? `for a line as a fraction of total revenues use KC.MARGIN("${margin}").`
          : guesses.length
            ? `did you mean ${guesses.map((g) => `"${g}"`).join(" or ")}?`
            : "no line of the release has a name like it."
      } Expected a label as printed, an analyst's name such as "revenue", "EBITDA" or "R&D", or an id such as revenue.total (KC.ITEMS() lists them)`
    );
  }

  /** "R&D margin": the name of a quarter's amount before "margin", for KC.MARGIN. */
  private marginOf(input: string): string | undefined {
    const typed = input.trim();
    const m = typed.length <= 80 ? /^(.+?)\s+margins?$/i.exec(typed) : null;
    const items = m ? this.find(m[1])?.items : undefined;
    return items?.length === 1 && items[0].kind === "amount" ? m?.[1] : undefined;
  }

  /** Every name that finds a line, for suggestions: what it shows, and whether it is a printed label. */
  private allNames(): Named[] {
    if (this.named) return this.named;
    const named: Named[] = [];
    for (const item of this.items) {
      const names = new Set([this.qualifiedName(item), ...this.otherNames(item)]);
      if (this.lookup(labelKey(item.label))?.items.includes(item)) names.add(item.label);
      for (const name of names) named.push({ name, item, id: false });
      named.push({ name: item.id, item, id: true });
    }
    this.named = named;
    return named;
  }
}

/**
 * Where a label is printed both as a line and as a reconciliation's adjustment for it ("Interest
 * income" and its "– Interest income"), the label finds the line; the adjustment is found by its
 * qualified name, or through KC.NONGAAP.
 */
function preferLines(items: Item[]): Item[] {
  const lines = items.filter((i) => !isAdjustment(i));
  return lines.length > 0 && lines.length < items.length ? lines : items;
}

function isAdjustment(item: Item): boolean {
  return item.statement === ("non_gaap" as StatementId) && item.section === "Adjustments";
}

/** A label qualified by its section, its table, and both: the names that tell apart a label printed in several places. */
function qualify(label: string, section: string | undefined, table: string | undefined): string[] {
  const names: string[] = [];
  if (section) names.push(`${section} / ${label}`);
  if (table) names.push(`${table} / ${label}`);
  if (table && section) names.push(`${table} / ${section} / ${label}`);
  return names;
}
