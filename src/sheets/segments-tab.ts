import { REVENUE } from "../core/identities";
import { parseQuarterId, quarterId, shiftQuarter } from "../core/periods";
import { SEGMENT_ITEMS } from "../core/arguments";
import { ModelContext, diff, ref, round } from "./context";
import { marginLines } from "./margin-lines";
import { Rows, WIDTHS } from "./statement-tab";
import type { Expr, SheetPlan } from "./types";
import { FORMATS } from "./types";

const PROFIT_LINES = [
  "is.gross_profit",
  "is.operating_loss",
  "is.net_loss",
  "ng.adjusted_gross_profit",
  "ng.adjusted_operating_profit",
  "ng.normalized_adjusted_operating_loss",
  "ng.adjusted_net_loss",
  "ng.adjusted_ebitda",
  "ng.normalized_adjusted_ebitda",
];

/**
 * Revenue by segment with its growth and mix, and every margin, GAAP and non-GAAP: inputs are the
 * segment revenues and the profit lines; growth, mix and margins are native formulas, each
 * checked against KC.GROWTH or the margin the release prints.
 */
export function segmentsTab(ctx: ModelContext): SheetPlan {
  const segments = [SEGMENT_ITEMS.public, SEGMENT_ITEMS.enterprise].map((id) => ctx.item(id));
  const total = ctx.item(REVENUE);
  const periods = ctx.fin.periodsOf(total);
  const b = ctx.tab("segments", periods, "Segments and margins");
  const rows: Rows = new Map();
  const col = (p: string) => b.periodColumn(p);

  b.heading("Revenues by segment", "heading");
  for (const item of segments) {
    const r = b.label(item.label, { indent: 1 });
    ctx.inputs(b, r, item);
    rows.set(item.id, r);
  }
  const totalRow = b.label(total.label, { total: true });
  const first = rows.get(segments[0].id) as number;
  const last = rows.get(segments[segments.length - 1].id) as number;
  b.figures(
    totalRow,
    periods.map((p) => ({ op: "sum", from: b.ref(first, col(p)), to: b.ref(last, col(p)) })),
    "total",
    ctx.format(total)
  );
  b.checksFor(
    totalRow,
    periods.map((p) => round(diff(ref(b.ref(totalRow, col(p))), ctx.kc(total, p)), ctx.checkPlaces))
  );
  rows.set(total.id, totalRow);

  for (const [basis, shift] of [
    ["YoY", -4],
    ["QoQ", -1],
  ] as const) {
    b.blank();
    b.heading(`Growth, ${basis === "YoY" ? "year-over-year" : "quarter-over-quarter"}`);
    for (const item of [...segments, total]) {
      const r = b.label(item.label, { indent: 1 });
      const at = rows.get(item.id) as number;
      const figures = periods.map((p): Expr | null => {
        const q = parseQuarterId(p);
        const prior = q ? quarterId(shiftQuarter(q, shift)) : "";
        if (!periods.includes(prior)) return null;
        return diff(
          { op: "div", a: ref(b.ref(at, col(p))), b: ref(b.ref(at, col(prior))) },
          { op: "num", value: 1 }
        );
      });
      b.figures(r, figures, "calc", FORMATS.percent);
      b.checksFor(
        r,
        figures.map((f, k) =>
          f
            ? diff(round(ref(b.ref(r, k + 1)), 3), round(ctx.growth(item, periods[k], basis), 3))
            : null
        )
      );
    }
  }

  /** A line over total revenues, period by period. */
  const ofRevenue = (row: number): Expr[] =>
    periods.map((p) => ({
      op: "div",
      a: ref(b.ref(row, col(p))),
      b: ref(b.ref(totalRow, col(p))),
    }));

  b.blank();
  b.heading("Share of total revenues");
  for (const item of segments) {
    b.figures(
      b.label(item.label, { indent: 1 }),
      ofRevenue(rows.get(item.id) as number),
      "calc",
      FORMATS.percent
    );
  }

  b.blank();
  b.heading("Profit lines", "heading");
  for (const id of PROFIT_LINES) {
    const item = ctx.item(id);
    const r = b.label(item.label, { indent: 1 });
    ctx.inputs(b, r, item);
    rows.set(id, r);
  }
  b.blank();
  b.heading("Margins (of total revenues)", "heading");
  const operatingRow = rows.get("is.operating_loss") as number;
  b.figures(
    b.label("Operating margin (GAAP)", { indent: 1 }),
    ofRevenue(operatingRow),
    "calc",
    FORMATS.percent
  );
  marginLines(ctx, b, rows, totalRow);
  return b.plan(WIDTHS(periods.length));
}
