import {
  ArraySize,
  CellError,
  EmptyValue,
  ErrorType,
  FunctionArgumentType,
  FunctionPlugin,
  HyperFormula,
  SimpleRangeValue,
} from "hyperformula";
import type { ConfigParams, FunctionPluginDefinition, ImplementedFunctions } from "hyperformula";
import { STATEMENTS } from "../core/arguments";
import { KcError, KcErrorCode, asKcError } from "../domain/errors";
import type { KcFormulas, Matrix } from "../core/formulas";

/**
 * HyperFormula with the KC functions registered as a plugin that calls the same core as the
 * Excel add-in, so that formulas can be evaluated (and model tabs proven) without Excel.
 */

interface KcFunction {
  arity: number;
  run: (k: KcFormulas, args: unknown[]) => number | string | Matrix;
  /** Array results: every argument set the function could be given, to bound its spill. */
  spills?: (k: KcFormulas) => unknown[][];
}

const FUNCTIONS: Record<string, KcFunction> = {
  "KC.VALUE": { arity: 4, run: (k, a) => k.value(a[0], a[1], a[2], a[3]) },
  "KC.REVENUE": { arity: 4, run: (k, a) => k.revenue(a[0], a[1], a[2], a[3]) },
  "KC.NONGAAP": { arity: 4, run: (k, a) => k.nonGaap(a[0], a[1], a[2], a[3]) },
  "KC.GROWTH": { arity: 4, run: (k, a) => k.growth(a[0], a[1], a[2], a[3]) },
  "KC.MARGIN": { arity: 2, run: (k, a) => k.margin(a[0], a[1]) },
  "KC.SOURCE": { arity: 3, run: (k, a) => k.source(a[0], a[1], a[2]) },
  "KC.FXRATE": { arity: 0, run: (k) => k.fx() },
  "KC.SERIES": {
    arity: 3,
    run: (k, a) => k.series(a[0], a[1], a[2]),
    spills: (k) => k.fin.catalogue.items.map((i) => [i.id]),
  },
  "KC.TABLE": {
    arity: 3,
    run: (k, a) => k.table(a[0], a[1], a[2]),
    spills: () => STATEMENTS.map((s) => [s]),
  },
  "KC.PERIODS": { arity: 0, run: (k) => k.periods(), spills: () => [[]] },
  "KC.ITEMS": {
    arity: 1,
    run: (k, a) => k.items(a[0]),
    spills: () => [[], ...STATEMENTS.map((s) => [s])],
  },
};

const ERROR_TYPES: Record<KcErrorCode, ErrorType> = {
  "#N/A": ErrorType.NA,
  "#VALUE!": ErrorType.VALUE,
  "#NUM!": ErrorType.NUM,
  "#DIV/0!": ErrorType.DIV_BY_ZERO,
};

function evaluate(
  k: KcFormulas,
  name: string,
  args: unknown[]
): number | string | Matrix | KcError {
  try {
    return FUNCTIONS[name].run(k, args);
  } catch (e) {
    return asKcError(e);
  }
}

function sizeOf(result: number | string | Matrix | KcError): ArraySize {
  return Array.isArray(result)
    ? new ArraySize(result[0].length, result.length)
    : ArraySize.scalar();
}

const largest = new WeakMap<KcFormulas, Map<string, ArraySize>>();

/** The spill an array function can reach with any argument (HyperFormula reserves it up front). */
function largestSize(k: KcFormulas, name: string): ArraySize {
  let sizes = largest.get(k);
  if (!sizes) largest.set(k, (sizes = new Map()));
  let size = sizes.get(name);
  if (!size) {
    let width = 1;
    let height = 1;
    for (const args of FUNCTIONS[name].spills?.(k) ?? []) {
      const s = sizeOf(evaluate(k, name, args));
      width = Math.max(width, s.width);
      height = Math.max(height, s.height);
    }
    size = new ArraySize(width, height);
    sizes.set(name, size);
  }
  return size;
}

