import fc from "fast-check";
import { KcError } from "../../../src/domain/errors";
import {
  Quarter,
  describe as describeArgument,
  excelSerialToIso,
  isoDate,
  lastDayOfMonth,
  parsePeriod,
  parseQuarterId,
  printedDate,
  quarterEnd,
  quarterEndingOn,
  quarterId,
  quarterIndex,
  shiftQuarter,
} from "../../../src/domain/periods";
import { thrown } from "../../helpers/thrown";

/** Calendar quarters and dates, and every spelling of a period argument. */

const LATEST: Quarter = { year: 2026, quarter: 1 };
const q = (year: number, quarter: Quarter["quarter"]): Quarter => ({ year, quarter });

/** The message parsePeriod refuses the input with (always #VALUE!). */
function refusal(input: unknown): string {
  const e = thrown(KcError, () => parsePeriod(input, LATEST));
  expect(e.code).toBe("#VALUE!");
  return e.message;
}

const EXAMPLES =
  "e.g. 2026Q1, Q1 2026, 1Q26, 2026-03-31, an Excel date, LQ or LQ-1, FY2025, H1 2026, 9M 2025, LTM";

describe("quarters", () => {
  test("an id is the year and the quarter, and reads back", () => {
    expect(quarterId(q(2026, 1))).toBe("2026Q1");
    expect(parseQuarterId("2025Q4")).toEqual(q(2025, 4));
    // Only the canonical form: the dataset's ids, not what analysts type.
    for (const id of ["2026Q5", "2026Q0", "2026q1", " 2026Q1", "26Q1", "Q1 2026", "2026-03-31"])
      expect(parseQuarterId(id)).toBeUndefined();
  });

  test("a quarter ends on the last day of its third month", () => {
    expect(quarterEnd(q(2026, 1))).toBe("2026-03-31");
    expect(quarterEnd(q(2025, 2))).toBe("2025-06-30");
    expect(quarterEnd(q(2025, 3))).toBe("2025-09-30");
    expect(quarterEnd(q(2025, 4))).toBe("2025-12-31");
  });

  test("only a quarter's last day ends it", () => {
    expect(quarterEndingOn("2026-03-31")).toEqual(q(2026, 1));
    expect(quarterEndingOn("2025-12-31")).toEqual(q(2025, 4));
    expect(quarterEndingOn("2026-03-30")).toBeUndefined();
    expect(quarterEndingOn("2026-02-28")).toBeUndefined();
    expect(quarterEndingOn("2026-04-30")).toBeUndefined();
  });

  test("shifting counts calendar quarters, across years either way", () => {
    expect(shiftQuarter(q(2026, 1), -1)).toEqual(q(2025, 4));
    expect(shiftQuarter(q(2026, 1), -4)).toEqual(q(2025, 1));
    expect(shiftQuarter(q(2026, 1), 3)).toEqual(q(2026, 4));
    expect(shiftQuarter(q(2026, 4), 1)).toEqual(q(2027, 1));
    expect(shiftQuarter(q(2026, 1), 0)).toEqual(q(2026, 1));
  });

  test("a shift moves the quarter's index by exactly as much, and quarterEnd ends it", () => {
    const quarter = fc.record({
      year: fc.integer({ min: 1900, max: 9000 }),
      quarter: fc.constantFrom<Quarter["quarter"]>(1, 2, 3, 4),
    });
    fc.assert(
      fc.property(quarter, fc.integer({ min: -400, max: 400 }), (start, by) => {
        const shifted = shiftQuarter(start, by);
        return (
          quarterIndex(shifted) === quarterIndex(start) + by &&
          parseQuarterId(quarterId(shifted))?.quarter === shifted.quarter &&
          quarterIndex(quarterEndingOn(quarterEnd(shifted)) as Quarter) === quarterIndex(shifted)
        );
      })
    );
  });
});

