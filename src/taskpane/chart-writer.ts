import { a1, rangeA1 } from "../sheets/a1";
import type { CellRange, ChartKind, ChartPlan, ChartSeries, SheetPlan } from "../sheets/types";

/**
 * A sheet plan's charts (KC Dashboard's) as native Excel charts, queued in the write's batch so
 * they cost no round trip of their own. A chart is the model's by its name ("KC " and the plan's
 * key): at every write it is found again and its type, titles, axes, legend, position and every
 * series are set again to the placed plan's ranges, since Excel grows a series' range only for an
 * insert inside it, never for a quarter added at its edge. A chart of the model's that the analyst
 * deleted is added again; a chart under any other name is never touched.
 *
 * The requirement set of each call, as @types/office-js gives it: charts.add, getItem, a chart's
 * name, title, legend visibility and position, setPosition, delete, a fill's setSolidColor and
 * clear, a line's color: ExcelApi 1.1; chartType, series.add, setValues, setXAxisValues, a
 * series' delete, legendEntries, a line's lineStyle, marker colours: 1.7; displayBlanksAs and an
 * axis's numberFormat: 1.8.
 */
export const CHARTS_API = "1.8";

/** The name a chart of the plan's takes in the workbook: how the next write finds it. */
export function chartName(key: string): string {
  return `KC ${key}`;
}

/** The charts on a sheet as a read found them: each one's name and how many series it has. */
export type ChartsThere = ReadonlyMap<string, number>;

/** Queues reading a sheet's charts, each with its series (one chart call less than each by name). */
export function queueChartRead(sheet: Excel.Worksheet): Excel.ChartCollection {
  const charts = sheet.charts;
  charts.load("items/name,items/series/items/name");
  return charts;
}

/** After the read's sync: the charts by name; where two share a name, the first. */
export function chartsThere(charts: Excel.ChartCollection): Map<string, number> {
  const there = new Map<string, number>();
  if (charts.isNullObject) return there;
  for (const c of charts.items) if (!there.has(c.name)) there.set(c.name, c.series.items.length);
  return there;
}

/**
 * Charts a failed write left behind that neither were there before nor are the plan's: one added
 * and not yet named when its batch stopped (Excel names a new chart "Chart n" after all before it).
 */
export function strayCharts(
  now: ChartsThere,
  before: ChartsThere,
  plan: Pick<SheetPlan, "charts">
): string[] {
  const planned = new Set(plan.charts.map((c) => chartName(c.key)));
  return [...now.keys()].filter((n) => !before.has(n) && !planned.has(n));
}

const TYPES: Record<ChartKind, "ColumnStacked" | "ColumnClustered" | "LineMarkers"> = {
  "stacked-column": "ColumnStacked",
  "clustered-column": "ColumnClustered",
  line: "LineMarkers",
  // The stacked-column bridge: its invisible bases lift each step (see dashboard-tab.ts).
  bridge: "ColumnStacked",
};

/**
 * Queues the plan's charts on its sheet: the strays deleted, each chart of the plan found in
 * `there` re-pointed, or added. `rangeOf` gives the workbook's range of a plan's cells.
 */
export function queueCharts(
  sheet: Excel.Worksheet,
  plan: Pick<SheetPlan, "charts">,
  rangeOf: (r: CellRange) => Excel.Range,
  there: ChartsThere,
  stray: readonly string[] = []
): void {
  for (const name of stray) sheet.charts.getItem(name).delete();
  for (const c of plan.charts) {
    const name = chartName(c.key);
    const count = there.get(name);
    if (count !== undefined) {
      queueChart(sheet.charts.getItem(name), c, rangeOf, count);
      continue;
    }
    const first = c.series[0];
    if (!first) throw new Error(`The chart ${c.key} has no series to draw`);
    // ASSUMED: a range of one column of figures makes a chart of one series (Excel guesses
    // headers only from text); that series is then set like any other.
    const chart = sheet.charts.add(TYPES[c.kind], rangeOf(first.values), "Columns");
    chart.name = name;
    queueChart(chart, c, rangeOf, 1);
  }
}

/** Everything of a chart the plan says, set whether the chart is new or was there (`count` series). */
function queueChart(
  chart: Excel.Chart,
  c: ChartPlan,
  rangeOf: (r: CellRange) => Excel.Range,
  count: number
): void {
  chart.chartType = TYPES[c.kind];
  chart.title.text = c.title;
  chart.title.visible = true;
  axisTitle(chart.axes.valueAxis.title, c.valueAxis.title);
  chart.axes.valueAxis.numberFormat = c.valueAxis.format;
  axisTitle(chart.axes.categoryAxis.title, c.categoryAxis.title);
  chart.legend.visible = c.legend;
  chart.legend.position = "Bottom";
  // A quarter no release gives is an empty cell: a gap in the chart, never a fall to zero.
  chart.displayBlanksAs = "NotPlotted";
  const { from, to } = c.anchor;
  // The plan's `to` is the corner after the chart; setPosition's end cell is covered whole.
  chart.setPosition(a1(from.row, from.col), a1(to.row - 1, to.col - 1));
  for (let k = count - 1; k >= c.series.length; k--) chart.series.getItemAt(k).delete();
  c.series.forEach((s, k) => {
    const series = k < count ? chart.series.getItemAt(k) : chart.series.add(s.name);
    // Office.js sets a series' name as text (ChartSeries.name), with no way to link it to its
    // cell: the legend shows the plan's words, written again at every write.
    series.name = s.name;
    series.setValues(rangeOf(s.values));
    series.setXAxisValues(rangeOf(c.categories));
    look(series, s, c.kind === "line");
    // ASSUMED: legend entries are the series', in their order (Microsoft does not say).
    if (c.legend) chart.legend.legendEntries.getItemAt(k).visible = !s.unlisted;
  });
}

function axisTitle(title: Excel.ChartAxisTitle, text: string): void {
  if (text) title.text = text;
  title.visible = text !== "";
}

/** A series' colour: a line and its markers, a column's fill, or none at all (a bridge's base). */
function look(series: Excel.ChartSeries, s: ChartSeries, line: boolean): void {
  if (s.color === "none") {
    series.format.fill.clear();
    series.format.line.lineStyle = "None";
  } else if (line) {
    series.format.line.color = s.color;
    series.format.line.lineStyle = s.dashed ? "Dash" : "Continuous";
    series.markerBackgroundColor = s.color;
    series.markerForegroundColor = s.color;
  } else {
    series.format.fill.setSolidColor(s.color);
    series.format.line.lineStyle = "None";
  }
}

/** A plan's range as an A1 address on its tab ("B50:B54"). */
export function rangeAddress(r: CellRange): string {
  return rangeA1(r.from.row, r.from.col, r.to.row, r.to.col);
}
