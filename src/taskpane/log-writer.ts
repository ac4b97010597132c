import { columnLetter, rangeA1 } from "../sheets/a1";
import {
  LOG_COLUMNS,
  LOG_TAB_NAME,
  LogEntry,
  cellValue,
  logHeader,
  logRows,
} from "../sheets/log-entries";
import { areaBox } from "./sheet-cells";
import { CREATED_BY, Outcome, SheetTransaction, message } from "./sheet-transaction";

/**
 * Appends the KC Log's rows (src/sheets/log-entries.ts) to the workbook within the caller's
 * batch, so that the log of an action is written by the same sync as the action: a failing sync
 * leaves neither, once the caller has undone its part and called `LogWrite.undo`.
 *
 * The log tab is found by its mark (a worksheet custom property, as the model tabs are), under
 * whatever name the analyst gave it and wherever they moved it. Where there is none, a new sheet
 * is added at the end of the workbook. Nothing of the analyst's is overwritten, deleted or moved:
 * rows go below the last used row of the tab, below whatever the analyst typed under the log.
 */

/** Worksheet custom property marking the log tab: the keys of its columns, as JSON. */
export const LOG_MARK = "KCFinancialsLog";

export class LogWriteError extends Error {}

/** At most this many sheets are looked through for the log's mark (as for the model tabs). */
const MAX_SHEETS = 100;

/** The log's own name, then the names it falls back to beside a sheet of the analyst's. */
const CANDIDATES = [LOG_TAB_NAME, ...[2, 3, 4, 5, 6, 7, 8, 9].map((n) => `${LOG_TAB_NAME} (${n})`)];

interface Chained {
  sheet: Excel.Worksheet;
  mark: Excel.WorksheetCustomProperty;
  used: Excel.Range;
  protection: Excel.WorksheetProtection;
}

/** What `readLog` queued: read at the caller's next sync. */
export interface LogRead {
  chain: Chained[];
  candidates: Excel.Worksheet[];
  structure: Excel.WorkbookProtection;
}

/** The rows a write queued, and how to take them back after a failing sync. */
export interface LogWrite {
  /** The log tab's name. */
  sheet: string;
  /** Where the rows go ("A1:M3", the header included on a new tab). */
  address: string;
  created: boolean;
  /**
   * After a failing sync: takes the rows back (clears them; a tab the write added is deleted
   * through the transaction). Its own syncs; says what is left where it could not.
   */
  undo(): Promise<Outcome>;
}

/**
 * Queues reading what the log needs: every sheet's name, log mark, used range and protection
 * (a chain from the first sheet, null objects past the last), the names a new log tab could
 * take, and whether the workbook's structure is protected. No sync: the caller's next one reads
 * it, before anything is written.
 */
export function readLog(context: Excel.RequestContext): LogRead {
  const sheets = [context.workbook.worksheets.getFirst()];
  while (sheets.length < MAX_SHEETS) sheets.push(sheets[sheets.length - 1].getNextOrNullObject());
  const chain = sheets.map((sheet): Chained => {
    const mark = sheet.customProperties.getItemOrNullObject(LOG_MARK);
    mark.load("value");
    // Formats count: an analyst's coloured cells below the log are theirs too.
    const used = sheet.getUsedRangeOrNullObject(false);
    used.load("address");
    const protection = sheet.protection;
    protection.load("protected");
    sheet.load("name,id");
    return { sheet, mark, used, protection };
  });
  const candidates = CANDIDATES.map((name) => {
    const s = context.workbook.worksheets.getItemOrNullObject(name);
    s.load("name");
    return s;
  });
  const structure = context.workbook.protection;
  structure.load("protected");
  return { chain, candidates, structure };
}

const KEYS = LOG_COLUMNS.map((c) => c.key as string);

/** The column keys a log mark records, if it is one (a mark is read from an editable workbook). */
function markColumns(value: string): string[] | undefined {
  try {
    const m = JSON.parse(value) as { columns?: unknown };
    return Array.isArray(m.columns) && m.columns.every((k) => typeof k === "string")
      ? m.columns
      : undefined;
  } catch {
    return undefined;
  }
}

/** The last row (0-based) a used-range address reaches ("'KC Log'!A1:M7" → 6). */
function lastRow(address: string): number {
  const local = address.slice(address.lastIndexOf("!") + 1).replace(/\$/g, "");
  const box = areaBox(local);
  if (!box)
    throw new LogWriteError(
      `Nothing was changed: Excel gave the used range of the log tab as "${address}", where one area of cells ("A1:M7") was expected, so the add-in cannot tell where the log ends. Please report this to the add-in's maintainers.`
    );
  return box.r1;
}

function write(sheet: Excel.Worksheet, row: number, values: (string | number | null)[][]): string {
  const address = rangeA1(row, 0, row + values.length - 1, LOG_COLUMNS.length - 1);
  sheet.getRange(address).values = values as string[][];
  return address;
}

/**
 * After the sync that read `read`: queues the entries' rows at the end of the log tab, adding the
 * tab (through `tx`, so that its recovery deletes it) where there is none. Refuses, before
 * queuing anything, what Excel would refuse or what would be a guess: a protected log tab, two
 * tabs that carry the log's mark, a log of another version's columns, a workbook whose structure
 * is protected when the tab must be added. Call it before queuing the action it records, so that
 * a refusal leaves nothing queued for a later sync to send.
 */
