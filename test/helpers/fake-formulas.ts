import { HyperFormula } from "hyperformula";
import { createEngine } from "../../src/cli/formula-engine";
import type { KcFormulas } from "../../src/core/formulas";

/**
 * The fake workbook's formulas in a real formula engine. Excel moves every reference that points
 * at or past inserted rows or columns, in every sheet and in every workbook name, and grows a
 * range that an insert falls strictly inside; HyperFormula does the same, so the fake workbook
 * lets HyperFormula move them rather than a transcription of ours. It also computes what a cell
 * shows, for tests that say "the analyst's formula shows the same figure".
 */

export interface FormulaSheet {
  name: string;
  cells: Map<string, { formula?: string; value?: unknown }>;
}

export interface Moved {
  /** New formula text by sheet index and cell key ("row,col" after the insert), where it changed. */
  cells: Map<number, Map<string, string>>;
  names: Map<string, string>;
}

const cellAt = (k: string) => k.split(",").map(Number) as [number, number];

function engineOf(
  sheets: readonly FormulaSheet[],
  names: ReadonlyMap<string, string>,
  kcf?: KcFormulas
): HyperFormula {
  const hf = kcf ? createEngine(kcf) : HyperFormula.buildEmpty({ licenseKey: "gpl-v3" });
  hf.batch(() => {
    for (const s of sheets) hf.addSheet(s.name);
    sheets.forEach((s) => {
      const id = hf.getSheetId(s.name) as number;
      for (const [k, c] of s.cells) {
        const content = c.formula ?? (c.value === undefined ? null : c.value);
        if (content === null) continue;
        const [row, col] = cellAt(k);
        hf.setCellContents({ sheet: id, row, col }, [[content as string | number | boolean]]);
      }
    });
    for (const [name, formula] of names) hf.addNamedExpression(name, formula);
  });
  return hf;
}

/**
 * The formulas and names after whole rows or columns are inserted into `target` before index
 * `at`: HyperFormula's text for each formula whose references moved (others keep their text).
 */
export function afterInsert(
  sheets: readonly FormulaSheet[],
  names: ReadonlyMap<string, string>,
  target: number,
  axis: "rows" | "columns",
  at: number,
  count: number
): Moved {
  const formulaSheets = sheets.map((s) => ({
    name: s.name,
    cells: new Map([...s.cells].filter(([, c]) => c.formula !== undefined)),
  }));
  const hf = engineOf(formulaSheets, names);
  const id = (i: number) => hf.getSheetId(sheets[i].name) as number;
  const before = formulaSheets.map((s, i) => {
    const m = new Map<string, string>();
    for (const k of s.cells.keys()) {
      const [row, col] = cellAt(k);
      m.set(k, String(hf.getCellFormula({ sheet: id(i), row, col })));
    }
    return m;
  });
  const namesBefore = new Map([...names.keys()].map((n) => [n, hf.getNamedExpressionFormula(n)]));
  if (axis === "rows") hf.addRows(id(target), [at, count]);
  else hf.addColumns(id(target), [at, count]);
  const cells = new Map<number, Map<string, string>>();
  before.forEach((m, i) => {
    const changed = new Map<string, string>();
    for (const [k, text] of m) {
      let [row, col] = cellAt(k);
      if (i === target && axis === "rows" && row >= at) row += count;
      if (i === target && axis === "columns" && col >= at) col += count;
      const now = String(hf.getCellFormula({ sheet: id(i), row, col }));
      if (now !== text) changed.set(`${row},${col}`, now);
    }
    cells.set(i, changed);
  });
  const movedNames = new Map<string, string>();
  for (const [n, f] of namesBefore) {
    const now = hf.getNamedExpressionFormula(n);
    if (now !== f && now !== undefined) movedNames.set(n, now);
  }
  return { cells, names: movedNames };
}

/** What a cell shows, computed by HyperFormula (KC functions through `kcf`, else #NAME?). */
export function evaluateCell(
  sheets: readonly FormulaSheet[],
  names: ReadonlyMap<string, string>,
  sheet: string,
  row: number,
  col: number,
  kcf?: KcFormulas
): unknown {
  return evaluateCells(sheets, names, [{ sheet, row, col }], kcf)[0];
}

/** What several cells show, from one engine over the workbook (building one is the slow part). */
export function evaluateCells(
  sheets: readonly FormulaSheet[],
  names: ReadonlyMap<string, string>,
  cells: readonly { sheet: string; row: number; col: number }[],
  kcf?: KcFormulas
): unknown[] {
  const hf = engineOf(sheets, names, kcf);
  return cells.map(({ sheet, row, col }) => {
    const id = hf.getSheetId(sheet);
    if (id === undefined) throw new Error(`No sheet ${sheet}`);
    const v = hf.getCellValue({ sheet: id, row, col });
    return typeof v === "object" && v !== null && "value" in v ? (v as { value: string }).value : v;
  });
}
