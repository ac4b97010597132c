import { syntheticDataset } from "../../../bench/synthetic-dataset";
import { Financials } from "../../../src/core/financials";
import { bundledDataset } from "../../../src/data/load";
import { Dec } from "../../../src/domain/decimal";
import { buildModel } from "../../../src/sheets/model";
import type { Model } from "../../../src/sheets/model";
import type { ChartPlan } from "../../../src/sheets/types";
import { DEFAULT_OPTIONS } from "../../../src/sheets/types";
import type { Box, ChartLayout } from "../../../src/taskpane/chart-layout";
import { boxOf, layoutChart, textWidth, wrap } from "../../../src/taskpane/chart-layout";

/**
 * KC Dashboard's charts as the preview lays them out, against the values the core computes for
 * the chart data's cells, at the width of a 350 px pane's chart (300) and wide.
 */

const model = buildModel(new Financials(bundledDataset()), DEFAULT_OPTIONS);
const charts = (m: Model) => m.plans.find((p) => p.key === "dashboard")!.charts;
const chart = (key: string) => charts(model).find((c) => c.key === key)!;
const WIDTHS = [300, 430, 880];

/** What the core computes for each cell of each series: series, category, exact value. */
function expected(m: Model, c: ChartPlan): string[] {
  const out: string[] = [];
  c.series.forEach((s) => {
    for (let row = s.values.from.row; row <= s.values.to.row; row++) {
      const v = m.value({ tab: s.values.tab, row, col: s.values.from.col });
      const category = m.value({ tab: c.categories.tab, row, col: c.categories.from.col });
      if (v instanceof Dec) out.push(`${s.name} | ${String(category)} | ${v.toFixed()}`);
    }
  });
  return out.sort();
}

const drawn = (l: ChartLayout) =>
  l.marks.map((m) => `${m.series} | ${m.category} | ${m.value}`).sort();

const meet = (a: Box, b: Box) =>
  a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

/** Pairs of texts whose boxes meet, and texts outside the chart. */
function clashes(l: ChartLayout): string[] {
  const boxes = l.texts.map((t) => ({ t, b: boxOf(t) }));
  const out: string[] = [];
  boxes.forEach(({ t, b }, i) => {
    if (b.x < 0 || b.y < 0 || b.x + b.w > l.width || b.y + b.h > l.height)
      out.push(`"${t.lines.join(" ")}" leaves the chart`);
    for (const o of boxes.slice(i + 1))
      if (meet(b, o.b)) out.push(`"${t.lines.join(" ")}" meets "${o.t.lines.join(" ")}"`);
  });
  // Labels of the same role never touch the plot's marks either: the category labels sit under it.
  for (const { t, b } of boxes.filter((x) => x.t.role === "category"))
    if (b.y < l.plot.y + l.plot.h) out.push(`"${t.lines.join(" ")}" rises into the plot`);
  return out;
}

/** The value a bar's or point's position stands for, read back through the gridlines. */
function scale(l: ChartLayout): (y: number) => number {
  const [a, b] = [l.gridlines[0], l.gridlines[l.gridlines.length - 1]];
  return (y) => Number(a.value) + ((y - a.y) / (b.y - a.y)) * (Number(b.value) - Number(a.value));
}

