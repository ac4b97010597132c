import { syntheticDataset } from "../../../bench/synthetic-dataset";
import { bundledDataset } from "../../../src/data/load";
import { readStoredParts, storedXml } from "../../../src/data/stored";
import type { LogEntry } from "../../../src/sheets/log-entries";
import { storeDataset } from "../../../src/taskpane/release-day";
import { CREATED_BY } from "../../../src/taskpane/sheet-transaction";
import { FakeExcel } from "../../helpers/fake-excel";

/**
 * The fault sweep of a release added in Excel: the workbook's stored releases replaced and the KC Log told, as one
 * transaction, on the fake workbook (office-addin-mock, batches as Office.js runs them).
 */

const bundled = bundledDataset();
/** SYNTHETIC (bench/synthetic-dataset.ts, never data): releases 2025Q4 and 2026Q1. */
const two = syntheticDataset(bundled, 2);

const added: LogEntry = {
  at: new Date("2026-05-20T08:31:02Z"),
  action: "release added",
  releases: ["2026Q1"],
  source: { kind: "pasted HTML" },
  summary: "1Q26 added: 469 figures",
};

/** The stored dataset the new one was made from: the bundled one, where the workbook held it. */
const base = (withData: boolean) => (withData ? bundled.version : undefined);

const content = (fake: FakeExcel) => fake.snapshot({ ignoreProps: [CREATED_BY] });
const stored = (fake: FakeExcel) => readStoredParts(fake.xmlParts.map((p) => p.xml));

function workbook(withData: boolean): FakeExcel {
  const fake = new FakeExcel([{ name: "Sheet1", cells: { A1: 1 } }]);
  if (withData) fake.addXmlPart(storedXml(bundled, 3));
  return fake;
}

describe("a fault at any point leaves the workbook as it was: releases, log and sheets", () => {
  test.each([
    ["without stored releases", false],
    ["with stored releases", true],
  ])(
    "%s",
    async (_, withData) => {
      const clean = workbook(withData);
      await storeDataset(clean.api, two, [added], base(withData));
      const ops = clean.batches.map((b) => b.operations);
      const outcomes: string[] = [];
      for (const [k, n] of ops.entries())
        for (let cut = 0; cut <= n; cut++) {
          const fake = workbook(withData);
          const before = content(fake);
          fake.failAt(k + 1, cut);
          const outcome = await storeDataset(fake.api, two, [added], base(withData)).catch(
            (e: Error) => e.message
          );
          // Read back (every identity proved again) only where the store says it is done.
          const whole = () =>
            JSON.stringify(stored(fake)) ===
              JSON.stringify({ kind: "held", dataset: two, generation: withData ? 4 : 1 }) &&
            fake.xmlParts.length === 1 &&
            fake.sheet("KC Log") !== undefined;
          // Refused, and as before; or (the write batch stopped after its last write: a read or
          // the answer lost) whole, log and all, and said to be done.
          outcomes.push(
            outcome === undefined
              ? `${k === ops.length - 1 ? "last batch" : `batch ${k + 1}`}: ${whole() ? "whole" : "partial"}`
              : /nothing was changed|the workbook is as it was/.test(outcome) &&
                  content(fake) === before
                ? "as before"
                : `batch ${k + 1} cut ${cut}: ${outcome}`
          );
        }
      expect(outcomes).toHaveLength(ops.reduce((a, n) => a + n + 1, 0));
      expect(new Set(outcomes)).toEqual(new Set(["as before", "last batch: whole"]));
    },
    300000
  );
});
