import { bundledDataset } from "../data/load";
import { Financials } from "../core/financials";
import { KcFormulas } from "../core/formulas";

let inUse: KcFormulas | undefined;

/**
 * What the KC functions answer from in Excel: the dataset bundled with the add-in, loaded and
 * indexed on first use. The custom functions and the task pane share one runtime, so they share
 * this one instance; nothing below the entry points reaches for a dataset of its own.
 */
export function kcInUse(): KcFormulas {
  inUse ??= new KcFormulas(new Financials(bundledDataset()));
  return inUse;
}
