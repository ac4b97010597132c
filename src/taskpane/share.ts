import type { KcFormulas } from "../core/formulas";
import {
  CONVERSIONS_NAMESPACE,
  ConversionRecord,
  MAX_RECORD_CELLS,
  MAX_RECORD_CHARS,
  ConvertedCell,
  conversionXml,
  readConversionXml,
} from "../data/conversions";
import { a1, rangeA1 } from "../sheets/a1";
import { callsKc, findKcCalls, referencedSheets, renameSheetRefs } from "./formula-text";
import { queueRefReads } from "./ref-values";
import { SheetTransaction, message, newToken, outcomeMessage } from "./sheet-transaction";
import { traceCall } from "./trace";
import type { ExcelApi } from "./writer";

/**
 * Models that travel: a colleague without the add-in sees #NAME? in every cell that calls a KC
 * function (Microsoft treats this as by design: office-js #4185, #6355). So the task pane can
 * replace each such formula by the value it shows, with the formula and the figure's source in a
 * cell note, while every native formula stays live:
 * - in a copy of the chosen sheets, whose formulas are pointed at each other's copies, so that the
 *   copies can be moved to a new workbook together ("Make a shareable copy");
 * - in place, in the selection, with a record of what it replaced (src/data/conversions.ts) kept in
 *   the workbook, so that "Restore formulas" puts it back, also once the workbook is reopened.
 * Each in three syncs (read, read what the notes need, write); sheets not chosen are never touched.
 * Every write is all-or-nothing: a copy is undone (SheetTransaction), a conversion put back, a
 * restore finished.
 */

export class ShareError extends Error {}

/** Values of a KC cell Excel shows while it is still computing: there is no figure to keep yet. */
const NOT_READY: ReadonlySet<string> = new Set(["#BUSY!", "#GETTING_DATA"]);

/** A used range as loaded for sharing. */
interface LoadedUse {
  rowIndex: number;
  columnIndex: number;
  formulas: unknown[][];
  values: unknown[][];
  valueTypes: string[][];
}

interface FormulaCell {
  row: number;
  col: number;
  formula: string;
  value: unknown;
  type: string;
}

/** A conversion in place: what "Restore formulas" puts back, as the workbook records it. */
export type Conversion = ConversionRecord;

export interface ShareReport {
  copies: { from: string; to: string; converted: number }[];
  /** Sheets not copied that the copies' formulas refer to: links back to this workbook. */
  outside: string[];
  syncs: number;
}

/** Every formula of a loaded range, at its place on the sheet. */
function formulaCells(r: LoadedUse): FormulaCell[] {
  const out: FormulaCell[] = [];
  r.formulas.forEach((row, i) =>
    row.forEach((f, j) => {
      if (typeof f === "string" && f.startsWith("="))
        out.push({
          row: r.rowIndex + i,
          col: r.columnIndex + j,
          formula: f,
          value: r.values[i][j],
          type: r.valueTypes[i][j],
        });
    })
  );
  return out;
}

function usedRange(sheet: Excel.Worksheet | Excel.Range): Excel.Range {
  const used = sheet.getUsedRangeOrNullObject(true);
  used.load("rowIndex,columnIndex,formulas,values,valueTypes");
  return used;
}

function refuseIfCalculating(sheet: string, cells: FormulaCell[]): void {
  const busy = cells.filter((c) => NOT_READY.has(String(c.value)));
  if (busy.length)
    throw new ShareError(
      `Excel is still calculating ${busy.length} KC cell${busy.length === 1 ? "" : "s"} (${busy
        .slice(0, 3)
        .map((c) => `${sheet}!${a1(c.row, c.col)}`)
        .join(
          ", "
        )}${busy.length > 3 ? ", …" : ""}): nothing was changed. Try again once they show figures.`
    );
}

/**
 * A value as it is written back so that Excel keeps it exactly: text always behind the apostrophe
 * that marks text (a figure's label may look like a number, a date or a formula), errors as their
 * literal (Excel reads "#N/A" typed in a cell as the error).
 */
