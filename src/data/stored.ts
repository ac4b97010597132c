import type { Dataset } from "../domain/dataset";
import { isCompact, loadCompact, packDataset } from "./compact";
import { DatasetShapeError } from "./shape";
import { Check, failures, validateDataset } from "./validate";
import { readXml } from "./xml-reader";

/**
 * The releases a workbook was built on, as the workbook carries them: one custom XML part.
 *
 * Why a custom XML part and not the document's settings (Office.context.document.settings): a
 * part is a file of its own inside the .xlsx package (customXml/item1.xml), so it travels with the
 * workbook wherever it is copied, mailed or opened, and any tool that reads Open XML (exceljs,
 * openpyxl, a zip tool) can read it. Settings are one JSON blob per add-in, kept only through
 * `saveAsync`, and Microsoft points to custom XML parts for data "that exceeds the size limits of
 * the document Settings or which has a structured character"
 * (https://learn.microsoft.com/office/dev/add-ins/develop/persisting-add-in-state-and-settings).
 * Parts are Excel JavaScript API 1.5 (Excel.CustomXmlPartCollection,
 * https://learn.microsoft.com/javascript/api/excel/excel.customxmlpartcollection).
 *
 * The part holds the packed dataset (src/data/compact.ts, what the add-in bundles: about a tenth
 * of dataset.json's size) as JSON, XML-escaped, in one element:
 *
 *   <releases xmlns="urn:kc-financials:releases" format="1" generation="2">
 *     <dataset encoding="packed-json">{"compact":1,...}</dataset>
 *   </releases>
 *
 * The namespace is how the add-in finds its part, and stays the same across versions; `format`
 * says how the rest is written, so that a workbook written by a later version is refused in words
 * (update the add-in) rather than taken for a workbook without data and overwritten. `generation`
 * counts the stores: a store adds the new part before it deletes the old one, so a store
 * interrupted between the two leaves both, and the later generation is the one meant.
 *
 * Reading is reading untrusted input (a colleague's file can carry anything): the size, the XML's
 * well-formedness (src/data/xml-reader.ts, strict, which reads no document type: one is
 * refused), the namespace, the format, the JSON, the packed dataset's shape (as the bundled
 * dataset's) and then every identity of the release, proved again. Any failure refuses the whole,
 * with what was wrong and what would be right.
 */

export const STORED_NAMESPACE = "urn:kc-financials:releases";
export const STORED_FORMAT = "1";
const ENCODING = "packed-json";

/**
 * The most characters of stored XML written or read: 7.7 times the 24-quarter dataset
 * (docs/BENCHMARKS.md, `stored_kb_24q`). At three bytes a character at worst, a store stays under
 * 3 MB, and with the model's largest batch (about 0.8 MB at 24 quarters) under the 5 MB that
 * Excel on the web accepts in one request
 * (https://learn.microsoft.com/office/dev/add-ins/concepts/resource-limits-and-performance-optimization);
 * a larger part is more than this add-in ever writes, so it is refused before it is parsed.
 */
export const MAX_STORED_CHARS = 1_000_000;

/** At most this many failed identities are listed; the rest are counted. */
const LISTED = 10;

export type StoredRead =
  { kind: "held"; dataset: Dataset; generation: number } | { kind: "refused"; problems: string[] };

/** A dataset too large to store: the caller says so and stores nothing. */
export class StoredDataTooLargeError extends Error {}

