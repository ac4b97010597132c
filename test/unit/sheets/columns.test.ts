import {
  Column,
  FigureColumn,
  checkSlot,
  columnHeader,
  columnKey,
  endDate,
  figureColumns,
  growthColumns,
  quarterEndOf,
  shortPeriod,
} from "../../../src/sheets/columns";
import type { ModelOptions } from "../../../src/sheets/types";
import { DEFAULT_OPTIONS } from "../../../src/sheets/types";

/** A tab's columns as the release prints them: periods in RMB, then US$, then growth. */

const RMB: ModelOptions = DEFAULT_OPTIONS;
const USD: ModelOptions = { ...DEFAULT_OPTIONS, currency: "USD" };

/** The release's three quarters; only the latest is printed in US$. */
const QUARTERS = ["2025Q1", "2025Q4", "2026Q1"];
const published = (p: string) => p === "2026Q1";

const figure = (period: string, currency: "RMB" | "USD", translated = false): FigureColumn => ({
  kind: "figure",
  period,
  currency,
  translated,
});

describe("periods as printed", () => {
  test("a quarter ends on its last day; a date is itself", () => {
    expect(quarterEndOf("2026Q1")).toBe("2026-03-31");
    expect(quarterEndOf("2025Q4")).toBe("2025-12-31");
    expect(quarterEndOf("2024Q2")).toBe("2024-06-30");
    expect(quarterEndOf("2025-12-31")).toBe("2025-12-31");
  });

  test("end dates as the release prints them; quarters, and their ends, short", () => {
    expect(endDate("2026Q1")).toBe("Mar 31, 2026");
    expect(endDate("2025Q4")).toBe("Dec 31, 2025");
    expect(endDate("2025-12-31")).toBe("Dec 31, 2025");
    expect(shortPeriod("2026Q1")).toBe("1Q26");
    expect(shortPeriod("2025Q4")).toBe("4Q25");
    expect(shortPeriod("2026-03-31")).toBe("1Q26");
    expect(shortPeriod("2026-03-15")).toBe("Mar 15, 2026");
  });
});

describe("figureColumns", () => {
  test("RMB: every period in RMB, then US$ only where the release publishes it", () => {
    expect(figureColumns(QUARTERS, published, RMB)).toEqual([
      figure("2025Q1", "RMB"),
      figure("2025Q4", "RMB"),
      figure("2026Q1", "RMB"),
      figure("2026Q1", "USD"),
    ]);
  });

  test("USD: every period in US$ too, the unpublished ones translated", () => {
    expect(figureColumns(QUARTERS, published, USD)).toEqual([
      figure("2025Q1", "RMB"),
      figure("2025Q4", "RMB"),
      figure("2026Q1", "RMB"),
      figure("2025Q1", "USD", true),
      figure("2025Q4", "USD", true),
      figure("2026Q1", "USD"),
    ]);
  });

  test("no period, no column; nothing published, no US$ column in RMB", () => {
    expect(figureColumns([], published, USD)).toEqual([]);
    expect(figureColumns(["2025Q1"], () => false, RMB)).toEqual([figure("2025Q1", "RMB")]);
  });
});

describe("growthColumns", () => {
  test("year-over-year, then quarter-over-quarter, where the tab has the prior period", () => {
    expect(growthColumns(QUARTERS)).toEqual([
      { kind: "growth", period: "2026Q1", prior: "2025Q1", basis: "yoy" },
      { kind: "growth", period: "2026Q1", prior: "2025Q4", basis: "qoq" },
    ]);
  });

  test("balance sheet dates: quarter over quarter between quarter ends", () => {
    expect(growthColumns(["2025-12-31", "2026-03-31"])).toEqual([
      { kind: "growth", period: "2026-03-31", prior: "2025-12-31", basis: "qoq" },
    ]);
  });

  test("none without a prior period on the tab", () => {
    expect(growthColumns(["2026Q1"])).toEqual([]);
    expect(growthColumns(["2025Q2", "2026Q1"])).toEqual([]);
    expect(growthColumns([])).toEqual([]);
  });
});

