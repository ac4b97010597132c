import { Dec } from "../domain/decimal";
import { isError } from "../sheets/expr";
import type { Model } from "../sheets/model";
import type { CellRange, CellRef, ChartPlan } from "../sheets/types";
import { formatValue } from "./number-format";

/**
 * A chart plan laid out at a width, in pixels, as plain data: what the preview draws as SVG
 * (chart-svg.ts). Every figure is the core's exact value of a chart data cell; numbers are used
 * only for coordinates. Texts are placed from estimated widths that err on the wide side, so that
 * no two labels meet at 350 px or wide (the Chromium test measures the drawn ones).
 */

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** A text: its lines, turned a quarter anticlockwise about (x, y) when `rotated`. */
export interface ChartText {
  role: "title" | "legend" | "tick" | "category" | "axis-title";
  lines: string[];
  x: number;
  y: number;
  /** The first line's baseline, below y (before the turn). */
  dy: number;
  size: number;
  lineHeight: number;
  anchor: "start" | "middle" | "end";
  bold: boolean;
  rotated: boolean;
}

/** A bar (its rectangle) or a line's point (its centre, w = h = 0) of one cell. */
export interface ChartMark {
  kind: "bar" | "point";
  series: string;
  category: string;
  /** The cell's exact decimal as the core computes it. */
  value: string;
  /** The value as the chart data's cell shows it. */
  shown: string;
  /** #RRGGBB, or "none": a bridge's invisible base. */
  color: string;
  x: number;
  y: number;
  w: number;
  h: number;
}

/** A line series: runs of points; a missing quarter ends a run (a gap, never a drop to zero). */
export interface ChartLine {
  series: string;
  color: string;
  dashed: boolean;
  runs: { x: number; y: number }[][];
}

export interface LegendKey {
  series: string;
  color: string;
  /** The key's swatch: a square, or for a line a stroke with its marker. */
  x: number;
  y: number;
  line: boolean;
  dashed: boolean;
}

export interface ChartLayout {
  key: string;
  title: string;
  width: number;
  height: number;
  plot: Box;
  /** A line across the plot at each tick: its value, exact; the one at zero is the zero line. */
  gridlines: { y: number; value: string }[];
  marks: ChartMark[];
  lines: ChartLine[];
  legend: LegendKey[];
  texts: ChartText[];
}

const PAD = 8;
const SIZE = 11;
const TITLE_SIZE = 13;
const LINE = 1.25;
/** Of a line's height, above and below its baseline: a font's ascent and descent, roomily. */
const ASCENT = 0.95;
const DESCENT = 0.25;
export const SWATCH = 10;

/**
 * A text's width at a size, from per-character widths of a wide sans-serif (DejaVu Sans, what
 * Chromium falls back to on Linux; Segoe UI in Office is narrower), rounded up.
 */
