import type { LogEntry } from "../../../src/sheets/log-entries";
import { LOG_COLUMNS, releaseSummary } from "../../../src/sheets/log-entries";
import { LOG_MARK, LogWrite, LogWriteError, queueLog } from "../../../src/taskpane/log-writer";
import { CREATED_BY, SheetTransaction } from "../../../src/taskpane/sheet-transaction";
import { FakeExcel, FakeSheet } from "../../helpers/fake-excel";
import { HOSTILE_TEXTS } from "../../helpers/hostile";

/**
 * The KC Log written into the fake workbook as the pane writes it: the read in a sync of its own,
 * the rows in the caller's batch beside the action they record (here a cell written on Sheet1).
 */

const AT = new Date("2026-05-20T08:31:02Z");

function entry(summary = releaseSummary("2026Q2", 412, 0)): LogEntry {
  return {
    at: AT,
    action: "release added",
    releases: ["2026Q2"],
    source: { kind: "pasted text" },
    summary,
  };
}

/** The action and its log in one batch: Sheet1!B2 written, then the log's rows queued. */
async function act(fake: FakeExcel, entries: LogEntry[] = [entry()], value = "done") {
  return fake.api.run(async (context) => {
    const log = await queueLog(context, entries);
    context.workbook.worksheets.getItem("Sheet1").getRange("B2").values = [[value]];
    await context.sync();
    return log;
  });
}

const WHAT = LOG_COLUMNS.findIndex((c) => c.key === "changed");
const text = (sheet: FakeSheet, row: number, col = WHAT) => sheet.cells.get(`${row},${col}`)?.value;
const content = (fake: FakeExcel) => fake.snapshot({ ignoreProps: [CREATED_BY] });

const fresh = () => new FakeExcel([{ name: "Sheet1", cells: { A1: 1 } }, { name: "Model" }]);

test("the first entry adds a KC Log tab at the end, marked, its header and the rows", async () => {
  const fake = fresh();
  const log = await act(fake);
  expect(fake.sheets.map((s) => s.name)).toEqual(["Sheet1", "Model", "KC Log"]);
  const sheet = fake.sheet("KC Log")!;
  expect(JSON.parse(sheet.props.get(LOG_MARK)!)).toEqual({
    columns: LOG_COLUMNS.map((c) => c.key),
  });
  expect(text(sheet, 0, 0)).toBe("Time (UTC)");
  expect(text(sheet, 1, 0)).toBe("2026-05-20T08:31:02Z");
  expect(text(sheet, 1)).toBe("2Q26 added: 412 figures");
  expect(sheet.freeze).toBe("rows 1");
  expect(log).toMatchObject({ sheet: "KC Log", address: "A1:M2", created: true });
  // The action and the log went in one sync, after the read.
  expect(fake.syncs).toBe(2);
  expect(fake.cell("Sheet1", "B2")?.value).toBe("done");
});

test("appending twice keeps the first rows and adds the second below", async () => {
  const fake = fresh();
  await act(fake, [entry("first")]);
  const log = await act(fake, [entry("second"), entry("third")]);
  const sheet = fake.sheet("KC Log")!;
  expect([1, 2, 3].map((r) => text(sheet, r))).toEqual(["first", "second", "third"]);
  expect(text(sheet, 0, 0)).toBe("Time (UTC)");
  expect(log).toMatchObject({ address: "A3:M4", created: false });
  expect(fake.sheets).toHaveLength(3);
});

test("what the analyst typed below and beside the log stays; rows go under their last row", async () => {
  const fake = fresh();
  await act(fake, [entry("first")]);
  const sheet = fake.sheet("KC Log")!;
  sheet.cells.set("1,12", { value: "checked with IR" });
  sheet.cells.set("9,2", { value: "my total" });
  sheet.cells.set("10,3", { format: "0.0%" });
  const log = await act(fake, [entry("second")]);
  expect(log.address).toBe("A12:M12");
  expect(text(sheet, 11)).toBe("second");
  expect(sheet.cells.get("1,12")?.value).toBe("checked with IR");
  expect(sheet.cells.get("9,2")?.value).toBe("my total");
  expect(sheet.cells.get("10,3")).toEqual({ format: "0.0%" });
});

test("a log tab the analyst renamed and moved is found by its mark", async () => {
  const fake = fresh();
  await act(fake, [entry("first")]);
  fake.renameAsUser("KC Log", "Audit trail");
  const moved = fake.sheet("Audit trail")!;
  fake.sheets.splice(fake.sheets.indexOf(moved), 1);
  fake.sheets.unshift(moved);
  const log = await act(fake, [entry("second")]);
  expect(log).toMatchObject({ sheet: "Audit trail", created: false });
  expect(fake.sheets.map((s) => s.name)).toEqual(["Audit trail", "Sheet1", "Model"]);
  expect(text(moved, 2)).toBe("second");
});

test("a sheet of the analyst's named KC Log is left alone; the log takes the next name", async () => {
  const fake = new FakeExcel([{ name: "Sheet1" }, { name: "KC Log", cells: { A1: "mine" } }]);
  const log = await act(fake);
  expect(log.sheet).toBe("KC Log (2)");
  expect(fake.cell("KC Log", "A1")?.value).toBe("mine");
  expect(fake.sheet("KC Log")!.props.size).toBe(0);
});

