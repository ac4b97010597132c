import { Financials } from "../../../../src/core/financials";
import { KcFormulas } from "../../../../src/core/formulas";
import { runKc } from "../../../../src/core/registry";
import { IngestError } from "../../../../src/data/ingest/errors";
import {
  Ingested,
  ingestRelease,
  refusalOf,
  reviewRelease,
} from "../../../../src/data/ingest/ingest";
import { bundledDataset } from "../../../../src/data/load";
import { failures } from "../../../../src/data/validate";
import type { Dataset } from "../../../../src/domain/dataset";
import { release } from "../../../helpers/release";
import {
  RESTATED_Q1_2026,
  SyntheticRelease,
  fourthQuarterRelease,
  nextQuarterRelease,
  restatingRelease,
} from "../../../helpers/synthetic-releases";
import { thrown } from "../../../helpers/thrown";

/**
 * Later releases, ingested over the bundled dataset as `kc ingest` would. They are SYNTHETIC test
 * fixtures (test/helpers/synthetic-releases.ts), built from the Q1 2026 release text: never
 * data, never bundled, ingested under file names that say so.
 */

function ingest(r: SyntheticRelease, base: Dataset, acceptRestatements = false): Ingested {
  return ingestRelease(Buffer.from(r.text, "utf8"), r.file, { base, acceptRestatements });
}

const ask = (ds: Dataset, fn: string, ...args: unknown[]) =>
  runKc(new KcFormulas(new Financials(ds)), fn, args);

release.test(
  "each fixture says it is synthetic, in its text and the file it is ingested as",
  () => {
    for (const r of [nextQuarterRelease(), restatingRelease(), fourthQuarterRelease()]) {
      expect(r.file).toMatch(/^synthetic-kc-2026q[24]-[a-z-]*earnings-release\.txt$/);
      expect(r.text.startsWith("SYNTHETIC TEST FIXTURE")).toBe(true);
    }
  }
);

release.test("a next quarter: the same 1Q26, a new 2Q26 answered, every identity holds", () => {
  const q2 = nextQuarterRelease();
  const r = ingest(q2, bundledDataset());
  expect(r.restatements).toEqual([]);
  expect(failures(r.validation)).toEqual([]);
  expect(r.dataset.latestQuarter).toBe("2026Q2");
  expect(r.dataset.sources.map((s) => [s.release, s.file])).toEqual([
    ["2026Q1", "kc-2026q1-earnings-release.txt"],
    ["2026Q2", "synthetic-kc-2026q2-earnings-release.txt"],
  ]);
  const ds = r.dataset;
  // 2Q26 repeats 1Q26's statements; its cash rolls on from 1Q26's closing cash.
  expect(ask(ds, "VALUE", "revenue.total", "2026Q2")).toBe(2703732);
  expect(ask(ds, "SOURCE", "revenue.total", "2026Q2")).toMatch(
    /column "Three Months Ended Jun 30, 2026 RMB", line \d+ of synthetic-kc-2026q2-earnings-release\.txt: 2,703,732$/
  );
  expect(ask(ds, "VALUE", "revenue.total", "LQ")).toBe(2703732);
  expect(ask(ds, "VALUE", "cf.cash_beginning", "2026Q2")).toBe(4950694);
  expect(ask(ds, "VALUE", "cf.cash_end", "2026Q2")).toBe(4950694 - 1166543);
  expect(ask(ds, "VALUE", "bs.cash", "2026-06-30")).toBe(4903797 - 1166543);
  expect(ask(ds, "VALUE", "revenue.total", "2025Q2")).toBe(1969977);
  // 1Q26 is printed by both releases, the same: the later answers, the first is said.
  expect(ask(ds, "SOURCE", "revenue.total", "2026Q1")).toMatch(
    /of synthetic-kc-2026q2-earnings-release\.txt: 2,703,732; also printed by release 2026Q1, line 553$/
  );
  // The half year is the sum of two quarters, each from its own release.
  expect(ask(ds, "VALUE", "revenue.total", "H1 2026")).toBe(2 * 2703732);
});

release.test("across releases, a quarter opens with the cash the one before closed with", () => {
  const r = ingest(nextQuarterRelease(), bundledDataset());
  const opening = r.validation.checks.filter(
    (c) => c.group === "Cash" && c.period === "2026Q2" && c.currency === "RMB"
  );
  expect(opening.map((c) => [c.identity, c.expected, c.actual, c.pass])).toEqual([
    [
      "Cash at end of period = balance sheet cash + restricted cash at 2026-06-30",
      "3784151",
      "3784151",
      true,
    ],
    [
      "Cash at beginning of period = balance sheet cash + restricted cash at 2026-03-31",
      "4950694",
      "4950694",
      true,
    ],
    [
      "Cash at beginning of period = cash at end of the previous quarter",
      "4950694",
      "4950694",
      true,
    ],
  ]);
  // The balance at 2026-03-31 and 1Q26's closing cash come from the Q1 release.
  const q1 = bundledDataset().facts.find((f) => f.item === "cf.cash_end" && f.period === "2026Q1");
  expect(q1?.prov.release).toBe("2026Q1");

  // Opened with another figure (and closed with it moved as much): both cross-release checks fail.
  const q2 = nextQuarterRelease();
  const moved = ingest(
    { ...q2, text: q2.text.replace("\t4,950,694\n", "\t4,951,694\n") },
    bundledDataset()
  );
  expect(
    failures(moved.validation)
      .filter((c) => c.period === "2026Q2" && c.currency === "RMB")
      .map((c) => c.identity)
  ).toEqual(
    expect.arrayContaining([
      "Cash at beginning of period = cash at end of the previous quarter",
      "Cash at beginning of period = balance sheet cash + restricted cash at 2026-03-31",
    ])
  );
});

