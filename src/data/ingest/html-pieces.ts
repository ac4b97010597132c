import { type DefaultTreeAdapterMap, parse } from "parse5";
import { IngestError } from "./errors";
import { Cell, Piece, PieceStream, linesOf, squeeze } from "./pieces";

/**
 * The exhibit's HTML as pieces, read by parse5: the WHATWG parsing algorithm browsers run, so the
 * command line and the pane see the document a browser would (entities, unclosed cells, stray
 * tags), and it gives each element's line in the file, which becomes the figure's line. Text is
 * read as a browser renders it: each block (paragraph, heading, division) a line of its own, white
 * space and non-breaking spaces one space, hidden elements and scripts left out, footnote marks in
 * <sup> kept glued to their word as the text layout prints them. A table gives a row per <tr>
 * and a cell per <td>, spacer cells and the cell holding a negative figure's closing bracket
 * included: the text layout has the same cells, so the table reads the same.
 */

type Node = DefaultTreeAdapterMap["node"];
type Element = DefaultTreeAdapterMap["element"];

const BLOCKS = new Set([
  "address",
  "article",
  "aside",
  "blockquote",
  "body",
  "caption",
  "center",
  "dd",
  "div",
  "dl",
  "dt",
  "fieldset",
  "figcaption",
  "figure",
  "footer",
  "form",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "header",
  "hr",
  "li",
  "main",
  "nav",
  "ol",
  "p",
  "pre",
  "section",
  "ul",
]);
/** Elements whose content is never shown as text. */
const UNSHOWN = new Set(["head", "script", "style", "template", "noscript", "iframe", "object"]);

export function htmlPieces(html: string): PieceStream {
  const doc = parse(html.replace(/^\uFEFF/, ""), { sourceCodeLocationInfo: true });
  refuseDeepNesting(doc);
  const pieces: Piece[] = [];
  let open: { text: string; line: number } | undefined;
  const flush = () => {
    const text = open && squeeze(open.text);
    if (open && text) pieces.push({ kind: "text", line: open.line, text });
    open = undefined;
  };
  const walk = (node: Node): void => {
    if (node.nodeName === "#text") {
      const { value, sourceCodeLocation } = node as DefaultTreeAdapterMap["textNode"];
      open ??= { text: "", line: sourceCodeLocation?.startLine ?? 1 };
      open.text += value;
      return;
    }
    if (!isElement(node)) {
      if ("childNodes" in node) node.childNodes.forEach(walk);
      return;
    }
    if (!shown(node)) return;
    if (node.tagName === "br") return flush();
    if (node.tagName === "table") {
      flush();
      for (const tr of rowsOf(node)) {
        pieces.push({ kind: "row", line: lineOf(tr), cells: cellsOf(tr) });
      }
      return;
    }
    const block = BLOCKS.has(node.tagName);
    if (block) flush();
    node.childNodes.forEach(walk);
    if (block) flush();
  };
  walk(doc);
  flush();
  return {
    pieces,
    lineCount: linesOf(html).length,
    rowsAre: "a table holds only rows of cells (<tr>, <td>)",
  };
}

/** The table's own rows (in <thead>, <tbody>, <tfoot> or bare), not those of a table in a cell. */
function rowsOf(table: Element): Element[] {
  const rows: Element[] = [];
  const visit = (el: Element) => {
    for (const child of el.childNodes) {
      if (!isElement(child) || !shown(child)) continue;
      if (child.tagName === "tr") rows.push(child);
      else if (child.tagName !== "table") visit(child);
    }
  };
  visit(table);
  return rows;
}

function cellsOf(tr: Element): Cell[] {
  return tr.childNodes.flatMap((c) =>
    isElement(c) && shown(c) && (c.tagName === "td" || c.tagName === "th")
      ? [{ text: squeeze(textOf(c)), line: lineOf(c) }]
      : []
  );
}

function textOf(node: Node): string {
  if (node.nodeName === "#text") return (node as DefaultTreeAdapterMap["textNode"]).value;
  if (isElement(node)) {
    if (!shown(node)) return "";
    if (node.tagName === "br") return " ";
    // Blocks inside a cell ("<p>Current</p><p>assets:</p>") are words apart, as a browser shows them.
    if (BLOCKS.has(node.tagName)) return ` ${node.childNodes.map(textOf).join("")} `;
  }
  return "childNodes" in node ? node.childNodes.map(textOf).join("") : "";
}

/** A page nests a few dozen elements deep; far deeper is not a release, and would overflow. */
const MAX_DEPTH = 512;

function refuseDeepNesting(doc: Node): void {
  const stack: [Node, number][] = [[doc, 0]];
  while (stack.length) {
    const [node, depth] = stack.pop() as [Node, number];
    if (depth > MAX_DEPTH)
      throw new IngestError(
        isElement(node) ? lineOf(node) : 1,
        `the HTML nests elements more than ${MAX_DEPTH} deep; a release's page nests a few dozen. Save the exhibit's page again`
      );
    if ("childNodes" in node) for (const child of node.childNodes) stack.push([child, depth + 1]);
  }
}

function isElement(node: Node): node is Element {
  return "tagName" in node;
}

/** Not rendered: scripts and the like, the hidden attribute, an inline display:none. */
function shown(el: Element): boolean {
  if (UNSHOWN.has(el.tagName)) return false;
  return !el.attrs.some(
    (a) => a.name === "hidden" || (a.name === "style" && /display\s*:\s*none/i.test(a.value))
  );
}

function lineOf(el: Element): number {
  return el.sourceCodeLocation?.startLine ?? 1;
}
