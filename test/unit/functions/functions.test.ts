import { cellOf, installExcelRuntime } from "../../helpers/excel-runtime";

installExcelRuntime();

const KC =
  require("../../../src/functions/functions") as typeof import("../../../src/functions/functions");

/** Figures typed from ../shared/sources/kc-2026q1-earnings-release.txt. */
const RATE = 6.898;

/** A spilled answer, given at once: the dataset in use is known (installExcelRuntime settles it). */
function atOnce<T>(answer: T | Promise<T>): T {
  if (answer instanceof Promise) throw new Error("a promise, where the dataset in use is known");
  return answer;
}

/** The cell shows this error with a message containing `text`. */
const na = (text: string) => ({ error: "#N/A", message: expect.stringContaining(text) });
const bad = (text: string) => ({ error: "#VALUE!", message: expect.stringContaining(text) });

describe("KC.VALUE", () => {
  test.each([
    ["revenue.total", "2026Q1", 2703732],
    ["Total revenues", "2025Q4", 2761387],
    ["  total   REVENUES ", "2025Q1", 1969977],
    ["bs.cash", "2026-03-31", 4903797],
    ["Cash and cash equivalents", "2025-12-31", 6018043],
    ["Current assets / Prepayments and other assets", "2026-03-31", 2796114],
    ["Non-current assets / Prepayments and other assets", "2025-12-31", 139836],
    ["Non-current liabilities / Amounts due to related parties", "2026-03-31", 2023958],
    ["Current liabilities / Amounts due to related parties", "2025-12-31", 721932],
    ["Total Kingsoft Cloud Holdings Limited shareholders' equity", "2026-03-31", 9002209],
    ["Cost of revenues", "2026Q1", -2357984],
    ["Interest income", "2026Q1", 32030],
    ["Net loss reconciliation / Interest income", "2026Q1", -32030],
    ["ng.ebitda.interest_income", "2025Q4", -39039],
    ["Adjusted EBITDA (Non-GAAP Financial Measure)", "2026Q1", 747506],
    ["Adjusted EBITDA", "2025Q1", 318543],
    ["Normalized Adjusted EBITDA", "2025Q4", 712586],
    [
      "Excluding gain on disposal of property and equipment, normalized Adjusted operating loss",
      "2025Q4",
      -18076,
    ],
    [
      "Effect of exchange rate changes on cash, cash equivalents and restricted cash",
      "2025Q1",
      15028,
    ],
    ["Net loss per share / Basic and diluted", "2025Q4", -0.04],
    ["Shares used in the net loss per share computation / Basic and diluted", "2025Q1", 3728092123],
    // Costs stated in the text as magnitudes are signed as the income statement signs costs.
    ["IDC costs", "2026Q1", -911100],
    ["is.cor.idc", "2025Q1", -722800],
    ["op.capex_and_leased_assets", "2026Q1", 3000000],
    ["Outstanding ordinary shares", "2026-03-31", 4490544972],
    ["op.ads_outstanding", "2026Q1", 299369665],
  ])("%s, %s = %d", (item, period, expected) => {
    expect(KC.value(item, period)).toBe(expected);
  });

  test("percentages are fractions, as printed", () => {
    expect(KC.value("Gross margin", "2026Q1")).toBe(0.128);
    expect(KC.value("ng.normalized_adjusted_operating_margin", "2025Q4")).toBe(-0.007);
    expect(KC.value("Adjusted net loss margin", "2025Q1")).toBe(-0.097);
  });

  describe("every period spelling", () => {
    test.each([
      "2026Q1",
      "2026q1",
      "2026-Q1",
      "2026 Q1",
      "Q1 2026",
      "q1 2026",
      "Q1-2026",
      "Q1-26",
      "Q1 26",
      "1Q26",
      "1Q2026",
      "2026-03-31",
      "2026/03/31",
      "Mar 31, 2026",
      "March 31, 2026",
      "31-Mar-2026",
      46112,
      "46112",
      "LQ",
      "lq",
      "LQ-0",
      "",
      null,
      undefined,
    ])("%p is 2026Q1", (period) => {
      expect(KC.value("revenue.total", period)).toBe(2703732);
    });

    test("relative quarters count calendar quarters back from the latest", () => {
      expect(KC.value("revenue.total", "LQ-1")).toBe(2761387);
      expect(KC.value("revenue.total", "LQ-4")).toBe(1969977);
      expect(cellOf(() => KC.value("revenue.total", "LQ-2"))).toEqual(
        na("The release has no Total revenues for 2025Q3; it has 2025Q1, 2025Q4, 2026Q1")
      );
    });

    test("balance sheet items take a date or the quarter whose end it is", () => {
      expect(KC.value("bs.cash", "2026Q1")).toBe(4903797);
      expect(KC.value("bs.cash", "Q4 2025")).toBe(6018043);
      expect(KC.value("bs.cash", "LQ-1")).toBe(6018043);
      expect(KC.value("bs.cash", 46022)).toBe(6018043);
      expect(KC.value("bs.cash")).toBe(4903797);
      expect(cellOf(() => KC.value("bs.cash", "2025Q1"))).toEqual(
        na(
          "The release has no Cash and cash equivalents for 2025-03-31; it has 2025-12-31, 2026-03-31"
        )
      );
    });

    test("a quarter's figure asked for at a date that ends no quarter", () => {
      expect(cellOf(() => KC.value("revenue.total", "2026-02-15"))).toEqual(
        bad(
          "2026-02-15 is not a quarter end; Total revenues is reported by quarter (e.g. 2026Q1 or 2026-03-31)"
        )
      );
    });

    test.each([
      ["2026Q5", 'Unknown period "2026Q5"'],
      ["next quarter", 'Unknown period "next quarter"'],
      ["2026-02-30", 'Period "2026-02-30" is not a calendar date'],
      [2026, "Period 2026 read as an Excel date is 1905-07-18"],
      [-5, "Period -5 is not a valid Excel date"],
      [true, "Period must be text or a date, not the logical value TRUE"],
    ])("%p is refused with a reason", (period, message) => {
      expect(cellOf(() => KC.value("revenue.total", period))).toEqual(bad(message));
    });
  });

  describe("currencies", () => {
    test("USD is the published US$ column where the release prints one", () => {
      expect(KC.value("revenue.public", "2026Q1", "USD")).toBe(289403);
      expect(KC.value("bs.prepayments_current", "2026-03-31", "USD")).toBe(405350);
      expect(KC.value("cf.fx_effect", "2026Q1", "usd")).toBe(-11320);
      expect(KC.value("Net loss per share / Basic and diluted", "2026Q1", "USD")).toBe(-0.01);
      expect(KC.value("IDC costs", "2026Q1", "USD")).toBe(-132100);
    });

    test("elsewhere RMB / 6.8980, unrounded", () => {
      expect(KC.value("revenue.public", "2025Q1", "USD")).toBeCloseTo(1353479 / RATE, 8);
      expect(KC.value("bs.cash", "2025-12-31", "USD")).toBeCloseTo(6018043 / RATE, 8);
      expect(KC.value("is.eps_basic_diluted", "2025Q1", "USD")).toBeCloseTo(-0.08 / RATE, 14);
      expect(KC.value("is.cor.idc", "2025Q1", "USD")).toBeCloseTo(-722800 / RATE, 8);
    });

    test("CNY is RMB; counts and percentages have no currency", () => {
      expect(KC.value("revenue.total", "2026Q1", "CNY")).toBe(2703732);
      expect(KC.value("is.shares_basic_diluted", "2026Q1", "USD")).toBe(4555310453);
      expect(KC.value("Gross margin", "2026Q1", "USD")).toBe(0.128);
    });

    test("an unknown currency names the closest", () => {
      expect(cellOf(() => KC.value("revenue.total", "LQ", "USX"))).toEqual(
        bad('Unknown currency "USX"; did you mean "USD"? Expected RMB, USD')
      );
      expect(cellOf(() => KC.value("revenue.total", "LQ", 7))).toEqual(
        bad("Currency must be text, not the number 7; expected RMB, USD")
      );
    });
  });

  describe("units", () => {
    test("thousands (as printed), millions and units, exactly", () => {
      expect(KC.value("bs.cash", "2026-03-31", "RMB", "thousands")).toBe(4903797);
      expect(KC.value("bs.cash", "2026-03-31", "RMB", "millions")).toBe(4903.797);
      expect(KC.value("bs.cash", "2026-03-31", "RMB", "units")).toBe(4903797000);
      expect(KC.value("revenue.total", "2026Q1", "USD", "millions")).toBe(391.959);
      expect(KC.value("IDC costs", "2026Q1", "USD", "units")).toBe(-132100000);
      expect(KC.value("op.capex_and_leased_assets", "2026Q1", "RMB", "millions")).toBe(3000);
    });

    test("per-share figures and share counts are never scaled", () => {
      expect(KC.value("is.eps_basic_diluted", "2026Q1", "RMB", "millions")).toBe(-0.08);
      expect(KC.value("is.shares_basic_diluted", "2026Q1", "RMB", "millions")).toBe(4555310453);
      expect(KC.value("fx.rmb_per_usd", "2026-03-31", "RMB", "millions")).toBe(6.898);
    });

    test("an unknown unit names the closest", () => {
      expect(cellOf(() => KC.value("revenue.total", "LQ", "RMB", "milions"))).toEqual(
        bad('Unknown unit "milions"; did you mean "millions"? Expected thousands, millions, units')
      );
    });
  });

  describe("line items that are not found, or found twice", () => {
    test("a typo suggests the closest item", () => {
      expect(cellOf(() => KC.value("Goodwil"))).toEqual(
        bad('Unknown line item "Goodwil"; did you mean "Goodwill"?')
      );
      expect(cellOf(() => KC.value("bs.cahs"))).toEqual(bad('did you mean "bs.cash"?'));
    });

    test("a label printed in two sections with different figures lists the qualified choices", () => {
      expect(cellOf(() => KC.value("Amounts due to related parties"))).toEqual(
        bad(
          '"Amounts due to related parties" is printed in 2 places with different figures for 2026-03-31; use one of "Current liabilities / Amounts due to related parties" (bs.due_to_related_parties_current), "Non-current liabilities / Amounts due to related parties" (bs.due_to_related_parties_non_current)'
        )
      );
      expect(cellOf(() => KC.value("Basic and diluted"))).toEqual(
        bad('"Net loss per share / Basic and diluted" (is.eps_basic_diluted)')
      );
    });

    test("an adjustment printed in two reconciliations with the same figures answers, or by its table", () => {
      expect(KC.value("Share-based compensation expenses")).toBe(62571);
      expect(
        KC.value("Operating loss reconciliation / Share-based compensation expenses", "2025Q1")
      ).toBe(134611);
    });

    test("not text", () => {
      expect(cellOf(() => KC.value(42))).toEqual(
        bad("Line item must be a label as printed, an analyst's name or an id, not the number 42")
      );
      expect(cellOf(() => KC.value(null))).toEqual(bad("not an empty cell"));
      expect(cellOf(() => KC.value([["revenue.total"], ["bs.cash"]]))).toEqual(
        bad("not a range of 2 cells")
      );
    });

    test("a prose-only growth has no level", () => {
      expect(cellOf(() => KC.value("op.ai_gross_billing"))).toEqual(
        na(
          "The release gives no figure for Gross billing of AI business, only its change (use KC.GROWTH)"
        )
      );
    });
  });
});