/** The message a refused log gives, with the workbook shown unchanged. */
async function refused(fake: FakeExcel): Promise<string> {
  const before = content(fake);
  const e = await act(fake).catch((x: unknown) => x);
  expect(e).toBeInstanceOf(LogWriteError);
  expect(content(fake)).toBe(before);
  return (e as Error).message;
}

test("a protected log tab is refused in words, before anything is written", async () => {
  const fake = fresh();
  await act(fake, [entry("first")]);
  fake.sheet("KC Log")!.protected = true;
  expect(await refused(fake)).toMatch(
    /^Nothing was changed: "KC Log", the workbook's log, is protected.*Unprotect it \(Review > Unprotect Sheet\) and try again\.$/
  );
});

test("a protected workbook structure is refused where the log tab must be added", async () => {
  const fake = fresh();
  fake.workbookProtected = true;
  expect(await refused(fake)).toMatch(/structure is protected.*Review > Protect Workbook/);
});

test("two sheets with the log's mark are refused rather than guessed between", async () => {
  const fake = fresh();
  await act(fake, [entry("first")]);
  fake.copyAsUser("KC Log", true);
  expect(await refused(fake)).toMatch(/"KC Log" and "KC Log \(2\)" both carry the mark/);
});

test("a log of another version's columns is refused, and named", async () => {
  const fake = fresh();
  await act(fake, [entry("first")]);
  fake.sheet("KC Log")!.props.set(LOG_MARK, JSON.stringify({ columns: ["when", "what"] }));
  expect(await refused(fake)).toMatch(/another version of KC Financials.*\(when, what\)/);
});

test("hostile texts from a release or a file name stay text in the log", async () => {
  const fake = fresh();
  await act(
    fake,
    HOSTILE_TEXTS.map((t) => ({ ...entry(t), source: { kind: "file", name: t } }))
  );
  const sheet = fake.sheet("KC Log")!;
  for (const c of sheet.cells.values()) expect(c.formula).toBeUndefined();
  const from = LOG_COLUMNS.findIndex((c) => c.key === "from");
  HOSTILE_TEXTS.forEach((t, k) => {
    expect(text(sheet, k + 1)).toBe(t);
    expect(text(sheet, k + 1, from)).toBe(`file ${t}`);
  });
});

/**
 * A failing sync at every point of the read and of the batch (the action, then the log), the
 * batch that ran whole but whose answer was lost included: the caller takes its action back and
 * the log's `undo` its rows, so the workbook is as before, to the byte; never between.
 */
describe("a fault at every point of the write leaves the workbook as before, whole", () => {
  const settings: [string, () => Promise<FakeExcel>][] = [
    ["the log added", async () => fresh()],
    [
      "rows appended under the analyst's",
      async () => {
        const fake = fresh();
        await act(fake, [entry("first")]);
        fake.sheet("KC Log")!.cells.set("5,12", { value: "note" });
        return fake;
      },
    ],
  ];
  /** The action of the sweep: Sheet1!C3 written beside its log, in one batch. */
  const action = (fake: FakeExcel) =>
    fake.api.run(async (context) => {
      await queueLog(context, [entry("second"), entry("third")]);
      context.workbook.worksheets.getItem("Sheet1").getRange("C3").values = [["done"]];
      await context.sync();
    });
  test.each(settings)("%s", async (_, setup) => {
    const clean = await setup();
    const start = clean.syncs;
    await action(clean);
    const ops = clean.batches.slice(start).map((b) => b.operations);
    expect(ops).toHaveLength(2);
    // The read writes nothing wherever it stops: its start, middle and end stand for the rest.
    const cuts = [
      [0, Math.floor(ops[0] / 2), ops[0]],
      Array.from({ length: ops[1] + 1 }, (__, cut) => cut),
    ];
    let faults = 0;
    for (const [k, points] of cuts.entries())
      for (const cut of points) {
        const fake = await setup();
        const before = content(fake);
        fake.failAt(fake.syncs + k + 1, cut);
        let log: LogWrite | undefined;
        const outcome = await fake.api
          .run(async (context) => {
            const tx = new SheetTransaction(context);
            log = await queueLog(context, [entry("second"), entry("third")], tx);
            context.workbook.worksheets.getItem("Sheet1").getRange("C3").values = [["done"]];
            try {
              await context.sync();
            } catch {
              // The caller's part (the cell was empty), then the log's.
              context.workbook.worksheets.getItem("Sheet1").getRange("C3").clear("Contents");
              await context.sync();
              return (log as LogWrite).undo();
            }
            return undefined;
          })
          .catch((e: unknown) => e);
        faults++;
        const now = content(fake);
        // A failed read is refused before anything is written; a failed write is undone.
        expect(outcome instanceof LogWriteError ? "refused" : outcome).toEqual(
          k === 0 ? "refused" : { kind: "as-before", left: [] }
        );
        expect(now).toBe(before);
      }
    expect(faults).toBe(3 + ops[1] + 1);
  });
});

test("an undo that Excel refuses too names the rows left and how to finish", async () => {
  const fake = fresh();
  await act(fake, [entry("first")]);
  const from = fake.syncs + 2;
  fake.failWhen = (sync) => (sync >= from ? 0 : undefined);
  const outcome = await fake.api.run(async (context) => {
    const log = await queueLog(context, [entry("second")]);
    await context.sync().catch(() => undefined);
    return log.undo();
  });
  expect(outcome).toEqual({
    kind: "left",
    left: ['whatever the attempt wrote in A3:M3 of "KC Log" (those cells were empty): clear them'],
    failure: "Simulated failure during sync",
  });
});
