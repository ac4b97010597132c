import {
  CREATED_BY,
  Outcome,
  SheetTransaction,
  message,
  outcomeMessage,
} from "../../../src/taskpane/sheet-transaction";
import { FakeExcel } from "../../helpers/fake-excel";

/**
 * New sheets made as one transaction on the mock workbook, and after a failure the workbook put
 * back as it was, or what is left named.
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
    { name: "Notes", cells: { A1: { formula: "=Sheet1!A1", value: "mine" } } },
  ]);
}

/**
 * Adds "Report" and "Summary" with a cell each, in two syncs: read, then write. On a failed sync,
 * recovers and returns the outcome.
 */
async function addTwo(fake: FakeExcel): Promise<Outcome | "done"> {
  return fake.api.run(async (context) => {
    const tx = new SheetTransaction(context);
    try {
      await context.sync();
      tx.begin();
      tx.add("Report").getRange("A1").values = [["report"]];
      tx.add("Summary").getRange("A1").values = [["summary"]];
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
    expect(outcomeMessage("Writing the tabs", boom, { kind: "as-before", left: [] })).toBe(
      "Writing the tabs failed (boom); the workbook is as it was."
    );
  });

  test("left: what remains, and why undoing stopped if it failed too", () => {
    expect(outcomeMessage("Making the copy", boom, { kind: "left", left: ["x"] })).toBe(
      "Making the copy failed (boom); it was undone, except: x."
    );
    expect(
      outcomeMessage("Making the copy", "lost", {
        kind: "left",
        left: ["x", "y"],
        failure: "again",
      })
    ).toBe(
      "Making the copy failed (lost), and undoing it failed too (again). Left in the workbook: x; y."
    );
  });
});

describe("a transaction that succeeds", () => {
  test("each sheet it creates carries its token, set right after the sheet is made", async () => {
    fixToken();
    const fake = workbook();
    expect(await addTwo(fake)).toBe("done");
    expect(fake.sheets.map((s) => s.name)).toEqual(["Sheet1", "Notes", "Report", "Summary"]);
    expect(fake.sheet("Report")!.props.get(CREATED_BY)).toBe("0badc0de");
    expect(fake.sheet("Summary")!.props.get(CREATED_BY)).toBe("0badc0de");
    expect(fake.sheet("Sheet1")!.props.has(CREATED_BY)).toBe(false);
    expect(fake.batches[1].what.slice(0, 2)).toEqual(["add sheet", `add property ${CREATED_BY}`]);
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
      tx.copy(context.workbook.worksheets.getItem("Notes"), "Notes", "Notes for Bob");
      await context.sync();
    });
    expect(fake.sheets.map((s) => s.name)).toEqual(["Sheet1", "Notes", "Notes for Bob"]);
    expect(fake.cell("Notes for Bob", "A1")?.formula).toBe("=Sheet1!A1");
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

  test("a write that fails anywhere leaves the workbook as it was, to the byte", async () => {
    const probe = workbook();
    await addTwo(probe);
    const operations = probe.batches[1].operations;
    for (let after = 0; after <= operations; after++) {
      const fake = workbook();
      const before = fake.snapshot();
      fake.failAt(2, after);
      const o = (await addTwo(fake)) as Outcome;
      // A sheet made just before the failure, before the operation that marks it, is empty and
      // under a name the attempt added: it is the attempt's, and goes too.
      expect({ after, o, same: fake.snapshot() === before }).toEqual({
        after,
        o: { kind: "as-before", left: [] },
        same: true,
      });
    }
  });

  test("a copy caught before its mark (Excel's name for it, \"Notes (2)\") is the attempt's, and goes", async () => {
    const fake = workbook();
    const before = fake.snapshot();
    // The batch: the source got, copied, marked, renamed; it stops after the copy.
    fake.failWhen = (sync, what) => (sync === 2 ? what.indexOf("copy sheet") + 1 : undefined);
    const outcome = await fake.api.run(async (context) => {
      const tx = new SheetTransaction(context);
      await context.sync();
      tx.begin();
      tx.copy(context.workbook.worksheets.getItem("Notes"), "Notes", "Notes for Bob");
      return context.sync().then(
        () => undefined,
        () => tx.recover()
      );
    });
    expect(outcome).toEqual({ kind: "as-before", left: [] });
    expect(fake.snapshot()).toBe(before);
  });

  test("a sheet that appears meanwhile without the mark is left alone, and named", async () => {
    const fake = workbook();
    fake.failAt(2, 3);
    fake.onSync = (n) => {
      if (n === 3) fake.addSheet({ name: "Theirs", cells: { A1: "x" } });
    };
    const outcome = (await addTwo(fake)) as Outcome;
    expect(outcome.kind).toBe("left");
    expect(outcome.left).toContain(
      "\"Theirs\", a sheet that appeared during the attempt without the add-in's mark (left alone): delete it if it is an unfinished one of the attempt's"
    );
    expect(fake.cell("Theirs", "A1")).toEqual({ value: "x" });
    expect(fake.sheet("Report")).toBeUndefined();
  });

  test("when Excel never answers while undoing, what is left is named by the names used", async () => {
    const fake = workbook();
    fake.failAt(2, 5);
    for (let n = 3; n <= 12; n++) fake.failAt(n, 0);
    const outcome = (await addTwo(fake)) as Outcome;
    expect(outcome).toEqual({
      kind: "left",
      left: [
        'a sheet named "Report", if any: delete it',
        'a sheet named "Summary", if any: delete it',
      ],
      failure: "Simulated failure during sync",
    });
  });
});
