/**
 * The forms a release comes in, each read into one stream of pieces (a line of text, a table row)
 * that the layout reads the same way whatever the form:
 * - "text": the release exported to text, every table cell on its own line behind a tab, rows
 *   separated by blank lines (../shared/sources);
 * - "html": the exhibit as filed (html-pieces.ts);
 * - "copied": the page copied from a browser, a table row a line, its cells between tabs.
 */
export type ReleaseForm = "text" | "html" | "copied";

export const RELEASE_FORMS: ReadonlyMap<string, ReleaseForm> = new Map([
  ["text", "text"],
  ["html", "html"],
  ["copied", "copied"],
]);

export const FORM_NAMES: ReadonlyMap<ReleaseForm, string> = new Map([
  ["text", "the release as text, a cell a line"],
  ["html", "the exhibit's HTML"],
  ["copied", "text copied from a browser, a table row a line"],
]);

/** A table cell as printed, at its line. */
export interface Cell {
  text: string;
  line: number;
}

export type Piece =
  | { kind: "text"; line: number; text: string }
  | { kind: "row"; line: number; cells: Cell[] }
  | { kind: "blank"; line: number };

export interface PieceStream {
  pieces: Piece[];
  lineCount: number;
  /** What a line of text inside a table says of the form's rows (for the refusal). */
  rowsAre: string;
}

/**
 * Which form a text is in: markup if it opens with a tag; copied from a browser if a line holds a
 * tab after text (a label, then its figures); else the text layout, whose cells each open a line
 * with a tab.
 */
export function detectForm(text: string): ReleaseForm {
  if (/^\uFEFF?\s*</.test(text)) return "html";
  if (/^[^\t\r\n]*[^\t\s][^\t\r\n]*\t/m.test(text)) return "copied";
  return "text";
}

export function textPieces(text: string): PieceStream {
  const lines = linesOf(text);
  const pieces: Piece[] = [];
  let row: Extract<Piece, { kind: "row" }> | undefined;
  lines.forEach((t, k) => {
    const line = k + 1;
    if (t.startsWith("\t")) {
      if (!row) {
        row = { kind: "row", line, cells: [] };
        pieces.push(row);
      }
      for (const piece of t.split("\t").slice(1)) row.cells.push({ text: piece.trim(), line });
      return;
    }
    row = undefined;
    // A line of spaces and a tab is not blank: a cell that lost its place, refused in a table.
    const blank = isBlankLine(t) && !t.includes("\t");
    pieces.push(blank ? { kind: "blank", line } : { kind: "text", line, text: t });
  });
  return { pieces, lineCount: lines.length, rowsAre: "table cells start with a tab" };
}

/**
 * What a browser puts on the clipboard as text (its innerText): paragraphs a line each, a table row
 * a line with its cells between tabs, non-breaking spaces kept (read as spaces here).
 */
export function copiedPieces(text: string): PieceStream {
  const lines = linesOf(text);
  const pieces = lines.map((t, k): Piece => {
    const line = k + 1;
    if (t.includes("\t")) {
      return { kind: "row", line, cells: t.split("\t").map((c) => ({ text: squeeze(c), line })) };
    }
    return isBlankLine(t) ? { kind: "blank", line } : { kind: "text", line, text: squeeze(t) };
  });
  return {
    pieces,
    lineCount: lines.length,
    rowsAre: "a copied table row has its cells between tabs",
  };
}

/** The lines of a text, a byte order mark dropped. */
export function linesOf(text: string): string[] {
  return text.replace(/^\uFEFF/, "").split(/\r?\n/);
}

/** Runs of white space (non-breaking spaces too) as one space, none at the ends. */
export function squeeze(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

function isBlankLine(text: string): boolean {
  return text.trim() === "";
}
