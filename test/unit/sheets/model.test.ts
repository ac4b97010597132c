import { DetailedCellError } from "hyperformula";
import { Financials } from "../../../src/core/financials";
import { Dec } from "../../../src/domain/decimal";
import { bundledDataset } from "../../../src/data/load";
import { renderFormula } from "../../../src/sheets/expr";
import { buildModel, tabsWithSources } from "../../../src/sheets/model";
import type { CellRef, ModelOptions, TabKey } from "../../../src/sheets/types";
import { DEFAULT_OPTIONS, TAB_KEYS, TAB_NAMES } from "../../../src/sheets/types";
import { cellKey, constantsOf, exactWith, graphOf, refsOf } from "../../helpers/model-graph";
import { modelInEngine } from "../../helpers/model-engine";
import { syntheticQuarters } from "../../helpers/synthetic-quarters";
import { release } from "../../helpers/release";
import { fourthQuarterRelease, nextQuarterRelease } from "../../helpers/synthetic-releases";
import { ingestRelease } from "../../../src/data/ingest/ingest";

/**
 * The model tabs in HyperFormula, a real formula engine, with the KC functions as a plugin: every
 * check is zero, every cell equals the core's exact value, the tabs link, and every input moves
 * what depends on it and turns a check red.
 */

const fin = new Financials(bundledDataset());

const OPTIONS: ModelOptions[] = [
  { currency: "RMB", unit: "thousands", tabs: TAB_KEYS },
  { currency: "RMB", unit: "millions", tabs: TAB_KEYS },
  { currency: "USD", unit: "thousands", tabs: TAB_KEYS },
  { currency: "USD", unit: "millions", tabs: TAB_KEYS },
];

function describeValue(v: unknown): string {
  return v instanceof DetailedCellError ? `${v.value} ${v.message}` : String(v);
}

describe.each(OPTIONS)("the model in a real formula engine, $currency $unit", (options) => {
  const model = buildModel(fin, options);
  const { engine, sheet } = modelInEngine(model);
  const at = (a: CellRef) => engine.getCellValue({ sheet: sheet(a.tab), row: a.row, col: a.col });

  test("every check cell is 0, and no cell is an error", () => {
    expect(model.checks.length).toBeGreaterThan(180);
    const nonZero = model.checks
      .filter((c) => at(c.at) !== 0)
      .map((c) => `${c.at.tab} ${c.line} ${c.column}: ${describeValue(at(c.at))}`);
    expect(nonZero).toEqual([]);
    const errors = model.plans.flatMap((p) =>
      p.cells
        .filter((c) => at({ tab: p.key, row: c.row, col: c.col }) instanceof DetailedCellError)
        .map((c) => `${p.name} row ${c.row + 1} col ${c.col + 1}`)
    );
    expect(errors).toEqual([]);
  });

  test("KC Checks links to every check once and counts them", () => {
    const plan = model.plans.find((p) => p.key === "checks")!;
    const linked = plan.cells
      .filter((c) => c.style === "link" && c.formula?.op === "ref")
      .map((c) => cellKey((c.formula as { at: CellRef }).at));
    expect(new Set(linked).size).toBe(linked.length);
    expect(new Set(linked)).toEqual(new Set(model.checks.map((c) => cellKey(c.at))));
    const value = (label: string) => {
      const row = plan.cells.find(
        (c) => c.col === 0 && (c.value === label || c.note === label)
      )!.row;
      return at({ tab: "checks", row, col: 2 });
    };
    expect(value("Overall status")).toBe("ALL CHECKS PASS");
    expect(value("Checks in the model")).toBe(model.checks.length);
    expect(value("Checks that are not zero")).toBe(0);
  });

  test("every cell the engine computes equals the core's exact value", () => {
    let compared = 0;
    const differ: string[] = [];
    for (const plan of model.plans) {
      for (const c of plan.cells) {
        if (!c.formula) continue;
        const expected = model.value({ tab: plan.key, row: c.row, col: c.col });
        const got = at({ tab: plan.key, row: c.row, col: c.col });
        const same =
          expected instanceof Dec
            ? typeof got === "number" &&
              Math.abs(got - expected.toNumber()) <=
                1e-9 * Math.max(1, Math.abs(expected.toNumber()))
            : got === expected;
        if (!same) differ.push(`${plan.name} R${c.row + 1}C${c.col + 1}: ${String(got)}`);
        compared++;
      }
    }
    expect(differ).toEqual([]);
    expect(compared).toBeGreaterThan(1000);
  });
});

