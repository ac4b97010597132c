import fc from "fast-check";
import { DatasetShapeError, asDataset } from "../../../src/data/shape";
import type { Dataset } from "../../../src/domain/dataset";
import { sampleDataset } from "../../helpers/sample-dataset";
import { thrown } from "../../helpers/thrown";

/**
 * asDataset: parsed JSON is the dataset `kc ingest` writes, or it is refused here with what is
 * wrong, never later as a wrong number or a crash in a query.
 */

type Json = Record<string, unknown>;

/** A record as parsed JSON, to damage. */
const json = (v: object) => v as unknown as Json;

/** The sample dataset with a change, as parsed JSON. */
function damaged(change: (d: Json & Dataset) => void): unknown {
  const d = sampleDataset() as Json & Dataset;
  change(d);
  return d;
}

/** A message with "…" where it shows a value (its JSON, cut at 40 characters). */
const like = (message: string) =>
  new RegExp(`^${message.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace("…", ".{1,40}")}$`);

/** What asDataset says is wrong. */
function problem(json: unknown): string {
  return thrown(DatasetShapeError, () => asDataset(json)).problem;
}

test("a dataset of the right shape is returned as it is", () => {
  const ds = sampleDataset();
  expect(asDataset(ds)).toBe(ds);
});

test("the error says the dataset is damaged, why, and how to regenerate it", () => {
  const e = thrown(DatasetShapeError, () => asDataset([]));
  expect(e).toBeInstanceOf(Error);
  expect(e.name).toBe("DatasetShapeError");
  expect(e.problem).toBe("it is not a JSON object");
  expect(e.message).toBe(
    'The KC dataset is damaged: it is not a JSON object. Regenerate it with "npm run kc -- ingest".'
  );
});

test("a value is shown by its JSON, cut at 40 characters", () => {
  const company = { name: "Kingsoft Cloud Holdings Limited", nasdaq: "KC" };
  expect(problem(damaged((d) => (d.company = company as never)))).toBe(
    `the dataset: "company" is {"name":"Kingsoft Cloud Holdings Limited; expected the company's name and tickers`
  );
});

test("not an object, or another format", () => {
  for (const json of [null, undefined, "dataset", 1, []])
    expect(problem(json)).toBe("it is not a JSON object");
  expect(problem({})).toBe("format undefined is not 1");
  expect(problem(damaged((d) => (json(d).format = 2)))).toBe("format 2 is not 1");
  expect(problem(damaged((d) => (json(d).format = "1")))).toBe('format "1" is not 1');
});

describe("the dataset's own fields", () => {
  test.each([
    ["no version", (d: Json) => delete d.version, '"version" is missing; expected a string'],
    [
      "a latest quarter out of range",
      (d: Json) => (d.latestQuarter = "2026Q5"),
      '"latestQuarter" is "2026Q5"; expected a quarter',
    ],
    [
      "a latest quarter not an id",
      (d: Json) => (d.latestQuarter = "Q1 2026"),
      '"latestQuarter" is "Q1 2026"; expected a quarter',
    ],
    [
      "a company without its HKEX ticker",
      (d: Json) => (d.company = { name: "Kingsoft Cloud Holdings Limited", nasdaq: "KC" }),
      `"company" is …; expected the company's name and tickers`,
    ],
    [
      "a rate with a thousands comma",
      (d: Json) => (json(d.fx as object).rmbPerUsd = "6,898"),
      '"fx" is …; expected the exchange rate',
    ],
    [
      "a line number as text",
      (d: Json) => (json(d.fx as object).line = "19"),
      '"fx" is …; expected the exchange rate',
    ],
  ])("%s", (_case, change, message) => {
    expect(problem(damaged(change))).toMatch(like(`the dataset: ${message}`));
  });
});

