import { DetailedCellError } from "hyperformula";
import { Financials } from "../src/core/financials";
import { Dec } from "../src/core/decimal";
import { bundledDataset } from "../src/data/load";
import { buildModel } from "../src/sheets/model";
import { DEFAULT_OPTIONS, ModelOptions, TAB_KEYS } from "../src/sheets/types";
import { modelInEngine } from "./helpers/model-engine";

const fin = new Financials(bundledDataset());

const OPTIONS: ModelOptions[] = [
  { currency: "RMB", unit: "thousands", tabs: TAB_KEYS },
  { currency: "RMB", unit: "millions", tabs: TAB_KEYS },
  { currency: "USD", unit: "thousands", tabs: TAB_KEYS },
  { currency: "USD", unit: "millions", tabs: TAB_KEYS },
];

describe.each(OPTIONS)("the model in a real formula engine, $currency $unit", (options) => {
  const model = buildModel(fin, options);
  const { engine, sheet } = modelInEngine(model);
  const at = (tab: Parameters<typeof sheet>[0], row: number, col: number) =>
    engine.getCellValue({ sheet: sheet(tab), row, col });

  test("every check cell is 0", () => {
    expect(model.checks.length).toBeGreaterThan(150);
    const nonZero = model.checks
      .map((c) => ({ c, v: at(c.at.tab, c.at.row, c.at.col) }))
      .filter(({ v }) => v !== 0)
      .map(
        ({ c, v }) =>
          `${c.at.tab} ${c.line} ${c.period}: ${v instanceof DetailedCellError ? `${v.value} ${v.message}` : v}`
      );
    expect(nonZero).toEqual([]);
  });

  test("KC Checks shows one overall status: all checks pass", () => {
    const status = model.plans
      .find((p) => p.key === "checks")
      ?.cells.find((c) => c.style === "status");
    expect(status).toBeDefined();
    expect(at("checks", status!.row, status!.col)).toBe("ALL CHECKS PASS");
  });

  test("every cell the engine computes equals the core's exact value", () => {
    let compared = 0;
    for (const plan of model.plans) {
      for (const c of plan.cells) {
        if (!c.formula) continue;
        const expected = model.value({ tab: plan.key, row: c.row, col: c.col });
        const got = at(plan.key, c.row, c.col);
        if (expected instanceof Dec) {
          expect(typeof got).toBe("number");
          expect(Math.abs((got as number) - expected.toNumber())).toBeLessThanOrEqual(
            1e-9 * Math.max(1, Math.abs(expected.toNumber()))
          );
        } else {
          expect(got).toBe(expected);
        }
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(600);
  });
});

test("every total equals the release (RMB thousands, as printed)", () => {
  const model = buildModel(fin, DEFAULT_OPTIONS);
  const { engine, sheet } = modelInEngine(model);
  const cellOf = (
    tab: "income_statement" | "balance_sheet" | "cash_flow" | "reconciliation",
    label: string,
    col: number
  ) => {
    const plan = model.plans.find((p) => p.key === tab)!;
    const labelCell = plan.cells.find((c) => c.col === 0 && c.value === label)!;
    return engine.getCellValue({ sheet: sheet(tab), row: labelCell.row, col });
  };
  // Typed from the release: totals the model computes with native formulas.
  expect(cellOf("income_statement", "Total revenues", 3)).toBe(2703732);
  expect(cellOf("income_statement", "Gross profit", 1)).toBe(318306);
  expect(cellOf("income_statement", "Loss before income taxes", 2)).toBe(-176309);
  expect(
    cellOf(
      "income_statement",
      "Comprehensive loss attributable to Kingsoft Cloud Holdings Limited shareholders",
      3
    )
  ).toBe(-378292);
  expect(cellOf("balance_sheet", "Total assets", 1)).toBe(26729189);
  expect(
    cellOf(
      "balance_sheet",
      "Total liabilities, non-controlling interests and shareholders’ equity",
      2
    )
  ).toBe(28456254);
  expect(
    cellOf("cash_flow", "Cash, cash equivalents and restricted cash at end of period", 3)
  ).toBe(4950694);
  expect(cellOf("reconciliation", "Adjusted EBITDA (Non-GAAP Financial Measure)", 3)).toBe(747506);
  expect(
    cellOf(
      "reconciliation",
      "Excluding gain on disposal of property and equipment, normalized Adjusted EBITDA",
      2
    )
  ).toBe(712586);
  expect(
    cellOf("reconciliation", "Adjusted operating (loss) profit (Non-GAAP Financial Measure)", 2)
  ).toBe(54586);
  expect(
    cellOf("reconciliation", "Adjusted EBITDA margin (Non-GAAP Financial Measure)", 3)
  ).toBeCloseTo(747506 / 2703732, 12);
});

test("a wrong input makes its checks fail, and the status says so", () => {
  const model = buildModel(fin, DEFAULT_OPTIONS);
  const { engine, sheet } = modelInEngine(model);
  const plan = model.plans.find((p) => p.key === "income_statement")!;
  const row = plan.cells.find((c) => c.value === "Public cloud services")!.row;
  engine.setCellContents({ sheet: sheet("income_statement"), row, col: 3 }, [[1996310]]);
  const checkRow = plan.cells.find((c) => c.value === "Total revenues")!.row;
  expect(engine.getCellValue({ sheet: sheet("income_statement"), row: checkRow, col: 7 })).toBe(9);
  const status = model.plans
    .find((p) => p.key === "checks")!
    .cells.find((c) => c.style === "status")!;
  expect(engine.getCellValue({ sheet: sheet("checks"), row: status.row, col: status.col })).toBe(
    "CHECKS FAIL"
  );
});
