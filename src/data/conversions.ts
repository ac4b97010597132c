import { XmlError, readXml } from "./xml-reader";

/**
 * The record of a conversion of KC formulas to values, as the workbook carries it: one custom XML
 * part per conversion, written in the same batch as the values, so that "Restore formulas" works
 * after the workbook is closed and opened again, on any machine (the pane's memory is gone by
 * then). A part is used for the reasons given in src/data/stored.ts; its namespace carries the
 * format's version, so a later format is a namespace this version does not look in, never one it
 * misreads:
 *
 *   <conversion xmlns="urn:kc-financials:conversions:1">{"id":"…","at":"…",…}</conversion>
 *
 * The record holds what the analyst's own cells held and showed: each formula, the values it
 * showed, the cell's note before and after. Reading it is reading untrusted input (a workbook from
 * anyone can carry a part in this namespace): the size, the XML (no DTD), the root element, then
 * every field of the JSON, through Maps rather than plain objects, with no key the format lacks.
 * Anything that does not fit refuses the whole record, in words.
 */

export const CONVERSIONS_NAMESPACE = "urn:kc-financials:conversions:1";

/** More than any selection the pane converts in one go writes (about 200 bytes a cell). */
export const MAX_RECORD_CHARS = 2_000_000;

/** The most formulas one conversion replaces: its record stays well within MAX_RECORD_CHARS. */
export const MAX_RECORD_CELLS = 5000;

/** Excel's limits: a formula's length, a cell's text, a sheet name, the grid. */
const MAX_FORMULA = 8192;
const MAX_TEXT = 32767;
const MAX_SHEET_NAME = 31;
const MAX_ROW = 1048576;
const MAX_COL = 16384;

/** One formula replaced by its values: where, what it was, what it showed, and its note. */
export interface ConvertedCell {
  /** The formula's cell ("B7"), and the cells its values went to ("B7:F7" for a spilled array). */
  address: string;
  area: string;
  formula: string;
  /** The values as written back: text behind its apostrophe, errors as their literal. */
  shown: (string | number | boolean)[][];
  note: { before?: string; after: string };
}

export interface ConversionRecord {
  /** The conversion's own token: how its part is found again. */
  id: string;
  /** When it was made (ISO 8601, UTC). */
  at: string;
  sheet: string;
  sheetId: string;
  /** The selection converted, as Excel named it ("DCF!A1:C7"). */
  address: string;
  cells: ConvertedCell[];
}

export type RecordRead =
  { kind: "held"; record: ConversionRecord } | { kind: "refused"; problem: string };

const XML_ESCAPES = new Map([
  ["&", "&amp;"],
  ["<", "&lt;"],
  [">", "&gt;"],
]);

