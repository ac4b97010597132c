import { Dec } from "../domain/decimal";
import { KcError } from "../domain/errors";
import { KcFormulas } from "../core/formulas";
import { explainKc } from "../core/registry";
import type { Dataset } from "../domain/dataset";
import { REVENUE } from "../domain/identities";
import { parseQuarterId, parseSpanId, quarterId, shiftQuarter } from "../domain/periods";
import { widthsOf } from "./builder";
import type { FigureColumn } from "./columns";
import { shortPeriod, timeAxis } from "./columns";
import { ModelContext, diff, ref } from "./context";
import { GridTab, Line, NOT_AVAILABLE, Planned, olderQuarters } from "./grid";
import { ADS_RATIO } from "./statement-tab";
import type { Expr, SheetPlan } from "./types";
import { HEADER_ROW } from "./types";

/**
 * KC Estimates: the analyst's forecast as columns right of the actuals, on a tab of its own.
 *
 * Why a tab of its own rather than estimate columns on each statement: a forecast is driven by a
 * few inputs and runs from revenues to adjusted EBITDA and adjusted net loss, while the statements
 * carry every line the release prints (with its as-reported block and checks) and a balance sheet
 * and cash flow no driver model forecasts. One compact tab keeps every driver beside the lines it
 * moves, prints on one page, and leaves the statements exactly the release.
 *
 * Columns: every actual quarter of the model's time axis (links to the statements, the drivers
 * shown as the actuals imply them), then the next four quarters as estimates (`2Q26E`), then each
 * fiscal year from the first quarter's to the second after the latest actual (`FY2026E`: the sum
 * of its quarters, actual or estimate; n.a. where one is neither). An estimate column's layout key
 * is the actual quarter's (`2026Q2|RMB|as printed`), so the release that brings 2Q26 turns that
 * very column into the actual in place: an analyst's formula pointing at it then shows the actual.
 * The columns right of it keep the inputs typed there (the writer writes a `driver` cell only where
 * it is new), and the estimate the column held stays, as a figure, in the estimate-against-actual
 * block (the writer turns the cell that showed it into its value as it overwrites the column).
 */

/** How many quarters after the latest actual are estimated, and how many fiscal years shown. */
export const ESTIMATE_QUARTERS = 4;
export const ESTIMATE_YEARS = 2;

/** The tab's columns, and for each year that cannot be summed the quarters it lacks. */
export function estimateColumns(
  ds: Pick<Dataset, "periods" | "latestQuarter">,
  held: (quarter: string) => boolean
): { columns: FigureColumn[]; lacking: Map<string, string[]> } {
  const axis = timeAxis(ds);
  const latest = parseQuarterId(ds.latestQuarter);
  if (!latest) throw new Error(`The latest quarter "${ds.latestQuarter}" is not a quarter`);
  const figure = (period: string, extra: Partial<FigureColumn> = {}): FigureColumn => ({
    kind: "figure",
    period,
    currency: "RMB",
    translated: false,
    ...extra,
  });
  const actual = axis.quarters.map((q) =>
    figure(q.id, q.held && held(q.id) ? {} : { missing: true })
  );
  const estimates = Array.from({ length: ESTIMATE_QUARTERS }, (_, k) =>
    figure(quarterId(shiftQuarter(latest, k + 1)), { estimate: true })
  );
  const known = new Set([
    ...actual.filter((c) => !c.missing).map((c) => c.period),
    ...estimates.map((c) => c.period),
  ]);
  const estimated = new Set(estimates.map((c) => c.period));
  const first = parseQuarterId(axis.quarters[0].id)?.year ?? latest.year;
  // The years after the latest actual's, or after it where that is the fiscal year's last quarter.
  const last = latest.year + ESTIMATE_YEARS - (latest.quarter === 4 ? 0 : 1);
  const lacking = new Map<string, string[]>();
  const years: FigureColumn[] = [];
  for (let y = first; y <= last; y++) {
    const quarters = [1, 2, 3, 4].map((q) => `${y}Q${q}`);
    const gaps = quarters.filter((q) => !known.has(q));
    const period = `${y}FY`;
    if (gaps.length) lacking.set(period, gaps);
    years.push(
      figure(period, {
        ...(quarters.some((q) => estimated.has(q)) || y > latest.year ? { estimate: true } : {}),
        ...(gaps.length ? { missing: true } : {}),
      })
    );
  }
  return { columns: [...actual, ...estimates, ...years], lacking };
}

