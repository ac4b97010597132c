import { isError } from "../sheets/expr";
import type { Model } from "../sheets/model";
import type { ChartPlan, SheetPlan } from "../sheets/types";
import { h, unbroken } from "./dom";
import { formatValue } from "./number-format";

/**
 * The model's tabs as HTML tables, from the same plans the add-in writes to Excel, with every
 * value computed by the core: what the page shows outside Excel.
 */
export function renderPreview(
  model: Model,
  container: HTMLElement,
  first = "reconciliation"
): void {
  container.replaceChildren();
  resizes.get(container)?.disconnect();
  const charts = chartDrawer();
  if (charts.observer) resizes.set(container, charts.observer);
  const tabs = h("div", { role: "tablist", "aria-label": "Model tabs", class: "tabs" });
  const panels = h("div", { class: "tab-panels" });
  const buttons: HTMLButtonElement[] = [];
  const show = (key: string) => {
    for (const b of buttons) {
      const on = b.dataset.key === key;
      b.setAttribute("aria-selected", String(on));
      b.tabIndex = on ? 0 : -1;
    }
    for (const p of Array.from(panels.children) as HTMLElement[]) p.hidden = p.dataset.key !== key;
  };
  model.plans.forEach((plan, k) => {
    const id = `preview-${plan.key}`;
    const button = h(
      "button",
      { role: "tab", id: `${id}-tab`, "aria-controls": id, class: "tab", type: "button" },
      plan.name
    );
    button.dataset.key = plan.key;
    button.addEventListener("click", () => show(plan.key));
    button.addEventListener("keydown", (e) => {
      const step = e.key === "ArrowRight" ? 1 : e.key === "ArrowLeft" ? -1 : 0;
      if (!step) return;
      const next = buttons[(k + step + buttons.length) % buttons.length];
      show(next.dataset.key as string);
      next.focus();
    });
    buttons.push(button);
    tabs.append(button);
    const panel = h(
      "div",
      { role: "tabpanel", id, "aria-labelledby": `${id}-tab`, class: "tab-panel" },
      ...panelOf(model, plan, charts.figure)
    );
    panel.dataset.key = plan.key;
    panels.append(panel);
  });
  container.append(tabs, panels);
  show(model.plans.some((p) => p.key === first) ? first : model.plans[0].key);
}

/** The observer that redraws a preview's charts at their width, by the preview's container. */
const resizes = new WeakMap<HTMLElement, ResizeObserver>();

/** The chart code, fetched as a chunk of its own the first time a chart shows. */
let chartCode: Promise<typeof import("./chart-svg")> | undefined;

/**
 * Charts are laid out at the width they are shown at (so that their text stays legible from a
 * 350 px pane to a wide window), and again when it changes; a chart in a hidden tab waits until
 * its tab is shown. Where a webview lacks ResizeObserver, a chart is drawn once at 350 px.
 */
function chartDrawer(): {
  observer?: ResizeObserver;
  figure(model: Model, chart: ChartPlan): HTMLElement;
} {
  const drawn = new WeakMap<Element, { model: Model; chart: ChartPlan; width: number }>();
  const draw = (figure: Element, width: number) => {
    const d = drawn.get(figure);
    if (!d || width <= 0 || Math.abs(width - d.width) < 1) return;
    d.width = width;
    chartCode ??= import(/* webpackChunkName: "chart" */ "./chart-svg");
    chartCode.then(
      // A later width may have come while the code loaded: only the latest is drawn.
      (code) =>
        d.width === width && figure.replaceChildren(code.drawChart(d.model, d.chart, width)),
      (e: Error) => {
        chartCode = undefined;
        d.width = 0;
        figure.replaceChildren(
          h(
            "p",
            { class: "error" },
            `The chart "${d.chart.title}" could not be drawn: ${e.message}`
          )
        );
      }
    );
  };
  const observer =
    typeof ResizeObserver === "undefined"
      ? undefined
      : new ResizeObserver((entries) => {
          for (const e of entries) draw(e.target, e.contentRect.width);
        });
  return {
    observer,
    figure(model, chart) {
      const figure = h("figure", { class: "chart-figure" });
      drawn.set(figure, { model, chart, width: 0 });
      if (observer) observer.observe(figure);
      else draw(figure, 350);
      return figure;
    },
  };
}

