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
  timeAxis,
} from "../../../src/sheets/columns";
import type { ModelOptions } from "../../../src/sheets/types";
import { DEFAULT_OPTIONS } from "../../../src/sheets/types";
import { sampleDataset } from "../../helpers/sample-dataset";

/**
 * A tab's columns on the model's one time axis: every quarter from the first to the latest (a gap
 * n.a.), the years printed, the latest quarter in US$, its growth.
 */

const RMB: ModelOptions = DEFAULT_OPTIONS;
const USD: ModelOptions = { ...DEFAULT_OPTIONS, currency: "USD" };

/** The Q1 2026 release's periods: three quarters, two balance sheet dates. */
const RELEASE = sampleDataset();
const AXIS = timeAxis(RELEASE);
const published = (p: string) => p === "2026Q1";

const figure = (period: string, currency: "RMB" | "USD", translated = false): FigureColumn => ({
  kind: "figure",
  period,
  currency,
  translated,
});
const missing = (period: string): FigureColumn => ({ ...figure(period, "RMB"), missing: true });
const latest: FigureColumn = { ...figure("2026Q1", "USD"), latest: true };

describe("periods as printed", () => {
  test("a quarter ends on its last day; a span on its last quarter's; a date is itself", () => {
    expect(quarterEndOf("2026Q1")).toBe("2026-03-31");
    expect(quarterEndOf("2025Q4")).toBe("2025-12-31");
    expect(quarterEndOf("2024Q2")).toBe("2024-06-30");
    expect(quarterEndOf("2025-12-31")).toBe("2025-12-31");
    expect(quarterEndOf("2025FY")).toBe("2025-12-31");
    expect(quarterEndOf("2026H1")).toBe("2026-06-30");
  });

  test("end dates as the release prints them; quarters, their ends and spans, short", () => {
    expect(endDate("2026Q1")).toBe("Mar 31, 2026");
    expect(endDate("2025Q4")).toBe("Dec 31, 2025");
    expect(endDate("2025-12-31")).toBe("Dec 31, 2025");
    expect(shortPeriod("2026Q1")).toBe("1Q26");
    expect(shortPeriod("2025Q4")).toBe("4Q25");
    expect(shortPeriod("2026-03-31")).toBe("1Q26");
    expect(shortPeriod("2026-03-15")).toBe("Mar 15, 2026");
    expect(shortPeriod("2025FY")).toBe("FY2025");
    expect(shortPeriod("2026H1")).toBe("H1 2026");
    expect(shortPeriod("2025M9")).toBe("9M 2025");
  });
});

describe("timeAxis", () => {
  test("every quarter from the first the dataset holds to the latest; a gap is marked", () => {
    expect(AXIS).toEqual({
      quarters: [
        { id: "2025Q1", held: true },
        { id: "2025Q2", held: false },
        { id: "2025Q3", held: false },
        { id: "2025Q4", held: true },
        { id: "2026Q1", held: true },
      ],
      spans: [],
    });
  });

  test("a balance's date holds the quarter it closes; spans follow, by their end", () => {
    const axis = timeAxis({
      latestQuarter: "2026Q1",
      periods: [
        { id: "2026FY", kind: "span", end: "2026-12-31" },
        { id: "2025-09-30", kind: "instant", end: "2025-09-30" },
        { id: "2025FY", kind: "span", end: "2025-12-31" },
        { id: "2026Q1", kind: "quarter", end: "2026-03-31" },
      ],
    });
    expect(axis.quarters.map((q) => `${q.id}${q.held ? "" : " n.a."}`)).toEqual([
      "2025Q3",
      "2025Q4 n.a.",
      "2026Q1",
    ]);
    expect(axis.spans).toEqual(["2025FY", "2026FY"]);
  });
});

describe("figureColumns", () => {
  test("RMB: every quarter of the axis (gaps n.a.), then the latest quarter's published US$", () => {
    expect(figureColumns(AXIS, "2026Q1", published, RMB)).toEqual([
      figure("2025Q1", "RMB"),
      missing("2025Q2"),
      missing("2025Q3"),
      figure("2025Q4", "RMB"),
      figure("2026Q1", "RMB"),
      latest,
    ]);
  });

  test("USD: every held period in US$ too, translated, before the published latest", () => {
    expect(figureColumns(AXIS, "2026Q1", published, USD).slice(5)).toEqual([
      figure("2025Q1", "USD", true),
      figure("2025Q4", "USD", true),
      latest,
    ]);
  });

  test("a quarter the tab's lines lack is n.a. on that tab; nothing published, no US$", () => {
    const balances = (p: string) => p !== "2025Q1";
    const columns = figureColumns(AXIS, "2026Q1", () => false, RMB, balances);
    expect(columns[0]).toEqual(missing("2025Q1"));
    expect(columns.some((c) => c.currency === "USD")).toBe(false);
  });
});

