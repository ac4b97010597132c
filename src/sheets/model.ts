import { Dec } from "../domain/decimal";
import { KcError } from "../domain/errors";
import type { Financials } from "../core/financials";
import { KcFormulas } from "../core/formulas";
import { explainKc, traceKc } from "../core/registry";
import { checksTab } from "./checks-tab";
import { dashboardTab } from "./dashboard-tab";
import { ModelContext } from "./context";
import { EvalContext, PlanValue, evaluate } from "./expr";
import { operatingTab } from "./operating-tab";
import { reconciliationTab } from "./reconciliation-tab";
import { segmentsTab } from "./segments-tab";
import { estimatesTab, finishEstimates } from "./estimates-tab";
import { valuationTab } from "./valuation-tab";
import { balanceSheetTab, cashFlowTab, incomeStatementTab } from "./statement-tab";
import type {
  CellRef,
  CheckCell,
  KcCall,
  ModelOptions,
  PlanCell,
  SheetPlan,
  TabKey,
} from "./types";
import { DEFAULT_OPTIONS, TAB_KEYS, TAB_NEEDS } from "./types";

/**
 * The model: its tabs as plans and every cell's value, computed exactly by the core. The values
 * are what the preview shows and what the exported workbook caches; the formula engine tests prove
 * that the plans' formulas give the same.
 */
export class Model {
  private readonly cells = new Map<string, PlanCell>();
  private readonly memo = new Map<string, PlanValue>();
  private readonly kcf: KcFormulas;

  constructor(
    readonly fin: Financials,
    readonly options: ModelOptions,
    readonly plans: SheetPlan[]
  ) {
    this.kcf = new KcFormulas(fin);
    for (const p of plans) for (const c of p.cells) this.cells.set(key(p.key, c.row, c.col), c);
  }

  get datasetVersion(): string {
    return this.fin.dataset.version;
  }

  /** Every check of every tab (KC Checks links to each once). */
  get checks(): CheckCell[] {
    return this.plans.flatMap((p) => p.checks);
  }

  /** Checks that are not zero (or do not compute). */
  failures(): CheckCell[] {
    return this.checks.filter((c) => {
      const v = this.value(c.at);
      return !(v instanceof Dec) || !v.isZero();
    });
  }

  cell(at: CellRef): PlanCell | undefined {
    return this.cells.get(key(at.tab, at.row, at.col));
  }

  value(at: CellRef): PlanValue {
    const k = key(at.tab, at.row, at.col);
    let v = this.memo.get(k);
    if (v === undefined) {
      const cell = this.cells.get(k);
      v = !cell
        ? ""
        : cell.formula
          ? evaluate(cell.formula, this.evalContext)
          : typeof cell.value === "number"
            ? new Dec(cell.value)
            : (cell.value ?? "");
      this.memo.set(k, v);
    }
    return v;
  }

  /** Where the figure of a KC input comes from in the release, in one line. */
  source(e: KcCall): string {
    return traceKc(this.kcf, e.fn, e.args).sources.join("; ");
  }

  private kcValue(e: KcCall): PlanValue {
    try {
      return explainKc(this.kcf, e.fn, e.args).value;
    } catch (err) {
      if (err instanceof KcError) return { error: err.code, message: err.message };
      throw err;
    }
  }

  private readonly evalContext: EvalContext = {
    cell: (at) => this.value(at),
    kc: (e) => this.kcValue(e),
  };
}

function key(tab: TabKey, row: number, col: number): string {
  return `${tab}!${row},${col}`;
}

/** The tabs asked for and every tab they link to, in workbook order. */
export function tabsWithSources(options: ModelOptions): TabKey[] {
  const wanted = new Set<TabKey>(options.tabs);
  // US$ translated at the convenience rate refers to the rate's one cell, among the operating figures.
  if (options.currency === "USD" && wanted.size > 0) wanted.add("operating");
  for (let grew = true; grew;) {
    grew = false;
    for (const tab of [...wanted])
      for (const need of TAB_NEEDS[tab])
        if (!wanted.has(need)) {
          wanted.add(need);
          grew = true;
        }
  }
  return TAB_KEYS.filter((k) => wanted.has(k));
}

const BUILDERS: Partial<Record<TabKey, (ctx: ModelContext) => { finish(): SheetPlan }>> = {
  dashboard: dashboardTab,
  income_statement: incomeStatementTab,
  balance_sheet: balanceSheetTab,
  cash_flow: cashFlowTab,
  reconciliation: reconciliationTab,
  segments: segmentsTab,
  operating: operatingTab,
  estimates: (ctx) => {
    const tab = estimatesTab(ctx);
    return { finish: () => finishEstimates(tab) };
  },
  valuation: valuationTab,
};

/**
 * Builds the chosen tabs (and the tabs they link to): first every tab's lines, so that each
 * figure has its home; then every cell, links resolved; KC Checks last, over the others' checks.
 */
export function buildModel(fin: Financials, options: ModelOptions = DEFAULT_OPTIONS): Model {
  const tabs = tabsWithSources(options);
  const ctx = new ModelContext(fin, { ...options, tabs });
  const grids = tabs.flatMap((k) => {
    const build = BUILDERS[k];
    return build ? [build(ctx)] : [];
  });
  const plans = grids.map((g) => g.finish());
  if (tabs.includes("checks"))
    plans.push(
      checksTab(
        ctx,
        plans.flatMap((p) => p.checks)
      )
    );
  return new Model(fin, ctx.options, plans);
}
