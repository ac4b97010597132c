import type { Dataset } from "../../domain/dataset";
import { periodsOf, withVersion } from "./build";
import { IngestError } from "./errors";
import { unmarked } from "./merge";
import { FX_ITEM } from "./prose-lexicon";

/**
 * One release out of a dataset of several, as if it had just been read: its figures (each as its
 * release printed it, whichever later release restated it), its items, its source and its own
 * convenience rate. So a release the add-in bundles can be added to a workbook's releases the way
 * a pasted one is: reviewed, its restatements named, merged.
 *
 * The tables' captions are kept only for the dataset's latest release, whose they are; an older
 * release's slice carries none, and the merge keeps the workbook's.
 */
export function sliceRelease(ds: Dataset, release: string): Dataset {
  const source = ds.sources.find((s) => s.release === release);
  if (!source) {
    throw new IngestError(
      1,
      `the dataset holds no release ${release}; it holds ${ds.sources.map((s) => s.release).join(", ")}`
    );
  }
  const facts = ds.facts.filter((f) => f.prov.release === release).map(unmarked);
  const rate = facts.find((f) => f.item === FX_ITEM);
  if (!rate)
    throw new IngestError(1, `release ${release} in the dataset states no convenience rate`);
  const given = new Set(facts.map((f) => f.item));
  return withVersion({
    format: 1,
    company: ds.company,
    latestQuarter: release,
    sources: [source],
    fx: { rmbPerUsd: rate.value, date: rate.period, release, line: rate.prov.line },
    periods: periodsOf(facts),
    tables: release === ds.latestQuarter ? ds.tables : [],
    items: ds.items.filter((i) => given.has(i.id)).map((i, order) => ({ ...i, order })),
    facts,
  });
}
