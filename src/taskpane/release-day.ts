import { STORED_NAMESPACE } from "../data/stored";
import type { Dataset } from "../domain/dataset";
import type { LogEntry } from "../sheets/log-entries";
import { queueLog } from "./log-writer";
import { SheetTransaction, message } from "./sheet-transaction";
import { WorkbookData, queueStoreData, readWorkbookData } from "./workbook-data";
import { ExcelApi, ModelWriteError } from "./writer";

/**
 * Stores a dataset in the workbook (the releases its KC functions then answer from) and logs why,
 * as one transaction: the stored part and the log rows are written in one batch, and a sync that
 * fails leaves neither. Reads first (the parts, the log tab), writes in one sync.
 */
export async function storeDataset(
  api: ExcelApi,
  dataset: Dataset,
  entries: readonly LogEntry[]
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