/**
 * The parts of HyperFormula's plugin interface this plugin uses; the engine types its syntax tree,
 * interpreter state and runFunction internally and does not export them.
 */
interface Ast {
  type: string;
  value?: unknown;
}

interface ProcedureAst {
  procedureName: string;
  args: Ast[];
}

type RunFunction = (
  args: Ast[],
  state: unknown,
  metadata: unknown,
  fn: (...args: unknown[]) => unknown
) => unknown;

function literal(ast: Ast): { known: boolean; value?: unknown } {
  if (ast.type === "STRING" || ast.type === "NUMBER") return { known: true, value: ast.value };
  if (ast.type === "EMPTY") return { known: true, value: undefined };
  return { known: false };
}

/**
 * An argument as the core takes it, and as Excel passes it: empty as undefined, a range of one
 * cell as its value, a larger range as its rows of values.
 */
function argument(v: unknown): unknown {
  if (v === EmptyValue) return undefined;
  if (!(v instanceof SimpleRangeValue)) return v;
  const rows = v.rawData();
  return rows.length === 1 && rows[0].length === 1 ? argument(rows[0][0]) : rows;
}

class KcPlugin extends FunctionPlugin {
  /** The engine's KC functions: createEngine puts them in the engine's context. */
  private get formulas(): KcFormulas {
    return this.config.context as KcFormulas;
  }

  static override implementedFunctions: ImplementedFunctions = Object.fromEntries(
    Object.entries(FUNCTIONS).map(([name, f]) => [
      name,
      {
        method: "kc",
        // A function that spills takes its arguments whole, so that a range where one value is
        // expected reaches the core (which refuses it) instead of being cut to its first cell;
        // the others are applied to each cell of a range, as Excel does.
        parameters: Array.from({ length: f.arity }, () => ({
          argumentType: f.spills ? FunctionArgumentType.ANY : FunctionArgumentType.NOERROR,
          optionalArg: true,
        })),
        ...(f.spills ? { sizeOfResultArrayMethod: "kcSize", vectorizationForbidden: true } : {}),
      },
    ])
  );

  kc(ast: ProcedureAst, state: unknown): unknown {
    const name = ast.procedureName;
    const run = (this as unknown as { runFunction: RunFunction }).runFunction.bind(this);
    return run(ast.args, state, this.metadata(name), (...raw: unknown[]) => {
      const result = evaluate(this.formulas, name, raw.map(argument));
      if (result instanceof KcError) return new CellError(ERROR_TYPES[result.code], result.message);
      return Array.isArray(result) ? SimpleRangeValue.onlyValues(result) : result;
    });
  }

  /** Exact where every argument is written in the formula, else the largest the function spills. */
  kcSize(ast: ProcedureAst): ArraySize {
    const name = ast.procedureName;
    const args = ast.args.map(literal);
    if (args.every((a) => a.known)) {
      return sizeOf(
        evaluate(
          this.formulas,
          name,
          args.map((a) => a.value)
        )
      );
    }
    return largestSize(this.formulas, name);
  }
}

let registered = false;

/**
 * The engine set up as Excel 365 computes: dynamic arrays, and results to 15 significant digits
 * (the engine's default of 10 would round growth rates).
 */
export const ENGINE_CONFIG: Partial<ConfigParams> = {
  licenseKey: "gpl-v3",
  useArrayArithmetic: true,
  precisionRounding: 15,
};

/** A formula engine whose KC functions answer from `formulas`, under ENGINE_CONFIG. */
export function createEngine(
  formulas: KcFormulas,
  config: Partial<ConfigParams> = {}
): HyperFormula {
  if (!registered) {
    HyperFormula.registerFunctionPlugin(KcPlugin as unknown as FunctionPluginDefinition, {
      enGB: Object.fromEntries(Object.keys(FUNCTIONS).map((n) => [n, n])),
    });
    registered = true;
  }
  return HyperFormula.buildEmpty({ ...ENGINE_CONFIG, ...config, context: formulas });
}