describe("KC.REVENUE", () => {
  test("by segment, default total and latest quarter", () => {
    expect(KC.revenue("2026Q1", "public")).toBe(1996301);
    expect(KC.revenue("2026Q1", "enterprise")).toBe(707431);
    expect(KC.revenue("2025Q4", "Public cloud")).toBe(1902378);
    expect(KC.revenue()).toBe(2703732);
    expect(KC.revenue("LQ-4", "total")).toBe(1969977);
    expect(KC.revenue("2026Q1", "enterprise", "USD")).toBe(102556);
    expect(KC.revenue("2025Q4", "enterprise", "RMB", "millions")).toBe(859.009);
  });

  test("an unknown segment", () => {
    expect(cellOf(() => KC.revenue("2026Q1", "pubic"))).toEqual({
      error: "#VALUE!",
      message: 'Unknown segment "pubic"; did you mean "public"? Expected total, public, enterprise',
    });
  });
});

describe("KC.NONGAAP", () => {
  test.each([
    ["EBITDA", "2026Q1", 747506],
    ["adjusted EBITDA", "2025Q4", 785248],
    ["Non-GAAP EBITDA", "2025Q1", 318543],
    ["EBITDA margin", "2026Q1", 0.276],
    ["EBITDA margin", "2025Q4", 0.284],
    ["gross profit", "2026Q1", 351406],
    ["gross margin", "2025Q1", 0.166],
    ["adjusted operating profit", "2025Q4", 54586],
    ["operating margin", "2025Q4", 0.02],
    ["adjusted net loss", "2026Q1", -237143],
    ["adjusted net loss margin", "2026Q1", -0.088],
    ["normalized EBITDA", "2025Q4", 712586],
    ["normalized EBITDA margin", "2025Q4", 0.258],
    ["normalized operating loss", "2025Q1", -57919],
    ["share-based compensation", "2026Q1", 62571],
    ["SBC in cost of revenues", "2025Q1", 9365],
    ["FX", "2026Q1", 44006],
    ["interest income", "2026Q1", -32030],
    ["interest expense", "2025Q4", 153415],
    ["income tax", "2025Q4", -13437],
    ["D&A", "2026Q1", 858003],
    ["amortization of intangible assets", "2025Q4", 42531],
    ["gain on disposal", "2025Q4", -72662],
    ["gain on disposal", "2026Q1", 0],
    ["Adjusted EBITDA (Non-GAAP Financial Measure)", "2026Q1", 747506],
    ["ng.adjusted_gross_profit", "2025Q4", 470876],
  ])("%s, %s = %d", (metric, period, expected) => {
    expect(KC.nonGaap(metric, period)).toBe(expected);
  });

  test("in US$ and millions", () => {
    expect(KC.nonGaap("EBITDA", "2026Q1", "USD")).toBe(108365);
    expect(KC.nonGaap("D&A", "2026Q1", "USD", "millions")).toBe(124.384);
  });

  test("an unknown metric names the closest; a line with no non-GAAP version says where it is", () => {
    expect(cellOf(() => KC.nonGaap("EBIDTA"))).toEqual(
      bad('Unknown line item "EBIDTA"; did you mean "EBITDA"?')
    );
    expect(cellOf(() => KC.nonGaap("Total revenues"))).toEqual(
      bad(
        'The release has no non-GAAP measure of Total revenues: KC.NONGAAP gives the non-GAAP version of a measure (KC.NONGAAP("Gross profit") is adjusted gross profit), and KC.VALUE the GAAP line (KC.VALUE("Total revenues"))'
      )
    );
  });
});

