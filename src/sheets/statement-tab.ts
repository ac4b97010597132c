import type { Item, StatementId } from "../data/types";
import { CASH, PER_SHARE, SUMS, SumRelation, TIES, termOf } from "../core/identities";
import { parseQuarterId, quarterEnd, quarterId, shiftQuarter } from "../core/periods";
import type { SheetBuilder } from "./builder";
import { ModelContext, diff, diffTimes, ref, round, times } from "./context";
import type { Expr, SheetPlan, TabKey } from "./types";

/**
 * A statement tab (income statement, balance sheet, cash flow, and the reconciliation, which is
 * laid out the same way): the release's lines in its order, under its headings and sections.
 * Lines the release derives (subtotals, totals, adjusted figures, per-share loss) are native
 * formulas over the lines they come from; the rest are KC inputs. Beside each derived line a check
 * takes the release's own figure from it, and each must be zero.
 */

export interface LineSpec {
  item: Item;
  /** A heading printed above the line where it changes (table names on the reconciliation). */
  group?: string;
}

export interface StatementLayout {
  key: TabKey;
  subject: string;
  lines: LineSpec[];
  periods: string[];
}

export type Rows = Map<string, number>;

export function statementLayout(
  ctx: ModelContext,
  key: TabKey,
  statement: StatementId,
  subject: string
): StatementLayout {
  const items = ctx.fin.catalogue.items.filter((i) => i.statement === statement);
  return {
    key,
    subject,
    lines: items.map((item) => ({ item })),
    periods: ctx.fin.periodsOfAny(items),
  };
}

export const WIDTHS = (periods: number) => [
  64,
  ...Array(periods).fill(15),
  3,
  ...Array(periods).fill(13),
];

/** Builds the tab; `more` adds lines after the release's own (checks, memo lines). */
export function statementTab(
  ctx: ModelContext,
  layout: StatementLayout,
  more?: (b: SheetBuilder, rows: Rows) => void
): SheetPlan {
  const b = ctx.tab(layout.key, layout.periods, layout.subject);
  const rows = placeLines(b, layout.lines);
  for (const { item } of layout.lines) fillLine(ctx, b, item, rows);
  tieLines(ctx, b, rows);
  more?.(b, rows);
  return b.plan(WIDTHS(layout.periods.length));
}

function placeLines(b: SheetBuilder, lines: LineSpec[]): Rows {
  const rows: Rows = new Map();
  let group: string | undefined;
  let heading: string | null = null;
  let section: string | null = null;
  for (const { item, group: g } of lines) {
    if (g && g !== group) {
      if (group !== undefined) b.blank();
      b.heading(g, "heading");
      group = g;
      section = null;
    }
    if (item.heading && item.heading !== heading) {
      b.heading(item.heading, "heading");
      heading = item.heading;
      section = null;
    }
    const own = item.section && item.section !== item.heading ? item.section : null;
    if (own && own !== section) b.heading(own);
    section = own;
    rows.set(item.id, b.label(item.label, { total: isTotal(item), indent: own ? 1 : 0 }));
  }
  return rows;
}

/** Lines the release derives from others are set as totals (bold, over a rule). */
function isTotal(item: Item): boolean {
  return SUMS.some((s) => s.total === item.id);
}

function sumOn(rows: Rows, item: Item): SumRelation | undefined {
  return SUMS.find((s) => s.total === item.id && s.terms.every((t) => rows.has(termOf(t).item)));
}

function fillLine(ctx: ModelContext, b: SheetBuilder, item: Item, rows: Rows): void {
  const r = rows.get(item.id) as number;
  const sum = sumOn(rows, item);
  const perShare =
    item.id === PER_SHARE.perShare && rows.has(PER_SHARE.earnings) && rows.has(PER_SHARE.shares);
  const tie = TIES.find((t) => t.item === item.id && !rows.has(t.equals));
  const figures: (Expr | null)[] = [];
  const checks: (Expr | null)[] = [];
  for (const p of b.periods) {
    if (!ctx.has(item, p)) {
      figures.push(null);
      checks.push(null);
      continue;
    }
    const col = b.periodColumn(p);
    const here = ref(b.ref(r, col));
    ctx.place(item, p, b.ref(r, col));
    if (sum) {
      figures.push(sumExpr(b, rows, sum, col));
      checks.push(round(diff(here, ctx.kc(item, p)), ctx.checkPlaces));
    } else if (perShare) {
      const earnings = ref(b.ref(rows.get(PER_SHARE.earnings) as number, col));
      const shares = ref(b.ref(rows.get(PER_SHARE.shares) as number, col));
      figures.push(
        round({ op: "div", a: times(earnings, ctx.unitsPerModelUnit), b: shares }, PER_SHARE.places)
      );
      checks.push(diff(here, round(ctx.kc(item, p), PER_SHARE.places)));
    } else {
      figures.push(ctx.kc(item, p));
      const other = tie && ctx.fin.catalogue.get(tie.equals);
      checks.push(
        tie && other && ctx.has(other, p)
          ? round(diffTimes(here, ctx.kc(other, p), tie.factor), ctx.checkPlaces)
          : null
      );
    }
  }
  b.figures(r, figures, sum ? "total" : perShare ? "calc" : "input", ctx.format(item));
  b.checksFor(r, checks);
}

