import { readRelease } from "../src/data/ingest/build";
import { IngestError } from "../src/data/ingest/errors";
import { parseFigure } from "../src/data/ingest/numbers";
import { release, releaseText, releaseWith } from "./helpers/release";

function ingestError(text: string): IngestError {
  try {
    readRelease(text, "broken.txt");
  } catch (e) {
    if (e instanceof IngestError) return e;
    throw e;
  }
  throw new Error("expected the release to be refused");
}

describe("printed figures", () => {
  test.each([
    ["6,018,043", "6018043"],
    ["(31,068)", "-31068"],
    ["(0.08)", "-0.08"],
    ["16.2%", "16.2"],
    ["-16.0%", "-16.0"],
    ["3,728,092,123", "3728092123"],
    ["100", "100"],
    ["74", "74"],
  ])("%s reads as %s", (text, value) => {
    expect(parseFigure(text, 7).value).toBe(value);
  });

  test('"-" is nil', () => {
    expect(parseFigure("-", 1053)).toEqual({ value: "0", printed: "-", percent: false, nil: true });
  });

  test.each(["6,O18,043", "12,34", "(1,234", "1,234)", "(-5)", "abc", "1.2.3"])(
    "%s is refused with its line",
    (text) => {
      expect(() => parseFigure(text, 150)).toThrow(/^line 150: /);
    }
  );
});

describe("a broken release is refused with the line to look at", () => {
  test("an empty file", () => {
    expect(ingestError("").message).toBe(
      "line 1: the file is empty; expected the text of a quarterly earnings release"
    );
    expect(ingestError("\n\n  \n").line).toBe(1);
  });

  test("prose without any table", () => {
    expect(ingestError("Kingsoft Cloud Announces Results\n\nNothing else.\n").message).toMatch(
      /no financial tables found/
    );
  });

  release.test("a number that will not parse", () => {
    const e = ingestError(releaseWith({ 150: "\t6,O18,043" }));
    expect(e.line).toBe(150);
    expect(e.message).toContain('cannot read "6,O18,043"');
  });

  release.test("a negative whose closing parenthesis line is lost", () => {
    const e = ingestError(releaseWith({ 560: null }));
    expect(e.line).toBe(559);
    expect(e.message).toContain("(1,651,671");
  });

  release.test("a truncated table (file cut inside the cash flow statement)", () => {
    const cut = releaseText().split("\n").slice(0, 1338).join("\n");
    const e = ingestError(cut);
    expect(e.line).toBe(1335);
    expect(e.message).toMatch(/has 3 figures; its header has 4 columns/);
  });

  release.test("a table cut before its last rows", () => {
    const cut = releaseText().split("\n").slice(0, 1328).join("\n");
    const e = ingestError(cut);
    expect(e.message).toMatch(/Cash flow statement lacks the rows "Net \(decrease\) increase/);
    expect(e.line).toBe(1258);
  });

  release.test("a row missing a figure", () => {
    const e = ingestError(releaseWith({ 152: null }));
    expect(e.line).toBe(149);
    expect(e.message).toContain(
      'row "Cash and cash equivalents" in "UNAUDITED CONDENSED CONSOLIDATED BALANCE SHEETS" has 2 figures'
    );
  });

  release.test("a row label the catalogue does not know", () => {
    const e = ingestError(releaseWith({ 208: "\tGoodwil" }));
    expect(e.line).toBe(208);
    expect(e.message).toContain(
      'row "Goodwil" (section "Non-current assets") in the Balance sheet has no stable id'
    );
  });

  release.test("a header with fewer years than dates", () => {
    const e = ingestError(releaseWith({ 117: "\t" }));
    expect(e.message).toMatch(/has 3 dates but 2 years/);
  });

  release.test("a percentage in a table of amounts", () => {
    const e = ingestError(releaseWith({ 151: "\t4,903,797%" }));
    expect(e.line).toBe(151);
    expect(e.message).toContain("is a percentage in a table of amounts");
  });

  release.test("a prose figure nothing explains", () => {
    const e = ingestError(releaseWith({ 100: "Other information: 17 data centres" }));
    expect(e.line).toBe(100);
    expect(e.message).toContain('the prose figure "17" is not understood');
  });

  release.test("a change with no way to tell its basis", () => {
    const e = ingestError(releaseWith({ 51: "Outstanding ordinary shares decreased by 2.0%." }));
    expect(e.line).toBe(51);
    expect(e.message).toContain('cannot tell whether "decreased by 2.0%"');
  });

  release.test("two different convenience rates", () => {
    const text = releaseText().replace(
      "were made at a rate of RMB6.8980 to US$1.00",
      "were made at a rate of RMB6.8890 to US$1.00"
    );
    const e = ingestError(text);
    expect(e.line).toBe(78);
    expect(e.message).toContain(
      "RMB6.8890 on 2026-03-31 here but RMB6.8980 on 2026-03-31 at line 19"
    );
  });

  release.test("prose announcing another quarter than the tables hold", () => {
    const text = releaseText().replace(
      "Unaudited First Quarter 2026",
      "Unaudited Second Quarter 2026"
    );
    const e = ingestError(text);
    expect(e.line).toBe(3);
    expect(e.message).toContain("announces results for 2026Q2 but the tables end at 2026Q1");
  });

  release.test("text that is not a cell inside a table", () => {
    const e = ingestError(releaseWith({ 151: "4,903,797" }));
    expect(e.line).toBe(151);
    expect(e.message).toContain("table cells start with a tab");
  });
});
