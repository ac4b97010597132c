import { Dec } from "../../src/domain/decimal";
import { a1 } from "../../src/sheets/a1";
import { isError, renderFormula } from "../../src/sheets/expr";
import type { Model } from "../../src/sheets/model";
import type { PlanCell, SheetPlan, TabKey } from "../../src/sheets/types";
import { TAB_NAMES } from "../../src/sheets/types";

/**
 * One tab of a built model as a reader of the sheet sees it: labels down column A, cells by A1
 * address, formulas as Excel text, values as the core computes them.
 */
export interface TabView {
  plan: SheetPlan;
  /** The labels of column A below the headers, in order (headings and lines alike). */
  labels(): string[];
  /**
   * The 1-based row of the nth cell in column A reading `label`, as shown or as printed (a long
   * label shows its short form, the printed one in its note); 0: the line itself.
   */
  row(label: string, nth?: number): number;
  /** How many times a label appears in column A. */
  count(label: string): number;
  cell(address: string): PlanCell | undefined;
  /** A formula as Excel text, a literal as text, undefined for an empty cell. */
  text(address: string): string | undefined;
  /** The value the core computes: a number, a text, or an error's code. */
  value(address: string): number | string;
  /** The column letter whose header (its lines joined by spaces) matches. */
  column(header: RegExp): string;
}

export function tabView(model: Model, key: TabKey): TabView {
  const plan = model.plans.find((p) => p.key === key);
  if (!plan) throw new Error(`the model has no ${key} tab`);
  const byAddress = new Map(plan.cells.map((c) => [a1(c.row, c.col), c]));
  const labels = () =>
    plan.cells
      .filter((c) => c.col === 0 && c.row > plan.freeze.rows - 1 && typeof c.value === "string")
      .sort((x, y) => x.row - y.row)
      .map((c) => c.value as string);
  const rows = (label: string) =>
    plan.cells
      .filter((c) => c.col === 0 && (c.value === label || c.note === label))
      .map((c) => c.row + 1)
      .sort((x, y) => x - y);
  return {
    plan,
    labels,
    row(label, nth = 0) {
      const r = rows(label)[nth];
      if (r === undefined) throw new Error(`${plan.name} has no row ${nth} "${label}"`);
      return r;
    },
    count: (label) => rows(label).length,
    cell: (address) => byAddress.get(address),
    text(address) {
      const c = byAddress.get(address);
      if (!c) return undefined;
      return c.formula
        ? renderFormula(c.formula, { tab: key, names: TAB_NAMES })
        : String(c.value ?? "");
    },
    value(address) {
      const c = byAddress.get(address);
      if (!c) return "";
      const v = model.value({ tab: key, row: c.row, col: c.col });
      return isError(v) ? v.error : v instanceof Dec ? v.toNumber() : v;
    },
    column(header) {
      const c = plan.cells.find(
        (x) =>
          x.style.startsWith("header") &&
          typeof x.value === "string" &&
          header.test(x.value.replace(/\n/g, " "))
      );
      if (!c) throw new Error(`${plan.name} has no column ${header}`);
      return a1(0, c.col).replace(/\d+$/, "");
    },
  };
}

/** A fraction as a percentage to a tenth, as the release prints it: 0.37246... is 37.2. */
export function percent(v: number | string): number {
  return Math.round(Number(v) * 1000) / 10;
}
