import { Financials } from "../../../src/core/financials";
import { KcFormulas } from "../../../src/core/formulas";
import { bundledDataset } from "../../../src/data/load";
import { a1 } from "../../../src/sheets/a1";
import { buildModel } from "../../../src/sheets/model";
import { placeModel } from "../../../src/sheets/placement";
import type { CellRange, ChartPlan, ModelOptions, SheetPlan } from "../../../src/sheets/types";
import { DEFAULT_OPTIONS } from "../../../src/sheets/types";
import { rangeAddress } from "../../../src/taskpane/chart-writer";
import { insertModel, refreshModel } from "../../../src/taskpane/writer";
import { FakeChart, FakeExcel } from "../../helpers/fake-excel";
import { nextQuarterDataset } from "../../helpers/next-quarter";
import { syntheticQuarters } from "../../helpers/synthetic-quarters";

/**
 * KC Dashboard's charts on the fake workbook: what the writer adds, how a changed input and a new
 * quarter reach them, and what it leaves alone. The next quarter is SYNTHETIC
 * (test/helpers/next-quarter.ts); the fake computes what a series draws from its cells.
 */

const fin = new Financials(bundledDataset());
const nextFin = new Financials(nextQuarterDataset(bundledDataset()));
const model = (options: Partial<ModelOptions> = {}, f = fin) =>
  buildModel(f, { ...DEFAULT_OPTIONS, ...options });
const DASH = "KC Dashboard";

const dashboardOf = (m: ReturnType<typeof buildModel>) =>
  m.plans.find((p) => p.key === "dashboard") as SheetPlan;

/** A plan's range as a chart in the workbook refers to it. */
const ref = (r: CellRange) => `='${DASH}'!${rangeAddress(r).replace(/([A-Z]+)(\d+)/g, "$$$1$$$2")}`;

const TYPES = {
  "stacked-column": "ColumnStacked",
  "clustered-column": "ColumnClustered",
  line: "LineMarkers",
  bridge: "ColumnStacked",
};

/** The chart as the plan says the workbook must hold it. */
function expected(c: ChartPlan): Omit<FakeChart, "deleted"> {
  return {
    name: `KC ${c.key}`,
    type: TYPES[c.kind],
    title: { text: c.title, visible: true },
    valueAxis: { title: c.valueAxis.title, titleVisible: true, numberFormat: c.valueAxis.format },
    categoryAxis: c.categoryAxis.title
      ? { title: c.categoryAxis.title, titleVisible: true }
      : { titleVisible: false },
    legend: { visible: true, position: "Bottom" },
    displayBlanksAs: "NotPlotted",
    position: {
      from: `='${DASH}'!$${a1(c.anchor.from.row, c.anchor.from.col).replace(/(\d+)/, "$$$1")}`,
      to: `='${DASH}'!$${a1(c.anchor.to.row - 1, c.anchor.to.col - 1).replace(/(\d+)/, "$$$1")}`,
    },
    series: c.series.map((s) => ({
      name: s.name,
      values: ref(s.values),
      categories: ref(c.categories),
      ...(s.color === "none"
        ? { fill: "none", line: { style: "None" }, marker: {} }
        : c.kind === "line"
          ? {
              line: { color: s.color, style: s.dashed ? "Dash" : "Continuous" },
              marker: { background: s.color, foreground: s.color },
            }
          : { fill: s.color, line: { style: "None" }, marker: {} }),
      inLegend: !s.unlisted,
    })),
  };
}

/** The model's charts on the dashboard, in the workbook's order. */
const charts = (fake: FakeExcel) => fake.sheet(DASH)?.charts ?? [];

