import { rangeA1 } from "../sheets/a1";
import type { Model } from "../sheets/model";
import type { ModelOptions, SheetPlan, TabKey } from "../sheets/types";
import { HEADER_ROW, TAB_KEYS, TAB_NAMES } from "../sheets/types";
import { SheetWrites, sheetWrites } from "./sheet-cells";

/**
 * Applies model plans to the workbook with Office.js in as few round trips as the job allows:
 * building any number of tabs takes three `context.sync()` calls, refreshing two.
 *
 * Build: (1) look at the names the tabs would take and which of those sheets are ours;
 * (2) write every tab under a temporary name; (3) delete the tabs being replaced and give the new
 * ones their names. A failure while writing deletes the temporary sheets, so the workbook is left
 * as it was. A sheet we did not create is never replaced: the tab takes a free name instead.
 */

/** Worksheet custom property that marks a sheet as ours, with what it was built from. */
export const MARK = "KCFinancials";

export interface TabMark {
  tab: TabKey;
  version: string;
  currency: ModelOptions["currency"];
  unit: ModelOptions["unit"];
}

export type Progress = (message: string) => void;

export interface BuildReport {
  tabs: { tab: TabKey; name: string; replaced: boolean }[];
  /** Tabs that could not take their own name because a sheet of the user's has it. */
  renamed: { tab: TabKey; wanted: string; used: string }[];
  checks: number;
  failing: number;
  syncs: number;
}

export class ModelWriteError extends Error {}

/** The part of Office.js's `Excel` the writer uses (tests pass a mock workbook's). */
export interface ExcelApi {
  run<T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T>;
}

interface Probe {
  name: string;
  sheet: Excel.Worksheet;
  mark: Excel.WorksheetCustomProperty;
}

/** A tab's own name, then the names it falls back to beside a user's sheet of that name. */
export function candidateNames(name: string): string[] {
  return [name, ...[2, 3, 4, 5, 6, 7, 8, 9].map((n) => `${name} (${n})`)];
}

function probe(context: Excel.RequestContext, name: string): Probe {
  const sheet = context.workbook.worksheets.getItemOrNullObject(name);
  sheet.load("name");
  const mark = sheet.customProperties.getItemOrNullObject(MARK);
  mark.load("value");
  return { name, sheet, mark };
}

function markOf(p: Probe): TabMark | undefined {
  if (p.sheet.isNullObject || p.mark.isNullObject) return undefined;
  try {
    return JSON.parse(p.mark.value) as TabMark;
  } catch {
    return undefined;
  }
}

function counting(context: Excel.RequestContext): () => Promise<number> {
  let n = 0;
  return async () => {
    await context.sync();
    return ++n;
  };
}

export async function insertModel(
  model: Model,
  progress: Progress = () => undefined,
  api: ExcelApi = Excel
): Promise<BuildReport> {
  return api.run(async (context) => {
    const sync = counting(context);
    progress("Reading the workbook's sheets");
    const stamp = Math.random().toString(16).slice(2, 6);
    const probes = new Map<string, Probe>();
    for (const plan of model.plans)
      for (const name of candidateNames(plan.name)) probes.set(name, probe(context, name));
    const temps = model.plans.map((_, k) => `~KC build ${stamp} ${k + 1}`);
    const tempProbes = temps.map((t) => probe(context, t));
    await sync();

    if (tempProbes.some((p) => !p.sheet.isNullObject))
      throw new ModelWriteError("A temporary sheet name is taken; try again.");
    const names = {} as Record<TabKey, string>;
    const replaced: Excel.Worksheet[] = [];
    const report: BuildReport = {
      tabs: [],
      renamed: [],
      checks: model.checks.length,
      failing: model.failures().length,
      syncs: 0,
    };
    for (const plan of model.plans) {
      const free = candidateNames(plan.name).find((n) => {
        const p = probes.get(n) as Probe;
        return p.sheet.isNullObject || markOf(p)?.tab === plan.key;
      });
      if (!free)
        throw new ModelWriteError(
          `No free name for ${plan.name}: sheets up to "${plan.name} (9)" are the user's.`
        );
      const existing = probes.get(free) as Probe;
      const isReplacing = !existing.sheet.isNullObject;
      if (isReplacing) replaced.push(existing.sheet);
      names[plan.key] = free;
      report.tabs.push({ tab: plan.key, name: free, replaced: isReplacing });
      if (free !== plan.name) report.renamed.push({ tab: plan.key, wanted: plan.name, used: free });
    }

    progress(`Writing ${model.plans.length} tabs`);
    const tempNames = { ...TAB_NAMES };
    model.plans.forEach((p, k) => (tempNames[p.key] = temps[k]));
    const created = model.plans.map((plan, k) => {
      const sheet = context.workbook.worksheets.add(temps[k]);
      writeSheet(sheet, sheetWrites(plan, { names: tempNames }));
      sheet.customProperties.add(MARK, JSON.stringify(markFor(model, plan)));
      return sheet;
    });
    try {
      await sync();
    } catch (e) {
      await removeSheets(context, temps);
      throw new ModelWriteError(
        `Writing the model failed (${e instanceof Error ? e.message : String(e)}); nothing was changed in the workbook.`
      );
    }

    progress("Putting the tabs in place");
    for (const sheet of replaced) sheet.delete();
    model.plans.forEach((plan, k) => {
      created[k].name = names[plan.key];
    });
    created[0]?.activate();
    report.syncs = await sync();
    return report;
  });
}

