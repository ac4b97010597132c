import { Dec } from "../../../src/domain/decimal";
import { absoluteReference, chartXml } from "../../../src/cli/chart-xml";
import type { PlanValue } from "../../../src/sheets/expr";
import type { CellRef, ChartPlan } from "../../../src/sheets/types";
import { all, child, find, outOfOrder, parseXml, readChart } from "../../helpers/chart-parts";

/** One chart plan as a chart part, on cells of its own (the exported dashboard's: xlsx-charts). */

const CELLS = new Map<string, PlanValue>([
  ["0,0", "Q1 <draft> & co"],
  ["1,0", "1Q25"],
  ["2,0", "2Q25 n.a."],
  ["3,0", "4Q25"],
  ["0,1", "Gross margin"],
  ["1,1", new Dec("0.1615785361961078733")],
  ["3,1", new Dec("-0.25")],
  ["0,2", "Adjusted"],
  ["1,2", "n.a."],
  ["2,2", { error: "#N/A", message: "no such quarter" }],
  ["3,2", new Dec(0)],
]);
const read = (at: CellRef): PlanValue => CELLS.get(`${at.row},${at.col}`) ?? "";

function plan(kind: ChartPlan["kind"]): ChartPlan {
  return {
    key: "k",
    kind,
    title: 'Margins "adjusted" & not, <%>',
    categories: { tab: "segments", from: { row: 1, col: 0 }, to: { row: 3, col: 0 } },
    series: [1, 2].map((col) => ({
      name: String(read({ tab: "segments", row: 0, col })),
      nameAt: { tab: "segments", row: 0, col },
      values: { tab: "segments", from: { row: 1, col }, to: { row: 3, col } },
      color: col === 1 ? "#c55a11" : "none",
      unlisted: col === 2,
    })),
    valueAxis: { title: "% of total revenues", format: '0.0%;(0.0%);"-"' },
    categoryAxis: { title: "" },
    legend: false,
    anchor: { from: { row: 0, col: 0 }, to: { row: 1, col: 1 } },
  };
}

test("references are absolute, the sheet quoted as formulas quote it", () => {
  expect(
    absoluteReference({ tab: "segments", from: { row: 44, col: 1 }, to: { row: 48, col: 1 } })
  ).toBe("'KC Segments & Margins'!$B$45:$B$49");
  expect(
    absoluteReference({ tab: "dashboard", from: { row: 3, col: 27 }, to: { row: 3, col: 27 } })
  ).toBe("'KC Dashboard'!$AB$4");
});

test("text with markup characters is escaped, and reads back as written", () => {
  const xml = chartXml(plan("line"), read);
  const chart = readChart(xml);
  expect(chart.title).toBe('Margins "adjusted" & not, <%>');
  expect(chart.series[0].categoriesRef).toBe("'KC Segments & Margins'!$A$2:$A$4");
  expect(chart.valueFormat).toEqual({ code: '0.0%;(0.0%);"-"', sourceLinked: "0" });
  expect(outOfOrder(parseXml(xml))).toEqual([]);
});

test("only figures are cached: text, n.a. and error cells are gaps; zero is a point", () => {
  const chart = readChart(chartXml(plan("stacked-column"), read));
  expect(chart.series.map((s) => s.values)).toEqual([
    [new Dec("0.1615785361961078733").toNumber(), undefined, -0.25],
    [undefined, undefined, 0],
  ]);
  expect(chart.series.map((s) => s.nameCache)).toEqual(["Gross margin", "Adjusted"]);
  expect(chart.series[0].categories).toEqual(["1Q25", "2Q25 n.a.", "4Q25"]);
});

test("a line chart's series are lines with markers in the series' colour, never smoothed", () => {
  const ser = find(parseXml(chartXml(plan("line"), read)), "c:ser")!;
  expect(ser.children.map((c) => c.name)).toEqual([
    "c:idx",
    "c:order",
    "c:tx",
    "c:spPr",
    "c:marker",
    "c:cat",
    "c:val",
    "c:smooth",
  ]);
  const marker = find(ser, "c:marker")!;
  expect(find(marker, "c:symbol")!.attrs.val).toBe("circle");
  expect(find(marker, "a:srgbClr")!.attrs.val).toBe("C55A11");
  expect(find(ser, "c:smooth")!.attrs.val).toBe("0");
});

test("no legend where the plan has none; an empty category axis title is left out", () => {
  const chart = readChart(chartXml(plan("clustered-column"), read));
  expect(chart.legend).toBeUndefined();
  expect(chart.categoryAxisTitle).toBeUndefined();
  expect(chart.valueAxisTitle).toBe("% of total revenues");
});

test("the order check itself finds children out of order and children the schema does not name", () => {
  const xml =
    '<c:chartSpace xmlns:c="c"><c:chart><c:plotArea/><c:title/><c:legend/><c:dispBlanksAs/><c:plotVisOnly/><c:bogus/></c:chart></c:chartSpace>';
  expect(outOfOrder(parseXml(xml))).toEqual([
    "c:chartSpace/c:chart: c:title comes after c:plotArea",
    "c:chartSpace/c:chart: c:plotVisOnly comes after c:dispBlanksAs",
    "c:chartSpace/c:chart: c:bogus is not one of its children",
  ]);
  expect(() => parseXml("<c:chart><c:title></c:chart>")).toThrow(/not well-formed/);
});

test("a dashed series is a dashed line, before its join as the schema orders them", () => {
  const dashed = plan("line");
  dashed.series[0] = { ...dashed.series[0], dashed: true };
  const chart = find(parseXml(chartXml(dashed, read)), "c:lineChart")!;
  const [first, second] = all(chart, "c:ser");
  const ln = find(child(first, "c:spPr")!, "a:ln")!;
  expect(ln.children.map((c) => c.name)).toEqual(["a:solidFill", "a:prstDash", "a:round"]);
  expect(find(ln, "a:prstDash")!.attrs.val).toBe("dash");
  expect(find(second, "a:prstDash")).toBeUndefined();
});
