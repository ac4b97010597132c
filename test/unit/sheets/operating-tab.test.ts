import { Financials } from "../../../src/core/financials";
import { bundledDataset } from "../../../src/data/load";
import { buildModel } from "../../../src/sheets/model";
import { DEFAULT_OPTIONS, FORMATS } from "../../../src/sheets/types";
import { percent, tabView } from "../../helpers/plan-view";
import { printed } from "../../helpers/release";

/**
 * KC Operating Figures: what the release states only in its text. Figures typed from the text
 * ("RMB911.1 million" is (911,100) in thousands: costs are negative, as the statements show them)
 * and from its statements where the text is checked against them.
 */

const fin = new Financials(bundledDataset());
const model = buildModel(fin, DEFAULT_OPTIONS);
const op = tabView(model, "operating");
const is = tabView(model, "income_statement");
const at = (label: string, col: string, nth = 0) => op.value(`${col}${op.row(label, nth)}`);

const RATE = "RMB per US$1.00 (noon buying rate)";
const AT_RATE = "Total revenues at the convenience rate";
const SUM = "Sum of the costs stated";
const ROUNDED = "Cost of revenues, to 0.1m as the text";
const RATIO = "Shares per ADS (shares / ADSs, whole)";
const IMPLIED = "ADSs implied: shares / shares per ADS";
const CAPEX = "Capital expenditures and leased assets obtained";

test("the rate, the costs by nature, investment, AI business and share capital, in that order", () => {
  expect(op.text("A1")).toBe(
    "Kingsoft Cloud (NASDAQ: KC, HKEX: 3896) · Operating figures stated in the text · RMB and US$ thousands"
  );
  const labels = op.labels();
  expect(labels.slice(0, labels.indexOf("As reported (for the checks)"))).toEqual([
    "Exchange rate at Mar 31, 2026",
    RATE,
    "Total revenues",
    AT_RATE,
    "Cost of revenues by nature (text, 0.1m)",
    "IDC costs",
    "Depreciation and amortization costs",
    "Solution development and services costs",
    "Fulfillment costs",
    "Other costs",
    SUM,
    "Cost of revenues (income statement)",
    ROUNDED,
    "Costs by nature, % of revenues",
    "IDC costs",
    "Depreciation and amortization costs",
    "Solution development and services costs",
    "Fulfillment costs",
    "Other costs",
    "Investment (text, RMB billions)",
    "Capex and leased assets obtained",
    "Capex and leased assets, % of revenues",
    "AI business",
    "AI gross billing (growth as stated)",
    "Share capital (as of Mar 31, 2026)",
    "Outstanding ordinary shares",
    "Equivalent ADSs",
    RATIO,
    IMPLIED,
  ]);
});

describe("the exchange rate", () => {
  test("RMB6.8980 to US$1.00, the model's one rate cell, to four places", () => {
    const r = op.row(RATE);
    expect(op.text(`F${r}`)).toBe('=KC.VALUE("fx.rmb_per_usd","2026-03-31")');
    expect(op.value(`F${r}`)).toBe(6.898);
    expect(op.cell(`F${r}`)?.format).toBe(FORMATS.rate);
    expect(
      op.plan.cells.filter((c) => c.row === r - 1 && c.col > 0 && c.style !== "missing")
    ).toHaveLength(1);
  });

  test("total revenues at the rate tie to the published US$391,959 thousand", () => {
    const r = op.row(AT_RATE);
    expect(op.text(`G${r}`)).toBe(`=F${op.row("Total revenues")}/F${op.row(RATE)}`);
    expect(op.text(`F${r}`)).toBeUndefined();
    // 2,703,732 / 6.898 = 391,958.8…, which the release prints as 391,959.
    expect(Math.round(Number(at(AT_RATE, "G")))).toBe(printed("391,959"));
    const tie = op.row("Revenues at the rate − published US$");
    expect(op.text(`G${tie}`)).toBe(`=ROUND(G${r}-G${op.row("Total revenues")},0)`);
    // (391,958.8… − 391,959 rounds to minus zero.)
    expect(Math.abs(Number(op.value(`G${tie}`)))).toBe(0);
    expect(op.text(`F${op.row("Total revenues")}`)).toBe(
      `='KC Income Statement'!F${is.row("Total revenues")}`
    );
  });
});

