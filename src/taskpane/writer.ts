import { columnLetter, rangeA1 } from "../sheets/a1";
import { NOT_AVAILABLE } from "../sheets/grid";
import type { Model } from "../sheets/model";
import { Insert, PlacementError, Placed, placeModel } from "../sheets/placement";
import { columnsOf, runs } from "../sheets/builder";
import { NAME_COMMENT, nameReference } from "../sheets/workbook-names";
import type {
  CellRange,
  Layout,
  ModelOptions,
  PrintSetup,
  SheetPlan,
  TabKey,
} from "../sheets/types";
import { FORMATS, TAB_KEYS, TAB_NAMES } from "../sheets/types";
import { LoadedCell, LoadedRange, loadedCells, userCells } from "./kept-cells";
import { SheetWrites, areaBox, cellKeys, footprint, sheetWrites } from "./sheet-cells";
import {
  CHARTS_API,
  ChartsThere,
  chartsThere,
  queueChartRead,
  queueCharts,
  rangeAddress,
  strayCharts,
} from "./chart-writer";
import { supports } from "./host";
import { CREATED_BY, SheetTransaction, message, outcomeMessage } from "./sheet-transaction";

/**
 * Applies model plans to the workbook with Office.js in two round trips: (1) read the sheets that
 * are or could be model tabs; (2) write. A model tab that exists is written IN PLACE, never
 * deleted: its rows and columns are found again by the keys its mark records, what the new model
 * adds arrives as inserted rows and columns (so Excel moves every reference that points past them,
 * in the analyst's sheets too), and its cells are written where they stand. A row or column the new
 * model lacks stays, its figures n.a. So every formula of the analyst's keeps pointing at the
 * figure it showed, and nothing of theirs in a model tab (their cells, notes, formats, validation)
 * is touched. A tab that does not exist yet is a new sheet.
 *
 * A failing sync: a write that created only new sheets is undone (they are deleted); one that
 * changed tabs in place is finished (the inserts done so far are found from a probe name each tab
 * carries during the write, the rest queued, every cell written again), or the message says
 * exactly what is left.
 */
/** Worksheet custom property that marks a sheet as a model tab, with what it was built from. */
export const MARK = "KCFinancials";

export interface TabMark {
  tab: TabKey;
  version: string;
  currency: ModelOptions["currency"];
  unit: ModelOptions["unit"];
  /**
   * The name of the sheet the mark was written on. Excel gives a copy of a sheet a new name, so a
   * copy that carries the mark is not taken for the tab. (The sheet's id would do as well, but an
   * id is known only after the sync that creates the sheet.)
   */
  sheet: string;
  /** The cells the model wrote, as A1 areas: anything else on the tab is the user's. */
  cells: string;
  /** What each row and column of the tab is: how the next write finds them again. */
  rows: string[];
  cols: string[];
}

export type Progress = (message: string) => void;

/** A model tab as the write left it. */
export interface TabReport {
  tab: TabKey;
  name: string;
  /** Written in place over the tab that was there (else a new sheet). */
  inPlace: boolean;
  /** Rows and columns inserted into it: new lines and periods. */
  inserted: { rows: number; columns: number };
  /** The dataset it was built from before, where it existed. */
  from?: string;
}

export interface BuildReport {
  tabs: TabReport[];
  /** Tabs that could not take their own name because a sheet of the user's has it. */
  renamed: { tab: TabKey; wanted: string; used: string }[];
  /** Cells the user had typed in the tabs written in place, left where they are. */
  kept: number;
  checks: number;
  failing: number;
  syncs: number;
  /** What went wrong on the way, although the model is in place. */
  warnings: string[];
}

export class ModelWriteError extends Error {}

/** Refresh found no model tab of ours: nothing to refresh (a release can still be added). */
export class NoModelTabsError extends ModelWriteError {}

/** The part of Office.js's `Excel` the writer uses (tests pass a mock workbook's). */
export interface ExcelApi {
  run<T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T>;
  /** Office.context.requirements.isSetSupported; where absent, Office.js's own is asked. */
  isSetSupported?(name: string, minVersion: string): boolean;
}

interface Probe {
  sheet: Excel.Worksheet;
  mark: Excel.WorksheetCustomProperty;
  used: Excel.Range;
  protection: Excel.WorksheetProtection;
  merged: Excel.RangeAreas;
  tables: Excel.TableCollection;
  /** Read only where the host can write charts. */
  charts?: Excel.ChartCollection;
}

/** A model tab found in the workbook: its sheet (loaded), its mark and what it holds. */
interface Found {
  sheet: Excel.Worksheet;
  /** Protected (Review > Protect Sheet): Excel would refuse the write. */
  locked: boolean;
  /** Merged areas ("B5:D5") and Excel tables on the tab: an insert must not cut through them. */
  merged: string[];
  tables: string[];
  mark: TabMark;
  /** The cells the model wrote there, as "row,col" keys. */
  written: Set<string>;
  /** Everything the tab holds, the model's cells and the user's. */
  cells: LoadedCell[];
  /** The charts over the tab, the model's and the user's, by name. */
  charts: ChartsThere;
}

/** A tab's own name, then the names it falls back to beside a user's sheet of that name. */
export function candidateNames(name: string): string[] {
  return [name, ...[2, 3, 4, 5, 6, 7, 8, 9].map((n) => `${name} (${n})`)];
}

/** Everything the write needs of a sheet that is or could be a tab, by its name or its id. */
function probe(context: Excel.RequestContext, nameOrId: string, charting: boolean): Probe {
  const sheet = context.workbook.worksheets.getItemOrNullObject(nameOrId);
  sheet.load("name,id,position");
  const protection = context.workbook.worksheets.getItemOrNullObject(nameOrId).protection;
  protection.load("protected");
  const mark = sheet.customProperties.getItemOrNullObject(MARK);
  mark.load("value");
  const used = sheet.getUsedRangeOrNullObject(true);
  used.load("values,formulas,numberFormat,rowIndex,columnIndex");
  // What an insert must not cut through (see refuseObstacles).
  const merged = context.workbook.worksheets
    .getItemOrNullObject(nameOrId)
    .getUsedRangeOrNullObject(true)
    .getMergedAreasOrNullObject();
  merged.load("address");
  const tables = context.workbook.worksheets.getItemOrNullObject(nameOrId).tables;
  tables.load("items/name");
  const charts = charting
    ? queueChartRead(context.workbook.worksheets.getItemOrNullObject(nameOrId))
    : undefined;
  return { sheet, mark, used, protection, merged, tables, charts };
}

const TAB_KEY_SET: ReadonlySet<string> = new Set(TAB_KEYS);

/** At most this many rows or columns in a mark's layout: more is not a mark of ours. */
const MAX_LAYOUT = 20000;

function keyList(v: unknown): v is string[] {
  return Array.isArray(v) && v.length <= MAX_LAYOUT && v.every((k) => typeof k === "string");
}