describe("dates", () => {
  test("ISO dates are padded to four, two and two digits", () => {
    expect(isoDate(2026, 3, 31)).toBe("2026-03-31");
    expect(isoDate(990, 1, 2)).toBe("0990-01-02");
  });

  test("the last day of a month knows leap years, 1900 and 2000 included", () => {
    expect(lastDayOfMonth(2024, 2)).toBe(29);
    expect(lastDayOfMonth(2026, 2)).toBe(28);
    expect(lastDayOfMonth(1900, 2)).toBe(28);
    expect(lastDayOfMonth(2000, 2)).toBe(29);
    expect(lastDayOfMonth(2026, 4)).toBe(30);
    expect(lastDayOfMonth(2026, 12)).toBe(31);
  });

  test("a date prints as the release's column headers print it", () => {
    expect(printedDate("2026-03-31")).toBe("Mar 31, 2026");
    expect(printedDate("2025-12-01")).toBe("Dec 1, 2025");
  });

  test("Excel serials count from 1900-01-01, with Excel's 29 February 1900", () => {
    expect(excelSerialToIso(1)).toBe("1900-01-01");
    expect(excelSerialToIso(59)).toBe("1900-02-28");
    expect(excelSerialToIso(60)).toBe("1900-02-29");
    expect(excelSerialToIso(61)).toBe("1900-03-01");
    expect(excelSerialToIso(46022)).toBe("2025-12-31");
    expect(excelSerialToIso(46112)).toBe("2026-03-31");
    // A time of day is the same day.
    expect(excelSerialToIso(46112.99)).toBe("2026-03-31");
    expect(excelSerialToIso(2958465)).toBe("9999-12-31");
  });
});

