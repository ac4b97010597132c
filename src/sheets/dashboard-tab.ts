import { SEGMENT_ITEMS } from "../core/arguments";
import { PROSE_BREAKDOWNS, SUMS, termOf } from "../domain/identities";
import { SheetBuilder } from "./builder";
import type { FigureColumn, GrowthColumn } from "./columns";
import { checkSlot, columnHeader, endDate, growthColumns, shortPeriod, timeAxis } from "./columns";
import { ModelContext, diff, ref, round, times } from "./context";
import { NOT_AVAILABLE } from "./grid";
import { shortLabel } from "./short-labels";
import type { CellRange, CellRef, ChartPlan, ChartSeries, Expr, SheetPlan } from "./types";
import { FORMATS, HEADER_ROW, formatFor } from "./types";

/**
 * KC Dashboard: the latest quarter's headline figures, each a link to its home with its growth,
 * and five charts of the release's story. Every figure here is a link: the charts draw a block of
 * chart data below them whose cells link to the model tabs, so a changed input moves a chart, and
 * a quarter no release gives is an empty cell (a gap, never a line drawn to zero) under a category
 * marked n.a.
 *
 * Quarters run down the chart data, not across: a new quarter is an inserted row below the charts,
 * which never stretches a chart the way a column inserted under it would.
 */

/** One colour per series, the same in every chart that draws it. */
export const SERIES_COLORS = new Map<string, string>([
  ["revenue.public", "#1F4E79"],
  ["revenue.enterprise", "#9DC3E6"],
  ["ng.gross_margin", "#C55A11"],
  ["ng.adjusted_gross_margin", "#F4B183"],
  ["ng.adjusted_ebitda_margin", "#00808A"],
  ["bs.cash", "#7030A0"],
  ["op.capex_and_leased_assets", "#BF9000"],
  ["latest", "#404040"],
  ["year_before", "#A5A5A5"],
  ["bridge.total", "#44546A"],
  ["bridge.increase", "#70AD47"],
  ["bridge.decrease", "#C00000"],
  ["bridge.base", "none"],
]);

/**
 * Adjusted gross margin runs within a few tenths of a point of gross margin: drawn dashed, so
 * neither line hides the other.
 */
const DASHED: ReadonlySet<string> = new Set(["ng.adjusted_gross_margin"]);

/** The headline figures, top to bottom, with the words the dashboard gives them. */
export const HEADLINE_FIGURES = new Map<string, string>([
  ["revenue.total", "Total revenues"],
  [SEGMENT_ITEMS.public, "Public cloud services"],
  [SEGMENT_ITEMS.enterprise, "Enterprise cloud services"],
  ["ng.gross_margin", "Gross margin"],
  ["ng.adjusted_gross_margin", "Adjusted gross margin"],
  ["ng.adjusted_ebitda", "Adjusted EBITDA"],
  ["ng.adjusted_ebitda_margin", "Adjusted EBITDA margin"],
  ["is.net_loss", "Net loss"],
  ["ng.adjusted_net_loss", "Adjusted net loss"],
  ["cf.operating", "Operating cash flow"],
  ["bs.cash", "Cash and cash equivalents"],
]);

/** The series of the quarterly chart data, left to right, with their legend names. */
const QUARTER_SERIES = new Map<string, string>([
  [SEGMENT_ITEMS.public, "Public cloud"],
  [SEGMENT_ITEMS.enterprise, "Enterprise cloud"],
  ["ng.gross_margin", "Gross margin"],
  ["ng.adjusted_gross_margin", "Adjusted gross margin"],
  ["ng.adjusted_ebitda_margin", "Adjusted EBITDA margin"],
  ["bs.cash", "Cash and cash equivalents"],
  // The release states it only in words, rounded ("approximately RMB3.0 billion"): said so.
  ["op.capex_and_leased_assets", "Capex and leased assets (as stated, rounded)"],
]);

/** The bridge's steps as analysts label them on a chart (the tabs keep the release's words). */
const STEP_LABELS = new Map<string, string>([
  ["ng.nl.net_loss", "Net loss"],
  ["ng.nl.sbc", "SBC"],
  ["ng.nl.fx", "FX (gain) loss"],
  ["ng.adjusted_net_loss", "Adjusted net loss"],
  ["ng.ebitda.interest_income", "Interest income"],
  ["ng.ebitda.interest_expense", "Interest expense"],
  ["ng.ebitda.income_tax", "Income tax"],
  ["ng.ebitda.depreciation_amortization", "D&A"],
  ["ng.adjusted_ebitda", "Adjusted EBITDA"],
]);