function asWritten(value: unknown, type: string): ConvertedCell["shown"][number][number] {
  if (type === "Error" || typeof value !== "string") return value as number | boolean | string;
  return value === "" ? "" : `'${value}`;
}

/** The note that keeps a replaced formula and where its figures come from. */
export function sourceNote(
  kcf: KcFormulas,
  formula: string,
  refValues: Map<string, unknown>,
  spill?: string
): string {
  const lines = [
    `Was ${formula}${spill ? ` (its array filled ${spill})` : ""}`,
    `KC Financials, dataset ${kcf.fin.dataset.version}`,
  ];
  const calls = findKcCalls(formula);
  for (const call of calls) {
    const t = traceCall(kcf, call, refValues);
    const which = calls.length > 1 ? `${t.call}: ` : "";
    if (t.error) lines.push(`${which}${t.error}`);
    for (const s of t.sources) lines.push(`${which}Source: ${s}`);
  }
  return lines.join("\n");
}

/**
 * Queues reading what converting these cells needs (the array each one spills, its note, the cells
 * its KC arguments refer to); after the sync, what to write for each.
 */
function queueConversion(
  context: Excel.RequestContext,
  sheet: Excel.Worksheet,
  cells: FormulaCell[],
  kcf: KcFormulas
): () => ConvertedCell[] {
  const reads = cells.map((c) => {
    const spill = sheet.getCell(c.row, c.col).getSpillingToRangeOrNullObject();
    spill.load("rowIndex,columnIndex,values,valueTypes");
    const note = sheet.notes.getItemOrNullObject(a1(c.row, c.col));
    note.load("content");
    const refs = findKcCalls(c.formula).flatMap((call) =>
      call.args.flatMap((a) => (a.kind === "ref" ? [a.ref] : []))
    );
    return { c, spill, note, refs: queueRefReads(context, sheet, refs) };
  });
  return () =>
    reads.map(({ c, spill, note, refs }) => {
      const spilled =
        !spill.isNullObject && (spill.values.length > 1 || spill.values[0].length > 1);
      const area = spilled
        ? rangeA1(
            spill.rowIndex,
            spill.columnIndex,
            spill.rowIndex + spill.values.length - 1,
            spill.columnIndex + spill.values[0].length - 1
          )
        : a1(c.row, c.col);
      const shown = spilled ? spill.values : [[c.value]];
      const types = spilled ? spill.valueTypes : [[c.type]];
      const before = note.isNullObject ? undefined : note.content;
      const text = sourceNote(kcf, c.formula, refs(), spilled ? area : undefined);
      return {
        address: a1(c.row, c.col),
        area,
        formula: c.formula,
        shown: shown.map((row, i) => row.map((v, j) => asWritten(v, types[i][j]))),
        note: { before, after: before ? `${before}\n\n${text}` : text },
      };
    });
}

/** Blocks of values as one block over their sheet (null leaves a cell alone). */
function valueBlock(
  blocks: { area: string; shown: unknown[][] }[]
): { address: string; grid: unknown[][] } | undefined {
  const areas = blocks.map((b) => parseA1(b.area));
  if (areas.length === 0) return undefined;
  const r0 = Math.min(...areas.map((a) => a.r0));
  const c0 = Math.min(...areas.map((a) => a.c0));
  const r1 = Math.max(...areas.map((a) => a.r1));
  const c1 = Math.max(...areas.map((a) => a.c1));
  const grid = Array.from({ length: r1 - r0 + 1 }, () => Array<unknown>(c1 - c0 + 1).fill(null));
  blocks.forEach((b, k) =>
    b.shown.forEach((row, i) =>
      row.forEach((v, j) => (grid[areas[k].r0 - r0 + i][areas[k].c0 - c0 + j] = v))
    )
  );
  return { address: rangeA1(r0, c0, r1, c1), grid };
}

function parseA1(area: string): { r0: number; c0: number; r1: number; c1: number } {
  const cell = (s: string) => {
    const m = /^([A-Z]+)(\d+)$/.exec(s) as RegExpExecArray;
    return {
      r: Number(m[2]) - 1,
      c: [...m[1]].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1,
    };
  };
  const [from, to = from] = area.split(":");
  const a = cell(from);
  const b = cell(to);
  return { r0: a.r, c0: a.c, r1: b.r, c1: b.c };
}

