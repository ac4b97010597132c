import { syntheticDataset } from "../../../bench/synthetic-dataset";
import type { KcFormulas } from "../../../src/core/formulas";
import { reviewRelease } from "../../../src/data/ingest/ingest";
import { releasesMissing, releasesOf } from "../../../src/data/stored";
import { useWorkbookRead } from "../../../src/functions/dataset-in-use";
import { buildModel } from "../../../src/sheets/model";
import { DEFAULT_OPTIONS } from "../../../src/sheets/types";
import { readWorkbookData } from "../../../src/taskpane/workbook-data";
import { insertModel } from "../../../src/taskpane/writer";
import { analystSheet } from "../../helpers/analyst-sheet";
import { release } from "../../helpers/release";
import { fourthQuarterRelease, nextQuarterRelease } from "../../helpers/synthetic-releases";
import { bundledDataset } from "../../../src/data/load";
import { readStoredParts, storedXml } from "../../../src/data/stored";
import type { LogEntry } from "../../../src/sheets/log-entries";
import { callsKc } from "../../../src/taskpane/formula-text";
import { addRelease, storeDataset } from "../../../src/taskpane/release-day";
import { FakeExcel } from "../../helpers/fake-excel";

/**
 * A release added in Excel: the workbook's stored releases replaced and the KC Log told, as one
 * transaction, on the fake workbook (office-addin-mock, batches as Office.js runs them).
 */

const bundled = bundledDataset();
/** SYNTHETIC (bench/synthetic-dataset.ts, never data): releases 2025Q4 and 2026Q1. */
const two = syntheticDataset(bundled, 2);

const AT = new Date("2026-05-20T08:31:02Z");

const added: LogEntry = {
  at: AT,
  action: "release added",
  releases: ["2026Q1"],
  source: { kind: "pasted HTML" },
  summary: "1Q26 added: 469 figures",
};

const stored = (fake: FakeExcel) => readStoredParts(fake.xmlParts.map((p) => p.xml));

function workbook(withData: boolean): FakeExcel {
  const fake = new FakeExcel([{ name: "Sheet1", cells: { A1: 1 } }]);
  if (withData) fake.addXmlPart(storedXml(bundled, 3));
  return fake;
}

test("a workbook without stored releases gets them, and the KC Log its line", async () => {
  const fake = workbook(false);
  await storeDataset(fake.api, two, [added]);
  expect(stored(fake)).toEqual({ kind: "held", dataset: two, generation: 1 });
  expect(fake.xmlParts).toHaveLength(1);
  const log = fake.sheet("KC Log");
  expect([...(log?.cells.values() ?? [])].map((c) => String(c.value))).toContain(
    "1Q26 added: 469 figures"
  );
});

test("stored releases are replaced by the new ones, one part left, a generation later", async () => {
  const fake = workbook(true);
  await storeDataset(fake.api, two, [added], bundled.version);
  expect(stored(fake)).toEqual({ kind: "held", dataset: two, generation: 4 });
  expect(fake.xmlParts).toHaveLength(1);
});

test("stored releases that cannot be read, or changed since the review, are never replaced", async () => {
  const later = workbook(false);
  later.addXmlPart(storedXml(bundled, 7).replace('format="1"', 'format="2"'));
  const unread = await storeDataset(later.api, two, [added], bundled.version).catch(
    (e: Error) => e.message
  );
  expect(unread).toMatch(
    /^This workbook's stored releases could not be read \(.*later version of KC Financials.*\), and storing others would replace them; nothing was changed\./
  );
  expect(later.xmlParts.map((p) => p.xml)).toEqual([
    storedXml(bundled, 7).replace('format="1"', 'format="2"'),
  ]);
  expect(later.sheet("KC Log")).toBeUndefined();

  const moved = workbook(true);
  const stale = await storeDataset(moved.api, two, [added], "2025Q4-0000000000").catch(
    (e: Error) => e.message
  );
  expect(stale).toMatch(
    /changed since this was reviewed \(now dataset 2026Q1-.*\); nothing was changed/
  );
  expect(stored(moved)).toEqual({ kind: "held", dataset: bundled, generation: 3 });
});

release.test(
  "a workbook carrying two releases, opened by an add-in that bundles three, answers from its two; after the third is added the analyst's sheet shows what it showed for every earlier period",
  async () => {
    // SYNTHETIC releases (test/helpers/synthetic-releases.ts), never data.
    const q2 = nextQuarterRelease();
    const q4 = fourthQuarterRelease();
    const two = reviewRelease(q2.text, q2.file, { base: bundled }).dataset;
    const three = reviewRelease(q4.text, q4.file, { base: two }).dataset;
    expect(releasesOf(three)).toEqual(["2026Q1", "2026Q2", "2026Q4"]);

    const fake = new FakeExcel([{ name: "Sheet1" }]);
    fake.addXmlPart(storedXml(two, 1));
    const opened = await useWorkbookRead(fake.api.run(readWorkbookData).then((w) => w.stored));
    expect([opened.origin, opened.kcf.fin.dataset.latestQuarter]).toEqual(["workbook", "2026Q2"]);
    expect(releasesMissing(opened.kcf.fin.dataset, three)).toEqual(["2026Q4"]);

    const m = buildModel(opened.kcf.fin, DEFAULT_OPTIONS);
    await insertModel(m, undefined, fake.api);
    const links = analystSheet(fake, m);
    // A KC formula of the analyst's own, beside the links: Excel recalculates it only if asked.
    fake
      .sheet("Analyst")!
      .cells.set("0,3", { formula: '=KC.VALUE("revenue.total","LQ")', value: 0 });
    const shown = (kcf: KcFormulas, cells: string[]) =>
      cells.map((a) => [a, fake.evaluate("Analyst", a, kcf)]);
    const before = shown(opened.kcf, links.fixed);
    expect(before.filter(([, v]) => typeof v === "number")).toHaveLength(links.fixed.length);

    const review = reviewRelease(q4.text, q4.file, { base: opened.kcf.fin.dataset });
    expect(review.restatements).toEqual([]);
    const added = await addRelease(fake.api, review, { kind: "pasted HTML" }, undefined, () => AT);
    expect(added.warnings).toEqual([]);
    // Every KC cell recalculated, one by one, the analyst's (the last sheet's D1) last.
    const kcCells = fake.sheets.reduce(
      (n, sheet) => n + [...sheet.cells.values()].filter((c) => callsKc(c.formula)).length,
      0
    );
    expect(added.recalculated).toBe(kcCells);
    expect(fake.calculations.slice(-kcCells).every((c) => /^range [A-Z]+\d+$/.test(c))).toBe(true);
    expect(fake.calculations.at(-1)).toBe("range D1");
    expect(added.rolled.kind).toBe("rolled");
    expect([added.inUse.origin, added.inUse.kcf.fin.dataset.latestQuarter]).toEqual([
      "workbook",
      "2026Q4",
    ]);
    expect(stored(fake)).toEqual({ kind: "held", dataset: three, generation: 2 });
    expect(shown(added.inUse.kcf, links.fixed)).toEqual(before);
    // The latest quarter's cells now show 4Q26's figures.
    for (const [, v] of shown(added.inUse.kcf, links.latest)) expect(typeof v).toBe("number");
    const log = [...(fake.sheet("KC Log")?.cells.values() ?? [])].map((c) => String(c.value));
    expect(log).toEqual(expect.arrayContaining(["release added", "model refreshed"]));
  },
  120000
);
