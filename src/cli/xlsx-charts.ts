import JSZip from "jszip";
import { posix } from "path";
import type { ChartPlan, SheetPlan } from "../sheets/types";
import { CellReader, NS, chartXml, escapeXml } from "./chart-xml";

/**
 * Native charts in the exported workbook. exceljs writes no charts, and no maintained library
 * adds them to a workbook exceljs writes (the ones that write charts write the whole workbook
 * their own way, without the cell styles, notes, names and outline the export relies on). So the
 * chart parts are written here, into the package exceljs made: per tab with charts, a drawing part
 * anchoring each chart to its cells, the chart parts, their relationships, the sheet's <drawing>
 * element and the content types (ECMA-376 part 1: 12.3.8, 21.2, 21.3).
 */

const REL = {
  drawing: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing",
  chart: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart",
  package: "http://schemas.openxmlformats.org/package/2006/relationships",
};

const CONTENT_TYPE = {
  drawing: "application/vnd.openxmlformats-officedocument.drawing+xml",
  chart: "application/vnd.openxmlformats-officedocument.drawingml.chart+xml",
};

/**
 * The worksheet's children that follow <drawing> in the schema's sequence (CT_Worksheet): the
 * element goes before the first of them that the sheet has, else at its end.
 */
const AFTER_DRAWING = [
  "legacyDrawing",
  "legacyDrawingHF",
  "drawingHF",
  "picture",
  "oleObjects",
  "controls",
  "webPublishItems",
  "tableParts",
  "extLst",
];

/** The workbook as exceljs wrote it, with the charts of every plan that has some. */
export async function addCharts(
  xlsx: ArrayBuffer | Uint8Array,
  plans: SheetPlan[],
  read: CellReader
): Promise<Buffer> {
  const zip = await JSZip.loadAsync(xlsx);
  for (const plan of plans)
    if (plan.charts.length)
      await addSheetCharts(zip, await sheetPart(zip, plan.name), plan.charts, read);
  return zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
}

async function textOf(zip: JSZip, path: string): Promise<string | undefined> {
  return zip.file(path)?.async("string");
}

async function required(zip: JSZip, path: string): Promise<string> {
  const xml = await textOf(zip, path);
  if (xml === undefined) throw new Error(`The workbook exceljs wrote has no ${path}`);
  return xml;
}

/** The path of a sheet's part, found by its name through the workbook's relationships. */
async function sheetPart(zip: JSZip, name: string): Promise<string> {
  const workbook = await required(zip, "xl/workbook.xml");
  const sheet = [...workbook.matchAll(/<sheet\b[^>]*>/g)]
    .map((m) => m[0])
    .find((tag) => attribute(tag, "name") === escapeXml(name));
  const id = sheet && attribute(sheet, "r:id");
  const target = id && relationships(await required(zip, "xl/_rels/workbook.xml.rels")).get(id);
  if (!target) throw new Error(`The workbook exceljs wrote has no sheet named ${name}`);
  return target.startsWith("/") ? target.slice(1) : posix.join("xl", target);
}

function attribute(tag: string, name: string): string | undefined {
  return new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];
}

/** A relationships part's targets by id. */
function relationships(xml: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of xml.matchAll(/<Relationship\b[^>]*>/g)) {
    const id = attribute(m[0], "Id");
    const target = attribute(m[0], "Target");
    if (id && target) out.set(id, target);
  }
  return out;
}

/** The first of partN.xml (N from 1) that the package does not hold yet. */
function freePart(zip: JSZip, folder: string, stem: string): string {
  for (let n = 1; ; n++)
    if (!zip.file(`${folder}/${stem}${n}.xml`)) return `${folder}/${stem}${n}.xml`;
}

function relsPathOf(part: string): string {
  return posix.join(posix.dirname(part), "_rels", `${posix.basename(part)}.rels`);
}

