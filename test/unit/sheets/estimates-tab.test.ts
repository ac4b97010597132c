import { DetailedCellError } from "hyperformula";
import { Financials } from "../../../src/core/financials";
import { bundledDataset } from "../../../src/data/load";
import { Dec } from "../../../src/domain/decimal";
import { a1 } from "../../../src/sheets/a1";
import { estimateColumns } from "../../../src/sheets/estimates-tab";
import { buildModel } from "../../../src/sheets/model";
import { placeModel } from "../../../src/sheets/placement";
import type { TabKey } from "../../../src/sheets/types";
import { DEFAULT_OPTIONS, FORMATS, TAB_KEYS } from "../../../src/sheets/types";
import { modelInEngine } from "../../helpers/model-engine";
import { nextQuarterDataset } from "../../helpers/next-quarter";
import { tabView } from "../../helpers/plan-view";
import { syntheticQuarters } from "../../helpers/synthetic-quarters";

/**
 * KC Estimates: the next four quarters and two fiscal years right of the actuals, driven by the
 * analyst's inputs, every other figure a native formula; computed in HyperFormula.
 */

const fin = new Financials(bundledDataset());
const model = buildModel(fin, DEFAULT_OPTIONS);
const est = tabView(model, "estimates");
const headers = () =>
  est.plan.cells
    .filter((c) => c.row === 3 && c.col > 0)
    .sort((x, y) => x.col - y.col)
    .map((c) => c.value);

describe("the columns", () => {
  test("every actual quarter, the next four as estimates, then the fiscal years; headers marked E", () => {
    expect(headers()).toEqual([
      "1Q25",
      "2Q25",
      "3Q25",
      "4Q25",
      "1Q26",
      "2Q26E",
      "3Q26E",
      "4Q26E",
      "1Q27E",
      "FY2025",
      "FY2026E",
      "FY2027E",
    ]);
  });

  test("an estimate column's key is the actual quarter's it will become, as on the statements", () => {
    const is = model.plans.find((p) => p.key === "income_statement")!;
    expect(est.plan.layout.cols[6]).toBe("2026Q2|RMB|as printed");
    expect(est.plan.layout.cols.slice(1, 6)).toEqual(is.layout.cols.slice(1, 6));
  });

  test("a year that is neither all actual nor estimated is n.a., its note naming the quarters", () => {
    const { lacking } = estimateColumns(bundledDataset(), () => true);
    expect(lacking.get("2025FY")).toEqual(["2025Q2", "2025Q3"]);
    expect(lacking.get("2027FY")).toEqual(["2027Q2", "2027Q3", "2027Q4"]);
    expect(lacking.has("2026FY")).toBe(false);
    expect(est.cell("K4")?.note).toBe(
      "n.a.: FY2025 needs 2Q25, 3Q25, which are neither an actual in the dataset nor estimated here; it is summed once every quarter is one or the other"
    );
    expect(est.value(`K${est.row("Total revenues")}`)).toBe("n.a.");
    expect(est.value(`M${est.row("Adjusted EBITDA")}`)).toBe("n.a.");
  });
});

