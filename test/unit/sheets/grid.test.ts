import { Financials } from "../../../src/core/financials";
import { Dec } from "../../../src/domain/decimal";
import { bundledDataset } from "../../../src/data/load";
import { a1 } from "../../../src/sheets/a1";
import { figureColumns, growthColumns } from "../../../src/sheets/columns";
import { ModelContext } from "../../../src/sheets/context";
import { isError, renderFormula } from "../../../src/sheets/expr";
import { GridTab, Line, RATE } from "../../../src/sheets/grid";
import { Model } from "../../../src/sheets/model";
import type { ModelOptions, SheetPlan, TabKey } from "../../../src/sheets/types";
import { DEFAULT_OPTIONS, FORMATS, TAB_NAMES } from "../../../src/sheets/types";

/**
 * A tab as a grid of lines and columns, built here from a few lines of the release: where each
 * line's figures come from (input, sum, link, ratio, ...), growth, and the as-reported and checks
 * blocks under the lines. Figures asserted are typed from the release.
 */

const fin = new Financials(bundledDataset());
/** The release's three quarters as the columns of a test tab (the model's axis adds its gaps). */
const AXIS = {
  quarters: ["2025Q1", "2025Q4", "2026Q1"].map((id) => ({ id, held: true })),
  spans: [],
};

function gridTab(ctx: ModelContext, key: TabKey, lines: Line[]): GridTab {
  const published = (p: string) => p === "2026Q1";
  const t = new GridTab(ctx, key, "Test lines", [
    ...figureColumns(AXIS, "2026Q1", published, ctx.options),
    ...growthColumns(AXIS, "2026Q1"),
  ]);
  t.lines(lines);
  return t;
}

const input = (id: string, extra: Partial<Line> = {}): Line => {
  const item = fin.catalogue.get(id)!;
  return { key: id, label: item.label, kind: item.kind, item, source: { kind: "input" }, ...extra };
};

/** The plans of some tabs, with every cell's formula as Excel text and its exact value. */
function built(tabs: GridTab[], options: ModelOptions) {
  const plans = tabs.map((t) => t.finish());
  const model = new Model(fin, options, plans);
  const plan = (key: TabKey) => plans.find((p) => p.key === key) as SheetPlan;
  const cellAt = (key: TabKey, address: string) =>
    plan(key).cells.find((c) => a1(c.row, c.col) === address);
  return {
    plan,
    model,
    /** The formula at an address, or its literal. */
    text(key: TabKey, address: string): string | undefined {
      const c = cellAt(key, address);
      if (!c) return undefined;
      return c.formula ? renderFormula(c.formula, { tab: key, names: TAB_NAMES }) : String(c.value);
    },
    style: (key: TabKey, address: string) => cellAt(key, address)?.style,
    format: (key: TabKey, address: string) => cellAt(key, address)?.format,
    value(key: TabKey, address: string): string {
      const c = cellAt(key, address)!;
      const v = model.value({ tab: key, row: c.row, col: c.col });
      return isError(v) ? v.error : v instanceof Dec ? v.toString() : v;
    },
    rows: (key: TabKey, label: string) =>
      plan(key)
        .cells.filter((c) => c.col === 0 && c.value === label)
        .map((c) => c.row + 1),
  };
}

const rmb = () => new ModelContext(fin, DEFAULT_OPTIONS);

/** Revenues as the income statement shows them: two segments (inputs) and their total (a sum). */
const REVENUES: Line[] = [
  input("revenue.public", { indent: 1, headings: [{ text: "Revenues", style: "section" }] }),
  input("revenue.enterprise", { indent: 1, headings: [{ text: "Revenues", style: "section" }] }),
  {
    ...input("revenue.total"),
    source: { kind: "sum", terms: ["revenue.public", "revenue.enterprise"] },
    total: true,
    headings: [{ text: "Revenues", style: "section" }],
  },
];

