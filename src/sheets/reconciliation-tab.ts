import { MARGINS, PER_SHARE, REVENUE, SUMS, TIES } from "../domain/identities";
import { ModelContext } from "./context";
import type { Line } from "./grid";
import { GridTab } from "./grid";
import { perAds, statementGrid, statementItems, statementLine } from "./statement-tab";

/**
 * The full GAAP to non-GAAP reconciliation: gross profit to adjusted gross profit; net loss to
 * adjusted net loss, adjusted EBITDA and normalized adjusted EBITDA; operating loss to adjusted
 * operating (loss) profit and normalized; every margin the release prints; per ADS. Its GAAP
 * lines and the adjustments the income statement already shows are links to it; only the
 * adjustments no statement shows (share-based compensation, D&A, amortization, disposal gains)
 * enter here.
 */
export function reconciliationTab(ctx: ModelContext): GridTab {
  const items = statementItems(ctx, "non_gaap");
  const tab = statementGrid(
    ctx,
    "reconciliation",
    "Reconciliation of GAAP and non-GAAP results",
    items
  );
  const tables = ctx.fin.dataset.tables.filter((t) => t.statement === "non_gaap");
  const lines: Line[] = [];
  for (const t of tables) {
    for (const item of items.filter((i) => i.table === t.id && i.kind === "amount")) {
      const tie = TIES.find((x) => x.item === item.id);
      const isSum = SUMS.some((s) => s.total === item.id);
      const line = statementLine(
        item,
        tie && !isSum ? { kind: "link", key: tie.equals, factor: tie.factor } : undefined
      );
      line.headings = [{ text: t.name, style: "heading" }, ...(line.headings ?? [])];
      line.longLabel = `${t.name}: ${line.longLabel ?? line.label}`;
      lines.push(line);
    }
  }
  const margins = "Margins (of total revenues)";
  lines.push({
    key: REVENUE,
    label: ctx.item(REVENUE).label,
    kind: "amount",
    source: { kind: "link", key: REVENUE },
    view: true,
    headings: [{ text: margins, style: "heading" }],
  });
  for (const m of MARGINS) {
    const item = ctx.item(m.margin);
    // The line the margin is of, as this tab shows it (the reconciliation's own GAAP lines).
    const numerator = lines.some((l) => l.key === m.of)
      ? m.of
      : TIES.find((t) => t.equals === m.of && t.factor === 1 && lines.some((l) => l.key === t.item))
          ?.item;
    if (!numerator) continue;
    lines.push({
      key: item.id,
      label: item.label,
      kind: "percent",
      item,
      source: { kind: "ratio", numerator, denominator: REVENUE },
      indent: 1,
      headings: [{ text: margins, style: "heading" }],
    });
  }
  const adjusted = ctx.item("ng.adjusted_net_loss");
  lines.push({
    key: "ng.adjusted_net_loss_per_share",
    label: "Adjusted net loss per share (incl. non-controlling interests)",
    kind: "per_share",
    source: {
      kind: "ratio",
      numerator: adjusted.id,
      denominator: PER_SHARE.shares,
      scale: ctx.unitsPerModelUnit,
    },
    headings: [{ text: "Per share and per ADS (Non-GAAP)", style: "heading" }],
  });
  for (const l of perAds("ng.adjusted_net_loss_per_share", "Adjusted net loss per ADS", "ng")) {
    lines.push({
      ...l,
      headings: [{ text: "Per share and per ADS (Non-GAAP)", style: "heading" }],
    });
  }
  tab.lines(lines);
  return tab;
}