describe("one linked model", () => {
  const model = buildModel(fin, DEFAULT_OPTIONS);
  const graph = graphOf(model);
  const plan = (tab: TabKey) => model.plans.find((p) => p.key === tab)!;
  const rowOf = (tab: TabKey, label: string, nth = 0) =>
    plan(tab).cells.filter((c) => c.col === 0 && c.value === label)[nth].row;
  const formula = (tab: TabKey, row: number, col: number) => {
    const cell = plan(tab).cells.find((c) => c.row === row && c.col === col)!;
    return renderFormula(cell.formula!, { tab, names: TAB_NAMES });
  };

  test("each figure enters once: no KC call is written twice, and only ever as a whole cell", () => {
    const calls = graph.inputs.map((a) => {
      const c = graph.cells.get(cellKey(a))!.cell;
      return renderFormula(c.formula!, { tab: a.tab, names: TAB_NAMES });
    });
    expect(calls.length).toBeGreaterThan(300);
    expect(new Set(calls).size).toBe(calls.length);
    const native = [...graph.cells.values()]
      .filter(({ cell }) => cell.formula && cell.formula.op !== "kc")
      .map(({ cell }) => renderFormula(cell.formula!, { tab: "checks", names: TAB_NAMES }));
    expect(native.filter((f) => f.includes("KC."))).toEqual([]);
  });

  test("inputs are blue, links to another tab green, everything else a native formula", () => {
    const miscoloured: string[] = [];
    for (const { at, cell } of graph.cells.values()) {
      if (!cell.formula) continue;
      const pureLink =
        cell.formula.op === "ref" ||
        (cell.formula.op === "add" &&
          cell.formula.terms.length === 1 &&
          cell.formula.terms[0].e.op === "ref");
      const wanted =
        cell.formula.op === "kc"
          ? ["input", "reported"]
          : pureLink && refsOf(cell.formula).some((r) => r.tab !== at.tab)
            ? ["link"]
            : [cell.style];
      if (!wanted.includes(cell.style))
        miscoloured.push(`${at.tab} ${at.row},${at.col} ${cell.style}`);
    }
    expect(miscoloured).toEqual([]);
  });

  test("the reconciliation's GAAP lines and the income statement's adjustments are links", () => {
    const q1 = 5; // column F: three months ended Mar 31, 2026, RMB
    const is = (label: string) => `'KC Income Statement'!F${rowOf("income_statement", label) + 1}`;
    expect(formula("reconciliation", rowOf("reconciliation", "Gross profit"), q1)).toBe(
      `=${is("Gross profit")}`
    );
    expect(formula("reconciliation", rowOf("reconciliation", "Net Loss"), q1)).toBe(
      `=${is("Net loss")}`
    );
    expect(formula("reconciliation", rowOf("reconciliation", "Operating loss"), q1)).toBe(
      `=${is("Operating loss")}`
    );
    expect(formula("reconciliation", rowOf("reconciliation", "Interest income"), q1)).toBe(
      `=-${is("Interest income")}`
    );
    expect(
      formula("reconciliation", rowOf("reconciliation", "Income tax expense (benefit)"), q1)
    ).toBe(`=-${is("Income tax (expense) benefit")}`);
    // Share-based compensation enters once, in the net loss reconciliation.
    const sbc = rowOf("reconciliation", "Share-based compensation expenses", 0);
    expect(
      formula("reconciliation", rowOf("reconciliation", "Share-based compensation expenses", 1), q1)
    ).toBe(`=F${sbc + 1}`);
    expect(formula("reconciliation", sbc, q1)).toMatch(/^=KC\.VALUE\("ng\.nl\.sbc"/);
    expect(formula("segments", rowOf("segments", "Public cloud services"), q1)).toBe(
      `=${is("Public cloud services")}`
    );
  });

  test("checks compare cells with cells: no figure written into a check, never one input alone", () => {
    expect(model.checks.length).toBeGreaterThan(180);
    for (const c of model.checks) {
      const f = graph.cells.get(cellKey(c.at))!.cell.formula!;
      const what = `${c.at.tab} ${c.line} ${c.column}`;
      expect(`${what}: ${constantsOf(f).join(",")}`).toBe(`${what}: `);
      expect(new Set(refsOf(f).map(cellKey)).size).toBeGreaterThanOrEqual(2);
      expect(`${what}: ${graph.inputsBehind(c.at).size >= 2}`).toBe(`${what}: true`);
    }
  });

  test("every input moves every figure that depends on it and turns at least one check red", () => {
    const { engine, sheet } = modelInEngine(model);
    const address = (key: string) => {
      const { at } = graph.cells.get(key)!;
      return { sheet: sheet(at.tab), row: at.row, col: at.col };
    };
    const checks = new Set(model.checks.map((c) => cellKey(c.at)));
    const unchecked: string[] = [];
    let moved = 0;
    for (const input of graph.inputs) {
      const k = cellKey(input);
      const call = renderFormula(graph.cells.get(k)!.cell.formula!, {
        tab: input.tab,
        names: TAB_NAMES,
      });
      const was = model.value(input) as Dec;
      const changed = was.isZero() ? new Dec(1000) : was.times(1.37).plus(7.0123);
      engine.setCellContents(address(k), [[changed.toNumber()]]);
      // What each dependent must now be, computed exactly by the core: a figure whose exact
      // value changes must move in the engine (one that cancels out, as interest in EBITDA,
      // must not).
      const exact = exactWith(model, k, changed);
      for (const d of graph.dependents(input)) {
        const want = exact(graph.cells.get(d)!.at);
        const got = engine.getCellValue(address(d));
        const shown = got instanceof DetailedCellError ? got.value : got;
        const agrees =
          want instanceof Dec
            ? Math.abs((got as number) - want.toNumber()) <=
              1e-9 * Math.max(1, Math.abs(want.toNumber()))
            : shown === (typeof want === "string" ? want : want.error);
        expect(`${call} → ${d}: ${agrees ? "as the core computes" : String(shown)}`).toBe(
          `${call} → ${d}: as the core computes`
        );
        const old = model.value(graph.cells.get(d)!.at);
        if (want instanceof Dec && (!(old instanceof Dec) || !want.eq(old))) moved++;
      }
      const red = [...graph.dependents(input)].filter(
        (d) => checks.has(d) && engine.getCellValue(address(d)) !== 0
      );
      if (red.length === 0) unchecked.push(call);
      engine.setCellContents(address(k), [[call]]);
    }
    expect(moved).toBeGreaterThan(5000);
    // The figures no relation of the release pins down (kc check lists the same): a wrong one
    // would pass unnoticed, in the model as in the dataset.
    expect(unchecked.sort()).toEqual(
      [
        '=KC.GROWTH("op.ai_gross_billing","2026Q1","YoY","reported")',
        '=KC.VALUE("is.cor.depreciation_amortization","2025Q1","RMB","thousands")',
        '=KC.VALUE("op.capex_and_leased_assets","2026Q1","RMB","thousands")',
      ].sort()
    );
  });

  test("a linked model brings the tabs it links to", () => {
    expect(tabsWithSources({ ...DEFAULT_OPTIONS, tabs: ["reconciliation"] })).toEqual([
      "income_statement",
      "reconciliation",
      "operating",
    ]);
    expect(tabsWithSources({ ...DEFAULT_OPTIONS, tabs: ["balance_sheet"] })).toEqual([
      "balance_sheet",
    ]);
    expect(
      tabsWithSources({ ...DEFAULT_OPTIONS, currency: "USD", tabs: ["balance_sheet"] })
    ).toEqual(["income_statement", "balance_sheet", "operating"]);
    for (const tabs of [["balance_sheet"], ["cash_flow", "checks"], ["segments"]] as TabKey[][]) {
      const m = buildModel(fin, { ...DEFAULT_OPTIONS, tabs });
      expect(m.failures()).toEqual([]);
      expect(m.plans.map((p) => p.key)).toEqual(tabsWithSources({ ...DEFAULT_OPTIONS, tabs }));
    }
  });
});

test("in millions a sum is the decimal one: (190,550) is (190.55), shown (190.6), not (190.5)", () => {
  const model = buildModel(fin, { currency: "RMB", unit: "millions", tabs: TAB_KEYS });
  const { engine, sheet } = modelInEngine(model);
  const at = (tab: TabKey, label: string, col: number) => {
    const plan = model.plans.find((p) => p.key === tab)!;
    const row = plan.cells.find((c) => c.col === 0 && (c.value === label || c.note === label))!.row;
    return engine.getCellValue({ sheet: sheet(tab), row, col });
  };
  // Lines 1005 and 571 of the release; a binary sum of the terms would land just inside the
  // half and show a tenth too little.
  expect(at("reconciliation", "Adjusted net loss (Non-GAAP Financial Measure)", 1)).toBe(-190.55);
  expect(at("income_statement", "Gross profit", 4)).toBe(465.35);
});

describe("what the release prints, the model computes (typed from the release)", () => {
  const model = buildModel(fin, { currency: "USD", unit: "thousands", tabs: TAB_KEYS });
  const { engine, sheet } = modelInEngine(model);
  const plan = (tab: TabKey) => model.plans.find((p) => p.key === tab)!;
  const column = (tab: TabKey, header: RegExp) => {
    const cell = plan(tab).cells.find((c) => c.style === "header" && header.test(String(c.value)))!;
    return cell.col;
  };
  const value = (tab: TabKey, label: string, header: RegExp) => {
    // By the label as printed: the cell shows its short form, the printed one in its note.
    const row = plan(tab).cells.find(
      (c) => c.col === 0 && (c.value === label || c.note === label)
    )!.row;
    return engine.getCellValue({ sheet: sheet(tab), row, col: column(tab, header) }) as number;
  };
  const yoy = /^YoY 1Q26$/;
  const qoq = /^QoQ 1Q26$/;
  const q1 = /^1Q26$/;
  const q1usd = /^1Q26 US\$$/;
  const pct = (x: number) => Math.round(x * 1000) / 10;

  test("growth, as the text states it", () => {
    const growth: [TabKey, string, RegExp, number][] = [
      ["income_statement", "Total revenues", yoy, 37.2],
      ["income_statement", "Total revenues", qoq, -2.1],
      ["income_statement", "Public cloud services", yoy, 47.5],
      ["income_statement", "Public cloud services", qoq, 4.9],
      ["income_statement", "Enterprise cloud services", yoy, 14.7],
      ["income_statement", "Enterprise cloud services", qoq, -17.6],
      ["income_statement", "Cost of revenues", yoy, 42.8],
      ["income_statement", "Gross profit", yoy, 8.6],
      ["income_statement", "Total operating expenses", yoy, -7.4],
      ["income_statement", "Total operating expenses", qoq, -3.8],
      ["income_statement", "Selling and marketing expenses", yoy, -14.2],
      ["income_statement", "Selling and marketing expenses", qoq, 0.7],
      ["income_statement", "General and administrative expenses", yoy, 7.0],
      ["income_statement", "General and administrative expenses", qoq, -10.9],
      ["income_statement", "Research and development expenses", yoy, -14.5],
      ["income_statement", "Research and development expenses", qoq, 1.6],
      ["income_statement", "Operating loss", yoy, -29.1],
      ["income_statement", "Operating loss", qoq, 150.0],
      ["income_statement", "Net loss", yoy, 8.7],
      ["income_statement", "Net loss", qoq, 111.0],
      ["reconciliation", "Adjusted gross profit (Non-GAAP Financial Measure)", yoy, 7.2],
      ["operating", "IDC costs", yoy, 26.1],
      ["operating", "Solution development and services costs", yoy, 13.8],
    ];
    for (const [tab, label, basis, stated] of growth)
      expect(`${label} ${pct(value(tab, label, basis))}`).toBe(`${label} ${stated}`);
  });

  test("margins and their change in points", () => {
    const margins: [string, RegExp, number][] = [
      ["Gross margin", /^1Q25$/, 16.2],
      ["Gross margin", /^4Q25$/, 16.9],
      ["Gross margin", q1, 12.8],
      ["Adjusted gross margin (Non-GAAP Financial Measure)", q1, 13.0],
      ["Adjusted gross margin (Non-GAAP Financial Measure)", /^1Q25$/, 16.6],
      ["Adjusted EBITDA margin (Non-GAAP Financial Measure)", q1, 27.6],
      ["Adjusted EBITDA margin (Non-GAAP Financial Measure)", /^1Q25$/, 16.2],
      ["Adjusted EBITDA margin (Non-GAAP Financial Measure)", /^4Q25$/, 28.4],
      ["Net loss margin", q1, -12.7],
      ["Adjusted net loss margin (Non-GAAP Financial Measure)", q1, -8.8],
      ["Normalized Adjusted EBITDA margin", /^4Q25$/, 25.8],
      ["Adjusted operating (loss) profit margin (Non-GAAP Financial Measure)", /^4Q25$/, 2.0],
    ];
    for (const [label, col, printed] of margins)
      expect(`${label} ${pct(value("reconciliation", label, col))}`).toBe(`${label} ${printed}`);
    // "increased by 11.4 percentage points": between the margins as printed, 27.6% and 16.2%.
    const ebitda = "Adjusted EBITDA margin (Non-GAAP Financial Measure)";
    const points =
      pct(value("reconciliation", ebitda, q1)) - pct(value("reconciliation", ebitda, /^1Q25$/));
    expect(Math.round(points * 10) / 10).toBe(11.4);
  });

  test("US$: published figures as inputs, earlier quarters translated at RMB6.8980", () => {
    expect(value("income_statement", "Total revenues", q1usd)).toBe(391959);
    expect(value("income_statement", "Net loss", q1usd)).toBe(-49831);
    expect(value("reconciliation", "Adjusted EBITDA (Non-GAAP Financial Measure)", q1usd)).toBe(
      108365
    );
    expect(value("balance_sheet", "Total assets", q1usd)).toBe(4125290);
    const translated = value("income_statement", "Total revenues", /^1Q25 US\$\*$/);
    expect(translated).toBeCloseTo(1969977 / 6.898, 9);
    // "US$*" is said once, in the tab's notes.
    expect(String(plan("income_statement").cells.find((c) => c.row === 1)!.value)).toContain(
      "US$* at RMB6.8980 = US$1.00"
    );
  });

  test("per ADS: shares per ADS from the two printed counts", () => {
    expect(value("operating", "Shares per ADS (shares / ADSs, whole)", q1)).toBe(
      Math.round(4490544972 / 299369665)
    );
    expect(value("income_statement", "Net loss per ADS, basic and diluted", q1)).toBeCloseTo(
      (-343820 * 1000 * 15) / 4555310453,
      12
    );
    expect(value("income_statement", "Net loss per ADS, basic and diluted", q1usd)).toBeCloseTo(
      (-49845 * 1000 * 15) / 4555310453,
      12
    );
    expect(value("reconciliation", "Adjusted net loss per ADS", q1)).toBeCloseTo(
      (-237143 * 1000 * 15) / 4555310453,
      12
    );
    expect(value("reconciliation", "Adjusted net loss per ADS", q1usd)).toBeCloseTo(
      (-34380 * 1000 * 15) / 4555310453,
      12
    );
  });

  test("one-line period headers as analysts write them; currency and unit once, in the title", () => {
    const headers = (tab: TabKey) =>
      plan(tab)
        .cells.filter((c) => c.style === "header" && c.value)
        .map((c) => String(c.value));
    expect(headers("income_statement")).toEqual([
      "1Q25",
      "2Q25",
      "3Q25",
      "4Q25",
      "1Q26",
      "1Q25 US$*",
      "4Q25 US$*",
      "1Q26 US$",
      "YoY 1Q26",
      "QoQ 1Q26",
    ]);
    expect(headers("balance_sheet").slice(0, 5)).toEqual(["1Q25", "2Q25", "3Q25", "4Q25", "1Q26"]);
    const title = plan("income_statement").cells.find((c) => c.row === 0)!.value;
    expect(title).toBe(
      "Kingsoft Cloud (NASDAQ: KC, HKEX: 3896) · Statements of comprehensive loss · RMB and US$ thousands"
    );
    expect(String(plan("income_statement").cells.find((c) => c.row === 1)!.value)).toMatch(
      /^1Q26 = three months to Mar 31, 2026 \(balances at its end\)/
    );
  });

  test("labels in column A of at most 40 characters, the release's wording in the note", () => {
    for (const tab of TAB_KEYS) {
      const long = plan(tab)
        .cells.filter((c) => c.col === 0 && c.row > 3 && String(c.value ?? "").length > 40)
        .map((c) => c.value);
      expect({ tab, long }).toEqual({ tab, long: [] });
    }
    const attributable = plan("income_statement").cells.find(
      (c) => c.note === "Net loss attributable to Kingsoft Cloud Holdings Limited"
    );
    expect(attributable?.value).toBe("Net loss attributable to shareholders");
  });
});

describe("a dataset of twelve quarters (SYNTHETIC)", () => {
  const many = buildModel(new Financials(syntheticQuarters(bundledDataset(), 12)), DEFAULT_OPTIONS);
  const plan = (tab: TabKey) => many.plans.find((p) => p.key === tab)!;

  test("every quarter a column; the seven older than the last five collapsed, so they do not print", () => {
    const is = plan("income_statement");
    const headers = is.cells.filter((c) => c.row === 3 && c.col > 0).map((c) => c.value);
    expect(headers.slice(0, 12)).toEqual([
      "2Q23",
      "3Q23",
      "4Q23",
      "1Q24",
      "2Q24",
      "3Q24",
      "4Q24",
      "1Q25",
      "2Q25",
      "3Q25",
      "4Q25",
      "1Q26",
    ]);
    expect(is.collapsed).toEqual([{ from: 1, to: 7 }]);
    // KC Checks: its quarter columns alike (two before them: the line and what it ties).
    const checks = plan("checks");
    expect(checks.collapsed).toEqual([{ from: 2, to: 8 }]);
    expect(checks.cells.find((c) => c.row === 6 && c.col === 9)?.value).toBe("1Q25 RMB");
  });

  test("with US$ for every period, the older quarters' US$* columns collapse too", () => {
    const usd = buildModel(new Financials(syntheticQuarters(bundledDataset(), 12)), {
      ...DEFAULT_OPTIONS,
      currency: "USD",
    });
    const is = usd.plans.find((p) => p.key === "income_statement")!;
    expect(is.collapsed).toEqual([
      { from: 1, to: 7 },
      { from: 13, to: 19 },
    ]);
  });
});

release.test(
  "over later releases (SYNTHETIC Q2 and Q4 2026): every quarter a column, the printed years after them, every check 0",
  () => {
    const q2 = nextQuarterRelease();
    const q4 = fourthQuarterRelease();
    const withQ2 = ingestRelease(Buffer.from(q2.text), q2.file, { base: bundledDataset() });
    const ds = ingestRelease(Buffer.from(q4.text), q4.file, { base: withQ2.dataset }).dataset;
    const later = buildModel(new Financials(ds));
    const { engine, sheet } = modelInEngine(later);
    const is = later.plans.find((p) => p.key === "income_statement")!;
    const headers = is.cells.filter((c) => c.row === 3 && c.col > 0).map((c) => c.value);
    expect(headers).toEqual([
      "1Q25",
      "2Q25",
      "3Q25",
      "4Q25",
      "1Q26",
      "2Q26",
      "3Q26",
      "4Q26",
      "FY2025",
      "FY2026",
      "4Q26 US$",
      "YoY 4Q26",
      "QoQ 4Q26",
    ]);
    // Quarters older than the last five are collapsed: 1Q25 to 3Q25.
    expect(is.collapsed).toEqual([{ from: 1, to: 3 }]);
    const at = (a: CellRef) => engine.getCellValue({ sheet: sheet(a.tab), row: a.row, col: a.col });
    expect(later.checks.filter((c) => c.column.startsWith("FY")).length).toBeGreaterThan(20);
    expect(
      later.checks.filter((c) => at(c.at) !== 0).map((c) => `${c.at.tab} ${c.line} ${c.column}`)
    ).toEqual([]);
    const errors = later.plans.flatMap((p) =>
      p.cells
        .filter((c) => at({ tab: p.key, row: c.row, col: c.col }) instanceof DetailedCellError)
        .map((c) => `${p.name} ${c.row + 1},${c.col + 1}`)
    );
    expect(errors).toEqual([]);
  }
);