describe("lines, columns and headings", () => {
  const g = built([gridTab(rmb(), "income_statement", REVENUES)], DEFAULT_OPTIONS);

  test("title, notes and a header for each column: quarters in RMB, the latest in US$, growth", () => {
    expect(g.text("income_statement", "A1")).toBe(
      "Kingsoft Cloud (NASDAQ: KC, HKEX: 3896) · Test lines · RMB and US$ thousands"
    );
    expect(g.text("income_statement", "A2")).toBe(
      "1Q26 = three months to Mar 31, 2026 (balances at its end) · US$* at RMB6.8980 = US$1.00 · unaudited"
    );
    expect(g.text("income_statement", "A3")).toBe(
      "Blue: from the release (italic: as reported) · green: link · black: formula · checks must be 0"
    );
    expect(["B4", "C4", "D4", "E4", "F4", "G4"].map((a) => g.text("income_statement", a))).toEqual([
      "1Q25",
      "4Q25",
      "1Q26",
      "1Q26 US$",
      "YoY 1Q26",
      "QoQ 1Q26",
    ]);
    expect(g.plan("income_statement").freeze).toEqual({ rows: 4, columns: 1 });
  });

  test("a heading once above the lines under it, then each line's label", () => {
    expect(g.text("income_statement", "A5")).toBe("Revenues");
    expect(g.style("income_statement", "A5")).toBe("section");
    expect(g.rows("income_statement", "Public cloud services")[0]).toBe(6);
    expect(g.rows("income_statement", "Total revenues")[0]).toBe(8);
    expect(g.style("income_statement", "A8")).toBe("total-label");
  });

  test("inputs are KC calls, blue; a US$ input only where the release prints one", () => {
    expect(g.text("income_statement", "D6")).toBe(
      '=KC.VALUE("revenue.public","2026Q1","RMB","thousands")'
    );
    expect(g.style("income_statement", "D6")).toBe("input");
    expect(g.format("income_statement", "D6")).toBe(FORMATS.thousands);
    expect(g.value("income_statement", "B6")).toBe("1353479");
    expect(g.value("income_statement", "E7")).toBe("102556");
  });

  test("a total sums its lines natively and matches the release: 2,703,732 and US$391,959", () => {
    expect(g.text("income_statement", "D8")).toBe("=D6+D7");
    expect(g.style("income_statement", "D8")).toBe("total");
    expect(g.value("income_statement", "D8")).toBe("2703732");
    expect(g.value("income_statement", "C8")).toBe("2761387");
    expect(g.value("income_statement", "B8")).toBe("1969977");
    expect(g.value("income_statement", "E8")).toBe("391959");
  });

  test("growth against a year and a quarter before, in percent", () => {
    expect(g.text("income_statement", "F8")).toBe('=IF(OR(B8=0,B8*D8<0),"n.m.",D8/B8-1)');
    expect(g.text("income_statement", "G6")).toBe('=IF(OR(C6=0,C6*D6<0),"n.m.",D6/C6-1)');
    expect(g.format("income_statement", "F8")).toBe(FORMATS.growth);
    const pct = (a: string) => new Dec(g.value("income_statement", a)).times(100).toFixed(1);
    expect([pct("F8"), pct("G8"), pct("F6"), pct("G6"), pct("F7"), pct("G7")]).toEqual([
      "37.2",
      "-2.1",
      "47.5",
      "4.9",
      "14.7",
      "-17.6",
    ]);
  });

  test("as reported: the release's own figure for every derived cell and every stated growth", () => {
    const [, reported, check] = g.rows("income_statement", "Total revenues");
    const [block] = g.rows("income_statement", "As reported (for the checks)");
    // A blank row after the lines; the segments come first (their growth is stated), then the total.
    expect(block).toBe(10);
    expect(g.text("income_statement", `A${block + 1}`)).toBe("Public cloud services");
    expect(reported).toBe(block + 3);
    expect(g.text("income_statement", `D${reported}`)).toBe(
      '=KC.VALUE("revenue.total","2026Q1","RMB","thousands")'
    );
    expect(g.style("income_statement", `D${reported}`)).toBe("reported");
    expect(g.text("income_statement", `F${reported}`)).toBe(
      '=KC.GROWTH("revenue.total","2026Q1","YoY","reported")'
    );
    // Inputs are the release's figures already: nothing to compare them with.
    expect(
      g.text("income_statement", `B${g.rows("income_statement", "Public cloud services")[1]}`)
    ).toBeUndefined();
    expect(g.rows("income_statement", "Checks: calculated − reported (= 0)")).toEqual([
      reported + 2,
    ]);
    expect(g.text("income_statement", `D${check}`)).toBe(`=ROUND(D8-D${reported},0)`);
    expect(g.text("income_statement", `F${check}`)).toBe(`=ROUND(ROUND(F8,3)-F${reported},3)`);
    expect(g.style("income_statement", `D${check}`)).toBe("check");
  });

  test("each check says what it ties and where it goes on KC Checks, and is 0", () => {
    const checks = g.plan("income_statement").checks;
    expect(checks.map((c) => `${c.line} | ${c.ties} | ${c.column}`)).toContain(
      "Total revenues | sum − reported | 1Q26 US$"
    );
    expect(checks.map((c) => `${c.line} | ${c.ties}`)).toContain(
      "Public cloud services | growth − stated"
    );
    // Revenue: 4 sums, 2 growth rates; each segment: 2 growth rates.
    expect(checks).toHaveLength(10);
    expect(g.model.failures()).toEqual([]);
  });
});