/**
 * The bridge's series, left to right in its chart data: two invisible bases, the totals, then
 * adds and deducts, each split into its parts above and below zero (only the first of each pair
 * is in the legend).
 */
const BRIDGE_SERIES: { name: string; look: string; unlisted: boolean }[] = [
  { name: "Base", look: "bridge.base", unlisted: true },
  { name: "Base below zero", look: "bridge.base", unlisted: true },
  { name: "Total", look: "bridge.total", unlisted: false },
  { name: "Adds", look: "bridge.increase", unlisted: false },
  { name: "Adds below zero", look: "bridge.increase", unlisted: true },
  { name: "Deducts", look: "bridge.decrease", unlisted: false },
  { name: "Deducts below zero", look: "bridge.decrease", unlisted: true },
];

/** Where the bridge ends: it starts at the first term of the sums that lead to it. */
const BRIDGE_END = "ng.adjusted_ebitda";

/** The grid the dashboard is drawn on: column widths in characters, A to M. */
const WIDTHS = [30, 13, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10];
/** Rows of the printed page: headline figures beside the revenue chart, then two rows of two. */
const PAGE = {
  revenue: { from: { row: HEADER_ROW, col: 5 }, to: { row: 16, col: 12 } },
  grid: [
    { from: { row: 16, col: 0 }, to: { row: 28, col: 5 } },
    { from: { row: 16, col: 5 }, to: { row: 28, col: 12 } },
    { from: { row: 28, col: 0 }, to: { row: 40, col: 5 } },
    { from: { row: 28, col: 5 }, to: { row: 40, col: 12 } },
  ],
  /** The last printed cell: the bottom right of the lowest charts. */
  through: { row: 39, col: 11 },
};

/** One step of the bridge: a total bar from zero, or a change from the bar before. */
export interface BridgeStep {
  item: string;
  sign: 1 | -1;
  total: boolean;
}

/**
 * The steps from net loss to adjusted EBITDA as the release's sums lead there: a sum's first term
 * that is itself a sum opens the bridge with that sum's steps and stands as a subtotal.
 */
export function bridgeSteps(end: string = BRIDGE_END): BridgeStep[] {
  const sum = SUMS.find((s) => s.total === end);
  if (!sum) return [{ item: end, sign: 1, total: true }];
  const [first, ...rest] = sum.terms.map(termOf);
  return [
    ...bridgeSteps(first.item),
    ...rest.map((t) => ({ item: t.item, sign: t.sign, total: false })),
    { item: end, sign: 1, total: true },
  ];
}

export function dashboardTab(ctx: ModelContext): { finish(): SheetPlan } {
  return { finish: () => new Dashboard(ctx).plan() };
}

class Dashboard {
  private readonly b = new SheetBuilder("dashboard");
  private readonly latest: FigureColumn;
  private readonly growth: GrowthColumn[];
  private readonly axis: ReturnType<typeof timeAxis>;
  private readonly unitWord: string;

  constructor(private readonly ctx: ModelContext) {
    const ds = ctx.fin.dataset;
    this.axis = timeAxis(ds);
    this.latest = { kind: "figure", period: ds.latestQuarter, currency: "RMB", translated: false };
    this.growth = growthColumns(this.axis, ds.latestQuarter);
    this.unitWord = `RMB ${ctx.options.unit}`;
  }

  plan(): SheetPlan {
    const b = this.b;
    b.columns(WIDTHS.map((_, c) => (c === 0 ? "labels" : `dashboard:${c}`)));
    // Every figure here is in RMB, whichever currency the other tabs add.
    b.top(this.ctx.title("Dashboard", "RMB"), this.notes(), [
      columnHeader(this.latest),
      ...this.growth.map((g) => columnHeader(g)),
    ]);
    this.headlines();
    // Every row of the printed page has a key of its own: the charts' corners stand on them.
    for (let r = HEADER_ROW + 1; r <= PAGE.through.row + 1; r++)
      if (r > HEADER_ROW + HEADLINE_FIGURES.size) b.rowKey(r, `page:${r}`);
    b.skipTo(PAGE.through.row + 2);
    b.heading("Chart data, linked to the model tabs", "heading");
    const quarters = this.quarterData();
    const bridge = this.bridgeData();
    const costs = this.costData();
    b.chart(this.revenueChart(quarters));
    b.chart(this.marginChart(quarters));
    b.chart(this.bridgeChart(bridge));
    b.chart(this.costChart(costs));
    b.chart(this.cashChart(quarters));
    return b.plan(WIDTHS, { rows: 0, columns: 0 }, this.ctx.source(), { through: PAGE.through });
  }

