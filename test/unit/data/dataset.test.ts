import { ROOT } from "../../helpers/root";
import { readFileSync } from "fs";
import { resolve } from "path";
import { readRelease } from "../../../src/data/ingest/build";
import { datasetJson } from "../../../src/cli/dataset-file";
import { bundledDataset } from "../../../src/data/load";
import type { Currency, Fact } from "../../../src/domain/dataset";
import { printed, release, releaseText } from "../../helpers/release";

/**
 * Every figure below was typed by hand from ../shared/sources/kc-2026q1-earnings-release.txt,
 * as printed there, not read back from the parser's output.
 */

const ds = bundledDataset();

function tableFact(item: string, period: string, currency: Currency | null): Fact {
  const found = ds.facts.filter(
    (f) =>
      f.item === item &&
      f.period === period &&
      f.currency === currency &&
      f.source === "table" &&
      f.basis === "level"
  );
  expect(found).toHaveLength(1);
  return found[0];
}

function proseFacts(item: string): Fact[] {
  return ds.facts.filter((f) => f.item === item && f.source === "prose");
}

release.test("the committed dataset is exactly what ingest makes of the release today", () => {
  const committed = readFileSync(resolve(ROOT, "src/data/dataset.json"), "utf8");
  const regenerated = datasetJson(readRelease(releaseText(), "kc-2026q1-earnings-release.txt"));
  expect(regenerated === committed).toBe(true);
});

describe("balance sheets: Dec 31, 2025 RMB | Mar 31, 2026 RMB | Mar 31, 2026 US$", () => {
  const rows: [string, string, string, string][] = [
    ["bs.cash", "6,018,043", "4,903,797", "710,901"],
    ["bs.restricted_cash", "99,194", "46,897", "6,799"],
    ["bs.accounts_receivable", "1,740,472", "2,066,757", "299,617"],
    ["bs.prepayments_current", "2,592,314", "2,796,114", "405,350"],
    ["bs.due_from_related_parties", "573,396", "686,697", "99,550"],
    ["bs.total_current_assets", "11,023,419", "10,500,262", "1,522,217"],
    ["bs.property_equipment", "10,094,870", "12,173,645", "1,764,808"],
    ["bs.goodwill", "4,605,724", "4,605,724", "667,690"],
    ["bs.prepayments_non_current", "139,836", "271,264", "39,325"],
    ["bs.operating_lease_rou_assets", "98,405", "134,505", "19,499"],
    ["bs.total_assets", "26,729,189", "28,456,254", "4,125,290"],
    ["bs.short_term_borrowings", "3,348,279", "3,590,727", "520,546"],
    ["bs.due_to_related_parties_current", "721,932", "722,431", "104,731"],
    ["bs.due_to_related_parties_non_current", "2,212,325", "2,023,958", "293,412"],
    ["bs.other_liabilities", "2,645,895", "3,804,427", "551,526"],
    ["bs.total_liabilities", "17,416,155", "19,457,936", "2,820,808"],
    ["bs.treasury_shares", "(31,068)", "(18,958)", "(2,748)"],
    ["bs.accumulated_deficit", "(15,247,868)", "(15,591,688)", "(2,260,320)"],
    ["bs.non_controlling_interests", "(3,992)", "(3,891)", "(564)"],
    ["bs.total_equity", "9,313,034", "8,998,318", "1,304,482"],
    ["bs.total_liabilities_and_equity", "26,729,189", "28,456,254", "4,125,290"],
  ];
  test.each(rows)("%s", (item, dec25, mar26, mar26usd) => {
    expect(Number(tableFact(item, "2025-12-31", "RMB").value)).toBe(printed(dec25));
    expect(Number(tableFact(item, "2026-03-31", "RMB").value)).toBe(printed(mar26));
    expect(Number(tableFact(item, "2026-03-31", "USD").value)).toBe(printed(mar26usd));
  });
});

