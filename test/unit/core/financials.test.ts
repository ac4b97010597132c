import { UNPRINTED } from "../../../src/core/analyst-words";
import { Financials } from "../../../src/core/financials";
import type { Item } from "../../../src/domain/dataset";
import { Dec } from "../../../src/domain/decimal";
import { KcError } from "../../../src/domain/errors";
import { sampleDataset } from "../../helpers/sample-dataset";
import { thrown } from "../../helpers/thrown";

/**
 * The dataset loaded and indexed, answering a figure by item, period, currency and unit, exactly,
 * with the fact it comes from. On the sample dataset; figures typed from the release.
 */

const fin = new Financials(sampleDataset());
const item = (id: string) => fin.catalogue.get(id) as Item;
/** RMB6.8980 = US$1.00, the release's convenience rate. */
const RATE = "6.8980";

const answer = (...args: unknown[]) => {
  const a = fin.value(...(args as [unknown]));
  return {
    value: a.value.toString(),
    currency: a.currency,
    unit: a.unit,
    converted: a.converted,
    printed: a.fact?.prov.printed,
  };
};

const refusal = (run: () => unknown) => {
  const e = thrown(KcError, run);
  return `${e.code} ${e.message}`;
};

test("the latest quarter and the rate come from the dataset", () => {
  expect(fin.latest).toEqual({ year: 2026, quarter: 1 });
  expect(fin.rate.toString()).toBe("6.898");
  expect(fin.dataset.latestQuarter).toBe("2026Q1");
});

describe("value: a figure, exactly, with the fact it comes from", () => {
  test("the latest quarter, in RMB thousands as printed, by default", () => {
    const a = fin.value("revenue.total");
    expect(a.value.toString()).toBe("2703732");
    expect(a).toMatchObject({
      item: item("revenue.total"),
      period: "2026Q1",
      currency: "RMB",
      unit: "thousands",
      converted: false,
    });
    expect(a.fact?.prov).toMatchObject({
      table: "income_statement",
      line: 553,
      printed: "2,703,732",
    });
  });

  test("in millions or units, exactly", () => {
    expect(answer("revenue.total", "2026Q1", "RMB", "millions").value).toBe("2703.732");
    expect(answer("revenue.total", "2026Q1", "RMB", "units").value).toBe("2703732000");
  });

  test("US$ as the release publishes it, where it does", () => {
    expect(answer("revenue.total", "2026Q1", "USD")).toEqual({
      value: "391959",
      currency: "USD",
      unit: "thousands",
      converted: false,
      printed: "391,959",
    });
  });

  test("elsewhere RMB at the convenience rate, unrounded, and said to be converted", () => {
    const a = fin.value("revenue.total", "2025Q1", "USD");
    expect(a.value).toEqual(new Dec("1969977").div(RATE));
    expect(a).toMatchObject({ currency: "USD", converted: true });
    expect(a.fact?.prov.printed).toBe("1,969,977");
  });

  test("a table's figure before the text's rounded restatement of it", () => {
    expect(answer("revenue.total", "2026Q1", "RMB", "millions").printed).toBe("2,703,732");
    expect(answer("revenue.total", "2026Q1", "USD", "millions").value).toBe("391.959");
  });

  test("figures stated only in the text, in the unit the text states them in", () => {
    // A cost is negative, as the income statement signs costs.
    expect(answer("IDC costs", "2026Q1")).toMatchObject({
      value: "-911100",
      printed: "RMB911.1 million",
    });
    expect(answer("IDC costs", "2026Q1", "RMB", "millions").value).toBe("-911.1");
    expect(answer("IDC costs", "2026Q1", "USD")).toMatchObject({
      value: "-132100",
      converted: false,
    });
    expect(fin.value("IDC costs", "2025Q1", "USD").value).toEqual(new Dec("-722800").div(RATE));
    expect(answer("capex and leased assets", "2026Q1")).toMatchObject({
      value: "3000000",
      printed: "RMB3 billion",
    });
  });

  test("a per-share figure is converted but never scaled", () => {
    expect(
      answer("Net loss per share / Basic and diluted", "2026Q1", "RMB", "millions")
    ).toMatchObject({
      value: "-0.08",
      unit: "per share",
    });
    expect(answer("is.eps_basic_diluted", "2026Q1", "USD").value).toBe("-0.01");
    expect(fin.value("is.eps_basic_diluted", "2025Q4", "USD").value).toEqual(
      new Dec("-0.04").div(RATE)
    );
  });

  test("counts, percentages and the rate have no currency and no unit to scale", () => {
    expect(answer("is.shares_basic_diluted", "2026Q1", "USD", "millions")).toEqual({
      value: "4555310453",
      currency: null,
      unit: "shares",
      converted: false,
      printed: "4,555,310,453",
    });
    expect(answer("Gross margin", "2025Q4", "USD")).toMatchObject({
      value: "0.169",
      currency: null,
      unit: "fraction",
    });
    expect(answer("fx.rmb_per_usd")).toMatchObject({
      value: "6.898",
      currency: null,
      unit: "RMB per US$",
    });
  });

  test("a nil is zero, printed as a dash", () => {
    expect(answer("ng.ebitda.gain_on_disposal", "2026Q1")).toMatchObject({
      value: "0",
      printed: "-",
    });
  });

  test("asked again with the same arguments, the same answer or refusal is given back", () => {
    expect(fin.value("Total revenues", "LQ-1")).toBe(fin.value("Total revenues", "LQ-1"));
    const first = thrown(KcError, () => fin.value("Total revenues", "LQ-2"));
    expect(thrown(KcError, () => fin.value("Total revenues", "LQ-2"))).toBe(first);
    // An argument the size of a cell is answered, never kept.
    const long = `${"x".repeat(300)}`;
    expect(thrown(KcError, () => fin.value(long))).not.toBe(thrown(KcError, () => fin.value(long)));
  });
});

