import { copiedPieces, detectForm, textPieces } from "../../../../src/data/ingest/pieces";

describe("which form a release is in", () => {
  test.each([
    ["<!DOCTYPE html><html>", "html"],
    ["\uFEFF  \n<html><body>", "html"],
    ["<p>Kingsoft</p>", "html"],
    ["Exhibit 99.1\n\nKINGSOFT CLOUD HOLDINGS LIMITED\n\tDec 31,\n\t2025", "text"],
    [
      "Exhibit 99.1\nKINGSOFT CLOUD HOLDINGS LIMITED\n\tDec 31,\tMar 31,\nCash\t6,018,043\t4,903,797",
      "copied",
    ],
    ["\u00a0Cash\t1", "copied"],
  ])("%j is %s", (text, form) => expect(detectForm(text)).toBe(form));
});

test("copied text: a row a line, its cells between tabs, non-breaking spaces as spaces", () => {
  const { pieces } = copiedPieces(
    "Title\u00a0line\n\n\tMar 31,\nCash\u00a0and cash\t(1,234\t)\t\u00a0"
  );
  expect(pieces).toEqual([
    { kind: "text", line: 1, text: "Title line" },
    { kind: "blank", line: 2 },
    {
      kind: "row",
      line: 3,
      cells: [
        { text: "", line: 3 },
        { text: "Mar 31,", line: 3 },
      ],
    },
    {
      kind: "row",
      line: 4,
      cells: [
        { text: "Cash and cash", line: 4 },
        { text: "(1,234", line: 4 },
        { text: ")", line: 4 },
        { text: "", line: 4 },
      ],
    },
  ]);
});

test("the text layout: consecutive cell lines are one row, a blank line ends it", () => {
  const { pieces } = textPieces("Prose\n\tA\n\t1\n\n\tB\t2\n \t");
  expect(pieces).toEqual([
    { kind: "text", line: 1, text: "Prose" },
    {
      kind: "row",
      line: 2,
      cells: [
        { text: "A", line: 2 },
        { text: "1", line: 3 },
      ],
    },
    { kind: "blank", line: 4 },
    {
      kind: "row",
      line: 5,
      cells: [
        { text: "B", line: 5 },
        { text: "2", line: 5 },
      ],
    },
    // Spaces and a tab: a cell that lost its place, not a blank line.
    { kind: "text", line: 6, text: " \t" },
  ]);
});