/** XML 1.0's characters (https://www.w3.org/TR/xml/#charsets); JSON escapes the others. */
const NOT_XML_CHAR = /[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

const XML_ESCAPES = new Map([
  ["&", "&amp;"],
  ["<", "&lt;"],
  [">", "&gt;"],
]);

/** The dataset as the text of its custom XML part. */
export function storedXml(ds: Dataset, generation = 1): string {
  // JSON.stringify escapes control characters and lone surrogates; U+FFFE and U+FFFF, which XML
  // forbids, can only stand inside a JSON string, where a \u escape means the same.
  const json = JSON.stringify(packDataset(ds))
    .replace(NOT_XML_CHAR, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`)
    .replace(/[&<>]/g, (c) => XML_ESCAPES.get(c) as string);
  const xml =
    `<?xml version="1.0" encoding="UTF-8"?>` +
    `<releases xmlns="${STORED_NAMESPACE}" format="${STORED_FORMAT}" generation="${generation}">` +
    `<dataset encoding="${ENCODING}">${json}</dataset></releases>`;
  if (xml.length > MAX_STORED_CHARS)
    throw new StoredDataTooLargeError(
      `The releases come to ${xml.length.toLocaleString("en-US")} characters stored; a workbook keeps at most ${MAX_STORED_CHARS.toLocaleString("en-US")} (Excel on the web refuses larger requests). Keep fewer releases in this workbook.`
    );
  return xml;
}

/** The dataset a stored part holds, or why it is refused, in words an analyst can act on. */
export function readStoredXml(xml: string): StoredRead {
  if (xml.length > MAX_STORED_CHARS)
    return refused(
      `The workbook's stored data is ${xml.length.toLocaleString("en-US")} characters long; KC Financials never writes more than ${MAX_STORED_CHARS.toLocaleString("en-US")}, so it was not read.`
    );
  const envelope = readEnvelope(xml);
  if (typeof envelope === "string") return refused(envelope);
  let json: unknown;
  try {
    json = JSON.parse(envelope.json, (key, value: unknown) => {
      // JSON.parse makes "__proto__" an own key, but code that copies with assignment would set
      // the prototype through it: no key of the format has that name.
      if (key === "__proto__")
        throw new SyntaxError(`a key named "__proto__", which the format does not have`);
      return value;
    });
  } catch (e) {
    return refused(
      `The workbook's stored data is not valid JSON (${e instanceof Error ? e.message : String(e)}); it should be the packed dataset KC Financials writes.`
    );
  }
  if (!isCompact(json))
    return refused(
      `The workbook's stored data is not a packed KC dataset (no "compact": 1); it should be the packed dataset KC Financials writes.`
    );
  let dataset: Dataset;
  let failed: Check[];
  try {
    dataset = loadCompact(json);
    failed = failures(validateDataset(dataset));
  } catch (e) {
    // Whatever the cause, the data cannot be answered from: the shape check words most damage,
    // and anything it lets through that the core then trips on is refused all the same.
    const problem =
      e instanceof DatasetShapeError ? e.problem : e instanceof Error ? e.message : String(e);
    return refused(
      `The workbook's stored data is damaged: ${problem}. Add the releases again from the task pane.`
    );
  }
  if (failed.length)
    return refused(
      `${failed.length} identit${failed.length === 1 ? "y does" : "ies do"} not hold in the workbook's stored data: its figures are not the releases' as printed (edited, or damaged). Add the releases again from the task pane.`,
      ...failed.slice(0, LISTED).map(describeCheck),
      ...(failed.length > LISTED ? [`… and ${failed.length - LISTED} more.`] : [])
    );
  return { kind: "held", dataset, generation: envelope.generation };
}

/**
 * What several parts in the namespace hold (a store interrupted between adding the new part and
 * deleting the old leaves two): the latest generation held; refused only if none is held.
 */
export function readStoredParts(xmls: readonly string[]): StoredRead {
  const reads = xmls.map(readStoredXml);
  let best: Extract<StoredRead, { kind: "held" }> | undefined;
  for (const r of reads)
    if (r.kind === "held" && (!best || r.generation > best.generation)) best = r;
  if (best) return best;
  return {
    kind: "refused",
    problems: reads.flatMap((r) => (r.kind === "refused" ? r.problems : [])),
  };
}

/** The releases a dataset holds, as its sources list them ("2026Q1", ...). */
export function releasesOf(ds: Dataset): string[] {
  return ds.sources.map((s) => s.release);
}

/** The releases the bundled dataset has and the workbook's lacks, in the bundle's order. */
export function releasesMissing(workbook: Dataset, bundled: Dataset): string[] {
  const held = new Set(releasesOf(workbook));
  return releasesOf(bundled).filter((r) => !held.has(r));
}

function refused(...problems: string[]): StoredRead {
  return { kind: "refused", problems };
}

function describeCheck(c: Check): string {
  const where = [c.period, c.currency].filter(Boolean).join(" ");
  return `${c.group}: ${c.identity} (${where}): ${c.expected} expected, ${c.actual} found.`;
}

interface Envelope {
  json: string;
  generation: number;
}

/**
 * The JSON text and generation of a stored part, or what is wrong with its XML. Elements are
 * matched by namespace and local name, not by prefix: Excel or another tool may write the same
 * document with other prefixes, quotes or white space.
 */
function readEnvelope(xml: string): Envelope | string {
  let depth = 0;
  let problem: string | undefined;
  let root = false;
  let datasets = 0;
  let inDataset = false;
  let generation = Number.NaN;
  let json = "";
  const fail = (p: string) => (problem ??= p);
  try {
    readXml(xml, {
      doctype: () => fail("it declares a document type, which the format never has"),
      open: (tag) => {
        depth++;
        const { attributes } = tag;
        if (depth === 1) {
          root = true;
          if (tag.uri !== STORED_NAMESPACE || tag.local !== "releases")
            return fail(
              `its root element is {${tag.uri}}${tag.local}; KC Financials writes {${STORED_NAMESPACE}}releases`
            );
          const format = attributes.get("format");
          if (format !== STORED_FORMAT)
            return fail(
              format !== undefined && /^\d+$/.test(format) && Number(format) > Number(STORED_FORMAT)
                ? `it was written by a later version of KC Financials (format ${format}); this version reads format ${STORED_FORMAT}: update the add-in`
                : `its format is ${format === undefined ? "missing" : `"${format.slice(0, 20)}"`}; this version reads format ${STORED_FORMAT}`
            );
          const g = attributes.get("generation") ?? "";
          if (!/^\d{1,15}$/.test(g))
            return fail(`its generation is "${g.slice(0, 20)}"; it should be a whole number`);
          generation = Number(g);
          return;
        }
        if (depth === 2 && tag.uri === STORED_NAMESPACE && tag.local === "dataset") {
          datasets++;
          if (attributes.get("encoding") !== ENCODING)
            return fail(
              `its dataset's encoding is "${(attributes.get("encoding") ?? "missing").slice(0, 20)}"; KC Financials writes "${ENCODING}"`
            );
          inDataset = true;
          return;
        }
        fail(`it holds an element {${tag.uri}}${tag.local} that the format does not have`);
      },
      close: () => {
        depth--;
        inDataset = false;
      },
      text: (t) => {
        if (inDataset) json += t;
        else if (depth > 0 && t.trim()) fail("it holds text outside its dataset element");
      },
    });
  } catch (e) {
    // A document type is refused in the words above; anything else malformed, here.
    if (!problem)
      return `The workbook's stored data is not well-formed XML (${e instanceof Error ? e.message : String(e)}); it should be the XML KC Financials writes.`;
  }
  if (!problem && !root) problem = "it is empty";
  if (!problem && datasets !== 1)
    problem = `it holds ${datasets} dataset elements; KC Financials writes one`;
  return problem ? `The workbook's stored data was not read: ${problem}.` : { json, generation };
}