/** Adds a relationship to a part's relationships (made if it has none); returns its id. */
async function relate(zip: JSZip, from: string, type: string, to: string): Promise<string> {
  const path = relsPathOf(from);
  const xml =
    (await textOf(zip, path)) ??
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${REL.package}"></Relationships>`;
  const taken = relationships(xml);
  let n = taken.size + 1;
  while (taken.has(`rId${n}`)) n++;
  const id = `rId${n}`;
  const target = posix.relative(posix.dirname(from), to);
  zip.file(
    path,
    xml.replace(
      "</Relationships>",
      `<Relationship Id="${id}" Type="${type}" Target="${target}"/></Relationships>`
    )
  );
  return id;
}

async function addSheetCharts(
  zip: JSZip,
  sheet: string,
  charts: ChartPlan[],
  read: CellReader
): Promise<void> {
  const drawing = freePart(zip, "xl/drawings", "drawing");
  const anchors: string[] = [];
  for (const [k, chart] of charts.entries()) {
    const part = freePart(zip, "xl/charts", "chart");
    zip.file(part, chartXml(chart, read));
    const id = await relate(zip, drawing, REL.chart, part);
    anchors.push(anchor(chart, id, k));
    await addContentType(zip, part, CONTENT_TYPE.chart);
  }
  zip.file(
    drawing,
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" xmlns:a="${NS.a}">${anchors.join("")}</xdr:wsDr>`
  );
  await addContentType(zip, drawing, CONTENT_TYPE.drawing);
  const id = await relate(zip, sheet, REL.drawing, drawing);
  zip.file(sheet, withDrawing(await required(zip, sheet), id));
}

/**
 * A chart's frame from the top-left corner of one cell to the top-left corner of another: it
 * moves and grows with the rows and columns inserted under it, as the plan's anchor means.
 */
function anchor(chart: ChartPlan, relId: string, k: number): string {
  const corner = (tag: string, p: { row: number; col: number }) =>
    `<xdr:${tag}><xdr:col>${p.col}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${p.row}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:${tag}>`;
  return (
    `<xdr:twoCellAnchor>${corner("from", chart.anchor.from)}${corner("to", chart.anchor.to)}` +
    `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="${k + 2}" name="${escapeXml(chart.key)}" descr="${escapeXml(chart.title)}"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>` +
    `<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm>` +
    `<a:graphic><a:graphicData uri="${NS.c}"><c:chart xmlns:c="${NS.c}" xmlns:r="${NS.r}" r:id="${relId}"/></a:graphicData></a:graphic>` +
    `</xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor>`
  );
}

/** The sheet's XML with <drawing r:id> where the schema's order puts it. */
export function withDrawing(sheetXml: string, relId: string): string {
  const root = /<worksheet\b[^>]*>/.exec(sheetXml)?.[0] ?? "";
  const declared = root.includes(`xmlns:r="${NS.r}"`);
  const element = `<drawing${declared ? "" : ` xmlns:r="${NS.r}"`} r:id="${relId}"/>`;
  const children = topLevelChildren(sheetXml);
  const follower = children.find((c) => AFTER_DRAWING.includes(c.name));
  const end = sheetXml.lastIndexOf("</worksheet>");
  if (end < 0) throw new Error("The sheet exceljs wrote has no </worksheet>");
  if (children.some((c) => c.name === "drawing"))
    throw new Error("The sheet exceljs wrote has a drawing already");
  const at = follower ? follower.start : end;
  return `${sheetXml.slice(0, at)}${element}${sheetXml.slice(at)}`;
}

/**
 * The root's children by name and where each starts: an element of the same name deeper down
 * (a conditional format's own extLst) is not one of them.
 */
function topLevelChildren(xml: string): { name: string; start: number }[] {
  const out: { name: string; start: number }[] = [];
  let depth = 0;
  for (const m of xml.matchAll(/<(\/?)([A-Za-z][\w:.-]*)[^>]*?(\/?)>/g)) {
    const [, closing, name, selfClosing] = m;
    if (closing) depth--;
    else {
      if (depth === 1) out.push({ name, start: m.index });
      if (!selfClosing) depth++;
    }
  }
  return out;
}

async function addContentType(zip: JSZip, part: string, type: string): Promise<void> {
  const path = "[Content_Types].xml";
  const xml = await required(zip, path);
  zip.file(
    path,
    xml.replace("</Types>", `<Override PartName="/${part}" ContentType="${type}"/></Types>`)
  );
}
