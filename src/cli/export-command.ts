import { resolve } from "path";
import { Financials } from "../core/financials";
import { buildModel } from "../sheets/model";
import { DEFAULT_OPTIONS, ModelOptions, ModelUnit } from "../sheets/types";
import { parseCurrency } from "../domain/units";
import { KcError } from "../domain/errors";
import { datasetAt, datasetOption } from "./dataset-file";
import { CliError, Output, UsageError } from "./output";
import { checkOutputPath, writeOutputFile } from "./output-path";
import { modelXlsx } from "./xlsx-export";

export const EXPORT_USAGE = `kc export MODEL.xlsx [--currency RMB|USD] [--unit thousands|millions] [--dataset dataset.json]
  Writes the linked model's tabs to an .xlsx that opens, recalculates and prints in Excel or
  LibreOffice without the add-in: KC figures as values (their source in a note), every link,
  total, growth rate, margin and check a formula; KC Dashboard's charts are native charts drawing
  its chart data. --currency RMB (the default) lays the figures
  out as the release does, every period in RMB and the latest quarter also in its published US$;
  USD adds US$ for every other period, translated at the release's convenience rate. --dataset
  builds the model from another dataset than the committed one (e.g. one just ingested).`;

export async function exportCommand(args: string[], out: Output): Promise<number> {
  const { path, rest } = datasetOption(args);
  const { file, options } = parseArgs(rest);
  checkOutputPath(file);
  const model = buildModel(new Financials(datasetAt(path)), options);
  writeOutputFile(file, await modelXlsx(model));
  const failed = model.failures();
  out.log(
    `Wrote ${file}: ${model.plans.map((p) => p.name).join(", ")} in ${options.currency} ${options.unit}; ` +
      (failed.length
        ? `${failed.length} checks are not zero`
        : `all ${model.checks.length} checks are zero`) +
      ` (dataset ${model.datasetVersion}).`
  );
  return failed.length ? 1 : 0;
}

function parseArgs(args: string[]): { file: string; options: ModelOptions } {
  const options: ModelOptions = { ...DEFAULT_OPTIONS };
  let file: string | undefined;
  for (let k = 0; k < args.length; k++) {
    const a = args[k];
    if (a === "--currency" || a === "--unit") {
      const v = args[++k];
      if (!v) throw new UsageError(`${a} needs a value`);
      if (a === "--currency") {
        try {
          options.currency = parseCurrency(v);
        } catch (e) {
          throw new CliError((e as KcError).message);
        }
      } else if (v === "thousands" || v === "millions") {
        options.unit = v as ModelUnit;
      } else {
        throw new CliError(`Unknown unit "${v}"; expected thousands or millions`);
      }
    } else if (a.startsWith("-")) {
      throw new UsageError(
        `unknown option ${a}; kc export takes --currency RMB|USD, --unit thousands|millions and --dataset FILE`
      );
    } else if (file) {
      throw new CliError(`one file at a time; got ${file} and ${a}`);
    } else {
      file = resolve(a);
    }
  }
  if (!file) throw new UsageError(`where to? e.g. kc export model.xlsx`);
  if (!file.toLowerCase().endsWith(".xlsx")) throw new CliError(`${file} should end in .xlsx`);
  return { file, options };
}