describe("a new part of the tab starts after a blank row", () => {
  test("a top heading that changes is set apart; a section that repeats is not shown again", () => {
    const lines: Line[] = [
      input("is.cost_of_revenues", { headings: [{ text: "First", style: "heading" }] }),
      input("is.selling_marketing", {
        headings: [
          { text: "Second", style: "heading" },
          { text: "Expenses", style: "section" },
        ],
      }),
      input("is.general_administrative", {
        headings: [
          { text: "Second", style: "heading" },
          { text: "Expenses", style: "section" },
        ],
      }),
    ];
    const g = built([gridTab(rmb(), "income_statement", lines)], DEFAULT_OPTIONS);
    const labels = g
      .plan("income_statement")
      .cells.filter((c) => c.col === 0 && c.row > 3 && c.row < 10)
      .map((c) => `${c.row + 1} ${c.value}`);
    expect(labels).toEqual([
      "5 First",
      "6 Cost of revenues",
      "8 Second",
      "9 Expenses",
      "10 Selling and marketing expenses",
    ]);
    expect(g.rows("income_statement", "General and administrative expenses")[0]).toBe(11);
  });
});

describe("links, ratios and the other sources", () => {
  const ctx = rmb();
  const home = gridTab(ctx, "income_statement", [
    ...REVENUES,
    input("is.cost_of_revenues"),
    input("fx.rmb_per_usd", { label: "Rate" }),
  ]);
  const other = gridTab(ctx, "segments", [
    {
      key: "revenue.total",
      label: "Total revenues",
      kind: "amount",
      source: { kind: "link", key: "revenue.total" },
      view: true,
    },
    {
      key: "costs.positive",
      label: "Costs, as a positive figure",
      kind: "amount",
      source: { kind: "link", key: "is.cost_of_revenues", factor: -1 },
    },
    {
      key: "public.share",
      label: "Public cloud, share of revenues",
      kind: "percent",
      source: { kind: "ratio", numerator: "revenue.public", denominator: "revenue.total" },
    },
    {
      key: "costs.rounded",
      label: "Cost of revenues to 0.1 million",
      kind: "amount",
      source: { kind: "rounded", key: "is.cost_of_revenues", places: -2 },
      noGrowth: true,
    },
    {
      key: "rate",
      label: "The rate",
      kind: "rate",
      source: { kind: "single", key: RATE },
    },
    {
      key: "revenue.times.rate",
      label: "Revenues × rate",
      kind: "amount",
      source: { kind: "product", a: "revenue.total", b: "rate" },
      noGrowth: true,
    },
    {
      key: "loop",
      label: "A line that refers to itself",
      kind: "amount",
      source: { kind: "link", key: "loop" },
    },
  ]);
  const g = built([home, other], DEFAULT_OPTIONS);
  const row = (label: string) => g.rows("segments", label)[0];

  test("a link to another tab names it and is green; its growth is the home's, linked", () => {
    const r = row("Total revenues");
    expect(g.text("segments", `D${r}`)).toBe("='KC Income Statement'!D8");
    expect(g.style("segments", `D${r}`)).toBe("link");
    expect(g.text("segments", `F${r}`)).toBe("='KC Income Statement'!F8");
    expect(g.value("segments", `D${r}`)).toBe("2703732");
  });

  test("a link with factor −1 is negated, and grows as a figure of this tab", () => {
    const r = row("Costs, as a positive figure");
    expect(g.text("segments", `D${r}`)).toBe("=-'KC Income Statement'!D9");
    expect(g.value("segments", `D${r}`)).toBe("2357984");
    expect(g.text("segments", `F${r}`)).toBe(`=IF(OR(B${r}=0,B${r}*D${r}<0),"n.m.",D${r}/B${r}-1)`);
  });

  test("a ratio of lines, this tab's own where it shows them; a percentage only in RMB, in points", () => {
    const r = row("Public cloud, share of revenues");
    // Total revenues is shown on this tab (row 5): the ratio uses it; public cloud is linked.
    expect(g.text("segments", `D${r}`)).toBe("='KC Income Statement'!D6/D5");
    expect(g.format("segments", `D${r}`)).toBe(FORMATS.percent);
    expect(g.text("segments", `E${r}`)).toBeUndefined();
    expect(g.text("segments", `F${r}`)).toBe(`=ROUND(D${r},3)-ROUND(B${r},3)`);
    expect(g.format("segments", `F${r}`)).toBe(FORMATS.points);
    // 1,996,301 / 2,703,732 = 73.8%, up from 1,353,479 / 1,969,977 = 68.7%: 5.1 points.
    expect(g.value("segments", `F${r}`)).toBe("0.051");
  });

  test("rounded as the text rounds: (2,357,984) to (2,358,000)", () => {
    const r = row("Cost of revenues to 0.1 million");
    expect(g.text("segments", `D${r}`)).toBe("=ROUND('KC Income Statement'!D9,-2)");
    expect(g.value("segments", `D${r}`)).toBe("-2358000");
    expect(g.text("segments", `F${r}`)).toBeUndefined();
  });

  test("a single cell, the same in every column; a rate does not grow", () => {
    const r = row("The rate");
    expect(g.text("segments", `B${r}`)).toBe("='KC Income Statement'!D10");
    expect(g.text("segments", `E${r}`)).toBe("='KC Income Statement'!D10");
    expect(g.value("segments", `B${r}`)).toBe("6.898");
    expect(g.text("segments", `F${r}`)).toBeUndefined();
  });

  test("a product of two lines", () => {
    const r = row("Revenues × rate");
    expect(g.text("segments", `D${r}`)).toBe(`=D5*D${row("The rate")}`);
    expect(g.style("segments", `D${r}`)).toBe("calc");
  });

  test("a line that refers to itself has no figures (and does not loop)", () => {
    const r = row("A line that refers to itself");
    expect(g.plan("segments").cells.filter((c) => c.row === r - 1 && c.col > 0)).toEqual([]);
  });

  test("the tab has no as-reported or checks block when it has nothing to check", () => {
    expect(g.plan("segments").checks).toEqual([]);
    expect(g.rows("segments", "As reported (for the checks)")).toEqual([]);
  });
});