/**
 * The mark of a model tab, if the sheet carries one written for this very sheet. A mark is read
 * from a workbook, which anyone may have edited: every field is checked, and a mark written by an
 * earlier version (with no layout) is told apart so the write can refuse it in words.
 */
function found(p: Probe, renamed = false): Found | "earlier" | undefined {
  if (p.sheet.isNullObject || p.mark.isNullObject) return undefined;
  let m: Record<string, unknown>;
  try {
    m = JSON.parse(p.mark.value);
  } catch {
    return undefined;
  }
  if (
    !m ||
    typeof m !== "object" ||
    typeof m.tab !== "string" ||
    !TAB_KEY_SET.has(m.tab) ||
    typeof m.version !== "string" ||
    (m.currency !== "RMB" && m.currency !== "USD") ||
    (m.unit !== "thousands" && m.unit !== "millions") ||
    typeof m.sheet !== "string" ||
    (!renamed && m.sheet.toLowerCase() !== p.sheet.name.toLowerCase()) ||
    typeof m.cells !== "string"
  )
    return undefined;
  if (m.rows === undefined && m.cols === undefined) return "earlier";
  if (!keyList(m.rows) || !keyList(m.cols)) return undefined;
  const written = cellKeys(m.cells);
  if (!written) return undefined;
  const cells = p.used.isNullObject ? [] : loadedCells(p.used as unknown as LoadedRange);
  return {
    sheet: p.sheet,
    locked: !p.protection.isNullObject && p.protection.protected,
    merged: p.merged.isNullObject
      ? []
      : p.merged.address.split(",").map((a) => a.trim().slice(a.trim().lastIndexOf("!") + 1)),
    tables: p.tables.isNullObject ? [] : p.tables.items.map((t) => t.name),
    mark: m as unknown as TabMark,
    written,
    cells,
    charts: p.charts ? chartsThere(p.charts) : new Map(),
  };
}

/** The syncs of an operation's way to success (a recovery's own are not counted). */
class Syncs {
  count = 0;
  constructor(private readonly context: Excel.RequestContext) {}
  async sync(): Promise<void> {
    this.count++;
    await this.context.sync();
  }
}

/** One tab to write: the plan placed over what is there, and what of the old tab stays. */
interface Target {
  placed: Placed;
  name: string;
  old?: Found;
  /** The user's cells in the tab, at their places after the inserts. */
  kept: LoadedCell[];
  /**
   * Cells the model wrote before that the new plan does not write (at their places after the
   * inserts): n.a. where they held a formula, so no stale figure stays; they remain the model's.
   */
  retired: { row: number; col: number; formula: boolean }[];
  /**
   * The analyst's inputs ("driver" cells) already in the tab, and estimates already held: "row,col"
   * at their places after the inserts. The write leaves them as they are.
   */
  keep: Set<string>;
  /**
   * Estimates a column showed until its release came ("held" cells whose formula showed them), by
   * "row,col": written as the figures they showed, read before anything was written.
   */
  frozen: Map<string, string | number>;
}

/**
 * A model tab placed over the one in the workbook: the user's cells moved with the inserts and
 * refused where the new plan writes over them; the old model cells the plan no longer writes.
 */
function target(placed: Placed, name: string, old: Found | undefined): Target {
  if (!old) return { placed, name, kept: [], retired: [], keep: new Set(), frozen: new Map() };
  const at = (c: { row: number; col: number }) => ({
    row: placed.moved.row(c.row),
    col: placed.moved.col(c.col),
  });
  const planned = new Set(placed.plan.cells.map((c) => `${c.row},${c.col}`));
  const kept = userCells(old.cells, old.written).map((c) => ({ ...c, ...at(c) }));
  const clash = kept.filter((c) => planned.has(`${c.row},${c.col}`));
  if (clash.length)
    throw new ModelWriteError(
      `Nothing was changed: what you typed in "${old.sheet.name}" at ${clash
        .slice(0, 5)
        .map((c) => rangeA1(c.row, c.col, c.row, c.col))
        .join(
          ", "
        )}${clash.length > 5 ? ` and ${clash.length - 5} more cells` : ""} is where the model now writes. Move it elsewhere (or clear it) and try again.`
    );
  const isFormula = (c: LoadedCell) =>
    typeof c.formula === "string" && c.formula.startsWith("=") && c.formula !== c.value;
  const formulas = new Set(old.cells.filter(isFormula).map((c) => `${c.row},${c.col}`));
  // The model's cells that hold something, where they stand after the inserts.
  const there = new Map<string, LoadedCell>();
  for (const c of old.cells) {
    if (!old.written.has(`${c.row},${c.col}`)) continue;
    const to = at(c);
    there.set(`${to.row},${to.col}`, c);
  }
  const keep = new Set<string>();
  const frozen = new Map<string, string | number>();
  for (const c of placed.plan.cells) {
    const k = `${c.row},${c.col}`;
    const was = there.get(k);
    if (!was || (c.style !== "driver" && c.style !== "held")) continue;
    // ASSUMED: what Excel returns as a formula cell's value in the first sync is what it last
    // calculated (automatic calculation, Excel's default); in manual mode it may be older.
    if (c.style === "held" && isFormula(was))
      frozen.set(k, typeof was.value === "number" ? was.value : String(was.value ?? ""));
    else keep.add(k);
  }
  const retired = [...old.written]
    .map((k) => k.split(",").map(Number))
    .map(([row, col]) => ({ ...at({ row, col }), formula: formulas.has(`${row},${col}`) }))
    .filter((c) => !planned.has(`${c.row},${c.col}`));
  return { placed, name, old, kept, retired, keep, frozen };
}

/** The cells a tab's mark records: the plan's and the retired ones, which stay the model's. */
function markFor(model: Model, t: Target): TabMark {
  const plan = t.placed.plan;
  const retired = t.retired.map((c) => ({ row: c.row, col: c.col, style: "missing" as const }));
  return {
    tab: plan.key,
    version: model.datasetVersion,
    currency: model.options.currency,
    unit: model.options.unit,
    sheet: t.name,
    cells: footprint({ ...plan, cells: [...plan.cells, ...retired] }),
    rows: plan.layout.rows,
    cols: plan.layout.cols,
  };
}

/** Excel's address of an insert: whole columns ("E:F") or whole rows ("10:11"). */
export function insertAddress(i: Insert): string {
  if (i.axis === "rows") return `${i.at + 1}:${i.at + i.count}`;
  return `${columnLetter(i.at)}:${columnLetter(i.at + i.count - 1)}`;
}

function queueInserts(sheet: Excel.Worksheet, inserts: readonly Insert[]): void {
  for (const i of inserts)
    sheet.getRange(insertAddress(i)).insert(i.axis === "rows" ? "Down" : "Right");
}