describe("cost of revenues by nature", () => {
  test("each cost as the text states it, in RMB and US$, negative as costs are", () => {
    const costs: [string, string, string, string][] = [
      ["IDC costs", "(722,800)", "(911,100)", "(132,100)"],
      ["Depreciation and amortization costs", "(378,500)", "(818,900)", "(118,700)"],
      ["Solution development and services costs", "(505,200)", "(574,800)", "(83,300)"],
    ];
    for (const [label, q1, q1now, usd] of costs)
      expect(`${label}: ${at(label, "B")} ${at(label, "F")} ${at(label, "G")}`).toBe(
        `${label}: ${printed(q1)} ${printed(q1now)} ${printed(usd)}`
      );
    // Fulfillment and other costs are stated for this quarter only.
    expect([at("Fulfillment costs", "F"), at("Other costs", "F")]).toEqual([
      printed("(1,800)"),
      printed("(51,400)"),
    ]);
    expect(op.text(`B${op.row("Fulfillment costs")}`)).toBeUndefined();
    expect(op.text(`F${op.row("IDC costs")}`)).toBe(
      '=KC.VALUE("is.cor.idc","2026Q1","RMB","thousands")'
    );
  });

  test("their sum ties to the income statement's cost of revenues rounded as the text rounds", () => {
    const sum = op.row(SUM);
    expect(op.text(`F${sum}`)).toBe(`=SUM(F${op.row("IDC costs")}:F${op.row("Other costs")})`);
    expect(at(SUM, "F")).toBe(printed("(2,358,000)"));
    expect(at(SUM, "G")).toBe(printed("(341,800)"));
    expect(op.text(`F${op.row("Cost of revenues (income statement)")}`)).toBe(
      `='KC Income Statement'!F${is.row("Cost of revenues")}`
    );
    expect(op.text(`F${op.row(ROUNDED)}`)).toBe(
      `=ROUND(F${op.row("Cost of revenues (income statement)")},-2)`
    );
    // (2,357,984) is RMB2,358.0 million; (341,836) US$341.8 million.
    expect(at(ROUNDED, "F")).toBe(printed("(2,358,000)"));
    expect(at(ROUNDED, "G")).toBe(printed("(341,800)"));
    const tie = op.row("Costs stated − cost of revenues");
    expect(op.text(`F${tie}`)).toBe(`=ROUND(F${sum}-F${op.row(ROUNDED)},0)`);
    expect([op.value(`F${tie}`), op.value(`G${tie}`)]).toEqual([0, 0]);
    // Q1 2025 states three of the five costs only: no sum, no tie there.
    expect(op.text(`B${sum}`)).toBeUndefined();
    expect(op.text(`B${tie}`)).toBeUndefined();
  });

  test("growth where the text states it: IDC up 26.1%, solution development up 13.8%", () => {
    expect(percent(at("IDC costs", "H"))).toBe(26.1);
    expect(percent(at("Solution development and services costs", "H"))).toBe(13.8);
    const stated = op.plan.checks.filter((c) => c.ties === "growth − stated").map((c) => c.line);
    expect(stated).toEqual(["IDC costs", "Solution development and services costs"]);
    expect(op.text(`F${op.row("IDC costs", 2)}`)).toBeUndefined();
    expect(op.text(`H${op.row("IDC costs", 2)}`)).toBe(
      '=KC.GROWTH("is.cor.idc","2026Q1","YoY","reported")'
    );
  });

  test("each as a share of total revenues, changing in points", () => {
    const idc = op.row("IDC costs", 1);
    expect(op.text(`F${idc}`)).toBe(`=F${op.row("IDC costs")}/F${op.row("Total revenues")}`);
    // (911,100) / 2,703,732 and (722,800) / 1,969,977.
    expect(percent(op.value(`F${idc}`))).toBe(-33.7);
    expect(percent(op.value(`B${idc}`))).toBe(-36.7);
    expect(op.cell(`H${idc}`)?.format).toBe(FORMATS.points);
  });

  test("in millions, the text's rounding is to one decimal", () => {
    const millions = tabView(
      buildModel(fin, { ...DEFAULT_OPTIONS, unit: "millions" }),
      "operating"
    );
    const r = millions.row(ROUNDED);
    expect(millions.text(`F${r}`)).toBe(
      `=ROUND(F${millions.row("Cost of revenues (income statement)")},1)`
    );
    expect(millions.value(`F${r}`)).toBe(-2358);
    expect(millions.value(`G${millions.row(SUM)}`)).toBe(-341.8);
  });
});