/** The line keys of the tab that other tabs (KC Valuation) link to. */
export const ESTIMATE_KEYS = {
  revenue: "est.revenue",
  adjustedEbitda: "est.adjusted_ebitda",
};

/** The lines whose estimate the estimate-against-actual block keeps. */
const HELD: { key: string; label: string }[] = [
  { key: ESTIMATE_KEYS.revenue, label: "Revenues" },
  { key: "est.gross_profit", label: "Gross profit" },
  { key: ESTIMATE_KEYS.adjustedEbitda, label: "Adj. EBITDA" },
  { key: "est.adjusted_net_loss", label: "Adj. net loss" },
];

/** Shares in millions to a tenth: a count of billions fits the tab's narrow columns. */
const SHARES_IN_MILLIONS = "#,##0.0,,_)";

/**
 * The figure columns' width, in digit widths: "(10,757,997)" takes about ten in Calibri (commas
 * and parentheses are narrow), and twelve such columns with the labels print at 9 pt or more.
 */
const FIGURE_WIDTH = 10;

export function estimatesTab(ctx: ModelContext): GridTab {
  const ds = ctx.fin.dataset;
  const revenueItem = ctx.item(REVENUE);
  const { columns, lacking } = estimateColumns(ds, (q) => ctx.fin.has(revenueItem, q));
  const latest = ds.latestQuarter;
  const tab = new GridTab(ctx, "estimates", "Estimates", columns, [
    `${shortPeriod(latest)} is the latest actual · E: estimate · FY: the sum of its quarters, actual or estimate`,
    "Blue on yellow: your inputs (a refresh keeps what you type) · green: link · black: formula",
  ]);
  columns.forEach((c, k) => {
    const gaps = lacking.get(c.period);
    if (gaps)
      tab.builder.note(
        HEADER_ROW,
        k + 1,
        `n.a.: ${shortPeriod(c.period)} needs ${gaps.map(shortPeriod).join(", ")}, which ${gaps.length > 1 ? "are" : "is"} neither an actual in the dataset nor estimated here; it is summed once every quarter is one or the other`
      );
  });
  // As on the statements, the quarters older than the last five collapse; so do the years before
  // the latest actual's last full year, so the tab prints at 9 pt however long the history.
  const latestYear = parseQuarterId(latest)?.year ?? 0;
  tab.builder.collapse(
    [
      ...olderQuarters(columns),
      ...columns.flatMap((c, k) => {
        const span = parseSpanId(c.period);
        return span && span.end.year < latestYear - 1 ? [k] : [];
      }),
    ].map((k) => k + 1)
  );
  tab.lines(estimateLines(ctx, tab));
  // Labels as short as the lines': with twelve figure columns the tab prints at 9 pt or more.
  const ties: [string, string, string, number?][] = [
    [ESTIMATE_KEYS.revenue, REVENUE, "Revenues"],
    ["est.gross_profit", "is.gross_profit", "Gross profit"],
    ["est.operating_loss", "is.operating_loss", "Operating loss"],
    ["est.loss_before_tax", "is.loss_before_tax", "Pre-tax loss"],
    ["est.net_loss", "is.net_loss", "Net loss"],
    ["est.adjusted_net_loss", "ng.adjusted_net_loss", "Adj. net loss"],
    [ESTIMATE_KEYS.adjustedEbitda, "ng.adjusted_ebitda", "Adj. EBITDA"],
    ["est.adjusted_per_ads", "ng.per_ads", "Adj. net loss per ADS", 6],
  ];
  for (const [a, b, label, places] of ties)
    tab.tie({ label, ties: "estimates path − statements", a, b, places });
  return tab;
}

