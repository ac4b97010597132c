import {
  CONVERSIONS_NAMESPACE,
  ConversionRecord,
  MAX_RECORD_CHARS,
  conversionXml,
  readConversionXml,
} from "../../../src/data/conversions";

/** The record of a conversion to values, written and read back as untrusted input. */

const record: ConversionRecord = {
  id: "0a1b2c3d",
  at: "2026-05-20T08:31:02.000Z",
  sheet: "DCF <model> & co",
  sheetId: "{00000000-0001-0000-0003-000000000000}",
  address: "'DCF <model> & co'!A1:C7",
  cells: [
    {
      address: "B1",
      area: "B1",
      formula: '=KC.VALUE("revenue.total","2026Q1")*2',
      shown: [[4691356]],
      note: { after: "Was =KC.VALUE(...)\nSource: <table> & row" },
    },
    {
      address: "B7",
      area: "B7:D8",
      formula: '=KC.SERIES("revenue.total")',
      shown: [
        ["'1Q25", "'=HYPERLINK(1)", true],
        [1, "#N/A", "\u0001\uFFFE"],
      ],
      note: { before: "mine", after: "mine\n\nWas =KC.SERIES(...)" },
    },
  ],
};

const withJson = (json: string) =>
  `<conversion xmlns="${CONVERSIONS_NAMESPACE}">${json.replace(/&/g, "&amp;").replace(/</g, "&lt;")}</conversion>`;
const mutated = (f: (r: Record<string, unknown>) => void) => {
  const r = JSON.parse(JSON.stringify(record)) as Record<string, unknown>;
  f(r);
  return conversionXml(r as unknown as ConversionRecord);
};
const problem = (xml: string) => {
  const read = readConversionXml(xml);
  return read.kind === "refused" ? read.problem : "held";
};

test("a record reads back exactly as written, whatever its text holds", () => {
  const xml = conversionXml(record);
  expect(xml).toMatch(new RegExp(`^<\\?xml[^>]*\\?><conversion xmlns="${CONVERSIONS_NAMESPACE}">`));
  expect(readConversionXml(xml)).toEqual({ kind: "held", record });
});

test.each([
  [
    "a DTD",
    `<!DOCTYPE x [<!ENTITY a "b">]>${conversionXml(record).replace(/^<\?xml[^>]*\?>/, "")}`,
    "document type",
  ],
  ["not XML", "<conversion", "not well-formed XML"],
  [
    "another namespace",
    '<conversion xmlns="urn:other">{}</conversion>',
    "its root is {urn:other}conversion",
  ],
  [
    "a child element",
    `<conversion xmlns="${CONVERSIONS_NAMESPACE}"><x/></conversion>`,
    "holds an element",
  ],
  [
    "an attribute",
    `<conversion xmlns="${CONVERSIONS_NAMESPACE}" format="2">{}</conversion>`,
    'an attribute the format lacks ("format")',
  ],
  ["not JSON", withJson("{"), "not valid JSON"],
  ["a __proto__ key", withJson('{"__proto__":{"id":"x"}}'), '"__proto__"'],
  ["an array", withJson("[]"), "the record is not an object"],
  ["an extra field", mutated((r) => (r.extra = 1)), 'a field the format lacks ("extra")'],
  ["no cells", mutated((r) => delete r.cells), 'lacks its field "cells"'],
  ["an id of another form", mutated((r) => (r.id = "../x")), "its id"],
  ["a time that is no time", mutated((r) => (r.at = "yesterday")), "its time"],
  ["a sheet name too long", mutated((r) => (r.sheet = "x".repeat(32))), "1 to 31"],
  ["empty cells", mutated((r) => (r.cells = [])), "1 to 5000"],
  [
    "a cell off the grid",
    mutated((r) => ((r.cells as { address: string }[])[0].address = "XFE1")),
    "not a cell",
  ],
  [
    "an area elsewhere",
    mutated((r) => ((r.cells as { area: string }[])[0].area = "C1")),
    "does not start at its cell",
  ],
  [
    "values not the area's shape",
    mutated((r) => ((r.cells as { shown: unknown }[])[1].shown = [[1]])),
    "not a 2 by 3 grid",
  ],
  [
    "an object among the values",
    mutated((r) => ((r.cells as { shown: unknown }[])[0].shown = [[{}]])),
    "other than a figure or text",
  ],
  [
    "a value that is no formula",
    mutated((r) => ((r.cells as { formula: string }[])[0].formula = "1")),
    'does not start with "="',
  ],
  [
    "a note that is not text",
    mutated((r) => ((r.cells as { note: unknown }[])[0].note = { after: 1 })),
    "note is not text",
  ],
  [
    "a cell twice",
    mutated((r) => (r.cells = [(r.cells as unknown[])[0], (r.cells as unknown[])[0]])),
    "B1 twice",
  ],
])("refused: %s", (_, xml, words) => {
  const p = problem(xml);
  expect(p).toContain(words);
  expect(p).toMatch(
    /^A record of a conversion to values in this workbook was not read: .*; type the formulas again where you need them\.$/s
  );
});

test("a part larger than KC Financials writes is refused before it is parsed", () => {
  expect(problem(" ".repeat(MAX_RECORD_CHARS + 1))).toContain("never writes more than");
});

test("an empty note of the analyst's before the conversion reads back as it was", () => {
  const empty: ConversionRecord = {
    ...record,
    cells: [{ ...record.cells[0], note: { before: "", after: "Was =KC.VALUE(...)" } }],
  };
  expect(readConversionXml(conversionXml(empty))).toEqual({ kind: "held", record: empty });
});
