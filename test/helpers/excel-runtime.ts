import { bundledDataset } from "../../src/data/load";
import { useDataset } from "../../src/functions/dataset-in-use";

/**
 * Excel's custom-functions runtime as the add-in sees it: the global `CustomFunctions` with its
 * Error class and ErrorCode values (as @types/custom-functions-runtime declares them).
 */
export class RuntimeError extends Error {
  constructor(
    readonly code?: string,
    message?: string
  ) {
    super(message);
  }
}

export const associations = new Map<string, unknown>();

/**
 * Also settles what the functions answer from as a workbook without stored releases does (the
 * bundled dataset), so that they answer at once; tests of the workbook's own data settle it
 * themselves.
 */
export function installExcelRuntime(): void {
  useDataset(bundledDataset(), "bundled");
  (globalThis as Record<string, unknown>).CustomFunctions = {
    Error: RuntimeError,
    ErrorCode: {
      invalidValue: "#VALUE!",
      notAvailable: "#N/A",
      divisionByZero: "#DIV/0!",
      invalidNumber: "#NUM!",
      nullReference: "#NULL!",
      invalidName: "#NAME?",
      invalidReference: "#REF!",
    },
    associate: (id: string, fn: unknown) => associations.set(id, fn),
  };
}

/** What a function call shows in a cell: its value, or its error code and message. */
export function cellOf(call: () => unknown): { value?: unknown; error?: string; message?: string } {
  try {
    return { value: call() };
  } catch (e) {
    if (e instanceof RuntimeError) return { error: e.code, message: e.message };
    throw e;
  }
}

/**
 * The JSDoc wrapper Excel calls for a function id, from the functions module (loaded after
 * installExcelRuntime): exported under the id's name in camel case ("NONGAAP" is nonGaap).
 */
export function excelWrapper(
  functionsModule: Record<string, unknown>,
  id: string
): (...args: unknown[]) => unknown {
  const found = Object.entries(functionsModule).find(([name]) => name.toUpperCase() === id);
  if (!found || typeof found[1] !== "function") throw new Error(`no wrapper exports KC.${id}`);
  return found[1] as (...args: unknown[]) => unknown;
}
