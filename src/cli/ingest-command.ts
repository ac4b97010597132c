import { readFileSync } from "fs";
import { basename, resolve } from "path";
import { ingestRelease } from "../data/ingest/ingest";
import { FORM_NAMES, RELEASE_FORMS, ReleaseForm } from "../data/ingest/pieces";
import { describeRemoval, describeRename, describeRestatement } from "../data/ingest/merge";
import { failures } from "../data/validate";
import { unprovableReport } from "./check-report";
import { textTable } from "./text-table";
import { DEFAULT_DATASET, readDatasetFile, writeDatasetFile } from "./dataset-file";
import { CliError, Output, UsageError } from "./output";
import { checkOutputPath, fsProblem } from "./output-path";

export const INGEST_USAGE = `kc ingest RELEASE [--format text|html|copied] [--out dataset.json] [--fresh] [--accept-renames] [--accept-removals] [--accept-restatements]
  Reads a quarterly earnings release (UTF-8) into the dataset and proves it with "kc check". The
  release may be the exhibit's HTML as saved from the filing (html), the page copied from a browser
  and saved as text (copied: a table row a line, cells between tabs) or the text layout of
  ../shared/sources (text, a cell a line); the form is detected, or forced with --format.
  Adds to the existing dataset (the same release is replaced); --fresh starts from nothing.
  Nothing is written if the release cannot be read or any identity fails; nor if it would move or
  rename items the dataset has, unless --accept-renames, or (read again) give fewer figures than
  the dataset has from it, unless --accept-removals, or print other figures for periods the dataset
  holds from another release (restatements, listed), unless --accept-restatements: then the later
  release's figure answers and the first report is kept. Each accepted change is listed.`;

interface IngestArgs {
  file: string;
  form?: ReleaseForm;
  out: string;
  fresh: boolean;
  acceptRenames: boolean;
  acceptRemovals: boolean;
  acceptRestatements: boolean;
}

export function ingestCommand(args: string[], out: Output): number {
  const opts = parseArgs(args);
  // Everything about the output first: where it goes, and the dataset already there.
  checkOutputPath(opts.out);
  const base = opts.fresh ? undefined : readDatasetFile(opts.out);
  let bytes: Buffer;
  try {
    bytes = readFileSync(opts.file);
  } catch (e) {
    throw new CliError(
      `cannot read ${opts.file}: ${fsProblem(e as NodeJS.ErrnoException, opts.file)}`
    );
  }
  const { dataset, form, validation, renames, removals, restatements } = ingestRelease(
    bytes,
    basename(opts.file),
    {
      base,
      acceptRenames: opts.acceptRenames,
      acceptRemovals: opts.acceptRemovals,
      acceptRestatements: opts.acceptRestatements,
      form: opts.form,
    }
  );
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
    [
      `Read ${basename(opts.file)} as ${FORM_NAMES.get(form)}${opts.form ? "" : " (detected; --format forces a form)"}.`,
      `Wrote ${opts.out}: ${dataset.items.length} line items, ${dataset.facts.length} figures from ` +
        `${dataset.sources.map((s) => s.file).join(", ")}; all ${validation.checks.length} identities pass ` +
        `(dataset ${dataset.version}).`,
      ...listed(`Accepted ${renames.length} renames:`, renames.map(describeRename)),
      ...listed(`Accepted ${removals.length} removals:`, removals.map(describeRemoval)),
      ...listed(
        `Accepted ${restatements.length} restatements (the first reports are kept):`,
        restatements.map(describeRestatement)
      ),
      ...unprovableReport(validation),
    ].join("\n")
  );
  return 0;
}

function listed(title: string, lines: string[]): string[] {
  return lines.length ? [title, ...lines.map((l) => `  ${l}`)] : [];
}

function parseArgs(args: string[]): IngestArgs {
  const opts: IngestArgs = {
    file: "",
    out: DEFAULT_DATASET,
    fresh: false,
    acceptRenames: false,
    acceptRemovals: false,
    acceptRestatements: false,
  };
  for (let k = 0; k < args.length; k++) {
    const a = args[k];
    if (a === "--out") {
      const next = args[++k];
      if (!next) throw new UsageError(`--out needs a path`);
      opts.out = resolve(next);
    } else if (a === "--format") {
      const next = args[++k];
      const form = next === undefined ? undefined : RELEASE_FORMS.get(next);
      if (!form) {
        throw new UsageError(
          `${next === undefined ? "--format needs a form" : `unknown form "${next}"`}; expected one of ${[...RELEASE_FORMS.keys()].join(", ")}`
        );
      }
      opts.form = form;
    } else if (a === "--fresh") opts.fresh = true;
    else if (a === "--accept-renames") opts.acceptRenames = true;
    else if (a === "--accept-removals") opts.acceptRemovals = true;
    else if (a === "--accept-restatements") opts.acceptRestatements = true;
    else if (a.startsWith("-"))
      throw new UsageError(
        `unknown option ${a}; kc ingest takes --format FORM, --out FILE, --fresh, --accept-renames, --accept-removals and --accept-restatements`
      );
    else if (opts.file) throw new UsageError(`one release at a time; got ${opts.file} and ${a}`);
    else opts.file = resolve(a);
  }
  if (!opts.file) throw new UsageError(`which release?`);
  return opts;
}
