import { Financials } from "../../../src/core/financials";
import { KcFormulas } from "../../../src/core/formulas";
import { bundledDataset } from "../../../src/data/load";
import { Model, buildModel } from "../../../src/sheets/model";
import { a1 } from "../../../src/sheets/a1";
import type { ModelOptions, SheetPlan, TabKey } from "../../../src/sheets/types";
import { DEFAULT_OPTIONS, TAB_KEYS, TAB_NAMES } from "../../../src/sheets/types";
import { renderFormula } from "../../../src/sheets/expr";
import { placeModel } from "../../../src/sheets/placement";
import { asText, cellKeys, sheetWrites } from "../../../src/taskpane/sheet-cells";
import {
  MARK,
  TabMark,
  insertAddress,
  insertModel,
  insertsDone,
  refreshModel,
} from "../../../src/taskpane/writer";
import { FakeExcel, FakeSheet, parseArea } from "../../helpers/fake-excel";
import { analystSheet } from "../../helpers/analyst-sheet";
import { TAB_TITLES } from "../../helpers/expected";
import { nextQuarterDataset } from "../../helpers/next-quarter";
import { syntheticQuarters } from "../../helpers/synthetic-quarters";

/**
 * The writer on a fake workbook whose formulas live in HyperFormula: inserted rows and columns
 * move every reference in every sheet as Excel moves them, so "the analyst's links survive" is
 * computed, not assumed. The next quarter is a SYNTHETIC dataset (test/helpers/next-quarter.ts).
 */

const fin = new Financials(bundledDataset());
const nextFin = new Financials(nextQuarterDataset(bundledDataset()));
const model = (options: Partial<ModelOptions> = {}, f = fin) =>
  buildModel(f, { ...DEFAULT_OPTIONS, ...options });
const rebuild = (o: ModelOptions) => buildModel(fin, o);
const rebuildNext = (o: ModelOptions) => buildModel(nextFin, o);

/** The A1 address of a line's cell on a tab (its nth printing: the line, as reported, check). */
function addressOf(tab: TabKey, label: string, col: number, nth = 0, m = model()): string {
  const plan = m.plans.find((p) => p.key === tab)!;
  // By the label as printed: a long one shows its short form, the printed one in its note.
  const row = plan.cells.filter((c) => c.col === 0 && (c.value === label || c.note === label))[nth]
    .row;
  return a1(row, col);
}

function markOf(sheet: FakeSheet): TabMark {
  return JSON.parse(sheet.props.get(MARK) as string) as TabMark;
}

/** What Excel shows after calculating: every model cell's value (the fake does not calculate). */
function calculated(fake: FakeExcel, m: Model): void {
  for (const plan of m.plans) {
    const sheet = fake.sheet(plan.name)!;
    for (const c of plan.cells) {
      if (!c.formula) continue;
      const v = m.value({ tab: plan.key, row: c.row, col: c.col });
      const cell = sheet.cells.get(`${c.row},${c.col}`)!;
      cell.value = typeof v === "string" ? v : "toNumber" in v ? v.toNumber() : v.error;
    }
  }
}

/** Makes every model tab look built from an older dataset. */
function olderDataset(fake: FakeExcel): void {
  for (const s of fake.sheets)
    if (s.props.has(MARK))
      s.props.set(MARK, JSON.stringify({ ...markOf(s), version: "2025Q4-0000000000" }));
}

