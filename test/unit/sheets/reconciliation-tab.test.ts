import { Financials } from "../../../src/core/financials";
import { bundledDataset } from "../../../src/data/load";
import { buildModel } from "../../../src/sheets/model";
import { DEFAULT_OPTIONS, FORMATS } from "../../../src/sheets/types";
import { percent, tabView } from "../../helpers/plan-view";
import { printed } from "../../helpers/release";

/**
 * KC Non-GAAP Reconciliation: the release's reconciliation tables, linked to the income statement
 * where it shows the line, with every margin and the per-share and per-ADS figures. Figures are
 * typed from the release's reconciliation tables (RMB thousands as printed, margins in percent).
 */

const model = buildModel(new Financials(bundledDataset()), DEFAULT_OPTIONS);
const ng = tabView(model, "reconciliation");
const at = (label: string, col: string, nth = 0) => ng.value(`${col}${ng.row(label, nth)}`);
const formula = (label: string, nth = 0) => ng.text(`F${ng.row(label, nth)}`);

const ADJUSTED_GP = "Adjusted gross profit (Non-GAAP Financial Measure)";
const ADJUSTED_NL = "Adjusted net loss (Non-GAAP Financial Measure)";
const EBITDA = "Adjusted EBITDA (Non-GAAP Financial Measure)";
const NORMALIZED_EBITDA =
  "Excluding gain on disposal of property and equipment, normalized Adjusted EBITDA";
const ADJUSTED_OL = "Adjusted operating (loss) profit (Non-GAAP Financial Measure)";
const NORMALIZED_OL =
  "Excluding gain on disposal of property and equipment, normalized Adjusted operating loss";
const SBC = "Share-based compensation expenses";
const GAIN = "Gain on disposal of property and equipment";

test("the title, and the same columns as the income statement", () => {
  expect(ng.text("A1")).toBe(
    "Kingsoft Cloud (NASDAQ: KC, HKEX: 3896) · Reconciliation of GAAP and non-GAAP results · RMB and US$ thousands"
  );
  const headers = (view: typeof ng) =>
    ["B", "E", "F", "G", "H", "I"].map((c) => view.text(`${c}4`));
  expect(headers(ng)).toEqual(["1Q25", "4Q25", "1Q26", "1Q26 US$", "YoY 1Q26", "QoQ 1Q26"]);
  expect(headers(ng)).toEqual(headers(tabView(model, "income_statement")));
  expect(ng.column(/^1Q26 US\$$/)).toBe("G");
});

test("each reconciliation table under its name, then margins, then per share and per ADS", () => {
  const labels = ng.labels();
  expect(labels.slice(0, labels.indexOf("Margins (of total revenues)"))).toEqual([
    "Gross profit reconciliation",
    "Gross profit",
    "Adjustments",
    "SBC in cost of revenues",
    "Adjusted gross profit",
    "Net loss reconciliation",
    "Net Loss",
    "Adjustments",
    SBC,
    "Foreign exchange (gain) loss",
    "Adjusted net loss",
    "Adjustments",
    "Interest income",
    "Interest expense",
    "Income tax expense (benefit)",
    "Depreciation and amortization",
    "Adjusted EBITDA",
    "Gain on disposal of PP&E",
    "Normalized adjusted EBITDA",
    "Operating loss reconciliation",
    "Operating loss",
    "Adjustments",
    SBC,
    "Amortization of intangible assets",
    "Adjusted operating (loss) profit",
    "Gain on disposal of PP&E",
    "Normalized adjusted operating loss",
  ]);
  const rest = labels.slice(
    labels.indexOf("Margins (of total revenues)"),
    labels.indexOf("As reported (for the checks)")
  );
  expect(rest).toEqual([
    "Margins (of total revenues)",
    "Total revenues",
    "Gross margin",
    "Adjusted gross margin",
    "Net loss margin",
    "Adjusted net loss margin",
    "Adjusted EBITDA margin",
    "Normalized Adjusted EBITDA margin",
    "Adjusted operating margin",
    "Normalized adj. operating margin",
    "Per share and per ADS (Non-GAAP)",
    "Adj. net loss per share (incl. NCI)",
    "Ordinary shares per ADS",
    "Adjusted net loss per ADS",
  ]);
});

