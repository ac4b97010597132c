import { mergeRelease } from "../../../../src/data/ingest/merge";
import { reviewBundled, reviewRelease } from "../../../../src/data/ingest/ingest";
import { sliceRelease } from "../../../../src/data/ingest/slice";
import { IngestError } from "../../../../src/data/ingest/errors";
import { bundledDataset } from "../../../../src/data/load";
import { failures } from "../../../../src/data/validate";
import { release } from "../../../helpers/release";
import { fourthQuarterRelease, nextQuarterRelease } from "../../../helpers/synthetic-releases";
import { thrown } from "../../../helpers/thrown";

/** Releases taken out of a dataset of several (SYNTHETIC later releases, never data). */

const bundled = bundledDataset();

test("the only release of a dataset is the dataset, figure for figure", () => {
  const slice = sliceRelease(bundled, "2026Q1");
  expect(slice.facts).toEqual(bundled.facts);
  expect(slice.items).toEqual(bundled.items);
  expect(slice.fx).toEqual(bundled.fx);
  expect(slice.version).toBe(bundled.version);
});

test("a release the dataset lacks is refused, naming those it holds", () => {
  expect(thrown(IngestError, () => sliceRelease(bundled, "2026Q2")).problem).toBe(
    "the dataset holds no release 2026Q2; it holds 2026Q1"
  );
});

release.describe("out of a dataset of three releases", () => {
  const q2 = nextQuarterRelease();
  const q4 = fourthQuarterRelease();
  const two = reviewRelease(q2.text, q2.file, { base: bundled }).dataset;
  const three = reviewRelease(q4.text, q4.file, { base: two }).dataset;

  test("an earlier release: its own figures as it printed them, its own rate, no later marks", () => {
    const slice = sliceRelease(three, "2026Q2");
    expect(slice.latestQuarter).toBe("2026Q2");
    expect(slice.sources.map((s) => s.release)).toEqual(["2026Q2"]);
    expect(slice.facts.every((f) => f.prov.release === "2026Q2" && f.laterIn === undefined)).toBe(
      true
    );
    expect(slice.fx).toMatchObject({ rmbPerUsd: "6.8980", release: "2026Q2" });
    expect(slice.tables).toEqual([]);
  });

  test("sliced and merged again in any order, the releases give the dataset they came from", () => {
    const s = (r: string) => sliceRelease(three, r);
    const forward = mergeRelease(mergeRelease(s("2026Q1"), s("2026Q2")), s("2026Q4"));
    const backward = mergeRelease(mergeRelease(s("2026Q4"), s("2026Q2")), s("2026Q1"));
    for (const ds of [forward, backward]) {
      expect(new Set(ds.facts.map((f) => JSON.stringify(f)))).toEqual(
        new Set(three.facts.map((f) => JSON.stringify(f)))
      );
      expect(ds.latestQuarter).toBe("2026Q4");
    }
  });

  test("a bundled release a workbook lacks, reviewed for adding: its new figures, every identity", () => {
    const review = reviewBundled(three, "2026Q4", two);
    expect(review.form).toBe("bundled");
    expect(review.newPeriods).toContain("2026Q4");
    expect(review.restatements).toEqual([]);
    expect(failures(review.validation)).toEqual([]);
    expect(review.dataset.latestQuarter).toBe("2026Q4");
  });
});
