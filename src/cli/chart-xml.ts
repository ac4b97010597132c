import { Dec } from "../domain/decimal";
import { columnLetter, sheetPrefix } from "../sheets/a1";
import type { PlanValue } from "../sheets/expr";
import type { CellRange, CellRef, ChartPlan, ChartSeries } from "../sheets/types";
import { TAB_NAMES } from "../sheets/types";

/**
 * A chart plan as a DrawingML chart part (ECMA-376 part 1, 21.2: xl/charts/chartN.xml). Every
 * series' name, categories and values are references to the cells of the chart data, each with
 * the values the model computes cached beside it, so that a viewer that does not recalculate still
 * draws the chart and one that does follows the cells. Elements are written in the order the
 * schema's sequences give them: Excel refuses a part whose children are out of order.
 */

/** What a cell of the model holds: its exact value, as the export caches it. */
export type CellReader = (at: CellRef) => PlanValue;

export const NS = {
  c: "http://schemas.openxmlformats.org/drawingml/2006/chart",
  a: "http://schemas.openxmlformats.org/drawingml/2006/main",
  r: "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
};

/**
 * Text sizes in hundredths of a point. The dashboard prints scaled to one page (a little under
 * 100%), and nothing on paper may be under 9 pt: chart text stays at 9 pt or more there.
 */
export const TEXT_SIZES = { body: 1000, title: 1100 };

/** The two axes' ids: any numbers, the same in the chart group and in the axes. */
const CATEGORY_AXIS = 500010;
const VALUE_AXIS = 500020;

export function escapeXml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
}

/** 'KC Dashboard'!$B$45:$B$49: absolute, so the reference reads the same wherever it is used. */
export function absoluteReference(range: CellRange): string {
  const cell = (p: { row: number; col: number }) => `$${columnLetter(p.col)}$${p.row + 1}`;
  const same = range.from.row === range.to.row && range.from.col === range.to.col;
  return `${sheetPrefix(TAB_NAMES[range.tab])}${cell(range.from)}${same ? "" : `:${cell(range.to)}`}`;
}

/** The cells of a one-row or one-column range, in order. */
function cellsOf(range: CellRange): CellRef[] {
  const out: CellRef[] = [];
  for (let row = range.from.row; row <= range.to.row; row++)
    for (let col = range.from.col; col <= range.to.col; col++)
      out.push({ tab: range.tab, row, col });
  return out;
}

function text(v: PlanValue): string {
  return v instanceof Dec ? v.toString() : typeof v === "string" ? v : "";
}

function strRef(range: CellRange, read: CellReader): string {
  const cells = cellsOf(range);
  const points = cells.map(
    (at, k) => `<c:pt idx="${k}"><c:v>${escapeXml(text(read(at)))}</c:v></c:pt>`
  );
  return `<c:strRef><c:f>${escapeXml(absoluteReference(range))}</c:f><c:strCache><c:ptCount val="${cells.length}"/>${points.join("")}</c:strCache></c:strRef>`;
}

/** Figures only: an empty or n.a. cell has no point, so the chart draws a gap there, never a zero. */
function numRef(range: CellRange, read: CellReader): string {
  const cells = cellsOf(range);
  const points = cells.flatMap((at, k) => {
    const v = read(at);
    return v instanceof Dec ? [`<c:pt idx="${k}"><c:v>${v.toNumber()}</c:v></c:pt>`] : [];
  });
  return `<c:numRef><c:f>${escapeXml(absoluteReference(range))}</c:f><c:numCache><c:formatCode>General</c:formatCode><c:ptCount val="${cells.length}"/>${points.join("")}</c:numCache></c:numRef>`;
}

function fill(color: string): string {
  return `<a:solidFill><a:srgbClr val="${color.replace(/^#/, "").toUpperCase()}"/></a:solidFill>`;
}

/** A series' shape: a bridge's base neither filled nor outlined, a line a line, a column a fill. */
function seriesShape(s: ChartSeries, line: boolean): string {
  if (s.color === "none") return "<c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>";
  if (line)
    return `<c:spPr><a:ln w="28575" cap="rnd">${fill(s.color)}${s.dashed ? '<a:prstDash val="dash"/>' : ""}<a:round/></a:ln></c:spPr><c:marker><c:symbol val="circle"/><c:size val="6"/><c:spPr>${fill(s.color)}<a:ln w="9525">${fill(s.color)}</a:ln></c:spPr></c:marker>`;
  return `<c:spPr>${fill(s.color)}<a:ln><a:noFill/></a:ln></c:spPr><c:invertIfNegative val="0"/>`;
}

function series(chart: ChartPlan, s: ChartSeries, k: number, read: CellReader): string {
  const line = chart.kind === "line";
  const nameAt: CellRange = { tab: s.nameAt.tab, from: s.nameAt, to: s.nameAt };
  return (
    `<c:ser><c:idx val="${k}"/><c:order val="${k}"/><c:tx>${strRef(nameAt, read)}</c:tx>` +
    seriesShape(s, line) +
    `<c:cat>${strRef(chart.categories, read)}</c:cat><c:val>${numRef(s.values, read)}</c:val>` +
    (line ? `<c:smooth val="0"/>` : "") +
    `</c:ser>`
  );
}

