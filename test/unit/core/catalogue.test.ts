import { ANALYST_WORDS, UNPRINTED } from "../../../src/core/analyst-words";
import { Catalogue } from "../../../src/core/catalogue";
import type { Item } from "../../../src/domain/dataset";
import { KcError } from "../../../src/domain/errors";
import { sampleDataset } from "../../helpers/sample-dataset";
import { thrown } from "../../helpers/thrown";

/**
 * Finding line items by what analysts type: an id, a label as printed, an analyst's word, or a
 * label qualified by its section or table where it is printed in several places. On the sample
 * dataset: a few of the release's lines, two labels printed twice, and a line with its adjustment.
 */

const cat = new Catalogue(sampleDataset());
const item = (id: string) => cat.get(id) as Item;
const ids = (name: string) => cat.find(name)?.items.map((i) => i.id);

/** The analysts' words for a line, as analyst-words.ts lists them. */
const wordsFor = (id: string) => ANALYST_WORDS.filter((w) => w.item === id);

const EXPECTED =
  'Expected a label as printed, an analyst\'s name such as "revenue", "EBITDA" or "R&D", or an id such as revenue.total (KC.ITEMS() lists them)';

describe("the lines", () => {
  test("in the release's order, however the dataset lists them", () => {
    const ds = sampleDataset();
    const ordered = ds.items.map((i) => i.id);
    ds.items.reverse();
    expect(new Catalogue(ds).items.map((i) => i.id)).toEqual(ordered);
    expect(cat.items.map((i) => i.id)).toEqual(ordered);
  });

  test("by id, in any case", () => {
    expect(cat.get("bs.cash")?.label).toBe("Cash and cash equivalents");
    expect(cat.get("BS.Cash")).toBe(cat.get("bs.cash"));
    expect(cat.get("bs.goodwill")).toBeUndefined();
  });

  test("the name of the table a line is printed in; none for the text's lines", () => {
    expect(cat.tableName(item("ng.nl.sbc"))).toBe("Net loss reconciliation");
    expect(cat.tableName(item("is.cor.idc"))).toBeUndefined();
  });
});

describe("find", () => {
  test("an id, trimmed; the name as typed is kept for messages", () => {
    expect(cat.find("  bs.cash ")).toEqual({ items: [item("bs.cash")], typed: "bs.cash" });
  });

  test("a label as printed, without case or extra spaces", () => {
    expect(ids("cash  and cash EQUIVALENTS")).toEqual(["bs.cash"]);
    expect(ids("Total revenues")).toEqual(["revenue.total"]);
  });

  test("a non-GAAP label with or without its suffix", () => {
    expect(ids("Adjusted EBITDA (Non-GAAP Financial Measure)")).toEqual(["ng.adjusted_ebitda"]);
    expect(ids("adjusted ebitda")).toEqual(["ng.adjusted_ebitda"]);
  });

  test("an analyst's word, with what the figure is where the word means something else", () => {
    expect(cat.find("revenue")).toEqual({
      items: [item("revenue.total")],
      typed: "revenue",
      note: undefined,
    });
    expect(cat.find("EBITDA")?.note).toBe(
      ANALYST_WORDS.find((w) => w.words.includes("EBITDA"))?.note
    );
    expect(cat.find("EBITDA")?.note).toMatch(/^Adjusted EBITDA/);
  });

  test("a label printed in several places finds every place", () => {
    expect(ids("Prepayments and other assets")).toEqual([
      "bs.prepayments_current",
      "bs.prepayments_non_current",
    ]);
    expect(ids("Share-based compensation expenses")).toEqual(["ng.nl.sbc", "ng.ol.sbc"]);
    expect(ids("Basic and diluted")).toEqual(["is.eps_basic_diluted", "is.shares_basic_diluted"]);
  });

  test("qualified by section, table, or both, it finds one", () => {
    expect(ids("Current assets / Prepayments and other assets")).toEqual([
      "bs.prepayments_current",
    ]);
    expect(ids("non-current assets/prepayments and other assets")).toEqual([
      "bs.prepayments_non_current",
    ]);
    expect(ids("Operating loss reconciliation / Share-based compensation expenses")).toEqual([
      "ng.ol.sbc",
    ]);
    expect(
      ids("Net loss reconciliation / Adjustments / Share-based compensation expenses")
    ).toEqual(["ng.nl.sbc"]);
    expect(ids("Net loss per share / Basic and diluted")).toEqual(["is.eps_basic_diluted"]);
    // Qualified by what does not hold it, it finds nothing.
    expect(ids("Non-current assets / Cash and cash equivalents")).toBeUndefined();
  });

  test("a label that is both a line and a reconciliation's adjustment finds the line", () => {
    expect(ids("Interest income")).toEqual(["is.interest_income"]);
    expect(ids("Net loss reconciliation / Interest income")).toEqual(["ng.ebitda.interest_income"]);
  });

  test("a measure the release prints no line of finds what it gives instead", () => {
    expect(cat.find("FCF")).toEqual({
      items: [],
      typed: "FCF",
      unprinted: UNPRINTED.find((u) => u.words.includes("FCF")),
    });
  });

  test("an analyst's word for a line this dataset lacks finds nothing, never another line", () => {
    expect(cat.find("R&D")).toBeUndefined();
    expect(cat.find("EBITDA margin")).toBeUndefined();
    expect(cat.find("Goodwill")).toBeUndefined();
  });
});

