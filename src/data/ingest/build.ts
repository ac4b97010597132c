import type {
  Dataset,
  Fact,
  Item,
  ItemKind,
  PeriodInfo,
  PrintedUnit,
  Sign,
  SourceInfo,
  TableInfo,
} from "../../domain/dataset";
import { decimalPlaces } from "../../domain/decimal";
import {
  Quarter,
  parseQuarterId,
  parseSpanId,
  quarterEnd,
  quarterEndingOn,
  quarterId,
  quarterIndex,
  shiftQuarter,
  spanId,
} from "../../domain/periods";
import { labelKey } from "../../domain/text";
import { IngestError } from "./errors";
import { sha256Hex } from "./sha256";
import { COMPANY_HEADING, splitLayout } from "./layout";
import type { ReleaseForm } from "./pieces";
import { ProseFigures, readProse } from "./prose";
import { ColumnLayout, RowId, TABLE_IDS, TableId, yearToDateColumns } from "./row-ids";
import {
  ColumnQuarters,
  ParsedColumn,
  ParsedRow,
  ParsedTable,
  RowFigure,
  columnName,
  parseTable,
} from "./tables";

/**
 * Reads one release, in any of its forms (the one named, else the one its text shows), into a
 * dataset holding exactly its figures (not yet validated or merged).
 */
export function readRelease(text: string, fileName: string, form?: ReleaseForm): Dataset {
  const layout = splitLayout(text, form);
  const parsed = layout.tables.map(parseTable);
  const release = releaseQuarter(parsed);
  const releaseId = quarterId(release);

  const tables: TableInfo[] = [];
  const items: Item[] = [];
  const facts: Fact[] = [];
  const seenTables = new Set<string>();
  for (const table of parsed) {
    const def = identify(table);
    if (seenTables.has(def.id)) {
      throw new IngestError(
        table.line,
        `the ${def.name} is printed twice; expected each table once`
      );
    }
    seenTables.add(def.id);
    checkColumns(def, table, release);
    const amountUnit = unitOfNote(table);
    tables.push({
      id: def.id,
      name: def.name,
      statement: def.statement,
      title: table.title,
      note: table.note,
      line: table.line,
      columns: table.columns.map((c) => ({
        header: c.header,
        period: periodOfColumn(c.end, c.quarters),
        currency: c.currency,
        line: c.line,
      })),
    });
    const found = new Set<string>();
    const printedKinds: { kind: ItemKind; figure: RowFigure }[] = [];
    for (const row of table.rows) {
      const id = rowId(def, row);
      if (found.has(id.id)) {
        throw new IngestError(row.line, `row "${row.label}" is printed twice in the ${def.name}`);
      }
      found.add(id.id);
      const kind: ItemKind = id.kind ?? "amount";
      printedKinds.push(...row.figures.map((figure) => ({ kind, figure })));
      const rowFacts = row.figures.map((f, k): Fact => {
        if (f.percent !== (kind === "percent")) {
          throw new IngestError(
            f.line,
            kind === "percent"
              ? `"${f.printed}" in the ${def.name} row "${row.label}" should be a percentage`
              : `"${f.printed}" in the ${def.name} row "${row.label}" is a percentage in a table of amounts`
          );
        }
        const column = table.columns[k];
        const fact: Fact = {
          item: id.id,
          period: periodOfColumn(column.end, column.quarters),
          currency: kind === "percent" ? null : column.currency,
          value: f.value,
          unit: unitOfKind(kind, amountUnit),
          basis: "level",
          source: "table",
          prov: {
            release: releaseId,
            table: def.id,
            row: row.printed,
            column: column.header,
            line: f.line,
            printed: f.printed,
          },
        };
        if (f.nil) fact.nil = true;
        return fact;
      });
      facts.push(...rowFacts);
      items.push({
        id: id.id,
        label: row.label,
        statement: def.statement,
        table: def.id,
        section: row.section ?? row.heading,
        heading: row.heading,
        kind,
        unit: unitOfKind(kind, amountUnit),
        sign: signOf(rowFacts),
        source: "table",
        order: items.length,
      });
    }
    checkDecimals(def, printedKinds);
    const missing = def.rows.filter((r) => !found.has(r.id));
    if (missing.length) {
      throw new IngestError(
        table.line,
        `the ${def.name} lacks the row${missing.length > 1 ? "s" : ""} ${missing
          .map((r) => `"${r.label}"`)
          .join(", ")}; the table looks truncated or a label changed`
      );
    }
  }
  const absent = TABLE_IDS.filter((d) => !seenTables.has(d.id));
  if (absent.length) {
    throw new IngestError(
      layout.lineCount,
      `the release lacks the ${absent.map((d) => d.name).join(", ")}; expected every table of the quarterly release`
    );
  }

  const tableKinds = new Map(items.map((i) => [i.id, i.kind as string]));
  const prose = readProse(layout.prose, { release, tableKinds });
  if (prose.statedQuarter && quarterIndex(prose.statedQuarter.quarter) !== quarterIndex(release)) {
    throw new IngestError(
      prose.statedQuarter.line,
      `the text announces results for ${quarterId(prose.statedQuarter.quarter)} but the tables end at ${releaseId}`
    );
  }
  if (prose.rates.length === 0) {
    throw new IngestError(1, 'the release states no convenience rate ("RMB6.8980 to US$1.00")');
  }
  const rate = prose.rates[0];
  const differing = prose.rates.find((r) => r.value !== rate.value || r.date !== rate.date);
  if (differing) {
    throw new IngestError(
      differing.line,
      `the convenience rate is stated as RMB${differing.value} on ${differing.date} here but RMB${rate.value} on ${rate.date} at line ${rate.line}`
    );
  }
  const company = listings(prose.tickers);

  // Costs the text states as magnitudes take the income statement's sign for a cost.
  const costs = new Set(prose.items.filter((d) => d.cost).map((d) => d.id));
  const proseFacts = prose.facts.map((f) =>
    costs.has(f.item) && f.basis === "level" ? { ...f, value: negated(f.value) } : f
  );
  for (const def of prose.items) {
    const own = proseFacts.filter((f) => f.item === def.id && f.basis === "level");
    items.push({
      id: def.id,
      label: def.label,
      statement: "operating",
      table: null,
      section: def.section,
      heading: null,
      kind: def.kind,
      unit: (own[0] ?? proseFacts.find((f) => f.item === def.id))?.unit ?? "millions",
      sign: signOf(own),
      source: "prose",
      order: items.length,
    });
  }
  facts.push(...proseFacts);

  const source: SourceInfo = {
    release: releaseId,
    file: fileName,
    sha256: sha256Hex(text),
    lines: layout.lineCount,
  };
  return withVersion({
    format: 1,
    company: {
      name: titleCase(COMPANY_HEADING),
      nasdaq: company.nasdaq,
      hkex: company.hkex,
    },
    latestQuarter: releaseId,
    sources: [source],
    fx: { rmbPerUsd: rate.value, date: rate.date, release: releaseId, line: rate.line },
    periods: periodsOf(facts),
    tables,
    items,
    facts,
  });
}

