import { decimalPlaces } from "../domain/decimal";
import { termOf } from "../domain/identities";
import { priorPeriod } from "../core/formulas";
import type { Fact, Item, ItemKind } from "../domain/dataset";
import { parseQuarterId } from "../domain/periods";
import { shortLabel } from "./short-labels";
import { latestName, lineName } from "./workbook-names";
import type { PlanName } from "./types";
import { SheetBuilder, widthsOf } from "./builder";
import type { Column, FigureColumn, GrowthColumn } from "./columns";
import { checkSlot, columnHeader, columnKey, rmbOf, shortPeriod } from "./columns";
import { ModelContext, diff, ref, round, times } from "./context";
import type { CellRef, Expr, SheetPlan, Style, TabKey } from "./types";
import { FORMATS, HEADER_ROW, formatFor } from "./types";

/**
 * A model tab as a grid: lines down, columns across (periods in RMB, then US$, then growth).
 * Each line says where its figures come from: a KC input (the one place a figure enters the
 * model), a sum of lines above, a link to the figure's home on another tab, or a calculation.
 * Below the lines, an "as reported" block carries the release's own figure for every derived
 * cell, and a checks block takes one from the other: each check compares two cells and must be 0.
 * Where a later release restated a figure, the first report has a block of its own between them,
 * and its sums are checked too (see `firstReportChecks`).
 */

export type LineSource =
  /** The release's figure, through KC.VALUE: blue. */
  | { kind: "input" }
  /** A total of lines of this tab (a term "-key" is subtracted). */
  | { kind: "sum"; terms: string[] }
  /** The figure of another line, wherever its home is: green across tabs. */
  | { kind: "link"; key: string; factor?: 1 | -1 }
  /** One cell of the model that every column refers to (the shares per ADS). */
  | { kind: "single"; key: string }
  /** numerator × scale / denominator. */
  | { kind: "ratio"; numerator: string; denominator: string; scale?: number }
  | { kind: "product"; a: string; b: string }
  /** The line's figure of the quarter before, where this tab shows it (opening = prior closing). */
  | { kind: "carried"; key: string }
  /** Rounded to this many decimals, as the release rounds the figure it is compared with. */
  | { kind: "rounded"; key: string; places: number }
  | { kind: "custom"; cell: (column: FigureColumn, tab: GridTab) => Planned | null };

export interface Line {
  /** How other lines and tabs refer to it: the item's id, or a key of its own. */
  key: string;
  label: string;
  kind: ItemKind;
  /** The item the release prints on this line: inputs read it, the as-reported block shows it. */
  item?: Item;
  source: LineSource;
  total?: boolean;
  indent?: number;
  /** A line shown here whose home is another tab (it never becomes the figure's home). */
  view?: boolean;
  /** Growth columns stay empty (counts that do not grow, rates). */
  noGrowth?: boolean;
  /** Where in the release the line stands, as headings above it (shown when they change). */
  headings?: { text: string; style: "heading" | "section" }[];
  /** The label in the as-reported and checks blocks, where the plain label is ambiguous there. */
  longLabel?: string;
  /** A number format of its own, where the kind's would not fit (shares shown in millions). */
  format?: string;
}

/** Two lines that must agree: `a − factor × b` must be 0. */
export interface Tie {
  label: string;
  ties: string;
  a: string;
  b: string;
  factor?: 1 | -1;
  /** Compare the whole figures at this precision (amounts: the release's thousand). */
  places?: number;
}

/** A cell of a line: a formula, or a literal (the analyst's starting input, an n.a.). */
export type Planned =
  | { expr: Expr; style: Style; note?: string }
  | { value: string | number; style: Style; note?: string };

export class GridTab {
  readonly builder: SheetBuilder;
  private readonly rows = new Map<string, { line: Line; row: number }>();
  private readonly order: Line[] = [];
  private readonly memo = new Map<string, Planned | null>();
  private readonly colIndex = new Map<string, number>();
  private readonly ties: Tie[] = [];
  readonly figureColumns: FigureColumn[];

