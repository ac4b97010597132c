import { SEGMENT_ITEMS } from "../core/arguments";
import { MARGINS, REVENUE } from "../domain/identities";
import type { Item } from "../domain/dataset";
import { ModelContext } from "./context";
import type { Line } from "./grid";
import { GridTab } from "./grid";
import { linkedView, statementGrid, statementItems } from "./statement-tab";

/**
 * Revenue by segment with its growth and mix, then every line of the income statement and every
 * non-GAAP measure as a share of total revenues, with the change in points. Figures are links to
 * their homes; shares of revenue are calculated here, except the margins the reconciliation
 * computes and checks against the release, which are linked.
 */
export function segmentsTab(ctx: ModelContext): GridTab {
  const revenue = ctx.item(REVENUE);
  const tab = statementGrid(ctx, "segments", "Segments and margins", [revenue]);
  const segments = [SEGMENT_ITEMS.public, SEGMENT_ITEMS.enterprise].map((id) => ctx.item(id));
  const lines: Line[] = [];
  const view = (item: Item, heading: string): Line =>
    item.id === REVENUE
      ? { ...linkedView(item, heading), total: true, indent: 0 }
      : linkedView(item, heading);
  for (const item of [...segments, revenue]) lines.push(view(item, "Revenues by segment"));
  for (const item of segments) {
    lines.push(share(item, "Mix: share of total revenues"));
  }
  const linked = new Map(MARGINS.map((m) => [m.of, m.margin]));
  const income = statementItems(ctx, "income_statement").filter(
    (i) => i.kind === "amount" && !i.id.startsWith("revenue.")
  );
  for (const item of income) {
    const margin = linked.get(item.id);
    lines.push(
      margin
        ? {
            ...view(ctx.item(margin), "Income statement as % of total revenues"),
            label: item.label,
          }
        : share(item, "Income statement as % of total revenues")
    );
  }
  for (const m of MARGINS.filter((x) => !income.some((i) => i.id === x.of))) {
    lines.push(view(ctx.item(m.margin), "Non-GAAP measures as % of total revenues"));
  }
  tab.lines(lines);
  return tab;
}

/** A line over total revenues, in each column (the change in points in the growth columns). */
export function share(item: Item, heading: string): Line {
  return {
    key: `${item.id}.share_of_revenue`,
    label: item.label,
    kind: "percent",
    source: { kind: "ratio", numerator: item.id, denominator: REVENUE },
    indent: 1,
    headings: [{ text: heading, style: "heading" }],
  };
}
