import { Financials } from "../core/financials";
import { KcFormulas } from "../core/formulas";
import { bundledDataset } from "../data/load";
import type { StoredRead } from "../data/stored";
import type { Dataset } from "../domain/dataset";

/**
 * What the KC functions answer from in Excel: the releases the workbook carries (a custom XML
 * part, src/data/stored.ts) where it carries any that pass every check, else the dataset bundled
 * with the add-in. The custom functions and the task pane share one runtime, so they share this
 * one state; nothing below the entry points reaches for a dataset of its own.
 *
 * Before the workbook's data is read, which dataset to answer from is unknown, and answering from
 * the bundled one could show a figure the workbook was not built on. So until the read settles a
 * KC function returns a promise, and the cell shows #BUSY!: from the moment Excel first calculates
 * it until Office.js has started (Office.onReady, which on a cold Excel can take seconds) and the
 * read's one or two round trips to the workbook are done (tens of milliseconds on the desktop,
 * more on the web). A read that fails or is refused settles too, on the bundled dataset, so a
 * cell never stays #BUSY! for want of data. From then on every call answers synchronously.
 */

export type Origin = "workbook" | "bundled";

export interface InUse {
  kcf: KcFormulas;
  origin: Origin;
  /**
   * Why the workbook's stored releases are not the ones answered from (refused, or unreadable),
   * for the pane to say; empty otherwise.
   */
  problems: string[];
}

let bundled: KcFormulas | undefined;

/** The dataset bundled with the add-in, loaded and indexed on first use. */
export function bundledKc(): KcFormulas {
  bundled ??= new KcFormulas(new Financials(bundledDataset()));
  return bundled;
}

let current: InUse | undefined;
let settle: () => void;
const settled = new Promise<void>((resolve) => (settle = resolve));

/** Answers a KC call from the dataset in use: at once once it is known, else when it is. */
export function answer<T>(fn: (kcf: KcFormulas) => T): T | Promise<T> {
  return current ? fn(current.kcf) : settled.then(() => fn((current as InUse).kcf));
}

/** What the functions answer from, once known (undefined while the workbook is being read). */
export function datasetInUse(): InUse | undefined {
  return current;
}

/** What the functions answer from, when it is known. */
export async function whenKnown(): Promise<InUse> {
  await settled;
  return current as InUse;
}

/**
 * From now on the functions answer from `ds`: the workbook's stored releases once read, the
 * bundled dataset where it has none, or a dataset the analyst has just accepted. Cells already
 * calculated keep their figure until Excel calculates them again.
 */
export function useDataset(ds: Dataset, origin: Origin, problems: string[] = []): InUse {
  const kcf = ds === bundledKc().fin.dataset ? bundledKc() : new KcFormulas(new Financials(ds));
  current = { kcf, origin, problems };
  settle();
  return current;
}

/** The bundled dataset, with why the workbook's releases are not answered from, if they exist. */
export function useBundled(problems: string[] = []): InUse {
  return useDataset(bundledDataset(), "bundled", problems);
}

/**
 * Settles on what the workbook's read gave: its releases if held, else the bundled dataset,
 * saying why where the workbook has releases that are not used.
 */
export async function useWorkbookRead(read: Promise<StoredRead | undefined>): Promise<InUse> {
  let stored: StoredRead | undefined;
  try {
    stored = await read;
  } catch (e) {
    return useBundled([
      `The workbook's stored releases could not be read (${e instanceof Error ? e.message : String(e)}); the KC functions answer from the bundled dataset. Close and reopen the workbook to try again.`,
    ]);
  }
  if (stored?.kind === "held") return useDataset(stored.dataset, "workbook");
  return useBundled(stored?.problems);
}