/**
 * The company's listings, stated the same at every mention (the release repeats them), so that a
 * digit lost in one of them is refused rather than recorded.
 */
function listings(tickers: ProseFigures["tickers"]): { nasdaq: string; hkex: string } {
  const first = new Map<string, ProseFigures["tickers"][number]>();
  for (const t of tickers) {
    const seen = first.get(t.exchange);
    if (seen && seen.code !== t.code) {
      throw new IngestError(
        t.line,
        `the release states ${t.exchange}: ${t.code} here but ${t.exchange}: ${seen.code} at line ${seen.line}`
      );
    }
    if (!seen) first.set(t.exchange, t);
  }
  const nasdaq = first.get("NASDAQ")?.code;
  const hkex = first.get("HKEX")?.code;
  if (!nasdaq || !hkex) {
    throw new IngestError(
      1,
      'the release does not state its listings ("NASDAQ: KC and HKEX: 3896")'
    );
  }
  return { nasdaq, hkex };
}

export function withVersion(ds: Omit<Dataset, "version">): Dataset {
  const { format, ...rest } = ds;
  return { format, version: datasetVersion(ds), ...rest };
}

/**
 * Names this exact content: the latest quarter and a hash of every item, table and figure, so
 * that a correction to the parser (same sources, different figures) is a new version too.
 */
export function datasetVersion(ds: Omit<Dataset, "version">): string {
  const hash = sha256Hex(JSON.stringify([ds.sources, ds.fx, ds.tables, ds.items, ds.facts]));
  return `${ds.latestQuarter}-${hash.slice(0, 10)}`;
}

/**
 * The dataset's periods, by the day they end; on one day the balance sheet date, then the quarter,
 * then the spans that end with that quarter, shortest first ("2025-12-31", "2025Q4", "2025H2",
 * "2025FY"): each span follows the quarter that completes it, as a fourth quarter's release
 * prints its Twelve Months Ended columns after its Three Months Ended ones.
 */
