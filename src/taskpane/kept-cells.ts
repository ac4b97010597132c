import { rangeA1 } from "../sheets/a1";
import { asText } from "./sheet-cells";

/**
 * What a user typed inside a model tab, outside the cells the model wrote there: read before the
 * tab is rebuilt and written again into the rebuilt tab at the same addresses, with their number
 * formats.
 */

/** A used range as loaded: values, formulas and number formats from its top-left cell on. */
export interface LoadedRange {
  rowIndex: number;
  columnIndex: number;
  values: unknown[][];
  formulas: unknown[][];
  numberFormat: unknown[][];
}

export interface LoadedCell {
  row: number;
  col: number;
  value: unknown;
  /** A formula, or the constant as Excel shows it in the formula bar. */
  formula: unknown;
  format: string;
}

/** The cells of a loaded range that hold anything, at their places on the sheet (0-based). */
export function loadedCells(r: LoadedRange): LoadedCell[] {
  const out: LoadedCell[] = [];
  r.formulas.forEach((row, i) =>
    row.forEach((formula, j) => {
      if (formula === "" || formula === null || formula === undefined) return;
      out.push({
        row: r.rowIndex + i,
        col: r.columnIndex + j,
        value: r.values[i]?.[j],
        formula,
        format: String(r.numberFormat[i]?.[j] ?? "General"),
      });
    })
  );
  return out;
}

/** Cells holding anything outside the cells a model tab wrote (`written`, "row,col" keys). */
export function userCells(cells: LoadedCell[], written: Set<string>): LoadedCell[] {
  return cells.filter((c) => !written.has(`${c.row},${c.col}`));
}

/**
 * What to write for a kept cell: its formula, or its constant as typed. Excel's formula text for a
 * text constant has no leading apostrophe, so a text that begins with "=" (its value the same as
 * its "formula") is written as text, never turned into a formula.
 */
function asTyped(c: LoadedCell): unknown {
  if (typeof c.formula !== "string") return c.formula;
  const isFormula = c.formula.startsWith("=") && c.value !== c.formula;
  return isFormula ? c.formula : asText(c.formula);
}

/** One block over the kept cells (null leaves every other cell alone), or none. */
export function keptCellWrites(
  cells: LoadedCell[]
): { address: string; formulas: unknown[][]; formats: (string | null)[][] } | undefined {
  if (cells.length === 0) return undefined;
  const r0 = Math.min(...cells.map((c) => c.row));
  const c0 = Math.min(...cells.map((c) => c.col));
  const r1 = Math.max(...cells.map((c) => c.row));
  const c1 = Math.max(...cells.map((c) => c.col));
  const grid = <T>() =>
    Array.from({ length: r1 - r0 + 1 }, () => Array<T | null>(c1 - c0 + 1).fill(null));
  const formulas = grid<unknown>();
  const formats = grid<string>();
  for (const c of cells) {
    formulas[c.row - r0][c.col - c0] = asTyped(c);
    // A new sheet's cells are General already.
    formats[c.row - r0][c.col - c0] = c.format === "General" ? null : c.format;
  }
  return { address: rangeA1(r0, c0, r1, c1), formulas, formats };
}
