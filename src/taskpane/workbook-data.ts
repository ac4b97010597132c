import { STORED_NAMESPACE, StoredRead, readStoredParts, storedXml } from "../data/stored";
import type { Dataset } from "../domain/dataset";
import { InUse, useBundled, useWorkbookRead } from "../functions/dataset-in-use";
import { supports } from "./host";
import type { ExcelApi } from "./writer";

/**
 * The workbook's stored releases in Excel: one custom XML part in the namespace of
 * src/data/stored.ts, through Excel.CustomXmlPartCollection and CustomXmlPartScopedCollection
 * (Excel JavaScript API 1.5: https://learn.microsoft.com/javascript/api/excel/excel.customxmlpartcollection,
 * https://learn.microsoft.com/javascript/api/excel/excel.customxmlpartscopedcollection,
 * https://learn.microsoft.com/javascript/api/excel/excel.customxmlpart: `getXml`, `delete`, `id`).
 */
export const CUSTOM_XML_API = "1.5";

/** What the workbook holds of ours. */
export interface WorkbookData {
  /** The ids of the parts in the namespace: what the next store replaces. */
  parts: string[];
  /** What they hold; absent where there is none (every workbook before this version). */
  stored?: StoredRead;
}

/**
 * Reads the stored releases: one round trip where the workbook has none, two where it has some.
 * The parts are listed first rather than taken with `getOnlyItemOrNullObject().getXml()` in one:
 * that returns a null object where a store was interrupted and left two parts (it would read as
 * no data at all), and what `getXml` of a null object does is not documented.
 */
export async function readWorkbookData(context: Excel.RequestContext): Promise<WorkbookData> {
  const parts = context.workbook.customXmlParts.getByNamespace(STORED_NAMESPACE);
  parts.load("items/id");
  await context.sync();
  const ids = parts.items.map((p) => p.id);
  if (ids.length === 0) return { parts: [] };
  const xmls = parts.items.map((p) => p.getXml());
  await context.sync();
  return { parts: ids, stored: readStoredParts(xmls.map((x) => x.value)) };
}

/**
 * Queues, in the caller's batch and without a sync of its own, what replaces the workbook's
 * stored releases with `dataset`: the new part is added first and the parts that were there
 * (`held.parts`, as read) deleted after it. Excel runs a batch's operations in order and keeps
 * those that ran before one that failed (ASSUMED: Microsoft documents no rollback of a failed
 * batch), so a sync that fails anywhere leaves the previous part in place, with the new one
 * beside it at most; a part's generation then tells them apart (src/data/stored.ts). Returns what
 * the workbook holds once the batch has synced. Throws StoredDataTooLargeError, queueing nothing,
 * for a dataset too large to store.
 */
export function queueStoreData(
  context: Excel.RequestContext,
  dataset: Dataset,
  held: WorkbookData
): () => WorkbookData {
  const generation = (held.stored?.kind === "held" ? held.stored.generation : 0) + 1;
  const xml = storedXml(dataset, generation);
  const parts = context.workbook.customXmlParts;
  const added = parts.add(xml);
  added.load("id");
  for (const id of held.parts) parts.getItem(id).delete();
  return () => ({ parts: [added.id], stored: { kind: "held", dataset, generation } });
}

/**
 * On startup, before the pane writes anything (an insert recalculates KC cells, which must answer
 * from the workbook's releases): reads them and settles what the functions answer from.
 */
export async function answerFromWorkbook(excel: ExcelApi): Promise<InUse> {
  if (!supports("ExcelApi", CUSTOM_XML_API))
    return useBundled([
      `This Excel does not offer custom XML parts (Excel JavaScript API ${CUSTOM_XML_API}), so releases stored in a workbook cannot be read here; the KC functions answer from the bundled dataset. Microsoft 365, Excel 2021 or later, or Excel on the web can read them.`,
    ]);
  return useWorkbookRead(excel.run(readWorkbookData).then((w) => w.stored));
}
