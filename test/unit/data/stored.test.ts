import { syntheticDataset } from "../../../bench/synthetic-dataset";
import { packDataset } from "../../../src/data/compact";
import { bundledDataset } from "../../../src/data/load";
import {
  MAX_STORED_CHARS,
  STORED_NAMESPACE,
  StoredDataTooLargeError,
  StoredRead,
  readStoredParts,
  readStoredXml,
  releasesMissing,
  releasesOf,
  storedXml,
} from "../../../src/data/stored";
import type { Dataset } from "../../../src/domain/dataset";

/** The workbook's stored releases: written as one custom XML part, read back as untrusted input. */

const bundled = bundledDataset();
/** SYNTHETIC (bench/synthetic-dataset.ts, never data): releases 2025Q4 and 2026Q1, every identity holding. */
const two = syntheticDataset(bundled, 2);
/** A copy whose figures can be changed. */
const copy = (ds: Dataset): Dataset => ({ ...ds, facts: ds.facts.map((f) => ({ ...f })) });

function held(r: StoredRead): Dataset {
  if (r.kind !== "held") throw new Error(`refused: ${r.problems.join(" | ")}`);
  return r.dataset;
}

function problems(r: StoredRead): string {
  if (r.kind !== "refused") throw new Error("held, where it should be refused");
  return r.problems.join("\n");
}

/** The JSON a stored part of `ds` carries, for hand-made variants of the envelope. */
const jsonOf = (ds: Dataset) =>
  JSON.stringify(packDataset(ds)).replace(/&/g, "&amp;").replace(/</g, "&lt;");

describe("a dataset stored and read back", () => {
  test("is the same dataset: every figure, field for field", () => {
    const back = held(readStoredXml(storedXml(bundled)));
    expect(JSON.stringify(back)).toBe(JSON.stringify(bundled));
  });

  test("two releases stay two releases, and the generation comes back", () => {
    const r = readStoredXml(storedXml(two, 7));
    expect(releasesOf(held(r))).toEqual(["2025Q4", "2026Q1"]);
    expect(r).toMatchObject({ generation: 7 });
  });

  test("text that is markup, a CDATA end or not XML at all comes back as it was", () => {
    const ds = copy(bundled);
    const odd = `]]> <b>&amp; "quoted" 'too' \u{FFFE}\u{FFFF}\u0001\u2028 €😀`;
    ds.facts[0].prov = { ...ds.facts[0].prov, row: odd };
    const xml = storedXml(ds);
    expect(xml).not.toContain("]]>");
    for (const c of ["\uFFFE", "\uFFFF", "\u0001"]) expect(xml).not.toContain(c);
    expect(held(readStoredXml(xml)).facts[0].prov.row).toBe(odd);
  });

  test("is read however another tool spells the same XML: prefixes, quotes, CDATA, comments", () => {
    const json = JSON.stringify(packDataset(bundled));
    const xml =
      `<?xml version='1.0' encoding='utf-8' standalone='yes'?>\n<!-- saved by another tool -->\n` +
      `<kc:releases xmlns:kc='${STORED_NAMESPACE}' generation='3' format='1'>\n  ` +
      `<kc:dataset encoding='packed-json'><![CDATA[${json}]]></kc:dataset>\n</kc:releases>\n`;
    expect(held(readStoredXml(xml)).version).toBe(bundled.version);
  });

  test("at 24 quarters it is well inside the limit", () => {
    const xml = storedXml(syntheticDataset(bundled, 24));
    expect(xml.length).toBeLessThan(MAX_STORED_CHARS / 3);
  });

  test("a dataset too large to store is refused in words, before anything is written", () => {
    const ds = copy(bundled);
    ds.facts[0].prov = { ...ds.facts[0].prov, row: "x".repeat(MAX_STORED_CHARS) };
    expect(() => storedXml(ds)).toThrow(StoredDataTooLargeError);
    expect(() => storedXml(ds)).toThrow(/at most 1,000,000 .*Keep fewer releases/);
  });
});

