import { checkReport, unprovableReport } from "../../../src/cli/check-report";
import { bundledDataset } from "../../../src/data/load";
import type { Check, Validation } from "../../../src/data/validate";
import { validateDataset } from "../../../src/data/validate";
import type { Fact } from "../../../src/domain/dataset";

/** What kc check prints: every identity in a table, a verdict, and the figures none pins down. */

const check = (over: Partial<Check>): Check => ({
  group: "Statements",
  identity: "Total revenues = public + enterprise cloud",
  period: "2026Q1",
  currency: "RMB",
  expected: "2703732",
  actual: "2703732",
  pass: true,
  ...over,
});

const fact = (item: string, period: string, printed: string, line: number): Fact => ({
  item,
  period,
  currency: null,
  value: "0",
  unit: "percent",
  basis: "yoy",
  source: "prose",
  prov: { release: "2026Q1", row: item, line, printed },
});

describe("checkReport", () => {
  test("a table of every identity, then how many pass", () => {
    const v: Validation = {
      checks: [
        check({}),
        check({ group: "US$ column", currency: "USD", expected: "391959", actual: "391958.8" }),
      ],
      unprovable: [],
    };
    expect(checkReport(v).split("\n")).toEqual([
      "group       identity                                    period  cur  expected    actual  pass",
      "----------  ------------------------------------------  ------  ---  --------  --------  ----",
      "Statements  Total revenues = public + enterprise cloud  2026Q1  RMB   2703732   2703732  pass",
      "US$ column  Total revenues = public + enterprise cloud  2026Q1  USD    391959  391958.8  pass",
      "",
      "All 2 identities pass.",
    ]);
  });

  test("failures are marked FAIL and counted", () => {
    const v: Validation = {
      checks: [
        check({}),
        check({ period: "2025Q1", expected: "1969978", actual: "1969977", pass: false }),
      ],
      unprovable: [],
    };
    const lines = checkReport(v).split("\n");
    expect(lines[3]).toMatch(/^Statements .* 2025Q1 .* 1969978 +1969977 {2}FAIL$/);
    expect(lines[lines.length - 1]).toBe("1 of 2 identities FAIL.");
  });

  test("the committed dataset: every identity passes, and five figures are left to the eye", () => {
    // The figures as the release prints them, and the release's lines they are on.
    const report = checkReport(validateDataset(bundledDataset())).split("\n");
    const verdict = report.findIndex((l) => /^All \d+ identities pass\.$/.test(l));
    expect(verdict).toBeGreaterThan(2);
    expect(report.slice(verdict + 1)).toEqual([
      "Figures no identity pins down, so a misprint in them would pass unnoticed; compare them with the release by eye (5):",
      "  is.shares_basic_diluted 2025Q1: 3,728,092,123 (line 725)",
      "  is.shares_basic_diluted 2025Q4: 4,544,291,397 (line 726)",
      "  op.ai_gross_billing 2026Q1: grew 90% (line 7)",
      "  op.capex_and_leased_assets 2026Q1: RMB3 billion (line 9)",
      "  is.cor.depreciation_amortization 2025Q1: RMB378.5 million (line 20)",
    ]);
    expect(report.some((l) => l.endsWith("FAIL"))).toBe(false);
  });
});

describe("unprovableReport", () => {
  test("no lines when every figure is pinned down", () => {
    expect(unprovableReport({ checks: [], unprovable: [] })).toEqual([]);
  });

  test("each figure with its period, as printed, and its line in the release", () => {
    expect(
      unprovableReport({
        checks: [],
        unprovable: [fact("op.ai_gross_billing", "2026Q1", "grew 90%", 7)],
      })
    ).toEqual([
      "Figures no identity pins down, so a misprint in them would pass unnoticed; compare them with the release by eye (1):",
      "  op.ai_gross_billing 2026Q1: grew 90% (line 7)",
    ]);
  });
});
