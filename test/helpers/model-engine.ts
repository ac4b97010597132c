import type { HyperFormula } from "hyperformula";
import { createEngine } from "../../src/cli/formula-engine";
import { KcFormulas } from "../../src/core/formulas";
import { renderFormula } from "../../src/sheets/expr";
import type { Model } from "../../src/sheets/model";
import type { TabKey } from "../../src/sheets/types";
import { TAB_NAMES } from "../../src/sheets/types";

/** The model's tabs loaded into HyperFormula (with the KC plugin), formulas as Excel would get them. */
export function modelInEngine(model: Model): {
  engine: HyperFormula;
  sheet: (tab: TabKey) => number;
} {
  const engine = createEngine(new KcFormulas(model.fin));
  const ids = new Map<TabKey, number>();
  for (const plan of model.plans)
    ids.set(plan.key, engine.getSheetId(engine.addSheet(plan.name)) as number);
  engine.batch(() => {
    for (const plan of model.plans) {
      for (const c of plan.cells) {
        const content = c.formula
          ? renderFormula(c.formula, { tab: plan.key, names: TAB_NAMES })
          : c.value;
        engine.setCellContents({ sheet: ids.get(plan.key) as number, row: c.row, col: c.col }, [
          [content ?? null],
        ]);
      }
    }
  });
  return { engine, sheet: (tab) => ids.get(tab) as number };
}
