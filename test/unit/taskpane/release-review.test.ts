import { Financials } from "../../../src/core/financials";
import { KcFormulas } from "../../../src/core/formulas";
import { runKc } from "../../../src/core/registry";
import { reviewRelease } from "../../../src/data/ingest/ingest";
import { bundledDataset } from "../../../src/data/load";
import { summarizeReview } from "../../../src/taskpane/release-review";
import { release, releaseText } from "../../helpers/release";
import {
  fourthQuarterRelease,
  nextQuarterRelease,
  restatingRelease,
} from "../../helpers/synthetic-releases";

/** What the pane shows of a SYNTHETIC release before it is added (fixtures, never data). */

release.test("a next quarter: what was found, every identity, the new quarter's headlines", () => {
  const r = nextQuarterRelease();
  const s = summarizeReview(reviewRelease(r.text, r.file, { base: bundledDataset() }), 12.4);
  expect(s.found).toMatch(
    /^Release 2026Q2, read as the release as text, a cell a line in 12 ms: \d+ figures, \d+ new\.$/
  );
  expect(s.identities).toMatch(/^Every identity holds: (\d+) of \1\.$/);
  expect(s.newPeriods).toEqual(["2025Q2", "2026-06-30", "2026Q2"]);
  expect(s.refused).toEqual([]);
  expect(s.restatements).toEqual([]);
  // The synthetic Q2 repeats Q1 2026's revenue; its cash moved with the roll.
  expect(new Map(s.headlines.map((x) => [x.item, x.value])).get("revenue.total")).toBe("2,703,732");
  expect(s.headlines.map((x) => x.label)).toContain("Adjusted EBITDA (Non-GAAP Financial Measure)");
});

release.test(
  "a restating release: each restatement with both figures and where each is printed",
  () => {
    const r = restatingRelease();
    const review = reviewRelease(r.text, r.file, { base: bundledDataset() });
    const s = summarizeReview(review, 1);
    expect(s.refused).toEqual([]);
    expect(s.restatements.length).toBeGreaterThan(0);
    // Each is named as a function takes it: a name that finds that line and no other.
    const kcf = new KcFormulas(new Financials(review.dataset));
    for (const row of s.restatements)
      expect(typeof runKc(kcf, "VALUE", [row.item, "2026Q1"])).toBe("number");
    for (const row of s.restatements) {
      expect(row.period).toBe("2026Q1 RMB");
      expect(row.held.from).toMatch(/^release 2026Q1, line \d+$/);
      expect(row.now.from).toMatch(/^line \d+$/);
      expect(row.held.figure).not.toBe(row.now.figure);
    }
  }
);

release.test("a release whose identities fail is refused, each failing identity a line", () => {
  const base = reviewRelease(nextQuarterRelease().text, "q2", { base: bundledDataset() }).dataset;
  const r = fourthQuarterRelease({ brokenRevenue: true });
  const s = summarizeReview(reviewRelease(r.text, r.file, { base }), 1);
  expect(s.identities).toMatch(/^\d+ of \d+ identities fail\.$/);
  expect(s.refused[0]).toMatch(
    /identities fail with this release; a damaged copy\? Nothing was added:$/
  );
  expect(s.refused.slice(1).join("\n")).toMatch(/2026FY RMB: expected/);
  expect(s.headlines).toEqual([]);
});

release.test(
  "the release the workbook holds, read again: refused when the same, each changed figure listed otherwise",
  () => {
    const same = summarizeReview(
      reviewRelease(releaseText(), "again.txt", { base: bundledDataset() }),
      1
    );
    expect(same.refused).toEqual([
      "This workbook already holds release 2026Q1 with these figures: there is nothing to add.",
    ]);
    // A figure no identity pins down, changed: a corrected re-issue, or a damaged copy.
    const changed = releaseText().replace("grew 90%", "grew 95%");
    const s = summarizeReview(reviewRelease(changed, "again.txt", { base: bundledDataset() }), 1);
    expect(s.refused).toEqual([]);
    expect(s.restatements).toEqual([
      {
        item: expect.stringMatching(/AI/),
        period: "2026Q1",
        held: { figure: "grew 90%", from: expect.stringMatching(/^release 2026Q1, line \d+$/) },
        now: { figure: "grew 95%", from: expect.stringMatching(/^line \d+$/) },
      },
    ]);
  }
);