describe("KC.GROWTH", () => {
  test("year-over-year by default, as an exact fraction", () => {
    expect(KC.growth("revenue.total")).toBeCloseTo(2703732 / 1969977 - 1, 14);
    expect(KC.growth("revenue.total", "2026Q1", "YoY")).toBeCloseTo(0.3725, 4);
    expect(KC.growth("Public cloud services", "2026Q1", "qoq")).toBeCloseTo(
      1996301 / 1902378 - 1,
      14
    );
    expect(KC.growth("is.operating_loss", "2026Q1", "QoQ")).toBeCloseTo(-166108 / -66450 - 1, 14);
    expect(KC.growth("bs.cash", "2026-03-31", "QoQ")).toBeCloseTo(4903797 / 6018043 - 1, 14);
    expect(KC.growth("IDC costs")).toBeCloseTo(911.1 / 722.8 - 1, 14);
  });

  test("margins change in points; a growth stated only in the prose is returned as stated", () => {
    expect(KC.growth("ng.adjusted_ebitda_margin")).toBeCloseTo(0.114, 14);
    expect(KC.growth("op.ai_gross_billing")).toBe(0.9);
  });

  test("#N/A where the prior period is not in the release or the sign flips", () => {
    expect(cellOf(() => KC.growth("revenue.total", "2025Q1"))).toEqual(
      na(
        "Year-over-year growth of Total revenues for 2025Q1 needs 2024Q1, which the release does not give"
      )
    );
    expect(cellOf(() => KC.growth("bs.cash", "2026Q1", "YoY"))).toEqual(na("needs 2025-03-31"));
    expect(cellOf(() => KC.growth("ng.adjusted_operating_profit", "2026Q1", "QoQ"))).toEqual(
      na("is undefined between 2025Q4 (54586) and 2026Q1 (-59817): the sign changes")
    );
  });

  test("an unknown basis", () => {
    expect(cellOf(() => KC.growth("revenue.total", "LQ", "xoy"))).toEqual(
      bad('Unknown basis "xoy"; did you mean "YoY"? Expected YoY, QoQ')
    );
  });
});