describe("firstFact: the figure as the release that first printed the period gave it", () => {
  test("a figure printed once is its own first report", () => {
    const total = item("revenue.total");
    expect(fin.firstFact(total, "2026Q1", "RMB")).toBe(fin.levelFact(total, "2026Q1", "RMB"));
  });

  test("where a later release printed the period otherwise, the earlier release's fact", () => {
    // A "2026Q2" release (made up here) restating 1Q26's total revenues; the 1Q26 release's
    // figure is kept as the first report, as ingest keeps it.
    const ds = sampleDataset();
    const now = ds.facts.find(
      (f) =>
        f.item === "revenue.total" &&
        f.period === "2026Q1" &&
        f.currency === "RMB" &&
        f.source === "table"
    )!;
    ds.facts.push({ ...now, value: "2700000", laterIn: "2026Q2" });
    now.prov = { ...now.prov, release: "2026Q2" };
    const restated = new Financials(ds);
    const total = restated.catalogue.get("revenue.total") as Item;
    expect(restated.levelFact(total, "2026Q1", "RMB").value).toBe("2703732");
    const first = restated.firstFact(total, "2026Q1", "RMB");
    expect([first.value, first.prov.release, first.laterIn]).toEqual([
      "2700000",
      "2026Q1",
      "2026Q2",
    ]);
    // The US$ figure only the first release printed is its own first report.
    const usd = restated.firstFact(total, "2026Q1", "USD");
    expect([usd.value, usd.currency, usd.prov.release]).toEqual(["391959", "USD", "2026Q1"]);
  });
});

describe("periods", () => {
  test("each line's periods, in the dataset's order; any of several lines'", () => {
    expect(fin.periodsOf(item("revenue.total"))).toEqual(["2025Q1", "2025Q4", "2026Q1"]);
    expect(fin.periodsOf(item("bs.cash"))).toEqual(["2025-12-31", "2026-03-31"]);
    expect(fin.periodsOf(item("is.cor.idc"))).toEqual(["2025Q1", "2026Q1"]);
    // A stated growth is no figure of the period.
    expect(fin.periodsOf(item("op.ai_gross_billing"))).toEqual([]);
    expect(fin.periodsOfAny([item("is.cor.idc"), item("bs.cash")])).toEqual([
      "2025Q1",
      "2025-12-31",
      "2026-03-31",
      "2026Q1",
    ]);
    expect(fin.has(item("bs.cash"), "2026-03-31")).toBe(true);
    expect(fin.has(item("bs.cash"), "2026Q1")).toBe(false);
  });

  test("balances are dated at a day; a line without figures is not", () => {
    expect(fin.isInstant(item("bs.cash"))).toBe(true);
    expect(fin.isInstant(item("op.ordinary_shares_outstanding"))).toBe(true);
    expect(fin.isInstant(item("revenue.total"))).toBe(false);
    expect(fin.isInstant(item("op.ai_gross_billing"))).toBe(false);
  });

  test("a balance is asked for by its date or the quarter it ends", () => {
    expect(fin.period(item("bs.cash"), "Q4 2025")).toBe("2025-12-31");
    expect(fin.period(item("bs.cash"), undefined)).toBe("2026-03-31");
    expect(fin.period(item("bs.cash"), "2026-02-15")).toBe("2026-02-15");
  });

  test("a quarter's figure by its quarter, or the date that ends it", () => {
    expect(fin.period(item("revenue.total"), "LQ-1")).toBe("2025Q4");
    expect(fin.period(item("revenue.total"), "Dec 31, 2025")).toBe("2025Q4");
    expect(refusal(() => fin.period(item("revenue.total"), "2026-02-15"))).toBe(
      "#VALUE! 2026-02-15 is not a quarter end; Total revenues is reported by quarter (e.g. 2026Q1 or 2026-03-31)"
    );
  });
});