describe("insert the model", () => {
  test("all ten tabs in two syncs, and two for a single tab too", async () => {
    const fake = new FakeExcel([{ name: "Sheet1" }]);
    const m = model();
    const report = await insertModel(m, undefined, fake.api);
    expect(fake.syncs).toBe(2);
    expect(report.syncs).toBe(2);
    expect(fake.sheets.map((s) => s.name)).toEqual(["Sheet1", ...TAB_TITLES]);
    expect(report).toMatchObject({ renamed: [], checks: m.checks.length, failing: 0 });
    expect(report.tabs.every((t) => !t.inPlace)).toBe(true);
    expect(m.checks.length).toBeGreaterThan(180);

    const one = new FakeExcel([{ name: "Sheet1" }]);
    await insertModel(model({ tabs: ["balance_sheet"] }), undefined, one.api);
    expect(one.syncs).toBe(2);
    expect(one.sheets.map((s) => s.name)).toEqual(["Sheet1", "KC Balance Sheet"]);
  });

  test("what is written where: labels as values, inputs, links and totals as formulas, formats, print, mark", async () => {
    const fake = new FakeExcel();
    const m = model();
    await insertModel(m, undefined, fake.api);
    expect(fake.cell("KC Income Statement", "A1")?.value).toBe(
      "Kingsoft Cloud (NASDAQ: KC, HKEX: 3896) · Statements of comprehensive loss · RMB and US$ thousands"
    );
    expect(fake.cell("KC Income Statement", "A6")).toEqual({ value: "Public cloud services" });
    expect(fake.cell("KC Income Statement", "F6")).toEqual({
      formula: '=KC.VALUE("revenue.public","2026Q1","RMB","thousands")',
      format: '#,##0_);(#,##0);"-"_)',
    });
    expect(fake.cell("KC Income Statement", "C6")).toEqual({ value: "n.a.", format: "General" });
    expect(fake.note("KC Income Statement", "C4")).toBeUndefined();
    expect(fake.cell("KC Income Statement", "G6")?.formula).toBe(
      '=KC.VALUE("revenue.public","2026Q1","USD","thousands")'
    );
    expect(fake.cell("KC Income Statement", "F8")?.formula).toBe("=F6+F7");
    // The release's total as reported, and the check: calculated minus as reported.
    const reported = addressOf("income_statement", "Total revenues", 5, 1);
    expect(fake.cell("KC Income Statement", reported)?.formula).toBe(
      '=KC.VALUE("revenue.total","2026Q1","RMB","thousands")'
    );
    expect(
      fake.cell("KC Income Statement", addressOf("income_statement", "Total revenues", 5, 2))
        ?.formula
    ).toBe(`=ROUND(F8-${reported},0)`);
    expect(fake.cell("KC Income Statement", "F4")?.value).toBe("1Q26");
    expect(
      fake.cell("KC Non-GAAP Reconciliation", addressOf("reconciliation", "Gross profit", 5))
        ?.formula
    ).toBe(`='KC Income Statement'!${addressOf("income_statement", "Gross profit", 5)}`);
    const checks = m.plans.find((p) => p.key === "checks")!;
    const firstLink = checks.cells.find((c) => c.style === "link")!;
    // The first check KC Checks gathers is KC Dashboard's: its bridge closing on the release.
    expect(fake.cell("KC Checks", a1(firstLink.row, firstLink.col))?.formula).toMatch(
      /^='KC Dashboard'![A-Z]+\d+$/
    );

    const is = fake.sheet("KC Income Statement")!;
    expect(is.freeze).toBe("at A1:A4");
    expect(Object.fromEntries(is.page)).toMatchObject({
      orientation: "Landscape",
      zoom: { horizontalFitToPages: 1, verticalFitToPages: 0 },
      printTitleRows: "$1:$4",
      printTitleColumns: "$A:$A",
      printArea: "A1:I74",
      centerFooter: `kc-2026q1-earnings-release.txt · dataset ${m.datasetVersion}`,
    });
    const plan = m.plans.find((p) => p.key === "income_statement")!;
    expect(markOf(is)).toEqual({
      tab: "income_statement",
      version: m.datasetVersion,
      currency: "RMB",
      unit: "thousands",
      sheet: "KC Income Statement",
      cells: expect.stringMatching(/^A1:A3,A4:I4,/),
      rows: plan.layout.rows,
      cols: plan.layout.cols,
    });
    const written = cellKeys(markOf(is).cells)!;
    expect(written.size).toBe(plan.cells.length);
    expect(written.has("5,5")).toBe(true);
    expect(is.widths.get("A:A")).toBe(plan.widths[0] * 7);
    // Only the model's cells are recalculated, tab by tab: never the whole workbook.
    expect(fake.calculations).toEqual(m.plans.map((p) => `range ${a1(0, 0)}:${a1(...last(p))}`));
  });

  test("every formula the plans hold reaches the workbook as the plans render it", async () => {
    const fake = new FakeExcel();
    const m = model({ currency: "USD", unit: "millions" });
    await insertModel(m, undefined, fake.api);
    let links = 0;
    for (const plan of m.plans) {
      for (const c of plan.cells) {
        if (!c.formula) continue;
        const f = renderFormula(c.formula, { tab: plan.key, names: TAB_NAMES });
        expect(
          `${plan.name}!${a1(c.row, c.col)} ${fake.cell(plan.name, a1(c.row, c.col))?.formula}`
        ).toBe(`${plan.name}!${a1(c.row, c.col)} ${f}`);
        if (/'KC [^']+'!/.test(f)) links++;
      }
    }
    expect(links).toBeGreaterThan(400);
  });

  test("inserting again updates the tabs in place: the same sheets, the same content", async () => {
    const fake = new FakeExcel([{ name: "Notes", cells: { A1: "my notes" } }]);
    await insertModel(model(), undefined, fake.api);
    analystSheet(fake, model());
    const before = fake.snapshot();
    const report = await insertModel(model(), undefined, fake.api);
    expect(report.syncs).toBe(2);
    expect(report.tabs.every((t) => t.inPlace && t.inserted.rows + t.inserted.columns === 0)).toBe(
      true
    );
    expect(fake.snapshot()).toBe(before);
  });

  test("other options update in place: new columns inserted, your links follow their cells", async () => {
    const fake = new FakeExcel();
    await insertModel(model(), undefined, fake.api);
    const ids = fake.sheets.map((s) => s.id);
    fake.addSheet({
      name: "Analyst",
      cells: {
        A1: { formula: "='KC Income Statement'!F6" },
        A2: { formula: "='KC Income Statement'!G6" },
        A3: { formula: "=SUM('KC Income Statement'!B6:F6)" },
      },
    });
    const report = await insertModel(model({ currency: "USD" }), undefined, fake.api);
    expect(report.syncs).toBe(2);
    expect(fake.sheets.slice(0, 10).map((s) => s.id)).toEqual(ids);
    const is = report.tabs.find((t) => t.tab === "income_statement")!;
    // US$ for every period: 1Q25 and 4Q25 translated, between the RMB quarters and the latest US$.
    expect(is).toMatchObject({ inPlace: true, inserted: { rows: 0, columns: 2 } });
    expect(fake.cell("KC Income Statement", "G4")?.value).toBe("1Q25 US$*");
    expect(fake.cell("KC Income Statement", "I4")?.value).toBe("1Q26 US$");
    expect(fake.cell("Analyst", "A1")?.formula).toBe("='KC Income Statement'!F6");
    expect(fake.cell("Analyst", "A2")?.formula).toBe("='KC Income Statement'!I6");
    expect(fake.cell("Analyst", "A3")?.formula).toBe("=SUM('KC Income Statement'!B6:F6)");
    // The translated columns link to the rate on KC Operating Figures.
    expect(fake.cell("KC Income Statement", "G6")?.formula).toMatch(
      /^=B6\/'KC Operating Figures'!F\d+$/
    );
  });

  test("a user's sheet with a tab's name is never touched: the tab takes a free name", async () => {
    const fake = new FakeExcel([
      { name: "KC Income Statement", cells: { A1: "my own analysis", B2: 42 } },
    ]);
    const report = await insertModel(model(), undefined, fake.api);
    expect(fake.sheet("KC Income Statement")!.cells.get("0,0")).toEqual({
      value: "my own analysis",
    });
    expect(fake.sheet("KC Income Statement")!.props.size).toBe(0);
    expect(report.renamed).toEqual([
      { tab: "income_statement", wanted: "KC Income Statement", used: "KC Income Statement (2)" },
    ]);
    expect(fake.cell("KC Income Statement (2)", "F8")?.formula).toBe("=F6+F7");
    expect(
      fake.cell("KC Non-GAAP Reconciliation", addressOf("reconciliation", "Gross profit", 5))
        ?.formula
    ).toBe(`='KC Income Statement (2)'!${addressOf("income_statement", "Gross profit", 5)}`);
    // Inserting again finds its own tab under the free name.
    await insertModel(model(), undefined, fake.api);
    expect(fake.sheets.map((s) => s.name)).toEqual([
      "KC Income Statement",
      "KC Dashboard",
      "KC Income Statement (2)",
      ...TAB_TITLES.slice(2),
    ]);
  });

  test("a copy of a model tab, even one that carries the mark, is the user's sheet", async () => {
    const fake = new FakeExcel();
    await insertModel(model(), undefined, fake.api);
    const copy = fake.copyAsUser("KC Balance Sheet", true);
    copy.cells.set("60,0", { value: "my scenario" });
    const before = JSON.stringify([...copy.cells]);
    await insertModel(model({ currency: "USD" }), undefined, fake.api);
    expect(fake.sheet("KC Balance Sheet (2)")).toBe(copy);
    expect(JSON.stringify([...copy.cells])).toBe(before);
    olderDataset(fake);
    const refreshed = await refreshModel(rebuild, undefined, fake.api);
    expect(refreshed.tabs.map((t) => t.name)).toEqual(TAB_TITLES);
    expect(JSON.stringify([...copy.cells])).toBe(before);
  });

  test("what the user typed in a model tab stays, moved with the inserts", async () => {
    const fake = new FakeExcel();
    await insertModel(model(), undefined, fake.api);
    const is = fake.sheet("KC Income Statement")!;
    is.cells.set("4,2", { value: "ask IR about this" });
    is.cells.set("9,10", { value: 0.25, format: "0%" });
    is.cells.set("10,10", { formula: "=K10*F10", value: 1 });
    is.notes.set("5,5", "my note on 1Q26 public cloud");
    const report = await insertModel(
      model({ unit: "millions", currency: "USD" }),
      undefined,
      fake.api
    );
    expect(report.kept).toBe(3);
    expect(fake.cell("KC Income Statement", "C5")).toEqual({ value: "ask IR about this" });
    // Two US$* columns came in before column K: the user's cells are now in column M.
    expect(fake.cell("KC Income Statement", "M10")).toEqual({ value: 0.25, format: "0%" });
    expect(fake.cell("KC Income Statement", "M11")?.formula).toBe("=M10*F10");
    expect(fake.note("KC Income Statement", "F6")).toBe("my note on 1Q26 public cloud");
    expect(fake.cell("KC Income Statement", "F6")?.formula).toContain('"millions"');
  });

  test("an entry where the model now writes stops the write before anything changes", async () => {
    const fake = new FakeExcel();
    await insertModel(model(), undefined, fake.api);
    const is = fake.sheet("KC Income Statement")!;
    // As if the tab came from a smaller model: its mark does not cover A41:A42.
    const mark = markOf(is);
    expect(mark.cells).toContain(",A40:A42,");
    is.props.set(
      MARK,
      JSON.stringify({ ...mark, cells: mark.cells.replace(",A40:A42,", ",A40,") })
    );
    is.cells.set("40,0", { value: "my own line" });
    olderDataset(fake);
    const before = fake.snapshot();
    await expect(refreshModel(rebuild, undefined, fake.api)).rejects.toThrow(
      'Nothing was changed: what you typed in "KC Income Statement" at A41, A42 is where the model now writes. Move it elsewhere (or clear it) and try again.'
    );
    expect(fake.snapshot()).toBe(before);
  });

  test("a tab written by an earlier version, with no record of its layout, is refused in words", async () => {
    const fake = new FakeExcel();
    await insertModel(model(), undefined, fake.api);
    const is = fake.sheet("KC Income Statement")!;
    const legacy: Partial<TabMark> = markOf(is);
    delete legacy.rows;
    delete legacy.cols;
    is.props.set(MARK, JSON.stringify(legacy));
    const before = fake.snapshot();
    await expect(insertModel(model(), undefined, fake.api)).rejects.toThrow(
      /^"KC Income Statement" was written by an earlier version of KC Financials, which kept no record of its rows and columns/
    );
    expect(fake.snapshot()).toBe(before);
  });

  test("a tab the analyst renamed and moved is found by its mark and refreshed where it is", async () => {
    const fake = new FakeExcel([{ name: "Cover" }]);
    await insertModel(model(), undefined, fake.api);
    fake.renameAsUser("KC Income Statement", "IS (model)");
    const is = fake.sheet("IS (model)")!;
    fake.sheets.splice(fake.sheets.indexOf(is), 1);
    fake.sheets.push(is);
    fake.addSheet({ name: "Analyst", cells: { A1: { formula: "='IS (model)'!F8*2" } } });
    const ids = fake.sheets.map((x) => x.id);
    const report = await refreshModel(rebuildNext, undefined, fake.api);
    // One more round trip to read the renamed tab, as the others were read by name.
    expect(report.syncs).toBe(3);
    expect(fake.sheets.map((x) => x.id)).toEqual(ids);
    expect(report.tabs.find((t) => t.tab === "income_statement")).toMatchObject({
      name: "IS (model)",
      inPlace: true,
      inserted: { rows: 0, columns: 1 },
    });
    expect(markOf(is).sheet).toBe("IS (model)");
    expect(fake.cell("IS (model)", "G4")?.value).toBe("2Q26");
    expect(fake.cell("Analyst", "A1")?.formula).toBe("='IS (model)'!F8*2");
    // Links from the other tabs name it as it is called now.
    expect(
      fake.cell("KC Non-GAAP Reconciliation", addressOf("reconciliation", "Gross profit", 5))
        ?.formula
    ).toBe(`='IS (model)'!${addressOf("income_statement", "Gross profit", 5)}`);
    expect(fake.sheet("KC Income Statement")).toBeUndefined();
  });

  test("two sheets carrying one tab's mark under other names are refused, naming both", async () => {
    const fake = new FakeExcel();
    await insertModel(model(), undefined, fake.api);
    fake.renameAsUser("KC Balance Sheet", "BS");
    fake.copyAsUser("BS", true).name = "BS copy";
    const before = fake.snapshot();
    await expect(refreshModel(rebuild, undefined, fake.api)).rejects.toThrow(
      'Nothing was changed: "BS" and "BS copy" both carry the mark of KC Balance Sheet.'
    );
    expect(fake.snapshot()).toBe(before);
  });

  test("a protected tab or workbook is told before anything is written, naming each", async () => {
    const fake = new FakeExcel();
    await insertModel(model({ tabs: ["balance_sheet"] }), undefined, fake.api);
    fake.sheet("KC Balance Sheet")!.protected = true;
    fake.workbookProtected = true;
    const before = fake.snapshot();
    await expect(insertModel(model(), undefined, fake.api)).rejects.toThrow(
      'Nothing was changed. "KC Balance Sheet" is protected: unprotect it (Review > Unprotect Sheet). The workbook\'s structure is protected, so "KC Dashboard", "KC Income Statement", "KC Cash Flow", "KC Non-GAAP Reconciliation", "KC Segments & Margins", "KC Operating Figures", "KC Estimates", "KC Valuation", "KC Checks" cannot be added: unprotect it (Review > Protect Workbook). Then try again.'
    );
    expect(fake.snapshot()).toBe(before);
    // Excel itself refuses the write (ASSUMED code, see the fake): the check comes first.
    fake.workbookProtected = false;
    fake.sheet("KC Balance Sheet")!.protected = false;
    await insertModel(model({ tabs: ["balance_sheet"], unit: "millions" }), undefined, fake.api);
    expect(fake.cell("KC Balance Sheet", "F7")?.formula).toContain('"millions"');
  });

  test("a merged area or an Excel table where new quarters come is told before anything is written", async () => {
    const fake = new FakeExcel();
    await insertModel(model(), undefined, fake.api);
    const is = fake.sheet("KC Income Statement")!;
    // The analyst's heading over 1Q26 and its US$, and a table of theirs beside the model.
    is.cells.set("75,5", { value: "Latest quarter" });
    is.merges = ["F76:G76"];
    const bs = fake.sheet("KC Balance Sheet")!;
    bs.tables = [{ name: "MyScenarios", address: "K5:L9" }];
    const before = fake.snapshot();
    await expect(refreshModel(rebuildNext, undefined, fake.api)).rejects.toThrow(
      'Nothing was changed. "KC Income Statement" has merged cells at F76:G76 where the model inserts new quarters or lines: unmerge them (Home > Merge & Center) or move them. "KC Balance Sheet" has Excel tables (MyScenarios) and the model inserts new quarters or lines there: convert them to ranges (Table Design > Convert to Range) or move them to a sheet of your own. Then try again.'
    );
    expect(fake.snapshot()).toBe(before);
    // A merge the inserts leave whole (left of them) is no obstacle; without the table, it runs.
    is.merges = ["B76:C76"];
    bs.tables = [];
    await refreshModel(rebuildNext, undefined, fake.api);
    expect(fake.cell("KC Income Statement", "G4")?.value).toBe("2Q26");
    expect(is.merges).toEqual(["B76:C76"]);
  });

  test("an array formula where new quarters come is told before anything is written, spilled or legacy", async () => {
    const fake = new FakeExcel();
    await insertModel(model(), undefined, fake.api);
    const is = fake.sheet("KC Income Statement")!;
    // A spilled array of the analyst's over 1Q26 and its US$, and a legacy one on the balance sheet.
    is.cells.set("75,5", { formula: "=F6:G6", value: 1, spill: [[1, 2]] });
    is.cells.set("75,6", { value: 2, spilledFrom: "75,5" });
    const bs = fake.sheet("KC Balance Sheet")!;
    for (const col of [5, 6])
      bs.cells.set(`79,${col}`, { formula: "=F7:G7*2", value: 1, array: "F80:G80" });
    const before = fake.snapshot();
    const syncs = fake.syncs;
    await expect(refreshModel(rebuildNext, undefined, fake.api)).rejects.toThrow(
      'Nothing was changed. "KC Income Statement" has array formulas filling F76:G76 where the model inserts new quarters or lines: move them (or clear them) out of the way. "KC Balance Sheet" has array formulas filling F80:G80 where the model inserts new quarters or lines: move them (or clear them) out of the way. Then try again.'
    );
    expect(fake.snapshot()).toBe(before);
    // One more round trip, for where the analyst's formulas spill.
    expect(fake.syncs - syncs).toBe(2);
    // Arrays the inserts leave whole (left of them) are no obstacle.
    is.cells.delete("75,5");
    is.cells.delete("75,6");
    is.cells.set("75,1", { formula: "=B6:C6", value: 1, spill: [[1, 2]] });
    is.cells.set("75,2", { value: 2, spilledFrom: "75,1" });
    for (const col of [5, 6]) bs.cells.delete(`79,${col}`);
    for (const col of [1, 2])
      bs.cells.set(`79,${col}`, { formula: "=B7:C7*2", value: 1, array: "B80:C80" });
    await refreshModel(rebuildNext, undefined, fake.api);
    expect(fake.cell("KC Income Statement", "G4")?.value).toBe("2Q26");
    expect(fake.cell("KC Balance Sheet", "C80")).toMatchObject({ array: "B80:C80" });
  });

  test("the fake workbook refuses an insert through an array (ASSUMED, see the fake)", async () => {
    const fake = new FakeExcel([
      {
        name: "S",
        cells: {
          B2: { formula: "=A1:A2*2", array: "B2:B3" },
          D1: { formula: "=A1:B1", spill: [[1, 2]] },
        },
      },
    ]);
    const insert = (address: string, shift: "Down" | "Right") =>
      fake.api.run(async (context) => {
        context.workbook.worksheets.getItem("S").getRange(address).insert(shift);
        await context.sync();
      });
    await expect(insert("3:3", "Down")).rejects.toThrow(
      "InsertDeleteConflict: the insert would cut through B2:B3"
    );
    await expect(insert("E:E", "Right")).rejects.toThrow(
      "InsertDeleteConflict: the insert would cut through D1:E1"
    );
    await insert("2:2", "Down");
    expect(fake.cell("S", "B4")).toMatchObject({ array: "B3:B4" });
  });

  test("the fake workbook refuses an insert through a merge as Excel does (ASSUMED, see the fake)", async () => {
    const fake = new FakeExcel([{ name: "S", merges: ["B2:D2"] } as never]);
    fake.sheet("S")!.merges = ["B2:D2"];
    await expect(
      fake.api.run(async (context) => {
        context.workbook.worksheets.getItem("S").getRange("C:C").insert("Right");
        await context.sync();
      })
    ).rejects.toThrow(/^InsertDeleteConflict/);
  });

  test("progress is reported step by step", async () => {
    const steps: string[] = [];
    await insertModel(model(), (s) => steps.push(s), new FakeExcel().api);
    expect(steps).toEqual(["Reading the workbook's sheets", "Writing 10 tabs"]);
  });
});