export function periodsOf(facts: Fact[]): PeriodInfo[] {
  const ids = new Set(facts.map((f) => f.period));
  const rank = (p: PeriodInfo) =>
    p.kind === "instant" ? 0 : p.kind === "quarter" ? 1 : 1 + (parseSpanId(p.id)?.quarters ?? 0);
  return [...ids]
    .map((id): PeriodInfo => {
      const q = parseQuarterId(id);
      if (q) return { id, kind: "quarter", end: quarterEnd(q) };
      const span = parseSpanId(id);
      return span
        ? { id, kind: "span", end: quarterEnd(span.end) }
        : { id, kind: "instant", end: id };
    })
    .sort((a, b) => a.end.localeCompare(b.end) || rank(a) - rank(b));
}

/**
 * The quarter the release reports: the latest quarter column of most tables (each table has one),
 * so that a year misprinted in one table is refused there, not taken for the release's quarter.
 */
function releaseQuarter(tables: ParsedTable[]): Quarter {
  const votes = new Map<number, { quarter: Quarter; count: number }>();
  for (const t of tables) {
    let latest: Quarter | undefined;
    for (const c of t.columns) {
      const q = quarterEndingOn(c.end);
      if (c.quarters === 1 && q && (!latest || quarterIndex(q) > quarterIndex(latest))) latest = q;
    }
    if (!latest) continue;
    const vote = votes.get(quarterIndex(latest)) ?? { quarter: latest, count: 0 };
    vote.count++;
    votes.set(quarterIndex(latest), vote);
  }
  const ranked = [...votes.values()].sort(
    (a, b) => b.count - a.count || quarterIndex(b.quarter) - quarterIndex(a.quarter)
  );
  if (ranked.length === 0) {
    throw new IngestError(
      tables[0]?.line ?? 1,
      'no table has "Three Months Ended" columns; cannot tell the release quarter'
    );
  }
  return ranked[0].quarter;
}

type ColumnKey = Pick<ParsedColumn, "end" | "quarters" | "currency">;

function expectedColumn(c: ColumnLayout, release: Quarter): ColumnKey {
  const ending = (q: Quarter, quarters: ColumnQuarters) => ({
    end: quarterEnd(q),
    quarters,
    currency: c.currency,
  });
  switch (c.period) {
    case "year-ago quarter":
      return ending(shiftQuarter(release, -4), 1);
    case "previous quarter":
      return ending(shiftQuarter(release, -1), 1);
    case "release quarter":
      return ending(release, 1);
    case "previous year end":
      return ending({ year: release.year - 1, quarter: 4 }, 0);
    case "release quarter end":
      return ending(release, 0);
    case "year-ago year to date":
      return ending(shiftQuarter(release, -4), release.quarter);
    case "year to date":
      return ending(release, release.quarter);
  }
}

/**
 * The table's header declares exactly the columns the release's layout for its statement has
 * (row-ids.ts), in order. Each row's figures were already counted against the header, so a column
 * lost from header and rows alike is caught here. The message points at the header cell at fault:
 * the date, year or currency of the first column that differs, or the last cell of a short header.
 */
function checkColumns(def: TableId, table: ParsedTable, release: Quarter): void {
  const actual = table.columns;
  // The year to date where the header prints spans, and the release has a year to date longer
  // than its quarter: a first quarter's release that prints spans is laid out otherwise.
  const spans = actual.some((c) => c.quarters > 1) && release.quarter > 1;
  const layout = spans ? [...def.columns, ...yearToDateColumns(def.columns)] : def.columns;
  const expected = layout.map((c) => expectedColumn(c, release));
  const same = (a: ColumnKey, e: ColumnKey) =>
    a.end === e.end && a.quarters === e.quarters && a.currency === e.currency;
  let k = expected.findIndex((e, i) => !actual[i] || !same(actual[i], e));
  if (k < 0 && actual.length > expected.length) k = expected.length;
  if (k < 0) return;
  const wanted = expected[k];
  const column = actual[Math.min(k, actual.length - 1)];
  let line: number;
  if (k >= actual.length) line = column.currencyLine ?? column.yearLine;
  else if (!wanted || wanted.quarters !== column.quarters) line = column.line;
  else if (wanted.end === column.end) line = column.currencyLine ?? column.line;
  // Same month and day: the year is what differs.
  else line = wanted.end.slice(4) === column.end.slice(4) ? column.yearLine : column.line;
  const names = (cs: ColumnKey[]) =>
    cs.map((c) => columnName(c.end, c.currency, c.quarters)).join(" | ");
  throw new IngestError(
    line,
    `the ${def.name}'s header declares the columns ${names(actual)}; a ${quarterId(release)} release lays it out as ${names(expected)} (the layouts are in src/data/ingest/row-ids.ts)`
  );
}