test("the non-GAAP measures come to the release's figures in each quarter and in US$", () => {
  const measures: [string, string, string, string, string][] = [
    [ADJUSTED_GP, "327,671", "470,876", "351,406", "50,943"],
    [ADJUSTED_NL, "(190,550)", "(94,632)", "(237,143)", "(34,380)"],
    [EBITDA, "318,543", "785,248", "747,506", "108,365"],
    [NORMALIZED_EBITDA, "316,433", "712,586", "747,506", "108,365"],
    [ADJUSTED_OL, "(55,809)", "54,586", "(59,817)", "(8,672)"],
    [NORMALIZED_OL, "(57,919)", "(18,076)", "(59,817)", "(8,672)"],
  ];
  for (const [label, q1, q4, q1now, usd] of measures)
    expect(`${label}: ${["B", "E", "F", "G"].map((c) => at(label, c)).join(" ")}`).toBe(
      `${label}: ${[q1, q4, q1now, usd].map(printed).join(" ")}`
    );
});

test("GAAP lines and the adjustments the income statement shows are links to it", () => {
  const is = tabView(model, "income_statement");
  const isCell = (label: string) => `'KC Income Statement'!F${is.row(label)}`;
  expect(formula("Gross profit")).toBe(`=${isCell("Gross profit")}`);
  expect(formula("Net Loss")).toBe(`=${isCell("Net loss")}`);
  expect(formula("Operating loss")).toBe(`=${isCell("Operating loss")}`);
  // The adjustments take the opposite sign of the statement's line.
  expect(formula("Foreign exchange (gain) loss")).toBe(
    `=-${isCell("Foreign exchange gain (loss)")}`
  );
  expect(formula("Interest income")).toBe(`=-${isCell("Interest income")}`);
  expect(formula("Interest expense")).toBe(`=-${isCell("Interest expense")}`);
  expect(formula("Income tax expense (benefit)")).toBe(
    `=-${isCell("Income tax (expense) benefit")}`
  );
  expect(ng.cell(`F${ng.row("Gross profit")}`)?.style).toBe("link");
  expect(at("Foreign exchange (gain) loss", "F")).toBe(printed("44,006"));
  expect(at("Interest income", "E")).toBe(printed("(39,039)"));
  expect(at("Income tax expense (benefit)", "E")).toBe(printed("(13,437)"));
});

test("adjustments no statement shows enter here, once", () => {
  expect(formula("Share-based compensation expenses (allocated in cost of revenues)")).toBe(
    '=KC.VALUE("ng.gp.sbc","2026Q1","RMB","thousands")'
  );
  expect(formula(SBC, 0)).toBe('=KC.VALUE("ng.nl.sbc","2026Q1","RMB","thousands")');
  expect(formula("Depreciation and amortization")).toBe(
    '=KC.VALUE("ng.ebitda.depreciation_amortization","2026Q1","RMB","thousands")'
  );
  // The operating loss reconciliation's share-based compensation and disposal gain are the net
  // loss reconciliation's, on this tab.
  expect(formula(SBC, 1)).toBe(`=F${ng.row(SBC, 0)}`);
  expect(formula(GAIN, 1)).toBe(`=F${ng.row(GAIN, 0)}`);
  expect(at(SBC, "B", 1)).toBe(printed("134,611"));
  expect(at("Depreciation and amortization", "F")).toBe(printed("858,003"));
  expect(at("Amortization of intangible assets", "E")).toBe(printed("42,531"));
  // "-" in the release: no gain in Q1 2026.
  expect(at(GAIN, "F")).toBe(0);
  expect(at(GAIN, "E")).toBe(printed("(72,662)"));
});

test("the totals are native sums of the lines above them", () => {
  expect(formula(ADJUSTED_NL)).toBe(
    `=F${ng.row("Net Loss")}+F${ng.row(SBC)}+F${ng.row("Foreign exchange (gain) loss")}`
  );
  expect(formula(NORMALIZED_EBITDA)).toBe(`=F${ng.row(EBITDA)}+F${ng.row(GAIN)}`);
  expect(ng.cell(`F${ng.row(EBITDA)}`)?.style).toBe("total");
});