describe("insert", () => {
  test("each chart's type, sources, titles, axes, legend and place, in the insert's two syncs", async () => {
    const fake = new FakeExcel([{ name: "Sheet1" }]);
    const m = model();
    const report = await insertModel(m, undefined, fake.api);
    expect(report.syncs).toBe(2);
    expect(report.warnings).toEqual([]);
    const plan = dashboardOf(m);
    expect(plan.charts.map((c) => c.kind)).toEqual([
      "stacked-column",
      "line",
      "bridge",
      "clustered-column",
      "clustered-column",
    ]);
    for (const c of plan.charts) expect(fake.chart(DASH, `KC ${c.key}`)).toEqual(expected(c));
    expect(charts(fake).map((c) => c.name)).toEqual(plan.charts.map((c) => `KC ${c.key}`));
    // The bridge's two bases draw nothing and stay out of the legend.
    const bridge = fake.chart(DASH, "KC bridge")!;
    expect(bridge.series.slice(0, 2).map((s) => [s.name, s.fill, s.line, s.inLegend])).toEqual([
      ["Base", "none", { style: "None" }, false],
      ["Base below zero", "none", { style: "None" }, false],
    ]);
  });

  test("each series draws the figures the core computes, a missing quarter as a gap", async () => {
    const fake = new FakeExcel();
    const m = model();
    await insertModel(m, undefined, fake.api);
    const kcf = new KcFormulas(fin);
    const plan = dashboardOf(m);
    for (const c of plan.charts) {
      const name = `KC ${c.key}`;
      c.series.forEach((s, k) => {
        const cells: unknown[] = [];
        for (let row = s.values.from.row; row <= s.values.to.row; row++) {
          const v = m.value({ tab: "dashboard", row, col: s.values.from.col });
          // A cell the plan leaves empty (a quarter no release gives) draws nothing: null.
          cells.push(typeof v === "object" && "toNumber" in v ? v.toNumber() : v === "" ? null : v);
        }
        const drawn = fake.seriesValues(DASH, name, k, "values", kcf);
        expect(drawn.map((v) => (typeof v === "number" ? Math.round(v * 1e6) / 1e6 : v))).toEqual(
          cells.map((v) => (typeof v === "number" ? Math.round(v * 1e6) / 1e6 : v))
        );
      });
    }
    const revenue = fake.seriesValues(DASH, "KC revenue_by_segment", 0, "values", kcf);
    expect(fake.seriesValues(DASH, "KC revenue_by_segment", 0, "categories", kcf)).toEqual([
      "1Q25",
      "2Q25 n.a.",
      "3Q25 n.a.",
      "4Q25",
      "1Q26",
    ]);
    expect([revenue[1], revenue[2]]).toEqual([null, null]);
    expect(typeof revenue[4]).toBe("number");
  });

  test("a changed input moves the chart: a KC cell replaced by a figure reaches its series", async () => {
    const fake = new FakeExcel();
    const m = model();
    await insertModel(m, undefined, fake.api);
    const kcf = new KcFormulas(fin);
    const before = fake.seriesValues(DASH, "KC revenue_by_segment", 0, "values", kcf);
    // Public cloud's 1Q26 input on KC Income Statement (F6), overwritten by the analyst.
    expect(fake.cell("KC Income Statement", "F6")?.formula).toBe(
      '=KC.VALUE("revenue.public","2026Q1","RMB","thousands")'
    );
    fake.sheet("KC Income Statement")!.cells.set("5,5", { value: 1234567 });
    const after = fake.seriesValues(DASH, "KC revenue_by_segment", 0, "values", kcf);
    expect(after.slice(0, 4)).toEqual(before.slice(0, 4));
    expect(before[4]).not.toBe(1234567);
    expect(after[4]).toBe(1234567);
  });

  test("inserting again re-points every chart, adds one the analyst deleted, leaves theirs alone", async () => {
    const fake = new FakeExcel();
    await insertModel(model(), undefined, fake.api);
    const theirs: Omit<FakeChart, "deleted"> = {
      name: "My revenue",
      type: "Line",
      title: { text: "Public cloud, my way", visible: true },
      valueAxis: {},
      categoryAxis: {},
      legend: { visible: false },
      position: { from: `='${DASH}'!$N$4`, to: `='${DASH}'!$S$16` },
      series: [
        {
          name: "Public",
          values: `='${DASH}'!$B$45:$B$49`,
          categories: `='${DASH}'!$A$45:$A$49`,
          line: { color: "#000000" },
          marker: {},
          inLegend: true,
        },
      ],
    };
    fake.addChartAsUser(DASH, theirs);
    const clean = fake.snapshot();
    fake.deleteChartAsUser(DASH, "KC margins");
    // The analyst moved one of the model's charts and dropped a series from another.
    fake.chart(DASH, "KC bridge")!.position.from = `='${DASH}'!$A$90`;
    fake.chart(DASH, "KC cash_and_capex")!.series.pop();
    const report = await insertModel(model(), undefined, fake.api);
    expect(report.syncs).toBe(2);
    // Their chart is untouched; the model's are as a clean insert leaves them (the one added again
    // comes last, as Excel adds it).
    expect(fake.chart(DASH, "My revenue")).toEqual(theirs);
    const order = (s: string) => {
      const sheets = JSON.parse(s) as { name: string; charts?: { name: string }[] }[];
      for (const sheet of sheets)
        sheet.charts?.sort((x, y) => (x.name < y.name ? -1 : x.name > y.name ? 1 : 0));
      return JSON.stringify(sheets);
    };
    expect(order(fake.snapshot())).toBe(order(clean));
  });

  test("a host without ExcelApi 1.8 gets the tabs without charts, and the message says so", async () => {
    const fake = new FakeExcel();
    fake.apiVersion = "1.7";
    const m = model();
    const report = await insertModel(m, undefined, fake.api);
    expect(report.tabs).toHaveLength(10);
    expect(charts(fake)).toEqual([]);
    expect(fake.batches.flatMap((b) => b.what).filter((w) => /chart/.test(w))).toEqual([]);
    expect(report.warnings).toEqual([
      '"KC Dashboard" was written without its 5 charts: charts need Excel JavaScript API 1.8 (Microsoft 365, Excel 2019 or later, or Excel on the web), which this Excel lacks. The chart data below the page holds every figure they would draw.',
    ]);
    expect(fake.cell(DASH, "A1")?.value).toMatch(/Dashboard/);
  });
});

