import type { Currency } from "../../domain/dataset";
import { MONTH_ABBREVIATIONS, printedDate } from "../../domain/periods";
import { IngestError } from "./errors";
import { Block, Cell, TableRegion, clip } from "./layout";
import { PrintedFigure, parseFigure, readsAsFigure } from "./numbers";

/** A table read from its layout: columns from the split header rows, rows with their sections. */
export interface ParsedTable {
  title: string;
  note: string;
  line: number;
  columns: ParsedColumn[];
  rows: ParsedRow[];
}

export interface ParsedColumn {
  header: string;
  /** ISO date the column ends at. */
  end: string;
  /**
   * The quarters the column covers: 1 for "Three Months Ended", 2, 3 and 4 for "Six", "Nine" and
   * "Twelve Months Ended", 0 for a balance sheet date.
   */
  quarters: ColumnQuarters;
  currency: Currency | null;
  /** Lines of the column's date, year and currency cells (for messages). */
  line: number;
  yearLine: number;
  currencyLine: number | null;
}

export interface ParsedRow {
  /** Label without a list dash, wrapped parts joined. */
  label: string;
  /** Label as printed (with its list dash, if any). */
  printed: string;
  /** The row is an item of a dashed list ("– Interest income"). */
  dashed: boolean;
  section: string | null;
  heading: string | null;
  line: number;
  /** Lines the label is printed on: more than one where a label wraps (or a stray line joined it). */
  labelLines: number[];
  figures: RowFigure[];
}

export interface RowFigure extends PrintedFigure {
  line: number;
}

const DATE_CELL = /^(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.? (\d{1,2}),?$/;
const YEAR_CELL = /^(19|20)\d{2}$/;
const SPAN_CELL = /^(Three|Six|Nine|Twelve) Months Ended$/i;
const QUARTERS_OF_SPAN: Record<string, ColumnQuarters> = { three: 1, six: 2, nine: 3, twelve: 4 };

export type ColumnQuarters = 0 | 1 | 2 | 3 | 4;
const LIST_DASH = /^[–—-]\s+/;

export function parseTable(region: TableRegion): ParsedTable {
  const { title, note } = splitHeading(region);
  const headerBlocks: Block[] = [];
  let i = 0;
  while (i < region.blocks.length && region.blocks[i].cells[0]?.text === "") {
    headerBlocks.push(region.blocks[i]);
    i++;
  }
  const columns = parseColumns(headerBlocks, region.line, title);
  const rows = parseRows(region.blocks.slice(i), columns, title);
  if (rows.length === 0) {
    throw new IngestError(region.line, `table "${title}" has no rows with figures`);
  }
  return { title, note, line: region.line, columns, rows };
}

function splitHeading(region: TableRegion): { title: string; note: string } {
  const m = /\((All amounts[^)]*)\)/i.exec(region.heading);
  const note = m ? m[0] : "";
  const title = region.heading.replace(note, "").replace(/\s+/g, " ").trim();
  // A title runs to a line or two; pages of text after the company name are not a table's.
  if (title.length > 300)
    throw new IngestError(
      region.line,
      `${title.length} characters of text follow "${clip(title, 40)}" before a table; a table has a title of a line or two after the company name`
    );
  if (!title) {
    throw new IngestError(region.line, "a table has no title after the company name");
  }
  return { title, note };
}