/** The tab's plan, its figure columns as narrow as its figures. */
export function finishEstimates(tab: GridTab): SheetPlan {
  const plan = tab.finish();
  const widths = widthsOf(plan.cells, FIGURE_WIDTH);
  // A year's sums run to eight digits in brackets ("(9,545,224)"), which show as ### at ten.
  for (const c of plan.cells)
    if (c.row === HEADER_ROW && typeof c.value === "string" && c.value.startsWith("FY"))
      widths[c.col] = Math.max(widths[c.col] ?? 0, FIGURE_WIDTH + 1);
  return { ...plan, widths };
}

type ColumnRole = "actual" | "estimate" | "year";

function roleOf(c: FigureColumn): ColumnRole {
  if (parseSpanId(c.period)) return "year";
  return c.estimate ? "estimate" : "actual";
}

function estimateLines(ctx: ModelContext, tab: GridTab): Line[] {
  const starts = new StartingInputs(ctx);
  const own = (key: string, c: FigureColumn) => tab.cellAt(key, c);
  /** The column of the quarter before a quarter's, where the tab has one. */
  const prior = (c: FigureColumn) => {
    const q = parseQuarterId(c.period);
    const before = q && quarterId(shiftQuarter(q, -1));
    return tab.figureColumns.find((x) => x.period === before);
  };

  const link =
    (key: string) =>
    (c: FigureColumn): Planned | null => {
      const at = ctx.cellOf(key, c);
      return at ? { expr: ref(at), style: at.tab === "estimates" ? "calc" : "link" } : null;
    };
  /** A signed sum of lines of this tab in the same column. */
  const sum =
    (terms: string[], style: "calc" | "total" = "calc") =>
    (c: FigureColumn): Planned | null => {
      const cells = terms.map((t) => ({
        sign: t.startsWith("-") ? (-1 as const) : (1 as const),
        at: own(t.replace(/^-/, ""), c),
      }));
      if (cells.some((x) => !x.at)) return null;
      return {
        expr: { op: "add", terms: cells.map((x) => ({ sign: x.sign, e: ref(x.at!) })) },
        style,
      };
    };
  /** Links summed: an actual the statements print in parts. */
  const linkSum =
    (keys: string[]) =>
    (c: FigureColumn): Planned | null => {
      const cells = keys.map((k) => ctx.cellOf(k, c));
      if (cells.some((x) => !x)) return null;
      return {
        expr: { op: "add", terms: cells.map((x) => ({ sign: 1 as const, e: ref(x!) })) },
        style: "calc",
      };
    };
  /** A year's figure: its four quarters, or their average (a share count). */
  const year =
    (key: string, average = false) =>
    (c: FigureColumn): Planned | null => {
      const span = parseSpanId(c.period);
      if (!span) return null;
      const cells = [1, 2, 3, 4].map((q) =>
        tab.figureColumns.find((x) => x.period === `${span.end.year}Q${q}`)
      );
      const refs = cells.map((x) => x && own(key, x));
      if (refs.some((x) => !x)) return null;
      const total: Expr = { op: "add", terms: refs.map((x) => ({ sign: 1 as const, e: ref(x!) })) };
      return {
        expr: average ? { op: "div", a: total, b: { op: "num", value: 4 } } : total,
        style: "calc",
      };
    };
  const driver =
    (start: { value: number; how: string }) =>
    (c: FigureColumn): Planned => ({
      value: start.value,
      style: "driver",
      note: `${start.how} Type your own for ${shortPeriod(c.period)}E.`,
    });
  const byRole =
    (cells: Partial<Record<ColumnRole, (c: FigureColumn) => Planned | null>>) =>
    (c: FigureColumn): Planned | null =>
      cells[roleOf(c)]?.(c) ?? null;
  const ratio =
    (numerator: string, sign: 1 | -1) =>
    (c: FigureColumn): Planned | null => {
      const n = own(numerator, c);
      const d = own(ESTIMATE_KEYS.revenue, c);
      if (!n || !d) return null;
      const top: Expr = sign === 1 ? ref(n) : { op: "add", terms: [{ sign: -1, e: ref(n) }] };
      return { expr: { op: "div", a: top, b: ref(d) }, style: "calc" };
    };
  const growth =
    (key: string) =>
    (c: FigureColumn): Planned | null => {
      const before = prior(c);
      const cur = own(key, c);
      const pri = before && !before.missing ? own(key, before) : undefined;
      if (!cur || !pri)
        return {
          value: NOT_AVAILABLE,
          style: "missing",
          note: `No growth: the dataset does not give the quarter before ${shortPeriod(c.period)}`,
        };
      return { expr: { op: "growth", current: ref(cur), prior: ref(pri) }, style: "calc" };
    };
  /** An estimate quarter's segment: the quarter before's, grown by the driver. */
  const grown =
    (key: string, driverKey: string) =>
    (c: FigureColumn): Planned | null => {
      const before = prior(c);
      const pri = before && own(key, before);
      const g = own(driverKey, c);
      if (!pri || !g) return null;
      const factor: Expr = {
        op: "add",
        terms: [
          { sign: 1, e: { op: "num", value: 1 } },
          { sign: 1, e: ref(g) },
        ],
      };
      return { expr: { op: "mul", a: ref(pri), b: factor }, style: "calc" };
    };
  /** An estimate's cost or expense: minus its share of revenues (costs are negative). */
  const share =
    (driverKey: string, complement = false) =>
    (c: FigureColumn): Planned | null => {
      const s = own(driverKey, c);
      const rev = own(ESTIMATE_KEYS.revenue, c);
      if (!s || !rev) return null;
      // Cost of revenues is minus (1 − gross margin) of revenues: gross margin − 1 times them.
      const factor: Expr = complement
        ? diff(ref(s), { op: "num", value: 1 })
        : { op: "add", terms: [{ sign: -1, e: ref(s) }] };
      return { expr: { op: "mul", a: factor, b: ref(rev) }, style: "calc" };
    };
  const product =
    (a: string, b: string) =>
    (c: FigureColumn): Planned | null => {
      const x = own(a, c);
      const y = own(b, c);
      return x && y ? { expr: { op: "mul", a: ref(x), b: ref(y) }, style: "calc" } : null;
    };
  const perAds =
    (earnings: string) =>
    (c: FigureColumn): Planned | null => {
      const e = own(earnings, c);
      const shares = own("est.shares", c);
      const ratioAt = own("est.shares_per_ads", c);
      if (!e || !shares || !ratioAt) return null;
      const perShare: Expr = {
        op: "div",
        a: { op: "mul", a: ref(e), b: { op: "num", value: ctx.unitsPerModelUnit } },
        b: ref(shares),
      };
      return { expr: { op: "mul", a: perShare, b: ref(ratioAt) }, style: "calc" };
    };

  const line = (
    key: string,
    label: string,
    heading: string,
    cell: (c: FigureColumn) => Planned | null,
    extra: Partial<Line> = {}
  ): Line => ({
    key,
    label,
    kind: "amount",
    source: { kind: "custom", cell },
    noGrowth: true,
    indent: extra.total ? 0 : 1,
    headings: [{ text: heading, style: "heading" }],
    ...extra,
  });
  const percent: Partial<Line> = { kind: "percent" };
  /** An amount that is an input of the estimates: linked in actuals, summed in years. */
  const flow = (key: string, actual: (c: FigureColumn) => Planned | null) => ({
    actual,
    year: year(key),
  });

  const drivers = "Drivers (estimates: your inputs)";
  const is = "Income statement";
  const ng = "Non-GAAP";
  const ads = "Per ADS";
  const held = "Estimate against actual";
  const lines: Line[] = [
    line(
      "est.g.public",
      "Public cloud growth, QoQ",
      drivers,
      byRole({ actual: growth("est.public"), estimate: driver(starts.growth("revenue.public")) }),
      percent
    ),
    line(
      "est.g.enterprise",
      "Enterprise cloud growth, QoQ",
      drivers,
      byRole({
        actual: growth("est.enterprise"),
        estimate: driver(starts.growth("revenue.enterprise")),
      }),
      percent
    ),
    line(
      "est.gross_margin",
      "Gross margin",
      drivers,
      byRole({
        actual: ratio("est.gross_profit", 1),
        year: ratio("est.gross_profit", 1),
        estimate: driver(starts.margin("is.gross_profit", 1, "gross margin")),
      }),
      percent
    ),
    ...(
      [
        ["est.sm_share", "est.selling_marketing", "is.selling_marketing", "S&M"],
        ["est.ga_share", "est.general_administrative", "is.general_administrative", "G&A"],
        ["est.rd_share", "est.research_development", "is.research_development", "R&D"],
      ] as const
    ).map(([key, expense, item, short]) =>
      line(
        key,
        `${short} expenses, % of revenues`,
        drivers,
        byRole({
          actual: ratio(expense, -1),
          year: ratio(expense, -1),
          estimate: driver(starts.margin(item, -1, `${short} expenses as a share of revenues`)),
        }),
        percent
      )
    ),
    line(
      "est.tax_rate",
      "Tax rate (tax / pre-tax)",
      drivers,
      byRole({
        actual: taxRate(own),
        year: taxRate(own),
        estimate: driver(starts.taxRate()),
      }),
      percent
    ),

    line(
      "est.public",
      "Public cloud services",
      is,
      byRole({
        actual: link("revenue.public"),
        estimate: grown("est.public", "est.g.public"),
        year: year("est.public"),
      })
    ),
    line(
      "est.enterprise",
      "Enterprise cloud services",
      is,
      byRole({
        actual: link("revenue.enterprise"),
        estimate: grown("est.enterprise", "est.g.enterprise"),
        year: year("est.enterprise"),
      })
    ),
    line(
      ESTIMATE_KEYS.revenue,
      "Total revenues",
      is,
      sum(["est.public", "est.enterprise"], "total"),
      {
        total: true,
      }
    ),
    line(
      "est.cost_of_revenues",
      "Cost of revenues",
      is,
      byRole({
        actual: link("is.cost_of_revenues"),
        estimate: share("est.gross_margin", true),
        year: year("est.cost_of_revenues"),
      })
    ),
    line(
      "est.gross_profit",
      "Gross profit",
      is,
      sum([ESTIMATE_KEYS.revenue, "est.cost_of_revenues"], "total"),
      {
        total: true,
      }
    ),
    line(
      "est.selling_marketing",
      "Selling and marketing",
      is,
      byRole({
        actual: link("is.selling_marketing"),
        estimate: share("est.sm_share"),
        year: year("est.selling_marketing"),
      })
    ),
    line(
      "est.general_administrative",
      "General and administrative",
      is,
      byRole({
        actual: link("is.general_administrative"),
        estimate: share("est.ga_share"),
        year: year("est.general_administrative"),
      })
    ),
    line(
      "est.research_development",
      "Research and development",
      is,
      byRole({
        actual: link("is.research_development"),
        estimate: share("est.rd_share"),
        year: year("est.research_development"),
      })
    ),
    line(
      "est.total_operating_expenses",
      "Total operating expenses",
      is,
      sum(["est.selling_marketing", "est.general_administrative", "est.research_development"]),
      { total: true }
    ),
    line(
      "est.operating_loss",
      "Operating loss",
      is,
      sum(["est.gross_profit", "est.total_operating_expenses"], "total"),
      { total: true }
    ),
    line(
      "est.net_interest",
      "Net interest",
      is,
      byRole({
        ...flow("est.net_interest", linkSum(["is.interest_income", "is.interest_expense"])),
        estimate: driver(
          starts.amounts(["is.interest_income", "is.interest_expense"], "net interest")
        ),
      })
    ),
    line(
      "est.fx",
      "Foreign exchange gain (loss)",
      is,
      byRole({
        ...flow("est.fx", link("is.fx_gain_loss")),
        estimate: driver(ZERO("foreign exchange")),
      })
    ),
    line(
      "est.other",
      "Other non-operating items",
      is,
      byRole({
        ...flow("est.other", linkSum(["is.other_gain_loss", "is.other_expense_income"])),
        estimate: driver(ZERO("other gains and other income")),
      })
    ),
    line(
      "est.loss_before_tax",
      "Loss before income taxes",
      is,
      sum(["est.operating_loss", "est.net_interest", "est.fx", "est.other"], "total"),
      { total: true }
    ),
    line(
      "est.income_tax",
      "Income tax (expense) benefit",
      is,
      byRole({
        actual: link("is.income_tax"),
        estimate: product("est.tax_rate", "est.loss_before_tax"),
        year: year("est.income_tax"),
      })
    ),
    line("est.net_loss", "Net loss", is, sum(["est.loss_before_tax", "est.income_tax"], "total"), {
      total: true,
    }),

    line(
      "est.sbc",
      "Share-based compensation",
      ng,
      byRole({
        ...flow("est.sbc", link("ng.nl.sbc")),
        estimate: driver(starts.amounts(["ng.nl.sbc"], "share-based compensation")),
      })
    ),
    line(
      "est.adjusted_net_loss",
      "Adjusted net loss",
      ng,
      sum(["est.net_loss", "est.sbc", "-est.fx"], "total"),
      { total: true }
    ),
    line(
      "est.da",
      "Depreciation & amortization",
      ng,
      byRole({
        ...flow("est.da", link("ng.ebitda.depreciation_amortization")),
        estimate: driver(
          starts.amounts(["ng.ebitda.depreciation_amortization"], "depreciation and amortization")
        ),
      })
    ),
    line(
      ESTIMATE_KEYS.adjustedEbitda,
      "Adjusted EBITDA",
      ng,
      sum(["est.adjusted_net_loss", "-est.net_interest", "-est.income_tax", "est.da"], "total"),
      { total: true }
    ),
    line(
      "est.adjusted_ebitda_margin",
      "Adjusted EBITDA margin",
      ng,
      ratio(ESTIMATE_KEYS.adjustedEbitda, 1),
      percent
    ),

    line(
      "est.shares",
      "Avg. shares, basic (m)",
      ads,
      byRole({
        actual: link("is.shares_basic_diluted"),
        estimate: driver(starts.amounts(["is.shares_basic_diluted"], "weighted average shares")),
        year: year("est.shares", true),
      }),
      { kind: "shares", format: SHARES_IN_MILLIONS }
    ),
    line(
      "est.shares_per_ads",
      "Ordinary shares per ADS",
      ads,
      () => {
        const at = ctx.singleCell(ADS_RATIO);
        return { expr: ref(at), style: "link" };
      },
      { kind: "shares", view: true }
    ),
    line("est.net_loss_per_ads", "Net loss per ADS (incl. NCI)", ads, perAds("est.net_loss"), {
      kind: "per_share",
    }),
    line(
      "est.adjusted_per_ads",
      "Adjusted net loss per ADS",
      ads,
      perAds("est.adjusted_net_loss"),
      {
        kind: "per_share",
      }
    ),
  ];
  for (const h of HELD) {
    const heldKey = `est.held.${h.key}`;
    lines.push(
      line(
        heldKey,
        `${h.label}, estimate held`,
        held,
        byRole({
          estimate: (c) => {
            const at = own(h.key, c);
            return at ? { expr: ref(at), style: "calc" } : null;
          },
          actual: (c) => ({
            value: NOT_AVAILABLE,
            style: "held",
            note: `No estimate of ${shortPeriod(c.period)} was held when its release came (the quarter was never an estimate column in this workbook)`,
          }),
        })
      ),
      line(
        `est.beat.${h.key}`,
        `${h.label}, beat (miss)`,
        held,
        byRole({
          actual: (c) => {
            const a = own(h.key, c);
            const e = own(heldKey, c);
            if (!a || !e) return null;
            return {
              expr: {
                op: "ifNumbers",
                tests: [e],
                then: diff(ref(a), ref(e)),
                otherwise: NOT_AVAILABLE,
              },
              style: "calc",
            };
          },
        })
      )
    );
  }
  return lines;
}