/** Rich text: a chart's or an axis's title. */
function title(words: string, size: number, rotated = false): string {
  const body = rotated ? `<a:bodyPr rot="-5400000" vert="horz"/>` : `<a:bodyPr/>`;
  return `<c:title><c:tx><c:rich>${body}<a:lstStyle/><a:p><a:pPr><a:defRPr sz="${size}" b="1"/></a:pPr><a:r><a:rPr lang="en-US" sz="${size}" b="1"/><a:t>${escapeXml(words)}</a:t></a:r></a:p></c:rich></c:tx><c:overlay val="0"/></c:title>`;
}

/** The chart group: how the series are drawn, then the two axes it sits on. */
function group(chart: ChartPlan, read: CellReader): string {
  const ser = chart.series.map((s, k) => series(chart, s, k, read)).join("");
  const axes = `<c:axId val="${CATEGORY_AXIS}"/><c:axId val="${VALUE_AXIS}"/>`;
  if (chart.kind === "line")
    return `<c:lineChart><c:grouping val="standard"/><c:varyColors val="0"/>${ser}<c:marker val="1"/>${axes}</c:lineChart>`;
  const stacked = chart.kind !== "clustered-column";
  return (
    `<c:barChart><c:barDir val="col"/><c:grouping val="${stacked ? "stacked" : "clustered"}"/><c:varyColors val="0"/>${ser}` +
    `<c:gapWidth val="${stacked ? 50 : 80}"/><c:overlap val="${stacked ? 100 : -10}"/>${axes}</c:barChart>`
  );
}

const AXIS_LINE = `<c:spPr><a:ln w="9525">${fill("#A6A6A6")}</a:ln></c:spPr>`;
const GRIDLINES = `<c:majorGridlines><c:spPr><a:ln w="6350">${fill("#D9D9D9")}</a:ln></c:spPr></c:majorGridlines>`;

/**
 * The category axis's labels sit at the bottom of the plot ("low"), not at zero: with negative
 * figures (costs, the bridge's net loss) labels at zero would be drawn over the columns.
 */
function categoryAxis(chart: ChartPlan): string {
  return (
    `<c:catAx><c:axId val="${CATEGORY_AXIS}"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="b"/>` +
    (chart.categoryAxis.title ? title(chart.categoryAxis.title, TEXT_SIZES.body) : "") +
    `<c:numFmt formatCode="General" sourceLinked="1"/><c:majorTickMark val="none"/><c:minorTickMark val="none"/><c:tickLblPos val="low"/>${AXIS_LINE}` +
    `<c:crossAx val="${VALUE_AXIS}"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>`
  );
}

function valueAxis(chart: ChartPlan): string {
  return (
    `<c:valAx><c:axId val="${VALUE_AXIS}"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="l"/>${GRIDLINES}` +
    (chart.valueAxis.title ? title(chart.valueAxis.title, TEXT_SIZES.body, true) : "") +
    `<c:numFmt formatCode="${escapeXml(chart.valueAxis.format)}" sourceLinked="0"/><c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>${AXIS_LINE}` +
    `<c:crossAx val="${CATEGORY_AXIS}"/><c:crosses val="autoZero"/><c:crossBetween val="between"/></c:valAx>`
  );
}

/** Below the plot; a series marked unlisted (a bridge's bases and split parts) has no entry. */
function legend(chart: ChartPlan): string {
  if (!chart.legend) return "";
  const deleted = chart.series.flatMap((s, k) =>
    s.unlisted ? [`<c:legendEntry><c:idx val="${k}"/><c:delete val="1"/></c:legendEntry>`] : []
  );
  return `<c:legend><c:legendPos val="b"/>${deleted.join("")}<c:overlay val="0"/></c:legend>`;
}

/** The chart part: the chart, its text size, and blanks drawn as gaps. */
export function chartXml(chart: ChartPlan, read: CellReader): string {
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<c:chartSpace xmlns:c="${NS.c}" xmlns:a="${NS.a}" xmlns:r="${NS.r}"><c:roundedCorners val="0"/>` +
    `<c:chart>${title(chart.title, TEXT_SIZES.title)}<c:autoTitleDeleted val="0"/>` +
    `<c:plotArea><c:layout/>${group(chart, read)}${categoryAxis(chart)}${valueAxis(chart)}</c:plotArea>` +
    `${legend(chart)}<c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart>` +
    `<c:spPr>${fill("#FFFFFF")}<a:ln><a:noFill/></a:ln></c:spPr>` +
    `<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="${TEXT_SIZES.body}"><a:latin typeface="Calibri"/></a:defRPr></a:pPr><a:endParaRPr lang="en-US"/></a:p></c:txPr>` +
    `</c:chartSpace>`
  );
}
