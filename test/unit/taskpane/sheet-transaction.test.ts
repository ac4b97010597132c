import {
  CREATED_BY,
  Outcome,
  SheetTransaction,
  message,
  outcomeMessage,
} from "../../../src/taskpane/sheet-transaction";
import { FakeExcel } from "../../helpers/fake-excel";

/**
 * Sheets changed as one transaction on the mock workbook: new sheets built beside the old, put in
 * place, and after a failure the workbook put back as it was, or finished, or what is left named.
 */

afterEach(() => jest.restoreAllMocks());

/** Every transaction of a test gets this token. */
function fixToken(): void {
  jest.spyOn(globalThis.crypto, "getRandomValues").mockImplementation(<T>(a: T): T => {
    (a as unknown as Uint8Array).set([0x0b, 0xad, 0xc0, 0xde]);
    return a;
  });
}

function workbook(): FakeExcel {
  return new FakeExcel([
    { name: "Sheet1", cells: { A1: "mine" } },
    { name: "Report", cells: { A1: "old report" } },
    { name: "Notes", cells: { A1: { formula: "=Report!A1", value: "old report" } } },
  ]);
}

/**
 * Replaces "Report" by a new sheet and adds "Summary", in three syncs: read, build, swap. On a
 * failed sync, recovers and returns the outcome.
 */
async function replaceReport(fake: FakeExcel): Promise<Outcome | "done"> {
  return fake.api.run(async (context) => {
    const tx = new SheetTransaction(context);
    const old = context.workbook.worksheets.getItem("Report");
    old.load("id,name,position");
    try {
      await context.sync();
      tx.begin();
      const report = tx.add(`~KC build ${tx.token} 1`, "Report");
      report.getRange("A1").values = [["new report"]];
      tx.replace(report, old, 1);
      const summary = tx.add(`~KC build ${tx.token} 2`, "Summary");
      summary.getRange("A1").values = [["summary"]];
      await context.sync();
      tx.queueSwap();
      await context.sync();
      return "done";
    } catch {
      return tx.recover();
    }
  });
}

describe("message and outcomeMessage", () => {
  test("an error's message, or the thing itself as text", () => {
    expect(message(new Error("InvalidArgument"))).toBe("InvalidArgument");
    expect(message("plain")).toBe("plain");
    expect(message(42)).toBe("42");
  });

  const boom = new Error("boom");

  test("as before: the workbook is as it was", () => {
    expect(outcomeMessage("Writing the tabs", boom, { kind: "as-before", left: [] })).toEqual({
      finished: false,
      text: "Writing the tabs failed (boom); the workbook is as it was.",
    });
  });

  test("completed: a warning, with anything left", () => {
    expect(
      outcomeMessage("Putting the tabs in place", boom, { kind: "completed", left: [] })
    ).toEqual({
      finished: true,
      text: "Putting the tabs in place failed (boom); the change was finished afterwards.",
    });
    expect(
      outcomeMessage("Putting the tabs in place", boom, { kind: "completed", left: ["a", "b"] })
        .text
    ).toBe(
      "Putting the tabs in place failed (boom); the change was finished afterwards. Also left: a; b."
    );
  });

  test("left: what remains, and why undoing stopped if it failed too", () => {
    expect(outcomeMessage("Making the copy", boom, { kind: "left", left: ["x"] })).toEqual({
      finished: false,
      text: "Making the copy failed (boom); it was undone, except: x.",
    });
    expect(
      outcomeMessage("Making the copy", "lost", {
        kind: "left",
        left: ["x", "y"],
        failure: "again",
      }).text
    ).toBe(
      "Making the copy failed (lost), and undoing it failed too (again). Left in the workbook: x; y."
    );
  });
});

describe("a transaction that succeeds", () => {
  test("new sheets take their names and the old sheet's place; the old one is gone", async () => {
    const fake = workbook();
    const oldId = fake.sheet("Report")!.id;
    expect(await replaceReport(fake)).toBe("done");
    expect(fake.sheets.map((s) => s.name)).toEqual(["Sheet1", "Report", "Notes", "Summary"]);
    expect(fake.cell("Report", "A1")).toEqual({ value: "new report" });
    expect(fake.sheet("Report")!.id).not.toBe(oldId);
    expect(fake.syncs).toBe(3);
  });

  test("each sheet it creates carries its token, set right after the sheet is made", async () => {
    fixToken();
    const fake = workbook();
    await replaceReport(fake);
    expect(fake.sheet("Report")!.props.get(CREATED_BY)).toBe("0badc0de");
    expect(fake.sheet("Summary")!.props.get(CREATED_BY)).toBe("0badc0de");
    expect(fake.sheet("Sheet1")!.props.has(CREATED_BY)).toBe(false);
    const build = fake.batches[1].what;
    expect(build.slice(0, 2)).toEqual(["add sheet", `add property ${CREATED_BY}`]);
  });

  test("its token is eight hex digits, new for each transaction", async () => {
    const tokens = await new FakeExcel().api.run(async (context) => [
      new SheetTransaction(context).token,
      new SheetTransaction(context).token,
    ]);
    expect(tokens[0]).toMatch(/^[0-9a-f]{8}$/);
    expect(tokens[1]).not.toBe(tokens[0]);
  });

  test("a copy of a sheet comes at the end under the name given, with the token", async () => {
    fixToken();
    const fake = workbook();
    await fake.api.run(async (context) => {
      const tx = new SheetTransaction(context);
      await context.sync();
      tx.begin();
      tx.copy(context.workbook.worksheets.getItem("Notes"), "Notes for Bob");
      tx.queueSwap();
      await context.sync();
    });
    expect(fake.sheets.map((s) => s.name)).toEqual(["Sheet1", "Report", "Notes", "Notes for Bob"]);
    expect(fake.cell("Notes for Bob", "A1")?.formula).toBe("=Report!A1");
    expect(fake.sheet("Notes for Bob")!.props.get(CREATED_BY)).toBe("0badc0de");
  });
});