/** Queues each converted cell's note: a new one, or the source added below the user's own. */
function queueNotes(sheet: Excel.Worksheet, converted: ConvertedCell[]): void {
  for (const c of converted) {
    if (c.note.before === undefined) sheet.notes.add(c.address, c.note.after);
    else sheet.notes.getItemOrNullObject(c.address).content = c.note.after;
  }
}

/** A free name for a sheet's copy, within Excel's 31 characters. */
function copyNames(name: string): string[] {
  return ["", " 2", " 3", " 4", " 5"].map((n) => {
    const suffix = ` (share${n})`;
    return `${name.slice(0, 31 - suffix.length)}${suffix}`;
  });
}

/** Copies the chosen sheets with every KC formula replaced by its value, sourced in a note. */
export async function makeShareableCopy(
  names: string[],
  kcf: KcFormulas,
  api: ExcelApi = Excel
): Promise<ShareReport> {
  if (names.length === 0) throw new ShareError("Choose at least one sheet to copy.");
  return api.run(async (context) => {
    let syncs = 0;
    const sync = async () => {
      syncs++;
      await context.sync();
    };
    const read = async () => {
      try {
        await sync();
      } catch (e) {
        throw new ShareError(
          `Reading the sheets failed (${message(e)}); nothing was changed. Try again.`
        );
      }
    };
    const tx = new SheetTransaction(context);
    const worksheets = context.workbook.worksheets;
    const sources = names.map((name) => {
      const sheet = worksheets.getItemOrNullObject(name);
      sheet.load("name");
      const taken = copyNames(name).map((n) => {
        const p = worksheets.getItemOrNullObject(n);
        p.load("name");
        return { n, p };
      });
      return { sheet, used: usedRange(sheet), taken };
    });
    await read();
    tx.begin();

    const missing = names.filter((_, k) => sources[k].sheet.isNullObject);
    if (missing.length)
      throw new ShareError(
        `There is no sheet named ${missing.map((n) => `"${n}"`).join(", ")} any more: reload the list of sheets.`
      );
    const chosen = new Set<string>();
    const plans = sources.map((s) => {
      const formulas = s.used.isNullObject ? [] : formulaCells(s.used as unknown as LoadedUse);
      const kcCells = formulas.filter((c) => callsKc(c.formula));
      refuseIfCalculating(s.sheet.name, kcCells);
      const to = s.taken.find((t) => t.p.isNullObject && !chosen.has(t.n.toLowerCase()))?.n;
      if (!to)
        throw new ShareError(
          `Sheets named "${copyNames(s.sheet.name)[0]}" up to "(share 5)" exist already: rename or delete some, then try again.`
        );
      chosen.add(to.toLowerCase());
      return { ...s, formulas, kcCells, to };
    });
    if (plans.every((p) => p.kcCells.length === 0))
      throw new ShareError(
        "None of the chosen sheets has a KC formula: they can be shared as they are."
      );
    const reads = plans.map((p) => queueConversion(context, p.sheet, p.kcCells, kcf));
    await read();

    const renames = new Map(plans.map((p) => [p.sheet.name, p.to]));
    const outside = new Set<string>();
    const copies: ShareReport["copies"] = [];
    plans.forEach((p, k) => {
      const converted = reads[k]();
      const copy = tx.copy(p.sheet, p.sheet.name, p.to);
      // The copy's native formulas point at the other copies (and at itself), not the originals.
      const relinked = p.formulas
        .filter((c) => !callsKc(c.formula))
        .flatMap((c) => {
          for (const r of referencedSheets(c.formula)) if (!hasName(renames, r)) outside.add(r);
          const formula = renameSheetRefs(c.formula, renames);
          return formula === c.formula ? [] : [{ area: a1(c.row, c.col), shown: [[formula]] }];
        });
      const block = valueBlock([...converted, ...relinked]);
      if (block) copy.getRange(block.address).formulas = block.grid as string[][];
      queueNotes(copy, converted);
      copies.push({ from: p.sheet.name, to: p.to, converted: converted.length });
    });
    try {
      await sync();
    } catch (e) {
      throw new ShareError(outcomeMessage("Making the copy", e, await tx.recover()));
    }
    return { copies, outside: [...outside], syncs };
  });
}