/** The plan's cells, then the retired cells' n.a., then the mark. */
function queueContent(
  sheet: Excel.Worksheet,
  model: Model,
  t: Target,
  names: Record<TabKey, string>
): void {
  writeSheet(sheet, sheetWrites(contentOf(t), { names }), t.old ? "in place" : "new sheet");
  const gone = retiredWrites(t.retired);
  if (gone) sheet.getRange(gone.address).values = gone.values as string[][];
  sheet.customProperties.add(MARK, JSON.stringify(markFor(model, t)));
}

/**
 * The plan as the write puts it: without the inputs and held estimates already there, with the
 * estimates a column showed until its release came as the figures they were.
 */
function contentOf(t: Target): SheetPlan {
  const plan = t.placed.plan;
  const cells = plan.cells.flatMap((c) => {
    const k = `${c.row},${c.col}`;
    if (t.keep.has(k)) return [];
    const figure = t.frozen.get(k);
    return figure === undefined
      ? [c]
      : [{ ...c, value: figure, formula: undefined, note: undefined }];
  });
  return { ...plan, cells };
}

/**
 * Each tab's workbook names pointed where they mean now: the ones there (lower case in
 * `existing`) re-pointed, the others added, marked as the model's by their comment. Excel grows a
 * name's range only for an insert inside it, not for a quarter added at its edge, so every name
 * is written again at every write.
 */
function queueNames(
  context: Excel.RequestContext,
  targets: Target[],
  existing: ReadonlySet<string>
): void {
  for (const t of targets)
    for (const n of t.placed.plan.names) {
      const at = `=${nameReference(t.name, n)}`;
      if (existing.has(n.name.toLowerCase())) context.workbook.names.getItem(n.name).formula = at;
      else context.workbook.names.add(n.name, at, NAME_COMMENT);
    }
}

/** One block over the retired cells: n.a. where a formula stood; a literal is left as it is. */
function retiredWrites(
  cells: Target["retired"]
): { address: string; values: (string | null)[][] } | undefined {
  if (cells.length === 0) return undefined;
  const r0 = Math.min(...cells.map((c) => c.row));
  const c0 = Math.min(...cells.map((c) => c.col));
  const r1 = Math.max(...cells.map((c) => c.row));
  const c1 = Math.max(...cells.map((c) => c.col));
  const values = Array.from({ length: r1 - r0 + 1 }, () =>
    Array<string | null>(c1 - c0 + 1).fill(null)
  );
  for (const c of cells) if (c.formula) values[c.row - r0][c.col - c0] = NOT_AVAILABLE;
  return { address: rangeA1(r0, c0, r1, c1), values };
}

/**
 * A workbook name each tab written in place carries while the write runs, on a cell beyond every
 * insert: Excel moves it with each insert, so after a failing sync its place says how many of the
 * tab's inserts ran.
 */
function probeName(token: string, k: number): string {
  return `KC_write_${token}_${k}`;
}

function probeCell(t: Target): { row: number; col: number } {
  const plan = t.placed.plan;
  return { row: plan.layout.rows.length + 1000, col: plan.layout.cols.length + 100 };
}

/** How many of a tab's inserts ran, from how far its probe moved (columns run before rows). */
export function insertsDone(
  inserts: readonly Insert[],
  moved: { rows: number; columns: number }
): number {
  let done = 0;
  for (const axis of ["columns", "rows"] as const) {
    let shift = 0;
    for (const i of inserts.filter((x) => x.axis === axis)) {
      if (shift === moved[axis]) break;
      shift += i.count;
      done++;
    }
    if (shift !== moved[axis])
      throw new Error(
        `the write's probe moved ${moved[axis]} ${axis}, which no prefix of its inserts gives`
      );
  }
  return done;
}

/** Whether a mark read back records the layout the write gives the tab (the write reached it). */
function writtenLayout(value: string, t: Target): boolean {
  try {
    const m = JSON.parse(value) as Partial<TabMark>;
    const want = t.placed.plan.layout;
    return sameKeys(m.rows ?? [], want.rows) && sameKeys(m.cols ?? [], want.cols);
  } catch {
    return false;
  }
}

/** Where a recovery resumes a tab written in place: inserts that ran, and whether its probe is there. */
interface Resume {
  inserts: number;
  /** The tab's probe: still to add, there, or gone with the write's end. */
  probe: "to add" | "there" | "gone";
}

const FROM_START: Resume = { inserts: 0, probe: "to add" };

/** The charts a write finds on a tab, and those a failed attempt left that it deletes. */
type ChartsOn = (t: Target) => { there: ChartsThere; stray: string[] };

/**
 * Queues the whole write: probes, then every insert of every tab (before any formula is written,
 * or Excel would move the new formulas' references too), then each tab's content and charts
 * (`charts` absent where the host cannot write them); the probes go last. `resume` says where a
 * recovery takes up each tab written in place.
 */
function queueWrite(
  context: Excel.RequestContext,
  tx: SheetTransaction,
  model: Model,
  targets: Target[],
  sheets: Map<Target, Excel.Worksheet>,
  existing: ReadonlySet<string>,
  charts: ChartsOn | undefined,
  resume: (t: Target) => Resume = () => FROM_START
): void {
  const names = { ...TAB_NAMES };
  for (const t of targets) names[t.placed.plan.key] = t.name;
  const probed = targets.filter((t) => t.old && t.placed.inserts.length > 0);
  for (const t of targets) if (!sheets.has(t)) sheets.set(t, tx.add(t.name));
  const sheetOf = (t: Target) => sheets.get(t) as Excel.Worksheet;
  for (const t of probed) {
    if (resume(t).probe !== "to add") continue;
    const at = probeCell(t);
    context.workbook.names.add(
      probeName(tx.token, targets.indexOf(t)),
      sheetOf(t).getRange(rangeA1(at.row, at.col, at.row, at.col))
    );
  }
  for (const t of targets) queueInserts(sheetOf(t), t.placed.inserts.slice(resume(t).inserts));
  for (const t of targets) queueContent(sheetOf(t), model, t, names);
  if (charts) {
    const byTab = new Map(targets.map((t) => [t.placed.plan.key, t]));
    const rangeOf = (r: CellRange) => {
      const home = byTab.get(r.tab);
      if (!home)
        throw new ModelWriteError(`A chart draws ${TAB_NAMES[r.tab]}, which is not written`);
      return sheetOf(home).getRange(rangeAddress(r));
    };
    for (const t of targets.filter((x) => x.placed.plan.charts.length > 0)) {
      const { there, stray } = charts(t);
      queueCharts(sheetOf(t), t.placed.plan, rangeOf, there, stray);
    }
  }
  queueNames(context, targets, existing);
  for (const t of probed)
    if (resume(t).probe !== "gone")
      context.workbook.names.getItem(probeName(tx.token, targets.indexOf(t))).delete();
}

/**
 * Recalculates the model's cells on each tab, not the whole workbook: a full recalculation would
 * run every other add-in's formulas in the analyst's workbook too.
 */