/**
 * A tab's panel. A tab that prints less than all its cells (KC Dashboard) shows its printed page,
 * its charts under it, and the cells the charts draw folded away below them.
 */
function panelOf(
  model: Model,
  plan: SheetPlan,
  figure: (model: Model, chart: ChartPlan) => HTMLElement
): HTMLElement[] {
  const through = plan.print.through;
  if (!through || !plan.charts.length) return table(model, plan, 0, Infinity, plan.name);
  return [
    ...table(model, plan, 0, through.row, plan.name),
    h("div", { class: "charts" }, ...plan.charts.map((c) => figure(model, c))),
    h(
      "details",
      { class: "chart-data" },
      h("summary", {}, "Chart data: the cells the charts draw, each a link to its home"),
      ...table(model, plan, through.row + 1, Infinity, `${plan.name} chart data`)
    ),
  ];
}

/**
 * The plan's rows `from` to `to` as a heading and a table that scrolls. The title and subtitle rows at the top run
 * across the sheet in Excel; here they are the heading, outside the scrolling table, so that a
 * narrow pane wraps them instead of cutting them off.
 */
function table(
  model: Model,
  plan: SheetPlan,
  from: number,
  to: number,
  name: string
): HTMLElement[] {
  const cells = plan.cells.filter((c) => c.row >= from && c.row <= to);
  // Rows past the last cell (the printed page under the dashboard's charts) are left out.
  const rows = Math.max(...cells.map((c) => c.row)) + 1 - from;
  const cols = Math.max(...cells.map((c) => c.col)) + 1;
  const grid = Array.from({ length: rows }, () => Array<HTMLElement | null>(cols).fill(null));
  for (const c of cells) {
    const v = model.value({ tab: plan.key, row: c.row, col: c.col });
    const text = isError(v) ? v.error : formatValue(v, c.format);
    const classes = [`s-${c.style}`];
    if (c.indent) classes.push(`indent-${c.indent}`);
    if (c.style === "check" && text !== "0") classes.push("failing");
    if (c.style === "status" && text !== "ALL CHECKS PASS") classes.push("failing");
    grid[c.row - from][c.col] = h(
      c.row === plan.freeze.rows - 1 ? "th" : "td",
      { class: classes.join(" ") },
      text
    );
  }
  const spansRow = (cells: (HTMLElement | null)[]) =>
    !!cells[0] &&
    /\bs-(title|subtitle)\b/.test(cells[0].className) &&
    cells.slice(1).every((c) => !c);
  const firstBodyRow = grid.findIndex((cells) => !spansRow(cells));
  const top = firstBodyRow < 0 ? grid.length : firstBodyRow;
  const heading = h(
    "div",
    { class: "plan-heading" },
    ...grid
      .slice(0, top)
      .map((cells) =>
        h("p", { class: cells[0]!.className }, ...unbroken(cells[0]!.textContent ?? ""))
      )
  );
  const body = h("tbody");
  grid.slice(top).forEach((cells) => {
    const tr = h("tr");
    const first = cells[0];
    if (first && spansRow(cells)) {
      // Titles and notes run across the table, as they overflow their cell in Excel.
      first.setAttribute("colspan", String(cols));
      tr.append(first);
    } else {
      cells.forEach((cell) => tr.append(cell ?? h("td")));
    }
    body.append(tr);
  });
  return [
    heading,
    h(
      "div",
      { class: "plan-scroll", tabindex: "0", "aria-label": `${name}, scrolls` },
      h("table", { class: "plan" }, h("caption", { class: "visually-hidden" }, name), body)
    ),
  ];
}