export function textWidth(text: string, size: number, bold = false): number {
  let em = 0;
  for (const ch of text) {
    if (/[ .,:;'|!]/.test(ch)) em += 0.34;
    else if (/[iljI]/.test(ch)) em += 0.3;
    else if (/[ftr()[\]-]/.test(ch)) em += 0.42;
    else if (/[mwMW%@]/.test(ch)) em += 1.0;
    else if (/[A-Z&]/.test(ch)) em += 0.78;
    else if (/[0-9]/.test(ch)) em += 0.64;
    else em += 0.63;
  }
  return em * size * (bold ? 1.1 : 1);
}

/** Words in lines no wider than `width`; a longer word stands alone on its line. */
export function wrap(text: string, width: number, size: number, bold = false): string[] {
  const lines: string[] = [];
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const last = lines[lines.length - 1];
    if (last !== undefined && textWidth(`${last} ${word}`, size, bold) <= width)
      lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return lines.length ? lines : [""];
}

/** Where a text's glyphs sit, after its turn. */
export function boxOf(t: ChartText): Box {
  const w = Math.max(...t.lines.map((l) => textWidth(l, t.size, t.bold)));
  const left = t.anchor === "start" ? 0 : t.anchor === "middle" ? -w / 2 : -w;
  const top = t.dy - ASCENT * t.size;
  const h = (t.lines.length - 1) * t.lineHeight + (ASCENT + DESCENT) * t.size;
  // A quarter turn anticlockwise takes (dx, dy) from the pivot to (dy, -dx).
  return t.rotated
    ? { x: t.x + top, y: t.y - (left + w), w: h, h: w }
    : { x: t.x + left, y: t.y + top, w, h };
}

/** The cells of a range, top to bottom, left to right. */
function cellsOf(r: CellRange): CellRef[] {
  const out: CellRef[] = [];
  for (let row = r.from.row; row <= r.to.row; row++)
    for (let col = r.from.col; col <= r.to.col; col++) out.push({ tab: r.tab, row, col });
  return out;
}

/** The text a cell shows, as the tab shows it. */
function shownText(model: Model, at: CellRef): string {
  const v = model.value(at);
  return isError(v) ? v.error : formatValue(v, model.cell(at)?.format);
}

/** Ticks of the value axis, zero among them, steps of 1, 2, 2.5 or 5 times a power of ten. */
function ticks(low: number, high: number, count: number, format: string): Dec[] {
  const finest = format.includes("%") ? 0.01 : format.includes(".0") ? 0.1 : 1;
  const raw = Math.max((high - low) / count, finest);
  const power = Math.floor(Math.log10(raw));
  // 2.5 only where its ticks are still whole in the format's last place (no 3% for 2.5%).
  const steps = 10 ** power > finest * (1 + 1e-9) ? [1, 2, 2.5, 5, 10] : [1, 2, 5, 10];
  const m = steps.find((f) => f * 10 ** power >= raw * (1 - 1e-9)) as number;
  const step = new Dec(m).times(new Dec(10).pow(power));
  const n = step.toNumber();
  const out: Dec[] = [];
  for (let k = Math.floor(low / n + 1e-9); k <= Math.ceil(high / n - 1e-9); k++)
    out.push(step.times(k));
  return out.length > 1 ? out : [new Dec(0), step];
}

/**
 * Category labels that fit their band: side by side, wrapped at the words, where they fit;
 * else turned upright, each wrapped into as many lines as the band holds side by side. Where
 * bands are too narrow even for one upright line, every k-th label shows, counted from the last
 * (the latest quarter).
 */
function categoryLabels(labels: string[], band: number) {
  const lh = SIZE * LINE;
  const room = band - 4;
  const flat = labels.map((l) => wrap(l, room, SIZE));
  if (flat.every((ls) => ls.length <= 3 && ls.every((l) => textWidth(l, SIZE) <= room)))
    return {
      lines: flat,
      rotated: false,
      every: 1,
      extent: Math.max(...flat.map((l) => l.length)) * lh,
    };
  const every = Math.max(1, Math.ceil((lh + 2) / band));
  const most = Math.max(1, Math.floor((band * every - 2) / lh));
  const length = Math.max(...labels.map((l) => shortestWrap(l, most)));
  return {
    lines: labels.map((l) => wrap(l, length, SIZE)),
    rotated: true,
    every,
    extent: length,
  };
}

/** The narrowest width at which a text wraps into `most` lines or fewer. */
function shortestWrap(text: string, most: number): number {
  let lo = Math.max(...text.split(/\s+/).map((w) => textWidth(w, SIZE)));
  let hi = textWidth(text, SIZE);
  while (hi - lo > 1) {
    const mid = (lo + hi) / 2;
    if (wrap(text, mid, SIZE).length <= most) hi = mid;
    else lo = mid;
  }
  return Math.ceil(hi);
}

const round = (n: number) => Math.round(n * 10) / 10;

type NewText = Omit<ChartText, "lineHeight" | "bold"> & { bold?: boolean };

/** A series' cells: the exact value and how the cell shows it, or nothing (a gap). */
interface SeriesCells {
  name: string;
  color: string;
  dashed: boolean;
  cells: ({ value: Dec; shown: string } | undefined)[];
}

const isStacked = (chart: ChartPlan) => chart.kind === "stacked-column" || chart.kind === "bridge";

/** The chart laid out `width` pixels wide; its height follows. */
export function layoutChart(model: Model, chart: ChartPlan, width: number): ChartLayout {
  const W = Math.max(240, Math.round(width));
  const texts: ChartText[] = [];
  const text = (t: NewText) => texts.push({ bold: false, lineHeight: t.size * LINE, ...t });

  const categories = cellsOf(chart.categories).map((at) => shownText(model, at));
  const series: SeriesCells[] = chart.series.map((s) => ({
    name: s.name,
    color: s.color,
    dashed: !!s.dashed,
    cells: cellsOf(s.values).map((at) => {
      const v = model.value(at);
      return v instanceof Dec ? { value: v, shown: shownText(model, at) } : undefined;
    }),
  }));

  const titleLines = wrap(chart.title, W - 2 * PAD, TITLE_SIZE, true);
  text({
    role: "title",
    lines: titleLines,
    x: PAD,
    y: PAD,
    dy: ASCENT * TITLE_SIZE,
    size: TITLE_SIZE,
    anchor: "start",
    bold: true,
    rotated: false,
  });
  const legendTop = PAD + titleLines.length * TITLE_SIZE * LINE + 6;
  const legend = legendOf(chart, W, legendTop, text);

  // The value axis: ticks first, for the room their labels take.
  const plotHeight = Math.round(Math.min(260, Math.max(150, W * 0.5)));
  const { low, high } = valueRange(chart, series, categories.length);
  const format = chart.valueAxis.format;
  const tickValues = ticks(low, high, Math.max(2, Math.floor(plotHeight / 40)), format);
  const tickLabels = tickValues.map((t) => formatValue(t, format));
  const axisTitle = chart.valueAxis.title ? wrap(chart.valueAxis.title, plotHeight, SIZE) : [];
  const axisTitleWidth = axisTitle.length
    ? (axisTitle.length - 1) * SIZE * LINE + (ASCENT + DESCENT) * SIZE + 4
    : 0;
  const plotX = PAD + axisTitleWidth + Math.max(...tickLabels.map((l) => textWidth(l, SIZE))) + 6;
  const plot: Box = {
    x: round(plotX),
    y: round(legend.bottom + 0.6 * SIZE),
    w: round(W - PAD - plotX),
    h: plotHeight,
  };
  const top = tickValues[tickValues.length - 1].toNumber();
  const bottom = tickValues[0].toNumber();
  const yOf = (v: number) => round(plot.y + ((top - v) / (top - bottom)) * plot.h);

  const gridlines = tickValues.map((t) => ({ y: yOf(t.toNumber()), value: t.toFixed() }));
  tickValues.forEach((t, k) =>
    text({
      role: "tick",
      lines: [tickLabels[k]],
      x: round(plot.x - 5),
      y: yOf(t.toNumber()),
      dy: 0.35 * SIZE,
      size: SIZE,
      anchor: "end",
      rotated: false,
    })
  );
  if (axisTitle.length)
    text({
      role: "axis-title",
      lines: axisTitle,
      x: PAD,
      y: round(plot.y + plot.h / 2),
      dy: ASCENT * SIZE,
      size: SIZE,
      anchor: "middle",
      rotated: true,
    });

  let height = categoryAxis(chart, categories, plot, text);
  height = Math.ceil(height + PAD);
  const { marks, lines } = marksOf(chart, series, categories, plot, yOf);
  return {
    key: chart.key,
    title: chart.title,
    width: W,
    height,
    plot,
    gridlines,
    marks,
    lines,
    legend: legend.keys,
    texts,
  };
}

/** The legend from `top`: the listed series in their colours, flowing in rows. */
function legendOf(
  chart: ChartPlan,
  W: number,
  top: number,
  text: (t: NewText) => void
): { keys: LegendKey[]; bottom: number } {
  const keys: LegendKey[] = [];
  const line = chart.kind === "line";
  const keyWidth = line ? 18 : SWATCH;
  const rowHeight = SIZE * LINE + 2;
  const listed = chart.legend ? chart.series.filter((s) => !s.unlisted && s.color !== "none") : [];
  let x = PAD;
  let row = 0;
  for (const s of listed) {
    const w = keyWidth + 4 + textWidth(s.name, SIZE);
    if (x > PAD && x + w > W - PAD) {
      x = PAD;
      row++;
    }
    const middle = top + row * rowHeight + rowHeight / 2;
    keys.push({ series: s.name, color: s.color, x, y: middle, line, dashed: !!s.dashed });
    text({
      role: "legend",
      lines: [s.name],
      x: x + keyWidth + 4,
      y: middle,
      dy: 0.35 * SIZE,
      size: SIZE,
      anchor: "start",
      rotated: false,
    });
    x += w + 12;
  }
  return { keys, bottom: listed.length ? top + (row + 1) * rowHeight + 6 : top };
}

/** The lowest and highest the bars or points reach, zero among them; stacks add up. */
function valueRange(chart: ChartPlan, series: SeriesCells[], categories: number) {
  let low = 0;
  let high = 0;
  for (let k = 0; k < categories; k++) {
    const values = series
      .map((s) => s.cells[k]?.value.toNumber())
      .filter((v): v is number => v !== undefined);
    const sum = (vs: number[]) => vs.reduce((a, b) => a + b, 0);
    high = Math.max(
      high,
      isStacked(chart) ? sum(values.filter((v) => v > 0)) : Math.max(...values)
    );
    low = Math.min(low, isStacked(chart) ? sum(values.filter((v) => v < 0)) : Math.min(...values));
  }
  return { low, high: low === high ? 1 : high };
}

/** The category labels under the plot and the axis's title under them: where the chart ends. */
function categoryAxis(
  chart: ChartPlan,
  categories: string[],
  plot: Box,
  text: (t: NewText) => void
): number {
  const band = plot.w / categories.length;
  const labels = categoryLabels(categories, band);
  const labelTop = round(plot.y + plot.h + 6);
  categories.forEach((_, k) => {
    if ((categories.length - 1 - k) % labels.every) return;
    const lines = labels.lines[k];
    const at = {
      role: "category" as const,
      lines,
      x: round(plot.x + band * (k + 0.5)),
      y: labelTop,
      size: SIZE,
    };
    // Upright, the lines stand side by side, centred on the band.
    if (labels.rotated)
      text({
        ...at,
        dy: round(0.35 * SIZE - ((lines.length - 1) * SIZE * LINE) / 2),
        anchor: "end",
        rotated: true,
      });
    else text({ ...at, dy: ASCENT * SIZE, anchor: "middle", rotated: false });
  });
  const bottom = labelTop + labels.extent + 4;
  if (!chart.categoryAxis.title) return bottom;
  text({
    role: "axis-title",
    lines: [chart.categoryAxis.title],
    x: round(plot.x + plot.w / 2),
    y: round(bottom),
    dy: ASCENT * SIZE,
    size: SIZE,
    anchor: "middle",
    rotated: false,
  });
  return bottom + (ASCENT + DESCENT) * SIZE;
}

/**
 * The bars: stacked up from zero for positives and down from zero for negatives, in series order
 * (as Excel stacks them), or side by side, each from zero; or a line's points, a run broken
 * wherever a quarter is missing.
 */
function marksOf(
  chart: ChartPlan,
  series: SeriesCells[],
  categories: string[],
  plot: Box,
  yOf: (v: number) => number
): { marks: ChartMark[]; lines: ChartLine[] } {
  const marks: ChartMark[] = [];
  const lines: ChartLine[] = [];
  const stacked = isStacked(chart);
  const band = plot.w / categories.length;
  const up = categories.map(() => 0);
  const down = categories.map(() => 0);
  const group = band * (stacked ? 0.6 : 0.75);
  const barWidth = stacked ? group : group / series.length;
  series.forEach((s, j) => {
    const runs: { x: number; y: number }[][] = [];
    let run: { x: number; y: number }[] | undefined;
    s.cells.forEach((cell, k) => {
      if (!cell) {
        run = undefined;
        return;
      }
      const v = cell.value.toNumber();
      const common = {
        series: s.name,
        category: categories[k],
        value: cell.value.toFixed(),
        shown: cell.shown,
        color: s.color,
      };
      if (chart.kind === "line") {
        const point = { x: round(plot.x + band * (k + 0.5)), y: yOf(v) };
        marks.push({ kind: "point", ...common, ...point, w: 0, h: 0 });
        if (!run) runs.push((run = []));
        run.push(point);
        return;
      }
      let from = 0;
      if (stacked) {
        from = v < 0 ? down[k] : up[k];
        if (v < 0) down[k] += v;
        else up[k] += v;
      }
      const a = yOf(from);
      const b = yOf(from + v);
      const left = plot.x + band * k + (band - group) / 2 + (stacked ? 0 : j * barWidth);
      marks.push({
        kind: "bar",
        ...common,
        x: round(left),
        y: Math.min(a, b),
        w: round(barWidth - (stacked ? 0 : 1)),
        h: round(Math.abs(b - a)),
      });
    });
    if (chart.kind === "line")
      lines.push({ series: s.name, color: s.color, dashed: !!s.dashed, runs });
  });
  return { marks, lines };
}
