import { bundledDataset } from "../../../src/data/load";
import { decodeRelease, readForReview } from "../../../src/taskpane/release-reader";
import { IngestError } from "../../../src/data/ingest/errors";
import { release } from "../../helpers/release";
import { releaseHtml } from "../../helpers/release-forms";
import { nextQuarterRelease } from "../../helpers/synthetic-releases";
import { thrown } from "../../helpers/thrown";

/** The chunk the pane loads to read a release: the review and what the pane shows of it. */

release.test(
  "a SYNTHETIC next quarter as HTML: reviewed over the dataset in use, and timed",
  () => {
    const html = releaseHtml(nextQuarterRelease().text);
    const read = readForReview(html, "pasted release", bundledDataset(), "html");
    expect(read.review.form).toBe("html");
    expect(read.review.dataset.latestQuarter).toBe("2026Q2");
    expect(read.summary.found).toMatch(/^Release 2026Q2, read as the exhibit's HTML in \d+ ms/);
    expect(read.summary.refused).toEqual([]);
  }
);

test("a file's bytes are decoded as kc ingest decodes them, refusing what is not UTF-8", () => {
  expect(decodeRelease(new TextEncoder().encode("Kingsoft \u201cCloud\u201d"))).toBe(
    "Kingsoft \u201cCloud\u201d"
  );
  expect(
    thrown(IngestError, () => decodeRelease(new Uint8Array([0x4b, 0x93, 0x43]))).problem
  ).toMatch(/is not UTF-8/);
});
