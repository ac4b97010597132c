import { SheetBuilder, widthsOf } from "./builder";
import { checkSlot, growthColumns, timeAxis } from "./columns";
import { OPEN_QUARTERS } from "./grid";
import { ModelContext, ref } from "./context";
import type { CheckCell, SheetPlan } from "./types";
import { FORMATS, TAB_NAMES } from "./types";

/**
 * Every check of the model once, as a link to its cell: one row per checked line, one column per
 * period and currency (growth after), under the count of checks, the count that are not zero, and
 * one overall status that says ALL CHECKS PASS only when every check is 0 and none is an error.
 */
export function checksTab(ctx: ModelContext, checks: CheckCell[]): SheetPlan {
  const b = new SheetBuilder("checks");
  // The latest quarter's growth columns always, even with no check in them (a release that states
  // no growth): a refresh finds them again, and they show the new quarter.
  const ds = ctx.fin.dataset;
  const always = growthColumns(timeAxis(ds), ds.latestQuarter).map(checkSlot);
  const slots = [
    ...new Map([...checks.map((c) => c.slot), ...always].map((s) => [s.key, s])).values(),
  ].sort((x, y) => x.order.localeCompare(y.order));
  const rows = groupByRow(checks);
  const header = 6;
  const first = header + 1;
  const firstCol = 2;
  const tabs = new Set(rows.map((r) => r.tab)).size;
  const lastRow = first + Math.max(rows.length + tabs, 1) - 1;
  const lastCol = firstCol + Math.max(slots.length, 1) - 1;
  const grid = { from: b.ref(first, firstCol), to: b.ref(lastRow, lastCol) };

  b.put(0, 0, ctx.title("Model checks"), "title");
  b.put(1, 0, ctx.notes()[0], "subtitle");
  b.put(
    2,
    0,
    "Each check: calculated minus the release's figure, or two figures it ties; each must be 0",
    "subtitle"
  );
  b.put(3, 0, "Overall status", "total-label");
  b.put(3, firstCol, { op: "status", ...grid }, "status");
  b.put(4, 0, "Checks in the model", "label");
  b.put(4, firstCol, { op: "count", ...grid, failing: false }, "calc", FORMATS.shares);
  b.put(5, 0, "Checks that are not zero", "label");
  b.put(5, firstCol, { op: "count", ...grid, failing: true }, "calc", FORMATS.check);

  b.columns(["labels", "ties", ...slots.map((s) => s.key)]);
  // As on the other tabs, the quarters older than the last five are collapsed.
  const quarterEnds = [
    ...new Set(slots.flatMap((s) => (s.key.startsWith("quarter|") ? [s.key.split("|")[1]] : []))),
  ].sort();
  const older = new Set(quarterEnds.slice(0, Math.max(0, quarterEnds.length - OPEN_QUARTERS)));
  b.collapse(
    slots.flatMap((s, k) =>
      s.key.startsWith("quarter|") && older.has(s.key.split("|")[1]) ? [firstCol + k] : []
    )
  );
  for (let r = 0; r <= header; r++) b.rowKey(r, `top:${r}`);
  b.put(header, 0, "Line checked", "header-left");
  b.put(header, 1, "What it ties", "header-left");
  slots.forEach((s, k) => b.put(header, firstCol + k, s.header, "header"));
  let row = first;
  let tab: string | undefined;
  for (const r of rows) {
    if (r.tab !== tab) {
      tab = r.tab;
      b.rowKey(row, `tab:${r.tab}`);
      b.put(row++, 0, TAB_NAMES[r.tab], "heading");
    }
    b.rowKey(row, `check:${r.tab}|${r.line}`);
    b.put(row, 0, r.line, "label", undefined, 1);
    b.put(row, 1, [...new Set(r.cells.map((c) => c.ties))].join("; "), "label");
    for (const c of r.cells) {
      const col = firstCol + slots.findIndex((s) => s.key === c.slot.key);
      b.put(row, col, ref(c.at), "link", FORMATS.check);
    }
    row++;
  }
  // A check is a small number: its columns as narrow as their headers ("1Q26 US$"), so that with
  // the two label columns and five quarters open the tab prints at 9 pt or more.
  return b.plan(widthsOf(b.written, CHECK_WIDTH), { rows: header + 1, columns: 0 }, ctx.source());
}

/** The narrowest a column of KC Checks is, in characters. */
const CHECK_WIDTH = 11;

interface CheckRow {
  tab: CheckCell["at"]["tab"];
  line: string;
  cells: CheckCell[];
}

/** The checks of one line of one tab go on one row. */
function groupByRow(checks: CheckCell[]): CheckRow[] {
  const rows = new Map<string, CheckRow>();
  for (const c of checks) {
    const key = `${c.at.tab}|${c.at.row}`;
    const row = rows.get(key) ?? { tab: c.at.tab, line: c.line, cells: [] };
    row.cells.push(c);
    rows.set(key, row);
  }
  return [...rows.values()];
}
