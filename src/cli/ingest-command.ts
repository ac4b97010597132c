import { readFileSync } from "fs";
import { basename, resolve } from "path";
import { readRelease } from "../data/ingest/build";
import { mergeRelease } from "../data/ingest/merge";
import { failures, validateDataset } from "../data/validate";
import { textTable } from "./text-table";
import { DEFAULT_DATASET, readDatasetFile, writeDatasetFile } from "./dataset-file";
import { CliError, Output } from "./output";

export const INGEST_USAGE = `kc ingest RELEASE.txt [--out dataset.json] [--fresh]
  Reads a quarterly earnings release (text) into the dataset and proves it with "kc check".
  Adds to the existing dataset (the same release is replaced); --fresh starts from nothing.
  Nothing is written if the release cannot be read or any identity fails.`;

export function ingestCommand(args: string[], out: Output): number {
  const opts = parseArgs(args);
  let text: string;
  try {
    text = readFileSync(opts.file, "utf8");
  } catch (e) {
    throw new CliError(`cannot read ${opts.file}: ${(e as Error).message}`);
  }
  const incoming = readRelease(text, basename(opts.file));
  const base = opts.fresh ? undefined : readDatasetFile(opts.out);
  const dataset = base ? mergeRelease(base, incoming) : incoming;
  const validation = validateDataset(dataset);
  const failed = failures(validation);
  if (failed.length) {
    out.err(
      textTable(
        ["identity", "period", "cur", "expected", "actual"],
        failed.map((c) => [c.identity, c.period, c.currency, c.expected, c.actual])
      )
    );
    out.err(`kc ingest: ${failed.length} identities fail; ${opts.out} was not written.`);
    return 1;
  }
  writeDatasetFile(opts.out, dataset);
  out.log(
    `Wrote ${opts.out}: ${dataset.items.length} line items, ${dataset.facts.length} figures from ` +
      `${dataset.sources.map((s) => s.file).join(", ")}; all ${validation.checks.length} identities pass ` +
      `(dataset ${dataset.version}).`
  );
  return 0;
}

function parseArgs(args: string[]): { file: string; out: string; fresh: boolean } {
  let file: string | undefined;
  let out = DEFAULT_DATASET;
  let fresh = false;
  for (let k = 0; k < args.length; k++) {
    const a = args[k];
    if (a === "--out") {
      const next = args[++k];
      if (!next) throw new CliError(`--out needs a path\n${INGEST_USAGE}`);
      out = resolve(next);
    } else if (a === "--fresh") fresh = true;
    else if (a.startsWith("-")) throw new CliError(`unknown option ${a}\n${INGEST_USAGE}`);
    else if (file)
      throw new CliError(`one release at a time; got ${file} and ${a}\n${INGEST_USAGE}`);
    else file = resolve(a);
  }
  if (!file) throw new CliError(`which release?\n${INGEST_USAGE}`);
  return { file, out, fresh };
}
