import type { Dataset, Item, StatementId } from "../data/types";
import { KcError } from "./errors";
import { describe } from "./periods";
import { closest, labelKey } from "./text";

/**
 * Finds line items by what analysts type: a stable id ("bs.cash"), a label as printed
 * ("Cash and cash equivalents"), or, where a label is printed in several places, the label
 * qualified by its section or table ("Non-current liabilities / Amounts due to related parties").
 */

const PRIMARY: StatementId[] = ["income_statement", "balance_sheet", "cash_flow"];
const MEASURE_SUFFIX = " (Non-GAAP Financial Measure)";

/** Names the release implies but never prints alone (the margin table's "Normalized Adjusted EBITDA margin"). */
const EXTRA_NAMES: Record<string, string[]> = {
  "ng.normalized_adjusted_ebitda": ["Normalized Adjusted EBITDA"],
  "ng.normalized_adjusted_operating_loss": ["Normalized Adjusted operating loss"],
};

export class Catalogue {
  readonly items: readonly Item[];
  private readonly byId = new Map<string, Item>();
  /** Bare labels (and their derived names), built the first time a name is not an id. */
  private byLabel: Map<string, Item[]> | undefined;
  /** Labels qualified by section or table, built the first time one is needed. */
  private byQualifiedName: Map<string, Item[]> | undefined;
  private readonly tableNames = new Map<string, string>();
  private readonly qualified = new Map<string, string>();

  constructor(ds: Dataset) {
    const ordered = ds.items.every((item, k) => k === 0 || ds.items[k - 1].order <= item.order);
    this.items = ordered ? ds.items : [...ds.items].sort((a, b) => a.order - b.order);
    for (const t of ds.tables) this.tableNames.set(t.id, t.name);
    for (const item of this.items) this.byId.set(item.id, item);
  }

  private labelIndex(): Map<string, Item[]> {
    if (this.byLabel) return this.byLabel;
    const index = new Map<string, Item[]>();
    for (const item of this.items)
      for (const label of this.labelsOf(item)) add(index, labelKey(label), item);
    this.byLabel = index;
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
      for (const label of this.labelsOf(item))
        for (const name of qualify(labelKey(label), section, table)) add(index, name, item);
    }
    this.byQualifiedName = index;
    return index;
  }

  /** Items a name (compared as a label key) finds. */
  private lookup(key: string): Item[] {
    return (
      this.labelIndex().get(key) ??
      (key.includes(" / ") ? this.qualifiedIndex().get(key) : undefined) ??
      []
    );
  }

  /** The printed label and the names derived from it. */
  private labelsOf(item: Item): string[] {
    const labels = [item.label];
    if (item.label.endsWith(MEASURE_SUFFIX))
      labels.push(item.label.slice(0, -MEASURE_SUFFIX.length));
    const extra = EXTRA_NAMES[item.id];
    if (extra) labels.push(...extra);
    return labels;
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

  /** The shortest name that finds only this item (the label itself where it is unique). */
  qualifiedName(item: Item): string {
    let name = this.qualified.get(item.id);
    if (name === undefined) {
      name = this.namesOf(item).find((n) => this.lookup(labelKey(n)).length === 1) ?? item.id;
      this.qualified.set(item.id, name);
    }
    return name;
  }

  /** The item a name finds without ambiguity, if any. */
  find(input: string): Item | undefined {
    try {
      return this.resolve(input);
    } catch {
      return undefined;
    }
  }

  resolve(input: unknown): Item {
    if (typeof input !== "string" || input.trim() === "") {
      throw new KcError(
        "#VALUE!",
        `Line item must be an id or a label as printed, not ${describe(input)}; e.g. "revenue.total" or "Total revenues" (KC.ITEMS() lists them)`
      );
    }
    const byId = this.get(input.trim());
    if (byId) return byId;
    const matches = this.lookup(labelKey(input));
    if (matches.length === 1) return matches[0];
    if (matches.length > 1) {
      const primary = matches.filter((i) => PRIMARY.includes(i.statement));
      if (primary.length === 1) return primary[0];
      throw new KcError(
        "#VALUE!",
        `"${input.trim()}" is printed in ${matches.length} places; use one of ${matches
          .map((i) => `"${this.qualifiedName(i)}" (${i.id})`)
          .join(", ")}`
      );
    }
    const choices = [...this.items.map((i) => i.id), ...this.items.map((i) => i.label)];
    const guess = closest(input, choices);
    throw new KcError(
      "#VALUE!",
      `Unknown line item "${input.trim()}"; ${guess ? `did you mean "${guess}"? ` : ""}Expected an id such as revenue.total or a label as printed (KC.ITEMS() lists them)`
    );
  }
}

/** A label qualified by its section, its table, and both: the names that tell apart a label printed in several places. */
function qualify(label: string, section: string | undefined, table: string | undefined): string[] {
  const names: string[] = [];
  if (section) names.push(`${section} / ${label}`);
  if (table) names.push(`${table} / ${label}`);
  if (table && section) names.push(`${table} / ${section} / ${label}`);
  return names;
}

function add(index: Map<string, Item[]>, key: string, item: Item): void {
  const list = index.get(key);
  if (!list) index.set(key, [item]);
  else if (!list.includes(item)) list.push(item);
}