describe("statements of comprehensive loss: 2025Q1 | 2025Q4 | 2026Q1 RMB | 2026Q1 US$", () => {
  const rows: [string, string, string, string, string][] = [
    ["revenue.public", "1,353,479", "1,902,378", "1,996,301", "289,403"],
    ["revenue.enterprise", "616,498", "859,009", "707,431", "102,556"],
    ["revenue.total", "1,969,977", "2,761,387", "2,703,732", "391,959"],
    ["is.cost_of_revenues", "(1,651,671)", "(2,296,037)", "(2,357,984)", "(341,836)"],
    ["is.gross_profit", "318,306", "465,350", "345,748", "50,123"],
    ["is.research_development", "(226,170)", "(190,201)", "(193,315)", "(28,025)"],
    ["is.total_operating_expenses", "(552,507)", "(531,800)", "(511,856)", "(74,204)"],
    ["is.operating_loss", "(234,201)", "(66,450)", "(166,108)", "(24,081)"],
    ["is.fx_gain_loss", "9,051", "10,265", "(44,006)", "(6,380)"],
    ["is.other_expense_income", "(7,012)", "74", "(372)", "(54)"],
    ["is.income_tax", "(9,241)", "13,437", "(5,081)", "(737)"],
    ["is.net_loss", "(316,110)", "(162,872)", "(343,720)", "(49,831)"],
    ["is.net_loss_nci", "(2,184)", "(2,632)", "100", "14"],
    ["is.net_loss_attributable", "(313,926)", "(160,240)", "(343,820)", "(49,845)"],
    ["is.eps_basic_diluted", "(0.08)", "(0.04)", "(0.08)", "(0.01)"],
    ["is.shares_basic_diluted", "3,728,092,123", "4,544,291,397", "4,555,310,453", "4,555,310,453"],
    ["is.comprehensive_loss_nci", "(2,200)", "(2,388)", "100", "14"],
    ["is.comprehensive_loss_attributable", "(306,166)", "(231,471)", "(378,292)", "(54,842)"],
  ];
  test.each(rows)("%s", (item, q1, q4, q126, usd) => {
    expect(Number(tableFact(item, "2025Q1", "RMB").value)).toBe(printed(q1));
    expect(Number(tableFact(item, "2025Q4", "RMB").value)).toBe(printed(q4));
    expect(Number(tableFact(item, "2026Q1", "RMB").value)).toBe(printed(q126));
    expect(Number(tableFact(item, "2026Q1", "USD").value)).toBe(printed(usd));
  });
});

describe("GAAP to non-GAAP reconciliations: 2025Q1 | 2025Q4 | 2026Q1 RMB | 2026Q1 US$", () => {
  const rows: [string, string, string, string, string][] = [
    ["ng.gp.sbc", "9,365", "5,526", "5,658", "820"],
    ["ng.adjusted_gross_profit", "327,671", "470,876", "351,406", "50,943"],
    ["ng.nl.sbc", "134,611", "78,505", "62,571", "9,071"],
    ["ng.nl.fx", "(9,051)", "(10,265)", "44,006", "6,380"],
    ["ng.adjusted_net_loss", "(190,550)", "(94,632)", "(237,143)", "(34,380)"],
    ["ng.ebitda.interest_income", "(4,946)", "(39,039)", "(32,030)", "(4,643)"],
    ["ng.ebitda.depreciation_amortization", "421,901", "778,941", "858,003", "124,384"],
    ["ng.adjusted_ebitda", "318,543", "785,248", "747,506", "108,365"],
    ["ng.ebitda.gain_on_disposal", "(2,110)", "(72,662)", "-", "-"],
    ["ng.normalized_adjusted_ebitda", "316,433", "712,586", "747,506", "108,365"],
    ["ng.ol.amortization_intangibles", "43,781", "42,531", "43,720", "6,338"],
    ["ng.adjusted_operating_profit", "(55,809)", "54,586", "(59,817)", "(8,672)"],
    ["ng.normalized_adjusted_operating_loss", "(57,919)", "(18,076)", "(59,817)", "(8,672)"],
  ];
  test.each(rows)("%s", (item, q1, q4, q126, usd) => {
    const nil = (s: string) => (s === "-" ? 0 : printed(s));
    expect(Number(tableFact(item, "2025Q1", "RMB").value)).toBe(nil(q1));
    expect(Number(tableFact(item, "2025Q4", "RMB").value)).toBe(nil(q4));
    expect(Number(tableFact(item, "2026Q1", "RMB").value)).toBe(nil(q126));
    expect(Number(tableFact(item, "2026Q1", "USD").value)).toBe(nil(usd));
  });

  test('"-" is stored as nil, not as a missing figure', () => {
    const f = tableFact("ng.ebitda.gain_on_disposal", "2026Q1", "RMB");
    expect(f).toMatchObject({ value: "0", nil: true, prov: { printed: "-", line: 1053 } });
  });
});