function queueCalculate(
  tabs: { sheet: Excel.Worksheet; cells: readonly { row: number; col: number }[] }[]
): void {
  for (const { sheet, cells } of tabs) {
    if (cells.length === 0) continue;
    const rows = cells.map((c) => c.row);
    const cols = cells.map((c) => c.col);
    sheet
      .getRange(rangeA1(Math.min(...rows), Math.min(...cols), Math.max(...rows), Math.max(...cols)))
      .calculate();
  }
}

function targetCells(targets: Target[], sheets: Map<Target, Excel.Worksheet>) {
  return targets.map((t) => ({
    sheet: sheets.get(t) as Excel.Worksheet,
    cells: t.placed.plan.cells,
  }));
}

/**
 * After a failing sync of a write that changed tabs in place: looks at the workbook, and finishes
 * the write from where it stopped (twice at most). Every write of content is the same however
 * often it runs; the inserts that ran are known from the probes.
 */
async function finish(
  context: Excel.RequestContext,
  tx: SheetTransaction,
  model: Model,
  targets: Target[],
  charting: boolean
): Promise<{ finished: boolean; failure?: string }> {
  let failure: string | undefined;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const sheets = new Map<Target, Excel.Worksheet>();
      const looks = targets.map((t, k) => {
        const sheet = context.workbook.worksheets.getItemOrNullObject(
          t.old ? t.old.sheet.id : t.name
        );
        const created = sheet.customProperties.getItemOrNullObject(CREATED_BY);
        created.load("value");
        const mark = sheet.customProperties.getItemOrNullObject(MARK);
        mark.load("value");
        const range = context.workbook.names
          .getItemOrNullObject(probeName(tx.token, k))
          .getRangeOrNullObject();
        range.load("rowIndex,columnIndex");
        const charts =
          charting && t.placed.plan.charts.length > 0 ? queueChartRead(sheet) : undefined;
        return { t, sheet, created, mark, range, charts };
      });
      const names = context.workbook.names;
      names.load("items/name,items/comment");
      await context.sync();
      const existing = new Set(names.items.map((n) => n.name.toLowerCase()));
      const resume = new Map<Target, Resume>();
      for (const l of looks) {
        if (l.t.old) sheets.set(l.t, l.sheet);
        else if (!l.sheet.isNullObject && !l.created.isNullObject && l.created.value === tx.token)
          sheets.set(l.t, l.sheet);
        if (!l.t.old || l.t.placed.inserts.length === 0) continue;
        if (l.range.isNullObject) {
          // No probe: never added (no insert ran), or deleted at the very end, after the tab's
          // new mark was written (every insert ran).
          const done = !l.mark.isNullObject && writtenLayout(l.mark.value, l.t);
          resume.set(
            l.t,
            done ? { inserts: l.t.placed.inserts.length, probe: "gone" } : FROM_START
          );
          continue;
        }
        const at = probeCell(l.t);
        const moved = { rows: l.range.rowIndex - at.row, columns: l.range.columnIndex - at.col };
        resume.set(l.t, { inserts: insertsDone(l.t.placed.inserts, moved), probe: "there" });
      }
      const charts = new Map(
        looks.map((l) => {
          const there = l.charts ? chartsThere(l.charts) : new Map<string, number>();
          const before = l.t.old?.charts ?? new Map<string, number>();
          return [l.t, { there, stray: strayCharts(there, before, l.t.placed.plan) }];
        })
      );
      queueWrite(
        context,
        tx,
        model,
        targets,
        sheets,
        existing,
        charting ? (t) => charts.get(t) as ReturnType<ChartsOn> : undefined,
        (t) => resume.get(t) ?? FROM_START
      );
      queueCalculate(targetCells(targets, sheets));
      await context.sync();
      return { finished: true };
    } catch (e) {
      failure = message(e);
    }
  }
  return { finished: false, failure };
}

/**
 * One tab's content, formats and view, queued on the sheet (written at the next sync). The older
 * quarters are grouped in the column outline and collapsed on a new sheet; on a tab written
 * before they are hidden: grouping is not the same however often it runs (a column grouped twice
 * is nested a level deeper) and Excel does not say how a sheet's outline stands, while hiding is,
 * so a write finished after a failure gives what a clean one gives.
 */
export function writeSheet(
  sheet: Excel.Worksheet,
  w: SheetWrites,
  grouped: "new sheet" | "in place" = "new sheet"
): void {
  const range = sheet.getRange(w.address);
  range.values = w.values as unknown as string[][];
  range.formulas = w.formulas as unknown as string[][];
  range.numberFormat = w.formats as unknown as string[][];
  for (const { look, areas } of w.looks) {
    for (const chunk of chunks(areas)) {
      const target = sheet.getRanges(chunk.join(","));
      if (look.bold) target.format.font.bold = true;
      if (look.italic) target.format.font.italic = true;
      if (look.size) target.format.font.size = look.size;
      if (look.color) target.format.font.color = look.color;
      if (look.fill) target.format.fill.color = look.fill;
      if (look.align) target.format.horizontalAlignment = alignment(look.align);
      if (look.wrap) target.format.wrapText = true;
      if (look.topBorder) {
        const top = target.format.borders.getItem("EdgeTop");
        top.style = "Continuous";
        top.weight = "Thin";
      }
    }
  }
  for (const { level, areas } of w.indents)
    for (const chunk of chunks(areas)) sheet.getRanges(chunk.join(",")).format.indentLevel = level;
  for (const { columns, width } of w.widths) sheet.getRange(columns).format.columnWidth = width * 7;
  for (const { rows, points } of w.heights) sheet.getRange(rows).format.rowHeight = points;
  printSetup(sheet, w.print);
  const older = w.collapsed.flatMap(columnsOf);
  for (const run of runs(older)) {
    const columns = sheet.getRange(`${columnLetter(run.from)}:${columnLetter(run.to)}`);
    if (grouped === "new sheet") {
      columns.group("ByColumns");
      columns.hideGroupDetails("ByColumns");
    } else columns.columnHidden = true;
  }
  if (w.freeze.columns === 0) sheet.freezePanes.freezeRows(w.freeze.rows);
  else if (w.freeze.rows === 0) sheet.freezePanes.freezeColumns(w.freeze.columns);
  else
    sheet.freezePanes.freezeAt(
      sheet.getRange(rangeA1(0, 0, w.freeze.rows - 1, w.freeze.columns - 1))
    );
}

/** Landscape, one page wide, titles and labels on every page, no gridlines (ExcelApi 1.9). */
function printSetup(sheet: Excel.Worksheet, print: PrintSetup): void {
  sheet.showGridlines = false;
  const page = sheet.pageLayout;
  page.orientation = "Landscape";
  page.zoom = { horizontalFitToPages: print.fitToWidth, verticalFitToPages: print.fitToHeight };
  page.printGridlines = false;
  page.setPrintTitleRows(`$1:$${print.titleRows}`);
  page.setPrintTitleColumns("$A:$A");
  page.setPrintArea(print.area);
  const points = (inches: number) => inches * 72;
  page.leftMargin = points(print.margins.left);
  page.rightMargin = points(print.margins.right);
  page.topMargin = points(print.margins.top);
  page.bottomMargin = points(print.margins.bottom);
  page.headerMargin = points(print.margins.header);
  page.footerMargin = points(print.margins.footer);
  const footer = page.headersFooters.defaultForAllPages;
  footer.leftFooter = print.footer.left;
  footer.centerFooter = print.footer.center;
  footer.rightFooter = print.footer.right;
}

