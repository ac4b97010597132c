import type { Dataset } from "../domain/dataset";

/** The dataset does not have the shape `kc ingest` writes (hand-edited, half-written, another file). */
export class DatasetShapeError extends Error {
  constructor(readonly problem: string) {
    super(`The KC dataset is damaged: ${problem}. Regenerate it with "npm run kc -- ingest".`);
    this.name = "DatasetShapeError";
  }
}

/**
 * Checks that parsed JSON has the dataset's shape, every record and field the core reads, so that
 * a hand-edited or half-written file fails here, with a reason, rather than as a wrong number in a
 * cell or a crash deep in a query.
 */
export function asDataset(json: unknown): Dataset {
  const problem = shapeProblem(json);
  if (problem) throw new DatasetShapeError(problem);
  return json as Dataset;
}

type Json = Record<string, unknown>;

interface Field {
  ok: (v: unknown) => boolean;
  is: string;
}

const has = (v: Json, key: string) => Object.prototype.hasOwnProperty.call(v, key);
const isRecord = (v: unknown): v is Json =>
  typeof v === "object" && v !== null && !Array.isArray(v);
const string: Field = { ok: (v) => typeof v === "string", is: "a string" };
const stringOrNull: Field = {
  ok: (v) => v === null || typeof v === "string",
  is: "a string or null",
};
const integer: Field = { ok: (v) => Number.isInteger(v), is: "a whole number" };
/** A decimal as ingest writes it and Decimal reads it: a sign, digits, a point and digits. */
export const DECIMAL = /^-?\d+(\.\d+)?$/;

const decimal: Field = {
  ok: (v) => typeof v === "string" && DECIMAL.test(v),
  is: "a decimal string",
};
const oneOf = (...values: (string | null)[]): Field => {
  const known = new Set(values);
  return {
    ok: (v) => (typeof v === "string" || v === null) && known.has(v),
    is: `one of ${values.map(String).join(", ")}`,
  };
};
const record = (fields: Record<string, Field>, name: string): Field => ({
  ok: (v) => isFine(v, fields),
  is: name,
});

const STATEMENT = oneOf("income_statement", "balance_sheet", "cash_flow", "non_gaap", "operating");
const CURRENCY = oneOf("RMB", "USD", null);
const UNITS = [
  "thousands",
  "millions",
  "billions",
  "units",
  "percent",
  "percentage_points",
  "shares",
  "ADSs",
  "RMB_per_USD",
];
const UNIT = oneOf(...UNITS);
export const KNOWN_UNITS = new Set(UNITS);
const SOURCE = oneOf("table", "prose");
const BASIS = oneOf("level", "yoy", "qoq");

const COLUMN: Record<string, Field> = {
  header: string,
  period: string,
  currency: CURRENCY,
  line: integer,
};

const TOP: Record<string, Field> = {
  version: string,
  latestQuarter: { ok: (v) => typeof v === "string" && /^\d{4}Q[1-4]$/.test(v), is: "a quarter" },
  company: record({ name: string, nasdaq: string, hkex: string }, "the company's name and tickers"),
  fx: record(
    { rmbPerUsd: decimal, date: string, release: string, line: integer },
    "the exchange rate"
  ),
};

interface List {
  key: keyof Dataset;
  fields: Record<string, Field>;
  /** How a message names the record: by what it holds where that reads, else by position. */
  name: (v: Json, position: number) => string;
}

const byPosition = (what: string) => (_v: Json, position: number) => `${what} ${position}`;

const LISTS: List[] = [
  {
    key: "sources",
    fields: { release: string, file: string, sha256: string, lines: integer },
    name: byPosition("source"),
  },
  {
    key: "periods",
    fields: { id: string, kind: oneOf("quarter", "instant", "span"), end: string },
    name: byPosition("period"),
  },
  {
    key: "tables",
    name: byPosition("table"),
    fields: {
      id: string,
      name: string,
      statement: STATEMENT,
      title: string,
      note: string,
      line: integer,
      columns: {
        ok: (v) => Array.isArray(v) && v.every((c) => isFine(c, COLUMN)),
        is: "a list of columns",
      },
    },
  },
  {
    key: "items",
    name: byPosition("item"),
    fields: {
      id: string,
      label: string,
      statement: STATEMENT,
      table: stringOrNull,
      section: stringOrNull,
      heading: stringOrNull,
      kind: oneOf("amount", "per_share", "shares", "percent", "rate"),
      unit: UNIT,
      sign: oneOf("positive", "negative", "mixed"),
      source: SOURCE,
      order: integer,
    },
  },
  {
    key: "facts",
    name: (f, position) =>
      typeof f.item === "string" && typeof f.period === "string"
        ? `the figure ${f.item} ${f.period}`
        : `figure ${position}`,
    fields: {
      item: string,
      period: string,
      currency: CURRENCY,
      value: decimal,
      unit: UNIT,
      basis: BASIS,
      source: SOURCE,
      prov: record(
        { release: string, row: string, line: integer, printed: string },
        "a provenance"
      ),
      laterIn: { ok: (v) => v === undefined || typeof v === "string", is: "a release, or absent" },
    },
  },
];

