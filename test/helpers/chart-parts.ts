import { XMLParser, XMLValidator } from "fast-xml-parser";

/**
 * A DrawingML chart part read back as what a reader of the chart sees: its kind, its series'
 * references and cached values, colours, titles and axes; and its elements checked against the
 * order of the schema's sequences (ECMA-376 part 1, dml-chart.xsd and dml-main.xsd, transcribed
 * below for the elements the export writes: no SpreadsheetML chart XSD is at hand to validate
 * against, ../shared/office-schemas holds the add-in manifest's only).
 */

export interface XmlNode {
  name: string;
  attrs: Record<string, string>;
  children: XmlNode[];
  text: string;
}

type Parsed = Record<string, unknown>;

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: "",
  parseTagValue: false,
  trimValues: false,
});

function toNode(entry: Parsed): XmlNode {
  const name = Object.keys(entry).find((k) => k !== ":@") as string;
  const kids = (entry[name] as Parsed[]) ?? [];
  const children = kids.filter((k) => !("#text" in k)).map(toNode);
  const text = kids
    .filter((k) => "#text" in k)
    .map((k) => String(k["#text"]))
    .join("");
  return { name, attrs: (entry[":@"] as Record<string, string>) ?? {}, children, text };
}

/** The root element of a part; throws where the XML is not well-formed. */
export function parseXml(xml: string): XmlNode {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw new Error(`not well-formed: ${valid.err.msg} (line ${valid.err.line})`);
  const root = (parser.parse(xml) as Parsed[]).find((e) => !("?xml" in e));
  if (!root) throw new Error("no root element");
  return toNode(root);
}

export function child(node: XmlNode, name: string): XmlNode | undefined {
  return node.children.find((c) => c.name === name);
}

export function all(node: XmlNode, name: string): XmlNode[] {
  return node.children.filter((c) => c.name === name);
}

/** The first element of that name at any depth. */
export function find(node: XmlNode, name: string): XmlNode | undefined {
  for (const c of node.children) {
    if (c.name === name) return c;
    const deeper = find(c, name);
    if (deeper) return deeper;
  }
  return undefined;
}

function path(node: XmlNode, ...names: string[]): XmlNode | undefined {
  return names.reduce<XmlNode | undefined>((n, name) => n && child(n, name), node);
}

const val = (node: XmlNode | undefined): string | undefined => node?.attrs.val;

/** Rich text as it reads: every run of every paragraph. */
function richText(title: XmlNode | undefined): string | undefined {
  const rich = title && path(title, "c:tx", "c:rich");
  if (!rich) return undefined;
  return all(rich, "a:p")
    .map((p) => all(p, "a:r").map((r) => child(r, "a:t")?.text ?? ""))
    .join("");
}

/** The schema's EG_AxShared group: the children every axis begins with, in order. */
const AX_SHARED = [
  "c:axId",
  "c:scaling",
  "c:delete",
  "c:axPos",
  "c:majorGridlines",
  "c:minorGridlines",
  "c:title",
  "c:numFmt",
  "c:majorTickMark",
  "c:minorTickMark",
  "c:tickLblPos",
  "c:spPr",
  "c:txPr",
  "c:crossAx",
  "c:crosses",
  "c:crossesAt",
];