  constructor(
    readonly ctx: ModelContext,
    readonly key: TabKey,
    readonly subject: string,
    readonly columns: Column[],
    notes: string[] = ctx.notes()
  ) {
    this.builder = new SheetBuilder(key);
    columns.forEach((c, k) => this.colIndex.set(columnKey(c), k + 1));
    this.builder.columns(["labels", ...columns.map(columnKey)]);
    this.builder.collapse(olderQuarters(columns).map((k) => k + 1));
    this.figureColumns = columns.filter((c): c is FigureColumn => c.kind === "figure");
    this.builder.top(
      ctx.title(subject),
      notes,
      columns.map((c) => columnHeader(c))
    );
    columns.forEach((c, k) => {
      if (!c.missing) return;
      const lacking = c.kind === "figure" ? columnHeader(c) : shortPeriod(c.prior);
      this.builder.note(
        HEADER_ROW,
        k + 1,
        `No release in the dataset gives ${lacking}: n.a. until one does (a refresh then writes the figures here)`
      );
    });
  }

  /** Places the lines, under their headings where they change; figures come at `finish`. */
  lines(lines: Line[]): void {
    // The headings shown above, outermost first.
    let shown: string[] = [];
    for (const line of lines) {
      const headings = line.headings ?? [];
      headings.forEach((h, k) => {
        if (shown[k] === h.text) return;
        // A new part of the statement starts after a blank row, as the release sets it apart.
        if (k === 0 && h.style === "heading" && this.order.length > 0) this.builder.blank();
        this.builder.heading(h.text, h.style);
        shown = [...shown.slice(0, k), h.text];
      });
      shown = shown.slice(0, headings.length);
      const row = this.builder.label(line.label, {
        total: line.total,
        indent: line.indent,
        key: `line:${line.key}`,
      });
      this.add(line, row);
    }
  }

  private add(line: Line, row: number): void {
    if (this.rows.has(line.key)) throw new Error(`${this.key} shows ${line.key} twice`);
    this.rows.set(line.key, { line, row });
    this.order.push(line);
    if (!line.view) this.ctx.home(line.key, this);
  }

  tie(t: Tie): void {
    this.ties.push(t);
  }

  has(key: string): boolean {
    return this.rows.has(key);
  }

  column(c: Column): number | undefined {
    return this.colIndex.get(columnKey(c));
  }

  /** The cell of a line in a column, if the line has a figure there. */
  cellAt(key: string, column: Column): CellRef | undefined {
    const placed = this.rows.get(key);
    const col = this.column(column);
    if (!placed || col === undefined || !this.planned(key, column)) return undefined;
    return this.builder.ref(placed.row, col);
  }

  /** Where a line's figure comes from in a column, worked out once (links may ask across tabs). */
  planned(key: string, column: Column): Planned | null {
    const memoKey = `${key}|${columnKey(column)}`;
    if (this.memo.has(memoKey)) return this.memo.get(memoKey) as Planned | null;
    this.memo.set(memoKey, null); // a line that refers to itself has no figure
    const placed = this.rows.get(key);
    if (!placed) throw new Error(`${this.key} has no line ${key}`);
    const p =
      column.kind === "growth"
        ? this.growthCell(placed.line, column)
        : this.figureCell(placed.line, column);
    this.memo.set(memoKey, p);
    return p;
  }

  /** A line of this tab, or the home of a line elsewhere, in the same column. */
  private other(key: string, column: FigureColumn): CellRef | undefined {
    return this.rows.has(key) ? this.cellAt(key, column) : this.ctx.cellOf(key, column);
  }