describe("stored data is untrusted: refused, saying what is wrong and what would be right", () => {
  test.each([
    [
      "truncated",
      () => storedXml(bundled).slice(0, 500),
      /not well-formed XML.*should be the XML KC Financials writes/,
    ],
    ["not XML at all", () => "{}", /not well-formed XML/],
    ["empty", () => "", /not well-formed XML|it is empty/],
    [
      "another namespace",
      () => storedXml(bundled).replace(STORED_NAMESPACE, "urn:someone-else"),
      /root element is \{urn:someone-else\}releases; KC Financials writes \{urn:kc-financials:releases\}releases/,
    ],
    [
      "a later format",
      () => storedXml(bundled).replace('format="1"', 'format="2"'),
      /later version of KC Financials \(format 2\).*update the add-in/,
    ],
    ["no format", () => storedXml(bundled).replace('format="1"', ""), /format is missing/],
    [
      "a generation that is not a number",
      () => storedXml(bundled).replace(/generation="\d+"/, 'generation="-1"'),
      /generation is "-1"; it should be a whole number/,
    ],
    [
      "a document type declaring entities",
      () =>
        `<!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>` +
        storedXml(bundled).replace(/^<\?xml[^>]*>/, ""),
      /declares a document type/,
    ],
    [
      "an element the format lacks",
      () =>
        storedXml(bundled).replace(
          "</releases>",
          `<macro xmlns="${STORED_NAMESPACE}"/></releases>`
        ),
      /element \{urn:kc-financials:releases\}macro that the format does not have/,
    ],
    [
      "two datasets",
      () => storedXml(bundled).replace(/<dataset[^]*<\/dataset>/, (d) => d + d),
      /2 dataset elements; KC Financials writes one/,
    ],
    [
      "another encoding",
      () => storedXml(bundled).replace('encoding="packed-json"', 'encoding="base64"'),
      /encoding is "base64"; KC Financials writes "packed-json"/,
    ],
    [
      "JSON that is not JSON",
      () => storedXml(bundled).replace('{"', "{'"),
      /not valid JSON.*packed dataset KC Financials writes/,
    ],
    [
      "JSON of something else",
      () => storedXml(bundled).replace(/>\{[^]*\}</, ">[1,2,3]<"),
      /not a packed KC dataset/,
    ],
    [
      "a __proto__ key",
      () => storedXml(bundled).replace('{"', '{"__proto__":{"polluted":1},"'),
      /"__proto__", which the format does not have/,
    ],
  ])("%s", (_name, xml, message) => {
    expect(problems(readStoredXml(xml()))).toMatch(message);
    expect(({} as { polluted?: number }).polluted).toBeUndefined();
  });

  test("a dataset of the wrong shape, with the shape check's own words", () => {
    // Through JSON: the packed form shares its items with the dataset.
    const packed = JSON.parse(JSON.stringify(packDataset(bundled))) as {
      items: { label: unknown }[];
    };
    packed.items[0].label = 5;
    const xml = `<releases xmlns="${STORED_NAMESPACE}" format="1" generation="1"><dataset encoding="packed-json">${JSON.stringify(packed)}</dataset></releases>`;
    expect(problems(readStoredXml(xml))).toMatch(
      /stored data is damaged: item 1: "label" is 5; expected a string\. Add the releases again/
    );
  });

  test("a figure changed so that an identity no longer holds: each failed identity named", () => {
    const ds = copy(bundled);
    const revenue = ds.facts.find(
      (f) =>
        f.item === "revenue.total" && f.period === "2026Q1" && f.currency === "RMB" && !f.laterIn
    ) as Dataset["facts"][number];
    revenue.value = String(Number(revenue.value) + 1);
    const text = problems(readStoredXml(storedXml(ds)));
    expect(text).toMatch(/^\d+ identit(y does|ies do) not hold in the workbook's stored data/);
    expect(text).toMatch(/revenue|Revenue/);
    expect(text).toMatch(/2026Q1 RMB\): -?\d+ expected, -?\d+ found\./);
  });

  test("a part longer than any the add-in writes is not parsed", () => {
    const xml = `<releases xmlns="${STORED_NAMESPACE}">${" ".repeat(MAX_STORED_CHARS)}</releases>`;
    expect(problems(readStoredXml(xml))).toMatch(
      /1,000,0\d\d characters long; KC Financials never writes more than 1,000,000, so it was not read/
    );
  });

  test("a hand-made envelope of a good dataset is read: what is refused above is the damage", () => {
    const xml = `<releases xmlns="${STORED_NAMESPACE}" format="1" generation="1"><dataset encoding="packed-json">${jsonOf(bundled)}</dataset></releases>`;
    expect(held(readStoredXml(xml)).version).toBe(bundled.version);
  });
});

describe("several parts (a store interrupted between adding the new and deleting the old)", () => {
  test("the latest generation held is read", () => {
    const r = readStoredParts([storedXml(two, 4), storedXml(bundled, 3)]);
    expect(releasesOf(held(r))).toEqual(["2025Q4", "2026Q1"]);
    expect(releasesOf(held(readStoredParts([storedXml(bundled, 3), storedXml(two, 4)])))).toEqual([
      "2025Q4",
      "2026Q1",
    ]);
  });

  test("a damaged later part does not hide a good earlier one", () => {
    const r = readStoredParts([storedXml(bundled, 3), storedXml(two, 4).slice(0, 100)]);
    expect(releasesOf(held(r))).toEqual(["2026Q1"]);
  });

  test("none held: every part's problems", () => {
    expect(problems(readStoredParts(["<a/>", "nonsense"]))).toMatch(/root element[^]*well-formed/);
  });
});

test("the releases the bundle has and the workbook lacks, in the bundle's order", () => {
  expect(releasesMissing(bundled, two)).toEqual(["2025Q4"]);
  expect(releasesMissing(two, bundled)).toEqual([]);
  expect(releasesMissing(two, two)).toEqual([]);
});
