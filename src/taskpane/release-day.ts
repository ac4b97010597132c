import type { Review } from "../data/ingest/ingest";
import { STORED_NAMESPACE, releasesOf } from "../data/stored";
import type { Dataset } from "../domain/dataset";
import { InUse, useDataset } from "../functions/dataset-in-use";
import { LogEntry, LogSource, releaseSummary } from "../sheets/log-entries";
import { buildModel } from "../sheets/model";
import { callsKc } from "./formula-text";
import { queueLog } from "./log-writer";
import { SheetTransaction, message } from "./sheet-transaction";
import { WorkbookData, queueStoreData, readWorkbookData } from "./workbook-data";
import {
  ExcelApi,
  ModelWriteError,
  NoModelTabsError,
  Progress,
  RefreshReport,
  refreshModel,
} from "./writer";

/** How the model tabs took a release: rolled forward, none there, or not (and why). */
export type Rolled =
  { kind: "rolled"; report: RefreshReport } | { kind: "no tabs" } | { kind: "failed"; why: string };

export interface Added {
  /** What the functions answer from now: the workbook's releases, the new one among them. */
  inUse: InUse;
  rolled: Rolled;
  /** The cells with KC formulas recalculated, the analyst's own among them. */
  recalculated: number;
  /** What could not be done beside (a log line not written), said to the analyst. */
  warnings: string[];
}

/**
 * Adds a reviewed release to the workbook. First the releases are stored with the log's lines, as
 * one transaction; then the functions answer from them and the model tabs roll forward as a
 * refresh does (a transaction of its own), and the refresh is logged. Were the roll to fail, the
 * tabs still show what they showed (their cells name fixed periods) and Refresh tries again.
 */
export async function addRelease(
  api: ExcelApi,
  review: Review,
  source: LogSource,
  progress: Progress = () => undefined,
  now: () => Date = () => new Date()
): Promise<Added> {
  progress("Storing the release in the workbook");
  await storeDataset(
    api,
    review.dataset,
    [releaseEntry(review, source, now())],
    review.baseVersion
  );
  const inUse = useDataset(review.dataset, "workbook");
  const warnings: string[] = [];
  let rolled: Rolled;
  try {
    const report = await refreshModel((o) => buildModel(inUse.kcf.fin, o), progress, api);
    rolled = { kind: "rolled", report };
    const failed = await logActions(api, [
      {
        at: now(),
        action: "model refreshed",
        releases: releasesOf(review.dataset),
        source,
        summary: `Model tabs rolled forward to ${review.dataset.latestQuarter}: ${report.changes.length} figures changed, ${report.tabs.reduce((n, t) => n + t.inserted.columns, 0)} columns and ${report.tabs.reduce((n, t) => n + t.inserted.rows, 0)} rows inserted`,
      },
    ]);
    if (failed) warnings.push(failed);
  } catch (e) {
    rolled =
      e instanceof NoModelTabsError ? { kind: "no tabs" } : { kind: "failed", why: message(e) };
  }
  let recalculated = 0;
  try {
    recalculated = await recalculateKcCells(api);
  } catch (e) {
    warnings.push(
      `Your own cells with KC formulas were not recalculated (${message(e)}): until Excel recalculates them they show figures of the releases before this one.`
    );
  }
  return { inUse, rolled, recalculated, warnings };
}

/**
 * Recalculates every cell of the workbook whose formula calls a KC function, and only those (a
 * full recalculation would re-run every other add-in's formulas): Excel does not recalculate a
 * custom function's cells when what it answers from changes, so an analyst's `KC.VALUE(...,"LQ")`
 * would keep the previous quarter beside tabs that show the new one. Reads every sheet's formulas
 * once; the number of cells recalculated.
 */
async function recalculateKcCells(api: ExcelApi): Promise<number> {
  return api.run(async (context) => {
    const sheets = context.workbook.worksheets;
    sheets.load("items/name");
    await context.sync();
    const used = sheets.items.map((sheet) => {
      const range = sheet.getUsedRangeOrNullObject();
      range.load("formulas,rowIndex,columnIndex");
      return { sheet, range };
    });
    await context.sync();
    let cells = 0;
    for (const { sheet, range } of used) {
      if (range.isNullObject) continue;
      range.formulas.forEach((row, r) =>
        row.forEach((formula, c) => {
          if (!callsKc(formula)) return;
          sheet.getCell(range.rowIndex + r, range.columnIndex + c).calculate();
          cells++;
        })
      );
    }
    if (cells) await context.sync();
    return cells;
  });
}

