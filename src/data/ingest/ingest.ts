import type { Dataset, Fact } from "../../domain/dataset";
import { Validation, validateDataset } from "../validate";
import { readRelease } from "./build";
import { decodeRelease } from "./encoding";
import { IngestError } from "./errors";
import { ReleaseForm, detectForm } from "./pieces";
import { sliceRelease } from "./slice";
import {
  Rename,
  Restatement,
  describeRemoval,
  describeRename,
  describeRestatement,
  factKey,
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
  const r = reviewRelease(text, fileName, { ...options, form });
  const refused = refusalOf(r, options);
  if (refused) throw refused;
  return {
    dataset: r.dataset,
    form,
    validation: r.validation,
    renames: r.renames,
    removals: r.removals,
    restatements: r.restatements,
  };
}

/** How a reviewed release came: read in one of its forms, or out of the bundled dataset. */
export type ReviewForm = ReleaseForm | "bundled";

/** A release read and added to the base, every change it makes found, nothing yet refused. */
export interface Review {
  form: ReviewForm;
  /** The release alone. */
  incoming: Dataset;
  /** The base with the release added (restatements, renames and removals taken). */
  dataset: Dataset;
  validation: Validation;
  renames: Rename[];
  removals: Fact[];
  restatements: Restatement[];
  /** Periods the release brings that the base lacks, in the dataset's order. */
  newPeriods: string[];
  /** The release's figures the base did not hold from any release. */
  newFigures: number;
  /** The version of the dataset the release was added to, if any: what an add must still find. */
  baseVersion?: string;
}

/**
 * Reads a release and adds it to the base, refusing only what cannot be read (IngestError): what
 * the task pane shows before the analyst accepts, and what `kc ingest` decides on.
 */
export function reviewRelease(text: string, fileName: string, options: IngestOptions = {}): Review {
  const form = options.form ?? detectForm(text);
  return reviewIncoming(readRelease(text, fileName, form), form, options.base);
}

/**
 * A release of the bundled dataset reviewed for adding to a workbook's releases (which lack it):
 * the same review as a pasted release's, its figures as its release printed them.
 */
export function reviewBundled(bundled: Dataset, release: string, base: Dataset): Review {
  return reviewIncoming(sliceRelease(bundled, release), "bundled", base);
}

function reviewIncoming(incoming: Dataset, form: ReviewForm, base: Dataset | undefined): Review {
  const dataset = base ? mergeRelease(base, incoming) : incoming;
  const held = new Set(base?.periods.map((p) => p.id));
  const heldFigures = new Set(base?.facts.map(factKey));
  return {
    form,
    incoming,
    dataset,
    validation: validateDataset(dataset),
    renames: base ? renamesOf(base, incoming) : [],
    removals: base ? lostFigures(base, incoming) : [],
    restatements: base ? restatementsOf(base, incoming) : [],
    newPeriods: dataset.periods.map((p) => p.id).filter((id) => !held.has(id)),
    newFigures: incoming.facts.filter((f) => !heldFigures.has(factKey(f))).length,
    baseVersion: base?.version,
  };
}

/** Why the release may not be added with these options (each change listed), if it may not. */
export function refusalOf(r: Review, options: IngestOptions): IngestError | undefined {
  const release = r.incoming.latestQuarter;
  if (r.renames.length && !options.acceptRenames) {
    return refusal(
      r.renames[0].line,
      `this release moves or renames ${count(r.renames.length, "line item or table", "line items or tables")} the dataset has; names typed in workbooks would stop resolving:`,
      r.renames.map(describeRename),
      "--accept-renames"
    );
  }
  if (r.removals.length && !options.acceptRemovals) {
    return refusal(
      r.removals[0].prov.line,
      `read again, release ${release} no longer gives ${count(r.removals.length, "figure")} the dataset has from it:`,
      r.removals.map(describeRemoval),
      "--accept-removals"
    );
  }
  if (r.restatements.length && !options.acceptRestatements) {
    return refusal(
      r.restatements[0].now.prov.line,
      `release ${release} prints other figures than the dataset holds for ${count(r.restatements.length, "figure")} (item, period: the figure held and its release → the new one):`,
      r.restatements.map(describeRestatement),
      "--accept-restatements"
    );
  }
  return undefined;
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
