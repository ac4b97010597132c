/**
 * What a model tab holds, as read before a write: the cells the model wrote and, apart from them,
 * the user's own, which a write in place leaves where they are (moved with any insert).
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