/** Whether a sheet name is among the keys, as Excel matches names (ignoring case). */
function hasName(names: Map<string, string>, name: string): boolean {
  return [...names.keys()].some((n) => n.toLowerCase() === name.toLowerCase());
}

/** The selection's sheet (loaded: name, id) and address, and the KC formulas in it (one sync). */
async function readSelection(
  context: Excel.RequestContext
): Promise<{ sheet: Excel.Worksheet; address: string; cells: FormulaCell[] }> {
  const selected = context.workbook.getSelectedRange();
  selected.load("address");
  const sheet = context.workbook.worksheets.getActiveWorksheet();
  sheet.load("name,id");
  const used = usedRange(selected);
  await context.sync();
  const cells = used.isNullObject ? [] : formulaCells(used as unknown as LoadedUse);
  return { sheet, address: selected.address, cells: cells.filter((c) => callsKc(c.formula)) };
}

/** What "Convert KC formulas to values" would do to the selection: for the confirmation. */
export async function selectionToConvert(
  api: ExcelApi = Excel
): Promise<{ sheet: string; address: string; count: number }> {
  return api.run(async (context) => {
    const { sheet, address, cells } = await readSelection(context);
    return { sheet: sheet.name, address, count: cells.length };
  });
}

/**
 * Replaces every KC formula in the selection by its value, with its source in a note, and keeps a
 * record of what it replaced in the workbook (one custom XML part, the first operation of the same
 * batch: a batch cut short has the record of whatever of it ran). A failure while writing puts
 * the formulas back from that record. `confirmed`: the address the user agreed to; a selection
 * moved since is refused.
 */
export async function convertSelection(
  kcf: KcFormulas,
  api: ExcelApi = Excel,
  confirmed?: string,
  now: () => Date = () => new Date()
): Promise<Conversion> {
  let failure: unknown;
  const conversion = await api.run(async (context) => {
    const read = async <T>(step: () => Promise<T>) => {
      try {
        return await step();
      } catch (e) {
        throw new ShareError(
          `Reading the selection failed (${message(e)}); nothing was converted. Try again.`
        );
      }
    };
    const { sheet, address, cells } = await read(() => readSelection(context));
    if (confirmed !== undefined && address !== confirmed)
      throw new ShareError(
        `The selection moved to ${address} after you confirmed ${confirmed}: nothing was converted.`
      );
    if (cells.length === 0) throw new ShareError(`The selection (${address}) holds no KC formula.`);
    refuseIfCalculating(sheet.name, cells);
    if (cells.length > MAX_RECORD_CELLS)
      throw new ShareError(
        `The selection (${address}) holds ${cells.length.toLocaleString("en-US")} KC formulas; at most ${MAX_RECORD_CELLS.toLocaleString("en-US")} are converted at once, so that Restore formulas can put them back: select fewer and convert in parts. Nothing was converted.`
      );
    const reads = queueConversion(context, sheet, cells, kcf);
    await read(() => context.sync());
    const record: Conversion = {
      id: newToken(),
      at: now().toISOString(),
      sheet: sheet.name,
      sheetId: sheet.id,
      address,
      cells: reads(),
    };
    const xml = conversionXml(record);
    if (xml.length > MAX_RECORD_CHARS)
      throw new ShareError(
        `The record of this conversion would be ${xml.length.toLocaleString("en-US")} characters; a workbook keeps at most ${MAX_RECORD_CHARS.toLocaleString("en-US")} for one, so that Restore formulas can put it back: select fewer cells and convert in parts. Nothing was converted.`
      );
    // A record Restore would refuse is never written: the conversion could not be put back.
    const check = readConversionXml(xml);
    if (check.kind === "refused")
      throw new ShareError(
        `${check.problem.replace(/ Its cells keep .*$/, "")} Nothing was converted: Restore formulas could not have put it back.`
      );
    context.workbook.customXmlParts.add(xml);
    const block = valueBlock(record.cells);
    if (block) sheet.getRange(block.address).formulas = block.grid as string[][];
    queueNotes(sheet, record.cells);
    try {
      await context.sync();
    } catch (e) {
      failure = e;
    }
    return record;
  });
  if (failure === undefined) return conversion;
  const what = `Converting the formulas failed (${message(failure)})`;
  try {
    await restoreFormulas(api, conversion);
  } catch (e) {
    throw new ShareError(
      `${what}, and putting them back failed too (${message(e)}): some cells of "${conversion.sheet}" may hold values. Press Restore formulas: the conversion's record is in the workbook.`
    );
  }
  throw new ShareError(`${what}; the formulas are as they were.`);
}

