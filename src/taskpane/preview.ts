import { isError } from "../sheets/expr";
import type { Model } from "../sheets/model";
import type { SheetPlan } from "../sheets/types";
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
      ...table(model, plan)
    );
    panel.dataset.key = plan.key;
    panels.append(panel);
  });
  container.append(tabs, panels);
  show(model.plans.some((p) => p.key === first) ? first : model.plans[0].key);
}

/**
 * The plan as a heading and a table that scrolls. The title and subtitle rows at the top run
 * across the sheet in Excel; here they are the heading, outside the scrolling table, so that a
 * narrow pane wraps them instead of cutting them off.
 */
function table(model: Model, plan: SheetPlan): HTMLElement[] {
  const rows = Math.max(...plan.cells.map((c) => c.row)) + 1;
  const cols = Math.max(...plan.cells.map((c) => c.col)) + 1;
  const grid = Array.from({ length: rows }, () => Array<HTMLElement | null>(cols).fill(null));
  for (const c of plan.cells) {
    const v = model.value({ tab: plan.key, row: c.row, col: c.col });
    const text = isError(v) ? v.error : formatValue(v, c.format);
    const classes = [`s-${c.style}`];
    if (c.indent) classes.push(`indent-${c.indent}`);
    if (c.style === "check" && text !== "0") classes.push("failing");
    if (c.style === "status" && text !== "ALL CHECKS PASS") classes.push("failing");
    grid[c.row][c.col] = h(
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
      { class: "plan-scroll", tabindex: "0", "aria-label": `${plan.name}, scrolls` },
      h("table", { class: "plan" }, h("caption", { class: "visually-hidden" }, plan.name), body)
    ),
  ];
}