function taxRate(own: (key: string, c: FigureColumn) => ReturnType<GridTab["cellAt"]>) {
  return (c: FigureColumn): Planned | null => {
    const tax = own("est.income_tax", c);
    const before = own("est.loss_before_tax", c);
    return tax && before
      ? { expr: { op: "div", a: ref(tax), b: ref(before) }, style: "calc" }
      : null;
  };
}

function ZERO(what: string): { value: number; how: string } {
  return { value: 0, how: `Starts at 0: ${what} are not forecast from the past.` };
}

/**
 * The drivers' starting values, from the latest actual quarter: each ratio as it was then, to a
 * tenth of a point; each amount as it was then. Exact, from the dataset's figures.
 */
class StartingInputs {
  private readonly kcf: KcFormulas;
  private readonly latest: FigureColumn;
  constructor(private readonly ctx: ModelContext) {
    this.kcf = new KcFormulas(ctx.fin);
    this.latest = {
      kind: "figure",
      period: ctx.fin.dataset.latestQuarter,
      currency: "RMB",
      translated: false,
    };
  }

  private get named(): string {
    return shortPeriod(this.latest.period);
  }

  /** An item's figure in the model's unit, or undefined where the dataset lacks it. */
  private figure(id: string, period: string): Dec | undefined {
    const item = this.ctx.item(id);
    if (!this.ctx.fin.has(item, this.ctx.periodIn(item, period))) return undefined;
    const column = { ...this.latest, period };
    try {
      const v = explainKc(this.kcf, "VALUE", this.ctx.value(item, column).args).value;
      return v instanceof Dec ? v : undefined;
    } catch (e) {
      if (e instanceof KcError) return undefined;
      throw e;
    }
  }

