import { textTable } from "../../../src/cli/text-table";

/** Plain-text tables for the command line: a header, a rule, columns padded to their widest. */

test("columns as wide as their widest cell, two spaces apart, a rule under the header", () => {
  expect(
    textTable(
      ["line", "period", "value"],
      [
        ["Total revenues", "2026Q1", "2703732"],
        ["Net loss", "2025Q4", "-162872"],
      ]
    )
  ).toBe(
    [
      "line            period  value",
      "--------------  ------  -------",
      "Total revenues  2026Q1  2703732",
      "Net loss        2025Q4  -162872",
    ].join("\n")
  );
});

test("right-aligned columns line up figures on their last digit", () => {
  const table = textTable(
    ["item", "expected", "actual"],
    [
      ["revenue.total", "2703732", "2703732"],
      ["is.eps_basic_diluted", "-0.08", "-0.0754767"],
    ],
    [1, 2]
  );
  expect(table.split("\n")).toEqual([
    "item                  expected      actual",
    "--------------------  --------  ----------",
    "revenue.total          2703732     2703732",
    "is.eps_basic_diluted     -0.08  -0.0754767",
  ]);
});

test("a header wider than its cells sets the width; no line ends in spaces", () => {
  const lines = textTable(
    ["group", "pass"],
    [
      ["Cash", "pass"],
      ["US$ column", "FAIL"],
    ]
  ).split("\n");
  expect(lines).toEqual([
    "group       pass",
    "----------  ----",
    "Cash        pass",
    "US$ column  FAIL",
  ]);
  const padded = textTable(["a", "b"], [["x", ""]]).split("\n");
  expect(padded[2]).toBe("x");
  expect(lines.every((l) => l === l.trimEnd())).toBe(true);
});

test("a row short of cells is padded as if they were empty", () => {
  expect(textTable(["a", "b", "c"], [["1"]]).split("\n")).toEqual(["a  b  c", "-  -  -", "1"]);
});

test("no rows: the header and its rule", () => {
  expect(textTable(["group", "identity"], [])).toBe("group  identity\n-----  --------");
});