function markFor(model: Model, plan: SheetPlan): TabMark {
  return {
    tab: plan.key,
    version: model.datasetVersion,
    currency: model.options.currency,
    unit: model.options.unit,
  };
}

/** Deletes whichever of these sheets exist (after a failed build). */
async function removeSheets(context: Excel.RequestContext, names: string[]): Promise<void> {
  try {
    const sheets = names.map((n) => {
      const s = context.workbook.worksheets.getItemOrNullObject(n);
      s.load("name");
      return s;
    });
    await context.sync();
    for (const s of sheets) if (!s.isNullObject) s.delete();
    await context.sync();
  } catch {
    // The build has already failed; the message the user sees says so.
  }
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
  if (w.freeze.columns === 0) sheet.freezePanes.freezeRows(w.freeze.rows);
  else if (w.freeze.rows === 0) sheet.freezePanes.freezeColumns(w.freeze.columns);
  else
    sheet.freezePanes.freezeAt(
      sheet.getRange(rangeA1(0, 0, w.freeze.rows - 1, w.freeze.columns - 1))
    );
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
  checks: number;
  failing: number;
  /** What the KC Checks tab shows after recalculation (Excel may still be calculating KC cells). */
  status?: string;
  syncs: number;
}

/**
 * Recalculates the workbook and rebuilds, in place, the tabs built from an older dataset (their
 * mark records the version), reporting every figure that changed and whether every check passes.
 */
export async function refreshModel(
  build: (options: ModelOptions) => Model,
  progress: Progress = () => undefined,
  api: ExcelApi = Excel
): Promise<RefreshReport> {
  return api.run(async (context) => {
    const sync = counting(context);
    progress("Finding the model tabs");
    const probes: Probe[] = [];
    const used = new Map<string, Excel.Range>();
    for (const key of TAB_KEYS) {
      for (const name of candidateNames(TAB_NAMES[key])) {
        const p = probe(context, name);
        probes.push(p);
        const r = p.sheet.getUsedRangeOrNullObject(true);
        r.load("values");
        used.set(name, r);
      }
    }
    await sync();

    const ours = probes
      .map((p) => ({ p, mark: markOf(p) }))
      .filter((x): x is { p: Probe; mark: TabMark } => !!x.mark);
    if (ours.length === 0)
      throw new ModelWriteError("There are no KC model tabs in this workbook; insert them first.");
    const { currency, unit } = ours[0].mark;
    const model = build({ currency, unit, tabs: ours.map((o) => o.mark.tab) });
    const names = { ...TAB_NAMES };
    for (const o of ours) names[o.mark.tab] = o.p.name;

    progress("Recalculating");
    const report: RefreshReport = {
      tabs: [],
      changes: [],
      checks: model.checks.length,
      failing: model.failures().length,
      syncs: 0,
    };
    for (const { p, mark } of ours) {
      const plan = model.plans.find((x) => x.key === mark.tab) as SheetPlan;
      const rebuilt = mark.version !== model.datasetVersion;
      report.tabs.push({
        tab: mark.tab,
        name: p.name,
        rebuilt,
        from: mark.version,
        to: model.datasetVersion,
      });
      if (!rebuilt) continue;
      report.changes.push(...changesOn(model, plan, used.get(p.name) as Excel.Range));
      p.sheet.getRange().clear();
      writeSheet(p.sheet, sheetWrites(plan, { names }));
      p.sheet.customProperties.add(MARK, JSON.stringify(markFor(model, plan)));
    }
    context.workbook.application.calculate("Full");
    const checks = ours.find((o) => o.mark.tab === "checks");
    const statusCell =
      checks &&
      model.plans.find((x) => x.key === "checks")?.cells.find((c) => c.style === "status");
    const status =
      checks && statusCell ? checks.p.sheet.getCell(statusCell.row, statusCell.col) : undefined;
    status?.load("values");
    report.syncs = await sync();
    if (status) report.status = String(status.values[0][0]);
    return report;
  });
}

/**
 * Figures of a tab that differ between what the sheet holds and what the new plan computes,
 * matched by line label and column header (a new release may add or move lines).
 */
function changesOn(model: Model, plan: SheetPlan, used: Excel.Range): RefreshReport["changes"] {
  const before = new Map<string, unknown>();
  if (!used.isNullObject) {
    const v = used.values;
    const headers = v[HEADER_ROW] ?? [];
    v.forEach((row, r) => {
      if (r > HEADER_ROW)
        row.forEach((cell, c) => c > 0 && before.set(`${row[0]}|${headers[c]}`, cell));
    });
  }
  const labels = new Map<number, string>();
  const headers = new Map<number, string>();
  for (const c of plan.cells) {
    if (c.col === 0 && typeof c.value === "string") labels.set(c.row, c.value);
    if (c.row === HEADER_ROW && typeof c.value === "string") headers.set(c.col, c.value);
  }
  const out: RefreshReport["changes"] = [];
  for (const c of plan.cells) {
    if (!c.formula || c.style === "check" || c.row <= HEADER_ROW) continue;
    const line = labels.get(c.row) ?? "";
    const column = headers.get(c.col) ?? "";
    const now = model.value({ tab: plan.key, row: c.row, col: c.col });
    const after = typeof now === "object" && "toNumber" in now ? now.toNumber() : now;
    const old = before.get(`${line}|${column}`);
    if (
      typeof after === "number" &&
      typeof old === "number" &&
      Math.abs(after - old) <= 1e-9 * Math.max(1, Math.abs(after))
    )
      continue;
    if (after === old) continue;
    out.push({ tab: plan.key, line, column, before: old ?? null, after });
  }
  return out;
}
