import { Financials } from "../../../src/core/financials";
import { bundledDataset } from "../../../src/data/load";
import type { Column, FigureColumn } from "../../../src/sheets/columns";
import { LineHome, ModelContext, diff, ref, round, times } from "../../../src/sheets/context";
import type { CellRef, Expr } from "../../../src/sheets/types";
import { DEFAULT_OPTIONS, FORMATS } from "../../../src/sheets/types";

/** What every tab of a model shares: the dataset, the options, and where each figure lives. */

const fin = new Financials(bundledDataset());
const thousands = new ModelContext(fin, DEFAULT_OPTIONS);
const millions = new ModelContext(fin, { ...DEFAULT_OPTIONS, unit: "millions" });

const column = (period: string, currency: "RMB" | "USD" = "RMB", translated = false) =>
  ({ kind: "figure", period, currency, translated }) as FigureColumn;
const cell = (row: number, col: number): CellRef => ({ tab: "operating", row, col });

/** A tab that holds one line, with a cell (or none) in each of its columns. */
function home(key: string, cells: [FigureColumn, CellRef | undefined][]): LineHome {
  return {
    figureColumns: cells.map(([c]) => c),
    cellAt: (k: string, c: Column) =>
      k === key ? cells.find(([x]) => JSON.stringify(x) === JSON.stringify(c))?.[1] : undefined,
  };
}

describe("items", () => {
  test("an item of the dataset by id; an unknown id is a programming error that says so", () => {
    expect(thousands.item("revenue.total").label).toBe("Total revenues");
    expect(() => thousands.item("revenue.nope")).toThrow("The dataset has no item revenue.nope");
  });
});

describe("homes", () => {
  test("the first tab to show a line is its home; later ones link to it", () => {
    const ctx = new ModelContext(fin, DEFAULT_OPTIONS);
    const q1 = column("2026Q1");
    ctx.home("revenue.total", home("revenue.total", [[q1, cell(7, 3)]]));
    ctx.home("revenue.total", home("revenue.total", [[q1, cell(99, 9)]]));
    expect(ctx.cellOf("revenue.total", q1)).toEqual(cell(7, 3));
    expect(ctx.cellOf("revenue.total", column("2025Q1"))).toBeUndefined();
  });

  test("a line no tab shows cannot be linked to", () => {
    const ctx = new ModelContext(fin, DEFAULT_OPTIONS);
    expect(() => ctx.cellOf("is.gross_profit", column("2026Q1"))).toThrow(
      "No tab of the model shows is.gross_profit"
    );
  });

  test("a single cell (the rate) is the first column where its home has it", () => {
    const ctx = new ModelContext(fin, DEFAULT_OPTIONS);
    const rate = home("fx.rmb_per_usd", [
      [column("2025Q1"), undefined],
      [column("2026Q1"), cell(5, 3)],
    ]);
    ctx.home("fx.rmb_per_usd", rate);
    expect(ctx.singleCell("fx.rmb_per_usd")).toEqual(cell(5, 3));
    expect(() => ctx.singleCell("op.shares_per_ads")).toThrow(
      "No tab of the model holds op.shares_per_ads"
    );
    ctx.home("empty", home("empty", []));
    expect(() => ctx.singleCell("empty")).toThrow("No tab of the model holds empty");
  });
});

describe("periods and what the release prints", () => {
  test("a balance is read at the quarter's end; a flow for the quarter", () => {
    expect(thousands.periodIn(thousands.item("bs.cash"), "2026Q1")).toBe("2026-03-31");
    expect(thousands.periodIn(thousands.item("bs.cash"), "2025-12-31")).toBe("2025-12-31");
    expect(thousands.periodIn(thousands.item("revenue.total"), "2026Q1")).toBe("2026Q1");
  });

  test("RMB for every period printed; US$ only where published, never where translated", () => {
    const revenue = thousands.item("revenue.total");
    expect(thousands.printed(revenue, column("2025Q1"))).toBe(true);
    expect(thousands.printed(revenue, column("2026Q1", "USD"))).toBe(true);
    expect(thousands.printed(revenue, column("2025Q1", "USD"))).toBe(false);
    expect(thousands.printed(revenue, column("2025Q1", "USD", true))).toBe(false);
    // The release has no balance sheet for Mar 31, 2025.
    expect(thousands.printed(thousands.item("bs.cash"), column("2025Q1"))).toBe(false);
    expect(thousands.printed(thousands.item("bs.cash"), column("2025Q4"))).toBe(true);
    // IDC costs are stated for two quarters only: Q1 2025 and Q1 2026.
    expect(thousands.printed(thousands.item("is.cor.idc"), column("2025Q4"))).toBe(false);
  });

  test("growth the text states, as it states it; none where it states none", () => {
    const item = (id: string) => thousands.item(id);
    expect(thousands.statedGrowth(item("revenue.total"), "2026Q1", "yoy")).toBe("37.2");
    expect(thousands.statedGrowth(item("revenue.total"), "2026Q1", "qoq")).toBe("-2.1");
    expect(thousands.statedGrowth(item("is.net_loss"), "2026Q1", "qoq")).toBe("111.0");
    expect(thousands.statedGrowth(item("is.gross_profit"), "2026Q1", "qoq")).toBeUndefined();
    expect(thousands.statedGrowth(item("revenue.total"), "2025Q4", "yoy")).toBeUndefined();
  });
});

