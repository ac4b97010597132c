import { rangeA1 } from "../sheets/a1";
import type { Model } from "../sheets/model";
import type { ModelOptions, PrintSetup, SheetPlan, TabKey } from "../sheets/types";
import { FORMATS, TAB_KEYS, TAB_NAMES } from "../sheets/types";
import { LoadedCell, LoadedRange, keptCellWrites, loadedCells, userCells } from "./kept-cells";
import { SheetWrites, cellKeys, footprint, sheetWrites } from "./sheet-cells";
import { SheetTransaction, outcomeMessage } from "./sheet-transaction";

/**
 * Applies model plans to the workbook with Office.js in as few round trips as the job allows, as
 * one transaction (see SheetTransaction): every tab is built whole on a new sheet, then the new
 * sheets take the places of the ones they replace; a failure at any sync leaves the workbook as it
 * was, or says exactly what is left.
 *
 * Insert, three syncs: (1) read the sheets that have or could take the tabs' names; (2) build every
 * tab on a new sheet; (3) put them in place. Refresh, two: (1) read the model tabs; (2) recalculate,
 * and if any tab was built from an older dataset, build and put in place all of them in the same
 * batch. A sheet the user owns is never replaced, and what the user typed in a model tab outside
 * the model's cells is carried into the rebuilt tab.
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
   * id is known only after the sync that creates the sheet, which would cost refresh a third.)
   */
  sheet: string;
  /** The cells the model wrote, as A1 areas: anything else on the tab is the user's. */
  cells: string;
}

export type Progress = (message: string) => void;

export interface BuildReport {
  tabs: { tab: TabKey; name: string; replaced: boolean }[];
  /** Tabs that could not take their own name because a sheet of the user's has it. */
  renamed: { tab: TabKey; wanted: string; used: string }[];
  /** Cells the user had typed in replaced tabs, kept in the new ones. */
  kept: number;
  checks: number;
  failing: number;
  syncs: number;
  /** What went wrong on the way, although the model is in place. */
  warnings: string[];
}

export class ModelWriteError extends Error {}

/** The part of Office.js's `Excel` the writer uses (tests pass a mock workbook's). */
export interface ExcelApi {
  run<T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T>;
}

interface Probe {
  sheet: Excel.Worksheet;
  mark: Excel.WorksheetCustomProperty;
  used: Excel.Range;
}

/** A model tab found in the workbook: its sheet (loaded), its mark and what it holds. */
interface Found {
  sheet: Excel.Worksheet;
  mark: TabMark;
  cells: LoadedCell[];
}

/** A tab's own name, then the names it falls back to beside a user's sheet of that name. */
export function candidateNames(name: string): string[] {
  return [name, ...[2, 3, 4, 5, 6, 7, 8, 9].map((n) => `${name} (${n})`)];
}

function probe(context: Excel.RequestContext, name: string): Probe {
  const sheet = context.workbook.worksheets.getItemOrNullObject(name);
  sheet.load("name,id,position");
  const mark = sheet.customProperties.getItemOrNullObject(MARK);
  mark.load("value");
  const used = sheet.getUsedRangeOrNullObject(true);
  used.load("values,formulas,numberFormat,rowIndex,columnIndex");
  return { sheet, mark, used };
}

const TAB_KEY_SET: ReadonlySet<string> = new Set(TAB_KEYS);

/** The mark of a model tab, if the sheet carries one written for this very sheet. */
function found(p: Probe): Found | undefined {
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
    m.sheet.toLowerCase() !== p.sheet.name.toLowerCase() ||
    typeof m.cells !== "string"
  )
    return undefined;
  const written = cellKeys(m.cells);
  if (!written) return undefined;
  const cells = p.used.isNullObject ? [] : loadedCells(p.used as unknown as LoadedRange);
  return { sheet: p.sheet, mark: m as unknown as TabMark, cells: userCells(cells, written) };
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

