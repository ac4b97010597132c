import { IngestError } from "./errors";
import { htmlPieces } from "./html-pieces";
import {
  Cell,
  Piece,
  PieceStream,
  ReleaseForm,
  copiedPieces,
  detectForm,
  textPieces,
} from "./pieces";

export type { Cell };

/**
 * The release laid out: prose paragraphs first, then tables, each after the company heading and its
 * title lines, read from a stream of pieces (pieces.ts) that every form of the release gives.
 */

export const COMPANY_HEADING = "KINGSOFT CLOUD HOLDINGS LIMITED";

export interface SourceLine {
  line: number;
  text: string;
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

/** The layout of a release in any form: the form named, or else the one its text shows. */
export function splitLayout(text: string, form: ReleaseForm = detectForm(text)): ReleaseLayout {
  if (text.replace(/^\uFEFF/, "").trim() === "") {
    throw new IngestError(
      1,
      "the file is empty; expected the text of a quarterly earnings release"
    );
  }
  return layoutOf(
    form === "html" ? htmlPieces(text) : form === "copied" ? copiedPieces(text) : textPieces(text)
  );
}

function layoutOf({ pieces, lineCount, rowsAre }: PieceStream): ReleaseLayout {
  const firstTable = pieces.findIndex(isCompanyHeading);
  if (firstTable < 0) {
    throw new IngestError(
      lineCount,
      `no financial tables found; expected a line "${COMPANY_HEADING}" followed by a statement title`
    );
  }
  const prose = pieces
    .slice(0, firstTable)
    .flatMap((p) =>
      p.kind === "text" && p.text.trim() !== "" ? [{ line: p.line, text: p.text }] : []
    );
  const tables: TableRegion[] = [];
  let i = firstTable;
  while (i < pieces.length) {
    const start = pieces[i] as Extract<Piece, { kind: "text" }>;
    const titleParts = [start.text.trim().slice(COMPANY_HEADING.length).trim()];
    i++;
    for (; i < pieces.length && pieces[i].kind !== "row" && !isCompanyHeading(pieces[i]); i++) {
      const p = pieces[i];
      if (p.kind === "text") titleParts.push(p.text.trim());
    }
    const blocks: Block[] = [];
    for (; i < pieces.length && !isCompanyHeading(pieces[i]); i++) {
      const p = pieces[i];
      if (p.kind === "row") blocks.push({ line: p.line, cells: p.cells });
      else if (p.kind === "text") {
        throw new IngestError(
          p.line,
          `unexpected text "${clip(p.text)}" inside a table; ${rowsAre}`
        );
      }
    }
    tables.push({
      line: start.line,
      heading: titleParts.filter(Boolean).join(" "),
      blocks: blocks.filter((b) => b.cells.some((c) => c.text !== "")),
    });
  }
  return { prose, tables, lineCount };
}

function isCompanyHeading(p: Piece): boolean {
  return p.kind === "text" && p.text.trim().startsWith(COMPANY_HEADING);
}

export function clip(text: string, max = 60): string {
  const t = text.trim();
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}
