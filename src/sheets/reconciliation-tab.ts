import { REVENUE } from "../core/identities";
import { ModelContext } from "./context";
import { marginLines } from "./margin-lines";
import { LineSpec, statementTab } from "./statement-tab";
import type { SheetPlan } from "./types";

/**
 * The full GAAP to non-GAAP reconciliation: gross profit to adjusted gross profit; net loss to
 * adjusted net loss, adjusted EBITDA and normalized adjusted EBITDA; operating loss to adjusted
 * operating (loss) profit and normalized; then every margin the release prints, recomputed.
 */
export function reconciliationTab(ctx: ModelContext): SheetPlan {
  const tables = ctx.fin.dataset.tables.filter((t) => t.statement === "non_gaap");
  const lines: LineSpec[] = [];
  for (const t of tables) {
    for (const item of ctx.fin.catalogue.items) {
      if (item.table === t.id && item.kind === "amount") lines.push({ item, group: t.name });
    }
  }
  const revenue = ctx.item(REVENUE);
  const periods = ctx.fin.periodsOfAny(lines.map((l) => l.item));
  return statementTab(
    ctx,
    {
      key: "reconciliation",
      subject: "Reconciliation of GAAP and non-GAAP results",
      lines,
      periods,
    },
    (b, rows) => {
      b.blank();
      b.heading("Margins (of total revenues)", "heading");
      const r = b.label(revenue.label);
      ctx.inputs(b, r, revenue);
      marginLines(ctx, b, rows, r);
    }
  );
}
