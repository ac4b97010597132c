import {
  LoadedCell,
  LoadedRange,
  keptCellWrites,
  loadedCells,
  userCells,
} from "../../../src/taskpane/kept-cells";

/** What a user typed in a model tab, read before a rebuild and written back where it was. */

/** A used range starting at D5 (row 4, column 3), as Excel loads it. */
const range: LoadedRange = {
  rowIndex: 4,
  columnIndex: 3,
  values: [
    [2703732, "", "my note"],
    [null, 5407464, "=not a formula"],
  ],
  formulas: [
    ['=KC.VALUE("revenue.total","2026Q1")', "", "my note"],
    [null, "=D5*2", "=not a formula"],
  ],
  numberFormat: [
    ["#,##0", "General", "@"],
    ["General", "0.0", "General"],
  ],
};

const cell = (row: number, col: number, formula: unknown, extra: Partial<LoadedCell> = {}) =>
  ({ row, col, value: formula, formula, format: "General", ...extra }) as LoadedCell;

describe("loadedCells", () => {
  test("the cells that hold anything, at their places on the sheet", () => {
    expect(loadedCells(range)).toEqual([
      {
        row: 4,
        col: 3,
        value: 2703732,
        formula: '=KC.VALUE("revenue.total","2026Q1")',
        format: "#,##0",
      },
      { row: 4, col: 5, value: "my note", formula: "my note", format: "@" },
      { row: 5, col: 4, value: 5407464, formula: "=D5*2", format: "0.0" },
      { row: 5, col: 5, value: "=not a formula", formula: "=not a formula", format: "General" },
    ]);
  });

  test("a number format missing from what was loaded is General", () => {
    const cells = loadedCells({
      rowIndex: 0,
      columnIndex: 0,
      values: [[1]],
      formulas: [[1]],
      numberFormat: [],
    });
    expect(cells).toEqual([{ row: 0, col: 0, value: 1, formula: 1, format: "General" }]);
  });

  test("an empty range has no cells", () => {
    expect(
      loadedCells({ rowIndex: 0, columnIndex: 0, values: [], formulas: [], numberFormat: [] })
    ).toEqual([]);
  });
});

describe("userCells", () => {
  test("leaves out the cells the model wrote", () => {
    const cells = [cell(4, 3, 1), cell(4, 5, "mine"), cell(9, 0, "also mine")];
    expect(userCells(cells, new Set(["4,3", "0,0"]))).toEqual([
      cell(4, 5, "mine"),
      cell(9, 0, "also mine"),
    ]);
    expect(userCells(cells, new Set())).toEqual(cells);
  });
});

describe("keptCellWrites", () => {
  test("nothing kept, nothing to write", () => {
    expect(keptCellWrites([])).toBeUndefined();
  });

  test("one block over the kept cells; null leaves every other cell alone", () => {
    const w = keptCellWrites([
      cell(4, 5, "my note", { format: "@" }),
      cell(6, 3, "=D5*2", { value: 5407464, format: "0.0" }),
    ]);
    expect(w).toEqual({
      address: "D5:F7",
      formulas: [
        [null, null, "my note"],
        [null, null, null],
        ["=D5*2", null, null],
      ],
      formats: [
        [null, null, "@"],
        [null, null, null],
        ["0.0", null, null],
      ],
    });
  });

  test("a single cell is a single address; a General format is left as the new sheet has it", () => {
    expect(keptCellWrites([cell(0, 0, 42)])).toEqual({
      address: "A1",
      formulas: [[42]],
      formats: [[null]],
    });
  });

  test("a text that looks like a formula or a sign stays text", () => {
    const w = keptCellWrites([
      cell(0, 0, "=not a formula"),
      cell(0, 1, "+86 (10) 6292-7777"),
      cell(0, 2, "-"),
      cell(0, 3, "'quoted"),
      cell(0, 4, "plain"),
    ]);
    expect(w?.formulas).toEqual([
      ["'=not a formula", "'+86 (10) 6292-7777", "'-", "''quoted", "plain"],
    ]);
  });

  test("a formula is written as a formula, whatever it shows", () => {
    const w = keptCellWrites([
      cell(0, 0, '=KC.VALUE("revenue.total","2026Q1")', { value: 2703732 }),
      cell(0, 1, '="=x"', { value: "=x" }),
    ]);
    expect(w?.formulas).toEqual([['=KC.VALUE("revenue.total","2026Q1")', '="=x"']]);
  });
});
