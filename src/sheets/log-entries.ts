import type { Fact } from "../domain/dataset";
import { shortPeriod } from "./columns";

/**
 * The KC Log tab as plain data: what the add-in did to a workbook (a release added, the model
 * inserted or refreshed, a restatement accepted, data stored), one row each, for the analyst's
 * audit trail, which travels with the file. The rows are values only, never formulas: labels and
 * file names come from pasted releases and the analyst's disk, which are hostile input, so every
 * text is written as Excel's own text (see `cellValue`). Times are text too: ISO 8601 in UTC,
 * which sorts as time runs, and the analyst's wall clock with its offset. (A date serial would
 * read four years off in a workbook on the 1904 date system, and a log must not mislead.)
 */

export type LogAction =
  "release added" | "model inserted" | "model refreshed" | "restatement accepted" | "data stored";

/** Where the figures came from. */
export type LogSource =
  | { kind: "bundled"; dataset: string }
  | { kind: "workbook"; dataset: string }
  | { kind: "pasted HTML" }
  | { kind: "pasted text" }
  | { kind: "file"; name: string };

/**
 * A figure the workbook held and the one a later release prints for the same item and period
 * (as `kc ingest` and the pane's review find them: data/ingest/merge.ts `Restatement`).
 */
export interface LoggedRestatement {
  held: Fact;
  now: Fact;
}

export interface LogEntry {
  /** When the action was taken (the moment the analyst accepted it). */
  at: Date;
  action: LogAction;
  /** The releases it concerns, as the dataset names them ("2026Q2"). */
  releases: readonly string[];
  source: LogSource;
  /** What changed, in a line: "2Q26 added: 412 figures, 3 restatements accepted". */
  summary: string;
  /** Each becomes a row of its own ("restatement accepted") under the entry's row. */
  restatements?: readonly LoggedRestatement[];
}

/** A cell of the log: text is always text, whatever it looks like; figures are numbers. */
export type LogCell = { text: string } | { number: number } | null;

/** The log's columns, left to right; the mark of the tab records their keys. */
export const LOG_COLUMNS = [
  { key: "utc", header: "Time (UTC)", width: 22 },
  { key: "local", header: "Local time", width: 28 },
  { key: "what", header: "What", width: 20 },
  { key: "releases", header: "Release(s)", width: 14 },
  { key: "from", header: "From", width: 34 },
  { key: "changed", header: "What changed", width: 60 },
  { key: "item", header: "Item", width: 40 },
  { key: "period", header: "Period", width: 12 },
  { key: "held", header: "Figure held", width: 14 },
  { key: "heldFrom", header: "Held from", width: 24 },
  { key: "new", header: "New figure", width: 14 },
  { key: "newFrom", header: "New line", width: 24 },
  // Never written by the add-in: the analyst's column.
  { key: "notes", header: "Your notes", width: 40 },
] as const;

export type LogColumnKey = (typeof LOG_COLUMNS)[number]["key"];

export const LOG_TAB_NAME = "KC Log";

export function logHeader(): LogCell[] {
  return LOG_COLUMNS.map((c) => ({ text: c.header }));
}