release.test("a release restating 1Q26 is refused with each restatement, then accepted", () => {
  const restating = restatingRelease();
  const e = thrown(IngestError, () => ingest(restating, bundledDataset()));
  const lines = e.message.split("\n");
  expect(lines[0]).toMatch(
    /release 2026Q2 prints other figures than the dataset holds for 3 figures/
  );
  expect(lines.slice(1, 4)).toEqual([
    expect.stringMatching(
      /^ {2}is\.fx_translation 2026Q1 RMB: \(34,472\) \(release 2026Q1, line 743\) → \(33,472\) \(release 2026Q2, line \d+\)$/
    ),
    expect.stringMatching(
      /^ {2}is\.comprehensive_loss 2026Q1 RMB: \(378,192\) \(release 2026Q1, line 751\) → \(377,192\)/
    ),
    expect.stringMatching(
      /^ {2}is\.comprehensive_loss_attributable 2026Q1 RMB: \(378,292\) \(release 2026Q1, line 785\) → \(377,292\)/
    ),
  ]);

  const r = ingest(restating, bundledDataset(), true);
  expect(r.restatements.map((x) => [x.now.item, x.now.period, x.now.value])).toEqual(
    Object.entries(RESTATED_Q1_2026).map(([item, value]) => [item, "2026Q1", value])
  );
  expect(failures(r.validation)).toEqual([]);
  expect(r.dataset.sources.map((s) => s.file)).toContain(
    "synthetic-kc-2026q2-restating-earnings-release.txt"
  );
  expect(ask(r.dataset, "VALUE", "is.comprehensive_loss", "2026Q1")).toBe(-377192);
  expect(ask(r.dataset, "SOURCE", "is.comprehensive_loss", "2026Q1")).toContain(
    "(377,192); restated: release 2026Q1 first reported (378,192) (line 751)"
  );
  // The US$ figure the Q1 release translated from the old figure goes with it.
  expect(ask(r.dataset, "VALUE", "is.comprehensive_loss", "2026Q1", "USD")).toBeCloseTo(
    -377192 / 6.898,
    6
  );
});

release.test("a fourth quarter after the next: 3Q26, 4Q26 and FY2026 answered from it", () => {
  const q2 = ingest(nextQuarterRelease(), bundledDataset());
  const r = ingest(fourthQuarterRelease(), q2.dataset);
  expect(r.restatements).toEqual([]);
  expect(failures(r.validation)).toEqual([]);
  const ds = r.dataset;
  expect(ds.latestQuarter).toBe("2026Q4");
  expect(ask(ds, "VALUE", "revenue.total", "2026Q4")).toBe(2703732);
  expect(ask(ds, "VALUE", "revenue.total", "2026Q3")).toBe(2703732);
  expect(ask(ds, "VALUE", "cf.cash_end", "2026Q3")).toBe(4950694 - 2 * 1166543);
  expect(ask(ds, "VALUE", "bs.cash", "2026-12-31")).toBe(4903797 - 3 * 1166543);
  // The year as printed, not summed by the core: its source is the Twelve Months column.
  expect(ask(ds, "VALUE", "revenue.total", "FY2026")).toBe(4 * 2703732);
  expect(ask(ds, "SOURCE", "revenue.total", "FY2026")).toMatch(
    /column "Twelve Months Ended Dec 31, 2026 RMB", line \d+ of synthetic-kc-2026q4-earnings-release\.txt: 10,814,928$/
  );
  expect(ask(ds, "VALUE", "revenue.total", "FY2025")).toBe(3 * 1969977 + 2761387);
  // Its percentages and per-share loss are the release's, not sums.
  expect(ask(ds, "VALUE", "gross margin", "FY2026")).toBe(0.128);
  // (0.30): four quarters' attributable net loss over the weighted shares of a quarter.
  expect(ask(ds, "VALUE", "is.eps_basic_diluted", "FY2026")).toBe(-0.3);
});

describe("a release reviewed before it is added (what the pane shows)", () => {
  release.test("a next quarter: its new periods and figures, nothing restated", () => {
    const r = nextQuarterRelease({ sixMonths: true });
    const review = reviewRelease(r.text, r.file, { base: bundledDataset() });
    expect(review.incoming.latestQuarter).toBe("2026Q2");
    // Its comparatives bring the prior year's second quarter and half too.
    expect(review.newPeriods).toEqual(["2025Q2", "2025H1", "2026-06-30", "2026Q2", "2026H1"]);
    expect(review.newFigures).toBeGreaterThan(100);
    expect(review.newFigures).toBeLessThan(review.incoming.facts.length);
    expect(review.restatements).toEqual([]);
    expect(refusalOf(review, {})).toBeUndefined();
    expect(failures(review.validation)).toEqual([]);
    expect(review.dataset.latestQuarter).toBe("2026Q2");
  });

  release.test("a restating release: refused until its restatements are accepted", () => {
    const r = restatingRelease();
    const review = reviewRelease(r.text, r.file, { base: bundledDataset() });
    expect(review.restatements.length).toBeGreaterThan(0);
    const refused = refusalOf(review, {}) as IngestError;
    expect(refused.problem).toMatch(/prints other figures than the dataset holds/);
    expect(refusalOf(review, { acceptRestatements: true })).toBeUndefined();
    // The review's dataset is the one ingest then writes.
    expect(ingest(r, bundledDataset(), true).dataset).toEqual(review.dataset);
  });
});