describe("columnKey", () => {
  test("tells apart currency, translation and growth basis", () => {
    const columns: Column[] = [
      ...figureColumns(QUARTERS, published, USD),
      ...growthColumns(QUARTERS),
    ];
    const keys = columns.map(columnKey);
    expect(new Set(keys).size).toBe(columns.length);
    expect(columnKey(figure("2026Q1", "USD"))).toBe("2026Q1|USD|as printed");
    expect(columnKey(figure("2025Q1", "USD", true))).toBe("2025Q1|USD|translated");
    expect(columnKey({ kind: "growth", period: "2026Q1", prior: "2025Q4", basis: "qoq" })).toBe(
      "qoq|2026Q1"
    );
  });
});

describe("columnHeader: one line, as analysts head a column", () => {
  test("a quarter, and a balance at a quarter's end, by the quarter: 1Q26", () => {
    expect(columnHeader(figure("2026Q1", "RMB"))).toBe("1Q26");
    expect(columnHeader(figure("2025-12-31", "RMB"))).toBe("4Q25");
    expect(columnHeader(figure("2026Q1", "USD"))).toBe("1Q26 US$");
  });

  test("a translated US$ column is starred (the tab's notes say at which rate)", () => {
    expect(columnHeader(figure("2025Q1", "USD", true))).toBe("1Q25 US$*");
  });

  test("growth: the basis and the period", () => {
    expect(columnHeader({ kind: "growth", period: "2026Q1", prior: "2025Q1", basis: "yoy" })).toBe(
      "YoY 1Q26"
    );
    expect(
      columnHeader({ kind: "growth", period: "2026-03-31", prior: "2025-12-31", basis: "qoq" })
    ).toBe("QoQ 1Q26");
  });
});

describe("checkSlot", () => {
  test("a quarter and the balance sheet date it ends on share one column of KC Checks", () => {
    const quarter = checkSlot(figure("2025Q4", "RMB"));
    const date = checkSlot(figure("2025-12-31", "RMB"));
    expect(quarter).toEqual(date);
    expect(quarter).toEqual({
      key: "2025-12-31|RMB|false",
      order: "1|0|2025-12-31",
      header: "4Q25 RMB",
    });
  });

  test("US$ as published and as translated are columns of their own", () => {
    expect(checkSlot(figure("2026Q1", "USD")).header).toBe("1Q26 US$");
    expect(checkSlot(figure("2025Q1", "USD", true)).header).toBe("1Q25 US$*");
    expect(checkSlot(figure("2026Q1", "USD")).key).not.toBe(
      checkSlot(figure("2026Q1", "USD", true)).key
    );
  });

  test("a date that ends no quarter is shown by its date alone", () => {
    expect(checkSlot(figure("2026-02-15", "RMB")).header).toBe("Feb 15, 2026 RMB");
  });

  test("figures by currency (RMB, US$, translated) and date, then growth, yoy before qoq", () => {
    const columns: Column[] = [
      { kind: "growth", period: "2026Q1", prior: "2025Q4", basis: "qoq" },
      { kind: "growth", period: "2026Q1", prior: "2025Q1", basis: "yoy" },
      figure("2025Q1", "USD", true),
      figure("2026Q1", "USD"),
      figure("2026Q1", "RMB"),
      figure("2025Q1", "RMB"),
    ];
    const sorted = columns
      .map(checkSlot)
      .sort((x, y) => x.order.localeCompare(y.order))
      .map((s) => s.header);
    expect(sorted).toEqual([
      "1Q25 RMB",
      "1Q26 RMB",
      "1Q26 US$",
      "1Q25 US$*",
      "YoY 1Q26",
      "QoQ 1Q26",
    ]);
    expect(checkSlot(columns[0]).key).toBe("qoq|2026Q1");
  });
});
