import { Financials } from "../../../src/core/financials";
import { bundledDataset } from "../../../src/data/load";
import { buildModel } from "../../../src/sheets/model";
import { DEFAULT_OPTIONS } from "../../../src/sheets/types";
import type { ChartLayout } from "../../../src/taskpane/chart-layout";
import { layoutChart } from "../../../src/taskpane/chart-layout";
import { chartSvg, drawChart } from "../../../src/taskpane/chart-svg";

/**
 * The dashboard's charts as SVG elements, against a minimal document (the unit tier runs in
 * Node): only what the module calls, createElementNS and createTextNode. What the browser draws
 * of them is measured in Chromium (e2e/taskpane.test.ts).
 */

const SVG = "http://www.w3.org/2000/svg";

class FakeText {
  constructor(readonly data: string) {}
}

class FakeElement {
  readonly attributes = new Map<string, string>();
  readonly children: (FakeElement | FakeText)[] = [];
  constructor(
    readonly namespace: string,
    readonly tagName: string
  ) {}
  setAttribute(name: string, value: string): void {
    this.attributes.set(name, value);
  }
  append(...nodes: (FakeElement | FakeText)[]): void {
    this.children.push(...nodes);
  }
  get textContent(): string {
    return this.children.map((c) => (c instanceof FakeText ? c.data : c.textContent)).join("");
  }
  all(tag?: string): FakeElement[] {
    return this.children
      .filter((c): c is FakeElement => c instanceof FakeElement)
      .flatMap((c) => [...(tag === undefined || c.tagName === tag ? [c] : []), ...c.all(tag)]);
  }
}

const g = globalThis as { document?: unknown };

beforeAll(() => {
  g.document = {
    createElementNS: (ns: string, tag: string) => new FakeElement(ns, tag),
    createTextNode: (text: string) => new FakeText(text),
  };
});

afterAll(() => {
  delete g.document;
});

const model = buildModel(new Financials(bundledDataset()), DEFAULT_OPTIONS);
const charts = model.plans.find((p) => p.key === "dashboard")!.charts;
const chart = (key: string) => charts.find((c) => c.key === key)!;
const draw = (key: string, width = 300) =>
  drawChart(model, chart(key), width) as unknown as FakeElement;

test("an image of its title, as wide as its box, its viewBox the layout's", () => {
  const svg = draw("revenue_by_segment");
  const l = layoutChart(model, chart("revenue_by_segment"), 300);
  expect(svg.namespace).toBe(SVG);
  expect(svg.tagName).toBe("svg");
  expect(Object.fromEntries(svg.attributes)).toEqual({
    viewBox: `0 0 300 ${l.height}`,
    width: "100%",
    role: "img",
    "aria-label": chart("revenue_by_segment").title,
    class: "chart",
    "data-chart": "revenue_by_segment",
  });
  expect(svg.all().every((e) => e.namespace === SVG)).toBe(true);
});

test("every bar and point: series, category and the exact value as data, said in its title", () => {
  for (const c of charts) {
    const svg = drawChart(model, c, 430) as unknown as FakeElement;
    const l = layoutChart(model, c, 430);
    const marks = svg.all().filter((e) => e.attributes.has("data-value"));
    expect(
      marks.map((e) =>
        ["data-series", "data-category", "data-value"].map((a) => e.attributes.get(a))
      )
    ).toEqual(
      [
        ...l.marks.filter((m) => m.kind === "bar"),
        ...l.marks.filter((m) => m.kind === "point"),
      ].map((m) => [m.series, m.category, m.value])
    );
    for (const e of marks) {
      expect(e.tagName).toBe(c.kind === "line" ? "circle" : "rect");
      expect(e.all("title")[0].textContent).toMatch(/^.+ · .+: .+$/);
      expect(e.attributes.get("data-value")).toMatch(/^-?\d+(\.\d+)?$/);
    }
  }
  const svg = draw("revenue_by_segment");
  const public1Q26 = svg
    .all("rect")
    .find(
      (e) =>
        e.attributes.get("data-series") === "Public cloud" &&
        e.attributes.get("data-category") === "1Q26"
    )!;
  expect(public1Q26.attributes.get("data-value")).toBe("1996301");
  expect(public1Q26.attributes.get("fill")).toBe("#1F4E79");
  expect(public1Q26.textContent).toBe("1Q26 · Public cloud: 1,996,301");
  const margin = draw("margins")
    .all("circle")
    .find((e) => e.attributes.get("data-category") === "1Q26" && e.attributes.has("data-value"))!;
  expect(margin.textContent).toBe("1Q26 · Gross margin: 12.8%");
  expect(margin.attributes.get("data-value")).toBe("0.1278780589200408916268328369823636366326");
});

