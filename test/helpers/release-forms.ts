import { COMPANY_HEADING } from "../../src/data/ingest/layout";
import { linesOf } from "../../src/data/ingest/pieces";

/**
 * SYNTHETIC test fixture, never data: a release in the text layout (../shared/sources, or one of
 * synthetic-releases.ts) laid out as the exhibit's HTML is filed, built here so that the release's
 * sentences stay out of the repository. It has what such filings have and a reader must see
 * through: a head with a script and styles, a hidden block, every non-ASCII character as a
 * numeric entity, non-breaking spaces between figures and their words, paragraphs wrapped over
 * several source lines, footnote marks in <sup>, the company name and the table title in one
 * paragraph split by <br>, tables whose figures sit in <font> inside right-aligned cells, spacer
 * cells holding &#160;, and the closing bracket of a negative figure in a cell of its own (as the
 * text layout has it, a cell per <td>).
 */
export function releaseHtml(text: string): string {
  const out: string[] = [
    "<!DOCTYPE html>",
    "<html>",
    "<head>",
    '<meta charset="utf-8">',
    "<title>EX-99.1 SYNTHETIC fixture</title>",
    "<style>td { font-family: Times; } p { margin: 0 0 6pt 0; }</style>",
    "<script>document.title = 'KINGSOFT CLOUD HOLDINGS LIMITED 1,234';</script>",
    "</head>",
    "<body>",
    '<div style="display: none">KINGSOFT CLOUD HOLDINGS LIMITED 9,999,999 hidden cover data</div>',
  ];
  const lines = linesOf(text);
  let k = 0;
  let inTables = false;
  while (k < lines.length) {
    const line = lines[k];
    if (line.trim() === "") {
      k++;
      continue;
    }
    if (!line.startsWith("\t") && line.trim().startsWith(COMPANY_HEADING)) {
      inTables = true;
      const title = line.trim().slice(COMPANY_HEADING.length).trim();
      const parts = [COMPANY_HEADING, ...(title ? [title] : [])];
      k++;
      // The title lines up to the first cell join the heading's paragraph, a <br> each.
      while (k < lines.length && !lines[k].startsWith("\t")) {
        if (lines[k].trim()) parts.push(lines[k].trim());
        k++;
      }
      out.push(`<p style="text-align: center"><b>${parts.map(entities).join("<br>\n")}</b></p>`);
      out.push('<table cellspacing="0" cellpadding="0" style="width: 100%">', "<tbody>");
      while (k < lines.length && !isHeading(lines[k])) {
        if (!lines[k].startsWith("\t")) {
          k++;
          continue;
        }
        const cells: string[] = [];
        for (; k < lines.length && lines[k].startsWith("\t"); k++) {
          cells.push(...lines[k].split("\t").slice(1));
        }
        const [first, ...rest] = cells.map(cell);
        out.push(`<tr>${first}\n${rest.join("\n")}\n</tr>`);
      }
      out.push("</tbody>", "</table>");
      continue;
    }
    if (inTables) throw new Error(`text between tables at line ${k + 1}: not a release layout`);
    out.push(`<p>${wrap(footnoteMarks(entities(nbspBeforeUnits(line.trim()))))}</p>`);
    k++;
  }
  out.push("</body>", "</html>", "");
  return out.join("\n");
}

function isHeading(line: string): boolean {
  return !line.startsWith("\t") && line.trim().startsWith(COMPANY_HEADING);
}

/** A cell as a filing sets it: spacers hold a non-breaking space, figures sit right in a <font>. */
function cell(text: string, k: number): string {
  const t = text.trim();
  if (t === "") return k % 2 ? '<td style="width: 1%">&#160;</td>' : "<td></td>";
  if (/^[(\d.,)%-]+$/.test(t)) {
    return `<td style="text-align: right"><font size="2">${entities(t)}&#160;</font></td>`;
  }
  return `<td><font size="2">${entities(t)}</font></td>`;
}

/** Every character outside ASCII as a numeric entity, and markup's own characters escaped. */
function entities(text: string): string {
  return [...text]
    .map((c) => {
      if (c === "&") return "&amp;";
      if (c === "<") return "&lt;";
      if (c === ">") return "&gt;";
      const code = c.codePointAt(0) as number;
      return code > 126 || c === "\u00a0" ? `&#${code};` : c;
    })
    .join("");
}

function nbspBeforeUnits(text: string): string {
  return text.replace(/(\d) (million|billion|percent)\b/g, "$1\u00a0$2");
}

/** A digit glued to a word that ends in a small letter ("profit2") is a footnote mark: <sup>. */
function footnoteMarks(html: string): string {
  return html.replace(/\b([A-Za-z-]*[a-z])([1-9])(?=[\s,;:)]|\.(?!\d)|$)/g, "$1<sup>$2</sup>");
}

/** Long paragraphs over several source lines, as HTML editors write them. */
function wrap(html: string): string {
  const words = html.split(" ");
  const lines: string[] = [];
  let current = "";
  for (const w of words) {
    if (current && (current + w).length > 100 && !current.endsWith(">")) {
      lines.push(current);
      current = "";
    }
    current += (current ? " " : "") + w;
  }
  lines.push(current);
  return lines.join("\n    ");
}