const KIND_NAMES = new Map<ItemKind, string>([
  ["amount", "amounts"],
  ["per_share", "per-share amounts"],
  ["shares", "share counts"],
  ["percent", "percentages"],
  ["rate", "rates"],
]);

/**
 * A table prints every figure of one kind with the same number of decimals. One printed with more
 * is a footnote number glued to it ("-12.71%" for "-12.7%" and note 1), one with fewer has lost a
 * digit: either would be stored as another figure, and a check at the printed precision cannot
 * tell.
 */
function checkDecimals(def: TableId, printed: { kind: ItemKind; figure: RowFigure }[]): void {
  const byKind = new Map<ItemKind, RowFigure[]>();
  for (const { kind, figure } of printed) {
    if (!figure.nil) byKind.set(kind, [...(byKind.get(kind) ?? []), figure]);
  }
  for (const [kind, figures] of byKind) {
    const counts = new Map<number, number>();
    for (const f of figures) {
      const places = decimalPlaces(f.value);
      counts.set(places, (counts.get(places) ?? 0) + 1);
    }
    if (counts.size < 2) continue;
    // The count most figures use; on a tie, the one printed first.
    const usual = [...counts].sort((a, b) => b[1] - a[1])[0][0];
    const odd = figures.find((f) => decimalPlaces(f.value) !== usual) as RowFigure;
    const places = decimalPlaces(odd.value);
    throw new IngestError(
      odd.line,
      `"${odd.printed}" is printed with ${decimals(places)}; the ${def.name} prints its ${KIND_NAMES.get(kind)} with ${decimals(usual)}${places > usual ? " (a footnote number glued to the figure?)" : " (a digit lost?)"}`
    );
  }
}

function decimals(n: number): string {
  return `${n} decimal${n === 1 ? "" : "s"}`;
}

/** A column's period: the balance sheet date, the quarter, or the span ("2025FY", "2026H1"). */
function periodOfColumn(end: string, quarters: ColumnQuarters): string {
  if (quarters === 0) return end;
  const last = quarterEndingOn(end) as Quarter;
  return quarters === 1 ? quarterId(last) : spanId({ end: last, quarters });
}

function identify(table: ParsedTable): TableId {
  const first = labelKey(table.rows[0].label);
  const matches = TABLE_IDS.filter(
    (d) => d.title.test(table.title) && (!d.firstRow || labelKey(d.firstRow) === first)
  );
  if (matches.length !== 1) {
    throw new IngestError(
      table.line,
      `unknown table "${table.title}" starting with "${table.rows[0].label}"; known tables: ${TABLE_IDS.map((d) => d.name).join(", ")}`
    );
  }
  return matches[0];
}

function rowId(def: TableId, row: ParsedRow): RowId {
  const key = labelKey(row.label);
  const section = row.section;
  const matches = def.rows.filter(
    (r) =>
      labelKey(r.label) === key && (!r.section || labelKey(r.section) === labelKey(section ?? ""))
  );
  if (matches.length !== 1) {
    const joined =
      row.labelLines.length > 1
        ? ` (its label joins the lines ${row.labelLines.join(", ")}: if a stray line joined it, remove that line)`
        : "";
    throw new IngestError(
      row.line,
      `row "${row.label}"${section ? ` (section "${section}")` : ""} in the ${def.name} has no stable id${joined}; if the release added this row, give it one in src/data/ingest/row-ids.ts`
    );
  }
  return matches[0];
}

function unitOfNote(table: ParsedTable): PrintedUnit {
  if (/in thousands/i.test(table.note)) return "thousands";
  if (/in millions/i.test(table.note)) return "millions";
  throw new IngestError(
    table.line,
    `table "${table.title}" does not say its unit ("All amounts in thousands")`
  );
}

function unitOfKind(kind: ItemKind, amountUnit: PrintedUnit): PrintedUnit {
  switch (kind) {
    case "percent":
      return "percent";
    case "per_share":
      return "units";
    case "shares":
      return "shares";
    case "rate":
      return "RMB_per_USD";
    default:
      return amountUnit;
  }
}

function signOf(facts: Fact[]): Sign {
  const negative = facts.some((f) => f.value.startsWith("-"));
  const positive = facts.some((f) => !f.value.startsWith("-") && /[1-9]/.test(f.value));
  return negative && positive ? "mixed" : negative ? "negative" : "positive";
}

function titleCase(upper: string): string {
  return upper.toLowerCase().replace(/\b[a-z]/g, (c) => c.toUpperCase());
}

/** A printed magnitude as a negative figure ("911.1" is "-911.1"; nil stays "0"). */
function negated(value: string): string {
  return /^0(\.0+)?$/.test(value) ? value : value.startsWith("-") ? value.slice(1) : `-${value}`;
}