describe("KC.MARGIN", () => {
  test("item / total revenues, exactly", () => {
    expect(KC.margin("is.gross_profit", "2026Q1")).toBeCloseTo(345748 / 2703732, 15);
    expect(KC.margin("ng.adjusted_ebitda", "2025Q4")).toBeCloseTo(785248 / 2761387, 15);
    expect(KC.margin("IDC costs", "2026Q1")).toBeCloseTo(-911100 / 2703732, 15);
    expect(KC.margin("Cost of revenues")).toBeCloseTo(-2357984 / 2703732, 15);
  });

  test("only for a quarter's amounts", () => {
    expect(cellOf(() => KC.margin("Gross margin"))).toEqual(
      bad("Gross margin is already a margin; use KC.VALUE for it")
    );
    expect(cellOf(() => KC.margin("bs.cash"))).toEqual(
      bad("Cash and cash equivalents is a balance at a date")
    );
    expect(cellOf(() => KC.margin("is.shares_basic_diluted"))).toEqual(bad("is not an amount"));
  });
});

describe("KC.SERIES", () => {
  test("a row of periods over a row of figures", () => {
    expect(KC.series("revenue.total")).toEqual([
      ["2025Q1", "2025Q4", "2026Q1"],
      [1969977, 2761387, 2703732],
    ]);
    expect(KC.series("is.cor.idc", "RMB", "millions")).toEqual([
      ["2025Q1", "2026Q1"],
      [-722.8, -911.1],
    ]);
    const cash = atOnce(KC.series("bs.cash", "USD"));
    expect(cash[0]).toEqual(["2025-12-31", "2026-03-31"]);
    expect(cash[1][0]).toBeCloseTo(6018043 / RATE, 8);
    expect(cash[1][1]).toBe(710901);
  });
});

