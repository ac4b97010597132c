import type { Model } from "../sheets/model";
import type { ChartPlan } from "../sheets/types";
import type { ChartLayout, ChartMark, ChartText } from "./chart-layout";
import { SWATCH, layoutChart } from "./chart-layout";

/**
 * A laid-out chart as an SVG element: text only ever as text nodes. Every bar and point carries
 * its cell's exact value, series and category as data attributes, and says them in its title.
 * The preview loads this module and chart-layout.ts as a chunk of their own when it first shows a
 * chart: inside Excel, where the preview never shows, the pane does not carry them.
 */

/** The chart drawn `width` pixels wide. */
export function drawChart(model: Model, chart: ChartPlan, width: number): SVGElement {
  return chartSvg(layoutChart(model, chart, width));
}

const NS = "http://www.w3.org/2000/svg";
const GRID = "#e0e0e0";
const AXIS = "#595959";
/** A dashed line, as Excel draws its "Dash" style at this width. */
const DASH = "6 4";

function el(
  tag: string,
  attrs: Record<string, string | number>,
  ...children: (SVGElement | string)[]
): SVGElement {
  const node = document.createElementNS(NS, tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, String(value));
  for (const child of children)
    node.append(typeof child === "string" ? document.createTextNode(child) : child);
  return node;
}

function mark(m: ChartMark): SVGElement {
  const data = {
    "data-series": m.series,
    "data-category": m.category,
    "data-value": m.value,
    fill: m.color,
  };
  const title = el("title", {}, `${m.category} · ${m.series}: ${m.shown}`);
  return m.kind === "bar"
    ? el("rect", { x: m.x, y: m.y, width: m.w, height: m.h, ...data }, title)
    : el("circle", { cx: m.x, cy: m.y, r: 3.5, stroke: "#fff", ...data }, title);
}

function label(t: ChartText): SVGElement {
  const attrs: Record<string, string | number> = {
    class: `chart-${t.role}`,
    x: t.x,
    y: t.y,
    "font-size": t.size,
    "text-anchor": t.anchor,
    fill: t.role === "tick" ? AXIS : "#242424",
  };
  if (t.bold) attrs["font-weight"] = 600;
  if (t.rotated) attrs.transform = `rotate(-90 ${t.x} ${t.y})`;
  return el(
    "text",
    attrs,
    ...t.lines.map((line, k) => el("tspan", { x: t.x, dy: k ? t.lineHeight : t.dy }, line))
  );
}

export function chartSvg(c: ChartLayout): SVGElement {
  const { plot } = c;
  const zero = c.gridlines.map((g) => g.value === "0");
  const grid = c.gridlines.map((g, k) =>
    el("line", {
      x1: plot.x,
      x2: plot.x + plot.w,
      y1: g.y,
      y2: g.y,
      stroke: zero[k] ? AXIS : GRID,
      "stroke-width": 1,
      class: zero[k] ? "chart-zero" : "chart-grid",
    })
  );
  const paths = c.lines.flatMap((l) =>
    l.runs
      .filter((run) => run.length > 1)
      .map((run) =>
        el("path", {
          d: run.map((p, k) => `${k ? "L" : "M"}${p.x} ${p.y}`).join(""),
          fill: "none",
          stroke: l.color,
          "stroke-width": 2,
          ...(l.dashed ? { "stroke-dasharray": DASH } : {}),
          "data-series": l.series,
        })
      )
  );
  const keys = c.legend.map((k) =>
    k.line
      ? el(
          "g",
          { class: "chart-key" },
          el("line", {
            x1: k.x,
            x2: k.x + 18,
            y1: k.y,
            y2: k.y,
            stroke: k.color,
            "stroke-width": 2,
            ...(k.dashed ? { "stroke-dasharray": DASH } : {}),
          }),
          el("circle", { cx: k.x + 9, cy: k.y, r: 3.5, fill: k.color })
        )
      : el("rect", {
          class: "chart-key",
          x: k.x,
          y: k.y - SWATCH / 2,
          width: SWATCH,
          height: SWATCH,
          fill: k.color,
        })
  );
  return el(
    "svg",
    {
      viewBox: `0 0 ${c.width} ${c.height}`,
      width: "100%",
      role: "img",
      "aria-label": c.title,
      class: "chart",
      "data-chart": c.key,
    },
    // The zero line over the bars, the lines over both: as Excel draws them.
    ...grid.filter((_, k) => !zero[k]),
    ...c.marks.filter((m) => m.kind === "bar").map(mark),
    ...grid.filter((_, k) => zero[k]),
    ...paths,
    ...c.marks.filter((m) => m.kind === "point").map(mark),
    ...keys,
    ...c.texts.map(label)
  );
}
