import type { Dataset } from "./types";

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
// Number() accepts more than the decimals ingest writes, but never a word or an empty string.
const decimal: Field = {
  ok: (v) => typeof v === "string" && v.trim() !== "" && Number.isFinite(Number(v)),
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
  ok: (v) => recordProblem(v, fields, "") === undefined,
  is: name,
});

const STATEMENT = oneOf("income_statement", "balance_sheet", "cash_flow", "non_gaap", "operating");
const CURRENCY = oneOf("RMB", "USD", null);
const UNIT = oneOf(
  "thousands",
  "millions",
  "billions",
  "units",
  "percent",
  "percentage_points",
  "shares",
  "ADSs",
  "RMB_per_USD"
);
const SOURCE = oneOf("table", "prose");

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
    fields: { id: string, kind: oneOf("quarter", "instant"), end: string },
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
        ok: (v) =>
          Array.isArray(v) &&
          v.every(
            (c) =>
              recordProblem(
                c,
                { header: string, period: string, currency: CURRENCY, line: integer },
                ""
              ) === undefined
          ),
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
      basis: oneOf("level", "yoy", "qoq"),
      source: SOURCE,
      prov: record(
        { release: string, row: string, line: integer, printed: string },
        "a provenance"
      ),
    },
  },
];

function recordProblem(
  v: unknown,
  fields: Record<string, Field>,
  what: string
): string | undefined {
  if (!isRecord(v)) return `${what || "a record"} is not an object`;
  for (const [key, field] of Object.entries(fields)) {
    if (!has(v, key) || !field.ok(v[key])) {
      return `${what}: "${key}" is ${has(v, key) ? JSON.stringify(v[key])?.slice(0, 40) : "missing"}; expected ${field.is}`;
    }
  }
  return undefined;
}

function shapeProblem(ds: unknown): string | undefined {
  if (!isRecord(ds)) return "it is not a JSON object";
  if (ds.format !== 1) return `format ${JSON.stringify(ds.format) ?? "undefined"} is not 1`;
  const top = recordProblem(ds, TOP, "the dataset");
  if (top) return top;
  for (const { key, fields, name } of LISTS) {
    const list = ds[key];
    if (!Array.isArray(list)) return `"${key}" is missing`;
    for (let k = 0; k < list.length; k++) {
      const v: unknown = list[k];
      const problem = recordProblem(v, fields, isRecord(v) ? name(v, k + 1) : `${key} ${k + 1}`);
      if (problem) return problem;
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