describe("recovery", () => {
  test("with nothing created, or before it began, there is nothing to undo", async () => {
    const outcomes = await new FakeExcel().api.run(async (context) => {
      const early = new SheetTransaction(context);
      const idle = new SheetTransaction(context);
      await context.sync();
      idle.begin();
      return [await early.recover(), await idle.recover()];
    });
    expect(outcomes).toEqual([
      { kind: "as-before", left: [] },
      { kind: "as-before", left: [] },
    ]);
  });

  test("a build that fails anywhere leaves the workbook as it was, or names the one sheet it cannot tell", async () => {
    fixToken();
    const probe = workbook();
    await replaceReport(probe);
    const build = probe.batches[1].what;
    for (let after = 0; after <= build.length; after++) {
      const fake = workbook();
      const before = fake.snapshot();
      fake.failAt(2, after);
      const outcome = await replaceReport(fake);
      // Failing between a sheet's creation and its mark leaves a sheet the recovery cannot tell
      // from someone else's: it is left alone, and named.
      const unmarked = build[after - 1] === "add sheet";
      const sheet = `~KC build 0badc0de ${build.slice(0, after).filter((w) => w === "add sheet").length}`;
      const expected: Outcome = unmarked
        ? {
            kind: "left",
            left: [
              `"${sheet}", a sheet that appeared during the attempt without the add-in's mark (left alone): delete it if it is an unfinished one of the attempt's`,
            ],
          }
        : { kind: "as-before", left: [] };
      expect({ after, outcome }).toEqual({ after, outcome: expected });
      if (unmarked) fake.deleteAsUser(sheet);
      expect({ after, same: fake.snapshot() === before }).toEqual({ after, same: true });
    }
  });

  test("a swap that fails before the old sheet is deleted is undone; after, it is finished", async () => {
    const probe = workbook();
    await replaceReport(probe);
    const swap = probe.batches[2].what;
    const deletion = swap.indexOf("delete sheet");
    expect(deletion).toBe(swap.length - 1);
    for (let after = 0; after <= swap.length; after++) {
      const fake = workbook();
      const before = fake.snapshot();
      fake.failAt(3, after);
      const outcome = await replaceReport(fake);
      const undone = after <= deletion;
      expect({ after, outcome }).toEqual({
        after,
        outcome: { kind: undone ? "as-before" : "completed", left: [] },
      });
      expect({
        after,
        same: fake.snapshot() === before,
        names: fake.sheets.map((s) => s.name),
        report: fake.cell("Report", "A1")?.value,
      }).toEqual({
        after,
        same: undone,
        names: undone ? ["Sheet1", "Report", "Notes"] : ["Sheet1", "Report", "Notes", "Summary"],
        report: undone ? "old report" : "new report",
      });
    }
  });

  test("the old sheet gone (deleted meanwhile) and the swap failed: the recovery finishes it", async () => {
    fixToken();
    const fake = workbook();
    // Someone deletes the old sheet just as the swap is sent; the swap then fails before it runs.
    fake.onSync = (n) => {
      if (n === 3) fake.deleteAsUser("Report");
    };
    fake.failAt(3, 0);
    const outcome = await replaceReport(fake);
    expect(outcome).toEqual({ kind: "completed", left: [] });
    expect(fake.sheets.map((s) => s.name)).toEqual(["Sheet1", "Notes", "Report", "Summary"]);
    expect(fake.cell("Report", "A1")).toEqual({ value: "new report" });
  });

  test("a sheet that appears meanwhile without the mark is left alone, and named", async () => {
    fixToken();
    const fake = workbook();
    fake.failAt(2, 0);
    fake.onSync = (n) => {
      if (n === 2) fake.addSheet({ name: "~KC build 0badc0de 1", cells: { A1: "theirs" } });
    };
    const outcome = await replaceReport(fake);
    expect(outcome).toEqual({
      kind: "left",
      left: [
        "\"~KC build 0badc0de 1\", a sheet that appeared during the attempt without the add-in's mark (left alone): delete it if it is an unfinished one of the attempt's",
      ],
    });
    expect(fake.cell("~KC build 0badc0de 1", "A1")).toEqual({ value: "theirs" });
  });

  test("when Excel never answers while undoing, what is left is named by the names used", async () => {
    fixToken();
    const fake = workbook();
    const probe = workbook();
    await replaceReport(probe);
    fake.failAt(3, probe.batches[2].what.indexOf("delete sheet"));
    for (let n = 4; n <= 12; n++) fake.failAt(n, 0);
    const outcome = await replaceReport(fake);
    expect(outcome).toEqual({
      kind: "left",
      failure: "Simulated failure during sync",
      left: [
        'a sheet named "~KC build 0badc0de 1", if any: delete it',
        'a sheet named "~KC build 0badc0de 2", if any: delete it',
        'a sheet named "~KC old 0badc0de 1", if any, is the old "Report": rename it back, or delete it if a new "Report" is in place',
      ],
    });
    // Doing what the message says restores the workbook.
    fake.deleteAsUser("Report");
    fake.deleteAsUser("Summary");
    fake.renameAsUser("~KC old 0badc0de 1", "Report");
    expect(fake.sheets.map((s) => s.name)).toEqual(["Sheet1", "Report", "Notes"]);
    expect(fake.cell("Report", "A1")).toEqual({ value: "old report" });
  });
});