describe("KC.TABLE", () => {
  test("the balance sheet as printed, sections included", () => {
    const t = atOnce(KC.table("balance_sheet"));
    expect(t[0]).toEqual(["Balance sheet", "2025-12-31", "2026-03-31"]);
    expect(t[1]).toEqual(["Current assets", "", ""]);
    expect(t[2]).toEqual(["Cash and cash equivalents", 6018043, 4903797]);
    expect(t).toContainEqual(["Total assets", 26729189, 28456254]);
    expect(t).toContainEqual(["Treasury shares", -31068, -18958]);
    expect(t[t.length - 1]).toEqual([
      "Total liabilities, non-controlling interests and shareholders’ equity",
      26729189,
      28456254,
    ]);
  });

  test("the cash flow in US$ millions", () => {
    const t = atOnce(KC.table("CF", "USD", "millions"));
    expect(t[0]).toEqual(["Cash flow statement", "2025Q1", "2025Q4", "2026Q1"]);
    expect(t[t.length - 1][0]).toBe("Cash, cash equivalents and restricted cash at end of period");
    expect(t[t.length - 1][3]).toBe(717.7);
  });

  test("the reconciliation, margins as fractions and nil as zero", () => {
    const t = atOnce(KC.table("non_gaap"));
    expect(t).toContainEqual([
      "Adjusted EBITDA (Non-GAAP Financial Measure)",
      318543,
      785248,
      747506,
    ]);
    expect(t).toContainEqual(["Gain on disposal of property and equipment", -2110, -72662, 0]);
    expect(t).toContainEqual(["Normalized Adjusted operating loss margin", -0.029, -0.007, -0.022]);
  });

  test("an unknown statement", () => {
    expect(cellOf(() => KC.table("balance shet"))).toEqual(
      bad(
        'Unknown statement "balance shet"; did you mean "balance_sheet"? Expected income_statement, balance_sheet, cash_flow, non_gaap, operating'
      )
    );
  });
});

