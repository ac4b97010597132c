import type { Dataset } from "./types";

/**
 * Checks that parsed JSON has the dataset's shape, so that a hand-edited or half-written file
 * fails here, with a reason, rather than as a wrong number in a cell.
 */
export function asDataset(json: unknown): Dataset {
  const ds = json as Partial<Dataset>;
  const problem = shapeProblem(ds);
  if (problem)
    throw new Error(
      `The KC dataset is damaged: ${problem}. Regenerate it with "npm run kc -- ingest".`
    );
  return ds as Dataset;
}

function shapeProblem(ds: Partial<Dataset>): string | undefined {
  if (!ds || typeof ds !== "object") return "it is not a JSON object";
  if (ds.format !== 1) return `format ${String(ds.format)} is not 1`;
  for (const key of ["items", "facts", "periods", "tables", "sources"] as const) {
    if (!Array.isArray(ds[key])) return `"${key}" is missing`;
  }
  if (typeof ds.latestQuarter !== "string" || !/^\d{4}Q[1-4]$/.test(ds.latestQuarter))
    return "latestQuarter is missing";
  if (!ds.fx || !/^\d+(\.\d+)?$/.test(ds.fx.rmbPerUsd)) return "the exchange rate is missing";
  const ids = new Set((ds.items ?? []).map((i) => i.id));
  for (const f of ds.facts ?? []) {
    if (!ids.has(f.item)) return `a figure refers to the unknown item "${f.item}"`;
    // Number() accepts more than the decimals ingest writes, but never a word or an empty string.
    if (typeof f.value !== "string" || f.value.trim() === "" || !Number.isFinite(Number(f.value))) {
      return `${f.item} ${f.period} has the value ${JSON.stringify(f.value)}`;
    }
  }
  return undefined;
}