test("margins: each line over total revenues, as the release prints them", () => {
  const margins: [string, number, number, number][] = [
    ["Gross margin", 16.2, 16.9, 12.8],
    ["Adjusted gross margin (Non-GAAP Financial Measure)", 16.6, 17.1, 13.0],
    ["Net loss margin", -16.0, -5.9, -12.7],
    ["Adjusted net loss margin (Non-GAAP Financial Measure)", -9.7, -3.4, -8.8],
    ["Adjusted EBITDA margin (Non-GAAP Financial Measure)", 16.2, 28.4, 27.6],
    ["Normalized Adjusted EBITDA margin", 16.1, 25.8, 27.6],
    ["Adjusted operating (loss) profit margin (Non-GAAP Financial Measure)", -2.8, 2.0, -2.2],
    ["Normalized Adjusted operating loss margin", -2.9, -0.7, -2.2],
  ];
  for (const [label, q1, q4, q1now] of margins)
    expect(`${label}: ${["B", "E", "F"].map((c) => percent(at(label, c))).join(" ")}`).toBe(
      `${label}: ${q1} ${q4} ${q1now}`
    );
  const revenue = ng.row("Total revenues");
  expect(ng.text(`F${revenue}`)).toBe(
    `='KC Income Statement'!F${tabView(model, "income_statement").row("Total revenues")}`
  );
  expect(formula("Gross margin")).toBe(`=F${ng.row("Gross profit")}/F${revenue}`);
  expect(formula("Adjusted EBITDA margin (Non-GAAP Financial Measure)")).toBe(
    `=F${ng.row(EBITDA)}/F${revenue}`
  );
  // A margin is the same in any currency: none in the US$ column.
  expect(ng.text(`G${ng.row("Gross margin")}`)).toBeUndefined();
  expect(ng.cell(`F${ng.row("Gross margin")}`)?.format).toBe(FORMATS.percent);
});

test("the EBITDA margin rose 11.4 points, and adjusted gross profit 7.2%, as stated", () => {
  const margin = ng.row("Adjusted EBITDA margin (Non-GAAP Financial Measure)");
  expect(ng.text(`H${margin}`)).toBe(`=ROUND(F${margin},3)-ROUND(B${margin},3)`);
  expect(percent(ng.value(`H${margin}`))).toBe(11.4);
  expect(ng.cell(`H${margin}`)?.format).toBe(FORMATS.points);
  expect(percent(at(ADJUSTED_GP, "H"))).toBe(7.2);
  const stated = ng.plan.checks.filter((c) => c.ties.endsWith("− stated"));
  expect(stated.map((c) => `${c.line}: ${c.ties}`)).toEqual([
    `${ADJUSTED_GP}: growth − stated`,
    "Adjusted EBITDA margin (Non-GAAP Financial Measure): points − stated",
  ]);
});

test("adjusted net loss per share and per ADS: over the shares used, times shares per ADS", () => {
  const perShare = ng.row("Adjusted net loss per share (incl. non-controlling interests)");
  const shares = tabView(model, "income_statement").row("Basic and diluted", 1);
  expect(ng.text(`F${perShare}`)).toBe(
    `=F${ng.row(ADJUSTED_NL)}*1000/'KC Income Statement'!F${shares}`
  );
  expect(Number(ng.value(`F${perShare}`))).toBeCloseTo((-237143 * 1000) / 4555310453, 15);
  const perAds = ng.row("Adjusted net loss per ADS");
  expect(ng.text(`F${perAds}`)).toBe(`=F${perShare}*F${ng.row("Ordinary shares per ADS")}`);
  expect(Number(ng.value(`G${perAds}`))).toBeCloseTo((-34380 * 1000 * 15) / 4555310453, 15);
});

test("every derived figure is checked against the release's, and every check is 0", () => {
  const reported = ng.row(EBITDA, 1);
  expect(ng.text(`F${reported}`)).toBe(
    '=KC.VALUE("ng.adjusted_ebitda","2026Q1","RMB","thousands")'
  );
  expect(ng.text(`F${ng.row(EBITDA, 2)}`)).toBe(`=ROUND(F${ng.row(EBITDA)}-F${reported},0)`);
  // Labels printed twice on the tab say which table they belong to in the checks.
  expect(
    ng.count("Operating loss reconciliation: Adjustments, share-based compensation expenses")
  ).toBe(2);
  expect(
    ng.count("Operating loss reconciliation: Gain on disposal of property and equipment")
  ).toBe(2);
  const margin = ng.row("Gross margin", 2);
  expect(ng.text(`F${margin}`)).toBe(
    `=ROUND(ROUND(F${ng.row("Gross margin")},3)-F${ng.row("Gross margin", 1)},3)`
  );
  expect(model.failures().filter((c) => c.at.tab === "reconciliation")).toEqual([]);
});