function alignment(align: "left" | "right" | "center"): "Left" | "Right" | "Center" {
  return align === "right" ? "Right" : align === "center" ? "Center" : "Left";
}

/** Excel takes a limited address list per call; 100 areas stay well within it. */
function chunks(areas: string[]): string[][] {
  const out: string[][] = [];
  for (let k = 0; k < areas.length; k += 100) out.push(areas.slice(k, k + 100));
  return out;
}

export interface RefreshReport {
  tabs: TabReport[];
  /** The dataset the tabs are built from now. */
  to: string;
  changes: { tab: TabKey; line: string; column: string; before: unknown; after: unknown }[];
  /** Cells the user had typed in the tabs written in place, left where they are. */
  kept: number;
  checks: number;
  failing: number;
  /** What the KC Checks tab shows after recalculation (Excel may still be calculating KC cells). */
  status?: string;
  syncs: number;
  warnings: string[];
}

/** What a write found in the workbook: the tabs of ours and the names a new tab may take. */
interface Survey {
  ours: Map<TabKey, Found & { used: Excel.Range }>;
  free: (name: string) => boolean;
  /** The workbook's names, lower case: the model's (by their comment) and the analyst's. */
  names: { ours: Map<string, string>; theirs: Set<string> };
}

/**
 * At most this many sheets are looked through for a tab the analyst renamed (a tab beyond them is
 * found only under its own name).
 */
const MAX_SHEETS = 100;

/**
 * Every sheet's name, id and mark, in the first sync without knowing them: the first sheet, then
 * each next one (null objects past the last). A tab the analyst renamed or moved is found by its
 * mark wherever it is.
 */
function sheetChain(
  context: Excel.RequestContext
): { sheet: Excel.Worksheet; mark: Excel.WorksheetCustomProperty }[] {
  const chain: { sheet: Excel.Worksheet; mark: Excel.WorksheetCustomProperty }[] = [];
  let sheet = context.workbook.worksheets.getFirst();
  for (let k = 0; k < MAX_SHEETS; k++) {
    const mark = sheet.customProperties.getItemOrNullObject(MARK);
    mark.load("value");
    const next = sheet.getNextOrNullObject();
    sheet.load("name,id");
    chain.push({ sheet, mark });
    sheet = next;
  }
  return chain;
}

/**
 * Sheets whose mark says they are a tab of the model that no sheet under the tab's own names is:
 * tabs the analyst renamed. Excel gives a copied sheet none of its custom properties (office-js
 * #5486), so a marked sheet under another name is the tab itself; where two claim one tab, the
 * write is refused rather than guess.
 */
function renamedTabs(
  chain: { sheet: Excel.Worksheet; mark: Excel.WorksheetCustomProperty }[],
  probes: Probe[],
  s: Survey
): string[] {
  const probed = new Set(
    probes.filter((p) => !p.sheet.isNullObject).map((p) => p.sheet.name.toLowerCase())
  );
  const claims = new Map<string, string[]>();
  for (const { sheet, mark } of chain) {
    if (sheet.isNullObject || mark.isNullObject || probed.has(sheet.name.toLowerCase())) continue;
    let tab: unknown;
    try {
      tab = (JSON.parse(mark.value) as { tab?: unknown }).tab;
    } catch {
      continue;
    }
    if (typeof tab !== "string" || !TAB_KEY_SET.has(tab) || s.ours.has(tab as TabKey)) continue;
    claims.set(tab, [...(claims.get(tab) ?? []), sheet.id]);
    if ((claims.get(tab) as string[]).length > 1) {
      const names = chain
        .filter(
          (c) => !c.sheet.isNullObject && (claims.get(tab as string) ?? []).includes(c.sheet.id)
        )
        .map((c) => `"${c.sheet.name}"`);
      throw new ModelWriteError(
        `Nothing was changed: ${names.join(" and ")} both carry the mark of ${TAB_NAMES[tab as TabKey]}. Delete the mark's copy (or the sheet you do not want refreshed) and try again.`
      );
    }
  }
  return [...claims.values()].flat();
}

function survey(
  probes: Probe[],
  workbookNames: Excel.NamedItemCollection,
  renamed: Probe[] = []
): Survey {
  const ours = new Map<TabKey, Found & { used: Excel.Range }>();
  const taken = new Set<string>();
  for (const p of [...probes, ...renamed]) {
    if (p.sheet.isNullObject) continue;
    taken.add(p.sheet.name.toLowerCase());
    const f = found(p, renamed.includes(p));
    if (f === "earlier")
      throw new ModelWriteError(
        `"${p.sheet.name}" was written by an earlier version of KC Financials, which kept no record of its rows and columns, so it cannot be updated in place. Rename it (your links follow it), insert the model again, and point your links at the new tab.`
      );
    if (f && !ours.has(f.mark.tab)) ours.set(f.mark.tab, { ...f, used: p.used });
  }
  const names = { ours: new Map<string, string>(), theirs: new Set<string>() };
  for (const n of workbookNames.items)
    if (n.comment === NAME_COMMENT) names.ours.set(n.name.toLowerCase(), String(n.formula));
    else names.theirs.add(n.name.toLowerCase());
  return { ours, free: (name) => !taken.has(name.toLowerCase()), names };
}

/**
 * Reads the workbook, places the model over the tabs that are there, and writes it in one batch
 * (see the module's comment). `choose` decides, from what is there, the model to write and the
 * tabs it covers; it returns undefined where nothing needs writing.
 */