describe("refresh after the next release", () => {
  test("every series spans the new quarter's row; none points at #REF!; the charts stay in place", async () => {
    const fake = new FakeExcel();
    const m = model();
    await insertModel(m, undefined, fake.api);
    const before = structuredClone(charts(fake));
    const report = await refreshModel((o) => buildModel(nextFin, o), undefined, fake.api);
    expect(report.syncs).toBe(2);
    const next = model({}, nextFin);
    const placed = placeModel(next.plans, new Map(m.plans.map((p) => [p.key, p.layout])));
    const plan = placed.find((p) => p.plan.key === "dashboard")!.plan;
    for (const c of plan.charts) expect(fake.chart(DASH, `KC ${c.key}`)).toEqual(expected(c));
    expect(charts(fake)).toHaveLength(5);
    const all = JSON.stringify(charts(fake));
    expect(all).not.toContain("#REF!");
    // The quarters' block grew by a row at its end, which Excel alone would not have drawn.
    const revenue = fake.chart(DASH, "KC revenue_by_segment")!;
    const was = before.find((c) => c.name === "KC revenue_by_segment")!;
    expect([was.series[0].values, revenue.series[0].values]).toEqual([
      `='${DASH}'!$B$45:$B$49`,
      `='${DASH}'!$B$45:$B$50`,
    ]);
    const kcf = new KcFormulas(nextFin);
    expect(fake.seriesValues(DASH, "KC revenue_by_segment", 0, "categories", kcf).pop()).toBe(
      "2Q26"
    );
    expect(typeof fake.seriesValues(DASH, "KC revenue_by_segment", 0, "values", kcf).pop()).toBe(
      "number"
    );
    // The page above the chart data did not move: every chart is where it was.
    expect(charts(fake).map((c) => c.position)).toEqual(before.map((c) => c.position));
  });

  test("an analyst's chart on a sheet of theirs is never touched; Excel moves its references", async () => {
    const fake = new FakeExcel([{ name: "Mine" }]);
    await insertModel(model(), undefined, fake.api);
    // Their chart draws the bridge's amounts, below the quarters that grow by a row.
    const theirs: Omit<FakeChart, "deleted"> = {
      name: "KC-style bridge of mine",
      type: "ColumnClustered",
      title: { text: "Steps" },
      valueAxis: {},
      categoryAxis: {},
      legend: {},
      position: { from: "='Mine'!$B$2", to: "='Mine'!$H$14" },
      series: [
        {
          name: "Amount",
          values: `='${DASH}'!$B$53:$B$61`,
          categories: `='${DASH}'!$A$53:$A$61`,
          line: {},
          marker: {},
          inLegend: true,
        },
      ],
    };
    fake.addChartAsUser("Mine", theirs);
    await refreshModel((o) => buildModel(nextFin, o), undefined, fake.api);
    const after = fake.chart("Mine", "KC-style bridge of mine")!;
    expect(after).toEqual({
      ...theirs,
      series: [
        {
          ...theirs.series[0],
          values: `='${DASH}'!$B$54:$B$62`,
          categories: `='${DASH}'!$A$54:$A$62`,
        },
      ],
    });
    expect(fake.chart(DASH, "KC bridge")!.series[0].values).toBe(`='${DASH}'!$E$54:$E$62`);
  });

  test("at twelve quarters and a thirteenth, every quarter is drawn", async () => {
    const twelve = new Financials(syntheticQuarters(bundledDataset(), 12));
    const thirteen = new Financials(syntheticQuarters(nextQuarterDataset(bundledDataset()), 13));
    const fake = new FakeExcel();
    await insertModel(buildModel(twelve, DEFAULT_OPTIONS), undefined, fake.api);
    const rows = () => {
      const v = fake.chart(DASH, "KC margins")!.series[2].values as string;
      const [, from, to] = /\$(\d+):\$[A-Z]+\$(\d+)$/.exec(v) as RegExpExecArray;
      return Number(to) - Number(from) + 1;
    };
    expect(rows()).toBe(12);
    await refreshModel((o) => buildModel(thirteen, o), undefined, fake.api);
    expect(rows()).toBe(13);
  });
});

