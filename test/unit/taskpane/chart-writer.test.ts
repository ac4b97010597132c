import type { CellRange, ChartPlan } from "../../../src/sheets/types";
import {
  CHARTS_API,
  chartName,
  chartsThere,
  queueChartRead,
  queueCharts,
  rangeAddress,
  strayCharts,
} from "../../../src/taskpane/chart-writer";
import { FakeExcel } from "../../helpers/fake-excel";

/** Charts queued on a small sheet of the fake workbook, outside the writer. */

const col = (c: number, from = 1, to = 3): CellRange => ({
  tab: "dashboard",
  from: { row: from, col: c },
  to: { row: to, col: c },
});

function chart(kind: ChartPlan["kind"], colors: string[], key = "k"): ChartPlan {
  return {
    key,
    kind,
    title: `A ${kind} chart`,
    categories: col(0),
    series: colors.map((color, k) => ({
      name: `S${k}`,
      nameAt: { tab: "dashboard", row: 0, col: 1 + k },
      values: col(1 + k),
      color,
      ...(color === "none" ? { unlisted: true } : {}),
    })),
    valueAxis: { title: "RMB thousands", format: "#,##0" },
    categoryAxis: { title: "" },
    legend: true,
    anchor: { from: { row: 5, col: 1 }, to: { row: 20, col: 8 } },
  };
}

/** Runs `queue` on sheet "Data" after reading its charts, in one batch after the read. */
async function write(
  fake: FakeExcel,
  charts: ChartPlan[],
  stray: (there: Map<string, number>) => string[] = () => []
): Promise<Map<string, number>> {
  return fake.api.run(async (context) => {
    const sheet = context.workbook.worksheets.getItem("Data");
    const read = queueChartRead(sheet);
    await context.sync();
    const there = chartsThere(read);
    queueCharts(sheet, { charts }, (r) => sheet.getRange(rangeAddress(r)), there, stray(there));
    await context.sync();
    return there;
  });
}

const data = () =>
  new FakeExcel([
    {
      name: "Data",
      cells: { A2: "1Q26", A3: "2Q26", A4: "3Q26", B2: 1, B3: 2, C2: 3, C3: 4, D2: -1, D4: 5 },
    },
  ]);

test("the chart calls need ExcelApi 1.8 at most (displayBlanksAs, an axis's number format)", () => {
  expect(CHARTS_API).toBe("1.8");
  expect(chartName("bridge")).toBe("KC bridge");
  expect(rangeAddress(col(2, 44, 48))).toBe("C45:C49");
});

test("each kind takes its Excel type; a line's colour goes to its line and markers", async () => {
  const fake = data();
  await write(fake, [
    chart("stacked-column", ["#111111"], "a"),
    chart("clustered-column", ["#222222"], "b"),
    chart("line", ["#333333"], "c"),
    chart("bridge", ["none", "#444444"], "d"),
  ]);
  const sheet = fake.sheet("Data")!;
  expect(sheet.charts!.map((c) => [c.name, c.type])).toEqual([
    ["KC a", "ColumnStacked"],
    ["KC b", "ColumnClustered"],
    ["KC c", "LineMarkers"],
    ["KC d", "ColumnStacked"],
  ]);
  expect(fake.chart("Data", "KC c")!.series[0]).toMatchObject({
    line: { color: "#333333", style: "Continuous" },
    marker: { background: "#333333", foreground: "#333333" },
  });
  expect(fake.chart("Data", "KC d")!.series.map((s) => [s.fill, s.inLegend])).toEqual([
    ["none", false],
    ["#444444", true],
  ]);
  // The plan's anchor ends before its `to` corner: setPosition covers its end cell whole.
  expect(fake.chart("Data", "KC a")!.position).toEqual({
    from: "='Data'!$B$6",
    to: "='Data'!$H$20",
  });
  expect(fake.chart("Data", "KC a")!.categoryAxis).toEqual({ titleVisible: false });
});

test("a chart found again keeps its place in the sheet and takes the plan's series, no more", async () => {
  const fake = data();
  await write(fake, [chart("stacked-column", ["#111111", "#222222", "#333333"])]);
  const there = await write(fake, [chart("stacked-column", ["#999999"])]);
  expect(there).toEqual(new Map([["KC k", 3]]));
  expect(fake.chart("Data", "KC k")!.series.map((s) => [s.name, s.values, s.fill])).toEqual([
    ["S0", "='Data'!$B$2:$B$4", "#999999"],
  ]);
  await write(fake, [chart("stacked-column", ["#111111", "#222222"])]);
  expect(fake.chart("Data", "KC k")!.series.map((s) => s.values)).toEqual([
    "='Data'!$B$2:$B$4",
    "='Data'!$C$2:$C$4",
  ]);
  expect(fake.sheet("Data")!.charts).toHaveLength(1);
});

test("a stray chart a failed batch left unnamed is deleted; one there before is not", () => {
  const before = new Map([["My chart", 1]]);
  const now = new Map([
    ["My chart", 1],
    ["KC k", 2],
    ["Chart 7", 1],
  ]);
  expect(strayCharts(now, before, { charts: [chart("line", ["#000000"])] })).toEqual(["Chart 7"]);
});

test("stray charts go before the plan's are written", async () => {
  const fake = data();
  fake.addChartAsUser("Data", {
    name: "Chart 3",
    type: "Line",
    title: {},
    valueAxis: {},
    categoryAxis: {},
    legend: {},
    position: { from: "='Data'!$A$1", to: "='Data'!$C$3" },
    series: [],
  });
  await write(fake, [chart("line", ["#000000"])], (there) => [...there.keys()]);
  expect(fake.sheet("Data")!.charts!.map((c) => c.name)).toEqual(["KC k"]);
});