export interface Restored {
  sheet: string;
  restored: number;
  /** Cells changed since the conversion, left as they are. */
  changed: string[];
  /** Conversions still recorded in the workbook, restored by the next presses. */
  remaining: number;
  /** A failure on the way that the restore then finished. */
  warnings: string[];
}

/** A conversion recorded in the workbook, and the ids of the parts that hold it. */
interface Recorded {
  record: Conversion;
  parts: string[];
}

/**
 * The conversions the workbook records, latest first, each with its parts; records that cannot be
 * read as ours, in words; the workbook's sheets. Two round trips (the parts, then their XML).
 */
async function readRecords(
  context: Excel.RequestContext
): Promise<{ recorded: Recorded[]; problems: string[]; sheets: { id: string; name: string }[] }> {
  const parts = context.workbook.customXmlParts.getByNamespace(CONVERSIONS_NAMESPACE);
  parts.load("items/id");
  const sheets = context.workbook.worksheets;
  sheets.load("items/id,items/name");
  await context.sync();
  const xmls = parts.items.map((p) => ({ id: p.id, xml: p.getXml() }));
  if (xmls.length) await context.sync();
  const byId = new Map<string, Recorded>();
  const problems: string[] = [];
  for (const { id, xml } of xmls) {
    const read = readConversionXml(xml.value);
    if (read.kind === "refused") {
      problems.push(read.problem);
      continue;
    }
    // A formula that calls no KC function was never converted by the pane: a record that says
    // otherwise would have Restore write a formula of someone else's choosing.
    const foreign = read.record.cells.find((c) => !callsKc(c.formula));
    if (foreign) {
      problems.push(
        `A record of a conversion to values in this workbook names a formula that calls no KC function (${read.record.sheet}!${foreign.address}), which KC Financials never converts: it was not read.`
      );
      continue;
    }
    const held = byId.get(read.record.id);
    if (held) held.parts.push(id);
    else byId.set(read.record.id, { record: read.record, parts: [id] });
  }
  const recorded = [...byId.values()].sort((a, b) =>
    a.record.at < b.record.at ? 1 : a.record.at > b.record.at ? -1 : 0
  );
  return {
    recorded,
    problems,
    sheets: sheets.items.map((x) => ({ id: x.id, name: x.name })),
  };
}

/**
 * Puts back the formulas of the latest conversion the workbook records (or of `only`, the one a
 * failed conversion is undoing), where the cells still hold the values it wrote, takes its text
 * out of the notes it wrote (a cell edited since is left as it is), and deletes its record, in
 * one batch. A failing sync while writing is finished (every step is the same however often it
 * runs: a cell holding its formula again counts as restored), or the message says what is left.
 */
