import fc from "fast-check";
import { a1, columnLetter, excelString, rangeA1, sheetPrefix } from "../../../src/sheets/a1";

/** A1 notation from 0-based rows and columns, and the quoting formulas need. */

/** The column index back from its letters: A is 0, Z 25, AA 26. */
function columnIndex(letters: string): number {
  return [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
}

describe("columnLetter", () => {
  test("single letters, then two, then three, up to Excel's last column", () => {
    expect(columnLetter(0)).toBe("A");
    expect(columnLetter(25)).toBe("Z");
    expect(columnLetter(26)).toBe("AA");
    expect(columnLetter(27)).toBe("AB");
    expect(columnLetter(51)).toBe("AZ");
    expect(columnLetter(52)).toBe("BA");
    expect(columnLetter(701)).toBe("ZZ");
    expect(columnLetter(702)).toBe("AAA");
    expect(columnLetter(16383)).toBe("XFD");
  });

  test("every column has its own letters, read back to the same index", () => {
    fc.assert(
      fc.property(fc.nat(16383), (col) => {
        const letters = columnLetter(col);
        return /^[A-Z]{1,3}$/.test(letters) && columnIndex(letters) === col;
      })
    );
  });
});

describe("a1 and rangeA1", () => {
  test("a cell is its column's letters and its 1-based row", () => {
    expect(a1(0, 0)).toBe("A1");
    expect(a1(3, 3)).toBe("D4");
    expect(a1(9, 26)).toBe("AA10");
    expect(a1(1048575, 16383)).toBe("XFD1048576");
  });

  test("a range of one cell is that cell; of more, from:to", () => {
    expect(rangeA1(0, 0, 0, 0)).toBe("A1");
    expect(rangeA1(6, 1, 6, 1)).toBe("B7");
    expect(rangeA1(0, 0, 3, 6)).toBe("A1:G4");
    expect(rangeA1(7, 2, 69, 7)).toBe("C8:H70");
    expect(rangeA1(4, 0, 4, 2)).toBe("A5:C5");
  });
});

describe("sheetPrefix", () => {
  test("a plain name stands as it is", () => {
    expect(sheetPrefix("Sheet1")).toBe("Sheet1!");
    expect(sheetPrefix("_data")).toBe("_data!");
    expect(sheetPrefix("model.v2")).toBe("model.v2!");
  });

  test("a name with spaces, signs or a leading digit is quoted", () => {
    expect(sheetPrefix("KC Income Statement")).toBe("'KC Income Statement'!");
    expect(sheetPrefix("KC Segments & Margins")).toBe("'KC Segments & Margins'!");
    expect(sheetPrefix("2026 model")).toBe("'2026 model'!");
    expect(sheetPrefix("2026")).toBe("'2026'!");
    expect(sheetPrefix("Q1-2026")).toBe("'Q1-2026'!");
    expect(sheetPrefix("Übersicht")).toBe("'Übersicht'!");
  });

  test("an apostrophe in a name is doubled inside the quotes", () => {
    expect(sheetPrefix("Analyst's view")).toBe("'Analyst''s view'!");
    expect(sheetPrefix("a''b")).toBe("'a''''b'!");
  });
});

describe("excelString", () => {
  test("text in double quotes, its own double quotes doubled", () => {
    expect(excelString("revenue.total")).toBe('"revenue.total"');
    expect(excelString("")).toBe('""');
    expect(excelString('say "hi"')).toBe('"say ""hi"""');
    expect(excelString('"')).toBe('""""');
    // Apostrophes and commas need nothing inside a formula's text.
    expect(excelString("it's 1,000")).toBe('"it\'s 1,000"');
  });

  test("any text reads back as itself when Excel's quoting is undone", () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const literal = excelString(text);
        return (
          literal.startsWith('"') &&
          literal.endsWith('"') &&
          literal.slice(1, -1).replace(/""/g, '"') === text
        );
      })
    );
  });
});