  private figureCell(line: Line, column: FigureColumn): Planned | null {
    if (column.missing) return null;
    // A percentage is the same in any currency: the RMB columns show it.
    if (line.kind === "percent" && column.currency !== "RMB") return null;
    if (column.translated) return this.translated(line, column);
    if (column.currency === "USD" && line.kind === "shares" && line.item) {
      // Counts have no currency: where the US$ column prints one, it is the RMB column's count.
      const rmb = this.cellAt(line.key, rmbOf(column));
      return rmb && this.ctx.printed(line.item, column) ? { expr: ref(rmb), style: "calc" } : null;
    }
    const s = line.source;
    const input = (): Planned | null =>
      line.item && this.ctx.printed(line.item, column)
        ? { expr: this.ctx.value(line.item, column), style: "input" }
        : null;
    switch (s.kind) {
      case "input":
        return input();
      case "sum": {
        const terms = s.terms.map(termOf).map((t) => ({
          sign: t.sign,
          at: this.other(t.item, column),
        }));
        if (terms.some((t) => !t.at)) return input();
        return {
          expr: this.ctx.exactSum(sumOf(terms as { sign: 1 | -1; at: CellRef }[])),
          style: line.total ? "total" : "calc",
        };
      }
      case "link": {
        const at = this.ctx.cellOf(s.key, column);
        if (!at) return null;
        return {
          expr: times(ref(at), s.factor ?? 1),
          style: at.tab === this.key ? "calc" : "link",
        };
      }
      case "single": {
        const at = this.ctx.singleCell(s.key);
        return { expr: ref(at), style: at.tab === this.key ? "calc" : "link" };
      }
      case "ratio": {
        const n = this.other(s.numerator, column);
        const d = this.other(s.denominator, column);
        if (!n || !d) return null;
        const numerator = s.scale
          ? { op: "mul" as const, a: ref(n), b: { op: "num" as const, value: s.scale } }
          : ref(n);
        return { expr: { op: "div", a: numerator, b: ref(d) }, style: "calc" };
      }
      case "product": {
        const a = this.other(s.a, column);
        const b = this.other(s.b, column);
        return a && b ? { expr: { op: "mul", a: ref(a), b: ref(b) }, style: "calc" } : null;
      }
      case "carried": {
        const prior = this.figureColumns.find(
          (c) =>
            !c.translated &&
            c.currency === column.currency &&
            c.period === priorPeriod(column.period, "qoq")
        );
        const at = prior && this.cellAt(s.key, prior);
        return at ? { expr: ref(at), style: "calc" } : input();
      }
      case "rounded": {
        const at = this.other(s.key, column);
        return at ? { expr: round(ref(at), s.places), style: "calc" } : null;
      }
      case "custom":
        return s.cell(column, this);
    }
  }

  /** US$ the release does not print: the RMB figure over the convenience rate. */
  private translated(line: Line, column: FigureColumn): Planned | null {
    const rmb = this.cellAt(line.key, rmbOf(column));
    if (!rmb) return null;
    if (line.kind === "shares") return { expr: ref(rmb), style: "calc" };
    if (line.kind !== "amount" && line.kind !== "per_share") return null;
    const rate = this.ctx.singleCell(RATE);
    return { expr: { op: "div", a: ref(rmb), b: ref(rate) }, style: line.total ? "total" : "calc" };
  }

  private growthCell(line: Line, column: GrowthColumn): Planned | null {
    if (line.noGrowth || line.kind === "rate" || column.missing) return null;
    const s = line.source;
    if (line.view && s.kind === "link" && (s.factor ?? 1) === 1) {
      // A figure shown here from its home: its growth is the home's, linked.
      const home = this.ctx.cellOf(s.key, column);
      return home ? { expr: ref(home), style: home.tab === this.key ? "calc" : "link" } : null;
    }
    const at = (period: string) =>
      this.cellAt(line.key, { kind: "figure", period, currency: "RMB", translated: false });
    const cur = at(column.period);
    const pri = at(column.prior);
    if (!cur || !pri) {
      // A change the release states for a line it gives no figures for is itself the input.
      const stated = line.item && this.ctx.statedGrowth(line.item, column.period, column.basis);
      return line.item && s.kind === "input" && stated !== undefined
        ? { expr: this.ctx.reportedGrowth(line.item, column.period, column.basis), style: "input" }
        : null;
    }
    // Percentages change in points, between the percentages as the release prints them (to a
    // tenth of a point: 27.6% − 16.2% is 11.4 points); everything else grows in percent.
    const expr: Expr =
      line.kind === "percent"
        ? diff(round(ref(cur), PERCENT_PLACES), round(ref(pri), PERCENT_PLACES))
        : { op: "growth", current: ref(cur), prior: ref(pri) };
    return { expr, style: "calc" };
  }