/** Each sequence's children in the schema's order (only those the export may write). */
const SEQUENCES: Record<string, string[]> = {
  "c:chartSpace": [
    "c:date1904",
    "c:lang",
    "c:roundedCorners",
    "c:style",
    "c:clrMapOvr",
    "c:pivotSource",
    "c:protection",
    "c:chart",
    "c:spPr",
    "c:txPr",
    "c:externalData",
    "c:printSettings",
    "c:userShapes",
    "c:extLst",
  ],
  "c:chart": [
    "c:title",
    "c:autoTitleDeleted",
    "c:pivotFmts",
    "c:view3D",
    "c:floor",
    "c:sideWall",
    "c:backWall",
    "c:plotArea",
    "c:legend",
    "c:plotVisOnly",
    "c:dispBlanksAs",
    "c:showDLblsOverMax",
    "c:extLst",
  ],
  "c:title": ["c:tx", "c:layout", "c:overlay", "c:spPr", "c:txPr", "c:extLst"],
  "c:tx": ["c:strRef", "c:rich", "c:v"],
  "c:rich": ["a:bodyPr", "a:lstStyle", "a:p"],
  "c:txPr": ["a:bodyPr", "a:lstStyle", "a:p"],
  "a:p": ["a:pPr", "a:r", "a:br", "a:fld", "a:endParaRPr"],
  "a:pPr": ["a:lnSpc", "a:spcBef", "a:spcAft", "a:buClrTx", "a:defRPr", "a:extLst"],
  "a:r": ["a:rPr", "a:t"],
  "a:defRPr": ["a:ln", "a:noFill", "a:solidFill", "a:latin", "a:ea", "a:cs"],
  "c:plotArea": [
    "c:layout",
    "c:barChart",
    "c:lineChart",
    "c:catAx",
    "c:valAx",
    "c:dTable",
    "c:spPr",
    "c:extLst",
  ],
  "c:barChart": [
    "c:barDir",
    "c:grouping",
    "c:varyColors",
    "c:ser",
    "c:dLbls",
    "c:gapWidth",
    "c:overlap",
    "c:serLines",
    "c:axId",
    "c:extLst",
  ],
  "c:lineChart": [
    "c:grouping",
    "c:varyColors",
    "c:ser",
    "c:dLbls",
    "c:dropLines",
    "c:hiLowLines",
    "c:upDownBars",
    "c:marker",
    "c:smooth",
    "c:axId",
    "c:extLst",
  ],
  // A column's series and a line's merged: the elements of both, in the order both keep.
  "c:ser": [
    "c:idx",
    "c:order",
    "c:tx",
    "c:spPr",
    "c:marker",
    "c:invertIfNegative",
    "c:pictureOptions",
    "c:dPt",
    "c:dLbls",
    "c:trendline",
    "c:errBars",
    "c:cat",
    "c:val",
    "c:smooth",
    "c:shape",
    "c:extLst",
  ],
  "c:marker": ["c:symbol", "c:size", "c:spPr", "c:extLst"],
  "c:strRef": ["c:f", "c:strCache", "c:extLst"],
  "c:numRef": ["c:f", "c:numCache", "c:extLst"],
  "c:strCache": ["c:ptCount", "c:pt", "c:extLst"],
  "c:numCache": ["c:formatCode", "c:ptCount", "c:pt", "c:extLst"],
  "c:catAx": [
    ...AX_SHARED,
    "c:auto",
    "c:lblAlgn",
    "c:lblOffset",
    "c:tickLblSkip",
    "c:tickMarkSkip",
    "c:noMultiLvlLbl",
    "c:extLst",
  ],
  "c:valAx": [
    ...AX_SHARED,
    "c:crossBetween",
    "c:majorUnit",
    "c:minorUnit",
    "c:dispUnits",
    "c:extLst",
  ],
  "c:scaling": ["c:logBase", "c:orientation", "c:max", "c:min", "c:extLst"],
  "c:legend": [
    "c:legendPos",
    "c:legendEntry",
    "c:layout",
    "c:overlay",
    "c:spPr",
    "c:txPr",
    "c:extLst",
  ],
  "c:legendEntry": ["c:idx", "c:delete", "c:txPr", "c:extLst"],
  "c:spPr": ["a:xfrm", "a:noFill", "a:solidFill", "a:ln", "a:effectLst", "a:extLst"],
  "a:ln": ["a:noFill", "a:solidFill", "a:prstDash", "a:round", "a:bevel", "a:miter", "a:extLst"],
};

/**
 * Where an element's children break its sequence: a child the sequence does not name, or one
 * that comes before a sibling the sequence puts ahead of it. Empty where the part is in order.
 */
export function outOfOrder(node: XmlNode, where = node.name): string[] {
  const order = SEQUENCES[node.name];
  const own: string[] = [];
  if (order) {
    let last = -1;
    for (const c of node.children) {
      const at = order.indexOf(c.name);
      if (at < 0) own.push(`${where}: ${c.name} is not one of its children`);
      else if (at < last) own.push(`${where}: ${c.name} comes after ${order[last]}`);
      else last = at;
    }
  }
  return [...own, ...node.children.flatMap((c) => outOfOrder(c, `${where}/${c.name}`))];
}