describe("margin tables: 2025Q1 | 2025Q4 | 2026Q1, percent as printed", () => {
  const rows: [string, string, string, string][] = [
    ["ng.gross_margin", "16.2%", "16.9%", "12.8%"],
    ["ng.adjusted_gross_margin", "16.6%", "17.1%", "13.0%"],
    ["ng.net_loss_margin", "-16.0%", "-5.9%", "-12.7%"],
    ["ng.adjusted_net_loss_margin", "-9.7%", "-3.4%", "-8.8%"],
    ["ng.adjusted_ebitda_margin", "16.2%", "28.4%", "27.6%"],
    ["ng.normalized_adjusted_ebitda_margin", "16.1%", "25.8%", "27.6%"],
    ["ng.adjusted_operating_margin", "-2.8%", "2.0%", "-2.2%"],
    ["ng.normalized_adjusted_operating_margin", "-2.9%", "-0.7%", "-2.2%"],
  ];
  test.each(rows)("%s", (item, q1, q4, q126) => {
    expect(tableFact(item, "2025Q1", null).prov.printed).toBe(q1);
    expect(Number(tableFact(item, "2025Q4", null).value)).toBe(printed(q4));
    expect(Number(tableFact(item, "2026Q1", null).value)).toBe(printed(q126));
  });
});

describe("cash flows: 2025Q1 | 2025Q4 | 2026Q1 RMB | 2026Q1 US$", () => {
  const rows: [string, string, string, string, string][] = [
    ["cf.operating", "(418,390)", "1,042,626", "533,978", "77,411"],
    ["cf.investing", "(490,393)", "(427,671)", "(1,630,049)", "(236,307)"],
    ["cf.financing", "549,998", "1,514,234", "7,606", "1,103"],
    ["cf.fx_effect", "15,028", "(62,205)", "(78,078)", "(11,320)"],
    ["cf.net_change", "(343,757)", "2,066,984", "(1,166,543)", "(169,113)"],
    ["cf.cash_beginning", "2,730,101", "4,050,253", "6,117,237", "886,813"],
    ["cf.cash_end", "2,386,344", "6,117,237", "4,950,694", "717,700"],
  ];
  test.each(rows)("%s", (item, q1, q4, q126, usd) => {
    expect(Number(tableFact(item, "2025Q1", "RMB").value)).toBe(printed(q1));
    expect(Number(tableFact(item, "2025Q4", "RMB").value)).toBe(printed(q4));
    expect(Number(tableFact(item, "2026Q1", "RMB").value)).toBe(printed(q126));
    expect(Number(tableFact(item, "2026Q1", "USD").value)).toBe(printed(usd));
  });
});

