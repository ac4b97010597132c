import { Financials } from "../../../../src/core/financials";
import { KcFormulas } from "../../../../src/core/formulas";
import { runKc } from "../../../../src/core/registry";
import { readRelease } from "../../../../src/data/ingest/build";
import { IngestError } from "../../../../src/data/ingest/errors";
import { Ingested, ingestRelease } from "../../../../src/data/ingest/ingest";
import { bundledDataset } from "../../../../src/data/load";
import { failures } from "../../../../src/data/validate";
import type { Dataset } from "../../../../src/domain/dataset";
import { release, releaseText } from "../../../helpers/release";
import {
  SyntheticRelease,
  fourthQuarterRelease,
  nextQuarterRelease,
} from "../../../helpers/synthetic-releases";
import { thrown } from "../../../helpers/thrown";

/**
 * Six, Nine and Twelve Months Ended columns: read as spans ("2026FY", "2026H1"), and each span's
 * figure checked against the sum of its quarters where the dataset holds them all. The later
 * releases here are SYNTHETIC test fixtures (test/helpers/synthetic-releases.ts), never data.
 */

function ingest(r: SyntheticRelease, base: Dataset): Ingested {
  return ingestRelease(Buffer.from(r.text, "utf8"), r.file, { base });
}

/** The bundled dataset with the synthetic Q2 2026 release: 2026Q1 and 2026Q2 are held. */
const withQ2 = () => ingest(nextQuarterRelease(), bundledDataset()).dataset;

release.test("Twelve Months Ended columns are read as the fiscal years 2025FY and 2026FY", () => {
  const q4 = fourthQuarterRelease();
  const ds = readRelease(q4.text, q4.file);
  expect(ds.latestQuarter).toBe("2026Q4");
  const income = ds.tables.find((t) => t.id === "income_statement");
  expect(income?.columns.map((c) => `${c.period} ${c.currency}: ${c.header}`)).toEqual([
    "2025Q4 RMB: Three Months Ended Dec 31, 2025 RMB",
    "2026Q3 RMB: Three Months Ended Sep 30, 2026 RMB",
    "2026Q4 RMB: Three Months Ended Dec 31, 2026 RMB",
    "2026Q4 USD: Three Months Ended Dec 31, 2026 US$",
    "2025FY RMB: Twelve Months Ended Dec 31, 2025 RMB",
    "2026FY RMB: Twelve Months Ended Dec 31, 2026 RMB",
    "2026FY USD: Twelve Months Ended Dec 31, 2026 US$",
  ]);
  const margins = ds.tables.find((t) => t.id === "ng_margins");
  expect(margins?.columns.map((c) => c.period)).toEqual([
    "2025Q4",
    "2026Q3",
    "2026Q4",
    "2025FY",
    "2026FY",
  ]);
  // Balance sheets have no spans.
  const bs = ds.tables.find((t) => t.id === "balance_sheet");
  expect(bs?.columns.map((c) => c.period)).toEqual(["2025-12-31", "2026-12-31", "2026-12-31"]);
  // Each span after the quarter that completes it; on one day the balance sheet date first.
  expect(ds.periods.map((p) => `${p.id} ${p.kind} ${p.end}`)).toEqual([
    "2025-12-31 instant 2025-12-31",
    "2025Q4 quarter 2025-12-31",
    "2025FY span 2025-12-31",
    "2026Q3 quarter 2026-09-30",
    "2026-12-31 instant 2026-12-31",
    "2026Q4 quarter 2026-12-31",
    "2026FY span 2026-12-31",
  ]);
});

