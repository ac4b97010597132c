import type { Item, StatementId } from "../domain/dataset";
import { CASH, PER_SHARE, SUMS, TIES } from "../domain/identities";
import { figureColumns, growthColumns, timeAxis } from "./columns";
import type { FigureColumn } from "./columns";
import { ModelContext, ref } from "./context";
import { GridTab, Line, LineSource } from "./grid";
import type { Expr, TabKey } from "./types";

/**
 * The three statements as the release prints them, line by line under its headings: figures the
 * release gives are KC inputs, its subtotals and totals native sums, per-share figures divisions;
 * each with growth, and below them the release's own totals and the checks against them.
 */

/** Shares per ADS: one cell of the operating figures, from the shares and ADSs outstanding. */
export const ADS_RATIO = "op.shares_per_ads";

/**
 * A statement's columns: the model's one time axis (so a column is the same quarter on every
 * tab), the latest quarter in US$ where the release prints any of the tab's items in US$.
 */
export function statementGrid(
  ctx: ModelContext,
  key: TabKey,
  subject: string,
  items: readonly Item[]
): GridTab {
  const ds = ctx.fin.dataset;
  const axis = timeAxis(ds);
  const published = (p: string) =>
    items.some((i) => ctx.fin.facts.first(i.id, ctx.periodIn(i, p), "USD") !== undefined);
  // A quarter the dataset holds but not for this tab's lines (a balance sheet at the end of a
  // quarter whose release printed only flows for it) is n.a. here too.
  const here = (p: string) => items.some((i) => ctx.fin.has(i, ctx.periodIn(i, p)));
  return new GridTab(ctx, key, subject, [
    ...figureColumns(axis, ds.latestQuarter, published, ctx.options, here),
    ...growthColumns(axis, ds.latestQuarter),
  ]);
}

export function statementItems(ctx: ModelContext, statement: StatementId): Item[] {
  return ctx.fin.catalogue.printed.filter((i) => i.statement === statement);
}

/** A line of a statement: its headings as printed, and a sum where the release totals it. */
export function statementLine(item: Item, source?: LineSource): Line {
  const sum = SUMS.find((s) => s.total === item.id);
  const headings: Line["headings"] = [];
  if (item.heading) headings.push({ text: item.heading, style: "heading" });
  const section = item.section && item.section !== item.heading ? item.section : null;
  if (section) headings.push({ text: section, style: "section" });
  return {
    key: item.id,
    label: item.label,
    kind: item.kind,
    item,
    source: source ?? (sum ? { kind: "sum", terms: sum.terms } : { kind: "input" }),
    total: !!sum,
    indent: section ? 1 : 0,
    headings,
    longLabel: section ? `${section}, ${lowerFirst(item.label)}` : item.label,
  };
}

/** A figure shown on a tab from its home on another, under a heading. */
export function linkedView(item: Item, heading: string): Line {
  return {
    key: item.id,
    label: item.label,
    kind: item.kind,
    source: { kind: "link", key: item.id },
    view: true,
    indent: 1,
    headings: [{ text: heading, style: "heading" }],
  };
}

function lowerFirst(s: string): string {
  return /^[A-Z][a-z]/.test(s) ? s.charAt(0).toLowerCase() + s.slice(1) : s;
}

export function incomeStatementTab(ctx: ModelContext): GridTab {
  const items = statementItems(ctx, "income_statement");
  const tab = statementGrid(ctx, "income_statement", "Statements of comprehensive loss", items);
  const lines: Line[] = [];
  for (const item of items) {
    const line =
      item.id === PER_SHARE.perShare
        ? statementLine(item, {
            kind: "ratio",
            numerator: PER_SHARE.earnings,
            denominator: PER_SHARE.shares,
            scale: ctx.unitsPerModelUnit,
          })
        : statementLine(item);
    lines.push(line);
    if (item.id === PER_SHARE.shares)
      lines.push(...perAds(PER_SHARE.perShare, "Net loss per ADS, basic and diluted", "is"));
  }
  tab.lines(lines);
  return tab;
}

/** Shares per ADS, and a per-share figure times it: the per-ADS figure analysts quote. */
export function perAds(perShare: string, label: string, prefix: string): Line[] {
  const headings: Line["headings"] = [
    { text: "Per ADS (shares per ADS: shares / ADSs)", style: "section" },
  ];
  return [
    {
      key: `${prefix}.shares_per_ads`,
      label: "Ordinary shares per ADS",
      kind: "shares",
      source: { kind: "single", key: ADS_RATIO },
      indent: 1,
      headings,
      view: true,
      noGrowth: true,
    },
    {
      key: `${prefix}.per_ads`,
      label,
      kind: "per_share",
      source: { kind: "product", a: perShare, b: `${prefix}.shares_per_ads` },
      indent: 1,
      headings,
    },
  ];
}

export function balanceSheetTab(ctx: ModelContext): GridTab {
  const items = statementItems(ctx, "balance_sheet");
  const tab = statementGrid(ctx, "balance_sheet", "Balance sheets", items);
  tab.lines(items.map((i) => statementLine(i)));
  for (const t of TIES.filter((t) => tab.has(t.item) && tab.has(t.equals))) {
    tab.tie({
      label: `${ctx.item(t.item).label} − ${lowerFirst(ctx.item(t.equals).label)}`,
      ties: "assets − liabilities & equity",
      a: t.item,
      b: t.equals,
      factor: t.factor,
    });
  }
  return tab;
}

/** The cash flow's cash at the balance sheet's dates: cash and cash equivalents + restricted cash. */
const ON_BALANCE_SHEET = "cf.cash_on_balance_sheet";

export function cashFlowTab(ctx: ModelContext): GridTab {
  const items = statementItems(ctx, "cash_flow");
  const tab = statementGrid(ctx, "cash_flow", "Statement of cash flows", items);
  const lines = items.map((item) =>
    item.id === CASH.beginning
      ? statementLine(item, { kind: "carried", key: CASH.end })
      : statementLine(item)
  );
  lines.push({
    key: ON_BALANCE_SHEET,
    label: "Cash, cash equivalents and restricted cash per the balance sheet",
    kind: "amount",
    source: { kind: "custom", cell: (c) => onBalanceSheet(ctx, c) },
    indent: 1,
    headings: [{ text: "Balance sheet at period end", style: "section" }],
    view: true,
    noGrowth: true,
  });
  tab.lines(lines);
  tab.tie({
    label: "Cash at end − per the balance sheet",
    ties: "cash flow − balance sheet",
    a: CASH.end,
    b: ON_BALANCE_SHEET,
  });
  return tab;
}

/** The balance sheet's cash and restricted cash at a quarter's end, where it has that date. */
function onBalanceSheet(ctx: ModelContext, c: FigureColumn) {
  const cells = CASH.balances.map((id) => ctx.cellOf(id, c));
  if (cells.some((x) => !x)) return null;
  const expr: Expr = { op: "add", terms: cells.map((x) => ({ sign: 1 as const, e: ref(x!) })) };
  return { expr, style: "link" as const };
}