  /** Writes every line's cells, then the as-reported block and the checks block. */
  finish(): SheetPlan {
    const b = this.builder;
    b.names(this.lineNames());
    for (const line of this.order) {
      const { row } = this.rows.get(line.key) as { row: number };
      this.columns.forEach((c, k) => {
        const p = this.planned(line.key, c);
        if (p) {
          b.put(row, k + 1, "expr" in p ? p.expr : p.value, p.style, this.format(line, c));
          if (p.note) b.note(row, k + 1, p.note);
        } else if (c.missing && !(c.kind === "growth" && (line.noGrowth || line.kind === "rate")))
          // General: a cell that showed a figure before a roll-forward shows n.a. as plain text.
          b.put(row, k + 1, NOT_AVAILABLE, "missing", "General");
      });
    }
    const reported = this.reportedLines();
    if (reported.length > 0) {
      b.blank();
      b.heading("As reported (for the checks)", "heading");
      for (const r of reported) {
        const row = b.label(r.label, { indent: 1 });
        for (const cell of r.cells) {
          b.put(row, cell.col, cell.expr, "reported", cell.format);
          cell.reportedAt = b.ref(row, cell.col);
        }
      }
    }
    const restated = this.restatedLines(reported);
    if (restated.length > 0) this.restatedBlock(restated);
    const firstChecks = this.firstReportChecks(restated, reported);
    if (reported.length > 0 || this.ties.length > 0 || firstChecks.length > 0) {
      b.blank();
      b.heading("Checks: calculated − reported (= 0)", "heading");
      for (const r of reported) {
        const row = b.label(r.label, { indent: 1 });
        for (const cell of r.cells) {
          b.check(b.ref(row, cell.col), cell.check(cell.reportedAt as CellRef), {
            line: r.label,
            ties: cell.ties,
            column: columnHeader(cell.column),
            slot: checkSlot(cell.column),
          });
        }
      }
      for (const t of this.ties) this.tieRow(t);
      if (firstChecks.length > 0) b.heading("First report: its terms − its total", "section");
      for (const c of firstChecks) this.firstCheckRow(c);
    }
    return b.plan(widthsOf(b.written), { rows: HEADER_ROW + 1, columns: 1 }, this.ctx.source());
  }

  /**
   * A name for each line whose home is this tab, over its quarters in RMB (first to latest), and
   * for a headline line one for its latest quarter's figure.
   */
  private lineNames(): PlanName[] {
    const quarters = this.columns.flatMap((c, k) =>
      c.kind === "figure" && c.currency === "RMB" && parseQuarterId(c.period) ? [k + 1] : []
    );
    if (quarters.length === 0) return [];
    const from = quarters[0];
    const to = quarters[quarters.length - 1];
    return this.order.flatMap((line) => {
      if (line.view) return [];
      const { row } = this.rows.get(line.key) as { row: number };
      const names: PlanName[] = [
        { name: lineName(this.key, shortLabel(line.label)), row, from, to },
      ];
      const latest = latestName(line.key);
      if (latest) names.push({ name: latest, row, from: to, to });
      return names;
    });
  }

  /** Growth in percent, a percentage's change in points, US$ per share to the hundredth of a cent. */
  private format(line: Line, c: Column): string {
    if (c.kind === "growth") return line.kind === "percent" ? FORMATS.points : FORMATS.growth;
    if (line.kind === "per_share" && c.currency === "USD") return FORMATS.perShareFine;
    if (line.format) return line.format;
    return formatFor(line.kind, this.ctx.options.unit);
  }

