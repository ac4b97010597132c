import { mkdirSync, writeFileSync } from "fs";
import { join } from "path";
import { syntheticDataset } from "../../../bench/synthetic-dataset";
import { Financials } from "../../../src/core/financials";
import { bundledDataset } from "../../../src/data/load";
import { storedXml } from "../../../src/data/stored";
import { bundledKc } from "../../../src/functions/dataset-in-use";
import type { LogEntry } from "../../../src/sheets/log-entries";
import { buildModel } from "../../../src/sheets/model";
import type { ModelOptions } from "../../../src/sheets/types";
import { DEFAULT_OPTIONS } from "../../../src/sheets/types";
import { insertIntoActiveCell } from "../../../src/taskpane/builder-panel";
import { logActions, storeDataset } from "../../../src/taskpane/release-day";
import { convertSelection, makeShareableCopy, restoreFormulas } from "../../../src/taskpane/share";
import { CREATED_BY } from "../../../src/taskpane/sheet-transaction";
import { WRITE_ACTIONS } from "../../../src/taskpane/write-actions";
import { insertModel, refreshModel } from "../../../src/taskpane/writer";
import { FakeExcel, FakeSheet } from "../../helpers/fake-excel";
import { nextQuarterDataset } from "../../helpers/next-quarter";
import { ROOT } from "../../helpers/root";

/**
 * The sweep behind "every write is all-or-nothing": each action of the pane's list
 * (src/taskpane/write-actions.ts), on an analyst's workbook, with one sync failing at a time, at
 * every sync and at cut points inside its batch. Every run must leave the workbook as it was, to
 * the byte (and say so), or finished as a clean run finishes it; anything else is "changed", and
 * must be 0. Cut points are sampled where a batch is large, so that the tier stays within
 * minutes: the first two, the middle, the last, the answer lost, every eighth of the way, just
 * before and after every operation that creates, copies, deletes or inserts, or adds or deletes a
 * part or a chart, and the first and last name added or deleted.
 * The table is printed and written to test-output/write-actions-sweep.md (the README has it).
 *
 * And nothing of the analyst's is lost: a cell of theirs in a model tab, with its note, number
 * format, fill, data validation, conditional format and a workbook name, comes through every action
 * together (moved with inserts), as does a sheet of their own.
 */

const fin = new Financials(bundledDataset());
const nextFin = new Financials(nextQuarterDataset(bundledDataset()));
const kcf = bundledKc();
const models = new Map<string, ReturnType<typeof buildModel>>();
function model(options: Partial<ModelOptions> = {}, f = fin) {
  const o = { ...DEFAULT_OPTIONS, ...options };
  const key = JSON.stringify([o, f === fin]);
  if (!models.has(key)) models.set(key, buildModel(f, o));
  return models.get(key) as ReturnType<typeof buildModel>;
}
/** SYNTHETIC (bench/synthetic-dataset.ts, never data): releases 2025Q4 and 2026Q1. */
const two = syntheticDataset(bundledDataset(), 2);
const added: LogEntry = {
  at: new Date("2026-05-20T08:31:02Z"),
  action: "release added",
  releases: ["2026Q1"],
  source: { kind: "pasted HTML" },
  summary: "1Q26 added: 469 figures",
};
const AT = () => new Date("2026-05-20T09:00:00Z");

const IS = "KC Income Statement";
/** The analyst's cell in a model tab, beside the model's figures, and what they gave it. */
const THEIRS = { value: 0.25, format: "0%", note: "my growth case", name: "MyGrowth" };

/** Puts the analyst's cell and what goes with it at `address` of `sheet`. */
function analystCell(fake: FakeExcel, sheet: FakeSheet, at: { r: number; c: number }): void {
  const a1 = `${String.fromCharCode(65 + at.c)}${at.r + 1}`;
  sheet.cells.set(`${at.r},${at.c}`, { value: THEIRS.value, format: THEIRS.format });
  sheet.notes.set(`${at.r},${at.c}`, THEIRS.note);
  sheet.formats.push({ areas: a1, property: "fill.color", value: "#FFF2CC" });
  sheet.validations = [{ area: a1, rule: "decimal between 0 and 1" }];
  sheet.conditionalFormats = [{ area: a1, rule: "cellValue > 0.3: bold" }];
  fake.names.set(
    `${THEIRS.name}_${sheet.name.replace(/\W/g, "")}`,
    `='${sheet.name}'!$${a1.replace(/(\d)/, "$$$1")}`
  );
}

