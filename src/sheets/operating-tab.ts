import { PROSE_BREAKDOWNS, REVENUE, SHARES_PER_ADS } from "../domain/identities";
import type { Item } from "../domain/dataset";
import type { FigureColumn } from "./columns";
import { endDate, rmbOf } from "./columns";
import { ModelContext, ref, round } from "./context";
import { GridTab, Line, Planned, RATE } from "./grid";
import { share } from "./segments-tab";
import { ADS_RATIO, linkedView, statementGrid } from "./statement-tab";

/**
 * The figures the release states only in its text: the convenience rate (the model's one rate
 * cell), cost of revenues by nature with its growth and share of revenues, capital expenditures
 * and leased assets, AI gross billing growth, and the shares and ADSs outstanding (whose ratio
 * gives every per-ADS figure). Each is checked against the statements where the text allows.
 */
export function operatingTab(ctx: ModelContext): GridTab {
  const revenue = ctx.item(REVENUE);
  const [costs] = PROSE_BREAKDOWNS;
  const parts = costs.parts.map((id) => ctx.item(id));
  const tab = statementGrid(ctx, "operating", "Operating figures stated in the text", [
    revenue,
    ...parts,
  ]);
  const rate = ctx.item(RATE);
  const lines: Line[] = [];
  const section = (text: string) => [{ text, style: "heading" as const }];
  const input = (item: Item, heading: string, label = item.label): Line => ({
    key: item.id,
    label,
    kind: item.kind,
    item,
    source: { kind: "input" },
    indent: 1,
    headings: section(heading),
    noGrowth: item.kind === "shares",
  });
  const calc = (
    key: string,
    label: string,
    heading: string,
    cell: (c: FigureColumn) => Planned | null
  ): Line => ({
    key,
    label,
    kind: "amount",
    source: { kind: "custom", cell },
    indent: 1,
    headings: section(heading),
    noGrowth: true,
  });

  const fx = `Exchange rate at ${endDate(ctx.fin.dataset.fx.date)}`;
  lines.push(
    input(rate, fx, "RMB per US$1.00 (noon buying rate)"),
    { ...linkedView(revenue, fx), noGrowth: true },
    calc("op.revenue_at_rate", "Total revenues at the convenience rate", fx, (c) => {
      if (c.currency !== "USD" || c.translated) return null;
      const rmb = tab.cellAt(REVENUE, rmbOf(c));
      return rmb
        ? { expr: { op: "div", a: ref(rmb), b: ref(ctx.singleCell(RATE)) }, style: "calc" }
        : null;
    })
  );

  const byNature = "Cost of revenues by nature (text, 0.1m)";
  for (const p of parts) lines.push(input(p, byNature));
  const rounding = ctx.options.unit === "millions" ? 1 : -2;
  lines.push(
    {
      key: "op.cor.sum",
      label: "Sum of the costs stated",
      kind: "amount",
      source: { kind: "sum", terms: costs.parts },
      total: true,
      indent: 1,
      headings: section(byNature),
    },
    {
      key: "op.cor.statement",
      label: "Cost of revenues (income statement)",
      kind: "amount",
      source: { kind: "link", key: costs.total, factor: 1 },
      view: true,
      indent: 1,
      headings: section(byNature),
      noGrowth: true,
    },
    {
      key: "op.cor.rounded",
      label: "Cost of revenues, to 0.1m as the text",
      kind: "amount",
      source: { kind: "rounded", key: "op.cor.statement", places: rounding },
      indent: 1,
      headings: section(byNature),
      noGrowth: true,
    }
  );
  for (const p of parts) lines.push({ ...share(p, "Costs by nature, % of revenues") });

  const investment = "Investment (text, RMB billions)";
  const capex = ctx.item("op.capex_and_leased_assets");
  lines.push(input(capex, investment), {
    ...share(capex, investment),
    label: `${capex.label}, % of total revenues`,
  });

  const ai = ctx.item("op.ai_gross_billing");
  lines.push(input(ai, "AI business", `${ai.label} (growth as stated)`));

  const capital = `Share capital (as of ${endDate(ctx.fin.dataset.fx.date)})`;
  const shares = ctx.item(SHARES_PER_ADS.shares);
  const ads = ctx.item(SHARES_PER_ADS.ads);
  const counted = (key: string, label: string, e: (c: FigureColumn) => Planned | null): Line => ({
    ...calc(key, label, capital, e),
    kind: "shares",
  });
  lines.push(
    input(shares, capital),
    input(ads, capital),
    counted(ADS_RATIO, "Shares per ADS (shares / ADSs, whole)", (c) => {
      const s = tab.cellAt(shares.id, c);
      const a = tab.cellAt(ads.id, c);
      return s && a ? { expr: round({ op: "div", a: ref(s), b: ref(a) }, 0), style: "calc" } : null;
    }),
    counted("op.ads_implied", "ADSs implied: shares / shares per ADS", (c) => {
      const s = tab.cellAt(shares.id, c);
      const r = tab.cellAt(ADS_RATIO, c);
      return s && r ? { expr: round({ op: "div", a: ref(s), b: ref(r) }, 0), style: "calc" } : null;
    })
  );

  tab.lines(lines);
  tab.tie({
    label: "Revenues at the rate − published US$",
    ties: "RMB ÷ rate − US$",
    a: "op.revenue_at_rate",
    b: REVENUE,
  });
  tab.tie({
    label: "Costs stated − cost of revenues",
    ties: "text − income statement",
    a: "op.cor.sum",
    b: "op.cor.rounded",
  });
  tab.tie({
    label: "ADSs implied − ADSs as stated",
    ties: "shares ÷ ratio − ADSs",
    a: "op.ads_implied",
    b: ads.id,
    places: 0,
  });
  return tab;
}