function parseColumns(blocks: Block[], tableLine: number, title: string): ParsedColumn[] {
  const spans: Cell[] = [];
  const dates: Cell[] = [];
  const years: Cell[] = [];
  const currencies: Cell[] = [];
  for (const block of blocks) {
    const cells = block.cells.filter((c) => c.text !== "");
    if (cells.every((c) => SPAN_CELL.test(c.text))) {
      spans.push(...cells);
    } else if (cells.every((c) => DATE_CELL.test(c.text))) {
      dates.push(...cells);
    } else if (cells.every((c) => YEAR_CELL.test(c.text))) {
      years.push(...cells);
    } else if (cells.every((c) => currencyOf(c.text) !== undefined)) {
      currencies.push(...cells);
    } else {
      const odd = cells.find(
        (c) =>
          !SPAN_CELL.test(c.text) &&
          !DATE_CELL.test(c.text) &&
          !YEAR_CELL.test(c.text) &&
          currencyOf(c.text) === undefined
      );
      throw new IngestError(
        (odd ?? block.cells[0]).line,
        `unexpected header cell "${clip((odd ?? block.cells[0]).text)}" in "${title}"; header rows hold dates ("Mar 31,"), years ("2026") or currencies (RMB, US$)`
      );
    }
  }
  if (dates.length === 0) {
    throw new IngestError(tableLine, `table "${title}" has no date header row ("Mar 31," ...)`);
  }
  if (years.length !== dates.length) {
    throw new IngestError(
      (years[0] ?? dates[0]).line,
      `table "${title}" has ${dates.length} dates but ${years.length} years in its header; each column needs both`
    );
  }
  if (currencies.length !== 0 && currencies.length !== dates.length) {
    throw new IngestError(
      currencies[0].line,
      `table "${title}" has ${dates.length} date columns but ${currencies.length} currencies in its header`
    );
  }
  const ends = dates.map((d, k) => {
    const m = DATE_CELL.exec(d.text) as RegExpExecArray;
    const month = MONTH_ABBREVIATIONS.indexOf(m[1]) + 1;
    const day = Number(m[2]);
    const year = Number(years[k].text);
    if (day !== lastDayOfMonth(year, month)) {
      throw new IngestError(d.line, `column date ${d.text} ${year} is not a month end`);
    }
    return `${year}-${pad(month)}-${pad(day)}`;
  });
  const groups = spanGroups(spans, ends, dates, title);
  return dates.map((d, k) => {
    const span = groups[k];
    const quarters = span ? QUARTERS_OF_SPAN[span.text.split(" ")[0].toLowerCase()] : 0;
    const end = ends[k];
    if (quarters > 0 && Number(end.slice(5, 7)) % 3 !== 0) {
      throw new IngestError(
        d.line,
        `"${span?.text}" column ends ${d.text} ${years[k].text}, which is not a calendar quarter end`
      );
    }
    const currencyCell = currencies[k];
    const parts = [
      span ? spanHeader(span.text) : "",
      `${d.text.replace(/,$/, "")}, ${years[k].text}`,
      currencyCell?.text ?? "",
    ];
    return {
      header: parts.filter(Boolean).join(" "),
      end,
      quarters,
      currency: currencyCell ? (currencyOf(currencyCell.text) as Currency) : null,
      line: d.line,
      yearLine: years[k].line,
      currencyLine: currencyCell?.line ?? null,
    };
  });
}

/** "Twelve Months Ended" as the release capitalises it, however the cell is cased. */
function spanHeader(text: string): string {
  const [count] = text.split(" ");
  return `${count[0].toUpperCase()}${count.slice(1).toLowerCase()} Months Ended`;
}

/**
 * The span cell ("Three Months Ended", "Twelve Months Ended") over each date column. The release
 * prints either one such cell per column, or one per group of columns (centred over it): then a
 * group starts where the dates go back in time (the quarters end at the release quarter, and the
 * year's columns start again a year earlier), and there must be as many such runs as groups. No span
 * cell at all: the columns are balance sheet dates. A cell printed twice in a row ("Three Months
 * Ended" over each of two groups) is one group.
 */
function spanGroups(spans: Cell[], ends: string[], dates: Cell[], title: string): (Cell | null)[] {
  if (spans.length === 0) return ends.map(() => null);
  if (spans.length === ends.length) return spans;
  const groups = spans.filter((c, k) => k === 0 || !sameSpan(c, spans[k - 1]));
  // One group covers every column; whether their dates are right is the layout's check.
  if (groups.length === 1) return ends.map(() => groups[0]);
  const starts = ends.flatMap((e, k) => (k === 0 || e < ends[k - 1] ? [k] : []));
  if (starts.length !== groups.length) {
    throw new IngestError(
      spans[0].line,
      `the header of "${title}" prints ${spans.map((c) => `"${c.text}"`).join(", ")} over ${dates.length} date columns; cannot tell which columns each covers (expected one per column, or one per group of columns, each group's dates in order)`
    );
  }
  return ends.map((_, k) => groups[starts.filter((s) => s <= k).length - 1]);
}

function sameSpan(a: Cell, b: Cell): boolean {
  return a.text.toLowerCase() === b.text.toLowerCase();
}

/**
 * A column as a maintainer reads it: "Mar 31, 2026 US$" (the currency as printed, if any); a span
 * says so, "Twelve Months Ended Dec 31, 2025 RMB".
 */
export function columnName(end: string, currency: Currency | null, quarters = 1): string {
  const printed = currency === "USD" ? " US$" : currency ? ` ${currency}` : "";
  const span = quarters > 1 ? `${SPAN_WORDS[quarters]} Months Ended ` : "";
  return `${span}${printedDate(end)}${printed}`;
}

const SPAN_WORDS = ["", "Three", "Six", "Nine", "Twelve"];

function currencyOf(text: string): Currency | undefined {
  if (text === "RMB") return "RMB";
  if (text === "US$" || text === "USD") return "USD";
  return undefined;
}

interface OpenSection {
  name: string;
  /** Set by the first member: a dashed list ends at the first row without a dash. */
  dashed: boolean | null;
}