export async function restoreFormulas(api: ExcelApi = Excel, only?: Conversion): Promise<Restored> {
  return api.run(async (context) => {
    let records: Awaited<ReturnType<typeof readRecords>>;
    try {
      records = await readRecords(context);
    } catch (e) {
      throw new ShareError(
        `Reading the workbook's records of conversions failed (${message(e)}); nothing was changed. Try again.`
      );
    }
    const { recorded, problems, sheets } = records;
    const chosen = only
      ? (recorded.find((r) => r.record.id === only.id) ?? { record: only, parts: [] })
      : recorded[0];
    if (!chosen)
      throw new ShareError(
        problems.length
          ? problems.join(" ")
          : "This workbook records no conversion to values: there is nothing to restore."
      );
    // Undoing a conversion whose record never reached the workbook: nothing of it ran.
    if (only && chosen.parts.length === 0)
      return {
        sheet: only.sheet,
        restored: 0,
        changed: [],
        remaining: recorded.length,
        warnings: [],
      };
    const remaining = recorded.length - (recorded.includes(chosen) ? 1 : 0);
    // By id, and by name where the id finds nothing (ASSUMED: Microsoft does not document that a
    // worksheet's id stays the same once the file is saved and opened elsewhere).
    const sheet =
      sheets.find((x) => x.id === chosen.record.sheetId) ??
      sheets.find((x) => x.name.toLowerCase() === chosen.record.sheet.toLowerCase());
    if (!sheet) {
      for (const id of chosen.parts) context.workbook.customXmlParts.getItem(id).delete();
      await context.sync().catch(() => undefined);
      throw new ShareError(
        `The sheet "${chosen.record.sheet}" was deleted: there is nothing to restore, and its record of the conversion is removed.`
      );
    }
    let first: unknown;
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        const done = await restoreOnce(context, chosen, sheet.id);
        const warnings = first
          ? [`Restoring failed part way (${message(first)}); it was finished afterwards.`]
          : [];
        return { ...done, remaining, warnings };
      } catch (e) {
        if (e instanceof ShareError) throw e;
        first ??= e;
      }
    }
    throw new ShareError(
      `Restoring the formulas failed (${message(first)}), and finishing it failed too: some cells of "${chosen.record.sheet}" (${chosen.record.address}) may hold their formulas again and others still values. The conversion's record is still in the workbook: press Restore formulas again to finish.`
    );
  });
}

/** One pass of a restore: reads the cells, then writes what they lack and deletes the record. */
async function restoreOnce(
  context: Excel.RequestContext,
  { record, parts }: Recorded,
  sheetId: string
): Promise<Pick<Restored, "sheet" | "restored" | "changed">> {
  const sheet = context.workbook.worksheets.getItem(sheetId);
  sheet.load("name");
  const reads = record.cells.map((c) => {
    const range = sheet.getRange(c.area);
    range.load("values,formulas");
    const note = sheet.notes.getItemOrNullObject(c.address);
    note.load("content");
    return { c, range, note };
  });
  // A pass after one whose batch ran and whose answer was lost finds the record gone.
  const records = parts.map((id) => {
    const part = context.workbook.customXmlParts.getItemOrNullObject(id);
    part.load("id");
    return part;
  });
  await context.sync();
  const result = { sheet: sheet.name, restored: 0, changed: [] as string[] };
  for (const { c, range, note } of reads) {
    const holdsFormula = range.formulas[0][0] === c.formula;
    const holdsValues =
      range.formulas.every((row) => row.every((f) => !String(f).startsWith("="))) &&
      JSON.stringify(range.values) === JSON.stringify(shownValues(c.shown));
    if (holdsValues) {
      // One operation for the whole area: its other cells emptied for the array to spill into.
      sheet.getRange(c.area).formulas = c.shown.map((row, i) =>
        row.map((_, j) => (i === 0 && j === 0 ? c.formula : ""))
      );
      result.restored++;
    } else if (holdsFormula) result.restored++;
    else result.changed.push(c.address);
    if (!note.isNullObject && note.content === c.note.after) {
      if (c.note.before === undefined) note.delete();
      else note.content = c.note.before;
    }
  }
  for (const part of records) if (!part.isNullObject) part.delete();
  await context.sync();
  return result;
}

/** The values Excel shows for what was written (text without its apostrophe). */
function shownValues(written: unknown[][]): unknown[][] {
  return written.map((row) =>
    row.map((v) => (typeof v === "string" && v.startsWith("'") ? v.slice(1) : v))
  );
}
