import { failures, validateDataset } from "../data/validate";
import { checkReport } from "./check-report";
import { datasetAt, datasetOption } from "./dataset-file";
import { Output, UsageError } from "./output";

export const CHECK_USAGE = `kc check [--dataset dataset.json] [--json]
  Proves every accounting identity of the dataset exactly and prints them; exits 1 if any fails.`;

export function checkCommand(args: string[], out: Output): number {
  const { path, rest } = datasetOption(args);
  let json = false;
  for (const a of rest) {
    if (a === "--json") json = true;
    else throw new UsageError(`unknown argument ${a}; kc check takes --dataset FILE and --json`);
  }
  const v = validateDataset(datasetAt(path));
  out.log(json ? JSON.stringify(v, null, 2) : checkReport(v));
  return failures(v).length ? 1 : 0;
}
