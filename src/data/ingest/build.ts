import { createHash } from "crypto";
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
} from "../types";
import {
  Quarter,
  parseQuarterId,
  quarterEnd,
  quarterEndingOn,
  quarterId,
  quarterIndex,
} from "../../core/periods";
import { labelKey } from "../../core/text";
import { IngestError } from "./errors";
import { COMPANY_HEADING, splitLayout } from "./layout";
import { readProse } from "./prose";
import { RowId, TABLE_IDS, TableId } from "./row-ids";
import { ParsedTable, parseTable } from "./tables";

/** Reads one release into a dataset holding exactly its figures (not yet validated or merged). */
export function readRelease(text: string, fileName: string): Dataset {
  const layout = splitLayout(text);
  const parsed = layout.tables.map(parseTable);
  const release = latestQuarter(parsed);
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
    if (table.columns.some((c) => c.quarter !== (def.columns === "quarters"))) {
      throw new IngestError(
        table.line,
        `the ${def.name} should have ${def.columns === "quarters" ? '"Three Months Ended" quarter' : "balance sheet date"} columns`
      );
    }
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
        period: periodOfColumn(c.end, c.quarter),
        currency: c.currency,
        line: c.line,
      })),
    });
    const found = new Set<string>();
    for (const row of table.rows) {
      const id = rowId(def, row.label, row.section, row.line);
      if (found.has(id.id)) {
        throw new IngestError(row.line, `row "${row.label}" is printed twice in the ${def.name}`);
      }
      found.add(id.id);
      const kind: ItemKind = id.kind ?? "amount";
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
          period: periodOfColumn(column.end, column.quarter),
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
  checkColumnsAgree(tables);
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
  if (!prose.company.nasdaq || !prose.company.hkex) {
    throw new IngestError(
      1,
      'the release does not state its listings ("NASDAQ: KC and HKEX: 3896")'
    );
  }
  for (const def of prose.items) {
    const own = prose.facts.filter((f) => f.item === def.id && f.basis === "level");
    items.push({
      id: def.id,
      label: def.label,
      statement: "operating",
      table: null,
      section: def.section,
      heading: null,
      kind: def.kind,
      unit: (own[0] ?? prose.facts.find((f) => f.item === def.id))?.unit ?? "millions",
      sign: signOf(own),
      source: "prose",
      order: items.length,
    });
  }
  facts.push(...prose.facts);

  const source: SourceInfo = {
    release: releaseId,
    file: fileName,
    sha256: createHash("sha256").update(text).digest("hex"),
    lines: layout.lineCount,
  };
  return withVersion({
    format: 1,
    company: {
      name: titleCase(COMPANY_HEADING),
      nasdaq: prose.company.nasdaq,
      hkex: prose.company.hkex,
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

export function withVersion(ds: Omit<Dataset, "version">): Dataset {
  const { format, ...rest } = ds;
  return { format, version: datasetVersion(ds), ...rest };
}

/**
 * Names this exact content: the latest quarter and a hash of every item, table and figure, so
 * that a correction to the parser (same sources, different figures) is a new version too.
 */
export function datasetVersion(ds: Omit<Dataset, "version">): string {
  const hash = createHash("sha256");
  hash.update(JSON.stringify([ds.sources, ds.fx, ds.tables, ds.items, ds.facts]));
  return `${ds.latestQuarter}-${hash.digest("hex").slice(0, 10)}`;
}

export function periodsOf(facts: Fact[]): PeriodInfo[] {
  const ids = new Set(facts.map((f) => f.period));
  return [...ids]
    .map((id): PeriodInfo => {
      const q = parseQuarterId(id);
      return q ? { id, kind: "quarter", end: quarterEnd(q) } : { id, kind: "instant", end: id };
    })
    .sort((a, b) => a.end.localeCompare(b.end) || a.kind.localeCompare(b.kind));
}

/**
 * Every quarterly table covers the statement of comprehensive loss's quarters, and every balance
 * sheet date ends one of them: a garbled date or year in a header cannot slip a figure into
 * another period unnoticed.
 */
function checkColumnsAgree(tables: TableInfo[]): void {
  const statement = tables.find((t) => t.id === "income_statement");
  if (!statement) return;
  const quarters = new Set(statement.columns.map((c) => c.period));
  const quarterEnds = new Set([...quarters].map((q) => quarterEnd(parseQuarterId(q) as Quarter)));
  for (const t of tables) {
    for (const c of t.columns) {
      const ok = (t.statement === "balance_sheet" ? quarterEnds : quarters).has(c.period);
      if (!ok) {
        throw new IngestError(
          c.line,
          `the ${t.name} has a column for ${c.period}, which the statement of comprehensive loss does not cover (${[...quarters].join(", ")})`
        );
      }
    }
  }
}

function latestQuarter(tables: ParsedTable[]): Quarter {
  let latest: Quarter | undefined;
  for (const t of tables) {
    for (const c of t.columns) {
      const q = quarterEndingOn(c.end);
      if (c.quarter && q && (!latest || quarterIndex(q) > quarterIndex(latest))) latest = q;
    }
  }
  if (!latest) {
    throw new IngestError(
      tables[0]?.line ?? 1,
      'no table has "Three Months Ended" columns; cannot tell the release quarter'
    );
  }
  return latest;
}

function periodOfColumn(end: string, quarter: boolean): string {
  return quarter ? quarterId(quarterEndingOn(end) as Quarter) : end;
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

function rowId(def: TableId, label: string, section: string | null, line: number): RowId {
  const key = labelKey(label);
  const matches = def.rows.filter(
    (r) =>
      labelKey(r.label) === key && (!r.section || labelKey(r.section) === labelKey(section ?? ""))
  );
  if (matches.length !== 1) {
    throw new IngestError(
      line,
      `row "${label}"${section ? ` (section "${section}")` : ""} in the ${def.name} has no stable id; add it to src/data/ingest/row-ids.ts`
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