async function write(
  api: ExcelApi,
  progress: Progress,
  names: string[],
  choose: (s: Survey) => { model: Model; write: boolean }
): Promise<{
  model: Model;
  survey: Survey;
  targets: Target[];
  syncs: number;
  warnings: string[];
  status?: string;
}> {
  return api.run(async (context) => {
    const syncs = new Syncs(context);
    progress("Reading the workbook's sheets");
    const tx = new SheetTransaction(context);
    const charting = api.isSetSupported
      ? api.isSetSupported("ExcelApi", CHARTS_API)
      : supports("ExcelApi", CHARTS_API);
    const probes = names.flatMap((n) =>
      candidateNames(n).map((name) => probe(context, name, charting))
    );
    const structure = context.workbook.protection;
    structure.load("protected");
    const chain = sheetChain(context);
    const workbookNames = context.workbook.names;
    workbookNames.load("items/name,items/comment,items/formula");
    const read = async () => {
      try {
        await syncs.sync();
      } catch (e) {
        // Nothing is written while the workbook is read.
        throw new ModelWriteError(
          `Reading the workbook failed (${message(e)}); the workbook is as it was.`
        );
      }
    };
    await read();
    tx.begin();
    let s = survey(probes, workbookNames);
    const renamed = renamedTabs(chain, probes, s);
    if (renamed.length) {
      // A tab the analyst renamed: read it as the others were read (one more round trip).
      const more = renamed.map((id) => probe(context, id, charting));
      await read();
      s = survey(probes, workbookNames, more);
    }
    const { model, write: writing } = choose(s);
    const targets = writing ? targetsFor(model, s) : [];
    const spills = await spillAreas(targets, read);
    refuseObstacles(targets, structure.protected, s.names.theirs, spills);
    const sheets = new Map<Target, Excel.Worksheet>();
    for (const t of targets) if (t.old) sheets.set(t, t.old.sheet);
    if (writing) {
      const inserted = targets.reduce((n, t) => n + t.placed.inserts.length, 0);
      progress(
        `Writing ${targets.length} tab${targets.length === 1 ? "" : "s"}${inserted ? ", inserting new rows and columns" : ""}`
      );
      queueWrite(
        context,
        tx,
        model,
        targets,
        sheets,
        new Set(s.names.ours.keys()),
        charting ? (t) => ({ there: t.old?.charts ?? new Map(), stray: [] }) : undefined
      );
      queueCalculate(targetCells(targets, sheets));
    } else {
      progress("Recalculating");
      queueCalculate(
        [...s.ours.values()].map((o) => ({
          sheet: o.sheet,
          cells: [...o.written].map((k) => {
            const [row, col] = k.split(",").map(Number);
            return { row, col };
          }),
        }))
      );
    }
    // The overall status of KC Checks, where the model has that tab: read after recalculation.
    const at = model.plans.find((x) => x.key === "checks")?.cells.find((c) => c.style === "status");
    const checksTab = writing
      ? sheets.get(targets.find((t) => t.placed.plan.key === "checks") as Target)
      : s.ours.get("checks")?.sheet;
    const statusCell = at && checksTab ? checksTab.getCell(at.row, at.col) : undefined;
    statusCell?.load("values");
    const warnings: string[] = charting ? [] : chartlessWarnings(targets);
    let status: string | undefined;
    try {
      await syncs.sync();
      if (statusCell) status = String(statusCell.values[0][0]);
    } catch (e) {
      if (!targets.some((t) => t.old)) {
        const outcome = await tx.recover();
        // The new tabs are gone: so must be the names the write added, or point where they did.
        const names = await undoNames(context, targets, s);
        throw new ModelWriteError(
          outcomeMessage(writing ? "Writing the tabs" : "Recalculating", e, {
            ...outcome,
            left: [...outcome.left, ...names],
            kind: names.length ? "left" : outcome.kind,
          })
        );
      } else {
        const done = await finish(context, tx, model, targets, charting);
        const what = `Writing the tabs failed (${message(e)})`;
        if (!done.finished)
          throw new ModelWriteError(
            `${what}, and finishing it failed too (${done.failure}). ${targets
              .filter((t) => t.old)
              .map((t) => `"${t.name}"`)
              .join(
                ", "
              )} may be partly written: close the workbook without saving to keep it as it was, then try again.`
          );
        warnings.push(`${what}; the change was finished afterwards.`);
      }
    }
    return { model, survey: s, targets, syncs: syncs.count, warnings, status };
  });
}

/**
 * Where the host lacks the chart API: the tabs are written, their charts neither added nor
 * re-pointed, and the analyst is told which.
 */
function chartlessWarnings(targets: Target[]): string[] {
  return targets
    .filter((t) => t.placed.plan.charts.length > 0)
    .map(
      (t) =>
        `"${t.name}" was written without its ${t.placed.plan.charts.length} charts: charts need Excel JavaScript API ${CHARTS_API} (Microsoft 365, Excel 2019 or later, or Excel on the web), which this Excel lacks.${t.old ? " The model's charts already there were left as they were: they may not draw the rows this write inserted." : ""} The chart data below the page holds every figure they would draw.`
    );
}

/**
 * After a write of new tabs was undone: deletes the names it added and points the model's names
 * that were there back where they pointed; what it could not, as lines of what is left.
 */
async function undoNames(
  context: Excel.RequestContext,
  targets: Target[],
  s: Survey
): Promise<string[]> {
  const planned = targets.flatMap((t) => t.placed.plan.names.map((n) => n.name));
  try {
    const now = context.workbook.names;
    now.load("items/name,items/formula");
    await context.sync();
    const there = new Map(now.items.map((n) => [n.name.toLowerCase(), String(n.formula)]));
    for (const name of planned) {
      const key = name.toLowerCase();
      const before = s.names.ours.get(key);
      if (before === undefined && there.has(key)) context.workbook.names.getItem(name).delete();
      else if (before !== undefined && there.get(key) !== before)
        context.workbook.names.getItem(name).formula = before;
    }
    await context.sync();
    return [];
  } catch (e) {
    return [
      `the workbook names ${planned.slice(0, 3).join(", ")}${planned.length > 3 ? ` and ${planned.length - 3} more` : ""} may be left (${message(e)}): delete those that show #REF! (Formulas > Name Manager)`,
    ];
  }
}

/**
 * Each of the model's tabs over the tab of ours that is there (in place), or on a new sheet under
 * its own name or the first free one after it.
 */
function targetsFor(model: Model, s: Survey): Target[] {
  const before = new Map<TabKey, Layout>();
  for (const [k, o] of s.ours) before.set(k, { rows: o.mark.rows, cols: o.mark.cols });
  let placed: Placed[];
  try {
    placed = placeModel(model.plans, before);
  } catch (e) {
    if (e instanceof PlacementError) throw new ModelWriteError(`Nothing was changed: ${e.message}`);
    throw e;
  }
  const claimed = new Set<string>();
  return placed.map((p) => {
    const old = s.ours.get(p.plan.key);
    if (old) return target(p, old.sheet.name, old);
    const name = candidateNames(p.plan.name).find((n) => s.free(n) && !claimed.has(n));
    if (!name)
      throw new ModelWriteError(
        `No free name for ${p.plan.name}: sheets up to "${p.plan.name} (9)" are the user's.`
      );
    claimed.add(name);
    return target(p, name, undefined);
  });
}

/** The analyst's own formulas in a tab: the cells of theirs that start with "=". */
function userFormulas(old: Found): LoadedCell[] {
  return userCells(old.cells, old.written).filter(
    (c) => typeof c.formula === "string" && c.formula.startsWith("=")
  );
}

/**
 * The arrays the analyst's formulas spill into, in each tab written in place with inserts: one
 * more round trip, taken only where such a tab holds formulas of the analyst's (a spilled cell
 * reads as a value, so only its formula's cell can say where its array goes).
 */