export interface ChartSeriesRead {
  nameRef: string;
  nameCache: string;
  categoriesRef: string;
  categories: string[];
  valuesRef: string;
  /** Cached values by point, undefined where the cache has no point (a gap). */
  values: (number | undefined)[];
  /** RRGGBB, or "none" for no fill and no line. */
  color: string;
}

export interface ChartRead {
  type: string;
  grouping?: string;
  overlap?: string;
  barDir?: string;
  title?: string;
  series: ChartSeriesRead[];
  categoryAxisTitle?: string;
  valueAxisTitle?: string;
  valueFormat?: { code: string; sourceLinked: string };
  legend?: { position?: string; deleted: number[] };
  dispBlanksAs?: string;
  plotVisOnly?: string;
}

function cache(ref: XmlNode | undefined, cacheName: string): (string | undefined)[] {
  const c = ref && child(ref, cacheName);
  if (!c) return [];
  const out: (string | undefined)[] = Array.from({ length: Number(val(child(c, "c:ptCount"))) });
  for (const pt of all(c, "c:pt")) out[Number(pt.attrs.idx)] = child(pt, "c:v")?.text;
  return out;
}

function colorOf(ser: XmlNode): string {
  const sp = child(ser, "c:spPr");
  const line = sp && child(sp, "a:ln");
  if (sp && child(sp, "a:noFill") && line && child(line, "a:noFill")) return "none";
  const solid = sp && (child(sp, "a:solidFill") ?? (line && child(line, "a:solidFill")));
  return val(solid && child(solid, "a:srgbClr")) ?? "";
}

/** A chart part as its reader sees it. */
export function readChart(xml: string): ChartRead {
  const space = parseXml(xml);
  const chart = child(space, "c:chart") as XmlNode;
  const plot = child(chart, "c:plotArea") as XmlNode;
  const group = plot.children.find((c) => /^c:\w+Chart$/.test(c.name)) as XmlNode;
  const axisTitle = (name: string) => {
    const axis = child(plot, name);
    return axis && richText(child(axis, "c:title"));
  };
  const numFmt = path(plot, "c:valAx", "c:numFmt");
  const legend = child(chart, "c:legend");
  return {
    type: group.name,
    grouping: val(child(group, "c:grouping")),
    overlap: val(child(group, "c:overlap")),
    barDir: val(child(group, "c:barDir")),
    title: richText(child(chart, "c:title")),
    series: all(group, "c:ser").map((ser) => {
      const name = path(ser, "c:tx", "c:strRef");
      const cat = path(ser, "c:cat", "c:strRef");
      const values = path(ser, "c:val", "c:numRef");
      return {
        nameRef: child(name as XmlNode, "c:f")?.text ?? "",
        nameCache: cache(name, "c:strCache")[0] ?? "",
        categoriesRef: (cat && child(cat, "c:f")?.text) ?? "",
        categories: cache(cat, "c:strCache").map((v) => v ?? ""),
        valuesRef: (values && child(values, "c:f")?.text) ?? "",
        values: cache(values, "c:numCache").map((v) => (v === undefined ? undefined : Number(v))),
        color: colorOf(ser),
      };
    }),
    categoryAxisTitle: axisTitle("c:catAx"),
    valueAxisTitle: axisTitle("c:valAx"),
    valueFormat: numFmt && {
      code: numFmt.attrs.formatCode,
      sourceLinked: numFmt.attrs.sourceLinked,
    },
    legend: legend && {
      position: val(child(legend, "c:legendPos")),
      deleted: all(legend, "c:legendEntry")
        .filter((e) => val(child(e, "c:delete")) === "1")
        .map((e) => Number(val(child(e, "c:idx")))),
    },
    dispBlanksAs: val(child(chart, "c:dispBlanksAs")),
    plotVisOnly: val(child(chart, "c:plotVisOnly")),
  };
}
