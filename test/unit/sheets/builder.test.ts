import { SheetBuilder, widthsOf } from "../../../src/sheets/builder";
import type { Expr, PlanCell } from "../../../src/sheets/types";
import { FORMATS, HEADER_ROW } from "../../../src/sheets/types";

/** Laying out a tab row by row: title, notes, headers, then labelled lines, checks, print setup. */

const expr: Expr = { op: "num", value: 1 };

function topped(notes = ["Note one", "Note two"]): SheetBuilder {
  const b = new SheetBuilder("operating");
  b.top("A title", notes, ["First\nheader", "Second"]);
  return b;
}

const at = (b: SheetBuilder, row: number, col: number) =>
  b.written.filter((c) => c.row === row && c.col === col);

describe("top", () => {
  test("title in A1, notes under it, headers on the fourth row from column B", () => {
    const b = topped();
    expect(b.written).toEqual([
      { row: 0, col: 0, value: "A title", style: "title" },
      { row: 1, col: 0, value: "Note one", style: "subtitle" },
      { row: 2, col: 0, value: "Note two", style: "subtitle" },
      { row: HEADER_ROW, col: 0, value: "", style: "header" },
      { row: HEADER_ROW, col: 1, value: "First\nheader", style: "header" },
      { row: HEADER_ROW, col: 2, value: "Second", style: "header" },
    ]);
  });

  test("at most two notes fit above the headers; the first line comes under the headers", () => {
    const b = topped(["one", "two", "three"]);
    expect(b.written.filter((c) => c.style === "subtitle").map((c) => c.value)).toEqual([
      "one",
      "two",
    ]);
    expect(b.label("First line")).toBe(HEADER_ROW + 1);
  });
});

describe("lines", () => {
  test("labels take a row each; a blank leaves one empty; a heading takes its own row", () => {
    const b = topped();
    expect(b.heading("Revenues")).toBe(4);
    expect(b.label("Public cloud services", { indent: 1 })).toBe(5);
    expect(b.label("Total revenues", { total: true })).toBe(6);
    b.blank();
    expect(b.heading("Operating expenses", "heading")).toBe(8);
    expect(b.label("Selling and marketing expenses")).toBe(9);
    expect(at(b, 4, 0)).toEqual([{ row: 4, col: 0, value: "Revenues", style: "section" }]);
    expect(at(b, 5, 0)).toEqual([
      { row: 5, col: 0, value: "Public cloud services", style: "label", indent: 1 },
    ]);
    expect(at(b, 6, 0)).toEqual([
      { row: 6, col: 0, value: "Total revenues", style: "total-label" },
    ]);
    expect(at(b, 8, 0)[0].style).toBe("heading");
    expect(at(b, 7, 0)).toEqual([]);
  });

  test("a label longer than 40 characters shows its short form, the printed one in its note", () => {
    const b = topped();
    const printed = "Net loss attributable to Kingsoft Cloud Holdings Limited";
    const row = b.label(printed, { total: true });
    expect(at(b, row, 0)).toEqual([
      {
        row,
        col: 0,
        value: "Net loss attributable to shareholders",
        style: "total-label",
        note: printed,
      },
    ]);
    expect(at(b, b.label("Total revenues"), 0)[0]).not.toHaveProperty("note");
  });

  test("an indent of 0 is no indent at all", () => {
    const b = topped();
    const row = b.label("Cost of revenues", { indent: 0 });
    expect(at(b, row, 0)[0]).not.toHaveProperty("indent");
  });

  test("put: a formula or a literal, with a format only where given; later rows follow it", () => {
    const b = topped();
    b.put(10, 3, expr, "calc", FORMATS.thousands);
    b.put(10, 4, 6.898, "input");
    b.put(11, 0, "text", "label", undefined, 2);
    expect(at(b, 10, 3)).toEqual([
      { row: 10, col: 3, formula: expr, style: "calc", format: FORMATS.thousands },
    ]);
    expect(at(b, 10, 4)).toEqual([{ row: 10, col: 4, value: 6.898, style: "input" }]);
    expect(at(b, 11, 0)).toEqual([{ row: 11, col: 0, value: "text", style: "label", indent: 2 }]);
    expect(b.label("next")).toBe(12);
    // A cell put above the current row does not move it back.
    b.put(1, 5, expr, "calc");
    expect(b.label("after")).toBe(13);
  });

  test("ref names a cell of this tab", () => {
    expect(new SheetBuilder("cash_flow").ref(9, 3)).toEqual({ tab: "cash_flow", row: 9, col: 3 });
  });
});