describe("carried, custom and ties", () => {
  const ctx = rmb();
  const tab = gridTab(ctx, "cash_flow", [
    {
      ...input("cf.cash_beginning"),
      source: { kind: "carried", key: "cf.cash_end" },
    },
    input("cf.net_change"),
    {
      ...input("cf.cash_end"),
      source: { kind: "sum", terms: ["cf.cash_beginning", "cf.net_change"] },
      total: true,
    },
    {
      key: "custom",
      label: "Custom: Q1 2026 only",
      kind: "amount",
      source: {
        kind: "custom",
        cell: (c) =>
          c.period === "2026Q1" && c.currency === "RMB"
            ? { expr: { op: "num", value: 4950694 }, style: "calc" }
            : null,
      },
      noGrowth: true,
    },
  ]);
  tab.tie({ label: "End − custom", ties: "cash − custom", a: "cf.cash_end", b: "custom" });
  const g = built([tab], DEFAULT_OPTIONS);

  test("opening cash is the prior quarter's close where the tab has it, else the release's", () => {
    expect(g.text("cash_flow", "D5")).toBe("=C7");
    expect(g.style("cash_flow", "D5")).toBe("calc");
    expect(g.text("cash_flow", "C5")).toBe(
      '=KC.VALUE("cf.cash_beginning","2025Q4","RMB","thousands")'
    );
    // Dec 31, 2025's close, 6,117,237, opens Q1 2026, as the release prints.
    expect(g.value("cash_flow", "D5")).toBe("6117237");
    const checked = g.plan("cash_flow").checks.filter((c) => c.ties === "prior close − reported");
    expect(checked.map((c) => c.column)).toEqual(["1Q26"]);
  });

  test("a custom cell where its function gives one", () => {
    expect(g.text("cash_flow", "D8")).toBe("=4950694");
    expect(g.text("cash_flow", "C8")).toBeUndefined();
  });

  test("a tie compares two lines in each figure column where both have a figure", () => {
    const [r] = g.rows("cash_flow", "End − custom");
    expect(g.text("cash_flow", `D${r}`)).toBe(`=ROUND(D7-D8,0)`);
    expect(g.text("cash_flow", `B${r}`)).toBeUndefined();
    const tie = g.plan("cash_flow").checks.filter((c) => c.line === "End − custom");
    expect(tie).toHaveLength(1);
    expect(tie[0].ties).toBe("cash − custom");
    expect(g.value("cash_flow", `D${r}`)).toBe("0");
  });
});

