import { Dec } from "../core/decimal";
import { KcError } from "../core/errors";
import type { Financials } from "../core/financials";
import { KcFormulas } from "../core/formulas";
import { checksTab } from "./checks-tab";
import { ModelContext } from "./context";
import { EvalContext, PlanValue, evaluate } from "./expr";
import { reconciliationTab } from "./reconciliation-tab";
import { segmentsTab } from "./segments-tab";
import { cashTies, memoLines, statementLayout, statementTab } from "./statement-tab";
import type { CellRef, CheckCell, Expr, ModelOptions, PlanCell, SheetPlan, TabKey } from "./types";
import { DEFAULT_OPTIONS, TAB_KEYS } from "./types";

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

  /** Every check of every tab (KC Checks lists them again, as links). */
  get checks(): CheckCell[] {
    return this.plans.filter((p) => p.key !== "checks").flatMap((p) => p.checks);
  }

  /** Checks that are not zero (or do not compute). */
  failures(): CheckCell[] {
    return this.checks.filter((c) => {
      const v = this.value(c.at);
      return !(v instanceof Dec) || !v.isZero();
    });
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

  /** The number a KC call gives in Excel: what the exported workbook writes in its place. */
  kcNumber(e: Extract<Expr, { op: "kc" }>): number {
    const v = this.kcValue(e);
    if (!(v instanceof Dec))
      throw new Error(`KC.${e.fn}(${e.args.join(", ")}) has no figure: ${JSON.stringify(v)}`);
    return v.toNumber();
  }

  private kcValue(e: Extract<Expr, { op: "kc" }>): PlanValue {
    try {
      const [item, period, currency, unit] = e.args;
      return e.fn === "VALUE"
        ? this.fin.value(item, period, currency, unit).value
        : this.kcf.exactGrowth(item, period, currency);
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

/** Builds the chosen tabs in the release's order; KC Checks last, over the others' checks. */
export function buildModel(fin: Financials, options: ModelOptions = DEFAULT_OPTIONS): Model {
  const ctx = new ModelContext(fin, options);
  const wanted = (k: TabKey) => options.tabs.includes(k);
  const plans: SheetPlan[] = [];
  if (wanted("income_statement")) {
    plans.push(
      statementTab(
        ctx,
        statementLayout(
          ctx,
          "income_statement",
          "income_statement",
          "Statements of comprehensive loss"
        ),
        (b) =>
          memoLines(
            ctx,
            b,
            "Cost of revenues",
            "Memo: cost of revenues by nature, as stated in the text (rounded to RMB/US$0.1 million)"
          )
      )
    );
  }
  if (wanted("balance_sheet")) {
    plans.push(
      statementTab(ctx, statementLayout(ctx, "balance_sheet", "balance_sheet", "Balance sheets"))
    );
  }
  if (wanted("cash_flow")) {
    plans.push(
      statementTab(
        ctx,
        statementLayout(ctx, "cash_flow", "cash_flow", "Statement of cash flows"),
        (b, rows) => cashTies(ctx, b, rows)
      )
    );
  }
  if (wanted("reconciliation")) plans.push(reconciliationTab(ctx));
  if (wanted("segments")) plans.push(segmentsTab(ctx));
  if (wanted("checks"))
    plans.push(
      checksTab(
        ctx,
        plans.flatMap((p) => p.checks)
      )
    );
  plans.sort((a, b) => TAB_KEYS.indexOf(a.key) - TAB_KEYS.indexOf(b.key));
  return new Model(fin, options, plans);
}
