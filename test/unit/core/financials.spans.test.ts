import { Financials } from "../../../src/core/financials";
import { KcFormulas } from "../../../src/core/formulas";
import { runKc } from "../../../src/core/registry";
import { bundledDataset } from "../../../src/data/load";
import type { Dataset, Fact } from "../../../src/domain/dataset";

/**
 * Years, halves and the last twelve months, summed from quarters. The release prints 2025Q1,
 * 2025Q4 and 2026Q1; the two quarters between are SYNTHETIC test figures (never data), added
 * here so that a full year can be summed.
 */

const SYNTHETIC: Record<string, Record<string, string>> = {
  "revenue.total": { "2025Q2": "2100000", "2025Q3": "2400000" },
  "is.gross_profit": { "2025Q2": "350000", "2025Q3": "400000" },
};

function withMiddleQuarters(): Dataset {
  const ds = structuredClone(bundledDataset());
  ds.periods.push(
    { id: "2025Q2", kind: "quarter", end: "2025-06-30" },
    { id: "2025Q3", kind: "quarter", end: "2025-09-30" }
  );
  for (const [item, byPeriod] of Object.entries(SYNTHETIC)) {
    const model = ds.facts.find((f) => f.item === item && f.period === "2025Q4")!;
    for (const [period, value] of Object.entries(byPeriod)) {
      const fact: Fact = {
        ...model,
        period,
        value,
        prov: { ...model.prov, printed: value, release: "synthetic" },
      };
      ds.facts.push(fact);
    }
  }
  return ds;
}

const bundled = new KcFormulas(new Financials(bundledDataset()));
const full = new KcFormulas(new Financials(withMiddleQuarters()));
const ask = (k: KcFormulas, fn: string, ...args: unknown[]) => runKc(k, fn, args);

test("a year of a flow is the sum of its four quarters", () => {
  // Printed: 1,969,977 (Q1 2025) and 2,761,387 (Q4 2025); Q2 and Q3 synthetic.
  expect(ask(full, "VALUE", "revenue.total", "FY2025")).toBe(1969977 + 2100000 + 2400000 + 2761387);
  expect(ask(full, "VALUE", "revenue.total", "2025")).toBe(1969977 + 2100000 + 2400000 + 2761387);
  expect(ask(full, "VALUE", "revenue.total", "LTM")).toBe(2100000 + 2400000 + 2761387 + 2703732);
  expect(ask(full, "VALUE", "revenue.total", "H2 2025")).toBe(2400000 + 2761387);
  expect(ask(full, "VALUE", "revenue.total", "FY2025", "RMB", "millions")).toBeCloseTo(9231.364, 9);
});

test("a margin over a span is the span's sums divided, and growth is against the span a year before", () => {
  expect(ask(full, "MARGIN", "gross profit", "LTM")).toBe(
    (350000 + 400000 + 465350 + 345748) / (2100000 + 2400000 + 2761387 + 2703732)
  );
  expect(() => ask(full, "GROWTH", "revenue.total", "FY2025")).toThrow(
    "Total revenues for FY2024 is the sum of 2024Q1, 2024Q2, 2024Q3, 2024Q4; the dataset lacks 2024Q1, 2024Q2, 2024Q3, 2024Q4"
  );
  expect(() => ask(full, "GROWTH", "revenue.total", "FY2025", "QoQ")).toThrow(
    /no sequential change/
  );
});

test("a span the data cannot form is an error naming the missing quarters, never a partial sum", () => {
  expect(() => ask(bundled, "VALUE", "revenue.total", "FY2025")).toThrow(
    "Total revenues for FY2025 is the sum of 2025Q1, 2025Q2, 2025Q3, 2025Q4; the dataset lacks 2025Q2, 2025Q3 (it has 2025Q1, 2025Q4, 2026Q1)"
  );
  expect(() => ask(bundled, "VALUE", "revenue.total", "LTM")).toThrow(/lacks 2025Q2, 2025Q3/);
  // Only the synthetic lines have the middle quarters.
  expect(() => ask(full, "VALUE", "R&D", "FY2025")).toThrow(/lacks 2025Q2, 2025Q3/);
});

test("what does not add up is refused; a balance over a span is the balance at its end", () => {
  expect(() => ask(full, "VALUE", "gross margin", "FY2025")).toThrow(/not the sum of its quarters/);
  expect(() => ask(full, "VALUE", "EPS", "FY2025")).toThrow(/not the sum of its quarters/);
  expect(() => ask(full, "VALUE", "net loss per ADS", "FY2025")).toThrow(
    /not the sum of its quarters/
  );
  expect(ask(bundled, "VALUE", "bs.cash", "FY2025")).toBe(6018043);
  expect(ask(bundled, "VALUE", "bs.cash", "LTM")).toBe(4903797);
});

test("KC.SOURCE says the figure is a sum of quarters and where each is", () => {
  const source = ask(full, "SOURCE", "revenue.total", "H2 2025") as string;
  expect(source).toMatch(
    /^Total revenues for H2 2025 is the sum of its quarters, not printed\. From: /
  );
  expect(source).toContain('column "Three Months Ended Dec 31, 2025 RMB"');
});