describe("investment and the AI business", () => {
  test("capital expenditures and leased assets: RMB3 billion, as a share of revenues", () => {
    expect(op.text(`F${op.row(CAPEX)}`)).toBe(
      '=KC.VALUE("op.capex_and_leased_assets","2026Q1","RMB","thousands")'
    );
    expect(at(CAPEX, "F")).toBe(3000000);
    expect(percent(at(`${CAPEX}, % of total revenues`, "F"))).toBe(111.0);
  });

  test("AI gross billing grew 90% year over year: the stated rate is the input", () => {
    const r = op.row("Gross billing of AI business (growth as stated)");
    expect(op.text(`H${r}`)).toBe('=KC.GROWTH("op.ai_gross_billing","2026Q1","YoY","reported")');
    expect(op.cell(`H${r}`)?.style).toBe("input");
    expect(op.value(`H${r}`)).toBe(0.9);
    expect(
      op.plan.cells.filter((c) => c.row === r - 1 && c.col > 0 && c.style !== "missing")
    ).toHaveLength(1);
  });
});

describe("share capital", () => {
  test("4,490,544,972 shares and 299,369,665 ADSs: 15 shares per ADS", () => {
    expect(at("Outstanding ordinary shares", "F")).toBe(printed("4,490,544,972"));
    expect(at("Equivalent ADSs", "F")).toBe(printed("299,369,665"));
    const ratio = op.row(RATIO);
    expect(op.text(`F${ratio}`)).toBe(
      `=ROUND(F${op.row("Outstanding ordinary shares")}/F${op.row("Equivalent ADSs")},0)`
    );
    expect(op.value(`F${ratio}`)).toBe(15);
    expect(op.cell(`F${ratio}`)?.format).toBe(FORMATS.shares);
    // Counts do not grow.
    expect(op.text(`H${op.row("Outstanding ordinary shares")}`)).toBeUndefined();
  });

  test("the ADSs implied by the ratio are the ADSs stated, to the ADS", () => {
    expect(at(IMPLIED, "F")).toBe(printed("299,369,665"));
    const tie = op.row("ADSs implied − ADSs as stated");
    expect(op.text(`F${tie}`)).toBe(`=ROUND(F${op.row(IMPLIED)}-F${op.row("Equivalent ADSs")},0)`);
    expect(op.plan.checks.find((c) => c.line === "ADSs implied − ADSs as stated")?.ties).toBe(
      "shares ÷ ratio − ADSs"
    );
  });
});

test("six checks, all 0", () => {
  expect(op.plan.checks.map((c) => `${c.line} (${c.column})`)).toEqual([
    "IDC costs (YoY 1Q26)",
    "Solution development and services costs (YoY 1Q26)",
    "Revenues at the rate − published US$ (1Q26 US$)",
    "Costs stated − cost of revenues (1Q26)",
    "Costs stated − cost of revenues (1Q26 US$)",
    "ADSs implied − ADSs as stated (1Q26)",
  ]);
  expect(model.failures().filter((c) => c.at.tab === "operating")).toEqual([]);
});
