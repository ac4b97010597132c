import { Financials } from "../../../src/core/financials";
import { bundledDataset } from "../../../src/data/load";
import { Dec } from "../../../src/domain/decimal";
import { SUMS } from "../../../src/domain/identities";
import { a1 } from "../../../src/sheets/a1";
import { SERIES_COLORS, bridgeSteps } from "../../../src/sheets/dashboard-tab";
import { cellsIn } from "../../../src/sheets/expr";
import { buildModel, tabsWithSources } from "../../../src/sheets/model";
import type { CellRange, CellRef, ChartPlan, Expr } from "../../../src/sheets/types";
import { DEFAULT_OPTIONS, TAB_NEEDS } from "../../../src/sheets/types";
import { placeModel } from "../../../src/sheets/placement";
import { modelInEngine } from "../../helpers/model-engine";
import { nextQuarterDataset } from "../../helpers/next-quarter";
import { syntheticQuarters } from "../../helpers/synthetic-quarters";
import { timeAxis } from "../../../src/sheets/columns";
import { tabView } from "../../helpers/plan-view";

/**
 * KC Dashboard as a plan: headline figures that link to their homes, chart data that links to
 * the model tabs, and five charts whose series are those cells, never constants.
 */

const fin = new Financials(bundledDataset());
const model = buildModel(fin, { ...DEFAULT_OPTIONS, tabs: ["dashboard"] });
const dash = tabView(model, "dashboard");
const plan = dash.plan;
const chart = (key: string): ChartPlan => {
  const c = plan.charts.find((x) => x.key === key);
  if (!c) throw new Error(`no chart ${key}`);
  return c;
};
const cellsOf = (r: CellRange): CellRef[] =>
  cellsIn({ tab: r.tab, ...r.from }, { tab: r.tab, ...r.to });
const num = (at: CellRef): number | string => {
  const v = model.value(at);
  return v instanceof Dec ? v.toNumber() : typeof v === "string" ? v : v.error;
};
/** What a cell's formula points at, where it is a plain link. */
const linkOf = (at: CellRef): CellRef | undefined => {
  const f: Expr | undefined = model.cell(at)?.formula;
  return f?.op === "ref" ? f.at : undefined;
};

