import { queueRefReads } from "../../../src/taskpane/ref-values";
import { FakeExcel } from "../../helpers/fake-excel";

/**
 * The values of the cells a KC call's arguments refer to, read in the caller's next sync, on the
 * mock workbook (which runs what is queued only at sync, as Excel does).
 */

function workbook(): FakeExcel {
  return new FakeExcel([
    { name: "DCF", cells: { A1: "revenue.total", B1: "2026Q1", C3: 42, D4: 7 } },
    { name: "KC Income Statement", cells: { D8: 2703732, D9: -2357984 } },
    { name: "Analyst's view", cells: { B2: "USD" } },
    { name: "Data", cells: { A1: "thousands" } },
  ]);
}

/** Queues the reads with DCF as the formula's sheet, syncs once, and returns what was read. */
async function read(fake: FakeExcel, refs: string[]): Promise<Map<string, unknown>> {
  return fake.api.run(async (context) => {
    const home = context.workbook.worksheets.getItem("DCF");
    const values = queueRefReads(context, home, refs);
    await context.sync();
    return values();
  });
}

test("plain addresses are read on the formula's own sheet, absolute or not", async () => {
  const values = await read(workbook(), ["A1", "B1", "$C$3", "D$4"]);
  expect(values).toEqual(
    new Map<string, unknown>([
      ["A1", "revenue.total"],
      ["B1", "2026Q1"],
      ["$C$3", 42],
      ["D$4", 7],
    ])
  );
});

test("a reference to another sheet is read there, its name quoted or not", async () => {
  const values = await read(workbook(), [
    "'KC Income Statement'!D8",
    "Data!A1",
    "'Analyst''s view'!B2",
  ]);
  expect(values.get("'KC Income Statement'!D8")).toBe(2703732);
  expect(values.get("Data!A1")).toBe("thousands");
  expect(values.get("'Analyst''s view'!B2")).toBe("USD");
});

test("a range gives its first cell's value", async () => {
  const values = await read(workbook(), ["'KC Income Statement'!D9:D10", "C3:D4"]);
  expect(values.get("'KC Income Statement'!D9:D10")).toBe(-2357984);
  expect(values.get("C3:D4")).toBe(42);
});

test("an empty cell reads as an empty text, as Excel gives it", async () => {
  const values = await read(workbook(), ["Z99"]);
  expect(values.get("Z99")).toBe("");
});

test("names, whole columns, arrays and text are not read: the trace says what it cannot resolve", async () => {
  const fake = workbook();
  const values = await read(fake, ["Revenue", "A:A", "{1,2}", '"x"', "A1 B1", "TRUE"]);
  expect(values.size).toBe(0);
});

test("each reference is read once, however often the formula names it, all in one sync", async () => {
  const fake = workbook();
  const syncs = fake.syncs;
  const values = await read(fake, ["A1", "A1", "Data!A1", "A1"]);
  expect([...values.keys()]).toEqual(["A1", "Data!A1"]);
  expect(fake.syncs - syncs).toBe(1);
  const loads = fake.batches[fake.batches.length - 1].what.filter((w) => w === "load");
  expect(loads).toHaveLength(2);
});