describe("figures found only in the prose, marked as prose with their printed unit", () => {
  const level = (item: string, period: string, currency: Currency | null) => {
    const found = proseFacts(item).filter(
      (f) => f.basis === "level" && f.period === period && f.currency === currency
    );
    expect(found).toHaveLength(1);
    return found[0];
  };

  test.each([
    ["is.cor.idc", "2026Q1", "RMB", "911.1", 20],
    ["is.cor.idc", "2026Q1", "USD", "132.1", 20],
    ["is.cor.idc", "2025Q1", "RMB", "722.8", 20],
    ["is.cor.depreciation_amortization", "2026Q1", "RMB", "818.9", 20],
    ["is.cor.depreciation_amortization", "2026Q1", "USD", "118.7", 20],
    ["is.cor.depreciation_amortization", "2025Q1", "RMB", "378.5", 20],
    ["is.cor.solution_development", "2026Q1", "RMB", "574.8", 20],
    ["is.cor.solution_development", "2026Q1", "USD", "83.3", 20],
    ["is.cor.solution_development", "2025Q1", "RMB", "505.2", 20],
    ["is.cor.fulfillment", "2026Q1", "RMB", "1.8", 20],
    ["is.cor.fulfillment", "2026Q1", "USD", "0.3", 20],
    ["is.cor.other", "2026Q1", "RMB", "51.4", 20],
    ["is.cor.other", "2026Q1", "USD", "7.4", 20],
  ] as const)(
    "%s %s %s is a cost of %s million (line %d)",
    (item, period, currency, value, line) => {
      const f = level(item, period, currency);
      // Printed as a magnitude, kept signed as the income statement signs a cost.
      expect(f).toMatchObject({
        value: `-${value}`,
        unit: "millions",
        source: "prose",
        prov: { line },
      });
      expect(f.prov.printed).toBe(`${currency === "USD" ? "US$" : "RMB"}${value} million`);
      expect(ds.items.find((i) => i.id === item)).toMatchObject({ source: "prose", table: null });
    }
  );

  test("capital expenditures and leased assets: RMB3 billion in Q1", () => {
    expect(level("op.capex_and_leased_assets", "2026Q1", "RMB")).toMatchObject({
      value: "3",
      unit: "billions",
      prov: { line: 9, printed: "RMB3 billion" },
    });
  });

  test("AI gross billing grew 90% year-over-year", () => {
    const [f] = proseFacts("op.ai_gross_billing");
    expect(f).toMatchObject({
      basis: "yoy",
      value: "90",
      unit: "percent",
      period: "2026Q1",
      prov: { line: 7 },
    });
  });

  test("shares outstanding and the equivalent ADSs on March 31, 2026", () => {
    expect(level("op.ordinary_shares_outstanding", "2026-03-31", null)).toMatchObject({
      value: "4490544972",
      unit: "shares",
      prov: { line: 51 },
    });
    expect(level("op.ads_outstanding", "2026-03-31", null)).toMatchObject({
      value: "299369665",
      unit: "ADSs",
    });
  });

  test("the convenience rate RMB6.8980 = US$1.00, stated twice", () => {
    expect(ds.fx).toEqual({ rmbPerUsd: "6.8980", date: "2026-03-31", release: "2026Q1", line: 19 });
    expect(proseFacts("fx.rmb_per_usd").map((f) => [f.value, f.prov.line])).toEqual([
      ["6.8980", 19],
      ["6.8980", 78],
    ]);
  });

  test("a footnote digit glued to a figure is not part of it (US$392.01 million is US$392.0 million, note 1)", () => {
    const f = level("revenue.total", "2026Q1", "USD");
    expect(f).toMatchObject({
      value: "392.0",
      prov: { printed: "US$392.01 million", footnote: 1, line: 13 },
    });
  });

  test("footnote digits glued to words do not become figures", () => {
    expect(level("ng.adjusted_gross_profit", "2025Q1", "RMB").value).toBe("327.7");
    expect(proseFacts("ng.adjusted_ebitda").map((f) => f.value)).toEqual([
      "747.5",
      "108.4",
      "318.5",
      "785.2",
    ]);
  });

  test("a sentence broken over two paragraphs keeps each figure's own line", () => {
    expect(level("ng.adjusted_gross_profit", "2026Q1", "USD")).toMatchObject({
      value: "50.9",
      prov: { line: 24 },
    });
  });

  test("stated changes keep their direction and basis", () => {
    const changes = proseFacts("is.operating_loss").filter((f) => f.basis !== "level");
    expect(changes.map((f) => [f.basis, f.value])).toEqual([
      ["yoy", "-29.1"],
      ["qoq", "150.0"],
    ]);
    const points = proseFacts("ng.adjusted_ebitda_margin").find(
      (f) => f.unit === "percentage_points"
    );
    expect(points).toMatchObject({ basis: "yoy", value: "11.4" });
  });

  test("prose names a loss or a profit where the table's sign says which", () => {
    const ng = proseFacts("ng.adjusted_operating_profit").filter((f) => f.currency === "RMB");
    expect(ng.map((f) => [f.period, f.value, f.polarity])).toEqual([
      ["2026Q1", "59.8", "loss"],
      ["2025Q1", "55.8", "loss"],
      ["2025Q4", "54.6", "profit"],
    ]);
  });
});

