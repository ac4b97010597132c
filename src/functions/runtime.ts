import { KcErrorCode, asKcError } from "../core/errors";

/**
 * Excel's custom-functions runtime, when there is one. The task pane page also runs in a plain
 * browser (the preview), where the runtime is absent: registering is then a no-op instead of a
 * ReferenceError, and errors stay KcErrors.
 */

type Runtime = typeof CustomFunctions;

function runtime(): Runtime | undefined {
  return (globalThis as { CustomFunctions?: Runtime }).CustomFunctions;
}

export const functionsRuntime = {
  associate(id: string, fn: Function): void {
    runtime()?.associate(id, fn);
  },
};

const CODES: Record<KcErrorCode, CustomFunctions.ErrorCode> = {
  "#N/A": "#N/A" as CustomFunctions.ErrorCode.notAvailable,
  "#VALUE!": "#VALUE!" as CustomFunctions.ErrorCode.invalidValue,
  "#NUM!": "#NUM!" as CustomFunctions.ErrorCode.invalidNumber,
  "#DIV/0!": "#DIV/0!" as CustomFunctions.ErrorCode.divisionByZero,
};

/** Excel shows a message only with these two codes and refuses one with the others. */
const WITH_MESSAGE: KcErrorCode[] = ["#N/A", "#VALUE!"];

/** Runs a KC function for Excel: its errors become Excel errors with their message, never crashes. */
export function excelCall<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    const error = asKcError(e);
    const rt = runtime();
    if (!rt) throw error;
    throw WITH_MESSAGE.includes(error.code)
      ? new rt.Error(CODES[error.code], error.message)
      : new rt.Error(CODES[error.code]);
  }
}