describe("the dashboard's charts", () => {
  test("there are the five the plan holds", () => {
    expect(charts(model).map((c) => `${c.key}: ${c.kind}`)).toEqual([
      "revenue_by_segment: stacked-column",
      "margins: line",
      "bridge: bridge",
      "cost_by_nature: clustered-column",
      "cash_and_capex: clustered-column",
    ]);
  });

  test.each(WIDTHS)(
    "at %i px every bar and point carries the value the core computes for its cell, and no other",
    (width) => {
      for (const c of charts(model)) {
        const l = layoutChart(model, c, width);
        expect(drawn(l)).toEqual(expected(model, c));
        expect(l.marks.length).toBeGreaterThan(0);
        expect(l.marks.every((m) => m.kind === (c.kind === "line" ? "point" : "bar"))).toBe(true);
      }
    }
  );

  test("a missing quarter is a gap: no bar, no point, and the line breaks there", () => {
    const margins = layoutChart(model, chart("margins"), 300);
    const missing = ["2Q25 n.a.", "3Q25 n.a."];
    for (const key of ["revenue_by_segment", "margins", "cash_and_capex"]) {
      const l = layoutChart(model, chart(key), 300);
      expect(l.marks.filter((m) => missing.includes(m.category))).toEqual([]);
    }
    expect(margins.lines.map((s) => [s.series, s.runs.map((r) => r.length)])).toEqual([
      ["Gross margin", [1, 2]],
      ["Adjusted gross margin", [1, 2]],
      ["Adjusted EBITDA margin", [1, 2]],
    ]);
    // A run's points are the series' points, in category order.
    const gross = margins.marks.filter((m) => m.series === "Gross margin");
    expect(margins.lines[0].runs.flat()).toEqual(gross.map((m) => ({ x: m.x, y: m.y })));
  });

  test("bars and points stand where their values put them on the value axis", () => {
    for (const c of charts(model)) {
      const l = layoutChart(model, c, 430);
      const valueAt = scale(l);
      const range =
        Number(l.gridlines[l.gridlines.length - 1].value) - Number(l.gridlines[0].value);
      // Three tenths of a pixel in the axis's units: the layout rounds each coordinate to a tenth.
      const slack = (range / l.plot.h) * 0.3;
      const off = l.marks.filter((m) => {
        const v = Number(m.value);
        const shown =
          m.kind === "point" ? valueAt(m.y) : Math.abs(valueAt(m.y) - valueAt(m.y + m.h));
        return Math.abs(shown - (m.kind === "point" ? v : Math.abs(v))) >= slack;
      });
      expect(off).toEqual([]);
    }
  });

  test("stacked columns: positives up from zero, negatives down from zero, in series order", () => {
    const l = layoutChart(model, chart("revenue_by_segment"), 430);
    const zero = l.gridlines.find((g) => g.value === "0")!.y;
    for (const q of ["1Q25", "4Q25", "1Q26"]) {
      const [pub, ent] = ["Public cloud", "Enterprise cloud"].map((s) =>
        l.marks.find((m) => m.series === s && m.category === q)!
      );
      expect(pub.y + pub.h).toBeCloseTo(zero, 0);
      expect(ent.y + ent.h).toBeCloseTo(pub.y, 0);
    }
    // The bridge's SBC step: its base runs from zero down to where SBC ends, its part below zero
    // from there down to where it starts (net loss).
    const bridge = layoutChart(model, chart("bridge"), 430);
    const bzero = bridge.gridlines.find((g) => g.value === "0")!.y;
    const at = (series: string, category: string) =>
      bridge.marks.find((m) => m.series === series && m.category === category)!;
    const base = at("Base below zero", "SBC");
    const adds = at("Adds below zero", "SBC");
    expect(base.y).toBeCloseTo(bzero, 0);
    expect(adds.y).toBeCloseTo(base.y + base.h, 0);
    const valueAt = scale(bridge);
    expect(valueAt(adds.y + adds.h)).toBeCloseTo(Number(at("Total", "Net loss").value), -3);
  });

  test("clustered columns stand side by side, each from zero", () => {
    const l = layoutChart(model, chart("cost_by_nature"), 430);
    const zero = l.gridlines.find((g) => g.value === "0")!.y;
    const idc = l.marks.filter((m) => m.category === "IDC costs");
    expect(idc.map((m) => m.series)).toEqual(["1Q26", "1Q25"]);
    // Costs are negative: down from zero.
    for (const m of idc) expect(m.y).toBeCloseTo(zero, 0);
    expect(idc[1].x).toBeGreaterThanOrEqual(idc[0].x + idc[0].w);
  });

  test("the bridge's bases are invisible and its unlisted series stay out of the legend", () => {
    const l = layoutChart(model, chart("bridge"), 300);
    const bases = l.marks.filter((m) => m.series.startsWith("Base"));
    expect(bases.length).toBeGreaterThan(0);
    expect(new Set(bases.map((m) => m.color))).toEqual(new Set(["none"]));
    expect(l.marks.filter((m) => !m.series.startsWith("Base") && m.color === "none")).toEqual([]);
    expect(l.legend.map((k) => `${k.series} ${k.color}`)).toEqual([
      "Total #44546A",
      "Adds #70AD47",
      "Deducts #C00000",
    ]);
    expect(l.texts.filter((t) => t.role === "legend").map((t) => t.lines[0])).toEqual([
      "Total",
      "Adds",
      "Deducts",
    ]);
  });

  test("every other chart's legend lists its series in their colours; lines key as lines", () => {
    for (const c of charts(model).filter((x) => x.kind !== "bridge")) {
      const l = layoutChart(model, c, 300);
      expect(l.legend.map((k) => [k.series, k.color])).toEqual(
        c.series.map((s) => [s.name, s.color])
      );
      expect(l.legend.every((k) => k.line === (c.kind === "line"))).toBe(true);
    }
  });

  test("title, axis titles, tick labels in the axis's format, every category", () => {
    const l = layoutChart(model, chart("bridge"), 300);
    const of = (role: string) => l.texts.filter((t) => t.role === role);
    expect(
      of("title")
        .flatMap((t) => t.lines)
        .join(" ")
    ).toBe(chart("bridge").title);
    expect(of("axis-title").map((t) => t.lines.join(" "))).toEqual(["RMB thousands"]);
    expect(of("tick").map((t) => t.lines[0])).toEqual(["(500,000)", "0", "500,000", "1,000,000"]);
    expect(of("category").map((t) => t.lines.join(" "))).toEqual([
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
    const margins = layoutChart(model, chart("margins"), 300);
    expect(margins.texts.filter((t) => t.role === "tick").map((t) => t.lines[0])).toEqual([
      "0%",
      "10%",
      "20%",
      "30%",
    ]);
    expect(
      margins.texts.filter((t) => t.role === "axis-title").map((t) => t.lines.join(" "))
    ).toEqual(["% of total revenues"]);
  });

  test.each(WIDTHS)("at %i px no two labels meet and none leaves the chart", (width) => {
    for (const c of charts(model)) {
      const l = layoutChart(model, c, width);
      expect(l.width).toBe(width);
      expect({ chart: c.key, clashes: clashes(l) }).toEqual({ chart: c.key, clashes: [] });
    }
  });

  test("in RMB millions with US$ columns: whole ticks, values as computed, no labels meeting", () => {
    const millions = buildModel(new Financials(bundledDataset()), {
      ...DEFAULT_OPTIONS,
      currency: "USD",
      unit: "millions",
    });
    for (const c of charts(millions)) {
      const l = layoutChart(millions, c, 300);
      expect(drawn(l)).toEqual(expected(millions, c));
      expect(clashes(l)).toEqual([]);
    }
    const revenue = layoutChart(millions, charts(millions)[0], 300);
    expect(revenue.texts.filter((t) => t.role === "tick").map((t) => t.lines[0])).toEqual([
      "0",
      "1,000",
      "2,000",
      "3,000",
    ]);
  });

  test("narrow bands turn the category labels upright; wide ones keep them flat", () => {
    const narrow = layoutChart(model, chart("bridge"), 300);
    expect(narrow.texts.filter((t) => t.role === "category").every((t) => t.rotated)).toBe(true);
    const wide = layoutChart(model, chart("revenue_by_segment"), 880);
    expect(wide.texts.filter((t) => t.role === "category").some((t) => t.rotated)).toBe(false);
  });

  test("24 quarters in a 350 px pane: every few quarters labelled, the latest always, none meeting", () => {
    const many = buildModel(
      new Financials(syntheticDataset(bundledDataset(), 24)),
      DEFAULT_OPTIONS
    );
    const c = charts(many).find((x) => x.key === "revenue_by_segment")!;
    const l = layoutChart(many, c, 300);
    const labels = l.texts.filter((t) => t.role === "category");
    const quarters = c.categories.to.row - c.categories.from.row + 1;
    expect(quarters).toBeGreaterThanOrEqual(24);
    expect(labels.length).toBeLessThan(quarters);
    expect(labels[labels.length - 1].lines.join(" ")).toBe(
      String(many.value({ tab: "dashboard", row: c.categories.to.row, col: 0 }))
    );
    expect(clashes(l)).toEqual([]);
    expect(drawn(l)).toEqual(expected(many, c));
  });
});

describe("text measures", () => {
  test("wrap breaks at spaces within the width; a longer word stands alone", () => {
    expect(wrap("Solution development and services costs", 80, 11)).toEqual([
      "Solution",
      "development",
      "and services",
      "costs",
    ]);
    expect(wrap("", 80, 11)).toEqual([""]);
    for (const line of wrap("Gross, adjusted gross and adjusted EBITDA margins", 120, 11))
      expect(textWidth(line, 11) <= 120 || !line.includes(" ")).toBe(true);
  });

  test("widths grow with the text, the size and bold", () => {
    expect(textWidth("1,000,000", 11)).toBeGreaterThan(textWidth("100,000", 11));
    expect(textWidth("Net loss", 13)).toBeGreaterThan(textWidth("Net loss", 11));
    expect(textWidth("Net loss", 11, true)).toBeGreaterThan(textWidth("Net loss", 11));
  });

  test("an upright text's box runs down from its pivot, its lines side by side", () => {
    const t = {
      role: "category" as const,
      lines: ["Adjusted", "EBITDA"],
      x: 100,
      y: 50,
      dy: 0,
      size: 10,
      lineHeight: 12,
      anchor: "end" as const,
      bold: false,
      rotated: true,
    };
    const b = boxOf(t);
    expect(b.y).toBeCloseTo(50);
    expect(b.h).toBeCloseTo(textWidth("Adjusted", 10));
    expect(b.x).toBeCloseTo(100 - 9.5);
    expect(b.w).toBeCloseTo(12 + 12);
  });
});