async function spillAreas(
  targets: Target[],
  read: () => Promise<void>
): Promise<Map<Target, string[]>> {
  const asked = targets.flatMap((t) =>
    !t.old || t.placed.inserts.length === 0
      ? []
      : userFormulas(t.old).map((c) => {
          const spill = (t.old as Found).sheet
            .getCell(c.row, c.col)
            .getSpillingToRangeOrNullObject();
          spill.load("address");
          return { t, spill };
        })
  );
  const areas = new Map<Target, string[]>();
  if (asked.length === 0) return areas;
  await read();
  for (const { t, spill } of asked)
    if (!spill.isNullObject)
      areas.set(t, [
        ...(areas.get(t) ?? []),
        spill.address.slice(spill.address.lastIndexOf("!") + 1),
      ]);
  return areas;
}

/**
 * Legacy (Ctrl+Shift+Enter) arrays of the analyst's: Office.js reads every cell of one with the
 * same A1 formula (office-js #6176), so adjacent cells of theirs holding the same formula are taken
 * as one array. Cells copied with absolute references look the same: erring on the side of
 * refusing, they are taken for an array too.
 */
function legacyArrays(old: Found): string[] {
  const at = new Map(userFormulas(old).map((c) => [`${c.row},${c.col}`, c]));
  const seen = new Set<string>();
  const areas: string[] = [];
  for (const [k, c] of at) {
    if (seen.has(k)) continue;
    const part: LoadedCell[] = [];
    const todo = [c];
    seen.add(k);
    while (todo.length) {
      const x = todo.pop() as LoadedCell;
      part.push(x);
      for (const [dr, dc] of [
        [1, 0],
        [-1, 0],
        [0, 1],
        [0, -1],
      ]) {
        const nk = `${x.row + dr},${x.col + dc}`;
        const n = at.get(nk);
        if (n && !seen.has(nk) && n.formula === c.formula) {
          seen.add(nk);
          todo.push(n);
        }
      }
    }
    if (part.length > 1) {
      const rows = part.map((x) => x.row);
      const cols = part.map((x) => x.col);
      areas.push(
        rangeA1(Math.min(...rows), Math.min(...cols), Math.max(...rows), Math.max(...cols))
      );
    }
  }
  return areas;
}

/**
 * What Excel would refuse, told before anything is written, one line each: a protected tab the
 * write changes, a protected workbook structure where a tab is added, and what an insert must not
 * cut through (merged cells, Excel tables, arrays).
 */
function refuseObstacles(
  targets: Target[],
  structureProtected: boolean,
  theirNames: ReadonlySet<string>,
  spills: ReadonlyMap<Target, string[]> = new Map()
): void {
  const lines = targets
    .filter((t) => t.old?.locked)
    .map((t) => `"${t.name}" is protected: unprotect it (Review > Unprotect Sheet).`);
  // ASSUMED (erring on the side of refusing): Excel refuses an insert that cuts through a merged
  // area or an Excel table (InsertDeleteConflict), and a table a tab's columns pass through would
  // change under the analyst's eyes; so a write that inserts refuses both, before anything.
  for (const t of targets) {
    if (!t.old || t.placed.inserts.length === 0) continue;
    if (t.old.tables.length)
      lines.push(
        `"${t.name}" has Excel tables (${t.old.tables.join(", ")}) and the model inserts new quarters or lines there: convert them to ranges (Table Design > Convert to Range) or move them to a sheet of your own.`
      );
    const cut = t.old.merged.filter((a) => cutThrough(a, t.placed));
    if (cut.length)
      lines.push(
        `"${t.name}" has merged cells at ${cut.join(", ")} where the model inserts new quarters or lines: unmerge them (Home > Merge & Center) or move them.`
      );
    // ASSUMED, erring on the side of refusing: Excel refuses to insert cells into a legacy array
    // ("You can't change part of an array"); what it does to a spilled array an insert passes
    // through, Microsoft does not say, and its values would move under the analyst's eyes.
    const arrays = [...(spills.get(t) ?? []), ...legacyArrays(t.old)].filter((a) =>
      cutThrough(a, t.placed)
    );
    if (arrays.length)
      lines.push(
        `"${t.name}" has array formulas filling ${arrays.join(", ")} where the model inserts new quarters or lines: move them (or clear them) out of the way.`
      );
  }
  const clashes = targets.flatMap((t) =>
    t.placed.plan.names.filter((n) => theirNames.has(n.name.toLowerCase())).map((n) => n.name)
  );
  if (clashes.length)
    lines.push(
      `The workbook has names of its own that the model's would take: ${clashes.join(", ")}: rename them (Formulas > Name Manager).`
    );
  const added = targets.filter((t) => !t.old);
  if (structureProtected && added.length)
    lines.push(
      `The workbook's structure is protected, so ${added.map((t) => `"${t.name}"`).join(", ")} cannot be added: unprotect it (Review > Protect Workbook).`
    );
  if (lines.length)
    throw new ModelWriteError(`Nothing was changed. ${lines.join(" ")} Then try again.`);
}

/** Whether an insert falls inside an area of the tab as it was (its span grows when placed). */
function cutThrough(area: string, placed: Placed): boolean {
  const b = areaBox(area.replace(/\$/g, ""));
  // An area not read as cells is taken as cut: the check errs on the side of refusing.
  if (!b) return true;
  return (
    placed.moved.row(b.r1) - placed.moved.row(b.r0) !== b.r1 - b.r0 ||
    placed.moved.col(b.c1) - placed.moved.col(b.c0) !== b.c1 - b.c0
  );
}

function tabReports(targets: Target[]): TabReport[] {
  return targets.map((t) => ({
    tab: t.placed.plan.key,
    name: t.name,
    inPlace: !!t.old,
    inserted: {
      rows: t.placed.inserts.filter((i) => i.axis === "rows").reduce((n, i) => n + i.count, 0),
      columns: t.placed.inserts
        .filter((i) => i.axis === "columns")
        .reduce((n, i) => n + i.count, 0),
    },
    ...(t.old ? { from: t.old.mark.version } : {}),
  }));
}

/**
 * Inserts the model's tabs: each tab of ours that is there is updated in place (with these
 * options: other units or another currency change its cells where they stand), the others are new
 * sheets. Two syncs.
 */
export async function insertModel(
  model: Model,
  progress: Progress = () => undefined,
  api: ExcelApi = Excel
): Promise<BuildReport> {
  const r = await write(
    api,
    progress,
    model.plans.map((p) => p.name),
    () => ({ model, write: true })
  );
  return {
    tabs: tabReports(r.targets),
    renamed: r.targets
      .filter((t) => !t.old && t.name !== t.placed.plan.name)
      .map((t) => ({ tab: t.placed.plan.key, wanted: t.placed.plan.name, used: t.name })),
    kept: r.targets.reduce((n, t) => n + t.kept.length, 0),
    checks: model.checks.length,
    failing: model.failures().length,
    syncs: r.syncs,
    warnings: [...r.warnings, ...unitWarnings(r.targets, model.options.unit)],
  };
}

