import { IngestError } from "./errors";

/**
 * The release as exported to text: prose paragraphs first, then tables where every cell stands
 * on its own line behind a tab and rows are separated by blank lines.
 */

export const COMPANY_HEADING = "KINGSOFT CLOUD HOLDINGS LIMITED";

export interface SourceLine {
  line: number;
  text: string;
}

export interface Cell {
  text: string;
  line: number;
}

/** One row of a table as laid out: its cells in order, blank cells included. */
export interface Block {
  line: number;
  cells: Cell[];
}

export interface TableRegion {
  line: number;
  /** Title lines after the company heading, joined with one space. */
  heading: string;
  blocks: Block[];
}

export interface ReleaseLayout {
  prose: SourceLine[];
  tables: TableRegion[];
  lineCount: number;
}

export function splitLayout(text: string): ReleaseLayout {
  const raw = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  const lines: SourceLine[] = raw.map((t, i) => ({ line: i + 1, text: t }));
  if (lines.every((l) => isBlank(l.text))) {
    throw new IngestError(
      1,
      "the file is empty; expected the text of a quarterly earnings release"
    );
  }
  const firstTable = lines.findIndex((l) => isCompanyHeading(l.text));
  if (firstTable < 0) {
    throw new IngestError(
      lines.length,
      `no financial tables found; expected a line "${COMPANY_HEADING}" followed by a statement title`
    );
  }
  const prose = lines.slice(0, firstTable).filter((l) => !isBlank(l.text));
  const tables: TableRegion[] = [];
  let i = firstTable;
  while (i < lines.length) {
    const start = lines[i];
    const titleParts = [start.text.trim().slice(COMPANY_HEADING.length).trim()];
    i++;
    while (i < lines.length && !isCell(lines[i].text) && !isCompanyHeading(lines[i].text)) {
      titleParts.push(lines[i].text.trim());
      i++;
    }
    const blocks: Block[] = [];
    let current: Block | null = null;
    while (i < lines.length && !isCompanyHeading(lines[i].text)) {
      const l = lines[i];
      if (isBlank(l.text)) {
        current = null;
      } else if (isCell(l.text)) {
        if (!current) {
          current = { line: l.line, cells: [] };
          blocks.push(current);
        }
        for (const piece of l.text.split("\t").slice(1)) {
          current.cells.push({ text: piece.trim(), line: l.line });
        }
      } else {
        throw new IngestError(
          l.line,
          `unexpected text "${clip(l.text)}" inside a table; table cells start with a tab`
        );
      }
      i++;
    }
    tables.push({
      line: start.line,
      heading: titleParts.filter(Boolean).join(" "),
      blocks: blocks.filter((b) => b.cells.some((c) => c.text !== "")),
    });
  }
  return { prose, tables, lineCount: lines.length };
}

function isBlank(text: string): boolean {
  return !text.includes("\t") && text.trim() === "";
}

function isCell(text: string): boolean {
  return text.startsWith("\t");
}

function isCompanyHeading(text: string): boolean {
  return !isCell(text) && text.trim().startsWith(COMPANY_HEADING);
}

export function clip(text: string, max = 60): string {
  const t = text.trim();
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}