describe("inputs and formulas", () => {
  test("the drivers of estimate columns are inputs, blue on yellow, with how each starts", () => {
    const g = est.cell(`G${est.row("Public cloud growth, QoQ")}`)!;
    expect(g.style).toBe("driver");
    expect(g.formula).toBeUndefined();
    // (1,996,301 / 1,353,479)^(1/4) − 1: the quarterly rate of 1Q26's growth on 1Q25.
    expect(g.value).toBe(0.102);
    expect(g.note).toMatch(/^Starts at the quarterly rate that compounds to 1Q26's growth/);
    expect(est.cell(`G${est.row("Gross margin")}`)).toMatchObject({
      value: 0.128,
      style: "driver",
    });
    expect(est.cell(`G${est.row("Share-based compensation")}`)?.value).toBe(62571);
    expect(est.cell(`G${est.row("Depreciation & amortization")}`)?.value).toBe(858003);
    expect(est.cell(`G${est.row("Avg. shares, basic (m)")}`)).toMatchObject({
      value: 4555310453,
      format: "#,##0.0,,_)",
    });
    // Tax, as 1Q26's tax over its loss before tax: 5,081 / 338,639.
    expect(est.cell(`G${est.row("Tax rate (tax / pre-tax)")}`)?.value).toBe(0.015);
    const drivers = est.plan.cells.filter((c) => c.style === "driver");
    // Thirteen drivers in each of the four estimate quarters, and nowhere else.
    expect(drivers.length).toBe(13 * 4);
    expect(new Set(drivers.map((c) => c.col))).toEqual(new Set([6, 7, 8, 9]));
    expect(drivers.every((c) => typeof c.value === "number" && c.note)).toBe(true);
  });

  test("everything else a native formula: the same path from revenues to adjusted EBITDA", () => {
    const r = (label: string) => est.row(label);
    expect(est.text(`G${r("Public cloud services")}`)).toBe(
      `=F${r("Public cloud services")}*(1+G${r("Public cloud growth, QoQ")})`
    );
    expect(est.text(`G${r("Total revenues")}`)).toBe(
      `=G${r("Public cloud services")}+G${r("Enterprise cloud services")}`
    );
    expect(est.text(`G${r("Cost of revenues")}`)).toBe(
      `=(G${r("Gross margin")}-1)*G${r("Total revenues")}`
    );
    expect(est.text(`G${r("Income tax (expense) benefit")}`)).toBe(
      `=G${r("Tax rate (tax / pre-tax)")}*G${r("Loss before income taxes")}`
    );
    // The same formula in an actual column and an estimate one.
    for (const line of ["Adjusted net loss", "Adjusted EBITDA", "Net loss"])
      expect(est.text(`F${r(line)}`)?.replace(/F/g, "G")).toBe(est.text(`G${r(line)}`));
    expect(est.text(`F${r("Public cloud services")}`)).toBe(
      `='KC Income Statement'!F${tabView(model, "income_statement").row("Public cloud services")}`
    );
    // FY2026E: 1Q26 actual and 2Q26E to 4Q26E.
    expect(est.text(`L${r("Public cloud services")}`)).toBe(
      `=F${r("Public cloud services")}+G${r("Public cloud services")}+H${r("Public cloud services")}+I${r("Public cloud services")}`
    );
  });

  test("the estimate-against-actual block: the estimate while it is one, n.a. where none was held", () => {
    const held = est.row("Revenues, estimate held");
    expect(est.text(`G${held}`)).toBe(`=G${est.row("Total revenues")}`);
    expect(est.cell(`F${held}`)).toMatchObject({ value: "n.a.", style: "held" });
    expect(est.text(`F${est.row("Revenues, beat (miss)")}`)).toBe(
      `=IF(ISNUMBER(F${held}),F${est.row("Total revenues")}-F${held},"n.a.")`
    );
    expect(est.cell(`G${est.row("Revenues, beat (miss)")}`)).toBeUndefined();
  });

  test("its checks tie the path to the statements in every actual quarter, each 0", () => {
    const checks = model.checks.filter((c) => c.at.tab === "estimates");
    expect(checks.length).toBe(8 * 3);
    expect(new Set(checks.map((c) => c.column))).toEqual(new Set(["1Q25", "4Q25", "1Q26"]));
    expect(model.failures()).toEqual([]);
  });
});

describe("in a real formula engine", () => {
  const { engine, sheet } = modelInEngine(model);
  const value = (tab: TabKey, address: string) => {
    const plan = model.plans.find((p) => p.key === tab)!;
    const cell = plan.cells.find((c) => a1(c.row, c.col) === address)!;
    const v = engine.getCellValue({ sheet: sheet(tab), row: cell.row, col: cell.col });
    return v instanceof DetailedCellError ? v.value : v;
  };
  const everyCell = () =>
    new Map(
      model.plans.flatMap((p) =>
        p.cells.map((c) => {
          const v = engine.getCellValue({ sheet: sheet(p.key), row: c.row, col: c.col });
          return [`${p.key}!${a1(c.row, c.col)}`, v instanceof DetailedCellError ? v.value : v];
        })
      )
    );

  test("no error anywhere, the figures as the core computes them", () => {
    const all = everyCell();
    expect([...all].filter(([, v]) => typeof v === "string" && v.startsWith("#"))).toEqual([]);
    for (const label of ["Total revenues", "Adjusted EBITDA", "Adjusted net loss per ADS"])
      for (const col of ["F", "G", "L"]) {
        const address = `${col}${est.row(label)}`;
        expect(value("estimates", address)).toBeCloseTo(est.value(address) as number, 6);
      }
  });

  test("a driver changed moves the estimates, the per-ADS figures and the EV multiples, and no actual", () => {
    const price = tabView(model, "valuation").row("Share price per ADS (US$)");
    engine.setCellContents({ sheet: sheet("valuation"), row: price - 1, col: 1 }, [[12.5]]);
    const before = everyCell();
    const g = est.row("Public cloud growth, QoQ");
    engine.setCellContents({ sheet: sheet("estimates"), row: g - 1, col: 6 }, [[0.2]]);
    const after = everyCell();
    const moved = [...after].filter(([k, v]) => before.get(k) !== v).map(([k]) => k);
    const at = (label: string, col: string) => `estimates!${col}${est.row(label)}`;
    for (const label of [
      "Total revenues",
      "Adjusted EBITDA",
      "Net loss per ADS (incl. NCI)",
      "Adjusted net loss per ADS",
    ])
      for (const col of ["G", "H", "I", "J", "L"]) expect(moved).toContain(at(label, col));
    const val = tabView(model, "valuation");
    expect(moved).toContain(`valuation!B${val.row("EV / FY1 revenue (FY2026E)")}`);
    expect(moved).toContain(`valuation!B${val.row("EV / FY1 adjusted EBITDA (FY2026E)")}`);
    // Only estimate columns (G to J, and the years they are in) and valuation's FY1 rows moved.
    const outside = moved.filter((k) => {
      const [tab, address] = k.split("!");
      if (tab === "valuation") return !/FY1/.test(String(val.text(`A${address.slice(1)}`)));
      return tab !== "estimates" || !/^[GHIJLM]/.test(address);
    });
    expect(outside).toEqual([]);
    // Checks stay 0, the status passes.
    expect(
      model.checks.filter((c) => after.get(`${c.at.tab}!${a1(c.at.row, c.at.col)}`) !== 0)
    ).toEqual([]);
    // 2Q26E revenue: 1Q26's public cloud grown 20%, enterprise as before.
    expect(value("estimates", `G${est.row("Public cloud services")}`)).toBeCloseTo(
      1996301 * 1.2,
      6
    );
  });
});

describe("print and names", () => {
  test("landscape, one page wide, the figure columns narrow enough for 9 pt; older actuals collapse", () => {
    expect(est.plan.print).toMatchObject({
      orientation: "landscape",
      fitToWidth: 1,
      fitToHeight: 0,
    });
    // Ten digits a quarter; a year's bracketed eight-digit sums take eleven.
    expect(est.plan.widths.slice(1)).toEqual(
      headers().map((h) => (String(h).startsWith("FY") ? 11 : 10))
    );
    const many = buildModel(
      new Financials(syntheticQuarters(bundledDataset(), 12)),
      DEFAULT_OPTIONS
    );
    const plan = many.plans.find((p) => p.key === "estimates")!;
    const header = (c: number) => plan.cells.find((x) => x.row === 3 && x.col === c)?.value;
    // 2Q23 to 4Q24 and the years before 2025 collapse; 1Q25 to 1Q26, estimates and 2025 on print.
    const hidden = plan.collapsed.flatMap((r) =>
      Array.from({ length: r.to - r.from + 1 }, (_, k) => header(r.from + k))
    );
    expect(hidden).toEqual([
      "2Q23",
      "3Q23",
      "4Q23",
      "1Q24",
      "2Q24",
      "3Q24",
      "4Q24",
      "FY2023",
      "FY2024",
    ]);
  });

  test("each line a workbook name over its quarters, actual and estimate", () => {
    const name = est.plan.names.find((n) => n.name === "KC_EST_Total_revenues")!;
    expect([name.row + 1, name.from, name.to]).toEqual([est.row("Total revenues"), 1, 9]);
    expect(est.plan.names.some((n) => n.name === "KC_EST_Adjusted_EBITDA")).toBe(true);
  });

  test("every tab with the estimates is in the default model; percentages as percentages", () => {
    expect(TAB_KEYS).toContain("estimates");
    expect(est.cell(`G${est.row("Gross margin")}`)?.format).toBe(FORMATS.percent);
  });
});

describe("the next quarter's release (SYNTHETIC 2Q26)", () => {
  const next = buildModel(new Financials(nextQuarterDataset(bundledDataset())), DEFAULT_OPTIONS);
  const placed = placeModel(next.plans, new Map(model.plans.map((p) => [p.key, p.layout])));
  const tab = placed.find((p) => p.plan.key === "estimates")!;

  test("2Q26E becomes 2Q26 in its own column; 2Q27E is inserted after 1Q27E", () => {
    expect(tab.inserts).toEqual([{ axis: "columns", at: 10, count: 1 }]);
    const header = (c: number) => tab.plan.cells.find((x) => x.row === 3 && x.col === c)?.value;
    expect([6, 7, 8, 9, 10].map(header)).toEqual(["2Q26", "3Q26E", "4Q26E", "1Q27E", "2Q27E"]);
    const nextView = tabView(next, "estimates");
    // The column where 2Q26E stood now links to the statements; 3Q26E grows from the actual.
    const r = nextView.row("Public cloud services");
    expect(nextView.text(`G${r}`)).toMatch(/^='KC Income Statement'!G\d+$/);
    expect(nextView.text(`H${r}`)).toBe(`=G${r}*(1+H${nextView.row("Public cloud growth, QoQ")})`);
    expect(nextView.cell(`G${nextView.row("Revenues, estimate held")}`)?.style).toBe("held");
    expect(new Dec(nextView.value(`G${nextView.row("Total revenues")}`)).toNumber()).toBe(1969977);
  });
});
