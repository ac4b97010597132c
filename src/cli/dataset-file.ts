import { existsSync, readFileSync, renameSync, writeFileSync } from "fs";
import { resolve } from "path";
import type { Dataset } from "../data/types";
import { asDataset } from "../data/shape";

export const DEFAULT_DATASET = resolve(__dirname, "../data/dataset.json");

export function readDatasetFile(path: string): Dataset | undefined {
  if (!existsSync(path)) return undefined;
  return asDataset(JSON.parse(readFileSync(path, "utf8")));
}

export function datasetJson(ds: Dataset): string {
  return `${JSON.stringify(ds, null, 2)}\n`;
}

/** Writes through a temporary file so that a failed write never leaves half a dataset behind. */
export function writeDatasetFile(path: string, ds: Dataset): void {
  const tmp = `${path}.tmp`;
  writeFileSync(tmp, datasetJson(ds));
  renameSync(tmp, path);
}