describe("KC calls", () => {
  test("VALUE with the arguments the item's kind takes, in the model's unit", () => {
    const value = (ctx: ModelContext, id: string, c: FigureColumn) =>
      ctx.value(ctx.item(id), c).args;
    expect(value(thousands, "revenue.total", column("2026Q1"))).toEqual([
      "revenue.total",
      "2026Q1",
      "RMB",
      "thousands",
    ]);
    expect(value(millions, "revenue.total", column("2026Q1", "USD"))).toEqual([
      "revenue.total",
      "2026Q1",
      "USD",
      "millions",
    ]);
    expect(value(thousands, "bs.cash", column("2026Q1"))).toEqual([
      "bs.cash",
      "2026-03-31",
      "RMB",
      "thousands",
    ]);
    expect(value(thousands, "is.eps_basic_diluted", column("2026Q1", "USD"))).toEqual([
      "is.eps_basic_diluted",
      "2026Q1",
      "USD",
    ]);
    expect(value(thousands, "is.shares_basic_diluted", column("2026Q1"))).toEqual([
      "is.shares_basic_diluted",
      "2026Q1",
    ]);
    expect(thousands.value(thousands.item("revenue.total"), column("2026Q1"))).toMatchObject({
      op: "kc",
      fn: "VALUE",
    });
  });

  test("GROWTH as the release reports it, basis spelled as the function takes it", () => {
    const revenue = thousands.item("revenue.total");
    expect(thousands.reportedGrowth(revenue, "2026Q1", "yoy")).toEqual({
      op: "kc",
      fn: "GROWTH",
      args: ["revenue.total", "2026Q1", "YoY", "reported"],
    });
    expect(thousands.reportedGrowth(revenue, "2026Q1", "qoq").args[2]).toBe("QoQ");
  });
});

describe("units", () => {
  test("formats, check precision and units per model unit follow the option", () => {
    const revenue = thousands.item("revenue.total");
    expect(thousands.format(revenue)).toBe(FORMATS.thousands);
    expect(millions.format(revenue)).toBe(FORMATS.millions);
    expect(millions.format(thousands.item("ng.gross_margin"))).toBe(FORMATS.percent);
    expect(thousands.checkPlaces).toBe(0);
    expect(millions.checkPlaces).toBe(3);
    expect(thousands.unitsPerModelUnit).toBe(1000);
    expect(millions.unitsPerModelUnit).toBe(1000000);
  });

  test("a sum is rounded to the thousand only in millions", () => {
    const sum: Expr = { op: "sum", from: cell(1, 1), to: cell(3, 1) };
    expect(thousands.exactSum(sum)).toBe(sum);
    expect(millions.exactSum(sum)).toEqual({ op: "round", e: sum, places: 3 });
  });
});

describe("title and notes", () => {
  test("the company with both listings, the tab's subject, then the currency and unit", () => {
    expect(thousands.title("Balance sheets")).toBe(
      "Kingsoft Cloud (NASDAQ: KC, HKEX: 3896) · Balance sheets · RMB and US$ thousands"
    );
    expect(millions.title("Balance sheets")).toBe(
      "Kingsoft Cloud (NASDAQ: KC, HKEX: 3896) · Balance sheets · RMB and US$ millions"
    );
  });

  test("what a quarter's column and US$* are; then how to read the colours", () => {
    const [what, colours] = thousands.notes();
    expect(what).toBe(
      "1Q26 = three months to Mar 31, 2026 (balances at its end) · US$* at RMB6.8980 = US$1.00 · unaudited"
    );
    expect(colours).toBe(
      "Blue: from the release (italic: as reported) · green: link · black: formula · checks must be 0"
    );
    expect(thousands.notes()).toHaveLength(2);
  });

  test("the source, for the print footer: the release's file and the dataset", () => {
    const source = thousands.source();
    expect(source).toMatch(/^kc-2026q1-earnings-release\.txt · dataset 2026Q1-/);
    expect(source.endsWith(fin.dataset.version)).toBe(true);
  });
});

describe("expression helpers", () => {
  const a: Expr = { op: "ref", at: cell(1, 1) };
  const b: Expr = { op: "ref", at: cell(2, 1) };

  test("ref, round and diff", () => {
    expect(ref(cell(1, 1))).toEqual(a);
    expect(round(a, -2)).toEqual({ op: "round", e: a, places: -2 });
    expect(diff(a, b)).toEqual({
      op: "add",
      terms: [
        { sign: 1, e: a },
        { sign: -1, e: b },
      ],
    });
  });

  test("times: itself for 1, negated for −1, a product otherwise", () => {
    expect(times(a, 1)).toBe(a);
    expect(times(a, -1)).toEqual({ op: "add", terms: [{ sign: -1, e: a }] });
    expect(times(a, 15)).toEqual({ op: "mul", a, b: { op: "num", value: 15 } });
  });
});
