import { LoadedCell, LoadedRange, loadedCells, userCells } from "../../../src/taskpane/kept-cells";

/** What a model tab holds, read before a write: the model's cells and the user's own. */

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
