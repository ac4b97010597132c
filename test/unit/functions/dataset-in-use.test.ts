import { syntheticDataset } from "../../../bench/synthetic-dataset";
import { KcFormulas } from "../../../src/core/formulas";
import { runKc } from "../../../src/core/registry";
import { bundledDataset } from "../../../src/data/load";
import type { StoredRead } from "../../../src/data/stored";

/**
 * What the KC functions answer from in Excel: the workbook's stored releases once read, else the
 * bundled dataset; never either before the read has settled. Each test takes a fresh module: the
 * state is the runtime's, one per page.
 */

type Module = typeof import("../../../src/functions/dataset-in-use");

function fresh(): Module {
  let m: Module | undefined;
  jest.isolateModules(() => {
    m = require("../../../src/functions/dataset-in-use");
  });
  return m as Module;
}

const bundled = bundledDataset();
/**
 * SYNTHETIC (bench/synthetic-dataset.ts, never data): releases 2025Q4 and 2026Q1, each quarter
 * printing 2026Q1's figures again, so that its 2025Q1 revenue (2,703,732) is not the bundle's
 * (1,969,977): which dataset answered is seen in the figure.
 */
const two = syntheticDataset(bundled, 2);
const revenue = (period: string) => (kcf: KcFormulas) =>
  runKc(kcf, "VALUE", ["revenue.total", period]) as number;

/** Whether a promise has settled by the time the queue of promise jobs has run. */
async function settledYet(p: Promise<unknown>): Promise<boolean> {
  let done = false;
  void p.then(
    () => (done = true),
    () => (done = true)
  );
  await new Promise((r) => setTimeout(r, 0));
  return done;
}

test("the bundled dataset: one instance, made on first use and shared by every caller", () => {
  const m = fresh();
  const k = m.bundledKc();
  expect(m.bundledKc()).toBe(k);
  expect(k.fin.dataset.version).toBe(bundled.version);
  // Total revenues, three months ended Mar 31, 2026, RMB thousands, as the release prints it.
  expect(k.fin.value("revenue.total", "2026Q1").value.toString()).toBe("2703732");
});

test("before the workbook is read a call is a promise (#BUSY!) that answers once it is", async () => {
  const m = fresh();
  expect(m.datasetInUse()).toBeUndefined();
  const early = m.answer(revenue("2025Q1"));
  expect(early).toBeInstanceOf(Promise);
  expect(await settledYet(early as Promise<number>)).toBe(false);
  let settle!: (r: StoredRead) => void;
  const reading = m.useWorkbookRead(new Promise<StoredRead>((r) => (settle = r)));
  expect(await settledYet(early as Promise<number>)).toBe(false);
  settle({ kind: "held", dataset: two, generation: 1 });
  expect((await reading).origin).toBe("workbook");
  // The early call answers from the workbook's releases, not the bundle.
  await expect(early).resolves.toBe(2703732);
  expect(m.answer(revenue("2026Q1"))).toBe(2703732);
});

test("once read, every call answers at once, from the workbook's releases", async () => {
  const m = fresh();
  const inUse = await m.useWorkbookRead(
    Promise.resolve({ kind: "held", dataset: two, generation: 3 })
  );
  expect(inUse).toMatchObject({ origin: "workbook", problems: [] });
  expect(m.datasetInUse()).toBe(inUse);
  expect(m.answer(revenue("2025Q1"))).toBe(2703732);
  expect(await m.whenKnown()).toBe(inUse);
});

test("a workbook without stored releases answers from the bundled dataset, with nothing to say", async () => {
  const m = fresh();
  const inUse = await m.useWorkbookRead(Promise.resolve(undefined));
  expect(inUse).toMatchObject({ origin: "bundled", problems: [] });
  expect(inUse.kcf).toBe(m.bundledKc());
  expect(m.answer(revenue("2025Q1"))).toBe(1969977);
});

test("refused stored releases: the bundled dataset, and the reasons kept for the pane", async () => {
  const m = fresh();
  const early = m.answer(revenue("2025Q1"));
  const problems = ["1 identity does not hold in the workbook's stored data: ..."];
  const inUse = await m.useWorkbookRead(Promise.resolve({ kind: "refused", problems }));
  expect(inUse).toMatchObject({ origin: "bundled", problems });
  await expect(early).resolves.toBe(1969977);
});

test("a read that fails settles on the bundled dataset too, saying why", async () => {
  const m = fresh();
  const early = m.answer(revenue("2026Q1"));
  const inUse = await m.useWorkbookRead(Promise.reject(new Error("GeneralException")));
  expect(inUse.origin).toBe("bundled");
  expect(inUse.problems).toEqual([
    expect.stringMatching(
      /could not be read \(GeneralException\); the KC functions answer from the bundled dataset\. Close and reopen/
    ),
  ]);
  await expect(early).resolves.toBe(2703732);
});

test("useDataset: after a release is accepted the functions answer from the new dataset", async () => {
  const m = fresh();
  await m.useWorkbookRead(Promise.resolve(undefined));
  expect(m.answer(revenue("2025Q1"))).toBe(1969977);
  const inUse = m.useDataset(two, "workbook");
  expect(m.datasetInUse()).toBe(inUse);
  expect(inUse.kcf.fin.dataset).toBe(two);
  expect(m.answer(revenue("2025Q1"))).toBe(2703732);
});

test("an error raised while answering reaches Excel either way: thrown, or the promise's", async () => {
  const m = fresh();
  const early = m.answer(revenue("1999Q1"));
  await m.useWorkbookRead(Promise.resolve(undefined));
  await expect(early).rejects.toThrow(/1999Q1/);
  expect(() => m.answer(revenue("1999Q1"))).toThrow(/1999Q1/);
});