  private notes(): string[] {
    return [
      `${shortPeriod(this.latest.period)} = three months to ${endDate(this.latest.period)} · each figure links to its home on the model tabs · margins change in points`,
      "Charts draw the chart data below the page (links to the model tabs) · n.a.: a quarter no release in the dataset gives",
    ];
  }

  /** Label, the latest quarter's figure and its growth, each a link to the figure's home. */
  private headlines(): void {
    const b = this.b;
    for (const [id, words] of HEADLINE_FIGURES) {
      const item = this.ctx.item(id);
      const row = b.label(words, { key: `headline:${id}` });
      const home = this.ctx.cellOf(id, this.latest);
      if (home) b.put(row, 1, ref(home), "link", this.ctx.format(item));
      else b.put(row, 1, NOT_AVAILABLE, "missing", "General");
      this.growth.forEach((g, k) => {
        const at = this.ctx.cellOf(id, g);
        if (at)
          b.put(
            row,
            2 + k,
            ref(at),
            "link",
            item.kind === "percent" ? FORMATS.points : FORMATS.growth
          );
        else b.put(row, 2 + k, NOT_AVAILABLE, "missing", "General");
      });
    }
  }

  /** A row per quarter of the axis, oldest first: a category, then a column per series. */
  private quarterData(): QuarterData {
    const b = this.b;
    b.heading("By quarter", "section");
    const series = [...QUARTER_SERIES.keys()];
    const header = b.headerRow(
      ["Quarter", ...series.map((id) => QUARTER_SERIES.get(id) as string)],
      "data-header:quarters"
    );
    const names = new Map(series.map((id, k) => [id, b.ref(header, 1 + k)]));
    b.height(header, 48);
    const first = header + 1;
    for (const q of this.axis.quarters) {
      const column: FigureColumn = {
        kind: "figure",
        period: q.id,
        currency: "RMB",
        translated: false,
      };
      const label = `${shortPeriod(q.id)}${q.held ? "" : ` ${NOT_AVAILABLE}`}`;
      const row = b.label(label, { key: `quarter:${q.id}` });
      if (!q.held) continue;
      series.forEach((id, k) => {
        // A figure no release gives for the quarter stays an empty cell: a gap in the chart.
        const home = this.ctx.cellOf(id, column);
        if (home) b.put(row, 1 + k, ref(home), "link", this.ctx.format(this.ctx.item(id)));
      });
    }
    const last = first + this.axis.quarters.length - 1;
    return {
      categories: this.range(first, 0, last, 0),
      series: new Map(
        series.map((id, k) => [
          id,
          { nameAt: names.get(id) as CellRef, values: this.range(first, 1 + k, last, 1 + k) },
        ])
      ),
    };
  }

