import { MARGINS, REVENUE, TIES } from "../core/identities";
import type { SheetBuilder } from "./builder";
import { ModelContext, diff, ref, round } from "./context";
import type { Rows } from "./statement-tab";

/**
 * Margin lines: a line of the tab over total revenues, as native division, each checked against
 * the margin the release prints (equal at its one decimal of a percent).
 */
export function marginLines(
  ctx: ModelContext,
  b: SheetBuilder,
  rows: Rows,
  revenueRow: number
): void {
  for (const m of MARGINS) {
    const margin = ctx.item(m.margin);
    const numeratorId = rows.has(m.of)
      ? m.of
      : TIES.find((t) => t.equals === m.of && t.factor === 1 && rows.has(t.item))?.item;
    if (!numeratorId) continue;
    const numerator = rows.get(numeratorId) as number;
    const r = b.label(margin.label, { indent: 1 });
    const figures = b.periods.map((p) =>
      ctx.has(ctx.item(numeratorId), p) && ctx.has(ctx.item(REVENUE), p)
        ? {
            op: "div" as const,
            a: ref(b.ref(numerator, b.periodColumn(p))),
            b: ref(b.ref(revenueRow, b.periodColumn(p))),
          }
        : null
    );
    b.figures(r, figures, "calc", ctx.format(margin));
    b.checksFor(
      r,
      b.periods.map((p, k) =>
        figures[k] && ctx.has(margin, p)
          ? diff(round(ref(b.ref(r, k + 1)), 3), ctx.kc(margin, p))
          : null
      )
    );
    rows.set(margin.id, r);
  }
}