/**
 * The common case of a figure, checked in straight code: the add-in checks every figure when it
 * starts, and a loop through the generic fields costs it several milliseconds before the JIT
 * warms up. Anything else goes through the generic check, which also words the message.
 */
function plainFact(v: unknown): boolean {
  const f = v as Record<string, unknown> | null;
  if (typeof f !== "object" || f === null) return false;
  const { item, period, currency, value, unit, basis, source, prov, laterIn } = f as Record<
    string,
    unknown
  >;
  if (typeof value !== "string" || typeof prov !== "object" || prov === null) return false;
  const { release, row, line, printed } = prov as Record<string, unknown>;
  return (
    typeof item === "string" &&
    typeof period === "string" &&
    (currency === null || currency === "RMB" || currency === "USD") &&
    DECIMAL.test(value) &&
    KNOWN_UNITS.has(unit as string) &&
    (basis === "level" || basis === "yoy" || basis === "qoq") &&
    (source === "table" || source === "prose") &&
    (laterIn === undefined || typeof laterIn === "string") &&
    typeof release === "string" &&
    typeof row === "string" &&
    Number.isInteger(line) &&
    typeof printed === "string"
  );
}

// Apart from the loop, so that the loop allocates no closure context per record.
function named(name: List["name"], position: number): (v: Json) => string {
  return (v) => name(v, position);
}

function isFine(v: unknown, fields: Record<string, Field>): boolean {
  return isRecord(v) && failing(v, fields) === undefined;
}

/** The first field of v that is missing or not as expected (no field accepts undefined). */
function failing(v: Json, fields: Record<string, Field>): string | undefined {
  for (const key in fields) if (!fields[key].ok(v[key])) return key;
  return undefined;
}

/** What is wrong with v, if anything; what names it in the message (only then worked out). */
function recordProblem(
  v: unknown,
  fields: Record<string, Field>,
  what: (v: Json) => string
): string | undefined {
  if (!isRecord(v)) return `${what({})} is not an object`;
  const key = failing(v, fields);
  if (key === undefined) return undefined;
  const found = has(v, key) ? JSON.stringify(v[key])?.slice(0, 40) : "missing";
  return `${what(v)}: "${key}" is ${found}; expected ${fields[key].is}`;
}

/** What is wrong with the dataset's shape, if anything (also the packed form's, less its figures). */
export function shapeProblem(ds: unknown): string | undefined {
  if (!isRecord(ds)) return "it is not a JSON object";
  if (ds.format !== 1) return `format ${JSON.stringify(ds.format) ?? "undefined"} is not 1`;
  const top = recordProblem(ds, TOP, () => "the dataset");
  if (top) return top;
  for (const { key, fields, name } of LISTS) {
    const list = ds[key];
    if (!Array.isArray(list)) return `"${key}" is missing`;
    const facts = key === "facts";
    for (let k = 0; k < list.length; k++) {
      if ((facts && plainFact(list[k])) || isFine(list[k], fields)) continue;
      return recordProblem(list[k], fields, named(name, k + 1)) as string;
    }
  }
  const facts = ds.facts as Dataset["facts"];
  const items = ds.items as Dataset["items"];
  const ids = new Set<string>();
  for (const i of items) {
    if (ids.has(i.id)) return `the item "${i.id}" is listed twice`;
    ids.add(i.id);
  }
  const periods = new Set((ds.periods as Dataset["periods"]).map((p) => p.id));
  for (const f of facts) {
    if (!ids.has(f.item)) return `a figure refers to the unknown item "${f.item}"`;
    if (!periods.has(f.period))
      return `${f.item} has a figure for the unlisted period "${f.period}"`;
  }
  return undefined;
}
