import { Financials } from "../../../src/core/financials";
import { bundledDataset } from "../../../src/data/load";
import { buildModel } from "../../../src/sheets/model";
import { DEFAULT_OPTIONS } from "../../../src/sheets/types";
import { HEADLINES, latestName, lineName, uniqueNames } from "../../../src/sheets/workbook-names";

/** The workbook names of the model: one per line, one per headline's latest quarter. */

const model = buildModel(new Financials(bundledDataset()), DEFAULT_OPTIONS);
const all = model.plans.flatMap((p) => p.names.map((n) => ({ tab: p.key, ...n })));

test("a line's name is its tab's code and its short label, in the characters a name may have", () => {
  expect(lineName("income_statement", "Total revenues")).toBe("KC_IS_Total_revenues");
  expect(lineName("balance_sheet", "Total shareholders' equity")).toBe(
    "KC_BS_Total_shareholders_equity"
  );
  expect(lineName("reconciliation", "Adjusted EBITDA (Non-GAAP)")).toBe(
    "KC_NG_Adjusted_EBITDA_Non_GAAP"
  );
  expect(latestName("revenue.total")).toBe("KC_Revenue_LQ");
  expect(latestName("is.selling_marketing")).toBeUndefined();
  expect(
    uniqueNames([
      { name: "KC_IS_Other", row: 1, from: 1, to: 2 },
      { name: "kc_is_other", row: 2, from: 1, to: 2 },
    ]).map((n) => n.name)
  ).toEqual(["KC_IS_Other", "kc_is_other_2"]);
});

test("every name is unique in the workbook, valid in Excel, and no longer than 255 characters", () => {
  const names = all.map((n) => n.name);
  expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(names.length);
  for (const n of names) {
    expect(n).toMatch(/^KC_[A-Za-z0-9_]+$/);
    expect(n.length).toBeLessThanOrEqual(255);
  }
  expect(names.length).toBeGreaterThan(150);
});

test("each headline's _LQ name is the latest quarter's RMB cell of its line", () => {
  const lq = all.filter((n) => n.name.endsWith("_LQ"));
  expect(lq.map((n) => n.name).sort()).toEqual(
    [...HEADLINES.values()].map((w) => `KC_${w}_LQ`).sort()
  );
  const plan = model.plans.find((p) => p.key === "income_statement")!;
  const revenue = lq.find((n) => n.name === "KC_Revenue_LQ")!;
  expect([revenue.tab, revenue.from, revenue.to]).toEqual(["income_statement", 5, 5]);
  expect(plan.cells.find((c) => c.row === revenue.row && c.col === 0)?.value).toBe(
    "Total revenues"
  );
  expect(plan.layout.cols[revenue.from]).toBe("2026Q1|RMB|as printed");
});
