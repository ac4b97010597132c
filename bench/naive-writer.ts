import { renderFormula } from "../src/sheets/expr";
import type { Model } from "../src/sheets/model";
import { TAB_NAMES } from "../src/sheets/types";
import type { ExcelApi } from "../src/taskpane/writer";

/**
 * The baseline the writer is measured against: what a first attempt does, one cell at a time with
 * a sync after each (to see each write land). It is only for the benchmark.
 */
export async function naiveInsert(model: Model, api: ExcelApi): Promise<number> {
  return api.run(async (context) => {
    let syncs = 0;
    for (const plan of model.plans) {
      const sheet = context.workbook.worksheets.add(plan.name);
      await context.sync();
      syncs++;
      for (const c of plan.cells) {
        const cell = sheet.getCell(c.row, c.col);
        if (c.formula)
          cell.formulas = [[renderFormula(c.formula, { tab: plan.key, names: TAB_NAMES })]];
        else cell.values = [[c.value ?? ""]];
        if (c.format) cell.numberFormat = [[c.format]];
        await context.sync();
        syncs++;
      }
    }
    return syncs;
  });
}