describe("US$ translated at the convenience rate", () => {
  const options: ModelOptions = { ...DEFAULT_OPTIONS, currency: "USD" };
  const ctx = new ModelContext(fin, options);
  const lines: Line[] = [
    input("fx.rmb_per_usd"),
    ...REVENUES,
    input("is.shares_basic_diluted"),
    input("is.eps_basic_diluted"),
    input("ng.gross_margin"),
  ];
  const g = built([gridTab(ctx, "income_statement", lines)], options);
  const row = (label: string, nth = 0) => g.rows("income_statement", label)[nth];

  test("columns: every quarter in RMB, then in US$, translated but for the published one", () => {
    expect(
      ["B4", "C4", "D4", "E4", "F4", "G4", "H4", "I4"].map((a) => g.text("income_statement", a))
    ).toEqual([
      "1Q25",
      "4Q25",
      "1Q26",
      "1Q25 US$*",
      "4Q25 US$*",
      "1Q26 US$",
      "YoY 1Q26",
      "QoQ 1Q26",
    ]);
    // US$*: translated at the release's convenience rate, which the notes give.
    expect(g.text("income_statement", "A2")).toContain("US$* at RMB6.8980 = US$1.00");
  });

  test("an amount in a translated column is its RMB figure over the one rate cell", () => {
    const r = row("Public cloud services");
    expect(g.text("income_statement", `E${r}`)).toBe(`=B${r}/D5`);
    expect(g.text("income_statement", `E${row("Total revenues")}`)).toBe(
      `=B${row("Total revenues")}/D5`
    );
    expect(g.style("income_statement", `E${row("Total revenues")}`)).toBe("total");
    expect(new Dec(g.value("income_statement", `E${row("Total revenues")}`)).toFixed(3)).toBe(
      new Dec(1969977).div("6.898").toFixed(3)
    );
    // The published column stays the release's US$.
    expect(g.text("income_statement", `G${r}`)).toBe(
      '=KC.VALUE("revenue.public","2026Q1","USD","thousands")'
    );
  });

  test("counts have no currency: a US$ column repeats the RMB count", () => {
    const r = row("Basic and diluted");
    expect(g.text("income_statement", `E${r}`)).toBe(`=B${r}`);
    expect(g.text("income_statement", `G${r}`)).toBe(`=D${r}`);
    expect(g.format("income_statement", `G${r}`)).toBe(FORMATS.shares);
  });

  test("per share in US$ to the hundredth of a cent; percentages only in RMB columns", () => {
    const r = row("Basic and diluted", 1);
    expect(g.format("income_statement", `D${r}`)).toBe(FORMATS.perShare);
    expect(g.format("income_statement", `G${r}`)).toBe(FORMATS.perShareFine);
    // Per share, translated: the RMB figure over the rate too; the published one an input.
    expect(g.text("income_statement", `E${r}`)).toBe(`=B${r}/D5`);
    expect(g.value("income_statement", `G${r}`)).toBe("-0.01");
    const margin = row("Gross margin");
    expect(g.text("income_statement", `D${margin}`)).toBe('=KC.VALUE("ng.gross_margin","2026Q1")');
    expect(g.text("income_statement", `E${margin}`)).toBeUndefined();
    expect(g.text("income_statement", `G${margin}`)).toBeUndefined();
  });

  test("translated columns get no ties and no as-reported figures", () => {
    const checks = g.plan("income_statement").checks;
    expect(checks.some((c) => c.column.includes("US$*"))).toBe(false);
    expect(checks.some((c) => c.slot.header.includes("US$*"))).toBe(false);
    expect(g.model.failures()).toEqual([]);
  });
});