/** "+08:00" for 480 minutes east of UTC. */
function offsetText(minutes: number): string {
  const sign = minutes < 0 ? "-" : "+";
  const m = Math.abs(minutes);
  return `${sign}${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;
}

/** ISO 8601 to the second, in UTC: "2026-05-20T08:31:02Z". */
export function utcText(at: Date): string {
  return `${at.toISOString().slice(0, 19)}Z`;
}

/**
 * The wall-clock time where the analyst is, with its offset, so a colleague elsewhere reads it
 * right: "2026-05-20 16:31:02 (UTC+08:00)". `offsetMinutes` is east of UTC (the negative of
 * `Date.getTimezoneOffset()`).
 */
export function localText(at: Date, offsetMinutes: number): string {
  const shifted = new Date(at.getTime() + offsetMinutes * 60000).toISOString();
  return `${shifted.slice(0, 10)} ${shifted.slice(11, 19)} (UTC${offsetText(offsetMinutes)})`;
}

/** The analyst's offset from UTC at that moment (it changes with daylight saving time). */
export function localOffset(at: Date): number {
  return -at.getTimezoneOffset();
}

export function sourceText(source: LogSource): string {
  switch (source.kind) {
    case "bundled":
      return `bundled with the add-in, dataset ${source.dataset}`;
    case "workbook":
      return `the releases stored in the workbook, dataset ${source.dataset}`;
    case "file":
      return `file ${source.name}`;
    default:
      return source.kind;
  }
}

function releasesText(releases: readonly string[]): string {
  return releases.map(shortPeriod).join(", ");
}

/** "412 figures" / "1 figure". */
function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}

/** The summary of a release added: "2Q26 added: 412 figures, 3 restatements accepted". */
export function releaseSummary(release: string, figures: number, restatements: number): string {
  return `${shortPeriod(release)} added: ${count(figures, "figure")}${
    restatements ? `, ${count(restatements, "restatement")} accepted` : ""
  }`;
}

/** A figure as the number it is (its decimal string is what the release printed, signed). */
function figureOf(f: Fact): LogCell {
  return { number: Number(f.value) };
}

function lineOf(f: Fact): string {
  return `release ${shortPeriod(f.prov.release)}, line ${f.prov.line}`;
}

function row(values: Partial<Record<LogColumnKey, LogCell>>): LogCell[] {
  return LOG_COLUMNS.map((c) => values[c.key] ?? null);
}

/**
 * The rows an entry becomes: its own, then one per restatement accepted with it (item, period,
 * the figure held and its release, the new figure and its line).
 */
export function logRows(
  entries: readonly LogEntry[],
  offsetOf: (at: Date) => number = localOffset
): LogCell[][] {
  return entries.flatMap((e) => {
    const when = {
      utc: { text: utcText(e.at) },
      local: { text: localText(e.at, offsetOf(e.at)) },
    };
    const from = { text: sourceText(e.source) };
    const head = row({
      ...when,
      what: { text: e.action },
      releases: { text: releasesText(e.releases) },
      from,
      changed: { text: e.summary },
    });
    const restated = (e.restatements ?? []).map(({ held, now }) =>
      row({
        ...when,
        what: { text: "restatement accepted" },
        releases: { text: releasesText([now.prov.release]) },
        from,
        changed: {
          text: `${held.prov.printed} (${shortPeriod(held.prov.release)}) restated as ${
            now.prov.printed
          } (${shortPeriod(now.prov.release)})`,
        },
        item: { text: held.prov.row },
        period: { text: held.currency ? `${held.period} ${held.currency}` : held.period },
        held: figureOf(held),
        heldFrom: { text: lineOf(held) },
        new: figureOf(now),
        newFrom: { text: lineOf(now) },
      })
    );
    return [head, ...restated];
  });
}

/**
 * What `Range.values` is given for a cell. Text goes behind a leading apostrophe, Excel's prefix
 * for "this is text": Excel places what follows it in the cell unchanged, where input starting
 * with =, + or - is read as a formula, and input that looks like a number, a date or TRUE is
 * converted ("Excel worksheet and expression evaluation",
 * https://learn.microsoft.com/office/client-developer/excel/excel-worksheet-and-expression-evaluation).
 * Every text, not only those that start with a sign: a release's "1,234" or a local time is
 * text and reads back as written. null leaves a cell alone (an empty text is nothing to write).
 * Not the "@" format as well: ASSUMED, Excel keeps the apostrophe of text written into a cell
 * formatted "@" as a character of the text; and a format would outlast undoing the write.
 */
export function cellValue(c: LogCell): string | number | null {
  if (c === null) return null;
  if ("number" in c) return c.number;
  return c.text === "" ? null : `'${c.text}`;
}