  /** Lines with a derived cell the release prints, or a growth rate it states. */
  private reportedLines(): ReportedLine[] {
    const out: ReportedLine[] = [];
    for (const line of this.order) {
      const item = line.item;
      if (!item) continue;
      const cells: ReportedCell[] = [];
      this.columns.forEach((c, k) => {
        const p = this.planned(line.key, c);
        if (!p) return;
        const calc = this.builder.ref((this.rows.get(line.key) as { row: number }).row, k + 1);
        if (c.kind === "figure") {
          if (p.style === "input" || !this.ctx.printed(item, c)) return;
          if (c.currency === "USD" && line.kind === "shares") return;
          const places = this.placesOf(item, c);
          cells.push({
            col: k + 1,
            column: c,
            expr: this.ctx.value(item, c),
            format: this.format(line, c),
            ties: `${calculatedSide(line.source)} − reported`,
            // The release rounds amounts' sums exactly; a percentage or a per-share figure is
            // compared rounded as the release prints it.
            check: (rep) =>
              line.kind === "amount"
                ? round(diff(ref(calc), ref(rep)), places)
                : round(diff(round(ref(calc), places), ref(rep)), places),
          });
        } else {
          if (p.style === "input") return;
          const stated = this.ctx.statedGrowth(item, c.period, c.basis);
          if (stated === undefined) return;
          const places = decimalPlaces(stated) + 2;
          cells.push({
            col: k + 1,
            column: c,
            expr: this.ctx.reportedGrowth(item, c.period, c.basis),
            format: this.format(line, c),
            ties: line.kind === "percent" ? "points − stated" : "growth − stated",
            check: (rep) => round(diff(round(ref(calc), places), ref(rep)), places),
          });
        }
      });
      if (cells.length === 0) continue;
      out.push({ key: line.key, label: this.blockLabel(line), cells });
    }
    return out;
  }

  /** A line's label below the lines, where no heading says which part of the tab it is in. */
  private blockLabel(line: Line): string {
    const same = this.order.filter((l) => l.label === line.label).length;
    return same > 1 ? (line.longLabel ?? line.label) : line.label;
  }

  /**
   * Lines with a figure a later release printed otherwise than the release that first printed it,
   * and in which columns. The as-reported block checks the latest release's figures; these keep
   * the first reports in view, which would otherwise have no cell on the tab.
   */
  private restatedLines(reported: ReportedLine[]): RestatedLine[] {
    const out: RestatedLine[] = [];
    for (const line of this.order) {
      const item = line.item;
      if (!item) continue;
      const { row } = this.rows.get(line.key) as { row: number };
      const cells: RestatedCell[] = [];
      this.columns.forEach((c, k) => {
        // A translated column and a count's US$ column repeat the RMB figure: nothing of their own.
        if (c.kind !== "figure" || c.translated) return;
        if (c.currency === "USD" && line.kind === "shares") return;
        const p = this.planned(line.key, c);
        const r = p && this.ctx.restatement(item, c);
        if (!p || !r) return;
        // The latest report's cell: the input itself, or the as-reported cell of a derived figure.
        const latestAt =
          p.style === "input"
            ? this.builder.ref(row, k + 1)
            : reported.find((x) => x.key === line.key)?.cells.find((x) => x.col === k + 1)
                ?.reportedAt;
        if (!latestAt) return;
        cells.push({ col: k + 1, column: c, ...r, latestAt });
      });
      if (cells.length > 0) out.push({ line, label: this.blockLabel(line), cells });
    }
    return out;
  }

  /**
   * Each restated line's first report in the columns where a later release restated it (a KC
   * input, italic as reported), then how much the restatement moved it: latest − first report.
   */
  private restatedBlock(restated: RestatedLine[]): void {
    const b = this.builder;
    b.blank();
    b.heading("As first reported, since restated", "heading");
    for (const r of restated) {
      const row = b.label(r.label, { indent: 1, key: `first:${r.line.key}` });
      for (const cell of r.cells) {
        const item = r.line.item as Item;
        b.put(
          row,
          cell.col,
          this.ctx.firstValue(item, cell.column),
          "reported",
          this.format(r.line, cell.column)
        );
        b.note(row, cell.col, this.restatedNote(cell));
        cell.firstAt = b.ref(row, cell.col);
      }
    }
    b.heading("Restatement: latest − first reported", "section");
    for (const r of restated) {
      const row = b.label(r.label, { indent: 1, key: `restatement:${r.line.key}` });
      for (const cell of r.cells) {
        const format =
          r.line.kind === "percent" ? FORMATS.points : this.format(r.line, cell.column);
        b.put(
          row,
          cell.col,
          diff(ref(cell.latestAt), ref(cell.firstAt as CellRef)),
          "calc",
          format
        );
      }
    }
  }