describe("growth the text states for a line with no figures", () => {
  test("the stated rate is itself the input: AI gross billing grew 90%", () => {
    const g = built([gridTab(rmb(), "operating", [input("op.ai_gross_billing")])], DEFAULT_OPTIONS);
    const r = g.rows("operating", "Gross billing of AI business")[0];
    expect(g.text("operating", `F${r}`)).toBe(
      '=KC.GROWTH("op.ai_gross_billing","2026Q1","YoY","reported")'
    );
    expect(g.style("operating", `F${r}`)).toBe("input");
    expect(g.value("operating", `F${r}`)).toBe("0.9");
    expect(g.text("operating", `D${r}`)).toBeUndefined();
    // An input is not checked against itself.
    expect(g.plan("operating").checks).toEqual([]);
  });
});

describe("the as-reported label of a line shown twice under the same label", () => {
  test("is its long label, so the checks say which it is", () => {
    const lines: Line[] = [
      {
        ...input("revenue.total"),
        source: { kind: "sum", terms: ["revenue.public", "revenue.enterprise"] },
        longLabel: "Revenues, total",
      },
      input("revenue.public"),
      input("revenue.enterprise"),
      {
        key: "again",
        label: "Total revenues",
        kind: "amount",
        source: { kind: "link", key: "revenue.total" },
        view: true,
      },
    ];
    const g = built([gridTab(rmb(), "income_statement", lines)], DEFAULT_OPTIONS);
    // The line and its view keep their label; the as-reported and check rows take the long one.
    expect(g.rows("income_statement", "Total revenues")).toHaveLength(2);
    expect(g.rows("income_statement", "Revenues, total")).toHaveLength(2);
    const sums = g.plan("income_statement").checks.filter((c) => c.ties === "sum − reported");
    expect(new Set(sums.map((c) => c.line))).toEqual(new Set(["Revenues, total"]));
  });
});

describe("mistakes in a tab's definition are programming errors that say what is wrong", () => {
  test("a line shown twice", () => {
    const ctx = rmb();
    expect(() =>
      gridTab(ctx, "income_statement", [input("revenue.public"), input("revenue.public")])
    ).toThrow("income_statement shows revenue.public twice");
  });

  test("a figure asked of a line the tab does not have", () => {
    const t = gridTab(rmb(), "income_statement", [input("revenue.public")]);
    expect(() =>
      t.planned("revenue.total", {
        kind: "figure",
        period: "2026Q1",
        currency: "RMB",
        translated: false,
      })
    ).toThrow("income_statement has no line revenue.total");
    expect(t.has("revenue.public")).toBe(true);
    expect(t.has("revenue.total")).toBe(false);
  });
});
