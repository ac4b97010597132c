/**
 * The values of the cells a KC call's arguments refer to (`=KC.REVENUE(B1,"public")`), read in the
 * caller's next sync, so that the call can be traced to the release as Excel evaluated it.
 */

const CELL_REF =
  /^(?:(?:'(?:[^']|'')+'|[A-Za-z_][\w.]*)!)?\$?[A-Z]{1,3}\$?\d+(?::\$?[A-Z]{1,3}\$?\d+)?$/;

/**
 * Queues reading each reference (relative to `home`, the formula's sheet); after the sync, the
 * returned function gives each one's value (a range's first cell) by its text. References that are
 * not plain cell addresses (names, arrays) are not read: the trace says what it cannot resolve.
 */
export function queueRefReads(
  context: Excel.RequestContext,
  home: Excel.Worksheet,
  refs: string[]
): () => Map<string, unknown> {
  const ranges = [...new Set(refs)]
    .filter((r) => CELL_REF.test(r))
    .map((r): [string, Excel.Range] => {
      const bang = r.lastIndexOf("!");
      const sheet =
        bang < 0
          ? home
          : context.workbook.worksheets.getItem(
              r.slice(0, bang).replace(/^'|'$/g, "").replace(/''/g, "'")
            );
      const range = sheet.getRange(r.slice(bang + 1));
      range.load("values");
      return [r, range];
    });
  return () => new Map(ranges.map(([r, range]) => [r, range.values[0][0]]));
}