/** A sheet of the analyst's: a note, validation, a link into the model. */
function base(): FakeExcel {
  const fake = new FakeExcel([
    { name: "Mine", cells: { A1: "my case", B2: 7 }, notes: { B2: "from the CFO" } },
  ]);
  analystCell(fake, fake.sheet("Mine")!, { r: 3, c: 3 });
  return fake;
}

async function built(): Promise<FakeExcel> {
  const fake = base();
  await insertModel(model(), undefined, fake.api);
  fake.sheet("Mine")!.cells.set("5,1", { formula: `='${IS}'!F6*2` });
  analystCell(fake, fake.sheet(IS)!, { r: 9, c: 10 });
  fake.addXmlPart(storedXml(bundledDataset(), 1));
  return fake;
}

async function converted(): Promise<FakeExcel> {
  const fake = await built();
  fake.selection = { sheet: IS, address: "A1:H12" };
  await convertSelection(kcf, fake.api, undefined, AT);
  return fake;
}

interface Action {
  id: string;
  setup: () => Promise<FakeExcel>;
  run: (fake: FakeExcel) => Promise<unknown>;
}

const ACTIONS: Action[] = [
  { id: "insert", setup: async () => base(), run: (f) => insertModel(model(), undefined, f.api) },
  {
    id: "insert again",
    setup: built,
    run: (f) => insertModel(model({ currency: "USD", unit: "millions" }), undefined, f.api),
  },
  {
    id: "refresh",
    setup: built,
    run: (f) => refreshModel((o) => model(o, nextFin), undefined, f.api),
  },
  { id: "recalculate", setup: built, run: (f) => refreshModel((o) => model(o), undefined, f.api) },
  {
    id: "add a release",
    setup: built,
    // Made from the releases the workbook holds (the bundled one, stored by the setup).
    run: (f) => storeDataset(f.api, two, [added], bundledDataset().version),
  },
  {
    id: "log an action",
    setup: built,
    // It says a failure rather than throwing (the insert or refresh it logs stands).
    run: async (f) => {
      const failed = await logActions(f.api, [added]);
      if (failed) throw new Error(failed);
    },
  },
  {
    id: "shareable copy",
    setup: built,
    run: (f) => makeShareableCopy([IS, "KC Balance Sheet", "Mine"], kcf, f.api),
  },
  {
    id: "convert to values",
    setup: async () => {
      const fake = await built();
      fake.selection = { sheet: IS, address: "A1:H12" };
      return fake;
    },
    run: (f) => convertSelection(kcf, f.api, undefined, AT),
  },
  { id: "restore formulas", setup: converted, run: (f) => restoreFormulas(f.api) },
  {
    id: "insert a formula",
    setup: async () => {
      const fake = await built();
      fake.selection = { sheet: "Mine", address: "E5" };
      return fake;
    },
    run: (f) => insertIntoActiveCell('=KC.REVENUE("2026Q1")', f.api),
  },
];

/** Operations around which a fault is injected wherever they stand in a batch. */
const STRUCTURAL = new Set([
  "add sheet",
  "copy sheet",
  "delete sheet",
  "insert",
  "add xml part",
  "delete xml part",
  `add property ${CREATED_BY}`,
  "add chart",
  "delete chart",
]);

/** Where to cut a batch of these operations (after how many of them the sync fails). */
function cuts(what: string[]): number[] {
  const n = what.length;
  const picks = new Set([0, 1, Math.floor(n / 2), n - 1, n]);
  for (let i = 0; i < n; i += Math.max(1, Math.ceil(n / 8))) picks.add(i);
  what.forEach((w, i) => {
    if (STRUCTURAL.has(w)) [i, i + 1].forEach((p) => picks.add(p));
  });
  for (const w of ["add name", "delete name"]) {
    const first = what.indexOf(w);
    const last = what.lastIndexOf(w);
    if (first >= 0) [first, first + 1, last, last + 1].forEach((p) => picks.add(p));
  }
  return [...picks].filter((p) => p >= 0 && p <= n).sort((a, b) => a - b);
}

/** The workbook's content, as two runs that did the same compare: ids and tokens left out. */
function content(fake: FakeExcel): string {
  return fake
    .snapshot({ ignoreProps: [CREATED_BY] })
    .replace(/\{00000000-0002-0000-\d{4}-000000000000\}/g, "{part}");
}

/** Words that tell the analyst the workbook is as it was. */
const AS_BEFORE =
  /the workbook is as it was|the log is as it was|nothing was (changed|converted)|the formulas are as they were|the cell is as it was/;

interface Row {
  action: string;
  faults: number;
  undone: number;
  finished: number;
  changed: number;
  problems: string[];
}

