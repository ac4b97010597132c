import { SheetBuilder } from "./builder";
import { ModelContext, ref } from "./context";
import type { CheckCell, SheetPlan } from "./types";
import { FORMATS, TAB_NAMES } from "./types";

/**
 * Every check of the model in one list, each a link to the check cell on its tab, under one
 * overall status cell: ALL CHECKS PASS only when every check is zero and none is an error.
 */
export function checksTab(ctx: ModelContext, checks: CheckCell[]): SheetPlan {
  const b = new SheetBuilder("checks", [], []);
  b.put(0, 0, ctx.title("Model checks"), "title");
  b.put(1, 0, ctx.note(), "subtitle");
  const first = 6;
  const lastRow = first + Math.max(checks.length, 1) - 1;
  b.put(3, 0, "Overall status", "total-label");
  b.put(3, 3, { op: "status", from: b.ref(first, 3), to: b.ref(lastRow, 3) }, "status");
  b.put(5, 0, "Tab", "header");
  b.put(5, 1, "Line", "header");
  b.put(5, 2, "Period", "header");
  b.put(5, 3, "Check (must be 0)", "header");
  checks.forEach((c, k) => {
    b.put(first + k, 0, TAB_NAMES[c.at.tab], "label");
    b.put(first + k, 1, c.line, "label");
    b.put(first + k, 2, ctx.header(c.period), "label");
    b.put(first + k, 3, ref(c.at), "link", FORMATS.check);
  });
  const plan = b.plan([26, 70, 14, 18]);
  return { ...plan, freeze: { rows: 6, columns: 0 } };
}