  /** Which release printed the first report and which restated it, each with its file and line. */
  private restatedNote(cell: RestatedCell): string {
    const said = (f: Fact) => {
      const file = this.ctx.fin.dataset.sources.find((s) => s.release === f.prov.release)?.file;
      return `${f.prov.printed} by the ${shortPeriod(f.prov.release)} release (${file ? `${file}, ` : ""}line ${f.prov.line})`;
    };
    return `First reported as ${said(cell.first)}; restated as ${said(cell.latest)}`;
  }

  /**
   * The first report's own identities, where the tab can prove them: a sum line, in a column where
   * it or a term was restated, whose total and every term are figures of this tab that the same
   * release first printed (a restated one from the block above, any other from the cell that
   * shows it, which is then the same figure in both releases). A term on another tab, or first
   * printed by another release (a line the first release did not have), leaves the column out.
   */
  private firstReportChecks(restated: RestatedLine[], reported: ReportedLine[]): FirstCheck[] {
    const firstAt = new Map<string, CellRef>();
    for (const r of restated)
      for (const cell of r.cells) firstAt.set(`${r.line.key}|${cell.col}`, cell.firstAt as CellRef);
    if (firstAt.size === 0) return [];
    /** A line's first report in a column: its cell and the release that printed it. */
    const first = (key: string, c: FigureColumn, col: number) => {
      const placed = this.rows.get(key);
      const item = placed?.line.item;
      if (!placed || !item || !this.ctx.printed(item, c)) return undefined;
      const release = this.ctx.firstFact(item, c).prov.release;
      const restatedAt = firstAt.get(`${key}|${col}`);
      if (restatedAt) return { at: restatedAt, release, restated: true };
      const p = this.planned(key, c);
      if (!p) return undefined;
      const at =
        p.style === "input"
          ? this.builder.ref(placed.row, col)
          : reported.find((x) => x.key === key)?.cells.find((x) => x.col === col)?.reportedAt;
      return at ? { at, release, restated: false } : undefined;
    };
    const out: FirstCheck[] = [];
    for (const line of this.order) {
      const s = line.source;
      if (s.kind !== "sum" || line.kind !== "amount") continue;
      const cells: FirstCheck["cells"] = [];
      this.columns.forEach((c, k) => {
        if (c.kind !== "figure" || c.translated) return;
        const total = first(line.key, c, k + 1);
        const terms = s.terms
          .map(termOf)
          .map((t) => ({ sign: t.sign, ...first(t.item, c, k + 1) }));
        if (!total) return;
        const known = terms.every((t) => t.at !== undefined && t.release === total.release);
        if (!known || !(total.restated || terms.some((t) => t.restated))) return;
        const termsLessTotal: Expr = {
          op: "add",
          terms: [
            ...terms.map((t) => ({ sign: t.sign, e: ref(t.at as CellRef) })),
            { sign: -1, e: ref(total.at) },
          ],
        };
        cells.push({ column: c, expr: round(termsLessTotal, this.ctx.checkPlaces) });
      });
      if (cells.length > 0) out.push({ key: line.key, label: this.blockLabel(line), cells });
    }
    return out;
  }

  private firstCheckRow(c: FirstCheck): void {
    const b = this.builder;
    const row = b.label(c.label, { indent: 1, key: `first-check:${c.key}` });
    for (const cell of c.cells) {
      b.check(b.ref(row, this.column(cell.column) as number), cell.expr, {
        line: c.label,
        ties: FIRST_REPORT_TIES,
        column: columnHeader(cell.column),
        slot: checkSlot(cell.column),
      });
    }
  }

