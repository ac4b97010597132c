import type { Item, ItemKind } from "../../../src/domain/dataset";
import { Named, suggest } from "../../../src/core/suggestions";

/**
 * "Did you mean": the names closest to what was typed, as a typo first and by shared words second,
 * never of another kind than the one the words ask for. Labels are the release's.
 */

function item(id: string, label: string, kind: ItemKind = "amount"): Item {
  return {
    id,
    label,
    statement: "income_statement",
    table: "income_statement",
    section: null,
    heading: null,
    kind,
    unit: kind === "percent" ? "percent" : "thousands",
    sign: "positive",
    source: "table",
    order: 0,
  };
}

const LINES: [Item, ...string[]][] = [
  [item("revenue.total", "Total revenues"), "revenue"],
  [item("is.gross_profit", "Gross profit")],
  [item("is.general_administrative", "General and administrative expenses"), "G&A"],
  [item("is.total_operating_expenses", "Total operating expenses"), "opex"],
  [item("is.interest_income", "Interest income")],
  [item("is.interest_expense", "Interest expense")],
  [item("is.net_loss", "Net loss"), "net income"],
  [
    item("is.eps_basic_diluted", "Basic and diluted", "per_share"),
    "basic and diluted net loss per share",
  ],
  [item("ng.gross_margin", "Gross margin", "percent")],
  [item("bs.cash", "Cash and cash equivalents"), "cash"],
  [item("bs.total_liabilities", "Total liabilities")],
  [item("bs.non_controlling_interests", "Non-controlling interests"), "NCI"],
];

/** Each line's label and words, and its id (offered only for something typed like an id). */
const NAMES: Named[] = LINES.flatMap(([i, ...words]) => [
  { name: i.label, item: i, id: false },
  ...words.map((name) => ({ name, item: i, id: false })),
  { name: i.id, item: i, id: true },
]);

const said = (typed: string, fits?: (i: Item) => boolean, most?: number) =>
  suggest(typed, NAMES, fits, most);

describe("typos: a few letters off a whole name", () => {
  test("a name a letter or two off, or two letters swapped", () => {
    expect(said("Totl revenues")).toEqual(["Total revenues"]);
    expect(said("revenu")).toEqual(["revenue"]);
    expect(said("cahs")).toEqual(["cash"]);
  });

  test("a short name must at least begin alike, and under four letters none is a typo", () => {
    expect(said("xash")).toEqual([]);
    expect(said("NCX")).toEqual([]);
  });

  test("a typo may be of any kind; the words of a kind keep to it", () => {
    expect(said("Gross margn")).toEqual(["Gross margin"]);
    expect(said("Gross profti margin")).toEqual(["Gross margin"]);
  });
});

describe("ids, for what is typed like one", () => {
  test("an id-like typo finds the id, and only ids", () => {
    expect(said("bs.csh")).toEqual(["bs.cash"]);
    expect(said("is.interest_incme")).toEqual(["is.interest_income"]);
    expect(said("bs.goodwill")).toEqual([]);
  });

  test("anything else is never offered an id", () => {
    expect(said("bs cash").some((n) => n.includes("."))).toBe(false);
  });
});

describe("meaning: the names that hold most of the words typed", () => {
  test("all the words, then the fewest others, then the shortest", () => {
    expect(said("interest")).toEqual([
      "Interest income",
      "Interest expense",
      "Non-controlling interests",
    ]);
    expect(said("operating expense")).toEqual([
      "Total operating expenses",
      "Interest expense",
      "General and administrative expenses",
    ]);
  });

  test("plural and singular alike, and a word of four letters or more by its beginning", () => {
    expect(said("interests")).toEqual(said("interest"));
    expect(said("liability")).toEqual(["Total liabilities"]);
    expect(said("admin expenses")).toEqual([
      "General and administrative expenses",
      "Interest expense",
      "Total operating expenses",
    ]);
  });

  test("at least half the words typed must be shared", () => {
    expect(said("interest rate swap")).toEqual([]);
    expect(said("interest swap")).toEqual(said("interest"));
  });

  test("words that say a kind keep to lines of that kind", () => {
    expect(said("diluted loss per shares please")).toEqual([
      "basic and diluted net loss per share",
    ]);
    expect(said("net loss margin please")).toEqual([]);
    // Without such words, no per-share figure or percentage is offered for an amount.
    expect(said("gross")).toEqual(["Gross profit"]);
    expect(said("net loss please")).toEqual(["Net loss"]);
  });

  test("words of no meaning find nothing", () => {
    expect(said("the of and")).toEqual([]);
  });
});

describe("what is offered", () => {
  test("a line once, by its best name", () => {
    expect(said("net")).toEqual(["Net loss"]);
  });

  test("at most three by default, or as many as asked", () => {
    expect(said("total")).toHaveLength(3);
    expect(said("total", undefined, 1)).toEqual([said("total")[0]]);
  });

  test("only lines `fits` accepts", () => {
    expect(said("interest", (i) => i.id === "is.interest_expense")).toEqual(["Interest expense"]);
    expect(said("Totl revenues", (i) => i.id !== "revenue.total")).toEqual([]);
  });

  test("nothing for nothing, or for text longer than any name", () => {
    expect(said("")).toEqual([]);
    expect(said("   ")).toEqual([]);
    expect(said(`interest ${"x".repeat(160)}`)).toEqual([]);
  });
});
