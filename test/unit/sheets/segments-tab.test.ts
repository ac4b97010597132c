import { Financials } from "../../../src/core/financials";
import { bundledDataset } from "../../../src/data/load";
import { ModelContext } from "../../../src/sheets/context";
import { buildModel } from "../../../src/sheets/model";
import { share } from "../../../src/sheets/segments-tab";
import { DEFAULT_OPTIONS, FORMATS } from "../../../src/sheets/types";
import { percent, tabView } from "../../helpers/plan-view";
import { printed } from "../../helpers/release";

/**
 * KC Segments & Margins: revenue by segment with growth and mix, every income statement line and
 * non-GAAP measure as a share of revenues, with the change in points. Figures typed from the
 * release; shares of revenue worked from its printed figures.
 */

const fin = new Financials(bundledDataset());
const model = buildModel(fin, DEFAULT_OPTIONS);
const seg = tabView(model, "segments");
const is = tabView(model, "income_statement");
const ng = tabView(model, "reconciliation");
const at = (label: string, col: string, nth = 0) => seg.value(`${col}${seg.row(label, nth)}`);

test("revenue by segment, the mix, the income statement and non-GAAP measures over revenues", () => {
  expect(seg.text("A1")).toBe(
    "Kingsoft Cloud (NASDAQ: KC, HKEX: 3896) · Segments and margins · RMB and US$ thousands"
  );
  expect(seg.labels()).toEqual([
    "Revenues by segment",
    "Public cloud services",
    "Enterprise cloud services",
    "Total revenues",
    "Mix: share of total revenues",
    "Public cloud services",
    "Enterprise cloud services",
    "Income statement as % of total revenues",
    "Cost of revenues",
    "Gross profit",
    "Selling and marketing expenses",
    "General and administrative expenses",
    "Research and development expenses",
    "Total operating expenses",
    "Operating loss",
    "Interest income",
    "Interest expense",
    "Foreign exchange gain (loss)",
    "Other gain (loss), net",
    "Other (expense) income, net",
    "Loss before income taxes",
    "Income tax (expense) benefit",
    "Net loss",
    "Less: NCI share of net (loss) profit",
    "Net loss attributable to shareholders",
    "Foreign currency translation adjustments",
    "Comprehensive loss",
    "Less: NCI share of comprehensive (loss)",
    "Comprehensive loss to shareholders",
    "Non-GAAP measures as % of total revenues",
    "Adjusted gross margin",
    "Adjusted net loss margin",
    "Adjusted EBITDA margin",
    "Normalized Adjusted EBITDA margin",
    "Adjusted operating margin",
    "Normalized adj. operating margin",
  ]);
});

test("segment revenues and their growth are links to the income statement", () => {
  const pub = seg.row("Public cloud services");
  expect(seg.text(`F${pub}`)).toBe(`='KC Income Statement'!F${is.row("Public cloud services")}`);
  expect(seg.text(`H${pub}`)).toBe(`='KC Income Statement'!H${is.row("Public cloud services")}`);
  expect(seg.cell(`F${pub}`)?.style).toBe("link");
  expect(at("Public cloud services", "F")).toBe(printed("1,996,301"));
  expect(at("Enterprise cloud services", "G")).toBe(printed("102,556"));
  expect(at("Total revenues", "E")).toBe(printed("2,761,387"));
  expect(percent(at("Public cloud services", "H"))).toBe(47.5);
  expect(percent(at("Enterprise cloud services", "I"))).toBe(-17.6);
  expect(percent(at("Total revenues", "H"))).toBe(37.2);
  expect(seg.cell(`A${seg.row("Total revenues")}`)?.style).toBe("total-label");
});

test("the mix: each segment over total revenues, with its change in points", () => {
  const pub = seg.row("Public cloud services", 1);
  expect(seg.text(`F${pub}`)).toBe(
    `=F${seg.row("Public cloud services")}/F${seg.row("Total revenues")}`
  );
  // 1,996,301 / 2,703,732 and 1,353,479 / 1,969,977.
  expect(percent(at("Public cloud services", "F", 1))).toBe(73.8);
  expect(percent(at("Public cloud services", "B", 1))).toBe(68.7);
  expect(percent(at("Enterprise cloud services", "F", 1))).toBe(26.2);
  expect(
    Number(at("Public cloud services", "F", 1)) + Number(at("Enterprise cloud services", "F", 1))
  ).toBeCloseTo(1, 12);
  expect(percent(at("Public cloud services", "H", 1))).toBe(5.1);
  expect(seg.cell(`H${pub}`)?.format).toBe(FORMATS.points);
  // Shares are the same in any currency: the US$ column has none.
  expect(seg.text(`G${pub}`)).toBeUndefined();
});

test("income statement lines over revenues; the ones the reconciliation checks are linked", () => {
  const cost = seg.row("Cost of revenues");
  expect(seg.text(`F${cost}`)).toBe(
    `='KC Income Statement'!F${is.row("Cost of revenues")}/F${seg.row("Total revenues")}`
  );
  // (2,357,984) / 2,703,732
  expect(percent(at("Cost of revenues", "F"))).toBe(-87.2);
  const gross = seg.row("Gross profit");
  expect(seg.text(`F${gross}`)).toBe(`='KC Non-GAAP Reconciliation'!F${ng.row("Gross margin")}`);
  expect(seg.cell(`F${gross}`)?.style).toBe("link");
  expect(seg.text(`F${seg.row("Net loss")}`)).toBe(
    `='KC Non-GAAP Reconciliation'!F${ng.row("Net loss margin")}`
  );
  // "Gross margin was 12.8% in this quarter, compared with 16.2% ... and 16.9%".
  expect([
    percent(at("Gross profit", "F")),
    percent(at("Gross profit", "H")),
    percent(at("Gross profit", "I")),
  ]).toEqual([12.8, -3.4, -4.1]);
  expect(percent(at("Net loss", "F"))).toBe(-12.7);
});

test("non-GAAP margins linked from the reconciliation, with their change in points", () => {
  const ebitda = "Adjusted EBITDA margin (Non-GAAP Financial Measure)";
  expect(seg.text(`F${seg.row(ebitda)}`)).toBe(`='KC Non-GAAP Reconciliation'!F${ng.row(ebitda)}`);
  expect(seg.text(`H${seg.row(ebitda)}`)).toBe(`='KC Non-GAAP Reconciliation'!H${ng.row(ebitda)}`);
  expect(percent(at(ebitda, "F"))).toBe(27.6);
  expect(percent(at(ebitda, "H"))).toBe(11.4);
  expect(percent(at("Adjusted gross margin (Non-GAAP Financial Measure)", "F"))).toBe(13.0);
  expect(percent(at("Normalized Adjusted operating loss margin", "E"))).toBe(-0.7);
});

test("nothing on this tab enters or is checked here: its figures are checked at home", () => {
  expect(seg.plan.checks).toEqual([]);
  expect(seg.plan.cells.some((c) => c.style === "input" || c.style === "reported")).toBe(false);
});

test("share: a line over total revenues, under a heading", () => {
  const ctx = new ModelContext(fin, DEFAULT_OPTIONS);
  expect(share(ctx.item("is.cost_of_revenues"), "Costs")).toEqual({
    key: "is.cost_of_revenues.share_of_revenue",
    label: "Cost of revenues",
    kind: "percent",
    source: { kind: "ratio", numerator: "is.cost_of_revenues", denominator: "revenue.total" },
    indent: 1,
    headings: [{ text: "Costs", style: "heading" }],
  });
});
