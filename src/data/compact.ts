import type { Dataset, Fact, Provenance } from "../domain/dataset";
import { FactSource, madeAsAsked } from "../domain/facts";
import { DECIMAL, DatasetShapeError, KNOWN_UNITS, asDataset, shapeProblem } from "./shape";

/**
 * The dataset as the add-in carries it: dataset.json (what `kc ingest` writes and a reviewer
 * reads) packed by the build (scripts/dataset-loader.js). Everything but the figures is as in
 * dataset.json. The figures are columns, one character per figure, each character a whole number
 * (its code less 0x101, so that 0x100 is -1, absent): an index into `items`, `periods`, `values`,
 * `kinds` or `provs`. A kind is what many figures share (currency, unit, basis, source, nil,
 * polarity, first report's later release, release), a provenance where a figure is printed less
 * its release (which a line printed again by later releases differs by): columns the same way,
 * indices into `texts` (every text a figure holds, once) or flags, `line` and `footnote` the
 * numbers themselves. The figures are stored by item (`itemCounts`
 * figures of the first item, then of the second, ...), `at` giving each one's place in
 * dataset.json. Texts and values are each one string, lines joined by "\n".
 *
 * A string of one character per figure parses at the speed of copying it, and each column is
 * checked by one regular expression: loading does no work per figure in JavaScript, and makes a
 * figure only when it is asked for.
 */
export interface CompactDataset extends Omit<Dataset, "facts"> {
  /** The packed form, 1. */
  compact: 1;
  texts: string;
  values: string;
  itemCounts: number[];
  facts: Record<FactColumn, string>;
  /** What figures share besides item, period and value: currency, unit, ... release. */
  kinds: Record<KindColumn, string>;
  provs: Record<ProvColumn, string>;
}

const FACT_COLUMNS = ["item", "at", "period", "value", "kind", "prov"] as const;
type FactColumn = (typeof FACT_COLUMNS)[number];
const KIND_COLUMNS = [
  "currency",
  "unit",
  "basis",
  "source",
  "nil",
  "polarity",
  "laterIn",
  "release",
] as const;
type KindColumn = (typeof KIND_COLUMNS)[number];
const PROV_COLUMNS = ["table", "row", "column", "line", "printed", "footnote"] as const;
type ProvColumn = (typeof PROV_COLUMNS)[number];

/** The code of -1 (absent); a number n is the character ZERO + 1 + n. */
const ZERO = 0x100;
/** Where UTF-16 surrogates start: no number is packed at or past it. */
const LIMIT = 0xd800 - ZERO - 1;
const SEPARATOR = "\n";

function code(v: number, what: string): string {
  if (!Number.isInteger(v) || v < -1 || v >= LIMIT)
    throw new Error(
      `Cannot pack ${what} ${v}: the packed form holds whole numbers to ${LIMIT - 1}`
    );
  return String.fromCharCode(v + ZERO + 1);
}

const at = (col: string, i: number) => col.charCodeAt(i) - ZERO - 1;

const FACT_KEYS = new Set([
  "item",
  "period",
  "currency",
  "value",
  "unit",
  "basis",
  "source",
  "prov",
  "nil",
  "polarity",
  "laterIn",
]);
const PROV_KEYS = new Set(["release", "table", "row", "column", "line", "printed", "footnote"]);

/** Interns texts: each distinct one once, by its first place. */
class Table {
  readonly list: string[] = [];
  private readonly index = new Map<string, number>();

  of(v: string | null | undefined): number {
    if (v === null || v === undefined) return -1;
    if (v.includes(SEPARATOR)) throw new Error(`Cannot pack a text with a line break: ${v}`);
    let k = this.index.get(v);
    if (k === undefined) {
      k = this.list.length;
      this.list.push(v);
      this.index.set(v, k);
    }
    return k;
  }
}

