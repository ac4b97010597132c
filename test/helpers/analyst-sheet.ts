import { a1 } from "../../src/sheets/a1";
import type { Model } from "../../src/sheets/model";
import type { FakeExcel } from "./fake-excel";

/**
 * An analyst's sheet with links into every model tab: for each, a line's figure in 1Q25, 4Q25
 * and 1Q26 (fixed periods), in the latest quarter's US$ column and its growth (which mean "the
 * latest quarter"), a check, and a range over the quarters.
 */
export function analystSheet(fake: FakeExcel, m: Model): { fixed: string[]; latest: string[] } {
  const cells: Record<string, unknown> = {};
  const fixed: string[] = [];
  const latest: string[] = [];
  let row = 1;
  for (const plan of m.plans) {
    if (plan.key === "checks") continue;
    const quoted = `'${plan.name}'`;
    const line = plan.cells.find((c) => c.formula && c.col === 5 && c.style !== "check");
    // KC Valuation has one column of figures, not a time axis.
    if (!line) continue;
    const r = line.row + 1;
    const check = plan.cells.find((c) => c.style === "check" && c.col <= 5);
    const put = (formula: string, list: string[]) => {
      cells[`A${row}`] = { formula, value: 0 };
      list.push(`A${row++}`);
    };
    for (const col of [1, 4, 5])
      if (plan.cells.some((c) => c.row === line.row && c.col === col && c.formula))
        put(`=${quoted}!${a1(line.row, col)}*1.1`, fixed);
    put(`=SUM(${quoted}!B${r}:F${r})`, fixed);
    if (check) put(`=${quoted}!${a1(check.row, check.col)}`, fixed);
    const usd = plan.layout.cols.indexOf("latest|USD");
    if (plan.cells.some((c) => c.row === line.row && c.col === usd && c.formula))
      put(`=${quoted}!${a1(line.row, usd)}`, latest);
  }
  fake.addSheet({ name: "Analyst", cells: cells as never });
  return { fixed, latest };
}