  private tenth(d: Dec): number {
    return d.toDecimalPlaces(3, Dec.ROUND_HALF_UP).toNumber();
  }

  /**
   * The quarterly rate that compounds to the latest quarter's growth on the same quarter a year
   * before (a quarter-on-quarter rate of its own carries the seasons into every estimate); the
   * growth on the quarter before where the dataset lacks the year-earlier one; else flat.
   */
  growth(id: string): { value: number; how: string } {
    const q = parseQuarterId(this.latest.period);
    const at = (by: number) => (q ? this.figure(id, quarterId(shiftQuarter(q, by))) : undefined);
    const now = at(0);
    const usable = (then: Dec | undefined): then is Dec =>
      !!now && !!then && then.gt(0) && now.gt(0);
    const yearBefore = at(-4);
    if (usable(yearBefore))
      return {
        value: this.tenth((now as Dec).div(yearBefore).root(4).minus(1)),
        how: `Starts at the quarterly rate that compounds to ${this.named}'s growth on a year before, to a tenth of a point.`,
      };
    const before = at(-1);
    if (usable(before))
      return {
        value: this.tenth((now as Dec).div(before).minus(1)),
        how: `Starts at ${this.named}'s growth on the quarter before (the dataset lacks the year-earlier quarter), to a tenth of a point.`,
      };
    return {
      value: 0,
      how: `Starts at 0% (flat): the dataset gives no earlier quarter to grow ${this.named} from.`,
    };
  }