/**
 * Inputs kept through a change of unit are as they were typed: an amount typed in thousands now
 * reads as millions. Which kept inputs are amounts, the plan's number format says.
 */
function unitWarnings(targets: Target[], unit: ModelOptions["unit"]): string[] {
  const amounts = new Set([FORMATS.thousands, FORMATS.millions]);
  return targets.flatMap((t) => {
    if (!t.old || t.old.mark.unit === unit) return [];
    const kept = t.placed.plan.cells.filter(
      (c) =>
        c.style === "driver" &&
        t.keep.has(`${c.row},${c.col}`) &&
        c.format !== undefined &&
        amounts.has(c.format)
    );
    if (kept.length === 0) return [];
    return [
      `"${t.name}": ${kept.length} amount input${kept.length === 1 ? " was" : "s were"} kept as ${kept.length === 1 ? "it" : "they"} stood, in ${t.old.mark.unit} (at ${kept
        .slice(0, 3)
        .map((c) => rangeA1(c.row, c.col, c.row, c.col))
        .join(
          ", "
        )}${kept.length > 3 ? ", ..." : ""}); the tab is in ${unit} now: ${unit === "millions" ? "divide" : "multiply"} ${kept.length === 1 ? "it" : "them"} by 1,000, or clear ${kept.length === 1 ? "it" : "them"} to start again from the latest quarter.`,
    ];
  });
}

/**
 * Refreshes the model tabs in the workbook: where any was built from another dataset (or its
 * rows and columns differ from the model's now), every tab of ours is written in place, new
 * periods and lines inserted; else only their cells are recalculated. Two syncs.
 */
export async function refreshModel(
  build: (options: ModelOptions) => Model,
  progress: Progress = () => undefined,
  api: ExcelApi = Excel
): Promise<RefreshReport> {
  let changes: RefreshReport["changes"] = [];
  const r = await write(
    api,
    progress,
    TAB_KEYS.map((k) => TAB_NAMES[k]),
    (s) => {
      const ours = [...s.ours.values()];
      if (ours.length === 0)
        throw new NoModelTabsError(
          "There are no KC model tabs in this workbook; insert them first."
        );
      const { currency, unit } = ours[0].mark;
      const model = build({ currency, unit, tabs: ours.map((o) => o.mark.tab) });
      const before = new Map(ours.map((o) => [o.mark.tab, o]));
      const same = model.plans.every((p) => {
        const o = before.get(p.key);
        return (
          o !== undefined &&
          o.mark.version === model.datasetVersion &&
          sameKeys(o.mark.rows, p.layout.rows) &&
          sameKeys(o.mark.cols, p.layout.cols)
        );
      });
      // The release's figures that changed: the estimates and valuation show them only as links,
      // beside the analyst's own figures, which move with every actual by design.
      if (!same)
        changes = model.plans.flatMap((p) => {
          const o = before.get(p.key);
          return o && !ANALYST_TABS.has(p.key) ? changesOn(model, p, o.used) : [];
        });
      return { model, write: !same };
    }
  );
  const ours = [...r.survey.ours.values()];
  return {
    tabs: r.targets.length
      ? tabReports(r.targets)
      : ours.map((o) => ({
          tab: o.mark.tab,
          name: o.sheet.name,
          inPlace: true,
          inserted: { rows: 0, columns: 0 },
          from: o.mark.version,
        })),
    to: r.model.datasetVersion,
    changes,
    kept: r.targets.reduce((n, t) => n + t.kept.length, 0),
    checks: r.model.checks.length,
    failing: r.model.failures().length,
    status: r.status,
    syncs: r.syncs,
    warnings: r.warnings,
  };
}

const ANALYST_TABS: ReadonlySet<TabKey> = new Set<TabKey>(["estimates", "valuation"]);

function sameKeys(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((k, i) => k === b[i]);
}

/**
 * Figures of a tab that differ between what the sheet holds and what the new plan computes,
 * matched by line label and column header (a new release may add or move lines).
 */
function changesOn(model: Model, plan: SheetPlan, used: Excel.Range): RefreshReport["changes"] {
  // A label may stand on several rows (a line, then its figure as reported, then its check):
  // rows are told apart by the label and how many times it stood above.
  const lineKeys = (labels: Map<number, string>) => {
    const seen = new Map<string, number>();
    const keys = new Map<number, string>();
    for (const [row, label] of [...labels].sort((a, b) => a[0] - b[0])) {
      const n = seen.get(label) ?? 0;
      seen.set(label, n + 1);
      keys.set(row, `${label}#${n}`);
    }
    return keys;
  };
  // The header row is the last of the rows that stay in view.
  const headerRow = plan.freeze.rows - 1;
  const held = new Map<string, unknown>();
  if (!used.isNullObject) {
    const at = new Map<string, unknown>();
    const labels = new Map<number, string>();
    for (const c of loadedCells(used as unknown as LoadedRange)) {
      at.set(`${c.row},${c.col}`, c.value);
      if (c.col === 0 && c.row > headerRow) labels.set(c.row, String(c.value));
    }
    const keys = lineKeys(labels);
    for (const [key, value] of at) {
      const [r, c] = key.split(",").map(Number);
      if (r > headerRow && c > 0)
        held.set(`${keys.get(r)}|${String(at.get(`${headerRow},${c}`))}`, value);
    }
  }
  const labels = new Map<number, string>();
  const headers = new Map<number, string>();
  for (const c of plan.cells) {
    if (c.col === 0 && typeof c.value === "string" && c.row > headerRow) labels.set(c.row, c.value);
    if (c.row === headerRow && typeof c.value === "string") headers.set(c.col, c.value);
  }
  const keys = lineKeys(labels);
  const out: RefreshReport["changes"] = [];
  for (const c of plan.cells) {
    // Checks, and KC Checks' links to them, say whether figures agree; they are not figures.
    if (!c.formula || c.format === FORMATS.check || c.row <= headerRow) continue;
    const header = headers.get(c.col) ?? "";
    const now = model.value({ tab: plan.key, row: c.row, col: c.col });
    const after = typeof now === "object" && "toNumber" in now ? now.toNumber() : now;
    const where = `${keys.get(c.row)}|${header}`;
    // A figure of a column or line the tab did not have (a new quarter, the latest quarter's
    // columns showing the new one) is an addition, counted by the inserts, not a change.
    if (!held.has(where)) continue;
    const old = held.get(where);
    if (
      typeof after === "number" &&
      typeof old === "number" &&
      Math.abs(after - old) <= 1e-9 * Math.max(1, Math.abs(after))
    )
      continue;
    if (after === old) continue;
    out.push({
      tab: plan.key,
      line: labels.get(c.row) ?? "",
      column: header.replace(/\n/g, " "),
      before: old ?? null,
      after,
    });
  }
  return out;
}
