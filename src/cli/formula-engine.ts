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
import { KcError, KcErrorCode, asKcError } from "../domain/errors";
import type { Cell, KcFormulas, Matrix } from "../core/formulas";
import { KC_FUNCTIONS, KcFunction, runKc } from "../core/registry";

/**
 * HyperFormula with the KC functions registered as a plugin that calls the same core as the
 * Excel add-in, so that formulas can be evaluated (and model tabs proven) without Excel.
 */

/** The KC functions by the name a formula calls them ("KC.VALUE"), from the core's registry. */
const FUNCTIONS = new Map(KC_FUNCTIONS.map((f) => [`KC.${f.id}`, f]));

function fn(name: string): KcFunction {
  return FUNCTIONS.get(name) as KcFunction;
}

const ERROR_TYPES: Record<KcErrorCode, ErrorType> = {
  "#N/A": ErrorType.NA,
  "#VALUE!": ErrorType.VALUE,
  "#NUM!": ErrorType.NUM,
  "#DIV/0!": ErrorType.DIV_BY_ZERO,
};

function evaluate(k: KcFormulas, name: string, args: readonly unknown[]): Cell | Matrix | KcError {
  try {
    return runKc(k, fn(name).id, args);
  } catch (e) {
    return asKcError(e);
  }
}

function sizeOf(result: Cell | Matrix | KcError): ArraySize {
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
    const result = fn(name).result;
    for (const args of result.shape === "spill" ? result.bounds(k) : []) {
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
    [...FUNCTIONS].map(([name, f]) => {
      const spills = f.result.shape === "spill";
      return [
        name,
        {
          method: "kc",
          // A function that spills takes its arguments whole, so that a range where one value is
          // expected reaches the core (which refuses it) instead of being cut to its first cell;
          // the others are applied to each cell of a range, as Excel does. Every argument is
          // optional to the engine, so that a missing one reaches the core's own message.
          parameters: f.params.map(() => ({
            argumentType: spills ? FunctionArgumentType.ANY : FunctionArgumentType.NOERROR,
            optionalArg: true,
          })),
          ...(spills ? { sizeOfResultArrayMethod: "kcSize", vectorizationForbidden: true } : {}),
        },
      ];
    })
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
      enGB: Object.fromEntries([...FUNCTIONS.keys()].map((n) => [n, n])),
    });
    registered = true;
  }
  return HyperFormula.buildEmpty({ ...ENGINE_CONFIG, ...config, context: formulas });
}