describe("KC.PERIODS, KC.ITEMS", () => {
  test("periods", () => {
    expect(KC.periods()).toEqual([
      ["Period", "Kind", "Ends"],
      ["2025Q1", "quarter", "2025-03-31"],
      ["2025-12-31", "balance sheet date", "2025-12-31"],
      ["2025Q4", "quarter", "2025-12-31"],
      ["2026-03-31", "balance sheet date", "2026-03-31"],
      ["2026Q1", "quarter", "2026-03-31"],
    ]);
  });

  test("items, with a name that finds each without ambiguity", () => {
    const all = atOnce(KC.items());
    expect(all[0]).toEqual([
      "Id",
      "Label",
      "Statement",
      "Section",
      "Unit",
      "Also found by",
      "Note",
    ]);
    // 109 printed lines and 5 computed measures (total debt, net cash, three per-share figures).
    expect(all).toHaveLength(115);
    expect(all.slice(-5).map((r) => r[0])).toEqual([
      "calc.total_debt",
      "calc.net_cash",
      "calc.net_loss_per_ads",
      "calc.adjusted_net_loss_per_share",
      "calc.adjusted_net_loss_per_ads",
    ]);
    expect(all).toContainEqual([
      "bs.prepayments_current",
      "Current assets / Prepayments and other assets",
      "balance_sheet",
      "Current assets",
      "thousands",
      "",
      "",
    ]);
    const ng = atOnce(KC.items("non_gaap"));
    // The reconciliation's 28 lines, then the two non-GAAP per-share figures computed from them.
    expect(ng.slice(1, 29).every((r) => String(r[0]).startsWith("ng."))).toBe(true);
    expect(ng.slice(29).map((r) => r[0])).toEqual([
      "calc.adjusted_net_loss_per_share",
      "calc.adjusted_net_loss_per_ads",
    ]);
  });
});

describe("KC.SOURCE and KC.FXRATE", () => {
  test("a table figure: table, row, column and line", () => {
    expect(KC.source("is.cost_of_revenues", "2026Q1")).toBe(
      'UNAUDITED CONDENSED CONSOLIDATED STATEMENTS OF COMPREHENSIVE LOSS, row "Cost of revenues", column "Three Months Ended Mar 31, 2026 RMB", line 563 of kc-2026q1-earnings-release.txt: (2,357,984)'
    );
  });

  test("a prose figure, and a converted one", () => {
    expect(KC.source("IDC costs", "2026Q1", "USD")).toBe(
      'text of the release, "IDC costs", line 20 of kc-2026q1-earnings-release.txt: US$132.1 million (published US$ figure)'
    );
    expect(KC.source("revenue.total", "2025Q1", "USD")).toMatch(
      /line 549 of kc-2026q1-earnings-release.txt: 1,969,977; translated to US\$ at the release's rate of RMB6\.8980 = US\$1\.00 \(line 19\) and not rounded, as the release prints no US\$ figure for 2025Q1$/
    );
  });

  test("the convenience rate", () => {
    expect(KC.fxRate()).toBe(6.898);
  });
});
