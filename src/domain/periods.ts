import { KcError } from "./errors";
import { quote } from "./text";

/**
 * Calendar quarters, spans of quarters and dates, and every way an analyst may spell one:
 * "2026Q1", "Q1 2026", "1Q26", "Q1-26", "2026-03-31", an Excel date serial, relative "LQ",
 * "LQ-1", "LQ-4"; a fiscal year "FY2025", "FY25", "2025" (as text: a number is an Excel date);
 * a half "H1 2026", "2H25"; nine months "9M 2025"; the last twelve months "LTM", "LTM-1".
 * Kingsoft Cloud's fiscal year is the calendar year.
 */

export interface Quarter {
  year: number;
  quarter: 1 | 2 | 3 | 4;
}

export type PeriodRequest =
  | { kind: "quarter"; quarter: Quarter; typed: string }
  | { kind: "date"; date: string; typed: string }
  | { kind: "span"; span: Span; typed: string };

/** Consecutive quarters ending with `end`: a half (2), nine months (3), a year or LTM (4). */
export interface Span {
  end: Quarter;
  quarters: 2 | 3 | 4;
}

/**
 * A span's period id: "2025FY", "2026H1", "2025H2", "2025M9" where it is one the company prints;
 * four quarters ending elsewhere (the last twelve months) "LTM2026Q1".
 */
export function spanId(s: Span): string {
  const { year, quarter } = s.end;
  if (s.quarters === 4) return quarter === 4 ? `${year}FY` : `LTM${quarterId(s.end)}`;
  if (s.quarters === 3) return quarter === 3 ? `${year}M9` : `${quarterId(s.end)}M9`;
  return quarter === 2 ? `${year}H1` : quarter === 4 ? `${year}H2` : `${quarterId(s.end)}M6`;
}

export function parseSpanId(id: string): Span | undefined {
  let m: RegExpExecArray | null;
  if ((m = /^(\d{4})(FY|H1|H2|M9)$/.exec(id))) {
    const year = Number(m[1]);
    const [quarter, quarters] = ({ FY: [4, 4], H1: [2, 2], H2: [4, 2], M9: [3, 3] } as const)[
      m[2] as "FY" | "H1" | "H2" | "M9"
    ];
    return { end: { year, quarter }, quarters };
  }
  if ((m = /^LTM(\d{4}Q[1-4])$/.exec(id)))
    return { end: parseQuarterId(m[1]) as Quarter, quarters: 4 };
  if ((m = /^(\d{4}Q[1-4])M([69])$/.exec(id)))
    return { end: parseQuarterId(m[1]) as Quarter, quarters: m[2] === "6" ? 2 : 3 };
  return undefined;
}

/** The quarters of a span, oldest first. */
export function quartersOf(s: Span): Quarter[] {
  return Array.from({ length: s.quarters }, (_, k) => shiftQuarter(s.end, k - s.quarters + 1));
}

/** How a span reads in a message or a header: "FY2025", "H1 2026", "9M 2025", "LTM to 2026Q1". */
export function spanName(s: Span): string {
  const id = spanId(s);
  if (id.endsWith("FY")) return `FY${s.end.year}`;
  if (/H[12]$/.test(id)) return `${id.slice(4)} ${s.end.year}`;
  if (/^\d{4}M9$/.test(id)) return `9M ${s.end.year}`;
  return `${s.quarters === 4 ? "LTM" : `${s.quarters * 3}M`} to ${quarterId(s.end)}`;
}

export function quarterId(q: Quarter): string {
  return `${q.year}Q${q.quarter}`;
}

export function parseQuarterId(id: string): Quarter | undefined {
  const m = /^(\d{4})Q([1-4])$/.exec(id);
  return m ? { year: Number(m[1]), quarter: Number(m[2]) as Quarter["quarter"] } : undefined;
}

export function quarterEnd(q: Quarter): string {
  const month = q.quarter * 3;
  return isoDate(q.year, month, lastDayOfMonth(q.year, month));
}

/** The quarter that ends on this date, if it is a quarter end. */
export function quarterEndingOn(iso: string): Quarter | undefined {
  const [y, m, d] = iso.split("-").map(Number);
  if (m % 3 !== 0 || d !== lastDayOfMonth(y, m)) return undefined;
  return { year: y, quarter: (m / 3) as Quarter["quarter"] };
}

export function shiftQuarter(q: Quarter, by: number): Quarter {
  const index = q.year * 4 + (q.quarter - 1) + by;
  return { year: Math.floor(index / 4), quarter: ((index % 4) + 1) as Quarter["quarter"] };
}