function parseRows(blocks: Block[], columns: ParsedColumn[], title: string): ParsedRow[] {
  const rows: ParsedRow[] = [];
  let heading: string | null = null;
  let headingOpen = false;
  let section: OpenSection | null = null;
  let prefix: Cell[] = [];
  for (const block of blocks) {
    const labelCell = block.cells[0];
    if (labelCell.text === "") {
      const next = block.cells.find((c) => c.text !== "") as Cell;
      throw new IngestError(
        labelCell.line,
        readsAsFigure(next.text)
          ? `a row in "${title}" has figures but no label`
          : `an empty cell stands before the label "${clip(next.text)}" in "${title}"; a row starts with its label`
      );
    }
    if (readsAsFigure(labelCell.text)) {
      throw new IngestError(
        labelCell.line,
        `"${labelCell.text}" stands where a row label belongs in "${title}"; a page number, or a figure cut off its row? Remove it or put it back in its row`
      );
    }
    const { figures, totalStyle } = readFigures(block.cells.slice(1), labelCell.text, title);
    if (figures.length === 0) {
      if (labelCell.text.endsWith(":")) {
        section = { name: labelCell.text.slice(0, -1).trim(), dashed: null };
        headingOpen = false;
      } else if (isHeading(labelCell.text)) {
        heading = headingOpen && heading ? `${heading} ${labelCell.text}` : labelCell.text;
        headingOpen = true;
        section = null;
      } else {
        prefix.push(labelCell);
      }
      continue;
    }
    headingOpen = false;
    if (figures.length !== columns.length) {
      throw new IngestError(
        block.line,
        `row "${clip(labelCell.text)}" in "${title}" has ${figures.length} figures; its header has ${columns.length} columns (${columns
          .map((c) => c.header)
          .join(" | ")})`
      );
    }
    const labelCells = [...prefix, labelCell];
    const printed = labelCells.map((c) => c.text).join(" ");
    prefix = [];
    const dashed = LIST_DASH.test(printed);
    const label = printed.replace(LIST_DASH, "");
    let member = section;
    if (section) {
      if (section.dashed === null) section.dashed = dashed;
      if (section.dashed && !dashed) member = null;
      else if (totalStyle && !/^Total\b/.test(label)) member = null;
    }
    rows.push({
      label,
      printed,
      dashed,
      section: member?.name ?? null,
      heading,
      line: labelCells[0].line,
      labelLines: labelCells.map((c) => c.line),
      figures,
    });
    if (!member || /^Total\b/.test(label)) section = null;
  }
  if (prefix.length) {
    throw new IngestError(
      prefix[0].line,
      `row "${clip(prefix[0].text)}" in "${title}" has no figures; the table looks truncated`
    );
  }
  return rows;
}

/**
 * Reads a row's figures: negatives split over two lines ("(1,651,671" then ")") are joined, and the
 * empty cells must be where the release puts them. Figures follow one another, or (totals) each
 * is followed by one empty cell; empty cells may trail. Any other empty cell is a stray one (a
 * doubled tab, an extra cell line) and is refused at its line, since it would otherwise read as
 * the other layout and move rows out of their section.
 */
function readFigures(
  cells: Cell[],
  label: string,
  title: string
): { figures: RowFigure[]; totalStyle: boolean } {
  const texts: Cell[] = [];
  for (let k = 0; k < cells.length; k++) {
    const c = cells[k];
    if (/^\(.*[^)]$/.test(c.text) && cells[k + 1]?.text === ")") {
      texts.push({ text: `${c.text})`, line: c.line });
      k++;
    } else {
      texts.push(c);
    }
  }
  const filled = texts.flatMap((c, k) => (c.text !== "" ? [k] : []));
  const n = filled.length;
  if (n === 0) return { figures: [], totalStyle: false };
  const inner = texts.slice(0, filled[n - 1]);
  const innerBlanks = inner.filter((c) => c.text === "").length;
  // The layout most of the cells follow; the first cell off it is the stray one.
  const totalStyle = innerBlanks > 0 && innerBlanks * 2 >= n - 1;
  const stray =
    texts[0].text === ""
      ? texts[0]
      : inner.find((c, k) => (c.text === "") !== (totalStyle && k % 2 === 1));
  if (stray) {
    throw new IngestError(
      stray.line,
      `${stray.text === "" ? "an empty cell" : `a missing empty cell before "${stray.text}"`} among the figures of "${clip(label)}" in "${title}"; a row's figures follow one another, or in a total each is followed by one empty cell`
    );
  }
  const figures = filled.map((k) => ({
    ...parseFigure(texts[k].text, texts[k].line),
    line: texts[k].line,
  }));
  return { figures, totalStyle };
}

function isHeading(text: string): boolean {
  return /[A-Z]/.test(text) && text === text.toUpperCase();
}

function pad(n: number): string {
  return String(n).padStart(2, "0");
}

function lastDayOfMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}