describe("growthColumns", () => {
  test("the latest quarter, year-over-year then quarter-over-quarter, where the priors are held", () => {
    expect(growthColumns(AXIS, "2026Q1")).toEqual([
      { kind: "growth", period: "2026Q1", prior: "2025Q1", basis: "yoy" },
      { kind: "growth", period: "2026Q1", prior: "2025Q4", basis: "qoq" },
    ]);
  });

  test("n.a. where the prior quarter is a gap: the columns stay, so a refresh finds them", () => {
    const axis = timeAxis({
      latestQuarter: "2026Q1",
      periods: [
        { id: "2025Q3", kind: "quarter", end: "2025-09-30" },
        { id: "2026Q1", kind: "quarter", end: "2026-03-31" },
      ],
    });
    expect(growthColumns(axis, "2026Q1")).toEqual([
      { kind: "growth", period: "2026Q1", prior: "2025Q1", basis: "yoy", missing: true },
      { kind: "growth", period: "2026Q1", prior: "2025Q4", basis: "qoq", missing: true },
    ]);
  });
});

describe("columnKey", () => {
  test("a period's column by its period; the latest quarter's US$ and growth by their place", () => {
    const columns: Column[] = [
      ...figureColumns(AXIS, "2026Q1", published, USD),
      ...growthColumns(AXIS, "2026Q1"),
    ];
    const keys = columns.map(columnKey);
    expect(new Set(keys).size).toBe(columns.length);
    expect(columnKey(latest)).toBe("latest|USD");
    expect(columnKey(figure("2026Q1", "RMB"))).toBe("2026Q1|RMB|as printed");
    expect(columnKey(figure("2025Q1", "USD", true))).toBe("2025Q1|USD|translated");
    expect(columnKey({ kind: "growth", period: "2026Q1", prior: "2025Q4", basis: "qoq" })).toBe(
      "latest|qoq"
    );
  });
});

describe("columnHeader: one line, as analysts head a column", () => {
  test("a quarter, and a balance at a quarter's end, by the quarter: 1Q26", () => {
    expect(columnHeader(figure("2026Q1", "RMB"))).toBe("1Q26");
    expect(columnHeader(figure("2025-12-31", "RMB"))).toBe("4Q25");
    expect(columnHeader(figure("2026Q1", "USD"))).toBe("1Q26 US$");
  });

  test("an estimate is marked E, a quarter's and a year's alike", () => {
    expect(columnHeader({ ...figure("2026Q2", "RMB"), estimate: true })).toBe("2Q26E");
    expect(columnHeader({ ...figure("2026FY", "RMB"), estimate: true })).toBe("FY2026E");
    // Its key is the actual's: the release that brings the quarter finds the column.
    expect(columnKey({ ...figure("2026Q2", "RMB"), estimate: true })).toBe(
      columnKey(figure("2026Q2", "RMB"))
    );
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
      key: "quarter|2025-12-31|RMB|false",
      order: "1|0|0|2025-12-31",
      header: "4Q25 RMB",
    });
  });

  test("US$ as published (the latest quarter's) and as translated are columns of their own", () => {
    expect(checkSlot(latest)).toEqual({ key: "latest|USD", order: "2", header: "1Q26 US$" });
    expect(checkSlot(figure("2025Q1", "USD", true)).header).toBe("1Q25 US$*");
    expect(checkSlot(figure("2026Q1", "USD", true)).key).not.toBe(checkSlot(latest).key);
  });

  test("a year is not its fourth quarter; a date that ends no quarter is shown by its date", () => {
    expect(checkSlot(figure("2025FY", "RMB")).key).not.toBe(checkSlot(figure("2025Q4", "RMB")).key);
    expect(checkSlot(figure("2025FY", "RMB")).header).toBe("FY2025 RMB");
    expect(checkSlot(figure("2026-02-15", "RMB")).header).toBe("Feb 15, 2026 RMB");
  });

  test("RMB quarters by date, years, translated US$, the latest US$, then growth", () => {
    const columns: Column[] = [
      { kind: "growth", period: "2026Q1", prior: "2025Q4", basis: "qoq" },
      { kind: "growth", period: "2026Q1", prior: "2025Q1", basis: "yoy" },
      figure("2025Q1", "USD", true),
      latest,
      figure("2025FY", "RMB"),
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
      "FY2025 RMB",
      "1Q25 US$*",
      "1Q26 US$",
      "YoY 1Q26",
      "QoQ 1Q26",
    ]);
    expect(checkSlot(columns[0]).key).toBe("latest|qoq");
  });
});