release.test("Six Months Ended columns are the halves 2025H1 and 2026H1, checked at once", () => {
  const q2 = nextQuarterRelease({ sixMonths: true });
  expect(q2.file).toBe("synthetic-kc-2026q2-six-months-earnings-release.txt");
  const r = ingest(q2, bundledDataset());
  expect(failures(r.validation)).toEqual([]);
  expect(r.dataset.periods.map((p) => p.id)).toEqual([
    "2025Q1",
    "2025Q2",
    "2025H1",
    "2025-12-31",
    "2025Q4",
    "2026-03-31",
    "2026Q1",
    "2026-06-30",
    "2026Q2",
    "2026H1",
  ]);
  // Both halves' quarters are held (2025Q1 and 2026Q1 from the bundled release): every flow of
  // each is checked, cash at beginning and end too.
  const spans = r.validation.checks.filter((c) => c.group === "Spans");
  expect(new Set(spans.map((c) => c.period))).toEqual(new Set(["2025H1", "2026H1"]));
  expect(
    spans.find((c) => c.identity.startsWith("revenue.total ") && c.period === "2025H1")
  ).toMatchObject({
    expected: String(2 * 1969977),
    pass: true,
  });
  const kcf = new KcFormulas(new Financials(r.dataset));
  expect(runKc(kcf, "VALUE", ["revenue.total", "H1 2026"])).toBe(2 * 2703732);
  expect(runKc(kcf, "SOURCE", ["revenue.total", "H1 2026"])).toContain(
    'column "Six Months Ended Jun 30, 2026 RMB"'
  );
});

release.test("Nine Months Ended columns are read as 2025M9 and 2026M9", () => {
  // The six-months fixture relabelled as a third quarter's release: a test of reading only (its
  // figures are the half year's, so no identity is asked of them).
  const relabelled = nextQuarterRelease({ sixMonths: true })
    .text.replace(/Six Months Ended/g, "Nine Months Ended")
    .replace(/\tJun 30,\n/g, "\tSep 30,\n")
    .replace(/\tMar 31,\n/g, "\tJun 30,\n")
    .replace("Second Quarter 2026", "Third Quarter 2026")
    .replace("second quarter ended June 30, 2026", "third quarter ended September 30, 2026")
    .replace("in effect on June 30, 2026", "in effect on September 30, 2026");
  const ds = readRelease(relabelled, "synthetic-kc-2026q3-relabelled.txt");
  expect(ds.latestQuarter).toBe("2026Q3");
  const cash = ds.tables.find((t) => t.id === "cash_flow");
  expect(cash?.columns.map((c) => `${c.period} ${c.currency}: ${c.header}`)).toEqual([
    "2025Q3 RMB: Three Months Ended Sep 30, 2025 RMB",
    "2026Q2 RMB: Three Months Ended Jun 30, 2026 RMB",
    "2026Q3 RMB: Three Months Ended Sep 30, 2026 RMB",
    "2026Q3 USD: Three Months Ended Sep 30, 2026 US$",
    "2025M9 RMB: Nine Months Ended Sep 30, 2025 RMB",
    "2026M9 RMB: Nine Months Ended Sep 30, 2026 RMB",
    "2026M9 USD: Nine Months Ended Sep 30, 2026 US$",
  ]);
});

release.test("a span cell per column, or one per group, reads the same columns", () => {
  const q4 = fourthQuarterRelease();
  // "Three Months Ended" three times, then "Twelve Months Ended" twice: still two groups.
  const repeated = q4.text.replace(
    /\tThree Months Ended\n\tTwelve Months Ended\n/g,
    "\tThree Months Ended\n\tThree Months Ended\n\tThree Months Ended\n\tTwelve Months Ended\n\tTwelve Months Ended\n"
  );
  expect(repeated).not.toBe(q4.text);
  // The same figures and columns, two lines down for each table's extra span cells.
  const read = (text: string) =>
    readRelease(text, q4.file).facts.map((f) => [
      f.item,
      f.period,
      f.currency,
      f.value,
      f.prov.column,
    ]);
  expect(read(repeated)).toEqual(read(q4.text));
});