describe("KC Dashboard", () => {
  test("chosen alone, it comes first and brings every tab it links to", () => {
    expect(model.plans.map((p) => p.key)).toEqual([
      "dashboard",
      "income_statement",
      "balance_sheet",
      "cash_flow",
      "reconciliation",
      "operating",
    ]);
    // It needs exactly the tabs its links point to.
    const linked = new Set<string>();
    const visit = (e: Expr): void => {
      if (e.op === "ref") linked.add(e.at.tab);
      if (e.op === "add") e.terms.forEach((t) => visit(t.e));
      if (e.op === "max" || e.op === "min") e.terms.forEach(visit);
      if (e.op === "round") visit(e.e);
    };
    plan.cells.forEach((c) => c.formula && visit(c.formula));
    linked.delete("dashboard");
    expect([...linked].sort()).toEqual([...TAB_NEEDS.dashboard].sort());
    expect(tabsWithSources({ ...DEFAULT_OPTIONS, tabs: ["income_statement"] })).not.toContain(
      "dashboard"
    );
  });

  test("headline figures of the latest quarter, each a link to its home with its growth", () => {
    expect(dash.text("A1")).toBe(
      "Kingsoft Cloud (NASDAQ: KC, HKEX: 3896) · Dashboard · RMB thousands"
    );
    expect(["B4", "C4", "D4"].map((a) => dash.text(a))).toEqual(["1Q26", "YoY 1Q26", "QoQ 1Q26"]);
    expect(dash.labels().slice(4, 15)).toEqual([
      "Total revenues",
      "Public cloud services",
      "Enterprise cloud services",
      "Gross margin",
      "Adjusted gross margin",
      "Adjusted EBITDA",
      "Adjusted EBITDA margin",
      "Net loss",
      "Adjusted net loss",
      "Operating cash flow",
      "Cash and cash equivalents",
    ]);
    expect(dash.text("B5")).toBe("='KC Income Statement'!F8");
    expect(dash.value("B5")).toBe(2703732);
    expect(dash.cell("B5")?.style).toBe("link");
    expect(dash.value("B10")).toBe(747506);
    expect(dash.value("B12")).toBe(-343720);
    expect(dash.value("B14")).toBe(533978);
    expect(dash.value("B15")).toBe(4903797);
    // Adjusted EBITDA margin rose 11.4 points: the release's own words, linked from its home.
    expect(dash.text("C11")).toBe("='KC Non-GAAP Reconciliation'!H41");
    expect(dash.value("C11")).toBe(0.114);
    // No balance a year before: n.a., never an error value.
    expect(dash.value("C15")).toBe("n.a.");
    for (let r = 4; r < 15; r++)
      for (const c of [1, 2, 3]) {
        const cell = model.cell({ tab: "dashboard", row: r, col: c });
        if (cell?.value === "n.a.") continue;
        const home = linkOf({ tab: "dashboard", row: r, col: c });
        expect(home?.tab).not.toBe("dashboard");
      }
  });

  test("every series and category is a range of dashboard cells that link to the model", () => {
    expect(plan.charts.map((c) => [c.key, c.kind])).toEqual([
      ["revenue_by_segment", "stacked-column"],
      ["margins", "line"],
      ["bridge", "bridge"],
      ["cost_by_nature", "clustered-column"],
      ["cash_and_capex", "clustered-column"],
    ]);
    for (const c of plan.charts) {
      const n = c.categories.to.row - c.categories.from.row;
      for (const s of c.series) {
        expect(s.values.tab).toBe("dashboard");
        expect(s.values.to.row - s.values.from.row).toBe(n);
        expect(s.values.from.col).toBe(s.values.to.col);
        expect(dash.cell(a1(s.nameAt.row, s.nameAt.col))?.value).toBe(s.name);
        for (const at of cellsOf(s.values)) {
          const cell = model.cell(at);
          // Empty (a gap), n.a. (said so), or a formula: never a typed number.
          expect(cell === undefined || cell.formula !== undefined || cell.value === "n.a.").toBe(
            true
          );
        }
      }
    }
    const revenue = chart("revenue_by_segment");
    expect(revenue.title).toBe(
      "Revenue by segment, RMB thousands, quarters ended Mar 31, 2025 – Mar 31, 2026"
    );
    expect(cellsOf(revenue.categories).map(num)).toEqual([
      "1Q25",
      "2Q25 n.a.",
      "3Q25 n.a.",
      "4Q25",
      "1Q26",
    ]);
    const pub = cellsOf(revenue.series[0].values);
    expect(pub.map((at) => model.cell(at)?.formula !== undefined)).toEqual([
      true,
      false,
      false,
      true,
      true,
    ]);
    expect(pub.map(num)).toEqual([1353479, "", "", 1902378, 1996301]);
    expect(linkOf(pub[4])).toEqual(linkOf({ tab: "dashboard", row: 5, col: 1 }));
  });

  test("a series has one colour in every chart; the bridge's bases are invisible", () => {
    const colours = new Map<string, string>();
    for (const c of plan.charts)
      for (const s of c.series) {
        expect(s.color).toBe(colours.get(s.name) ?? s.color);
        colours.set(s.name, s.color);
      }
    const bridge = chart("bridge");
    expect(bridge.series.filter((s) => s.color === "none").map((s) => s.name)).toEqual([
      "Base",
      "Base below zero",
    ]);
    expect(bridge.series.filter((s) => !s.unlisted).map((s) => s.name)).toEqual([
      "Total",
      "Adds",
      "Deducts",
    ]);
    expect(new Set(SERIES_COLORS.values()).size).toBe(SERIES_COLORS.size);
    expect(chart("margins").series.map((s) => !!s.dashed)).toEqual([false, true, false]);
  });

  test("the bridge steps from net loss to adjusted EBITDA as the release's sums lead there", () => {
    const steps = bridgeSteps();
    expect(steps.map((s) => s.item)).toEqual([
      "ng.nl.net_loss",
      "ng.nl.sbc",
      "ng.nl.fx",
      "ng.adjusted_net_loss",
      "ng.ebitda.interest_income",
      "ng.ebitda.interest_expense",
      "ng.ebitda.income_tax",
      "ng.ebitda.depreciation_amortization",
      "ng.adjusted_ebitda",
    ]);
    expect(steps.filter((s) => s.total).map((s) => s.item)).toEqual([
      "ng.nl.net_loss",
      "ng.adjusted_net_loss",
      "ng.adjusted_ebitda",
    ]);
    expect(SUMS.find((s) => s.total === "ng.adjusted_ebitda")?.terms[0]).toBe(
      "ng.adjusted_net_loss"
    );
    const bridge = chart("bridge");
    expect(cellsOf(bridge.categories).map(num)).toEqual([
      "Net loss",
      "SBC",
      "FX (gain) loss",
      "Adjusted net loss",
      "Interest income",
      "Interest expense",
      "Income tax",
      "D&A",
      "Adjusted EBITDA",
    ]);
  });

  test("each bridge bar spans exactly from where the step starts to where it ends", () => {
    const bridge = chart("bridge");
    const rows = cellsOf(bridge.categories).map((at) => at.row);
    const column = (k: number) => bridge.series[k].values.from.col;
    const at = (row: number, col: number) => num({ tab: "dashboard", row, col }) as number;
    const amounts = rows.map((r) => at(r, 1));
    expect(amounts).toEqual([-343720, 62571, 44006, -237143, -32030, 153595, 5081, 858003, 747506]);
    for (const row of rows) {
      const [basePos, baseNeg, total, upPos, upNeg, downPos, downNeg] = bridge.series.map((_, k) =>
        at(row, column(k))
      );
      const start = at(row, 2);
      const end = at(row, 3);
      // Above zero the bar stands on its base; below zero it hangs from it.
      const top = basePos + total * Number(total > 0) + upPos + downPos;
      const bottom = baseNeg + total * Number(total < 0) + upNeg + downNeg;
      expect(Math.max(start, end, 0)).toBe(top);
      expect(Math.min(start, end, 0)).toBe(bottom);
      const drawn = total !== 0 ? Math.abs(total) : upPos - upNeg + downPos - downNeg;
      expect(drawn).toBe(Math.abs(end - start));
      // A step up is drawn in the colour of adds only, a step down in that of deducts.
      expect(end > start && total === 0 ? downPos - downNeg : 0).toBe(0);
      expect(end < start ? upPos - upNeg : 0).toBe(0);
    }
    // The steps close on the release's subtotal and total: two visible checks, both 0.
    const checks = plan.checks.map((c) => [c.line, num(c.at)]);
    expect(checks).toEqual([
      ["Bridge to adjusted net loss", 0],
      ["Bridge to adjusted EBITDA", 0],
    ]);
  });

  test("cost of revenues by nature, the latest quarter against a year before", () => {
    const cost = chart("cost_by_nature");
    expect(cost.title).toBe("Cost of revenues by nature, RMB thousands, 1Q26 against 1Q25");
    expect(cost.series.map((s) => s.name)).toEqual(["1Q26", "1Q25"]);
    expect(cellsOf(cost.series[0].values).map(num)).toEqual([
      -911100, -818900, -574800, -1800, -51400,
    ]);
    // The year before prints only three of the five natures: the others are gaps.
    expect(cellsOf(cost.series[1].values).map(num)).toEqual([
      -722800,
      -378500,
      -505200,
      "n.a.",
      "n.a.",
    ]);
  });

  test("in the formula engine every cell computes what the core computes; a check can fail", () => {
    const { engine, sheet } = modelInEngine(model);
    const id = sheet("dashboard");
    for (const c of plan.cells) {
      const core = num({ tab: "dashboard", row: c.row, col: c.col });
      const hf = engine.getCellValue({ sheet: id, row: c.row, col: c.col });
      const same =
        typeof core === "number" ? Math.abs((hf as number) - core) < 1e-9 : (hf ?? "") === core;
      expect({ at: a1(c.row, c.col), hf, same }).toEqual({ at: a1(c.row, c.col), hf, same: true });
    }
    const fxRow = cellsOf(chart("bridge").categories)[2].row;
    expect(linkOf({ tab: "dashboard", row: fxRow, col: 1 })?.tab).toBe("reconciliation");
    // A bridge amount typed over its link moves the chart data, and the bridge no longer closes.
    engine.setCellContents({ sheet: id, row: fxRow, col: 1 }, [[50006]]);
    const check = plan.checks[0].at;
    expect(engine.getCellValue({ sheet: id, row: check.row, col: check.col })).toBe(6000);
  });

  test("the page prints on one landscape sheet; the chart data stays below it", () => {
    expect(plan.print).toMatchObject({ orientation: "landscape", fitToWidth: 1, fitToHeight: 1 });
    expect(plan.print.area).toBe("A1:L40");
    for (const c of plan.charts) {
      expect(c.anchor.to.row).toBeLessThanOrEqual(40);
      expect(c.anchor.to.col).toBeLessThanOrEqual(12);
      expect(c.categories.from.row).toBeGreaterThan(40);
    }
    // No two charts overlap, and none covers a headline figure.
    const boxes = plan.charts.map((c) => c.anchor);
    boxes.forEach((a, i) =>
      boxes.slice(i + 1).forEach((b) => {
        const apart =
          a.to.row <= b.from.row ||
          b.to.row <= a.from.row ||
          a.to.col <= b.from.col ||
          b.to.col <= a.from.col;
        expect(apart).toBe(true);
      })
    );
    const headlineCells = plan.cells.filter((c) => c.row >= 3 && c.row <= 14);
    for (const c of headlineCells)
      for (const a of boxes)
        expect(
          c.row >= a.from.row && c.row < a.to.row && c.col >= a.from.col && c.col < a.to.col
        ).toBe(false);
  });
});