describe("names of a line", () => {
  test("namesOf: the label, then the label qualified by section, table, and both", () => {
    expect(cat.namesOf(item("bs.prepayments_current"))).toEqual([
      "Prepayments and other assets",
      "Current assets / Prepayments and other assets",
      "Balance sheet / Prepayments and other assets",
      "Balance sheet / Current assets / Prepayments and other assets",
    ]);
    expect(cat.namesOf(item("ng.adjusted_ebitda"))).toEqual([
      "Adjusted EBITDA (Non-GAAP Financial Measure)",
      "Adjusted EBITDA",
      "Net loss reconciliation / Adjusted EBITDA (Non-GAAP Financial Measure)",
      "Net loss reconciliation / Adjusted EBITDA",
    ]);
    expect(cat.namesOf(item("is.cor.idc"))).toEqual(["IDC costs", "Cost of revenues / IDC costs"]);
  });

  test("every name of a line finds it, but an adjustment's bare label finds the line", () => {
    const missed = cat.items.flatMap((i) =>
      cat
        .namesOf(i)
        .filter((name) => !ids(name)?.includes(i.id))
        .map((name) => `${i.id}: ${name}`)
    );
    expect(missed).toEqual(["ng.ebitda.interest_income: Interest income"]);
  });

  test("wordsOf and otherNames: the analysts' words, with their notes", () => {
    for (const i of cat.items) {
      const listed = wordsFor(i.id);
      expect(cat.wordsOf(i)).toEqual({
        words: listed.flatMap((w) => w.words),
        notes: listed.filter((w) => w.note).map((w) => `"${w.words[0]}" is ${w.note}`),
      });
    }
    expect(cat.wordsOf(item("bs.cash")).words).toContain("cash");
    expect(cat.wordsOf(item("is.interest_income"))).toEqual({ words: [], notes: [] });
    expect(cat.otherNames(item("ng.adjusted_ebitda"))).toEqual([
      "Adjusted EBITDA",
      ...wordsFor("ng.adjusted_ebitda").flatMap((w) => w.words),
    ]);
  });

  test("qualifiedName: the label where it is unique, else the shortest name that is", () => {
    expect(cat.qualifiedName(item("bs.cash"))).toBe("Cash and cash equivalents");
    expect(cat.qualifiedName(item("bs.prepayments_non_current"))).toBe(
      "Non-current assets / Prepayments and other assets"
    );
    // Both are "Adjustments", so the table tells them apart.
    expect(cat.qualifiedName(item("ng.ol.sbc"))).toBe(
      "Operating loss reconciliation / Share-based compensation expenses"
    );
    expect(cat.qualifiedName(item("is.shares_basic_diluted"))).toBe(
      "Shares used in the net loss per share computation / Basic and diluted"
    );
  });

  // "Interest income" finds the statement's line: the reconciliation's adjustment, whose figures
  // have the other sign, is offered (by KC.ITEMS() and the builder) by its qualified name.
  test("the qualified name of every line finds that line alone", () => {
    for (const i of cat.items) expect(ids(cat.qualifiedName(i))).toEqual([i.id]);
  });
});

describe("resolve: a line item argument, or a refusal that helps", () => {
  const refusal = (input: unknown, fits?: (i: Item) => boolean) => {
    const e = thrown(KcError, () => cat.resolve(input, fits));
    expect(e.code).toBe("#VALUE!");
    return e.message;
  };

  test("what find finds, measures the release does not print included", () => {
    expect(cat.resolve("Cash")).toEqual(cat.find("Cash"));
    expect(cat.resolve("FCF").items).toEqual([]);
  });

  test("no text, or only spaces, is no name", () => {
    const shown = (what: string) =>
      `Line item must be a label as printed, an analyst's name or an id, not ${what}; e.g. "Total revenues", "revenue" or "revenue.total" (KC.ITEMS() lists them)`;
    expect(refusal(undefined)).toBe(shown("an empty cell"));
    expect(refusal("   ")).toBe(shown('"   "'));
    expect(refusal(2703732)).toBe(shown("the number 2703732"));
  });

  test("an unknown name is answered with the closest names", () => {
    expect(refusal("Totl revenues")).toBe(
      `Unknown line item "Totl revenues"; did you mean "Total revenues"? ${EXPECTED}`
    );
    expect(refusal(" revenu ")).toBe(
      `Unknown line item "revenu"; did you mean "revenue"? ${EXPECTED}`
    );
  });

  test("or with none, where nothing is like it", () => {
    expect(refusal("foo")).toBe(
      `Unknown line item "foo"; no line of the release has a name like it. ${EXPECTED}`
    );
  });

  test("suggestions keep to the lines `fits` accepts", () => {
    expect(refusal("Totl revenues", (i) => i.kind === "percent")).toContain(
      "no line of the release has a name like it"
    );
  });

  test("a line's name followed by margin points at KC.MARGIN", () => {
    expect(refusal("Public cloud services margin")).toBe(
      `Unknown line item "Public cloud services margin"; for a line as a fraction of total revenues use KC.MARGIN("Public cloud services"). ${EXPECTED}`
    );
    expect(refusal("Adjusted EBITDA margins")).toContain('use KC.MARGIN("Adjusted EBITDA")');
    // Not for a line that is no amount.
    expect(refusal("Basic and diluted margin")).not.toContain("KC.MARGIN");
  });
});