/** Packs a dataset; refuses a field it would not give back (nothing is dropped silently). */
export function packDataset(ds: Dataset): CompactDataset {
  const texts = new Table();
  const values = new Table();
  const s = (v: string | null | undefined) => texts.of(v);
  const items = new Map(ds.items.map((i, k) => [i.id, k]));
  const periods = new Map(ds.periods.map((p, k) => [p.id, k]));
  const rows: Record<FactColumn, number>[] = [];
  const kinds = Object.fromEntries(KIND_COLUMNS.map((c) => [c, [] as string[]])) as Record<
    KindColumn,
    string[]
  >;
  const kindIndex = new Map<string, number>();
  const provs = Object.fromEntries(PROV_COLUMNS.map((c) => [c, [] as string[]])) as Record<
    ProvColumn,
    string[]
  >;
  const provIndex = new Map<string, number>();
  ds.facts.forEach((f, place) => {
    for (const key in f)
      if (!FACT_KEYS.has(key)) throw new Error(`Cannot pack a figure's "${key}"`);
    for (const key in f.prov)
      if (!PROV_KEYS.has(key)) throw new Error(`Cannot pack a provenance's "${key}"`);
    if (f.nil !== undefined && f.nil !== true) throw new Error(`Cannot pack nil ${String(f.nil)}`);
    if (f.prov.footnote !== undefined && f.prov.footnote < 0)
      throw new Error(`Cannot pack the footnote ${f.prov.footnote}`);
    const item = items.get(f.item);
    const period = periods.get(f.period);
    if (item === undefined || period === undefined)
      throw new Error(`Cannot pack ${f.item} ${f.period}: not a listed item and period`);
    const p = f.prov;
    const row: Record<ProvColumn, string> = {
      table: code(s(p.table), "a text"),
      row: code(s(p.row), "a text"),
      column: code(s(p.column), "a text"),
      line: code(p.line, "the line"),
      printed: code(s(p.printed), "a text"),
      footnote: code(p.footnote ?? -1, "the footnote"),
    };
    const key = PROV_COLUMNS.map((c) => row[c]).join("");
    let prov = provIndex.get(key);
    if (prov === undefined) {
      prov = provIndex.size;
      provIndex.set(key, prov);
      for (const c of PROV_COLUMNS) provs[c].push(row[c]);
    }
    const sort: Record<KindColumn, string> = {
      currency: code(s(f.currency), "a text"),
      unit: code(s(f.unit), "a text"),
      basis: code(s(f.basis), "a text"),
      source: code(s(f.source), "a text"),
      nil: code(f.nil ? 1 : 0, "nil"),
      polarity: code(s(f.polarity), "a text"),
      laterIn: code(s(f.laterIn), "a text"),
      release: code(s(p.release), "a text"),
    };
    const kindKey = KIND_COLUMNS.map((c) => sort[c]).join("");
    let kind = kindIndex.get(kindKey);
    if (kind === undefined) {
      kind = kindIndex.size;
      kindIndex.set(kindKey, kind);
      for (const c of KIND_COLUMNS) kinds[c].push(sort[c]);
    }
    rows.push({ item, at: place, period, value: values.of(f.value), kind, prov });
  });
  // By item, each item's figures in dataset.json's order (the sort is stable).
  rows.sort((a, b) => a.item - b.item);
  const itemCounts = ds.items.map(() => 0);
  for (const r of rows) itemCounts[r.item]++;
  const column = (c: FactColumn) => rows.map((r) => code(r[c], `the ${c}`)).join("");
  const rest: Partial<Dataset> = { ...ds };
  delete rest.facts;
  return {
    ...(rest as Omit<Dataset, "facts">),
    compact: 1,
    texts: texts.list.join(SEPARATOR),
    values: values.list.join(SEPARATOR),
    itemCounts,
    facts: Object.fromEntries(FACT_COLUMNS.map((c) => [c, column(c)])) as Record<
      FactColumn,
      string
    >,
    kinds: Object.fromEntries(KIND_COLUMNS.map((c) => [c, kinds[c].join("")])) as Record<
      KindColumn,
      string
    >,
    provs: Object.fromEntries(PROV_COLUMNS.map((c) => [c, provs[c].join("")])) as Record<
      ProvColumn,
      string
    >,
  };
}

/** Makes the packed figures as objects, each once, in dataset.json's order of keys. */
class Figures {
  /** Made when the first figure is: loading allocates nothing per figure. */
  private made: (Fact | undefined)[] | undefined;
  private texts: string[] | undefined;
  private values: string[] | undefined;
  readonly count: number;

  constructor(private readonly c: CompactDataset) {
    this.count = c.facts.item.length;
  }

  /** The figure stored k-th. */
  fact(k: number): Fact {
    const made = (this.made ??= new Array(this.count));
    return (made[k] ??= this.build(k));
  }

  /** Every figure, in dataset.json's order. */
  all(): Fact[] {
    const out: Fact[] = new Array(this.count);
    for (let k = 0; k < this.count; k++) {
      const place = at(this.c.facts.at, k);
      if (place >= this.count || out[place] !== undefined)
        throw new DatasetShapeError(`figure ${k + 1} of the packed dataset has a wrong place`);
      out[place] = this.fact(k);
    }
    return out;
  }