describe("refresh", () => {
  test("up-to-date tabs: recalculates their cells and reads the status in two syncs, writing nothing", async () => {
    const fake = new FakeExcel();
    await insertModel(model(), undefined, fake.api);
    const before = fake.snapshot();
    const calculated = fake.calculations.length;
    const report = await refreshModel(rebuild, undefined, fake.api);
    expect(report.syncs).toBe(2);
    expect(fake.snapshot()).toBe(before);
    expect(fake.calculations.slice(calculated)).toHaveLength(10);
    expect(fake.batches[3].what.filter((w) => w.startsWith("set"))).toEqual([]);
    expect(report.tabs.map((t) => t.inPlace)).toEqual(Array(10).fill(true));
    expect(report.changes).toEqual([]);
  });

  test("the next quarter: a column inserted in every tab, every link of the analyst's holds", async () => {
    const fake = new FakeExcel();
    const m = model();
    await insertModel(m, undefined, fake.api);
    calculated(fake, m);
    const ids = fake.sheets.map((s) => s.id);
    const links = analystSheet(fake, m);
    const kcNow = new KcFormulas(fin);
    const shown = (k: KcFormulas) => {
      const all = [...links.fixed, ...links.latest];
      const values = fake.evaluateAll(
        all.map((a): [string, string] => ["Analyst", a]),
        k
      );
      return Object.fromEntries(all.map((a, i) => [a, values[i]]));
    };
    const before = shown(kcNow);
    expect(Object.values(before).filter((v) => typeof v === "number").length).toBe(
      links.fixed.length + links.latest.length
    );

    const report = await refreshModel(rebuildNext, undefined, fake.api);
    expect(report.syncs).toBe(2);
    expect(fake.sheets.slice(0, 10).map((s) => s.id)).toEqual(ids);
    // Nothing the tabs showed was restated: no figure changed, the new quarter was added.
    expect(report.changes).toEqual([]);
    // KC Estimates: 2Q26E became 2Q26 where it stood, and 2Q27E came after 1Q27E; KC Valuation
    // has no time axis; KC Dashboard's quarters run down its chart data: a row.
    const across = report.tabs.filter((x) => !["checks", "valuation", "dashboard"].includes(x.tab));
    for (const t of across)
      expect([t.name, t.inPlace, t.inserted.columns]).toEqual([t.name, true, 1]);
    expect(report.tabs.find((t) => t.tab === "dashboard")).toMatchObject({
      inPlace: true,
      inserted: { rows: 1, columns: 0 },
    });
    expect(fake.cell("KC Income Statement", "G4")?.value).toBe("2Q26");
    expect(fake.cell("KC Income Statement", "H4")?.value).toBe("2Q26 US$");
    expect(fake.cell("KC Income Statement", "G6")?.formula).toBe(
      '=KC.VALUE("revenue.public","2026Q2","RMB","thousands")'
    );
    // The write's probes are gone; the workbook names are the model's.
    expect([...fake.names.keys()].filter((n) => n.startsWith("KC_write_"))).toEqual([]);
    expect(fake.names.size).toBeGreaterThan(100);

    const after = shown(new KcFormulas(nextFin));

    // A cell of a fixed period keeps its figure; the latest quarter's US$ shows the new quarter.
    for (const a of links.fixed) expect([a, after[a]]).toEqual([a, before[a]]);
    const next = rebuildNext({ ...DEFAULT_OPTIONS });
    for (const a of links.latest) {
      // Each points at the latest quarter's US$ column, which now shows 2Q26's figure.
      const [tab, at] = (fake.cell("Analyst", a)?.formula as string).slice(2).split("'!");
      const plan = next.plans.find((p) => p.name === tab)!;
      expect([a, parseArea(at).c0]).toEqual([a, plan.layout.cols.indexOf("latest|USD")]);
      expect(typeof after[a]).toBe("number");
    }
    // Every cell of the new model where placement over the old tabs puts it; the lines the new
    // model no longer shows (the growth the Q1 release states, which the Q2 one does not) stay,
    // their figures n.a.
    const placed = placeModel(next.plans, new Map(m.plans.map((p) => [p.key, p.layout])));
    let retired = 0;
    for (const { plan, kept } of placed) {
      for (const c of plan.cells) {
        // The analyst's inputs and the estimates held stay as they were (see "estimates").
        if (c.style === "driver" || c.style === "held") continue;
        const at = `${plan.name}!${a1(c.row, c.col)}`;
        const cell = fake.cell(plan.name, a1(c.row, c.col));
        const want = c.formula
          ? renderFormula(c.formula, { tab: plan.key, names: TAB_NAMES })
          : c.value;
        expect(`${at} ${cell?.formula ?? cell?.value ?? ""}`).toBe(`${at} ${want}`);
      }
      for (const row of kept.rows)
        for (let col = 1; col < plan.layout.cols.length; col++) {
          const cell = fake.cell(plan.name, a1(row, col));
          expect(cell?.formula).toBeUndefined();
          if (cell?.value === "n.a.") retired++;
        }
    }
    expect(retired).toBeGreaterThan(10);
    // The RMB checks of the new quarter hold in the workbook (its US$ is rounded at the rate,
    // synthetic, so those are left out): the model is whole after the refresh.
    const kcNext = new KcFormulas(nextFin);
    const cells = placed.flatMap(({ plan }) =>
      plan.checks
        .filter((c) => c.column === "2Q26")
        .map((c): [string, string] => [plan.name, a1(c.at.row, c.at.col)])
    );
    const values = fake.evaluateAll(cells, kcNext);
    const checks = cells.map(([name, address], k) => [`${name}!${address}`, values[k]]);
    expect(checks.length).toBeGreaterThan(40);
    expect(checks.filter(([, v]) => v !== 0)).toEqual([]);
  });

  test("at twelve quarters the older ones are grouped and collapsed; a roll-forward hides the one more", async () => {
    const twelve = new Financials(syntheticQuarters(bundledDataset(), 12));
    const thirteen = new Financials(syntheticQuarters(nextQuarterDataset(bundledDataset()), 13));
    const fake = new FakeExcel();
    await insertModel(buildModel(twelve, DEFAULT_OPTIONS), undefined, fake.api);
    const outline = () =>
      [...fake.sheet("KC Income Statement")!.page].filter(([k]) => /^(outline|collapsed)/.test(k));
    expect(outline()).toEqual([
      ["outline ByColumns B:H", 1],
      ["collapsed ByColumns B:H", true],
    ]);
    await refreshModel((o) => buildModel(thirteen, o), undefined, fake.api);
    // 1Q25 is now older than the last five: hidden beside the group (grouping again would nest
    // the group a level deeper, and Excel does not say how the outline stands); nothing twice.
    expect(fake.cell("KC Income Statement", "I4")?.value).toBe("1Q25");
    expect(
      [...fake.sheet("KC Income Statement")!.page].filter(([k]) =>
        /^(outline|collapsed|hidden)/.test(k)
      )
    ).toEqual([
      ["outline ByColumns B:H", 1],
      ["collapsed ByColumns B:H", true],
      ["hidden B:I", true],
    ]);
  });

  test("workbook names: a line's quarters and the latest quarter's figure, held through a roll-forward", async () => {
    const fake = new FakeExcel();
    await insertModel(model(), undefined, fake.api);
    expect(fake.names.get("KC_Revenue_LQ")).toBe("='KC Income Statement'!$F$8");
    expect(fake.names.get("KC_IS_Total_revenues")).toBe("='KC Income Statement'!$B$8:$F$8");
    expect(fake.nameComments.get("KC_Revenue_LQ")).toBe("KC Financials");
    fake.addSheet({
      name: "Analyst",
      cells: {
        A1: { formula: "=KC_Revenue_LQ" },
        A2: { formula: "=SUM(KC_IS_Total_revenues)" },
        A3: { formula: "=KC_Adjusted_EBITDA_LQ/KC_Revenue_LQ" },
        A4: { formula: "=INDEX(KC_IS_Total_revenues,1)" },
      },
    });
    const now = new KcFormulas(fin);
    expect(fake.evaluate("Analyst", "A1", now)).toBe(2703732);
    expect(fake.evaluate("Analyst", "A4", now)).toBe(1969977);
    const sumBefore = fake.evaluate("Analyst", "A2", now);

    await refreshModel(rebuildNext, undefined, fake.api);
    const next = new KcFormulas(nextFin);
    // The latest quarter is 2Q26 now: the _LQ names moved to its column, the lines grew by it.
    expect(fake.names.get("KC_Revenue_LQ")).toBe("='KC Income Statement'!$G$8");
    expect(fake.names.get("KC_IS_Total_revenues")).toBe("='KC Income Statement'!$B$8:$G$8");
    expect(fake.evaluate("Analyst", "A1", next)).toBe(1969977);
    expect(fake.evaluate("Analyst", "A2", next)).toBe(Number(sumBefore) + 1969977);
    expect(fake.evaluate("Analyst", "A4", next)).toBe(1969977);
    expect(typeof fake.evaluate("Analyst", "A3", next)).toBe("number");
    // None refers to an error: every name's range is on a tab that is there.
    expect([...fake.names.values()].filter((f) => f.includes("#REF!"))).toEqual([]);
  });

  test("a name of the analyst's that the model's would take is told before anything is written", async () => {
    const fake = new FakeExcel();
    await insertModel(model({ tabs: ["balance_sheet"] }), undefined, fake.api);
    fake.names.set("KC_Revenue_LQ", "=Sheet9!$A$1");
    const before = fake.snapshot();
    await expect(insertModel(model(), undefined, fake.api)).rejects.toThrow(
      "Nothing was changed. The workbook has names of its own that the model's would take: KC_Revenue_LQ: rename them (Formulas > Name Manager). Then try again."
    );
    expect(fake.snapshot()).toBe(before);
  });

  test("a figure another dataset prints otherwise is listed as changed, before and after", async () => {
    const fake = new FakeExcel();
    const m = model();
    await insertModel(m, undefined, fake.api);
    calculated(fake, m);
    const ds = structuredClone(bundledDataset());
    const fact = ds.facts.find(
      (f) => f.item === "is.selling_marketing" && f.period === "2026Q1" && f.currency === "RMB"
    )!;
    fact.value = String(Number(fact.value) - 1000);
    ds.version = "2026Q1-restated-for-a-test";
    const restated = new Financials(ds);
    const report = await refreshModel((o) => buildModel(restated, o), undefined, fake.api);
    const sm = report.changes.filter(
      (c) => c.line === "Selling and marketing expenses" && c.column === "1Q26"
    );
    // On the income statement, and as a share of revenues on Segments & Margins.
    expect(sm.map((c) => c.tab)).toEqual(["income_statement", "segments"]);
    expect(Number(sm[0].after) - Number(sm[0].before)).toBe(-1000);
    // Its dependents too (the total operating expenses), and nothing of another quarter.
    expect(report.changes.some((c) => c.line === "Total operating expenses")).toBe(true);
    expect(report.changes.filter((c) => c.column === "4Q25" || c.column === "1Q25")).toEqual([]);
  });

  test("nothing to refresh says so", async () => {
    await expect(refreshModel(rebuild, undefined, new FakeExcel().api)).rejects.toThrow(
      "There are no KC model tabs in this workbook; insert them first."
    );
  });
});

