import { readRelease } from "../../../../src/data/ingest/build";
import { IngestError } from "../../../../src/data/ingest/errors";
import { htmlPieces } from "../../../../src/data/ingest/html-pieces";
import { ingestReleaseText } from "../../../../src/data/ingest/ingest";
import { copiedPieces, detectForm, textPieces } from "../../../../src/data/ingest/pieces";
import type { Dataset, Fact } from "../../../../src/domain/dataset";
import { failures } from "../../../../src/data/validate";
import { release, releaseText, releaseWith } from "../../../helpers/release";
import { releaseHtml } from "../../../helpers/release-forms";
import { thrown } from "../../../helpers/thrown";

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

describe("the exhibit's HTML as pieces", () => {
  const html = [
    "<!DOCTYPE html><html><head><title>KINGSOFT CLOUD 1</title><style>p{}</style></head><body>",
    "<script>var x = '1,234';</script>",
    '<div hidden>secret 1</div><div style="color:red; DISPLAY : none">secret 2</div>',
    "<p>Revenue grew&#160;90%, &#8220;quoted&#8221; &amp; gross profit<sup>2</sup>",
    "   wrapped over lines.</p>",
    "<div>one<br>two<p>inner</p>tail</div>",
    "<table><thead><tr><th></th><th>Mar 31,</th></tr></thead>",
    "<tbody><tr><td>Cash&#160;and <b>cash</b></td>",
    "<td>(1,234</td><td>)</td><td style='width:1%'>&#160;</td></tr>",
    "<tr><td>Nested<table><tr><td>inside</td></tr></table></td><td>5</td></tr>",
    "</tbody></table></body></html>",
  ].join("\n");
  const { pieces } = htmlPieces(html);

  test("each block a line of text, white space and entities as a browser shows them", () => {
    expect(pieces.filter((p) => p.kind === "text")).toEqual([
      {
        kind: "text",
        line: 4,
        text: "Revenue grew 90%, \u201cquoted\u201d & gross profit2 wrapped over lines.",
      },
      { kind: "text", line: 6, text: "one" },
      { kind: "text", line: 6, text: "two" },
      { kind: "text", line: 6, text: "inner" },
      { kind: "text", line: 6, text: "tail" },
    ]);
  });

  test("scripts, styles, the head and hidden elements give no text", () => {
    expect(JSON.stringify(pieces)).not.toMatch(/secret|1,234'|KINGSOFT CLOUD 1/);
  });

  test("a row per <tr>, a cell per <td> or <th>, each at its element's line", () => {
    expect(pieces.filter((p) => p.kind === "row")).toEqual([
      {
        kind: "row",
        line: 7,
        cells: [
          { text: "", line: 7 },
          { text: "Mar 31,", line: 7 },
        ],
      },
      {
        kind: "row",
        line: 8,
        cells: [
          { text: "Cash and cash", line: 8 },
          { text: "(1,234", line: 9 },
          { text: ")", line: 9 },
          { text: "", line: 9 },
        ],
      },
      // A table inside a cell is that cell's text, not rows of the outer table.
      {
        kind: "row",
        line: 10,
        cells: [
          { text: "Nestedinside", line: 10 },
          { text: "5", line: 10 },
        ],
      },
    ]);
  });
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

/** A figure without the line it came from: what every form must give alike. */
function withoutLine(f: Fact): Fact {
  return { ...f, prov: { ...f.prov, line: 0 } };
}

function sameFigures(a: Dataset, b: Dataset): void {
  expect(b.facts.map(withoutLine)).toEqual(a.facts.map(withoutLine));
  expect(b.items).toEqual(a.items);
  expect(b.periods).toEqual(a.periods);
  expect(b.fx.rmbPerUsd).toBe(a.fx.rmbPerUsd);
  const columns = (ds: Dataset) =>
    ds.tables.map((t) => ({ ...t, line: 0, columns: t.columns.map((c) => ({ ...c, line: 0 })) }));
  expect(columns(b)).toEqual(columns(a));
}

release.describe(
  "the release as its exhibit's HTML (SYNTHETIC fixture built from the text)",
  () => {
    const text = releaseText();
    const html = releaseHtml(text);
    const fromText = readRelease(text, "kc-2026q1-earnings-release.txt");
    const ingested = ingestReleaseText(html, "kc-2026q1-exhibit-99-1.htm");

    test("is detected as HTML and gives the same figures, items, periods and tables", () => {
      expect(ingested.form).toBe("html");
      sameFigures(fromText, ingested.dataset);
      expect(failures(ingested.validation)).toEqual([]);
      expect(ingested.validation.checks.length).toBeGreaterThan(100);
    });

    test("each table figure is sourced to the line of its cell in the HTML", () => {
      const lines = html.split("\n");
      const tableFacts = ingested.dataset.facts.filter((f) => f.source === "table");
      expect(tableFacts.length).toBeGreaterThan(300);
      for (const f of tableFacts) {
        // A negative's closing bracket has a cell of its own: the line holds the rest.
        expect(lines[f.prov.line - 1]).toContain(`>${f.prov.printed.replace(/\)$/, "")}`);
      }
    });

    test("each prose figure is sourced to the line of its paragraph in the HTML", () => {
      const lines = html.split("\n");
      const prose = ingested.dataset.facts.filter((f) => f.source === "prose");
      expect(prose.length).toBeGreaterThan(20);
      for (const f of prose) expect(lines[f.prov.line - 1]).toMatch(/^<p>/);
    });

    test("the file's hash is its own", () => {
      expect(ingested.dataset.sources[0].file).toBe("kc-2026q1-exhibit-99-1.htm");
      expect(ingested.dataset.sources[0].sha256).not.toBe(fromText.sources[0].sha256);
    });

    // Damage made to the text, then laid out as HTML: refused with the same problem in both forms,
    // each at the line of its own file where the damage is.
    test.each([
      ["a number that will not parse", { 150: "\t6,O18,043" }, "6,O18,043"],
      ["a negative whose closing bracket is lost", { 560: null }, "(1,651,671"],
      ["a row missing a figure", { 152: null }, "Cash and cash equivalents"],
      ["a label the catalogue does not know", { 208: "\tGoodwil" }, "Goodwil"],
      ["a stray empty cell between two figures", { 589: "\t(144,338)\n\t" }, "<td></td>"],
    ] as [string, Record<number, string | null>, string][])("%s", (_, edits, atLine) => {
      const damaged = releaseWith(edits);
      const asText = thrown(IngestError, () => readRelease(damaged, "broken.txt"));
      const htmlCopy = releaseHtml(damaged);
      const asHtml = thrown(IngestError, () => readRelease(htmlCopy, "broken.htm"));
      expect(asHtml.problem).toBe(asText.problem);
      expect(htmlCopy.split("\n")[asHtml.line - 1]).toContain(atLine);
    });

    test("--format text on the HTML is refused, not read as something else", () => {
      const e = thrown(IngestError, () => readRelease(html, "x.htm", "text"));
      expect(e.problem).toMatch(/^no financial tables found/);
    });
  }
);
