import { IngestError } from "../../../../src/data/ingest/errors";
import { thrown } from "../../../helpers/thrown";
import { htmlPieces } from "../../../../src/data/ingest/html-pieces";

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

test("blocks inside a cell are words apart, as a browser shows them", () => {
  const { pieces } = htmlPieces("<table><tr><td><p>Current</p><p>assets:</p></td></tr></table>");
  expect(pieces).toEqual([{ kind: "row", line: 1, cells: [{ text: "Current assets:", line: 1 }] }]);
});

test("a page nested thousands deep is refused in words, not a stack overflow", () => {
  const deep = `${"<div>".repeat(5000)}x${"</div>".repeat(5000)}`;
  expect(thrown(IngestError, () => htmlPieces(deep)).problem).toMatch(
    /^the HTML nests elements more than 512 deep; a release's page nests a few dozen/
  );
});