describe("what the release does not give", () => {
  test("a period it has no figure for names the periods it has", () => {
    expect(refusal(() => fin.value("Total revenues", "LQ-2"))).toBe(
      "#N/A The release has no Total revenues for 2025Q3; it has 2025Q1, 2025Q4, 2026Q1"
    );
    expect(refusal(() => fin.value("bs.cash", "2025Q1"))).toBe(
      "#N/A The release has no Cash and cash equivalents for 2025-03-31; it has 2025-12-31, 2026-03-31"
    );
  });

  test("a line with only a stated change, or with nothing at all", () => {
    expect(refusal(() => fin.value("AI"))).toBe(
      "#N/A The release gives no figure for Gross billing of AI business, only its change (use KC.GROWTH)"
    );
    const goodwill: Item = { ...item("bs.cash"), id: "bs.goodwill", label: "Goodwill" };
    expect(fin.missing(goodwill, "2026-03-31").message).toBe(
      "The release has no figure for Goodwill"
    );
  });

  test("a measure it prints no line of says what it gives instead", () => {
    const instead = UNPRINTED.find((u) => u.words.includes("FCF"))?.instead;
    expect(refusal(() => fin.value("FCF"))).toBe(
      `#N/A The release prints no line for "FCF": ${instead}`
    );
    expect(refusal(() => fin.value("operating margin"))).toMatch(
      /^#N\/A The release prints no line for "operating margin": .*; KC\.NONGAAP\("operating margin"\) is its non-GAAP version$/
    );
  });

  test("arguments it cannot read are refused by their own parsers", () => {
    expect(refusal(() => fin.value("revenue.total", "2026Q5"))).toMatch(
      /^#VALUE! Unknown period "2026Q5"/
    );
    expect(refusal(() => fin.value("revenue.total", "LQ", "EUR"))).toMatch(
      /^#VALUE! Unknown currency "EUR"/
    );
    expect(refusal(() => fin.value("revenue.total", "LQ", "RMB", "billions"))).toMatch(
      /^#VALUE! Unknown unit "billions"/
    );
    expect(refusal(() => fin.value("Totl revenues"))).toMatch(
      /^#VALUE! Unknown line item "Totl revenues"; did you mean "Total revenues"\?/
    );
  });
});

describe("a label printed in several places", () => {
  test("answers from the first place where every place prints the same figures", () => {
    expect(fin.item("Share-based compensation expenses").id).toBe("ng.nl.sbc");
    expect(answer("Share-based compensation expenses", "2025Q1").value).toBe("134611");
  });

  test("is refused, with the names that tell the places apart, where they differ", () => {
    expect(refusal(() => fin.value("Prepayments and other assets", "2026-03-31"))).toBe(
      '#VALUE! "Prepayments and other assets" is printed in 2 places with different figures for 2026-03-31; use one of "Current assets / Prepayments and other assets" (bs.prepayments_current), "Non-current assets / Prepayments and other assets" (bs.prepayments_non_current)'
    );
    expect(refusal(() => fin.item("Basic and diluted"))).toMatch(
      /different figures for 2025Q1; use one of "Net loss per share \/ Basic and diluted"/
    );
  });

  test("choose takes the first place that prints a figure for the periods asked", () => {
    const found = { items: [item("op.ai_gross_billing"), item("revenue.total")], typed: "both" };
    expect(fin.choose(found, () => ["2026Q1"]).id).toBe("revenue.total");
    expect(fin.choose(found, () => ["2024Q4"]).id).toBe("op.ai_gross_billing");
  });
});
