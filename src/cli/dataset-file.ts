import { readFileSync } from "fs";
import { resolve } from "path";
import type { Dataset } from "../domain/dataset";
import { DatasetShapeError, asDataset } from "../data/shape";
import { CliError, UsageError } from "./output";
import { fsProblem, writeOutputFile } from "./output-path";

export const DEFAULT_DATASET = resolve(__dirname, "../data/dataset.json");

/**
 * The dataset at path, or undefined if there is none. A file that cannot be read or is not a
 * dataset is a one-line error naming the way out; it is never overwritten unasked.
 */
export function readDatasetFile(path: string): Dataset | undefined {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (err.code === "ENOENT") return undefined;
    throw new CliError(`cannot read ${path}: ${fsProblem(err, path)}`);
  }
  const wayOut = `restore it (from git), or rebuild it with "kc ingest RELEASE.txt --fresh --out ${path}"`;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new CliError(`${path} is not valid JSON (${(e as Error).message}); ${wayOut}`);
  }
  try {
    return asDataset(json);
  } catch (e) {
    if (e instanceof DatasetShapeError) {
      throw new CliError(`${path} is not a KC dataset: ${e.problem}; ${wayOut}`);
    }
    throw e;
  }
}

/**
 * The dataset a command answers from: the file given with --dataset, else the committed one, which
 * the add-in bundles (so that an ingested dataset can be tried before the add-in is rebuilt).
 */
export function datasetAt(path: string = DEFAULT_DATASET): Dataset {
  const ds = readDatasetFile(path);
  if (!ds)
    throw new CliError(`no dataset at ${path}; create it with "npm run kc -- ingest RELEASE.txt"`);
  return ds;
}

/** Takes "--dataset FILE" out of a command's arguments: the file, resolved, and the rest. */
export function datasetOption(args: string[]): { path?: string; rest: string[] } {
  const rest: string[] = [];
  let path: string | undefined;
  for (let k = 0; k < args.length; k++) {
    if (args[k] !== "--dataset") {
      rest.push(args[k]);
      continue;
    }
    const next = args[++k];
    if (!next || next.startsWith("--")) throw new UsageError(`--dataset needs a path`);
    path = resolve(next);
  }
  return { path, rest };
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

/** Writes the dataset whole, or leaves the file as it was. */
export function writeDatasetFile(path: string, ds: Dataset): void {
  writeOutputFile(path, datasetJson(ds));
}
