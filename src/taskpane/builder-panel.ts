import type { Item } from "../domain/dataset";
import type { KcFormulas } from "../core/formulas";
import { valueArguments } from "../core/registry";
import { KcError } from "../domain/errors";
import { labelKey } from "../domain/text";
import { byId, h, setEnabled } from "./dom";
import { describeAnswer } from "./number-format";
import { excelString } from "../sheets/a1";
import { message } from "./sheet-transaction";
import type { ExcelApi } from "./writer";

/**
 * The formula builder: find a line item by label or id (a combobox that works from the keyboard),
 * pick period, currency and unit, and get the KC formula with its figure, ready to insert.
 */

/**
 * Writes a built formula into the active cell: one operation in one sync, so it is whole or not
 * there at all. A failed sync may be one whose batch ran and whose answer was lost: the cell,
 * read again, says which.
 */
export async function insertIntoActiveCell(formula: string, api: ExcelApi = Excel): Promise<void> {
  await api.run(async (context) => {
    context.workbook.getActiveCell().formulas = [[formula]];
    try {
      await context.sync();
    } catch (e) {
      const cell = context.workbook.getActiveCell();
      cell.load("formulas");
      await context.sync().catch(() => {
        throw new Error(
          `Inserting the formula failed (${message(e)}), and Excel did not say whether the active cell holds it: look at the cell (Ctrl+Z takes it out).`
        );
      });
      if (cell.formulas[0][0] !== formula)
        throw new Error(`Inserting the formula failed (${message(e)}); the cell is as it was.`);
    }
  });
}

export interface BuiltFormula {
  formula: string;
  item: Item;
}

const RELATIVE = [
  ["LQ", "Latest quarter (LQ)"],
  ["LQ-1", "Previous quarter (LQ-1)"],
  ["LQ-4", "Same quarter last year (LQ-4)"],
];

export function formulaFor(item: Item, period: string, currency: string, unit: string): string {
  return `=KC.VALUE(${valueArguments(item, item.id, period, currency, unit).map(excelString).join(",")})`;
}

/** Items whose label, qualified name or id contains every word typed, the best matches first. */
export function searchItems(kcf: KcFormulas, query: string, limit = 12): Item[] {
  const words = labelKey(query).split(" ").filter(Boolean);
  if (words.length === 0) return [];
  const scored: { item: Item; score: number }[] = [];
  for (const item of kcf.fin.catalogue.items) {
    const hay = labelKey(`${kcf.fin.catalogue.qualifiedName(item)} ${item.id}`);
    if (!words.every((w) => hay.includes(w))) continue;
    const label = labelKey(item.label);
    const typed = words.join(" ");
    // Exact label or id first, then labels that start with, then contain, what was typed; ids last.
    const score =
      label === typed || item.id === query.trim()
        ? 0
        : label.startsWith(typed)
          ? 1
          : words.every((w) => label.includes(w))
            ? 2
            : 3;
    scored.push({ item, score });
  }
  return scored
    .sort((a, b) => a.score - b.score || a.item.order - b.item.order)
    .slice(0, limit)
    .map((s) => s.item);
}

/**
 * The formula, breakable only between arguments and, for an id too long for the pane, between
 * the words of the id (after "." or "_"): never inside a word.
 */