release.test("every FY2026 flow equals the sum of its quarters, from three releases", () => {
  const r = ingest(fourthQuarterRelease(), withQ2());
  expect(failures(r.validation)).toEqual([]);
  const spans = r.validation.checks.filter((c) => c.group === "Spans");
  const revenue = spans.find((c) => c.identity.startsWith("revenue.total "));
  expect(revenue).toMatchObject({
    identity: expect.stringMatching(
      /^revenue\.total \(Total revenues\) FY2026, printed 10,814,928 \(line \d+\) = the sum of 2026Q1 \+ 2026Q2 \+ 2026Q3 \+ 2026Q4$/
    ),
    period: "2026FY",
    currency: "RMB",
    expected: "10814928",
    actual: "10814928",
    pass: true,
  });
  // Only amounts add up: no sum for a per-share loss, a share count or a margin.
  const checked = new Set(spans.map((c) => c.identity.split(" ")[0]));
  for (const item of ["is.eps_basic_diluted", "is.shares_basic_diluted", "ng.gross_margin"]) {
    expect(checked.has(item)).toBe(false);
  }
  // Cash at the span's beginning and end are its first quarter's and last quarter's.
  expect(
    spans
      .filter((c) => /^cf\.cash_(beginning|end) /.test(c.identity))
      .map((c) => [c.identity.split(" ")[0], c.period, c.actual])
  ).toEqual([
    ["cf.cash_beginning", "2025FY", "2730101"],
    ["cf.cash_beginning", "2026FY", "6117237"],
    ["cf.cash_end", "2025FY", "6117237"],
    ["cf.cash_end", "2026FY", "1451065"],
  ]);
  // FY2025's third quarter is in no release: its flows are not checked.
  expect(spans.filter((c) => c.period === "2025FY" && !c.identity.startsWith("cf.cash_"))).toEqual(
    []
  );
  // The balance sheet at the year end agrees with the year's closing cash.
  expect(
    r.validation.checks.find(
      (c) =>
        c.group === "Cash" &&
        c.period === "2026FY" &&
        c.currency === "RMB" &&
        c.identity.includes("end")
    )
  ).toMatchObject({ expected: "1451065", pass: true });
});

release.test("a year printed otherwise than its quarters' sum fails, naming both", () => {
  const broken = fourthQuarterRelease({ brokenRevenue: true });
  expect(broken.file).toContain("synthetic");
  const r = ingest(broken, withQ2());
  expect(
    failures(r.validation).map((c) => [
      c.identity.replace(/ \(line \d+\)/, ""),
      c.expected,
      c.actual,
    ])
  ).toEqual([
    [
      "revenue.public (Public cloud services) FY2026, printed 7,986,204 = the sum of 2026Q1 + 2026Q2 + 2026Q3 + 2026Q4",
      "7985204",
      "7986204",
    ],
    [
      "revenue.enterprise (Enterprise cloud services) FY2026, printed 2,828,724 = the sum of 2026Q1 + 2026Q2 + 2026Q3 + 2026Q4",
      "2829724",
      "2828724",
    ],
  ]);
  // Without the second quarter in the dataset there is no sum to check against.
  const alone = ingest(broken, bundledDataset());
  expect(failures(alone.validation)).toEqual([]);
});

release.test("span columns a release does not lay out are refused at their header", () => {
  // A first quarter's release has no year to date beyond its quarter.
  const q1 = releaseText().replace("\tThree Months Ended\n", "\tTwelve Months Ended\n");
  const e = thrown(IngestError, () => readRelease(q1, "broken.txt"));
  expect(e.message).toContain("the Statement of comprehensive loss's header declares the columns");
  expect(e.message).toContain("Twelve Months Ended Mar 31, 2025 RMB");

  // Spans whose columns cannot be told apart: the dates never go back in time.
  const q4 = fourthQuarterRelease();
  const mixed = q4.text.replace(
    "\tThree Months Ended\n\tTwelve Months Ended\n",
    "\tThree Months Ended\n\tTwelve Months Ended\n\tThree Months Ended\n"
  );
  expect(thrown(IngestError, () => readRelease(mixed, "broken.txt")).message).toMatch(
    /cannot tell which columns each covers/
  );
});