/** Everything of the analyst's, found again: each part of their cell at that cell. */
function theirsKept(fake: FakeExcel, sheetName: string): string[] {
  const sheet = fake.sheet(sheetName);
  if (!sheet) return [`${sheetName} is gone`];
  const at = [...sheet.cells].filter(
    ([, c]) => c.value === THEIRS.value && c.format === THEIRS.format
  );
  if (at.length !== 1) return [`${sheetName}: their cell is not there once (${at.length})`];
  const [r, c] = at[0][0].split(",").map(Number);
  const a1 = `${String.fromCharCode(65 + c)}${r + 1}`;
  const problems: string[] = [];
  if (sheet.notes.get(at[0][0]) !== THEIRS.note) problems.push(`${sheetName}!${a1}: note`);
  if (!sheet.formats.some((f) => f.areas === a1 && f.property === "fill.color"))
    problems.push(`${sheetName}!${a1}: fill`);
  if (sheet.validations?.[0]?.area !== a1) problems.push(`${sheetName}!${a1}: validation`);
  if (sheet.conditionalFormats?.[0]?.area !== a1)
    problems.push(`${sheetName}!${a1}: conditional format`);
  const name = fake.names.get(`${THEIRS.name}_${sheetName.replace(/\W/g, "")}`);
  if (name !== `='${sheetName}'!$${a1.replace(/(\d)/, "$$$1")}`)
    problems.push(`${sheetName}!${a1}: the name ${THEIRS.name} points at ${name}`);
  return problems;
}

beforeEach(() => {
  // One token for every transaction: a finished run and a clean one write the same probes.
  jest.spyOn(globalThis.crypto, "getRandomValues").mockImplementation(<T>(a: T): T => {
    (a as unknown as Uint8Array).fill(0x5a);
    return a;
  });
});
afterEach(() => jest.restoreAllMocks());

const rows: Row[] = [];

test("the sweep covers every write action of the pane's list", () => {
  expect(ACTIONS.map((a) => a.id)).toEqual(WRITE_ACTIONS.map((a) => a.id));
});

describe.each(ACTIONS)("$id", (action) => {
  test("a fault at every sync and inside each batch: undone to the byte, or finished as a clean run; never changed", async () => {
    const start = await action.setup();
    const clean = start.clone();
    const first = clean.syncs;
    await action.run(clean);
    const done = content(clean);
    // Every clone of the start is the same workbook, ids and all.
    const before = start.clone().snapshot();
    const batches = clean.batches.slice(first);
    const row: Row = {
      action: action.id,
      faults: 0,
      undone: 0,
      finished: 0,
      changed: 0,
      problems: [],
    };
    for (const [k, batch] of batches.entries())
      for (const after of cuts(batch.what)) {
        const fake = start.clone();
        fake.failAt(fake.syncs + k + 1, after);
        row.faults++;
        const where = `sync ${k + 1} of ${batches.length}, cut after ${after} of ${batch.operations}`;
        const outcome = await action.run(fake).then(
          () => undefined,
          (e: Error) => e.message
        );
        if (outcome === undefined && content(fake) === done) row.finished++;
        else if (outcome !== undefined && AS_BEFORE.test(outcome) && fake.snapshot() === before)
          row.undone++;
        else {
          row.changed++;
          row.problems.push(`${where}: ${outcome ?? "finished otherwise than a clean run"}`);
        }
      }
    rows.push(row);
    expect(row.problems).toEqual([]);
    expect(row.faults).toBe(row.undone + row.finished);
  }, 240000);

  test("nothing of the analyst's lost", async () => {
    const fake = await action.setup();
    await action.run(fake);
    const sheets = fake.sheet(IS) && action.id !== "insert" ? ["Mine", IS] : ["Mine"];
    expect(sheets.flatMap((s) => theirsKept(fake, s))).toEqual([]);
    expect(fake.note("Mine", "B2")).toBe("from the CFO");
  });
});

afterAll(() => {
  if (rows.length !== ACTIONS.length) return;
  const table = [
    "| action | faults | undone to the byte | finished as a clean run | changed |",
    "| --- | ---: | ---: | ---: | ---: |",
    ...ACTIONS.map((a) => rows.find((r) => r.action === a.id) as Row).map(
      (r) => `| ${r.action} | ${r.faults} | ${r.undone} | ${r.finished} | ${r.changed} |`
    ),
  ].join("\n");
  mkdirSync(join(ROOT, "test-output"), { recursive: true });
  writeFileSync(join(ROOT, "test-output", "write-actions-sweep.md"), `${table}\n`);
  console.log(table);
});