test("the bridge's bases draw nothing: no fill, no stroke", () => {
  const rects = draw("bridge")
    .all("rect")
    .filter((e) => e.attributes.get("data-series")?.startsWith("Base"));
  expect(rects.length).toBe(18);
  for (const r of rects) {
    expect(r.attributes.get("fill")).toBe("none");
    expect(r.attributes.has("stroke")).toBe(false);
  }
});

test("a line is a path per run of quarters, broken at the missing ones", () => {
  const paths = draw("margins").all("path");
  expect(paths.map((p) => p.attributes.get("data-series"))).toEqual([
    "Gross margin",
    "Adjusted gross margin",
    "Adjusted EBITDA margin",
  ]);
  // One run of two points (4Q25, 1Q26) each: 1Q25 stands alone as its marker.
  for (const p of paths) expect(p.attributes.get("d")).toMatch(/^M[\d.]+ [\d.]+L[\d.]+ [\d.]+$/);
  expect(paths.every((p) => p.attributes.get("fill") === "none")).toBe(true);
  // Adjusted gross margin runs on gross margin: dashed, so neither hides the other.
  expect(paths.map((p) => p.attributes.get("stroke-dasharray"))).toEqual([
    undefined,
    "6 4",
    undefined,
  ]);
});

test("the zero line over the bars, gridlines under them, text last", () => {
  const svg = draw("cost_by_nature");
  const order = svg.children.map((c) =>
    c instanceof FakeElement ? (c.attributes.get("class") ?? c.tagName) : "text-node"
  );
  const last = (name: string) => order.lastIndexOf(name);
  const first = (name: string) => order.indexOf(name);
  expect(last("chart-grid")).toBeLessThan(first("rect"));
  expect(first("chart-zero")).toBeGreaterThan(order.indexOf("rect"));
  expect(first("chart-title")).toBeGreaterThan(first("chart-zero"));
  expect(order).not.toContain("text-node");
});

test("text goes in as text nodes, a line a tspan; an upright text is turned about its pivot", () => {
  const layout: ChartLayout = {
    key: "k",
    title: '<img src=x onerror="alert(1)">',
    width: 300,
    height: 100,
    plot: { x: 50, y: 10, w: 240, h: 60 },
    gridlines: [],
    marks: [],
    lines: [],
    legend: [],
    texts: [
      {
        role: "axis-title",
        lines: ["<b>RMB</b>", "thousands"],
        x: 8,
        y: 40,
        dy: 10,
        size: 11,
        lineHeight: 14,
        anchor: "middle",
        bold: false,
        rotated: true,
      },
    ],
  };
  const svg = chartSvg(layout) as unknown as FakeElement;
  expect(svg.attributes.get("aria-label")).toBe('<img src=x onerror="alert(1)">');
  const [text] = svg.all("text");
  expect(text.attributes.get("transform")).toBe("rotate(-90 8 40)");
  expect(text.all("tspan").map((t) => [t.attributes.get("dy"), t.textContent])).toEqual([
    ["10", "<b>RMB</b>"],
    ["14", "thousands"],
  ]);
  expect(svg.all("b")).toEqual([]);
});
