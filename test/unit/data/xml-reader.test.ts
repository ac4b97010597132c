import { XmlElement, XmlError, readXml } from "../../../src/data/xml-reader";
import { thrown } from "../../helpers/thrown";

/** What the strict reader makes of a document: its events, in order, or its refusal. */
function events(xml: string): string[] {
  const out: string[] = [];
  const show = (e: XmlElement) =>
    `open {${e.uri}}${e.local}${[...e.attributes].map(([k, v]) => ` ${k}=${JSON.stringify(v)}`).join("")}`;
  readXml(xml, {
    doctype: () => out.push("doctype"),
    open: (e) => out.push(show(e)),
    close: () => out.push("close"),
    text: (t) => out.push(`text ${JSON.stringify(t)}`),
  });
  return out;
}

const refusal = (xml: string) => thrown(XmlError, () => events(xml)).message;

test("elements, attributes, text, CDATA, comments and processing instructions", () => {
  expect(
    events(
      `\uFEFF<?xml version="1.0" encoding="UTF-8"?>\n<!-- a --><?pi x?>` +
        `<r xmlns="urn:a" a='1' b="x&amp;y&#10;z"><c>t &lt;&gt;&quot;&apos;&#x1F600;</c>` +
        `<![CDATA[<raw> & ]]><d/></r>\n`
    )
  ).toEqual([
    'open {urn:a}r a="1" b="x&y z"',
    "open {urn:a}c",
    `text "t <>\\"'😀"`,
    "close",
    'text "<raw> & "',
    "open {urn:a}d",
    "close",
    "close",
  ]);
});

test("namespaces by prefix, in scope, the default one too", () => {
  expect(events(`<p:r xmlns:p="urn:p" xmlns="urn:d"><p:a/><b xmlns="urn:e"/><c/></p:r>`)).toEqual([
    "open {urn:p}r",
    "open {urn:p}a",
    "close",
    "open {urn:e}b",
    "close",
    "open {urn:d}c",
    "close",
    "close",
  ]);
});

test("a document type is told to the caller and never read: no entity is expanded", () => {
  const out: string[] = [];
  expect(() =>
    readXml(`<!DOCTYPE r [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;">]><r>&b;</r>`, {
      doctype: () => out.push("doctype"),
      open: () => out.push("open"),
      close: () => out.push("close"),
      text: (t) => out.push(t),
    })
  ).toThrow(XmlError);
  expect(out).toEqual(["doctype"]);
});

test.each([
  ["", /no root element/],
  ["text", /no root element/],
  ["<r>", /<r> is never closed/],
  ["<r></s>", /<\/s> closes <r>/],
  ["<r/><s/>", /text follows the root element/],
  ['<r a="1" a="2"/>', /attribute a appears twice/],
  ["<r a=1/>", /must be quoted/],
  ['<r a="<"/>', /"<" in an attribute value/],
  ["<r>&nbsp;</r>", /"&nbsp;" is not a reference XML knows/],
  ["<r>&#0;</r>", /"&#0;" is not a reference/],
  ["<r>&#xD800;</r>", /is not a reference/],
  ["<r>]]></r>", /"]]>" in text/],
  ["<r>\u0001</r>", /character U\+0001 is not allowed/],
  ["<r>\uFFFE</r>", /character U\+FFFE is not allowed/],
  ["<p:r/>", /prefix p is not bound/],
  ['<r xmlns:p=""/>', /prefix p is bound to no namespace/],
  ["<r><!-- a -- b --></r>", /"--" inside a comment/],
  ["<r><![CDATA[x</r>", /CDATA section is never closed/],
  ['<r a="1"b="2"/>', /white space before an attribute/],
])("%j is refused: %s", (xml, problem) => {
  expect(refusal(xml)).toMatch(problem);
});

test("a refusal says where: line and column", () => {
  expect(refusal("<r>\n  <a></b>\n</r>")).toMatch(/\(line 2, column 9\)$/);
});