describe("line items: ids, labels as printed, sections, signs and provenance", () => {
  const item = (id: string) => ds.items.find((i) => i.id === id);

  test("the same label in two sections gets two ids, each with its section", () => {
    expect(item("bs.due_to_related_parties_current")).toMatchObject({
      label: "Amounts due to related parties",
      section: "Current liabilities",
    });
    expect(item("bs.due_to_related_parties_non_current")).toMatchObject({
      label: "Amounts due to related parties",
      section: "Non-current liabilities",
    });
    expect(item("is.eps_basic_diluted")).toMatchObject({
      label: "Basic and diluted",
      section: "Net loss per share",
      kind: "per_share",
    });
    expect(item("is.shares_basic_diluted")).toMatchObject({
      section: "Shares used in the net loss per share computation",
      kind: "shares",
    });
  });

  test("labels wrapped over two rows are joined", () => {
    expect(item("cf.fx_effect")?.label).toBe(
      "Effect of exchange rate changes on cash, cash equivalents and restricted cash"
    );
    expect(item("is.comprehensive_loss_nci")?.label).toBe(
      "Less: Comprehensive (loss) income attributable to non-controlling interests"
    );
    expect(item("ng.normalized_adjusted_ebitda")?.label).toBe(
      "Excluding gain on disposal of property and equipment, normalized Adjusted EBITDA"
    );
    expect(item("bs.total_liabilities")?.section).toBe(
      "LIABILITIES, NON-CONTROLLING INTERESTS AND SHAREHOLDERS' EQUITY"
    );
  });

  test("signs as presented", () => {
    expect(item("is.cost_of_revenues")?.sign).toBe("negative");
    expect(item("revenue.total")?.sign).toBe("positive");
    expect(item("is.fx_gain_loss")?.sign).toBe("mixed");
  });

  test("a reconciliation adjustment keeps its label without the list dash, its row as printed", () => {
    expect(item("ng.ebitda.interest_income")).toMatchObject({
      label: "Interest income",
      section: "Adjustments",
      table: "ng_net_loss",
    });
    expect(tableFact("ng.ebitda.interest_income", "2026Q1", "RMB").prov.row).toBe(
      "– Interest income"
    );
  });

  test("provenance: table, row, column and line of every table figure", () => {
    expect(tableFact("is.cost_of_revenues", "2026Q1", "RMB").prov).toEqual({
      release: "2026Q1",
      table: "income_statement",
      row: "Cost of revenues",
      column: "Three Months Ended Mar 31, 2026 RMB",
      line: 563,
      printed: "(2,357,984)",
    });
    expect(tableFact("cf.fx_effect", "2026Q1", "USD").prov).toMatchObject({
      row: "Effect of exchange rate changes on cash, cash equivalents and restricted cash",
      line: 1327,
      column: "Three Months Ended Mar 31, 2026 US$",
    });
    expect(tableFact("bs.cash", "2026-03-31", "USD").prov).toMatchObject({
      column: "Mar 31, 2026 US$",
      line: 152,
    });
    for (const f of ds.facts) expect(f.prov.line).toBeGreaterThan(0);
    expect(ds.facts.filter((f) => f.source === "table" && !f.prov.column)).toEqual([]);
  });

  test("every table figure in the release is in the dataset", () => {
    const tableFigures = ds.facts.filter((f) => f.source === "table");
    // 38 balance sheet rows x 3 columns, 26 x 4 statement rows, 3 + 11 + 6 reconciliation rows x 4,
    // 2 + 6 margin rows x 3, 7 cash flow rows x 4.
    expect(tableFigures).toHaveLength(38 * 3 + 26 * 4 + 20 * 4 + 8 * 3 + 7 * 4);
    expect(ds.tables.map((t) => t.id)).toEqual([
      "balance_sheet",
      "income_statement",
      "ng_gross_profit",
      "ng_gross_margin",
      "ng_net_loss",
      "ng_operating_loss",
      "ng_margins",
      "cash_flow",
    ]);
  });

  test("the release's quarter, listings and periods", () => {
    expect(ds.latestQuarter).toBe("2026Q1");
    expect(ds.company).toEqual({
      name: "Kingsoft Cloud Holdings Limited",
      nasdaq: "KC",
      hkex: "3896",
    });
    expect(ds.periods.map((p) => p.id)).toEqual([
      "2025Q1",
      "2025-12-31",
      "2025Q4",
      "2026-03-31",
      "2026Q1",
    ]);
  });
});