describe("records of the lists, named by position (figures by item and period)", () => {
  test.each([
    ["no sources", (d: Dataset) => delete json(d).sources, '"sources" is missing'],
    [
      "a period that is not an object",
      (d: Dataset) => (d.periods[1] = "2025-12-31" as never),
      "period 2 is not an object",
    ],
    [
      "a period of an unknown kind",
      (d: Dataset) => (d.periods[0].kind = "year" as never),
      'period 1: "kind" is "year"; expected one of quarter, instant, span',
    ],
    [
      "a column with a line that is no whole number",
      (d: Dataset) => (d.tables[1].columns[0].line = 500.5),
      'table 2: "columns" is …; expected a list of columns',
    ],
    [
      "a table of an unknown statement",
      (d: Dataset) => (d.tables[0].statement = "Balance sheet" as never),
      'table 1: "statement" is "Balance sheet"; expected one of income_statement, balance_sheet, cash_flow, non_gaap, operating',
    ],
    [
      "an item of an unknown kind",
      (d: Dataset) => (d.items[3].kind = "ratio" as never),
      'item 4: "kind" is "ratio"; expected one of amount, per_share, shares, percent, rate',
    ],
    [
      "an item without a section",
      (d: Dataset) => delete json(d.items[0]).section,
      'item 1: "section" is missing; expected a string or null',
    ],
    [
      "an item ordered by a fraction",
      (d: Dataset) => (d.items[0].order = 1.5),
      'item 1: "order" is 1.5; expected a whole number',
    ],
    [
      "a figure with a thousands comma",
      (d: Dataset) => (d.facts[0].value = "6,018,043"),
      'the figure bs.cash 2025-12-31: "value" is "6,018,043"; expected a decimal string',
    ],
    [
      "a figure in an unknown currency",
      (d: Dataset) => (d.facts[0].currency = "CNY" as never),
      'the figure bs.cash 2025-12-31: "currency" is "CNY"; expected one of RMB, USD, null',
    ],
    [
      "a figure without its line",
      (d: Dataset) => delete json(d.facts[0].prov).line,
      'the figure bs.cash 2025-12-31: "prov" is …; expected a provenance',
    ],
    [
      "a figure without its item",
      (d: Dataset) => delete json(d.facts[2]).item,
      'figure 3: "item" is missing; expected a string',
    ],
    [
      "a figure that is not an object",
      (d: Dataset) => (d.facts[2] = null as never),
      "figure 3 is not an object",
    ],
  ])("%s", (_case, change, message) => {
    expect(problem(damaged(change))).toMatch(like(message));
  });

  test("a list that is no list is refused", () => {
    expect(problem(damaged((d) => (json(d).facts = {})))).toBe('"facts" is missing');
  });
});

test("a decimal is a number written as text: never a word, an empty string or a float", () => {
  const value = (v: unknown) =>
    damaged((d) => {
      d.facts[0].value = v as string;
    });
  for (const bad of ["", " ", "nil", "-", "Infinity", "NaN", 6018043])
    expect(problem(value(bad))).toMatch(/"value" is .*; expected a decimal string$/);
  for (const good of ["6018043", "-0.08", "6.8980", "0"])
    expect(() => asDataset(value(good))).not.toThrow();
});

test("any field of a figure of the wrong type is refused, naming the figure and the field", () => {
  const fields = ["item", "period", "currency", "value", "unit", "basis", "source", "prov"];
  const wrong = fc.constantFrom<unknown>(true, 12.5, [], {}, "unknown");
  fc.assert(
    fc.property(
      fc.integer({ min: 0, max: 40 }),
      fc.constantFrom(...fields),
      wrong,
      (k, field, v) => {
        // "unknown" is a string, and so fine where a string is all that is asked.
        fc.pre(!(v === "unknown" && ["item", "period"].includes(field)));
        const d = sampleDataset();
        const f = d.facts[k] as unknown as Json;
        f[field] = v;
        const message = problem(d);
        const name = ["item", "period"].includes(field)
          ? `figure ${k + 1}`
          : `the figure ${d.facts[k].item} ${d.facts[k].period}`;
        return message.startsWith(`${name}: "${field}" is `);
      }
    )
  );
});

describe("what the records say of each other", () => {
  test("an item listed twice", () => {
    expect(problem(damaged((d) => d.items.push({ ...d.items[0] })))).toBe(
      'the item "bs.cash" is listed twice'
    );
  });

  test("a figure of an item or period the dataset does not list", () => {
    expect(problem(damaged((d) => (d.facts[0].item = "bs.goodwill")))).toBe(
      'a figure refers to the unknown item "bs.goodwill"'
    );
    expect(problem(damaged((d) => (d.facts[0].period = "2025Q3")))).toBe(
      'bs.cash has a figure for the unlisted period "2025Q3"'
    );
  });
});

// Number() reads " 6018043" but Decimal does not: such a figure is refused here, not met as
// "Unexpected problem" in a query (or, as the rate, when the dataset is first indexed).
test("a figure Decimal cannot read is refused here, not in a query", () => {
  expect(() =>
    asDataset(
      damaged((d) => {
        d.facts[0].value = " 6018043";
      })
    )
  ).toThrow(DatasetShapeError);
});

test("a first report's later release, where a figure has one, is a release's name", () => {
  expect(() =>
    asDataset(
      damaged((d) => {
        (d.facts[0] as unknown as Record<string, unknown>).laterIn = 2026;
      })
    )
  ).toThrow(DatasetShapeError);
  expect(() =>
    asDataset(
      damaged((d) => {
        d.facts[0].laterIn = "2026Q2";
      })
    )
  ).not.toThrow();
});