/** The user's cells of a replaced tab, refused where the new plan writes over them. */
function keptCells(old: Found | undefined, plan: SheetPlan): LoadedCell[] {
  if (!old) return [];
  const planned = new Set(plan.cells.map((c) => `${c.row},${c.col}`));
  const clash = old.cells.filter((c) => planned.has(`${c.row},${c.col}`));
  if (clash.length)
    throw new ModelWriteError(
      `Nothing was changed: what you typed in "${old.sheet.name}" at ${clash
        .slice(0, 5)
        .map((c) => rangeA1(c.row, c.col, c.row, c.col))
        .join(
          ", "
        )}${clash.length > 5 ? ` and ${clash.length - 5} more cells` : ""} is where the new tab writes. Move it elsewhere (or clear it) and try again.`
    );
  return old.cells;
}

/** The name a tab is built under, until it takes its place. */
function buildName(tx: SheetTransaction, k: number): string {
  return `~KC build ${tx.token} ${k + 1}`;
}

/**
 * Queues one tab on a new sheet of the transaction: the plan, the mark (naming the sheet it will
 * be put in place as) and the user's cells kept from the tab it replaces.
 */
function buildTab(
  tx: SheetTransaction,
  model: Model,
  plan: SheetPlan,
  k: number,
  place: { final: string; names: Record<TabKey, string>; old?: Found; kept: LoadedCell[] }
): Excel.Worksheet {
  const sheet = tx.add(buildName(tx, k), place.final);
  sheet.customProperties.add(MARK, JSON.stringify(markFor(model, plan, place.final)));
  writeSheet(sheet, sheetWrites(plan, { names: place.names }));
  const keep = keptCellWrites(place.kept);
  if (keep) {
    const range = sheet.getRange(keep.address);
    range.numberFormat = keep.formats as string[][];
    range.formulas = keep.formulas as string[][];
  }
  if (place.old) tx.replace(sheet, place.old.sheet, k + 1);
  return sheet;
}

/** Runs a sync of the transaction; on failure, recovers and says what became of the workbook. */
async function step(
  tx: SheetTransaction,
  syncs: Syncs,
  what: string,
  warnings: string[]
): Promise<void> {
  try {
    await syncs.sync();
  } catch (e) {
    const said = outcomeMessage(what, e, await tx.recover());
    if (!said.finished) throw new ModelWriteError(said.text);
    warnings.push(said.text);
  }
}

export async function insertModel(
  model: Model,
  progress: Progress = () => undefined,
  api: ExcelApi = Excel
): Promise<BuildReport> {
  return api.run(async (context) => {
    const syncs = new Syncs(context);
    progress("Reading the workbook's sheets");
    const tx = new SheetTransaction(context);
    const probes = new Map<string, Probe>();
    for (const plan of model.plans)
      for (const name of candidateNames(plan.name)) probes.set(name, probe(context, name));
    await step(tx, syncs, "Reading the workbook", []);
    tx.begin();

    const report: BuildReport = {
      tabs: [],
      renamed: [],
      kept: 0,
      checks: model.checks.length,
      failing: model.failures().length,
      syncs: 0,
      warnings: [],
    };
    const seen = new Map(
      [...probes].map(([name, p]) => [name, { free: p.sheet.isNullObject, tab: found(p) }])
    );
    const places = model.plans.map((plan) => {
      const free = candidateNames(plan.name).find((n) => {
        const s = seen.get(n);
        return s?.free || s?.tab?.mark.tab === plan.key;
      });
      if (!free)
        throw new ModelWriteError(
          `No free name for ${plan.name}: sheets up to "${plan.name} (9)" are the user's.`
        );
      const old = seen.get(free)?.tab;
      const kept = keptCells(old, plan);
      report.tabs.push({ tab: plan.key, name: free, replaced: !!old });
      if (free !== plan.name) report.renamed.push({ tab: plan.key, wanted: plan.name, used: free });
      report.kept += kept.length;
      return { final: free, old, kept };
    });

    progress(`Writing ${model.plans.length} tabs`);
    const names = { ...TAB_NAMES };
    model.plans.forEach((p, k) => (names[p.key] = buildName(tx, k)));
    const built = model.plans.map((plan, k) =>
      buildTab(tx, model, plan, k, { ...places[k], names })
    );
    await step(tx, syncs, "Writing the tabs", report.warnings);

    progress("Putting the tabs in place");
    tx.queueSwap();
    built[0]?.activate();
    await step(tx, syncs, "Putting the tabs in place", report.warnings);
    report.syncs = syncs.count;
    return report;
  });
}