  private build(k: number): Fact {
    const { facts: F, kinds: K, provs: P } = this.c;
    const t = (this.texts ??= lines(this.c.texts));
    const values = (this.values ??= lines(this.c.values));
    const j = at(F.prov, k);
    const i = at(F.kind, k);
    const table = at(P.table, j);
    const column = at(P.column, j);
    const footnote = at(P.footnote, j);
    const prov = { release: t[at(K.release, i)] } as Provenance;
    if (table >= 0) prov.table = t[table];
    prov.row = t[at(P.row, j)];
    if (column >= 0) prov.column = t[column];
    prov.line = at(P.line, j);
    prov.printed = t[at(P.printed, j)];
    if (footnote >= 0) prov.footnote = footnote;
    const currency = at(K.currency, i);
    const fact: Fact = {
      item: this.c.items[at(F.item, k)].id,
      period: this.c.periods[at(F.period, k)].id,
      currency: currency < 0 ? null : (t[currency] as Fact["currency"]),
      value: values[at(F.value, k)],
      unit: t[at(K.unit, i)] as Fact["unit"],
      basis: t[at(K.basis, i)] as Fact["basis"],
      source: t[at(K.source, i)] as Fact["source"],
      prov,
    };
    if (at(K.nil, i) === 1) fact.nil = true;
    const polarity = at(K.polarity, i);
    if (polarity >= 0) fact.polarity = t[polarity] as Fact["polarity"];
    const laterIn = at(K.laterIn, i);
    if (laterIn >= 0) fact.laterIn = t[laterIn];
    return fact;
  }
}

const lines = (text: string): string[] => (text === "" ? [] : text.split(SEPARATOR));

/** The packed dataset less its figures: what dataset.json holds besides them, as it holds it. */
function bare(c: CompactDataset): Omit<Dataset, "facts"> {
  const packed = new Set(["compact", "texts", "values", "itemCounts", "facts", "kinds", "provs"]);
  return Object.fromEntries(
    Object.entries(c).filter(([key]) => !packed.has(key))
  ) as unknown as Omit<Dataset, "facts">;
}

/** The dataset again, every figure made, field for field and in dataset.json's order of keys. */
export function unpackDataset(c: CompactDataset): Dataset {
  return { ...bare(c), facts: new Figures(c).all() };
}

export function isCompact(json: unknown): json is CompactDataset {
  return typeof json === "object" && json !== null && (json as { compact?: unknown }).compact === 1;
}

/**
 * The bundled dataset from its packed form, as the add-in loads it: checked as `asDataset` checks
 * dataset.json (every field the core reads, of every figure; every figure's item and period
 * listed), on the columns; indexed by item; each figure made the first time it is asked for
 * (reading `facts` makes them all). Damage is worded by the check of the figures as objects where
 * it can be.
 */
export function loadCompact(json: unknown): Dataset {
  const problem = compactProblem(json);
  if (problem !== undefined) {
    let unpacked: Dataset;
    try {
      unpacked = unpackDataset(json as CompactDataset);
    } catch {
      throw new DatasetShapeError(problem);
    }
    asDataset(unpacked);
    throw new DatasetShapeError(problem);
  }
  const c = json as CompactDataset;
  const figures = new Figures(c);
  const ds = bare(c) as Dataset;
  let all: Fact[] | undefined;
  Object.defineProperty(ds, "facts", {
    enumerable: true,
    configurable: true,
    get: () => (all ??= figures.all()),
    set: (facts: Fact[]) => {
      Object.defineProperty(ds, "facts", { value: facts, enumerable: true, writable: true });
      madeAsAsked(ds, undefined);
    },
  });
  madeAsAsked(ds, byItem(c, figures));
  return ds;
}

/** An item's figures: the packed figures are stored by item, `itemCounts` of each. */
function byItem(c: CompactDataset, figures: Figures): FactSource {
  const start = [0];
  for (const n of c.itemCounts) start.push(start[start.length - 1] + n);
  const position = new Map(c.items.map((item, k) => [item.id, k]));
  const { kind } = c.facts;
  const later = c.kinds.laterIn;
  return (item) => {
    const current: Fact[] = [];
    const earlier: Fact[] = [];
    const i = position.get(item);
    if (i === undefined) return { current, earlier };
    for (let k = start[i]; k < start[i + 1]; k++)
      (later.charCodeAt(at(kind, k)) === ZERO ? current : earlier).push(figures.fact(k));
    return { current, earlier };
  };
}

/** A column's characters: codes of the numbers 0 to count - 1, or only of `some`; -1 if `absent`. */
function columnOf(count: number, absent: boolean, some?: number[]): RegExp {
  const ch = (v: number) => String.fromCharCode(v + ZERO + 1);
  let set = absent ? String.fromCharCode(ZERO) : "";
  if (some)
    set += some
      .filter((v) => v >= 0)
      .map(ch)
      .join("");
  else if (count > 0) set += `${ch(0)}-${ch(count - 1)}`;
  return new RegExp(`^[${set}]*$`);
}

