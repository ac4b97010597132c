import type { Dataset, Fact } from "../../domain/dataset";
import { Validation, validateDataset } from "../validate";
import { readRelease } from "./build";
import { decodeRelease } from "./encoding";
import { IngestError } from "./errors";
import { ReleaseForm, detectForm } from "./pieces";
import {
  Rename,
  Restatement,
  describeRemoval,
  describeRename,
  describeRestatement,
  lostFigures,
  mergeRelease,
  renamesOf,
  restatementsOf,
} from "./merge";

export interface IngestOptions {
  /** The dataset the release is added to; none to start from nothing. */
  base?: Dataset;
  /** Let the release change labels, sections or headings of items (titles or notes of tables) the base has. */
  acceptRenames?: boolean;
  /** Let a release read again give fewer figures than the base has from it. */
  acceptRemovals?: boolean;
  /** Let the release print other figures for periods the base holds from other releases. */
  acceptRestatements?: boolean;
  /** The form the release is in; by default the one its text shows (detectForm). */
  form?: ReleaseForm;
}

export interface Ingested {
  dataset: Dataset;
  /** The form the release was read in. */
  form: ReleaseForm;
  /** Every identity of the new dataset; the caller writes nothing if one fails. */
  validation: Validation;
  /** Accepted changes of label, section or heading (empty unless acceptRenames). */
  renames: Rename[];
  /** Accepted figures the release no longer gives (empty unless acceptRemovals). */
  removals: Fact[];
  /** Accepted restatements (empty unless acceptRestatements). */
  restatements: Restatement[];
}

/**
 * What `kc ingest` does with a release file, short of writing: reads it (refusing, with a line,
 * what it cannot prove), adds it to the base and proves the result.
 */
export function ingestRelease(
  bytes: Uint8Array,
  fileName: string,
  options: IngestOptions = {}
): Ingested {
  return ingestReleaseText(decodeRelease(bytes), fileName, options);
}

/** The same for a release already text: pasted in the pane, or a file the pane decoded. */
export function ingestReleaseText(
  text: string,
  fileName: string,
  options: IngestOptions = {}
): Ingested {
  const form = options.form ?? detectForm(text);
  const incoming = readRelease(text, fileName, form);
  const { base } = options;
  const renames = base ? renamesOf(base, incoming) : [];
  if (renames.length && !options.acceptRenames) {
    throw refusal(
      renames[0].line,
      `this release moves or renames ${count(renames.length, "line item or table", "line items or tables")} the dataset has; names typed in workbooks would stop resolving:`,
      renames.map(describeRename),
      "--accept-renames"
    );
  }
  const removals = base ? lostFigures(base, incoming) : [];
  if (removals.length && !options.acceptRemovals) {
    throw refusal(
      removals[0].prov.line,
      `read again, release ${incoming.latestQuarter} no longer gives ${count(removals.length, "figure")} the dataset has from it:`,
      removals.map(describeRemoval),
      "--accept-removals"
    );
  }
  const restatements = base ? restatementsOf(base, incoming) : [];
  if (restatements.length && !options.acceptRestatements) {
    throw refusal(
      restatements[0].now.prov.line,
      `release ${incoming.latestQuarter} prints other figures than the dataset holds for ${count(restatements.length, "figure")} (item, period: the figure held and its release → the new one):`,
      restatements.map(describeRestatement),
      "--accept-restatements"
    );
  }
  const dataset = base ? mergeRelease(base, incoming) : incoming;
  return { dataset, form, validation: validateDataset(dataset), renames, removals, restatements };
}

/** A refusal listing each change (the first one's line leads), and the option that accepts them. */
function refusal(line: number, what: string, changes: string[], option: string): IngestError {
  return new IngestError(
    line,
    [
      what,
      ...changes.map((c) => `  ${c}`),
      `If the release itself changed them, run again with ${option}; if not, the text is damaged at those lines.`,
    ].join("\n")
  );
}

function count(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
