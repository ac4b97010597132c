import { Financials } from "../src/core/financials";
import { bundledDataset } from "../src/data/load";
import { buildModel } from "../src/sheets/model";
import type { ModelOptions, SheetPlan } from "../src/sheets/types";
import { DEFAULT_OPTIONS, TAB_KEYS } from "../src/sheets/types";
import { asText, sheetWrites } from "../src/taskpane/sheet-cells";
import { MARK, ModelWriteError, insertModel, refreshModel } from "../src/taskpane/writer";
import { FakeExcel } from "./helpers/fake-excel";
import { TAB_TITLES } from "./helpers/expected";

const fin = new Financials(bundledDataset());
const model = (options: Partial<ModelOptions> = {}) =>
  buildModel(fin, { ...DEFAULT_OPTIONS, ...options });

function snapshot(fake: FakeExcel) {
  return fake.sheets.map((s) => ({
    name: s.name,
    cells: [...s.cells.entries()].sort(),
    props: [...s.props.entries()],
  }));
}

describe("insert the model", () => {
  test("all six tabs in three syncs, and three for a single tab too", async () => {
    const fake = new FakeExcel([{ name: "Sheet1" }]);
    const report = await insertModel(model(), undefined, fake.api);
    expect(fake.syncs).toBe(3);
    expect(report.syncs).toBe(3);
    expect(fake.sheets.map((s) => s.name)).toEqual(["Sheet1", ...TAB_TITLES]);
    expect(report).toMatchObject({ renamed: [], checks: 162, failing: 0 });

    const one = new FakeExcel([{ name: "Sheet1" }]);
    await insertModel(model({ tabs: ["balance_sheet"] }), undefined, one.api);
    expect(one.syncs).toBe(3);
    expect(one.sheets.map((s) => s.name)).toEqual(["Sheet1", "KC Balance Sheet"]);
  });

  test("what is written where: labels as values, KC inputs and native totals as formulas, formats, view, mark", async () => {
    const fake = new FakeExcel();
    const m = model();
    await insertModel(m, undefined, fake.api);
    expect(fake.cell("KC Income Statement", "A1")?.value).toBe(
      "Kingsoft Cloud (NASDAQ: KC, HKEX: 3896) · Statements of comprehensive loss"
    );
    expect(fake.cell("KC Income Statement", "A6")).toEqual({ value: "Public cloud services" });
    expect(fake.cell("KC Income Statement", "D6")).toEqual({
      formula: '=KC.VALUE("revenue.public","2026Q1","RMB","thousands")',
      format: '#,##0;(#,##0);"-"',
    });
    expect(fake.cell("KC Income Statement", "D8")?.formula).toBe("=D6+D7");
    expect(fake.cell("KC Income Statement", "H8")?.formula).toBe(
      '=ROUND(D8-KC.VALUE("revenue.total","2026Q1","RMB","thousands"),0)'
    );
    expect(fake.cell("KC Income Statement", "D4")?.value).toBe("Q1 2026");
    // Cross-tab links name the final tabs (Excel follows the rename of the temporary sheets).
    expect(fake.cell("KC Cash Flow", "D14")?.formula).toBe(
      "='KC Balance Sheet'!C7+'KC Balance Sheet'!C8"
    );
    expect(fake.cell("KC Checks", "D7")?.formula).toBe("='KC Income Statement'!F8");
    expect(fake.cell("KC Checks", "D4")?.formula).toMatch(
      /^=IF\(ISERROR\(SUM\(D7:D168\)\),"ERRORS",IF\(COUNTIF\(D7:D168,"<>0"\)=0/
    );

    const is = fake.sheet("KC Income Statement")!;
    expect(is.freeze).toBe("at A1:A4");
    expect(fake.sheet("KC Checks")!.freeze).toBe("rows 6");
    expect(JSON.parse(is.props.get(MARK)!)).toEqual({
      tab: "income_statement",
      version: m.datasetVersion,
      currency: "RMB",
      unit: "thousands",
    });
    const blue = is.formats
      .filter((f) => f.property === "font.color" && f.value === "#0000FF")
      .map((f) => f.areas);
    expect(blue.join(",")).toContain("B6:D7");
    const bold = is.formats
      .filter((f) => f.property === "font.bold")
      .map((f) => f.areas)
      .join(",");
    expect(bold).toContain("B8:D8");
    expect(is.formats).toContainEqual({
      areas: expect.stringContaining("B8:D8"),
      property: "border.EdgeTop",
      value: "Continuous",
    });
    expect(is.widths.get("A:A")).toBe(64 * 7);
  });

  test("rebuilding replaces our own tabs and leaves the same workbook", async () => {
    const fake = new FakeExcel([{ name: "Notes", cells: { A1: "my notes" } }]);
    await insertModel(model(), undefined, fake.api);
    const first = snapshot(fake);
    await insertModel(model(), undefined, fake.api);
    expect(fake.syncs).toBe(6);
    expect(snapshot(fake)).toEqual(first);
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
    expect(fake.cell("KC Checks", "D7")?.formula).toBe("='KC Income Statement (2)'!F8");
    // Rebuilding finds its own tab under the free name.
    await insertModel(model(), undefined, fake.api);
    expect(fake.sheets.map((s) => s.name)).toEqual([
      "KC Income Statement",
      "KC Income Statement (2)",
      ...TAB_TITLES.slice(1),
    ]);
  });

  test("a failure while writing leaves the workbook as it was and says what failed", async () => {
    const fake = new FakeExcel([{ name: "Sheet1", cells: { A1: 1 } }]);
    await insertModel(model({ currency: "USD" }), undefined, fake.api);
    const before = snapshot(fake);
    fake.failOnSync = fake.syncs + 2;
    await expect(insertModel(model(), undefined, fake.api)).rejects.toThrow(
      new ModelWriteError(
        "Writing the model failed (Simulated failure during sync); nothing was changed in the workbook."
      )
    );
    expect(snapshot(fake)).toEqual(before);
  });

  test("progress is reported step by step", async () => {
    const steps: string[] = [];
    await insertModel(model(), (s) => steps.push(s), new FakeExcel().api);
    expect(steps).toEqual([
      "Reading the workbook's sheets",
      "Writing 6 tabs",
      "Putting the tabs in place",
    ]);
  });
});

describe("refresh", () => {
  test("up-to-date tabs: recalculates and reads the status in two syncs, rebuilding nothing", async () => {
    const fake = new FakeExcel();
    await insertModel(model(), undefined, fake.api);
    fake.sheet("KC Checks")!.cells.set("3,3", { value: "ALL CHECKS PASS" });
    const syncs = fake.syncs;
    const report = await refreshModel((o) => buildModel(fin, o), undefined, fake.api);
    expect(fake.syncs - syncs).toBe(2);
    expect(report.syncs).toBe(2);
    expect(report.tabs.every((t) => !t.rebuilt)).toBe(true);
    expect(report.tabs).toHaveLength(6);
    expect(report).toMatchObject({ changes: [], failing: 0, status: "ALL CHECKS PASS" });
    expect(fake.calculations).toEqual(["Full"]);
  });

  test("a tab built from an older dataset is rebuilt in place, and what changed is reported", async () => {
    const fake = new FakeExcel([{ name: "Sheet1" }]);
    await insertModel(model({ currency: "USD", unit: "millions" }), undefined, fake.api);
    const bs = fake.sheet("KC Balance Sheet")!;
    bs.props.set(
      MARK,
      JSON.stringify({
        tab: "balance_sheet",
        version: "2025Q4-0000000000",
        currency: "USD",
        unit: "millions",
      })
    );
    // What the older dataset had put there.
    bs.cells.set("6,2", { value: 700.5 });
    bs.cells.set("5,0", { value: "Current assets" });
    const syncs = fake.syncs;
    const report = await refreshModel((o) => buildModel(fin, o), undefined, fake.api);
    expect(fake.syncs - syncs).toBe(2);
    expect(report.tabs.find((t) => t.tab === "balance_sheet")).toEqual({
      tab: "balance_sheet",
      name: "KC Balance Sheet",
      rebuilt: true,
      from: "2025Q4-0000000000",
      to: model().datasetVersion,
    });
    expect(report.tabs.filter((t) => t.rebuilt)).toHaveLength(1);
    expect(report.changes).toContainEqual({
      tab: "balance_sheet",
      line: "Cash and cash equivalents",
      column: "Mar 31, 2026",
      before: 700.5,
      after: 710.901,
    });
    expect(JSON.parse(bs.props.get(MARK)!).version).toBe(model().datasetVersion);
    expect(fake.cell("KC Balance Sheet", "C7")?.formula).toBe(
      '=KC.VALUE("bs.cash","2026-03-31","USD","millions")'
    );
    // Options are kept from the tabs.
    expect(fake.cell("KC Income Statement", "D6")?.formula).toContain('"USD","millions"');
  });

  test("nothing to refresh says so", async () => {
    await expect(
      refreshModel((o) => buildModel(fin, o), undefined, new FakeExcel([{ name: "Sheet1" }]).api)
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
      freeze: { rows: 0, columns: 0 },
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
