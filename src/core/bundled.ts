import { bundledDataset } from "../data/load";
import { Financials } from "./financials";
import { KcFormulas } from "./formulas";

let cached: KcFormulas | undefined;

/** The KC functions over the add-in's own dataset, loaded and indexed once, on first use. */
export function kc(): KcFormulas {
  cached ??= new KcFormulas(new Financials(bundledDataset()));
  return cached;
}
