import { ANALYST_WORDS, UNPRINTED } from "../../../src/core/analyst-words";
import { Financials } from "../../../src/core/financials";
import { Explained, KcFormulas, describeFact, priorPeriod } from "../../../src/core/formulas";
import type { Fact } from "../../../src/domain/dataset";
import { Dec } from "../../../src/domain/decimal";
import { KcError } from "../../../src/domain/errors";
import { sampleDataset } from "../../helpers/sample-dataset";
import { thrown } from "../../helpers/thrown";

/**
 * What each KC function computes, over the sample dataset (a few lines of the release, typed from
 * it): the figure, exactly, with the printed figures it stands on, or the refusal and its message.
 */

const k = new KcFormulas(new Financials(sampleDataset()));
const FILE = "kc-2026q1-earnings-release.txt";
const RATE = "6.8980";

const refusal = (run: () => unknown) => {
  const e = thrown(KcError, run);
  return `${e.code} ${e.message}`;
};

/** A computed figure: its value and the printed figures it stands on. */
const explained = (e: Explained) => ({
  value: e.value.toString(),
  answers: e.answers.map((a) => a.fact?.prov.printed),
  facts: e.facts.map((f) => f.prov.printed),
});

const ratio = (a: string, b: string) => new Dec(a).div(b).minus(1).toString();