  /**
   * The bridge as the stacked columns analysts build by hand. Each step runs from where the one
   * before ended; an invisible base lifts it, and the part above zero and the part below are
   * stacked apart (Excel stacks positive and negative values on either side of the axis), so a
   * step that crosses zero is drawn whole.
   */
  private bridgeData(): BridgeData {
    const b = this.b;
    b.blank();
    b.heading(`Bridge, ${shortPeriod(this.latest.period)}`, "section", "section:bridge");
    const header = b.headerRow(
      ["Step", "Amount", "Starts at", "Ends at", ...BRIDGE_SERIES.map((x) => x.name)],
      "data-header:bridge"
    );
    b.height(header, 48);
    const amountFormat = formatFor("amount", this.ctx.options.unit);
    const steps = bridgeSteps();
    const first = header + 1;
    let previousEnd: CellRef | undefined;
    const checks: { row: number; item: string; end: CellRef }[] = [];
    steps.forEach((step) => {
      const row = b.label(
        STEP_LABELS.get(step.item) ?? shortLabel(this.ctx.item(step.item).label),
        {
          key: `bridge:${step.item}`,
        }
      );
      const home = this.ctx.cellOf(step.item, this.latest);
      const amount = b.ref(row, 1);
      const start = b.ref(row, 2);
      const end = b.ref(row, 3);
      b.put(
        row,
        1,
        home ? times(ref(home), step.sign) : NOT_AVAILABLE,
        home ? "link" : "missing",
        amountFormat
      );
      const zero: Expr = { op: "num", value: 0 };
      if (step.total) {
        if (previousEnd) checks.push({ row, item: step.item, end: previousEnd });
        b.put(row, 2, zero, "calc", amountFormat);
        b.put(row, 3, ref(amount), "calc", amountFormat);
      } else {
        b.put(row, 2, previousEnd ? ref(previousEnd) : zero, "calc", amountFormat);
        b.put(
          row,
          3,
          {
            op: "add",
            terms: [
              { sign: 1, e: ref(start) },
              { sign: 1, e: ref(amount) },
            ],
          },
          "calc",
          amountFormat
        );
      }
      const s = ref(start);
      const e = ref(end);
      const max = (...terms: Expr[]): Expr => ({ op: "max", terms });
      const min = (...terms: Expr[]): Expr => ({ op: "min", terms });
      const parts: Expr[] = step.total
        ? [zero, zero, ref(amount), zero, zero, zero, zero]
        : [
            max(min(s, e), zero),
            min(max(s, e), zero),
            zero,
            max(diff(max(e, zero), max(s, zero)), zero),
            min(diff(min(s, zero), min(e, zero)), zero),
            max(diff(max(s, zero), max(e, zero)), zero),
            min(diff(min(e, zero), min(s, zero)), zero),
          ];
      parts.forEach((p, k) => b.put(row, 4 + k, p, "calc", amountFormat));
      previousEnd = end;
    });
    const last = first + steps.length - 1;
    // A subtotal or the end printed by the release against the steps before it: the bridge closes.
    for (const c of checks) {
      const name = STEP_LABELS.get(c.item) ?? c.item;
      const words = name.charAt(0).toLowerCase() + name.slice(1);
      const label = `Check: steps − ${words}`;
      const row = b.label(label, { key: `bridge-check:${c.item}` });
      b.check(b.ref(row, 1), round(diff(ref(c.end), ref(b.ref(c.row, 1))), this.ctx.checkPlaces), {
        line: `Bridge to ${words}`,
        ties: "steps − reported",
        column: columnHeader(this.latest),
        slot: checkSlot(this.latest),
      });
    }
    return {
      categories: this.range(first, 0, last, 0),
      series: BRIDGE_SERIES.map((x, k) => ({
        name: x.name,
        nameAt: b.ref(header, 4 + k),
        values: this.range(first, 4 + k, last, 4 + k),
        color: SERIES_COLORS.get(x.look) as string,
        unlisted: x.unlisted,
      })),
    };
  }

  /** Cost of revenues by nature: the latest quarter beside the same quarter a year before. */
  private costData(): CostData {
    const b = this.b;
    b.blank();
    b.heading("Cost of revenues by nature", "section");
    const before = this.growth.find((g) => g.basis === "yoy") as GrowthColumn;
    const yearBefore: FigureColumn = {
      kind: "figure",
      period: before.prior,
      currency: "RMB",
      translated: false,
    };
    const held = this.axis.quarters.some((q) => q.id === before.prior && q.held);
    const names = [
      columnHeader(this.latest),
      `${columnHeader(yearBefore)}${held ? "" : ` ${NOT_AVAILABLE}`}`,
    ];
    const header = b.headerRow(["Cost", ...names], "data-header:costs");
    const parts = PROSE_BREAKDOWNS.find((p) => p.total === "is.cost_of_revenues")?.parts ?? [];
    const first = header + 1;
    for (const id of parts) {
      const item = this.ctx.item(id);
      const row = b.label(shortLabel(item.label), { key: `cost:${id}` });
      [this.latest, yearBefore].forEach((column, k) => {
        const home = held || k === 0 ? this.ctx.cellOf(id, column) : undefined;
        if (home) b.put(row, 1 + k, ref(home), "link", this.ctx.format(item));
        else {
          // A column chart draws a text as no bar: the gap is said, not left for the eye to find.
          b.put(row, 1 + k, NOT_AVAILABLE, "missing", "General");
          b.note(
            row,
            1 + k,
            `The release gives no ${shortPeriod(column.period)} figure for this cost`
          );
        }
      });
    }
    const last = first + parts.length - 1;
    return {
      categories: this.range(first, 0, last, 0),
      series: ["latest", "year_before"].map((look, k) => ({
        name: names[k],
        nameAt: b.ref(header, 1 + k),
        values: this.range(first, 1 + k, last, 1 + k),
        color: SERIES_COLORS.get(look) as string,
      })),
      periods: `${shortPeriod(this.latest.period)} against ${shortPeriod(before.prior)}`,
    };
  }