/** Every line a decimal as ingest writes it (shape.ts's DECIMAL), or none. */
const DECIMAL_LINES = new RegExp(
  `^(?:${DECIMAL.source.slice(1, -1)}(?:\\n${DECIMAL.source.slice(1, -1)})*)?$`
);

/** What is wrong with the packed dataset, if anything. */
function compactProblem(json: unknown): string | undefined {
  if (!isCompact(json)) return "it is not the packed dataset";
  const { texts, values, itemCounts, facts: F, kinds: K, provs: P } = json;
  const top = shapeProblem({ ...json, facts: [] });
  if (top) return top;
  if (typeof texts !== "string") return `"texts" is not a text`;
  if (typeof values !== "string" || !DECIMAL_LINES.test(values))
    return `"values" is not a list of decimals`;
  for (const [name, cols] of [
    ["facts", F],
    ["kinds", K],
    ["provs", P],
  ] as const)
    if (typeof cols !== "object" || cols === null) return `"${name}" is missing`;
  const n = typeof F.item === "string" ? F.item.length : -1;
  const m = typeof P.line === "string" ? P.line.length : -1;
  const kindCount = typeof K.release === "string" ? K.release.length : -1;
  for (const c of FACT_COLUMNS)
    if (typeof F[c] !== "string" || F[c].length !== n) return `the figures' "${c}" is damaged`;
  for (const c of KIND_COLUMNS)
    if (typeof K[c] !== "string" || K[c].length !== kindCount)
      return `the kinds' "${c}" is damaged`;
  for (const c of PROV_COLUMNS)
    if (typeof P[c] !== "string" || P[c].length !== m) return `the provenances' "${c}" is damaged`;
  // The item column is each item's code, itemCounts[i] times, in order.
  if (
    !Array.isArray(itemCounts) ||
    itemCounts.length !== json.items.length ||
    !itemCounts.every((k) => Number.isInteger(k) && k >= 0 && k < LIMIT) ||
    itemCounts.map((k, i) => String.fromCharCode(i + ZERO + 1).repeat(k)).join("") !== F.item
  )
    return `"itemCounts" does not count the figures' items`;
  const list = lines(texts);
  const S = list.length;
  // As many values as lines; DECIMAL_LINES has proved there is no empty one.
  let V = values === "" ? 0 : 1;
  for (let k = values.indexOf(SEPARATOR); k >= 0; k = values.indexOf(SEPARATOR, k + 1)) V++;
  const indices = (xs: readonly string[]) => xs.map((x) => list.indexOf(x));
  const facts: Record<FactColumn, RegExp> = {
    item: /^/, // checked above
    at: columnOf(n, false),
    period: columnOf(json.periods.length, false),
    value: columnOf(V, false),
    kind: columnOf(kindCount, false),
    prov: columnOf(m, false),
  };
  const kinds: Record<KindColumn, RegExp> = {
    currency: columnOf(S, true, indices(["RMB", "USD"])),
    unit: columnOf(S, false, indices([...KNOWN_UNITS])),
    basis: columnOf(S, false, indices(["level", "yoy", "qoq"])),
    source: columnOf(S, false, indices(["table", "prose"])),
    nil: columnOf(2, false),
    polarity: columnOf(S, true),
    laterIn: columnOf(S, true),
    release: columnOf(S, false),
  };
  const provs: Record<ProvColumn, RegExp> = {
    table: columnOf(S, true),
    row: columnOf(S, false),
    column: columnOf(S, true),
    line: columnOf(LIMIT, false),
    printed: columnOf(S, false),
    footnote: columnOf(LIMIT, true),
  };
  for (const c of FACT_COLUMNS) {
    if (facts[c].test(F[c])) continue;
    const k = [...F[c]].findIndex((ch) => !facts[c].test(ch));
    return `figure ${k + 1}: its "${c}" is not as packed (${at(F[c], k)})`;
  }
  for (const c of KIND_COLUMNS) {
    if (kinds[c].test(K[c])) continue;
    const k = [...K[c]].findIndex((ch) => !kinds[c].test(ch));
    return `kind ${k + 1}: its "${c}" is not as packed (${at(K[c], k)})`;
  }
  for (const c of PROV_COLUMNS) {
    if (provs[c].test(P[c])) continue;
    const k = [...P[c]].findIndex((ch) => !provs[c].test(ch));
    return `provenance ${k + 1}: its "${c}" is not as packed (${at(P[c], k)})`;
  }
  return undefined;
}