function showFormula(output: HTMLOutputElement, formula: string): void {
  const parts = formula.split(/(?<=[(,._])/);
  output.replaceChildren(...parts.flatMap((p, k) => (k ? [h("wbr"), p] : [p])));
}

export function setUpBuilder(
  /** The functions as they answer now: a release added in the pane changes them. */
  kcfNow: () => KcFormulas,
  onChange: (built: BuiltFormula | undefined) => void
): void {
  const input = byId<HTMLInputElement>("item-search");
  const list = byId<HTMLUListElement>("item-options");
  const period = byId<HTMLSelectElement>("period");
  const currency = byId<HTMLSelectElement>("builder-currency");
  const unit = byId<HTMLSelectElement>("builder-unit");
  const output = byId<HTMLOutputElement>("formula");
  const value = byId<HTMLElement>("formula-value");
  // The input cuts a long label off in a narrow pane; the line under it shows it whole.
  const chosenLine = byId<HTMLElement>("item-chosen");
  const none = byId<HTMLElement>("item-none");
  let options: Item[] = [];
  let active = -1;
  let chosen: Item | undefined;

  const close = () => {
    list.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    active = -1;
  };
  const highlight = (k: number) => {
    active = k;
    Array.from(list.children).forEach((li, j) => li.setAttribute("aria-selected", String(j === k)));
    if (k >= 0) input.setAttribute("aria-activedescendant", `item-option-${k}`);
  };
  const choose = (item: Item) => {
    chosen = item;
    input.value = kcfNow().fin.catalogue.qualifiedName(item);
    chosenLine.textContent = `${input.value} · ${item.id}`;
    chosenLine.hidden = false;
    close();
    fillPeriods(item);
    update();
  };
  const fillPeriods = (item: Item) => {
    const keep = period.value;
    period.replaceChildren(
      ...RELATIVE.map(([v, text]) => h("option", { value: v }, text)),
      ...kcfNow()
        .fin.periodsOf(item)
        .map((p) => h("option", { value: p }, p))
    );
    if (Array.from(period.options).some((o) => o.value === keep)) period.value = keep;
    const money = item.kind === "amount" || item.kind === "per_share";
    setEnabled(currency, money ? undefined : "This line item is not in a currency");
    setEnabled(unit, item.kind === "amount" ? undefined : "Only amounts are scaled to a unit");
  };
  const update = () => {
    if (!chosen) {
      output.replaceChildren();
      value.textContent = "";
      onChange(undefined);
      return;
    }
    const formula = formulaFor(chosen, period.value, currency.value, unit.value);
    showFormula(output, formula);
    try {
      const a = kcfNow().fin.value(chosen.id, period.value, currency.value, unit.value);
      value.textContent = `= ${describeAnswer(a)}`;
      value.classList.remove("error");
    } catch (e) {
      value.textContent = e instanceof KcError ? `${e.code} ${e.message}` : String(e);
      value.classList.add("error");
    }
    onChange({ formula, item: chosen });
  };

  input.addEventListener("input", () => {
    chosen = undefined;
    chosenLine.hidden = true;
    options = searchItems(kcfNow(), input.value);
    list.replaceChildren(
      ...options.map((item, k) =>
        h(
          "li",
          { role: "option", id: `item-option-${k}`, "aria-selected": "false" },
          h("span", { class: "option-label" }, kcfNow().fin.catalogue.qualifiedName(item)),
          h("span", { class: "option-id" }, item.id)
        )
      )
    );
    Array.from(list.children).forEach((li, k) =>
      li.addEventListener("mousedown", (e) => (e.preventDefault(), choose(options[k])))
    );
    list.hidden = options.length === 0;
    input.setAttribute("aria-expanded", String(options.length > 0));
    // A search that finds nothing says so, rather than show an empty list.
    const typed = input.value.trim();
    none.hidden = options.length > 0 || typed === "";
    none.textContent = none.hidden
      ? ""
      : `No line item matches "${typed.length > 40 ? `${typed.slice(0, 40)}…` : typed}": try a label as printed (Total revenues), an analyst's name (EBITDA) or an id (revenue.total)`;
    highlight(-1);
    update();
  });
  input.addEventListener("keydown", (e) => {
    if (e.key === "ArrowDown" && options.length) {
      e.preventDefault();
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
      highlight(Math.min(active + 1, options.length - 1));
    } else if (e.key === "ArrowUp" && options.length) {
      e.preventDefault();
      highlight(Math.max(active - 1, 0));
    } else if (e.key === "Enter" && options.length && !list.hidden) {
      // Enter takes the highlighted match, or the first (the best) when none is highlighted.
      e.preventDefault();
      choose(options[Math.max(active, 0)]);
    } else if (e.key === "Escape") {
      close();
    }
  });
  input.addEventListener("blur", () => setTimeout(close, 100));
  for (const select of [period, currency, unit]) select.addEventListener("change", update);
}