  /**
   * A chart of the dashboard: every one has a legend and no category axis title (its categories
   * say what they are); amounts in the model's unit unless it says otherwise.
   */
  private chart(
    c: Pick<ChartPlan, "key" | "kind" | "title" | "categories" | "series" | "anchor"> &
      Partial<Pick<ChartPlan, "valueAxis">>
  ): ChartPlan {
    return {
      valueAxis: { title: this.unitWord, format: AMOUNT_AXIS },
      categoryAxis: { title: "" },
      legend: true,
      ...c,
    };
  }

  private revenueChart(q: QuarterData): ChartPlan {
    return this.chart({
      key: "revenue_by_segment",
      kind: "stacked-column",
      title: `Revenue by segment, ${this.unitWord}, ${this.quartersEnded()}`,
      categories: q.categories,
      series: [SEGMENT_ITEMS.public, SEGMENT_ITEMS.enterprise].map((id) => this.series(q, id)),
      anchor: PAGE.revenue,
    });
  }

  private marginChart(q: QuarterData): ChartPlan {
    return this.chart({
      key: "margins",
      kind: "line",
      title: `Gross, adjusted gross and adjusted EBITDA margins, % of total revenues, ${this.quartersEnded()}`,
      categories: q.categories,
      series: ["ng.gross_margin", "ng.adjusted_gross_margin", "ng.adjusted_ebitda_margin"].map(
        (id) => this.series(q, id)
      ),
      valueAxis: { title: "% of total revenues", format: "0%" },
      anchor: PAGE.grid[0],
    });
  }

  private bridgeChart(d: BridgeData): ChartPlan {
    return this.chart({
      key: "bridge",
      kind: "bridge",
      title: `Net loss to adjusted EBITDA, ${this.unitWord}, three months ended ${endDate(this.latest.period)}`,
      ...d,
      anchor: PAGE.grid[1],
    });
  }

  private costChart(d: CostData): ChartPlan {
    return this.chart({
      key: "cost_by_nature",
      kind: "clustered-column",
      title: `Cost of revenues by nature, ${this.unitWord}, ${d.periods}`,
      categories: d.categories,
      series: d.series,
      anchor: PAGE.grid[2],
    });
  }

  private cashChart(q: QuarterData): ChartPlan {
    return this.chart({
      key: "cash_and_capex",
      kind: "clustered-column",
      title: `Cash and cash equivalents at quarter end against capex and leased assets, ${this.unitWord}, ${this.quartersEnded()}`,
      categories: q.categories,
      series: ["bs.cash", "op.capex_and_leased_assets"].map((id) => this.series(q, id)),
      anchor: PAGE.grid[3],
    });
  }

  private series(q: QuarterData, id: string): ChartSeries {
    const s = q.series.get(id);
    if (!s) throw new Error(`The chart data has no series ${id}`);
    return {
      name: QUARTER_SERIES.get(id) as string,
      ...s,
      color: SERIES_COLORS.get(id) as string,
      ...(DASHED.has(id) ? { dashed: true } : {}),
    };
  }

  /** "quarters ended Mar 31, 2025 – Mar 31, 2026". */
  private quartersEnded(): string {
    const qs = this.axis.quarters;
    return qs.length === 1
      ? `quarter ended ${endDate(qs[0].id)}`
      : `quarters ended ${endDate(qs[0].id)} – ${endDate(qs[qs.length - 1].id)}`;
  }

  private range(fromRow: number, fromCol: number, toRow: number, toCol: number): CellRange {
    return {
      tab: "dashboard",
      from: { row: fromRow, col: fromCol },
      to: { row: toRow, col: toCol },
    };
  }
}

/**
 * An amount axis's labels: whole numbers in either unit (its steps are round, a decimal would
 * only add ".0"), negatives in parentheses.
 */
const AMOUNT_AXIS = "#,##0;(#,##0)";

interface QuarterData {
  categories: CellRange;
  series: Map<string, { nameAt: CellRef; values: CellRange }>;
}

interface BridgeData {
  categories: CellRange;
  series: ChartSeries[];
}

interface CostData {
  categories: CellRange;
  series: ChartSeries[];
  periods: string;
}