export function quarterIndex(q: Quarter): number {
  return q.year * 4 + (q.quarter - 1);
}

export function isoDate(y: number, m: number, d: number): string {
  return `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

export function lastDayOfMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Months as the release abbreviates them in its column headers. */
export const MONTH_ABBREVIATIONS = [
  "Jan",
  "Feb",
  "Mar",
  "Apr",
  "May",
  "Jun",
  "Jul",
  "Aug",
  "Sep",
  "Oct",
  "Nov",
  "Dec",
];

/** "Mar 31, 2026" for 2026-03-31, as the release prints a date. */
export function printedDate(iso: string): string {
  const [year, month, day] = iso.split("-").map(Number);
  return `${MONTH_ABBREVIATIONS[month - 1]} ${day}, ${year}`;
}

/** Month names as whole words: full, three letters, or "Sept"; a word that merely begins like one is none. */
const MONTHS = new Map<string, number>(
  [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
  ].flatMap((name, k) => [
    [name, k + 1],
    [name.slice(0, 3), k + 1],
  ])
);
MONTHS.set("sept", 9);

const EXAMPLES = `e.g. 2026Q1, Q1 2026, 1Q26, 2026-03-31, an Excel date, LQ or LQ-1, FY2025, H1 2026, 9M 2025, LTM`;

/** No spelling of a period is longer than "September 30, 2026" with spaces to spare. */
const LONGEST_PERIOD = 40;

/**
 * An Excel date serial in Excel's 1900 date system: 1 is 1900-01-01, and 60 is 1900-02-29, a day
 * Excel counts (as Lotus 1-2-3 did) though 1900 was no leap year; from 61 on, day 0 is 1899-12-30.
 */
export function excelSerialToIso(serial: number): string {
  const day = Math.floor(serial);
  if (day === 60) return "1900-02-29";
  const ms = Date.UTC(1899, 11, day < 60 ? 31 : 30) + day * 86400000;
  const d = new Date(ms);
  return isoDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

/**
 * Reads a period argument. `latest` anchors "LQ"; an omitted period means the latest quarter.
 * Dates before 1990 are refused: they are almost always a year typed as a number.
 */
export function parsePeriod(input: unknown, latest: Quarter): PeriodRequest {
  if (input === undefined || input === null || input === "") {
    return { kind: "quarter", quarter: latest, typed: "LQ" };
  }
  if (typeof input === "number") {
    if (!Number.isFinite(input) || input < 1 || input > 2958465) {
      throw new KcError(
        "#VALUE!",
        `Period ${input} is not a valid Excel date; expected ${EXAMPLES}`
      );
    }
    const date = excelSerialToIso(input);
    if (date < "1990-01-01") {
      throw new KcError(
        "#VALUE!",
        `Period ${input} read as an Excel date is ${date}; to ask for a quarter type it as text, ${EXAMPLES}`
      );
    }
    return { kind: "date", date, typed: String(input) };
  }
  if (typeof input !== "string") {
    throw new KcError(
      "#VALUE!",
      `Period must be text or a date, not ${describe(input)}; expected ${EXAMPLES}`
    );
  }
  const typed = input.trim();
  if (typed.length > LONGEST_PERIOD)
    throw new KcError("#VALUE!", `Unknown period ${quote(typed)}; expected ${EXAMPLES}`);
  const t = typed.toUpperCase().replace(/\s+/g, " ");
  let m: RegExpExecArray | null;
  if ((m = /^LQ(?:\s*([+-])\s*(\d{1,3}))?$/.exec(t))) {
    const by = m[1] ? Number(m[2]) * (m[1] === "-" ? -1 : 1) : 0;
    return { kind: "quarter", quarter: shiftQuarter(latest, by), typed };
  }
  if ((m = /^(?:LTM|TTM)(?:\s*-\s*(\d{1,3}))?$/.exec(t))) {
    const end = shiftQuarter(latest, -Number(m[1] ?? 0));
    return { kind: "span", span: { end, quarters: 4 }, typed };
  }
  // A span by the id the dataset and KC.PERIODS use ("2025FY", "2025M9", "LTM2026Q1") too.
  const span = spanOf(t) ?? parseSpanId(t);
  if (span) return { kind: "span", span, typed };
  if (
    (m = /^(\d{4})\s*[-\s]?\s*Q([1-4])$/.exec(t)) ||
    (m = /^(?:FY)?(\d{4})[-\s]?([1-4])Q$/.exec(t))
  ) {
    return quarter(Number(m[1]), Number(m[2]), typed);
  }
  if (
    (m = /^Q([1-4])\s*[-\s']?\s*(\d{4}|\d{2})$/.exec(t)) ||
    (m = /^([1-4])Q\s*[-\s']?\s*(\d{4}|\d{2})$/.exec(t))
  ) {
    return quarter(fullYear(m[2]), Number(m[1]), typed);
  }
  if (
    (m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t)) ||
    (m = /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/.exec(t))
  ) {
    return date(Number(m[1]), Number(m[2]), Number(m[3]), typed);
  }
  if ((m = /^([A-Z]+)\.? (\d{1,2}),? (\d{4})$/.exec(t)) && MONTHS.has(m[1].toLowerCase())) {
    return date(Number(m[3]), MONTHS.get(m[1].toLowerCase()) as number, Number(m[2]), typed);
  }
  if ((m = /^(\d{1,2})[- ]([A-Z]+)[- ](\d{4})$/.exec(t)) && MONTHS.has(m[2].toLowerCase())) {
    return date(Number(m[3]), MONTHS.get(m[2].toLowerCase()) as number, Number(m[1]), typed);
  }
  if (/^\d+(\.\d+)?$/.test(t)) {
    return parsePeriod(Number(t), latest);
  }
  throw new KcError("#VALUE!", `Unknown period ${quote(typed)}; expected ${EXAMPLES}`);
}

/**
 * A span as typed: a fiscal year ("FY2025", "FY 25", "2025"), a half ("H1 2026", "1H26",
 * "2026H1"), or six, nine or twelve months ("9M 2025", "9M25", "6M 2026", "12M 2025").
 */
function spanOf(t: string): Span | undefined {
  let m: RegExpExecArray | null;
  if ((m = /^(?:FY\s*'?(\d{4}|\d{2})|(\d{4}))$/.exec(t))) {
    const year = fullYear(m[1] ?? m[2]);
    if (m[2] && (year < 1990 || year > 2099)) return undefined;
    return { end: { year, quarter: 4 }, quarters: 4 };
  }
  if (
    (m = /^([12])H\s*[-\s']?\s*(\d{4}|\d{2})$/.exec(t)) ||
    (m = /^H([12])\s*[-\s']?\s*(\d{4}|\d{2})$/.exec(t))
  ) {
    return { end: { year: fullYear(m[2]), quarter: m[1] === "1" ? 2 : 4 }, quarters: 2 };
  }
  if ((m = /^(\d{4})\s*[-\s]?\s*H([12])$/.exec(t)))
    return { end: { year: Number(m[1]), quarter: m[2] === "1" ? 2 : 4 }, quarters: 2 };
  if ((m = /^(6|9|12)M\s*[-\s']?\s*(\d{4}|\d{2})$/.exec(t))) {
    const months = Number(m[1]);
    return {
      end: { year: fullYear(m[2]), quarter: (months / 3) as Quarter["quarter"] },
      quarters: (months / 3) as Span["quarters"],
    };
  }
  return undefined;
}

function quarter(year: number, q: number, typed: string): PeriodRequest {
  return { kind: "quarter", quarter: { year, quarter: q as Quarter["quarter"] }, typed };
}

function date(y: number, m: number, d: number, typed: string): PeriodRequest {
  if (m < 1 || m > 12 || d < 1 || d > lastDayOfMonth(y, m)) {
    throw new KcError(
      "#VALUE!",
      `Period ${quote(typed)} is not a calendar date; expected ${EXAMPLES}`
    );
  }
  return { kind: "date", date: isoDate(y, m, d), typed };
}

function fullYear(text: string): number {
  return text.length === 2 ? 2000 + Number(text) : Number(text);
}

/** An argument as a message names it: its type, and a short quote of text. */
export function describe(value: unknown): string {
  if (value === null || value === undefined) return "an empty cell";
  if (typeof value === "boolean") return `the logical value ${value ? "TRUE" : "FALSE"}`;
  if (Array.isArray(value)) {
    const cells = value.reduce((n: number, row) => n + (Array.isArray(row) ? row.length : 1), 0);
    return `a range of ${cells} cell${cells === 1 ? "" : "s"} (one value is expected: one call per value, filled down or across)`;
  }
  if (typeof value === "number") return `the number ${value}`;
  if (typeof value === "string") return quote(value);
  return "an error value";
}