function markFor(model: Model, plan: SheetPlan, sheet: string): TabMark {
  return {
    tab: plan.key,
    version: model.datasetVersion,
    currency: model.options.currency,
    unit: model.options.unit,
    sheet,
    cells: footprint(plan),
  };
}

/** One tab's content, formats and view, queued on the sheet (written at the next sync). */
export function writeSheet(sheet: Excel.Worksheet, w: SheetWrites): void {
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
  tabs: { tab: TabKey; name: string; rebuilt: boolean; from: string; to: string }[];
  changes: { tab: TabKey; line: string; column: string; before: unknown; after: unknown }[];
  /** Cells the user had typed in rebuilt tabs, kept in the new ones. */
  kept: number;
  checks: number;
  failing: number;
  /** What the KC Checks tab shows after recalculation (Excel may still be calculating KC cells). */
  status?: string;
  syncs: number;
  warnings: string[];
}

/**
 * Recalculates the workbook and, if any model tab was built from an older dataset (its mark
 * records the version), rebuilds every model tab, reporting every figure that changed and whether
 * every check passes. All of them, not only the older ones: a rebuilt tab is a new sheet, and the
 * links to it from a tab left alone would break.
 */
export async function refreshModel(
  build: (options: ModelOptions) => Model,
  progress: Progress = () => undefined,
  api: ExcelApi = Excel
): Promise<RefreshReport> {
  return api.run(async (context) => {
    const syncs = new Syncs(context);
    progress("Finding the model tabs");
    const tx = new SheetTransaction(context);
    const probes = TAB_KEYS.flatMap((key) =>
      candidateNames(TAB_NAMES[key]).map((name) => probe(context, name))
    );
    await step(tx, syncs, "Reading the workbook", []);
    tx.begin();

    const ours = probes.flatMap((p) => {
      const f = found(p);
      return f ? [{ ...f, used: p.used }] : [];
    });
    if (ours.length === 0)
      throw new ModelWriteError("There are no KC model tabs in this workbook; insert them first.");
    const { currency, unit } = ours[0].mark;
    const model = build({ currency, unit, tabs: ours.map((o) => o.mark.tab) });
    const stale = ours.some((o) => o.mark.version !== model.datasetVersion);
    const report: RefreshReport = {
      tabs: ours.map((o) => ({
        tab: o.mark.tab,
        name: o.sheet.name,
        rebuilt: stale,
        from: o.mark.version,
        to: model.datasetVersion,
      })),
      changes: [],
      kept: 0,
      checks: model.checks.length,
      failing: model.failures().length,
      syncs: 0,
      warnings: [],
    };

    let checks = ours.find((o) => o.mark.tab === "checks")?.sheet;
    if (stale) {
      progress("Rebuilding the tabs from the new dataset");
      const names = { ...TAB_NAMES };
      ours.forEach((o, k) => (names[o.mark.tab] = buildName(tx, k)));
      // Every entry of the user's is checked before anything is queued.
      const tabs = ours.map((o) => {
        const plan = model.plans.find((x) => x.key === o.mark.tab) as SheetPlan;
        return { o, plan, kept: keptCells(o, plan) };
      });
      tabs.forEach(({ o, plan, kept }, k) => {
        report.changes.push(...changesOn(model, plan, o.used));
        const sheet = buildTab(tx, model, plan, k, { final: o.sheet.name, names, old: o, kept });
        report.kept += kept.length;
        if (o.mark.tab === "checks") checks = sheet;
      });
      tx.queueSwap();
    }
    progress("Recalculating");
    context.workbook.application.calculate("Full");
    const at = model.plans.find((x) => x.key === "checks")?.cells.find((c) => c.style === "status");
    const status = checks && at ? checks.getCell(at.row, at.col) : undefined;
    status?.load("values");
    await step(tx, syncs, stale ? "Rebuilding the tabs" : "Recalculating", report.warnings);
    report.syncs = syncs.count;
    // After a recovery the status was not read (the batch that loaded it failed).
    if (status && report.warnings.length === 0) report.status = String(status.values[0][0]);
    return report;
  });
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
    const old = held.get(`${keys.get(c.row)}|${header}`);
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