describe("KC Dashboard at the next quarter", () => {
  const next = buildModel(new Financials(nextQuarterDataset(bundledDataset())), {
    ...DEFAULT_OPTIONS,
    tabs: ["dashboard"],
  });
  const before = new Map(model.plans.map((p) => [p.key, p.layout]));
  const placed = placeModel(next.plans, before).find((p) => p.plan.key === "dashboard");
  if (!placed) throw new Error("no dashboard placed");

  test("a new quarter is a row inserted in the chart data, below the charts", () => {
    expect(placed.inserts).toEqual([{ axis: "rows", at: 49, count: 1 }]);
    expect(placed.kept).toEqual({ rows: [], cols: [] });
  });

  test("the charts stay where they were and their ranges grow to the new quarter", () => {
    const old = new Map(plan.charts.map((c) => [c.key, c]));
    for (const c of placed.plan.charts) {
      const was = old.get(c.key) as ChartPlan;
      expect(c.anchor).toEqual(was.anchor);
      if (c.categories.from.row !== was.categories.from.row) continue;
      const quarters = c.key !== "bridge" && c.key !== "cost_by_nature";
      expect(c.categories.to.row - was.categories.to.row).toBe(quarters ? 1 : 0);
    }
    const revenue = placed.plan.charts.find((c) => c.key === "revenue_by_segment") as ChartPlan;
    const labels = placed.plan.cells
      .filter(
        (c) =>
          c.col === 0 && c.row >= revenue.categories.from.row && c.row <= revenue.categories.to.row
      )
      .map((c) => c.value);
    expect(labels).toEqual(["1Q25", "2Q25 n.a.", "3Q25 n.a.", "4Q25", "1Q26", "2Q26"]);
    expect(placed.plan.print.area).toBe("A1:L40");
  });
});

describe("KC Dashboard in any options, at any number of quarters", () => {
  test.each([
    ["US$ millions, 3 quarters", bundledDataset(), "USD", "millions"],
    ["RMB thousands, 24 quarters", syntheticQuarters(bundledDataset(), 24), "RMB", "thousands"],
  ] as const)("%s: no error value, every check 0, the page unchanged", (_, ds, currency, unit) => {
    const m = buildModel(new Financials(ds), { currency, unit, tabs: ["dashboard"] });
    const p = m.plans[0];
    const errors = p.cells.filter((c) => {
      const v = m.value({ tab: "dashboard", row: c.row, col: c.col });
      return !(v instanceof Dec) && typeof v !== "string";
    });
    expect(errors).toEqual([]);
    expect(p.checks.map((c) => String(m.value(c.at)))).toEqual(["0", "0"]);
    expect(p.print.area).toBe("A1:L40");
    const revenue = p.charts[0];
    expect(revenue.title).toContain(`RMB ${unit}`);
    expect(revenue.categories.to.row - revenue.categories.from.row + 1).toBe(
      timeAxis(ds).quarters.length
    );
  });
});