/** The log's line for a release added, with a line of its own for each restatement accepted. */
export function releaseEntry(review: Review, source: LogSource, at: Date): LogEntry {
  const release = review.incoming.latestQuarter;
  return {
    at,
    action: "release added",
    releases: [release],
    source,
    summary: releaseSummary(release, review.newFigures, review.restatements.length),
    restatements: review.restatements,
  };
}

/**
 * Records actions already done (an insert, a refresh) in the KC Log, as a transaction of its own;
 * the words of what could not be recorded, if it could not (the action itself stands).
 */
export async function logActions(
  api: ExcelApi,
  entries: readonly LogEntry[]
): Promise<string | undefined> {
  try {
    return await api.run(async (context): Promise<string | undefined> => {
      const log = await queueLog(context, entries);
      try {
        await context.sync();
        return undefined;
      } catch (e) {
        const undone = await log.undo();
        // What the undo could not take back is named: the log is then not as it was.
        if (undone.left.length)
          return `The KC Log could not record this (${message(e)}); left in the log: ${undone.left.join("; ")}. The change itself was made.`;
        throw e;
      }
    });
  } catch (e) {
    return `The KC Log could not record this (${message(e)}); the log is as it was, and the change itself was made.`;
  }
}

/**
 * Stores a dataset in the workbook (the releases its KC functions then answer from) and logs why,
 * as one transaction: the stored part and the log rows are written in one batch, and a sync that
 * fails leaves neither. Reads first (the parts, the log tab), writes in one sync.
 */
export async function storeDataset(
  api: ExcelApi,
  dataset: Dataset,
  entries: readonly LogEntry[],
  /** The stored dataset the change was made to (a review's base); none where none was stored. */
  base?: string
): Promise<void> {
  await api.run(async (context) => {
    let held: WorkbookData;
    try {
      held = await readWorkbookData(context);
    } catch (e) {
      throw new ModelWriteError(
        `Reading the workbook's stored releases failed (${message(e)}); nothing was changed.`
      );
    }
    refuseReplacing(held, base);
    const tx = new SheetTransaction(context);
    const log = await queueLog(context, entries, tx);
    queueStoreData(context, dataset, held);
    try {
      await context.sync();
    } catch (e) {
      const settled = await settleStore(context, held);
      // The batch ran to its end and only its answer was lost: the store is whole, log and all.
      if (settled === "done") return;
      const left = [...settled, ...(await log.undo()).left];
      throw new ModelWriteError(
        left.length
          ? `Storing the releases failed (${message(e)}); it was undone, except: ${left.join("; ")}.`
          : `Storing the releases failed (${message(e)}); the workbook is as it was.`
      );
    }
  });
}

/**
 * Stored releases are replaced only by a dataset made from them: never where they could not be
 * read (a later version's format, a damaged part: replacing them would lose them without a word),
 * and never where they changed since the change was made (another pane, another add).
 */
function refuseReplacing(held: WorkbookData, base: string | undefined): void {
  const stored = held.stored;
  if (stored?.kind === "refused")
    throw new ModelWriteError(
      `This workbook's stored releases could not be read (${stored.problems.join(" ")}), and storing others would replace them; nothing was changed. Open the workbook with the version of KC Financials that wrote them, or remove the part if it is damaged.`
    );
  const now = stored?.kind === "held" ? stored.dataset.version : undefined;
  if (now !== undefined && now !== base)
    throw new ModelWriteError(
      `This workbook's stored releases changed since this was reviewed (now dataset ${now}); nothing was changed. Review the release again.`
    );
}

/**
 * After a failing sync, what the batch did: the store's operations come last (the new part added,
 * then the old ones deleted), so a new part with every old one still there means it stopped
 * before its end, and that part is deleted ("as before" once the log is undone too); an old part
 * gone, or the only part new where there was none, means it ran to its end ("done").
 */
async function settleStore(
  context: Excel.RequestContext,
  held: WorkbookData
): Promise<"done" | string[]> {
  try {
    const parts = context.workbook.customXmlParts.getByNamespace(STORED_NAMESPACE);
    parts.load("items/id");
    await context.sync();
    const now = new Set(parts.items.map((p) => p.id));
    const before = new Set(held.parts);
    const added = parts.items.filter((p) => !before.has(p.id));
    const ranToEnd = held.parts.length ? held.parts.some((id) => !now.has(id)) : added.length > 0;
    if (ranToEnd) {
      // An old part the batch did not get to delete is harmless: the newer generation answers.
      for (const id of held.parts) if (now.has(id)) parts.getItem(id).delete();
      await context.sync().catch(() => undefined);
      return "done";
    }
    for (const p of added) p.delete();
    await context.sync();
    return [];
  } catch (e) {
    return [
      `the releases stored may be the new ones (${message(e)}): close the workbook without saving to keep it as it was`,
    ];
  }
}