  margin(id: string, sign: 1 | -1, what: string): { value: number; how: string } {
    const n = this.figure(id, this.latest.period);
    const d = this.figure(REVENUE, this.latest.period);
    if (!n || !d || d.isZero())
      return { value: 0, how: `Starts at 0: the dataset lacks ${this.named}'s ${what}.` };
    return {
      value: this.tenth(n.times(sign).div(d)),
      how: `Starts at ${this.named}'s ${what}, to a tenth of a point.`,
    };
  }

  taxRate(): { value: number; how: string } {
    const tax = this.figure("is.income_tax", this.latest.period);
    const before = this.figure("is.loss_before_tax", this.latest.period);
    if (!tax || !before || before.isZero())
      return { value: 0, how: `Starts at 0: the dataset lacks ${this.named}'s tax.` };
    return {
      value: this.tenth(tax.div(before)),
      how: `Starts at ${this.named}'s income tax over its loss before tax, to a tenth of a point (a tax expense on a loss is a positive rate).`,
    };
  }

  amounts(ids: string[], what: string): { value: number; how: string } {
    const figures = ids.map((id) => this.figure(id, this.latest.period));
    if (figures.some((f) => !f))
      return { value: 0, how: `Starts at 0: the dataset lacks ${this.named}'s ${what}.` };
    const total = figures.reduce((s: Dec, f) => s.plus(f as Dec), new Dec(0));
    return { value: total.toNumber(), how: `Starts at ${this.named}'s ${what}.` };
  }
}