describe("a failing sync", () => {
  beforeEach(() =>
    jest.spyOn(globalThis.crypto, "getRandomValues").mockImplementation(<T>(a: T): T => {
      (a as unknown as Uint8Array).fill(0x5a);
      return a;
    })
  );
  afterEach(() => jest.restoreAllMocks());

  test("right after a chart is added, before it is named: the finished write leaves no stray chart", async () => {
    const fake = new FakeExcel();
    await insertModel(model(), undefined, fake.api);
    fake.deleteChartAsUser(DASH, "KC margins");
    const clean = fake.clone();
    await refreshModel((o) => buildModel(nextFin, o), undefined, clean.api);
    const write = fake.syncs + 2;
    fake.failWhen = (sync, what) => (sync === write ? what.indexOf("add chart") + 1 : undefined);
    const report = await refreshModel((o) => buildModel(nextFin, o), undefined, fake.api);
    expect(report.warnings).toEqual([
      "Writing the tabs failed (Simulated failure during sync); the change was finished afterwards.",
    ]);
    expect(fake.batches[write - 1].what).toContain("add chart");
    expect(charts(fake).map((c) => c.name)).toEqual(charts(clean).map((c) => c.name));
    expect(fake.snapshot({ ignoreProps: [] })).toBe(clean.snapshot({ ignoreProps: [] }));
  });

  test("inserting into a workbook without the tabs: the new sheets go, their charts with them", async () => {
    const fake = new FakeExcel([{ name: "Mine", cells: { A1: 1 } }]);
    const before = fake.snapshot();
    fake.failWhen = (sync, what) => (sync === 2 ? what.lastIndexOf("add chart") + 1 : undefined);
    await expect(insertModel(model(), undefined, fake.api)).rejects.toThrow(
      "Writing the tabs failed (Simulated failure during sync); the workbook is as it was."
    );
    expect(fake.snapshot()).toBe(before);
  });
});