/** A sum of the lines just above is SUM(range); anything else spells out its terms. */
function sumExpr(b: SheetBuilder, rows: Rows, sum: SumRelation, col: number): Expr {
  const terms = sum.terms.map((t) => ({ ...termOf(t), row: rows.get(termOf(t).item) as number }));
  const contiguous = terms.every(
    (t, k) => t.sign === 1 && (k === 0 || t.row === terms[k - 1].row + 1)
  );
  if (contiguous && terms.length > 2) {
    return {
      op: "sum",
      from: b.ref(terms[0].row, col),
      to: b.ref(terms[terms.length - 1].row, col),
    };
  }
  return { op: "add", terms: terms.map((t) => ({ sign: t.sign, e: ref(b.ref(t.row, col)) })) };
}

/** Ties between two lines of the same tab get a check line of their own. */
function tieLines(ctx: ModelContext, b: SheetBuilder, rows: Rows): void {
  const ties = TIES.filter((t) => rows.has(t.item) && rows.has(t.equals));
  if (ties.length === 0) return;
  b.blank();
  for (const t of ties) {
    const a = ctx.item(t.item);
    const other = ctx.item(t.equals);
    const r = b.label(`Check: ${t.name}`);
    b.checksFor(
      r,
      b.periods.map((p) => {
        if (!ctx.has(a, p) || !ctx.has(other, p)) return null;
        const col = b.periodColumn(p);
        return round(
          diffTimes(
            ref(b.ref(rows.get(t.item) as number, col)),
            ref(b.ref(rows.get(t.equals) as number, col)),
            t.factor
          ),
          ctx.checkPlaces
        );
      })
    );
  }
}

/** The cash flow's cash against the balance sheet (linked where the balance sheet tab is built). */
export function cashTies(ctx: ModelContext, b: SheetBuilder, rows: Rows): void {
  const balances = CASH.balances.map((id) => ctx.item(id));
  const onBalanceSheet = (date: string): Expr | null => {
    if (!balances.every((i) => ctx.has(i, date))) return null;
    const parts = balances.map((i) => {
      const at = ctx.placedAt(i, date);
      return at ? ref(at) : ctx.kc(i, date);
    });
    return { op: "add", terms: parts.map((e) => ({ sign: 1, e })) };
  };
  const style = balances.every((i) => ctx.isPlaced(i)) ? "link" : "input";
  b.blank();
  b.heading("Cash, cash equivalents and restricted cash against the balance sheet");
  for (const [side, item, shift] of [
    ["end", CASH.end, 0],
    ["beginning", CASH.beginning, -1],
  ] as const) {
    const r = b.label(`Per balance sheet (cash + restricted cash), ${side} of period`, {
      indent: 1,
    });
    const figures = b.periods.map((p) => {
      const q = parseQuarterId(p);
      return q ? onBalanceSheet(quarterEnd(shiftQuarter(q, shift))) : null;
    });
    b.figures(r, figures, style, ctx.format(ctx.item(item)));
    b.checksFor(
      r,
      figures.map((f, k) =>
        f && rows.has(item)
          ? round(
              diff(ref(b.ref(rows.get(item) as number, k + 1)), ref(b.ref(r, k + 1))),
              ctx.checkPlaces
            )
          : null
      )
    );
  }
  const r = b.label("Check: beginning of period = end of the previous quarter", { indent: 1 });
  b.checksFor(
    r,
    b.periods.map((p, k) => {
      const q = parseQuarterId(p);
      const prior = q ? b.periods.indexOf(quarterId(shiftQuarter(q, -1))) : -1;
      if (prior < 0 || !rows.has(CASH.beginning) || !rows.has(CASH.end)) return null;
      return round(
        diff(
          ref(b.ref(rows.get(CASH.beginning) as number, k + 1)),
          ref(b.ref(rows.get(CASH.end) as number, prior + 1))
        ),
        ctx.checkPlaces
      );
    })
  );
}

/** Memo lines the release states only in its text (cost of revenues by nature). */
export function memoLines(
  ctx: ModelContext,
  b: SheetBuilder,
  section: string,
  title: string
): void {
  const items = ctx.fin.catalogue.items.filter(
    (i) => i.statement === "operating" && i.section === section
  );
  if (items.length === 0) return;
  b.blank();
  b.heading(title);
  for (const item of items) {
    ctx.inputs(b, b.label(item.label, { indent: 1 }), item);
  }
}