describe("the write's probe", () => {
  test("inserts are whole columns or rows, in Excel's addresses", () => {
    expect(insertAddress({ axis: "columns", at: 6, count: 1 })).toBe("G:G");
    expect(insertAddress({ axis: "columns", at: 6, count: 2 })).toBe("G:H");
    expect(insertAddress({ axis: "rows", at: 9, count: 3 })).toBe("10:12");
  });

  test("how far the probe moved says how many inserts ran, columns first", () => {
    const inserts = [
      { axis: "columns" as const, at: 2, count: 2 },
      { axis: "columns" as const, at: 6, count: 1 },
      { axis: "rows" as const, at: 9, count: 3 },
    ];
    expect(insertsDone(inserts, { columns: 0, rows: 0 })).toBe(0);
    expect(insertsDone(inserts, { columns: 2, rows: 0 })).toBe(1);
    expect(insertsDone(inserts, { columns: 3, rows: 0 })).toBe(2);
    expect(insertsDone(inserts, { columns: 3, rows: 3 })).toBe(3);
    expect(() => insertsDone(inserts, { columns: 1, rows: 0 })).toThrow(/no prefix of its inserts/);
  });
});

describe("labels never become formulas", () => {
  test("the guard sees through leading white space, invisible characters and full-width signs", () => {
    for (const label of [
      " =1+1",
      "\t=1+1",
      "\n@SUM(A1)",
      "\u00a0+1",
      "\u200b=1+1",
      "\u200d\u2060\ufeff=1+1",
      "\u00ad-1",
      "\u3000=1",
      "\uff1dSUM(A1)",
      "\uff0b1",
      "\uff0d1",
      "\uff20user",
      "\ufe66HYPERLINK(1)",
      "\u202e=1",
    ])
      expect(asText(label)).toBe(`'${label}`);
    expect(asText("\u200bRevenues")).toBe("\u200bRevenues");
    expect(asText("'quoted")).toBe("''quoted");
  });

  test("text that Excel would read as a formula is written as text", () => {
    expect(asText("=SUM(A1)")).toBe("'=SUM(A1)");
    expect(asText("+1")).toBe("'+1");
    expect(asText("- Gain on disposal")).toBe("'- Gain on disposal");
    expect(asText("@user")).toBe("'@user");
    expect(asText("Total revenues")).toBe("Total revenues");
    expect(asText("Net loss per share - basic")).toBe("Net loss per share - basic");
    const plan: SheetPlan = {
      key: "checks",
      name: "KC Checks",
      cells: [
        { row: 0, col: 0, value: '=HYPERLINK("http://evil")', style: "label" },
        { row: 1, col: 0, value: "-1 less", style: "label" },
        { row: 1, col: 1, formula: { op: "num", value: 1 }, style: "calc" },
      ],
      widths: [10, 10],
      heights: [],
      freeze: { rows: 0, columns: 0 },
      print: {
        orientation: "landscape",
        fitToWidth: 1,
        fitToHeight: 2,
        titleRows: 0,
        area: "A1:B2",
        margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 },
        footer: { left: "&A", center: "", right: "" },
      },
      checks: [],
      layout: { rows: ["top", "one"], cols: ["labels", "figures"] },
      collapsed: [],
      names: [],
      charts: [],
    };
    const w = sheetWrites(plan, {
      names: Object.fromEntries(TAB_KEYS.map((k) => [k, k])) as never,
    });
    expect(w.values).toEqual([
      ['\'=HYPERLINK("http://evil")', null],
      ["'-1 less", null],
    ]);
    expect(w.formulas).toEqual([
      [null, null],
      [null, "=1"],
    ]);
  });
});

/** The last row and column a plan writes. */
function last(p: SheetPlan): [number, number] {
  return [Math.max(...p.cells.map((c) => c.row)), Math.max(...p.cells.map((c) => c.col))];
}
