import { Financials } from "../../../src/core/financials";
import { bundledDataset } from "../../../src/data/load";
import { Model, buildModel } from "../../../src/sheets/model";
import { a1 } from "../../../src/sheets/a1";
import type { ModelOptions, SheetPlan, TabKey } from "../../../src/sheets/types";
import { DEFAULT_OPTIONS, TAB_KEYS, TAB_NAMES } from "../../../src/sheets/types";
import { renderFormula } from "../../../src/sheets/expr";
import { asText, cellKeys, sheetWrites } from "../../../src/taskpane/sheet-cells";
import { CREATED_BY } from "../../../src/taskpane/sheet-transaction";
import { MARK, TabMark, insertModel, refreshModel } from "../../../src/taskpane/writer";
import { FakeExcel, FakeSheet } from "../../helpers/fake-excel";
import { TAB_TITLES } from "../../helpers/expected";

const fin = new Financials(bundledDataset());
const model = (options: Partial<ModelOptions> = {}) =>
  buildModel(fin, { ...DEFAULT_OPTIONS, ...options });
const rebuild = (o: ModelOptions) => buildModel(fin, o);

/** The workbook's content, leaving out what differs between two builds (sheet ids, tokens). */
const content = (fake: FakeExcel) => fake.snapshot({ ignoreProps: [CREATED_BY] });

/** The A1 address of a line's cell on a tab (its nth printing: the line, as reported, check). */
function addressOf(tab: TabKey, label: string, col: number, nth = 0, m = model()): string {
  const plan = m.plans.find((p) => p.key === tab)!;
  // By the label as printed: a long one shows its short form, the printed one in its note.
  const row = plan.cells.filter((c) => c.col === 0 && (c.value === label || c.note === label))[nth]
    .row;
  return a1(row, col);
}

/** The cash flow's link to the balance sheet's cash, in the latest quarter's column. */
function cashOnBalanceSheet(fake: FakeExcel): string | undefined {
  const label = "Cash, cash equivalents and restricted cash per the balance sheet";
  return fake.cell("KC Cash Flow", addressOf("cash_flow", label, 3))?.formula;
}

function markOf(sheet: FakeSheet): TabMark {
  return JSON.parse(sheet.props.get(MARK) as string) as TabMark;
}

