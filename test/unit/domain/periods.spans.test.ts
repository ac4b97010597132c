import {
  Quarter,
  parsePeriod,
  parseSpanId,
  quarterId,
  quartersOf,
  spanId,
  spanName,
} from "../../../src/domain/periods";

const LATEST: Quarter = { year: 2026, quarter: 1 };

/** What a typed period reads as: a span's id, a quarter's id, or a date. */
function read(typed: unknown): string {
  const r = parsePeriod(typed, LATEST);
  if (r.kind === "span") return spanId(r.span);
  if (r.kind === "quarter") return `${r.quarter.year}Q${r.quarter.quarter}`;
  return r.date;
}

describe("spans of quarters, as analysts type them", () => {
  test.each([
    ["FY2025", "2025FY"],
    ["fy 2025", "2025FY"],
    ["FY25", "2025FY"],
    ["FY'25", "2025FY"],
    ["2025", "2025FY"],
    ["H1 2026", "2026H1"],
    ["1H26", "2026H1"],
    ["2026H1", "2026H1"],
    ["H2 2025", "2025H2"],
    ["2H25", "2025H2"],
    ["9M 2025", "2025M9"],
    ["9M25", "2025M9"],
    ["6M 2026", "2026H1"],
    ["12M 2025", "2025FY"],
    ["LTM", "LTM2026Q1"],
    ["ltm", "LTM2026Q1"],
    ["TTM", "LTM2026Q1"],
    ["LTM-1", "2025FY"],
    ["LTM - 2", "LTM2025Q3"],
  ])("%s is %s", (typed, id) => {
    expect(read(typed)).toBe(id);
  });

  test("a year typed as a number is an Excel date, as Excel holds it, and refused as one", () => {
    expect(() => parsePeriod(2025, LATEST)).toThrow(/read as an Excel date is 1905-07-17/);
    expect(read(46112)).toBe("2026-03-31");
    expect(read("46112")).toBe("2026-03-31");
  });

  test("quarters and dates read as before", () => {
    expect(read("2026Q1")).toBe("2026Q1");
    expect(read("1Q26")).toBe("2026Q1");
    expect(read("Mar 31, 2026")).toBe("2026-03-31");
  });

  test("a span's id reads back, names its quarters, and reads as analysts write it", () => {
    for (const id of ["2025FY", "2026H1", "2025H2", "2025M9", "LTM2026Q1", "2026Q1M6", "2026Q1M9"])
      expect(spanId(parseSpanId(id)!)).toBe(id);
    expect(quartersOf(parseSpanId("LTM2026Q1")!).map((q) => `${q.year}Q${q.quarter}`)).toEqual([
      "2025Q2",
      "2025Q3",
      "2025Q4",
      "2026Q1",
    ]);
    expect(spanName(parseSpanId("2025FY")!)).toBe("FY2025");
    expect(spanName(parseSpanId("2026H1")!)).toBe("H1 2026");
    expect(spanName(parseSpanId("2025M9")!)).toBe("9M 2025");
    expect(spanName(parseSpanId("LTM2026Q1")!)).toBe("LTM to 2026Q1");
    expect(parseSpanId("2026Q1")).toBeUndefined();
    expect(parseSpanId("2026-03-31")).toBeUndefined();
  });

  test("not a span: a year out of range, a half that does not exist", () => {
    expect(() => parsePeriod("1905", LATEST)).toThrow(/Excel date/);
    expect(() => parsePeriod("H3 2026", LATEST)).toThrow(
      /Unknown period "H3 2026"; expected .*FY2025, H1 2026, 9M 2025, LTM/
    );
  });
});

test("a span by the id the dataset and KC.PERIODS use is read too", () => {
  const latest = { year: 2026, quarter: 4 } as const;
  for (const [id, quarters, end] of [
    ["2025FY", 4, "2025Q4"],
    ["2026H1", 2, "2026Q2"],
    ["2025M9", 3, "2025Q3"],
    ["LTM2026Q1", 4, "2026Q1"],
  ] as const) {
    const r = parsePeriod(id, latest);
    expect(r.kind === "span" && [spanId(r.span), r.span.quarters, quarterId(r.span.end)]).toEqual([
      id,
      quarters,
      end,
    ]);
  }
});