describe("parsePeriod", () => {
  /** A quarter's id, "date ..." for a date; spans are periods.spans.test.ts's. */
  const quarter = (input: unknown) => {
    const r = parsePeriod(input, LATEST);
    return r.kind === "quarter"
      ? quarterId(r.quarter)
      : r.kind === "date"
        ? `date ${r.date}`
        : r.kind;
  };

  test("an omitted period is the latest quarter, typed as LQ", () => {
    for (const empty of [undefined, null, ""])
      expect(parsePeriod(empty, LATEST)).toEqual({ kind: "quarter", quarter: LATEST, typed: "LQ" });
  });

  test.each([
    ["LQ", "2026Q1"],
    ["lq", "2026Q1"],
    ["LQ-0", "2026Q1"],
    ["LQ-1", "2025Q4"],
    ["LQ - 4", "2025Q1"],
    ["LQ+1", "2026Q2"],
    ["LQ-999", "1776Q2"],
  ])("%p counts quarters from the latest: %s", (typed, expected) => {
    expect(quarter(typed)).toBe(expected);
  });

  test.each([
    "2026Q1",
    "2026q1",
    "2026 Q1",
    "2026-Q1",
    "2026 - Q1",
    "2026-1Q",
    "FY2026 1Q",
    "Q1 2026",
    "q1 2026",
    "Q1-2026",
    "Q1'26",
    "Q1 26",
    "Q1-26",
    "1Q26",
    "1Q 2026",
    "1Q-26",
    "  2026Q1  ",
  ])("%p is the quarter 2026Q1", (typed) => {
    expect(quarter(typed)).toBe("2026Q1");
  });

  test("two-digit years are of this century", () => {
    expect(quarter("Q4 99")).toBe("2099Q4");
    expect(quarter("4Q00")).toBe("2000Q4");
  });

  test("the typed text is kept, trimmed, for messages", () => {
    expect(parsePeriod("  q1 2026 ", LATEST)).toEqual({
      kind: "quarter",
      quarter: q(2026, 1),
      typed: "q1 2026",
    });
    expect(parsePeriod("lq-1", LATEST)).toMatchObject({ typed: "lq-1" });
  });

  test.each([
    "2026-03-31",
    "2026-3-31",
    "2026/03/31",
    "Mar 31, 2026",
    "Mar. 31, 2026",
    "MARCH 31 2026",
    "march 31, 2026",
    "31-Mar-2026",
    "31 March 2026",
    46112,
    46112.5,
    "46112",
  ])("%p is the date 2026-03-31", (typed) => {
    expect(quarter(typed)).toBe("date 2026-03-31");
  });

  test("September may be Sept", () => {
    expect(quarter("Sept 30, 2025")).toBe("date 2025-09-30");
    expect(quarter("Sep 30, 2025")).toBe("date 2025-09-30");
  });

  test("a number is an Excel date, typed as the number", () => {
    expect(parsePeriod(46022, LATEST)).toEqual({
      kind: "date",
      date: "2025-12-31",
      typed: "46022",
    });
  });

  test.each([
    ["2026Q5", 'Unknown period "2026Q5"'],
    ["next quarter", 'Unknown period "next quarter"'],
    ["Q1 202", 'Unknown period "Q1 202"'],
    ["LQ-1000", 'Unknown period "LQ-1000"'],
    ["31-Mar-26", 'Unknown period "31-Mar-26"'],
    // A word that merely begins like a month is none.
    ["Marc 31, 2026", 'Unknown period "Marc 31, 2026"'],
    ["Mayday 1, 2026", 'Unknown period "Mayday 1, 2026"'],
  ])("%p is no period", (typed, message) => {
    expect(refusal(typed)).toBe(`${message}; expected ${EXAMPLES}`);
  });

  test("text longer than any period is refused unread, and quoted short past 60 characters", () => {
    const long = `2026Q1${" of the year".repeat(5)}`;
    expect(long).toHaveLength(66);
    expect(refusal(long)).toBe(
      `Unknown period "${long.slice(0, 40)}…" (66 characters); expected ${EXAMPLES}`
    );
    const padded = `Q1${" ".repeat(40)}2026`;
    expect(refusal(padded)).toBe(`Unknown period "${padded}"; expected ${EXAMPLES}`);
  });

  test("a day that is not in the calendar", () => {
    expect(refusal("2026-02-30")).toBe(
      `Period "2026-02-30" is not a calendar date; expected ${EXAMPLES}`
    );
    expect(refusal("2026-13-01")).toBe(
      `Period "2026-13-01" is not a calendar date; expected ${EXAMPLES}`
    );
    expect(refusal("Feb 29, 2026")).toBe(
      `Period "Feb 29, 2026" is not a calendar date; expected ${EXAMPLES}`
    );
    expect(quarter("Feb 29, 2024")).toBe("date 2024-02-29");
  });

  test("a number out of Excel's dates", () => {
    for (const n of [0, -5, 0.5, 2958466, Infinity, NaN])
      expect(refusal(n)).toBe(`Period ${n} is not a valid Excel date; expected ${EXAMPLES}`);
    expect(refusal("0")).toBe(`Period 0 is not a valid Excel date; expected ${EXAMPLES}`);
  });

  test("a date before 1990 is almost always a year typed as a number", () => {
    expect(refusal(2026)).toBe(
      `Period 2026 read as an Excel date is 1905-07-18; to ask for a quarter type it as text, ${EXAMPLES}`
    );
    // Typed as text, a year is the fiscal year (periods.spans.test.ts).
    expect(quarter("2026")).toBe("span");
    expect(quarter(32874)).toBe("date 1990-01-01");
    expect(refusal(32873)).toContain("is 1989-12-31");
    // Typed as text, an early date is meant as one.
    expect(quarter("1989-12-31")).toBe("date 1989-12-31");
  });

  test("what is neither text nor a number says what it is", () => {
    expect(refusal(true)).toBe(
      `Period must be text or a date, not the logical value TRUE; expected ${EXAMPLES}`
    );
    expect(refusal([["2026Q1", "2025Q4"]])).toContain(
      "not a range of 2 cells (one value is expected: one call per value, filled down or across)"
    );
    expect(refusal({})).toContain("not an error value");
  });
});

test("describe names an argument by its type, and text by a short quote", () => {
  expect(describeArgument(undefined)).toBe("an empty cell");
  expect(describeArgument(null)).toBe("an empty cell");
  expect(describeArgument(false)).toBe("the logical value FALSE");
  expect(describeArgument(-0.08)).toBe("the number -0.08");
  expect(describeArgument("LQ")).toBe('"LQ"');
  expect(describeArgument([["a"]])).toBe(
    "a range of 1 cell (one value is expected: one call per value, filled down or across)"
  );
  expect(
    describeArgument([
      [1, 2, 3],
      [4, 5, 6],
    ])
  ).toMatch(/^a range of 6 cells/);
  // A flat list counts its values.
  expect(describeArgument([1, 2])).toMatch(/^a range of 2 cells/);
  expect(describeArgument(new Error("#REF!"))).toBe("an error value");
});
