import { resolve } from "path";
import { failures, validateDataset } from "../data/validate";
import { checkReport } from "./check-report";
import { DEFAULT_DATASET, readDatasetFile } from "./dataset-file";
import { CliError, Output } from "./output";

export const CHECK_USAGE = `kc check [--dataset dataset.json] [--json]
  Proves every accounting identity of the dataset exactly and prints them; exits 1 if any fails.`;

export function checkCommand(args: string[], out: Output): number {
  let path = DEFAULT_DATASET;
  let json = false;
  for (let k = 0; k < args.length; k++) {
    if (args[k] === "--dataset") {
      const next = args[++k];
      if (!next) throw new CliError(`--dataset needs a path\n${CHECK_USAGE}`);
      path = resolve(next);
    } else if (args[k] === "--json") json = true;
    else throw new CliError(`unknown argument ${args[k]}\n${CHECK_USAGE}`);
  }
  const ds = readDatasetFile(path);
  if (!ds)
    throw new CliError(`no dataset at ${path}; create it with "npm run kc -- ingest RELEASE.txt"`);
  const v = validateDataset(ds);
  out.log(json ? JSON.stringify(v, null, 2) : checkReport(v));
  return failures(v).length ? 1 : 0;
}