export function queueLogRows(
  context: Excel.RequestContext,
  read: LogRead,
  entries: readonly LogEntry[],
  tx: SheetTransaction
): LogWrite {
  const logs = read.chain.filter(
    (c) => !c.sheet.isNullObject && !c.mark.isNullObject && markColumns(c.mark.value) !== undefined
  );
  const rows = logRows(entries).map((r) => r.map(cellValue));
  if (logs.length > 1)
    throw new LogWriteError(
      `Nothing was changed: ${logs.map((c) => `"${c.sheet.name}"`).join(" and ")} both carry the mark of the KC Log, and the add-in will not guess which one is the log. Copy the cells of the one that is not to a new sheet (a copy of the cells carries no mark), delete it, and try again.`
    );
  if (logs.length === 1) {
    const [log] = logs;
    const name = log.sheet.name;
    if (log.protection.protected)
      throw new LogWriteError(
        `Nothing was changed: "${name}", the workbook's log, is protected, so this change could not be recorded in it. Unprotect it (Review > Unprotect Sheet) and try again.`
      );
    const columns = markColumns(log.mark.value) as string[];
    if (columns.join() !== KEYS.join())
      throw new LogWriteError(
        `Nothing was changed: "${name}" was written by another version of KC Financials, with other columns (${columns.join(", ")}). Rename it (it stays in the workbook as the record it is) and try again: a new KC Log will be started.`
      );
    const next = log.used.isNullObject ? 0 : lastRow(log.used.address) + 1;
    const values = next === 0 ? [logHeader().map(cellValue), ...rows] : rows;
    const address = write(log.sheet, next, values);
    return {
      sheet: name,
      address,
      created: false,
      undo: () => clearRows(context, log.sheet, name, address),
    };
  }
  if (read.structure.protected)
    throw new LogWriteError(
      `Nothing was changed: the workbook's structure is protected, so the "${LOG_TAB_NAME}" tab that records this change cannot be added. Unprotect it (Review > Protect Workbook) and try again.`
    );
  const name = CANDIDATES.find((_, k) => read.candidates[k].isNullObject);
  if (!name)
    throw new LogWriteError(
      `Nothing was changed: sheets up to "${CANDIDATES.at(-1)}" are yours, so the log that records this change has no name to take. Rename one of them and try again.`
    );
  const sheet = tx.add(name);
  sheet.customProperties.add(LOG_MARK, JSON.stringify({ columns: KEYS }));
  const address = write(sheet, 0, [logHeader().map(cellValue), ...rows]);
  sheet.getRange(`A1:${columnLetter(LOG_COLUMNS.length - 1)}1`).format.font.bold = true;
  LOG_COLUMNS.forEach((c, k) => {
    sheet.getRange(`${columnLetter(k)}:${columnLetter(k)}`).format.columnWidth = c.width * 7;
  });
  sheet.freezePanes.freezeRows(1);
  return {
    sheet: name,
    address,
    created: true,
    undo: async () => {
      await deleteBare(context, name);
      return tx.recover();
    },
  };
}

/**
 * Deletes the sheet named `name` if it is empty and carries no transaction's mark: what a batch
 * leaves that stopped right after adding the log tab, before marking it. The name was free when
 * the log was read, so the sheet is new since, and an empty sheet holds nothing to lose. What it
 * cannot do, the transaction's recovery then names.
 */
async function deleteBare(context: Excel.RequestContext, name: string): Promise<void> {
  try {
    const sheet = context.workbook.worksheets.getItemOrNullObject(name);
    sheet.load("id");
    const used = sheet.getUsedRangeOrNullObject(false);
    used.load("address");
    const created = sheet.customProperties.getItemOrNullObject(CREATED_BY);
    created.load("value");
    await context.sync();
    if (sheet.isNullObject || !used.isNullObject || !created.isNullObject) return;
    context.workbook.worksheets.getItem(sheet.id).delete();
    await context.sync();
  } catch {
    // The recovery that follows looks again and says what is left.
  }
}

/**
 * Empties rows the write appended. They were below everything on the tab when it was read, so
 * emptying them is the tab as it was. ASSUMED: Excel's "Contents" clear also forgets the text
 * prefix of a value written with a leading apostrophe (Excel keeps it as the cell's style's
 * quotePrefix); where it did not, the emptied cells would take what is typed in them as text.
 */
async function clearRows(
  context: Excel.RequestContext,
  sheet: Excel.Worksheet,
  name: string,
  address: string
): Promise<Outcome> {
  let failure = "";
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      sheet.getRange(address).clear("Contents");
      await context.sync();
      return { kind: "as-before", left: [] };
    } catch (e) {
      failure = message(e);
    }
  }
  return {
    kind: "left",
    left: [
      `whatever the attempt wrote in ${address} of "${name}" (those cells were empty): clear them`,
    ],
    failure,
  };
}

/**
 * `readLog`, its sync, then `queueLogRows`: the one sync of its own is the read. Call it before
 * queuing the action it records (whatever is queued before goes with the read); the caller's next
 * sync writes the action and its log together.
 */
export async function queueLog(
  context: Excel.RequestContext,
  entries: readonly LogEntry[],
  tx: SheetTransaction = new SheetTransaction(context)
): Promise<LogWrite> {
  const read = readLog(context);
  try {
    await context.sync();
  } catch (e) {
    throw new LogWriteError(
      `Reading the workbook's log failed (${message(e)}); nothing was changed.`
    );
  }
  tx.begin();
  return queueLogRows(context, read, entries, tx);
}
