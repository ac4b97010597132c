import { readRelease } from "../../../../src/data/ingest/build";
import { decodeRelease } from "../../../../src/data/ingest/encoding";
import { IngestError } from "../../../../src/data/ingest/errors";
import { ingestReleaseText } from "../../../../src/data/ingest/ingest";
import type { Dataset, Fact } from "../../../../src/domain/dataset";
import { failures } from "../../../../src/data/validate";
import { release, releaseText, releaseWith } from "../../../helpers/release";
import { releaseHtml } from "../../../helpers/release-forms";
import { thrown } from "../../../helpers/thrown";

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

test("pages of text after the company name are refused as no table title, in a short line", () => {
  const text = `KINGSOFT CLOUD HOLDINGS LIMITED\n${"words ".repeat(2000)}\n\t\n\tDec 31,\n`;
  const e = thrown(IngestError, () => readRelease(text, "odd.txt"));
  expect(e.problem).toMatch(/^11999 characters of text follow "words words/);
  expect(e.problem.length).toBeLessThan(200);
});

test("an HTML page that declares windows-1252 is read in it; undeclared, its bytes are refused", () => {
  const page = (meta: string) =>
    Uint8Array.from([
      ...new TextEncoder().encode(`<html><head>${meta}</head><body><p>It`),
      0x92,
      ...new TextEncoder().encode("s cloud</p></body></html>"),
    ]);
  expect(decodeRelease(page('<meta charset="windows-1252">'))).toContain("It\u2019s cloud");
  expect(
    decodeRelease(page('<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">'))
  ).toContain("It\u2019s cloud");
  expect(thrown(IngestError, () => decodeRelease(page(""))).problem).toMatch(/is not UTF-8/);
});