/** XML 1.0's characters (https://www.w3.org/TR/xml/#charsets); JSON escapes the others. */
const NOT_XML_CHAR = /[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** The record as the text of its custom XML part. */
export function conversionXml(record: ConversionRecord): string {
  const json = JSON.stringify(record)
    .replace(NOT_XML_CHAR, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`)
    .replace(/[&<>]/g, (c) => XML_ESCAPES.get(c) as string);
  return `<?xml version="1.0" encoding="UTF-8"?><conversion xmlns="${CONVERSIONS_NAMESPACE}">${json}</conversion>`;
}

/** The record a part holds, or why it is refused. */
export function readConversionXml(xml: string): RecordRead {
  if (xml.length > MAX_RECORD_CHARS)
    return refused(
      `it is ${xml.length.toLocaleString("en-US")} characters long; KC Financials never writes more than ${MAX_RECORD_CHARS.toLocaleString("en-US")}`
    );
  const text = envelope(xml);
  if (text.kind === "refused") return text;
  let json: unknown;
  try {
    json = JSON.parse(text.json, (key, value: unknown) => {
      if (key === "__proto__") throw new SyntaxError(`a key named "__proto__"`);
      // Objects become Maps: a field is read with get(), never through a prototype.
      return value !== null && typeof value === "object" && !Array.isArray(value)
        ? new Map(Object.entries(value))
        : value;
    });
  } catch (e) {
    return refused(`its record is not valid JSON (${e instanceof Error ? e.message : String(e)})`);
  }
  try {
    return { kind: "held", record: recordOf(json) };
  } catch (e) {
    if (e instanceof RecordError) return refused(e.message);
    throw e;
  }
}

class RecordError extends Error {}

function refused(problem: string): Extract<RecordRead, { kind: "refused" }> {
  return {
    kind: "refused",
    problem: `A record of a conversion to values in this workbook was not read: ${problem}. Its cells keep their values; type the formulas again where you need them.`,
  };
}

function fields(v: unknown, what: string, required: string[], optional: string[] = []) {
  if (!(v instanceof Map)) throw new RecordError(`${what} is not an object`);
  const m = v as Map<string, unknown>;
  const known = new Set([...required, ...optional]);
  const extra = [...m.keys()].filter((k) => !known.has(k));
  if (extra.length)
    throw new RecordError(`${what} has a field the format lacks ("${extra[0].slice(0, 20)}")`);
  const missing = required.filter((k) => !m.has(k));
  if (missing.length) throw new RecordError(`${what} lacks its field "${missing[0]}"`);
  return m;
}

function text(v: unknown, what: string, max: number, pattern?: RegExp, min = 1): string {
  if (typeof v !== "string") throw new RecordError(`${what} is not text`);
  if (v.length < min || v.length > max)
    throw new RecordError(`${what} is ${v.length} characters long; it should be ${min} to ${max}`);
  if (pattern && !pattern.test(v))
    throw new RecordError(`${what} ("${v.slice(0, 20)}") is not of the form KC Financials writes`);
  return v;
}

const CELL = /^([A-Z]{1,3})([1-9]\d{0,6})$/;

function cell(address: string, what: string): { r: number; c: number } {
  const m = CELL.exec(address);
  const c = m ? [...m[1]].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1 : -1;
  const r = m ? Number(m[2]) - 1 : -1;
  if (!m || r >= MAX_ROW || c >= MAX_COL)
    throw new RecordError(`${what} ("${address.slice(0, 20)}") is not a cell of a sheet`);
  return { r, c };
}

function convertedCell(v: unknown, k: number): ConvertedCell {
  const what = `cell ${k + 1}`;
  const m = fields(v, what, ["address", "area", "formula", "shown", "note"]);
  const address = text(m.get("address"), `${what}'s address`, 10);
  const at = cell(address, `${what}'s address`);
  const area = text(m.get("area"), `${what}'s area`, 21);
  const [from, to = from, ...more] = area.split(":");
  const a = cell(from, `${what}'s area`);
  const b = cell(to, `${what}'s area`);
  if (more.length || a.r !== at.r || a.c !== at.c || b.r < a.r || b.c < a.c)
    throw new RecordError(`${what}'s area (${area}) does not start at its cell (${address})`);
  const formula = text(m.get("formula"), `${what}'s formula`, MAX_FORMULA);
  if (!formula.startsWith("=")) throw new RecordError(`${what}'s formula does not start with "="`);
  const shown = m.get("shown");
  const rows = b.r - a.r + 1;
  const cols = b.c - a.c + 1;
  if (
    !Array.isArray(shown) ||
    shown.length !== rows ||
    shown.some((row) => !Array.isArray(row) || row.length !== cols)
  )
    throw new RecordError(`${what}'s values are not a ${rows} by ${cols} grid, as its area is`);
  for (const row of shown as unknown[][])
    for (const x of row)
      if (
        !(typeof x === "number" && Number.isFinite(x)) &&
        typeof x !== "boolean" &&
        !(typeof x === "string" && x.length <= MAX_TEXT + 1)
      )
        throw new RecordError(`${what}'s values hold something other than a figure or text`);
  const n = fields(m.get("note"), `${what}'s note`, ["after"], ["before"]);
  const after = text(n.get("after"), `${what}'s note`, MAX_TEXT);
  // A note of the analyst's may be empty; the note the conversion wrote never is.
  const before = n.has("before")
    ? text(n.get("before"), `${what}'s note before`, MAX_TEXT, undefined, 0)
    : undefined;
  return {
    address,
    area,
    formula,
    shown: shown as ConvertedCell["shown"],
    note: before === undefined ? { after } : { before, after },
  };
}

function recordOf(json: unknown): ConversionRecord {
  const m = fields(json, "the record", ["id", "at", "sheet", "sheetId", "address", "cells"]);
  const id = text(m.get("id"), "its id", 32, /^[0-9a-f]{8,32}$/);
  const at = text(m.get("at"), "its time", 30, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
  if (Number.isNaN(Date.parse(at))) throw new RecordError(`its time ("${at}") is no date`);
  const sheet = text(m.get("sheet"), "its sheet's name", MAX_SHEET_NAME);
  const sheetId = text(m.get("sheetId"), "its sheet's id", 100);
  const address = text(m.get("address"), "its selection", MAX_FORMULA);
  const cells = m.get("cells");
  if (!Array.isArray(cells) || cells.length === 0 || cells.length > MAX_RECORD_CELLS)
    throw new RecordError(`its cells are not a list of 1 to ${MAX_RECORD_CELLS}`);
  const converted = cells.map(convertedCell);
  const seen = new Set<string>();
  for (const c of converted) {
    if (seen.has(c.address)) throw new RecordError(`it names the cell ${c.address} twice`);
    seen.add(c.address);
  }
  return { id, at, sheet, sheetId, address, cells: converted };
}

/** The JSON text of a part, or why its XML is refused. */
function envelope(
  xml: string
): { kind: "json"; json: string } | Extract<RecordRead, { kind: "refused" }> {
  let depth = 0;
  let roots = 0;
  let problem: string | undefined;
  let json = "";
  const fail = (p: string) => (problem ??= p);
  try {
    readXml(xml, {
      doctype: () => fail("it declares a document type, which the format never has"),
      open: (tag) => {
        depth++;
        if (depth > 1) return fail(`it holds an element {${tag.uri}}${tag.local} the format lacks`);
        roots++;
        if (tag.uri !== CONVERSIONS_NAMESPACE || tag.local !== "conversion")
          fail(`its root is {${tag.uri}}${tag.local}, not {${CONVERSIONS_NAMESPACE}}conversion`);
        const attributes = [...tag.attributes.keys()];
        if (attributes.length)
          fail(`its root has an attribute the format lacks ("${attributes[0]}")`);
      },
      close: () => depth--,
      text: (t) => {
        if (depth === 1) json += t;
      },
    });
  } catch (e) {
    if (!(e instanceof XmlError)) throw e;
    return refused(`it is not well-formed XML (${e.message})`);
  }
  if (!problem && roots === 0) problem = "it is empty";
  return problem ? refused(problem) : { kind: "json", json };
}