/** What Excel shows after calculating: every formula cell's value (the fake does not calculate). */
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
  test("all seven tabs in three syncs, and three for a single tab too", async () => {
    const fake = new FakeExcel([{ name: "Sheet1" }]);
    const m = model();
    const report = await insertModel(m, undefined, fake.api);
    expect(fake.syncs).toBe(3);
    expect(report.syncs).toBe(3);
    expect(fake.sheets.map((s) => s.name)).toEqual(["Sheet1", ...TAB_TITLES]);
    expect(report).toMatchObject({ renamed: [], checks: m.checks.length, failing: 0 });
    expect(m.checks.length).toBeGreaterThan(180);

    const one = new FakeExcel([{ name: "Sheet1" }]);
    await insertModel(model({ tabs: ["balance_sheet"] }), undefined, one.api);
    expect(one.syncs).toBe(3);
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
    expect(fake.cell("KC Income Statement", "D6")).toEqual({
      formula: '=KC.VALUE("revenue.public","2026Q1","RMB","thousands")',
      format: '#,##0_);(#,##0);"-"_)',
    });
    expect(fake.cell("KC Income Statement", "E6")?.formula).toBe(
      '=KC.VALUE("revenue.public","2026Q1","USD","thousands")'
    );
    expect(fake.cell("KC Income Statement", "D8")?.formula).toBe("=D6+D7");
    // The release's total as reported, and the check: calculated minus as reported.
    const reported = addressOf("income_statement", "Total revenues", 3, 1);
    expect(fake.cell("KC Income Statement", reported)?.formula).toBe(
      '=KC.VALUE("revenue.total","2026Q1","RMB","thousands")'
    );
    expect(
      fake.cell("KC Income Statement", addressOf("income_statement", "Total revenues", 3, 2))
        ?.formula
    ).toBe(`=ROUND(D8-${reported},0)`);
    expect(fake.cell("KC Income Statement", "D4")?.value).toBe("1Q26");
    // Links name the final tabs (Excel follows the rename of the temporary sheets).
    expect(
      fake.cell("KC Non-GAAP Reconciliation", addressOf("reconciliation", "Gross profit", 3))
        ?.formula
    ).toBe(`='KC Income Statement'!${addressOf("income_statement", "Gross profit", 3)}`);
    expect(cashOnBalanceSheet(fake)).toBe("='KC Balance Sheet'!C7+'KC Balance Sheet'!C8");
    const checks = m.plans.find((p) => p.key === "checks")!;
    const firstLink = checks.cells.find((c) => c.style === "link")!;
    expect(fake.cell("KC Checks", a1(firstLink.row, firstLink.col))?.formula).toMatch(
      /^='KC Income Statement'![A-Z]+\d+$/
    );
    expect(fake.cell("KC Checks", "C4")?.formula).toMatch(
      /^=IF\(ISERROR\(SUM\(C8:H\d+\)\),"ERRORS",IF\(COUNT\(C8:H\d+\)=COUNTIF\(C8:H\d+,0\)/
    );

    const is = fake.sheet("KC Income Statement")!;
    expect(is.freeze).toBe("at A1:A4");
    expect(fake.sheet("KC Checks")!.freeze).toBe("rows 7");
    expect(Object.fromEntries(is.page)).toEqual({
      showGridlines: false,
      orientation: "Landscape",
      zoom: { horizontalFitToPages: 1, verticalFitToPages: 0 },
      printGridlines: false,
      printTitleRows: "$1:$4",
      printTitleColumns: "$A:$A",
      printArea: "A1:G74",
      leftMargin: 28.8,
      rightMargin: 28.8,
      topMargin: 36,
      bottomMargin: 36,
      headerMargin: 21.599999999999998,
      footerMargin: 21.599999999999998,
      leftFooter: "&A",
      centerFooter: `kc-2026q1-earnings-release.txt · dataset ${m.datasetVersion}`,
      rightFooter: "Page &P of &N",
    });
    // One-line headers: the header row keeps Excel's height.
    expect(is.formats.filter((f) => f.property === "rowHeight")).toEqual([]);
    expect(is.formats).toContainEqual({
      areas: "A4:G4",
      property: "wrapText",
      value: true,
    });
    expect(markOf(is)).toEqual({
      tab: "income_statement",
      version: m.datasetVersion,
      currency: "RMB",
      unit: "thousands",
      sheet: "KC Income Statement",
      cells: expect.stringMatching(/^A1:A3,A4:G4,/),
    });
    const written = cellKeys(markOf(is).cells)!;
    expect(written.size).toBe(m.plans[0].cells.length);
    expect(written.has("5,3")).toBe(true);
    expect(written.has("4,2")).toBe(false);
    const blue = is.formats
      .filter((f) => f.property === "font.color" && f.value === "#0000FF")
      .map((f) => f.areas);
    expect(blue.join(",")).toContain("B6:E7");
    const bold = is.formats
      .filter((f) => f.property === "font.bold")
      .map((f) => f.areas)
      .join(",");
    expect(bold).toContain("B8:E8");
    expect(is.formats).toContainEqual({
      areas: expect.stringContaining("B8:E8"),
      property: "border.EdgeTop",
      value: "Continuous",
    });
    expect(is.widths.get("A:A")).toBe(m.plans[0].widths[0] * 7);
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

  test("rebuilding puts new tabs in the old ones' places and leaves the same workbook", async () => {
    const fake = new FakeExcel([{ name: "Notes", cells: { A1: "my notes" } }]);
    await insertModel(model(), undefined, fake.api);
    const mine = fake.addSheet({ name: "Mine", cells: { B2: 7 } });
    fake.sheets.splice(fake.sheets.indexOf(mine), 1);
    fake.sheets.splice(2, 0, mine);
    const first = content(fake);
    const ids = fake.sheets.map((s) => s.id);
    await insertModel(model(), undefined, fake.api);
    expect(fake.syncs).toBe(6);
    expect(content(fake)).toBe(first);
    expect(fake.sheets.map((s) => s.name).slice(0, 4)).toEqual([
      "Notes",
      "KC Income Statement",
      "Mine",
      "KC Balance Sheet",
    ]);
    // New sheets, the user's the same.
    expect(fake.sheets.map((s) => ids.includes(s.id))).toEqual([
      true,
      false,
      true,
      false,
      false,
      false,
      false,
      false,
      false,
    ]);
  });

  test("a user's sheet with a tab's name is never touched: the tab takes a free name", async () => {
    const fake = new FakeExcel([
      { name: "KC Income Statement", cells: { A1: "my own analysis", B2: 42 } },
    ]);
    const report = await insertModel(model(), undefined, fake.api);
    expect(fake.sheet("KC Income Statement")!.cells.get("0,0")).toEqual({
      value: "my own analysis",
    });
    expect(fake.sheet("KC Income Statement")!.cells.get("1,1")).toEqual({ value: 42 });
    expect(fake.sheet("KC Income Statement")!.props.size).toBe(0);
    expect(report.renamed).toEqual([
      { tab: "income_statement", wanted: "KC Income Statement", used: "KC Income Statement (2)" },
    ]);
    expect(fake.cell("KC Income Statement (2)", "D8")?.formula).toBe("=D6+D7");
    expect(
      fake.cell("KC Non-GAAP Reconciliation", addressOf("reconciliation", "Gross profit", 3))
        ?.formula
    ).toBe(`='KC Income Statement (2)'!${addressOf("income_statement", "Gross profit", 3)}`);
    // Rebuilding finds its own tab under the free name.
    await insertModel(model(), undefined, fake.api);
    expect(fake.sheets.map((s) => s.name)).toEqual([
      "KC Income Statement",
      "KC Income Statement (2)",
      ...TAB_TITLES.slice(1),
    ]);
  });

  test("a copy of a model tab, even one that carries the mark, is the user's sheet", async () => {
    const fake = new FakeExcel();
    await insertModel(model(), undefined, fake.api);
    const copy = fake.copyAsUser("KC Balance Sheet", true);
    copy.cells.set("60,0", { value: "my scenario" });
    const before = JSON.stringify([...copy.cells]);
    const report = await insertModel(model({ currency: "USD" }), undefined, fake.api);
    expect(report.tabs.find((t) => t.tab === "balance_sheet")).toEqual({
      tab: "balance_sheet",
      name: "KC Balance Sheet",
      replaced: true,
    });
    expect(fake.sheet("KC Balance Sheet (2)")).toBe(copy);
    expect(JSON.stringify([...copy.cells])).toBe(before);
    // US$ for every period: Dec 31, 2025 translated at the rate on the operating figures.
    expect(fake.cell("KC Balance Sheet", "D7")?.formula).toMatch(
      /^=B7\/'KC Operating Figures'!D\d+$/
    );

    olderDataset(fake);
    const refreshed = await refreshModel(rebuild, undefined, fake.api);
    expect(refreshed.tabs.map((t) => t.name)).toEqual(TAB_TITLES);
    expect(fake.sheet("KC Balance Sheet (2)")).toBe(copy);
    expect(JSON.stringify([...copy.cells])).toBe(before);
  });

  test("what the user typed in a model tab outside the model's cells survives a rebuild", async () => {
    const fake = new FakeExcel();
    await insertModel(model(), undefined, fake.api);
    const is = fake.sheet("KC Income Statement")!;
    expect(is.cells.has("4,2")).toBe(false);
    is.cells.set("4,2", { value: "ask IR about this" });
    is.cells.set("9,9", { value: 0.25, format: "0%" });
    is.cells.set("10,9", { formula: "=J10*D10", value: 1 });
    is.cells.set("11,9", { value: "=not a formula" });
    const report = await insertModel(model({ unit: "millions" }), undefined, fake.api);
    expect(report.kept).toBe(4);
    expect(fake.cell("KC Income Statement", "C5")).toEqual({ value: "ask IR about this" });
    expect(fake.cell("KC Income Statement", "J10")).toEqual({ value: 0.25, format: "0%" });
    expect(fake.cell("KC Income Statement", "J11")).toEqual({ formula: "=J10*D10" });
    expect(fake.cell("KC Income Statement", "J12")).toEqual({ value: "=not a formula" });
    expect(fake.cell("KC Income Statement", "D6")?.formula).toContain('"millions"');
  });

  test("an entry where the new model writes stops the rebuild before anything changes", async () => {
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
      'Nothing was changed: what you typed in "KC Income Statement" at A41, A42 is where the new tab writes. Move it elsewhere (or clear it) and try again.'
    );
    expect(fake.snapshot()).toBe(before);
  });

  test("progress is reported step by step", async () => {
    const steps: string[] = [];
    await insertModel(model(), (s) => steps.push(s), new FakeExcel().api);
    expect(steps).toEqual([
      "Reading the workbook's sheets",
      "Writing 7 tabs",
      "Putting the tabs in place",
    ]);
  });
});

describe("refresh", () => {
  test("up-to-date tabs: recalculates and reads the status in two syncs, rebuilding nothing", async () => {
    const fake = new FakeExcel();
    await insertModel(model(), undefined, fake.api);
    fake.sheet("KC Checks")!.cells.set("3,2", { value: "ALL CHECKS PASS" });
    const before = fake.snapshot();
    const syncs = fake.syncs;
    const report = await refreshModel(rebuild, undefined, fake.api);
    expect(fake.syncs - syncs).toBe(2);
    expect(report.syncs).toBe(2);
    expect(report.tabs.every((t) => !t.rebuilt)).toBe(true);
    expect(report.tabs).toHaveLength(7);
    expect(report).toMatchObject({ changes: [], failing: 0, status: "ALL CHECKS PASS" });
    expect(fake.calculations).toEqual(["Full"]);
    expect(fake.snapshot()).toBe(before);
  });

  test("tabs built from an older dataset are rebuilt in their places, keeping the user's entries, in two syncs", async () => {
    const fake = new FakeExcel([{ name: "Sheet1" }]);
    const m = model({ currency: "USD", unit: "millions" });
    await insertModel(m, undefined, fake.api);
    calculated(fake, m);
    olderDataset(fake);
    const bs = fake.sheet("KC Balance Sheet")!;
    // What the older dataset had put there, and a note of the user's in an empty cell.
    bs.cells.set("6,2", { formula: bs.cells.get("6,2")!.formula, value: 700.5 });
    bs.cells.set("5,0", { value: "Current assets" });
    bs.cells.set("4,3", { value: "check the lease line" });
    const order = fake.sheets.map((s) => s.name);
    const syncs = fake.syncs;
    const report = await refreshModel(rebuild, undefined, fake.api);
    expect(fake.syncs - syncs).toBe(2);
    expect(report.tabs.find((t) => t.tab === "balance_sheet")).toEqual({
      tab: "balance_sheet",
      name: "KC Balance Sheet",
      rebuilt: true,
      from: "2025Q4-0000000000",
      to: model().datasetVersion,
    });
    expect(report.tabs.filter((t) => t.rebuilt)).toHaveLength(7);
    expect(report.changes).toEqual([
      {
        tab: "balance_sheet",
        line: "Cash and cash equivalents",
        column: "1Q26",
        before: 700.5,
        after: 4903.797,
      },
    ]);
    expect(report.kept).toBe(1);
    expect(fake.sheets.map((s) => s.name)).toEqual(order);
    const now = fake.sheet("KC Balance Sheet")!;
    expect(now).not.toBe(bs);
    expect(markOf(now).version).toBe(model().datasetVersion);
    expect(fake.cell("KC Balance Sheet", "D5")).toEqual({ value: "check the lease line" });
    expect(fake.cell("KC Balance Sheet", "E7")?.formula).toBe(
      '=KC.VALUE("bs.cash","2026-03-31","USD","millions")'
    );
    // Options are kept from the tabs, and links between the tabs name the tabs.
    expect(fake.cell("KC Income Statement", "D6")?.formula).toContain('"RMB","millions"');
    expect(fake.cell("KC Income Statement", "E6")?.formula).toMatch(
      /^=B6\/'KC Operating Figures'!/
    );
    expect(cashOnBalanceSheet(fake)).toBe("='KC Balance Sheet'!C7+'KC Balance Sheet'!C8");
    expect(fake.sheets.some((s) => s.name.startsWith("~KC"))).toBe(false);
  });

  test("a rebuild that fails leaves the old tabs whole and marked old, so the next refresh rebuilds them", async () => {
    const fake = new FakeExcel([{ name: "Sheet1" }]);
    await insertModel(model(), undefined, fake.api);
    olderDataset(fake);
    const before = fake.snapshot();
    fake.failAt(fake.syncs + 2);
    await expect(refreshModel(rebuild, undefined, fake.api)).rejects.toThrow(
      "Rebuilding the tabs failed (Simulated failure during sync); the workbook is as it was."
    );
    expect(fake.snapshot()).toBe(before);
    const report = await refreshModel(rebuild, undefined, fake.api);
    expect(report.tabs.every((t) => t.rebuilt && t.from === "2025Q4-0000000000")).toBe(true);
    expect(
      fake.sheets.every((s) => !s.props.has(MARK) || markOf(s).version !== "2025Q4-0000000000")
    ).toBe(true);
  });

  test("nothing to refresh says so", async () => {
    await expect(
      refreshModel(rebuild, undefined, new FakeExcel([{ name: "Sheet1" }]).api)
    ).rejects.toThrow("There are no KC model tabs in this workbook; insert them first.");
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