describe("checks", () => {
  test("a check cell is grey, red unless 0, and listed once with what it ties", () => {
    const b = topped();
    const about = {
      line: "Total revenues",
      ties: "sum − reported",
      column: "Three months ended Mar 31, 2026 RMB thousands",
      slot: { key: "2026-03-31|RMB|false", order: "1|0|2026-03-31", header: "Q1 2026" },
    };
    b.check(b.ref(20, 3), expr, about);
    expect(at(b, 20, 3)).toEqual([
      { row: 20, col: 3, formula: expr, format: FORMATS.check, style: "check" },
    ]);
    expect(b.plan([], { rows: 4, columns: 1 }, "release.txt · dataset v1").checks).toEqual([
      { at: { tab: "operating", row: 20, col: 3 }, ...about },
    ]);
  });
});

describe("plan", () => {
  test("the tab's key and name, its cells and checks, widths and frozen panes as given", () => {
    const b = topped();
    const plan = b.plan([40, 17], { rows: 4, columns: 1 }, "release.txt · dataset v1");
    expect(plan.key).toBe("operating");
    expect(plan.name).toBe("KC Operating Figures");
    expect(plan.cells).toBe(b.written);
    expect(plan.widths).toEqual([40, 17]);
    expect(plan.freeze).toEqual({ rows: 4, columns: 1 });
  });

  test("prints landscape, one page wide and as many tall as it takes, the frozen rows repeated, its own cells, the tab, source and page in the footer", () => {
    const plan = topped().plan([], { rows: 7, columns: 0 }, "release.txt · dataset v1");
    expect(plan.print).toEqual({
      orientation: "landscape",
      fitToWidth: 1,
      fitToHeight: 0,
      titleRows: 7,
      area: "A1:C4",
      margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 },
      footer: { left: "&A", center: "release.txt · dataset v1", right: "Page &P of &N" },
    });
  });

  test("the print area runs from A1 to the last row and the last column the tab fills", () => {
    const b = topped();
    b.label("First line");
    b.put(b.label("Second line"), 4, expr, "calc");
    expect(b.plan([], { rows: 4, columns: 1 }, "s").print.area).toBe("A1:E6");
  });

  test("an ampersand in the source prints as itself (&& in a footer)", () => {
    const plan = topped().plan([], { rows: 4, columns: 1 }, "Q&A release.txt · dataset v1");
    expect(plan.print.footer.center).toBe("Q&&A release.txt · dataset v1");
  });

  test("a header row is as tall as its header of most lines, 15 points a line and 3 more", () => {
    const b = new SheetBuilder("income_statement");
    b.top("t", [], ["Three months\nended\nMar 31, 2026\nRMB thousands", "One line", "Two\nlines"]);
    expect(b.plan([], { rows: 4, columns: 1 }, "release.txt · dataset v1").heights).toEqual([
      { row: 3, points: 63 },
    ]);
    const flat = new SheetBuilder("income_statement");
    flat.top("t", [], ["One line"]);
    expect(flat.plan([], { rows: 4, columns: 1 }, "release.txt · dataset v1").heights).toEqual([]);
  });
});

describe("widthsOf", () => {
  const cell = (col: number, value: string, style: PlanCell["style"], indent?: number) =>
    ({ row: 0, col, value, style, ...(indent ? { indent } : {}) }) as PlanCell;

  test("a label's width: nine tenths of its characters, two per indent level, two to spare", () => {
    // "Total revenues" is 14 characters: ceil(12.6) + 2.
    expect(widthsOf([cell(0, "Total revenues", "label")])).toEqual([15]);
    expect(widthsOf([cell(0, "Total revenues", "label", 1)])).toEqual([17]);
    // A total's label is bold: a full width per character.
    expect(widthsOf([cell(0, "Total revenues", "total-label")])).toEqual([16]);
  });

  test("headers by their longest line, at 1.1 widths per character", () => {
    const header = "Three months\nended\nMar 31, 2026\nRMB thousands";
    // "RMB thousands" is 13 characters: ceil(14.3) + 2.
    expect(widthsOf([cell(1, header, "header")])).toEqual([15, 17]);
    expect(widthsOf([cell(1, "Year-over-year\ngrowth", "header")])).toEqual([15, 18]);
  });

  test("titles, notes and headings run on into empty cells and do not widen their column", () => {
    const long = "x".repeat(200);
    expect(
      widthsOf([
        cell(0, long, "title"),
        cell(0, long, "subtitle"),
        cell(0, long, "heading"),
        cell(0, long, "section"),
      ])
    ).toEqual([]);
  });

  test("the widest text sets the column; none is narrower than the minimum; gaps take the minimum", () => {
    // "Accounts receivable, net" is 24 characters: ceil(21.6) + 2.
    expect(
      widthsOf([cell(0, "Goodwill", "label"), cell(0, "Accounts receivable, net", "label")])
    ).toEqual([24]);
    expect(widthsOf([cell(0, "a", "label"), cell(3, "b", "header")])).toEqual([15, 15, 15, 15]);
    expect(widthsOf([cell(0, "a", "label")], 4)).toEqual([4]);
    // Formulas and numbers take no width.
    expect(widthsOf([{ row: 0, col: 0, formula: expr, style: "calc" }])).toEqual([]);
  });
});