  /** Decimals a figure of the release is compared at: amounts at the thousand, others as printed. */
  private placesOf(item: Item, c: FigureColumn): number {
    if (item.kind === "amount") return this.ctx.checkPlaces;
    const period = this.ctx.periodIn(item, c.period);
    const facts = this.ctx.fin.facts;
    const fact = facts.first(item.id, period, c.currency) ?? facts.first(item.id, period, null);
    const printed = decimalPlaces(fact?.value ?? "0");
    return item.kind === "percent" ? printed + 2 : printed;
  }

  private tieRow(t: Tie): void {
    const b = this.builder;
    const row = b.label(t.label, { indent: 1 });
    // A translated column is the RMB one over the rate: a tie there would prove nothing new.
    this.figureColumns.forEach((c) => {
      if (c.translated) return;
      const a = this.other(t.a, c);
      const other = this.other(t.b, c);
      const col = this.column(c);
      if (!a || !other || col === undefined) return;
      b.check(
        b.ref(row, col),
        round(diff(ref(a), times(ref(other), t.factor ?? 1)), t.places ?? this.ctx.checkPlaces),
        {
          line: t.label,
          ties: t.ties,
          column: columnHeader(c),
          slot: checkSlot(c),
        }
      );
    });
  }
}

interface ReportedCell {
  col: number;
  column: Column;
  expr: Expr;
  format: string;
  ties: string;
  check: (reported: CellRef) => Expr;
  reportedAt?: CellRef;
}

interface ReportedLine {
  key: string;
  label: string;
  cells: ReportedCell[];
}

interface RestatedCell {
  col: number;
  column: FigureColumn;
  first: Fact;
  latest: Fact;
  /** The latest release's figure on the tab. */
  latestAt: CellRef;
  /** The first report's cell, once the block is written. */
  firstAt?: CellRef;
}

interface RestatedLine {
  line: Line;
  label: string;
  cells: RestatedCell[];
}

/** A first report's identity, as a row of checks: terms − total in each column it is proven. */
interface FirstCheck {
  key: string;
  label: string;
  cells: { column: FigureColumn; expr: Expr }[];
}

/** What a check of a first report's identity ties, on KC Checks beside the line it checks. */
export const FIRST_REPORT_TIES = "first report: terms − total";

/** How many of the latest quarters a tab shows (and prints) open; older ones are collapsed. */
export const OPEN_QUARTERS = 5;

/**
 * The positions of figure columns of quarters older than the last OPEN_QUARTERS actual ones
 * (estimates always print).
 */
export function olderQuarters(columns: readonly Column[]): number[] {
  const quarters = [
    ...new Set(
      columns.flatMap((c) =>
        c.kind === "figure" && !c.estimate && parseQuarterId(c.period) ? [c.period] : []
      )
    ),
  ].sort();
  const old = new Set(quarters.slice(0, Math.max(0, quarters.length - OPEN_QUARTERS)));
  return columns.flatMap((c, k) => (c.kind === "figure" && old.has(c.period) ? [k] : []));
}

export const RATE = "fx.rmb_per_usd";

/** What a cell of a quarter no release gives shows: text, so no sum or chart takes it for 0. */
export const NOT_AVAILABLE = "n.a.";

/** Percentages as the release prints them: a tenth of a point, as a fraction. */
const PERCENT_PLACES = 3;

function sumOf(terms: { sign: 1 | -1; at: CellRef }[]): Expr {
  const contiguous = terms.every(
    (t, k) =>
      t.sign === 1 &&
      (k === 0 ||
        (t.at.tab === terms[0].at.tab &&
          t.at.col === terms[0].at.col &&
          t.at.row === terms[k - 1].at.row + 1))
  );
  if (contiguous && terms.length > 2)
    return { op: "sum", from: terms[0].at, to: terms[terms.length - 1].at };
  return { op: "add", terms: terms.map((t) => ({ sign: t.sign, e: ref(t.at) })) };
}

/** What the calculated side of a check is, in words. */
function calculatedSide(s: LineSource): string {
  switch (s.kind) {
    case "sum":
      return "sum";
    case "link":
      return "link";
    case "carried":
      return "prior close";
    default:
      return "calc";
  }
}