describe("KC.REVENUE", () => {
  test("total by default, or a segment", () => {
    expect(k.revenueAnswer().value.toString()).toBe("2703732");
    expect(k.revenueAnswer("2025Q4", "public").value.toString()).toBe("1902378");
    expect(k.revenueAnswer("2026Q1", "enterprise cloud", "USD").value.toString()).toBe("102556");
    expect(refusal(() => k.revenueAnswer("2026Q1", "AI"))).toMatch(/^#VALUE! "AI" is no segment/);
  });
});

describe("KC.NONGAAP: the non-GAAP version of the measure named", () => {
  test("a GAAP line's non-GAAP version, an adjusted line's adjustment, a non-GAAP line itself", () => {
    // Operating loss (166,108) -> adjusted operating (loss) profit (59,817).
    expect(k.nonGaapAnswer("Operating loss").value.toString()).toBe("-59817");
    // Interest income 32,030 -> the net loss reconciliation's "– Interest income" (32,030).
    expect(k.nonGaapAnswer("Interest income", "2026Q1").value.toString()).toBe("-32030");
    expect(k.nonGaapAnswer("EBITDA", "2025Q4").value.toString()).toBe("785248");
    expect(k.nonGaapItem("operating profit").id).toBe("ng.adjusted_operating_profit");
  });

  test("a label printed in two reconciliations with the same figures answers", () => {
    expect(
      k.nonGaapAnswer("Share-based compensation expenses", "2026Q1", "USD").value.toString()
    ).toBe("9071");
  });

  test("a line with no non-GAAP version points at KC.VALUE", () => {
    expect(refusal(() => k.nonGaapAnswer("revenue"))).toBe(
      '#VALUE! The release has no non-GAAP measure of Total revenues: KC.NONGAAP gives the non-GAAP version of a measure (KC.NONGAAP("Gross profit") is adjusted gross profit), and KC.VALUE the GAAP line (KC.VALUE("revenue"))'
    );
  });

  test("a measure the release prints no line of says what it gives instead", () => {
    const instead = UNPRINTED.find((u) => u.words.includes("FCF"))?.instead;
    expect(refusal(() => k.nonGaapAnswer("FCF"))).toBe(
      `#VALUE! The release has no non-GAAP measure for "FCF": ${instead}`
    );
  });

  test("suggests only what it can answer", () => {
    expect(refusal(() => k.nonGaapAnswer("EBIDTA"))).toContain('did you mean "EBITDA"?');
  });
});

describe("KC.GROWTH", () => {
  test("exact by default: year-over-year, from the two figures it names", () => {
    expect(explained(k.growthExplained("revenue.total"))).toEqual({
      value: ratio("2703732", "1969977"),
      answers: ["2,703,732", "1,969,977"],
      facts: [],
    });
    expect(k.growthExplained("revenue.total", "2026Q1", "QoQ").value.toString()).toBe(
      ratio("2703732", "2761387")
    );
  });

  test("reported: the rate the text states, as printed", () => {
    expect(explained(k.growthExplained("revenue.total", "LQ", "YoY", "reported"))).toEqual({
      value: "0.372",
      answers: [],
      facts: ["increased by 37.2%"],
    });
    expect(k.statedGrowth("Operating loss", "2026Q1", "QoQ").value.toString()).toBe("1.5");
    expect(k.statedGrowth("Operating loss", "2026Q1", "YoY").value.toString()).toBe("-0.291");
  });

  test("a loss that grows grows; a margin changes in points", () => {
    expect(k.growthExplained("Operating loss", "2026Q1", "QoQ").value.toString()).toBe(
      ratio("-166108", "-66450")
    );
    // Gross margin 12.8% against 16.2%: -3.4 points, as a fraction.
    expect(k.growthExplained("Gross margin").value.toString()).toBe("-0.034");
  });

  test("balances a quarter or a year apart; figures of the text in their own unit", () => {
    expect(k.growthExplained("bs.cash", "2026-03-31", "QoQ").value.toString()).toBe(
      ratio("4903797", "6018043")
    );
    expect(k.growthExplained("IDC costs").value.toString()).toBe(ratio("-911.1", "-722.8"));
  });

  test("where the release gives no figure of the period, the rate it states", () => {
    expect(explained(k.growthExplained("AI"))).toEqual({
      value: "0.9",
      answers: [],
      facts: ["grew 90%"],
    });
  });

  test("#N/A where a figure is missing, or the sign changes", () => {
    expect(refusal(() => k.growthExplained("revenue.total", "LQ-1"))).toBe(
      "#N/A Year-over-year growth of Total revenues for 2025Q4 needs 2024Q4, which the release does not give; it has 2025Q1, 2025Q4, 2026Q1"
    );
    expect(refusal(() => k.growthExplained("bs.cash"))).toBe(
      "#N/A Year-over-year growth of Cash and cash equivalents for 2026-03-31 needs 2025-03-31, which the release does not give; it has 2025-12-31, 2026-03-31"
    );
    expect(refusal(() => k.growthExplained("revenue.total", "LQ-2"))).toBe(
      "#N/A The release has no Total revenues for 2025Q3; it has 2025Q1, 2025Q4, 2026Q1"
    );
    expect(refusal(() => k.growthExplained("ng.adjusted_operating_profit", "2026Q1", "QoQ"))).toBe(
      "#N/A Growth of Adjusted operating (loss) profit (Non-GAAP Financial Measure) is undefined between 2025Q4 (54586) and 2026Q1 (-59817): the sign changes"
    );
  });

  test("falling to nil is -100%", () => {
    expect(k.growthExplained("ng.ebitda.gain_on_disposal").value.toString()).toBe("-1");
  });

  test("a stated rate the release does not state says which it does", () => {
    expect(refusal(() => k.statedGrowth("revenue.total", "2025Q4"))).toBe(
      '#N/A The release states no year-over-year change of Total revenues for 2025Q4; it states YoY 2026Q1, QoQ 2026Q1 (KC.GROWTH with "exact" computes growth from the figures)'
    );
    expect(refusal(() => k.growthExplained("bs.cash", "LQ", "QoQ", "reported"))).toBe(
      '#N/A The release states no quarter-over-quarter change of Cash and cash equivalents for 2026-03-31; it states none for this line (KC.GROWTH with "exact" computes growth from the figures)'
    );
  });
});

describe("KC.MARGIN", () => {
  test("a quarter's amount over total revenues, with both figures", () => {
    expect(explained(k.marginExplained("Public cloud services"))).toEqual({
      value: new Dec(1996301).div(2703732).toString(),
      answers: ["1,996,301", "2,703,732"],
      facts: [],
    });
    expect(k.marginExplained("IDC costs", "2025Q1").value).toEqual(new Dec(-722800).div(1969977));
  });

  test("refused for what is no quarter's amount", () => {
    expect(refusal(() => k.marginExplained("Gross margin"))).toBe(
      "#VALUE! Gross margin is already a margin; use KC.VALUE for it"
    );
    expect(refusal(() => k.marginExplained("cash"))).toBe(
      "#VALUE! A margin is a quarter's amount over total revenues; Cash and cash equivalents is a balance at a date"
    );
    expect(refusal(() => k.marginExplained("is.shares_basic_diluted"))).toBe(
      "#VALUE! A margin is a quarter's amount over total revenues; Basic and diluted is not an amount"
    );
  });
});

describe("KC.SERIES", () => {
  test("a row of periods over a row of figures, oldest first", () => {
    expect(k.series("Total revenues")).toEqual([
      ["2025Q1", "2025Q4", "2026Q1"],
      [1969977, 2761387, 2703732],
    ]);
    expect(k.series("Share-based compensation expenses")).toEqual([
      ["2025Q1", "2025Q4", "2026Q1"],
      [134611, 78505, 62571],
    ]);
  });

  test("in the currency and unit asked", () => {
    expect(k.series("bs.cash", "USD", "millions")).toEqual([
      ["2025-12-31", "2026-03-31"],
      [new Dec(6018043).div(RATE).div(1000).toNumber(), 710.901],
    ]);
    expect(k.seriesAnswers("bs.cash", "USD").map((a) => a.converted)).toEqual([true, false]);
  });

  test("refused where there are no figures, or places that differ", () => {
    expect(refusal(() => k.series("AI"))).toBe(
      "#N/A The release gives no figure for Gross billing of AI business, only its change (use KC.GROWTH)"
    );
    expect(refusal(() => k.series("Prepayments and other assets"))).toMatch(
      /^#VALUE! "Prepayments and other assets" is printed in 2 places/
    );
  });
});

describe("KC.TABLE", () => {
  test("a statement as printed: sections, labels, a column per period", () => {
    expect(k.table("BS")).toEqual([
      ["Balance sheet", "2025-12-31", "2026-03-31"],
      ["Current assets", "", ""],
      ["Cash and cash equivalents", 6018043, 4903797],
      ["Prepayments and other assets", 2592314, 2796114],
      ["Non-current assets", "", ""],
      ["Prepayments and other assets", 139836, 271264],
    ]);
  });

  test("lines a period lacks are blank; in the currency and unit asked", () => {
    expect(k.table("operating")).toEqual([
      ["Figures stated in the text", "2025Q1", "2026-03-31", "2026Q1"],
      ["Cost of revenues", "", "", ""],
      ["IDC costs", -722800, "", -911100],
      ["AI business", "", "", ""],
      ["Gross billing of AI business", "", "", ""],
      ["Investment", "", "", ""],
      ["Capital expenditures and leased assets obtained", "", "", 3000000],
      ["Share capital", "", "", ""],
      ["Outstanding ordinary shares", "", 4490544972, ""],
      ["Exchange rate", "", "", ""],
      ["Convenience translation rate (RMB per US$1.00)", "", 6.898, ""],
    ]);
    expect(k.table("income statement", "USD", "millions")[4]).toEqual([
      "Total revenues",
      new Dec(1969977).div(RATE).div(1000).toNumber(),
      new Dec(2761387).div(RATE).div(1000).toNumber(),
      391.959,
    ]);
  });

  test("the reconciliations, margins as fractions and a nil as zero", () => {
    const rows = k.table("non-GAAP");
    expect(rows[0]).toEqual(["GAAP to non-GAAP reconciliation", "2025Q1", "2025Q4", "2026Q1"]);
    expect(rows.find((r) => r[0] === "Gross margin")).toEqual([
      "Gross margin",
      0.162,
      0.169,
      0.128,
    ]);
    expect(rows.find((r) => r[0] === "Gain on disposal of property and equipment")).toEqual([
      "Gain on disposal of property and equipment",
      -2110,
      -72662,
      0,
    ]);
  });
});

describe("KC.PERIODS and KC.ITEMS", () => {
  test("the periods, with their kind and end", () => {
    expect(k.periods()).toEqual([
      ["Period", "Kind", "Ends"],
      ["2025Q1", "quarter", "2025-03-31"],
      ["2025-12-31", "balance sheet date", "2025-12-31"],
      ["2025Q4", "quarter", "2025-12-31"],
      ["2026-03-31", "balance sheet date", "2026-03-31"],
      ["2026Q1", "quarter", "2026-03-31"],
    ]);
  });

  test("the lines of a statement, each with a name that finds it and the others that do", () => {
    expect(k.items("balance sheet")).toEqual([
      ["Id", "Label", "Statement", "Section", "Unit", "Also found by", "Note"],
      [
        "bs.cash",
        "Cash and cash equivalents",
        "balance_sheet",
        "Current assets",
        "thousands",
        "cash; cash and equivalents; cash & cash equivalents; cash and cash equivalent",
        "",
      ],
      [
        "bs.prepayments_current",
        "Current assets / Prepayments and other assets",
        "balance_sheet",
        "Current assets",
        "thousands",
        "",
        "",
      ],
      [
        "bs.prepayments_non_current",
        "Non-current assets / Prepayments and other assets",
        "balance_sheet",
        "Non-current assets",
        "thousands",
        "",
        "",
      ],
    ]);
  });

  test("every line without a statement; a statement it cannot read is refused", () => {
    expect(k.items()).toHaveLength(1 + k.fin.catalogue.items.length);
    expect(k.items("")).toEqual(k.items());
    expect(refusal(() => k.items("P&L statement please"))).toMatch(/^#VALUE! Unknown statement/);
  });
});

describe("KC.SOURCE: where a figure comes from", () => {
  test("a table's figure: its table, row, column and line", () => {
    expect(k.source("revenue.total", "2026Q1")).toBe(
      `UNAUDITED CONDENSED CONSOLIDATED STATEMENTS OF COMPREHENSIVE LOSS, row "Total revenues", column "Three Months Ended Mar 31, 2026 RMB", line 553 of ${FILE}: 2,703,732`
    );
    expect(k.source("revenue.total", "2026Q1", "USD")).toMatch(
      /line 555 of kc-2026q1-earnings-release\.txt: 391,959 \(published US\$ figure\)$/
    );
  });

  test("a converted figure says it was translated, at what rate, and that it is unrounded", () => {
    expect(k.source("revenue.total", "2025Q1", "USD")).toBe(
      `UNAUDITED CONDENSED CONSOLIDATED STATEMENTS OF COMPREHENSIVE LOSS, row "Total revenues", column "Three Months Ended Mar 31, 2025 RMB", line 549 of ${FILE}: 1,969,977; translated to US$ at the release's rate of RMB6.8980 = US$1.00 (line 19) and not rounded, as the release prints no US$ figure for 2025Q1`
    );
  });

  test("a figure of the text, and what an analyst's word means where it differs", () => {
    expect(k.source("IDC costs")).toBe(
      `text of the release, "IDC costs", line 20 of ${FILE}: RMB911.1 million`
    );
    const note = ANALYST_WORDS.find((w) => w.item === "op.capex_and_leased_assets")?.note;
    expect(k.source("capex and leased assets")).toBe(
      `"capex and leased assets" is ${note}. text of the release, "capital expenditures and leased assets obtained in combination", line 9 of ${FILE}: RMB3 billion`
    );
  });

  test("a footnote printed glued to a figure is said", () => {
    const [, prose] = k.fin.facts.find("revenue.total", "2026Q1", "USD");
    expect(describeFact(k.fin, prose)).toBe(
      `text of the release, "Total Revenues", line 13 of ${FILE}: US$392.01 million (the final 1 is footnote 1)`
    );
  });

  test("a release the dataset has no file for is named as the release", () => {
    const ds = sampleDataset();
    ds.sources = [];
    const fin = new Financials(ds);
    expect(describeFact(fin, fin.value("IDC costs").fact as Fact)).toBe(
      'text of the release, "IDC costs", line 20 of the release: RMB911.1 million'
    );
  });
});

test("KC.FXRATE: the convenience rate and the line that states it", () => {
  const e = k.rateExplained();
  expect(e.value.toString()).toBe("6.898");
  expect(e.notes).toEqual([
    `the release's convenience rate, RMB6.8980 = US$1.00, line 19 of ${FILE}`,
  ]);
});

test("priorPeriod: a year or a quarter earlier, for quarters and quarter ends", () => {
  expect(priorPeriod("2026Q1", "yoy")).toBe("2025Q1");
  expect(priorPeriod("2026Q1", "qoq")).toBe("2025Q4");
  expect(priorPeriod("2026-03-31", "qoq")).toBe("2025-12-31");
  expect(priorPeriod("2026-03-31", "yoy")).toBe("2025-03-31");
  expect(priorPeriod("2026-02-15", "qoq")).toBeUndefined();
  expect(priorPeriod("LQ", "yoy")).toBeUndefined();
});
