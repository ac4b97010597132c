import { existsSync, readFileSync, renameSync, writeFileSync } from "fs";
import { resolve } from "path";
import type { Dataset } from "../data/types";
import { asDataset } from "../data/shape";

export const DEFAULT_DATASET = resolve(__dirname, "../data/dataset.json");

export function readDatasetFile(path: string): Dataset | undefined {
  if (!existsSync(path)) return undefined;
  return asDataset(JSON.parse(readFileSync(path, "utf8")));
}

/**
 * The dataset as committed: one record per line (a fact, an item, a table), compact within the
 * line, so that a new release reads as a diff of records and the add-in parses little whitespace.
 */
export function datasetJson(ds: Dataset): string {
  const fields = Object.entries(ds).map(([key, value]) => {
    const body = Array.isArray(value)
      ? value.length === 0
        ? "[]"
        : `[\n${value.map((v) => JSON.stringify(v)).join(",\n")}\n]`
      : JSON.stringify(value);
    return `${JSON.stringify(key)}: ${body}`;
  });
  return `{\n${fields.join(",\n")}\n}\n`;
}

/** Writes through a temporary file so that a failed write never leaves half a dataset behind. */
export function writeDatasetFile(path: string, ds: Dataset): void {
  const tmp = `${path}.tmp`;
  writeFileSync(tmp, datasetJson(ds));
  renameSync(tmp, path);
}
