import { decodeRelease } from "../data/ingest/encoding";
import { Review, reviewBundled, reviewRelease } from "../data/ingest/ingest";
import type { ReleaseForm } from "../data/ingest/pieces";
import type { Dataset } from "../domain/dataset";
import { ReleaseSummary, summarizeReview } from "./release-review";

/**
 * The release reader as the pane loads it: a chunk of its own (with the HTML parser), fetched the
 * first time a release is pasted or chosen, so that the pane opens without it.
 */

export { decodeRelease };

export interface Read {
  review: Review;
  summary: ReleaseSummary;
}

export function readForReview(
  text: string,
  name: string,
  base: Dataset,
  form: ReleaseForm | undefined
): Read {
  const started = performance.now();
  const review = reviewRelease(text, name, { base, form });
  return { review, summary: summarizeReview(review, performance.now() - started) };
}

/** A release the add-in bundles, reviewed for adding to the workbook's releases (which lack it). */
export function readBundledForReview(bundled: Dataset, release: string, base: Dataset): Read {
  const started = performance.now();
  const review = reviewBundled(bundled, release, base);
  return { review, summary: summarizeReview(review, performance.now() - started) };
}
