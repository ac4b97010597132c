import { syntheticDataset } from "../../../bench/synthetic-dataset";
import { bundledDataset } from "../../../src/data/load";
import { readStoredParts, storedXml } from "../../../src/data/stored";
import type { LogEntry } from "../../../src/sheets/log-entries";
import { storeDataset } from "../../../src/taskpane/release-day";
import { FakeExcel } from "../../helpers/fake-excel";

/**
 * A release added in Excel: the workbook's stored releases replaced and the KC Log told, as one
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
  await storeDataset(fake.api, two, [added]);
  expect(stored(fake)).toEqual({ kind: "held", dataset: two, generation: 4 });
  expect(fake.xmlParts).toHaveLength(1);
});
