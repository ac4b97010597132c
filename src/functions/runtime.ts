import { KcErrorCode, asKcError } from "../domain/errors";

/**
 * Excel's custom-functions runtime, when there is one. The task pane page also runs in a plain
 * browser (the preview), where the runtime is absent: registering then records the function as
 * not registered instead of throwing a ReferenceError, and errors stay KcErrors. Whether that is
 * expected is known only once the host is: inside Excel the pane reports every function that
 * did not register (registrationFailures), so that it is never silent.
 */

type Runtime = typeof CustomFunctions;

function runtime(): Runtime | undefined {
  return (globalThis as { CustomFunctions?: Runtime }).CustomFunctions;
}

const failures = new Map<string, string>();

export const functionsRuntime = {
  associate(id: string, fn: Function): void {
    const rt = runtime();
    if (!rt || typeof rt.associate !== "function") {
      failures.set(id, "Excel's custom functions runtime (CustomFunctions) is not on this page");
      return;
    }
    try {
      rt.associate(id, fn);
      failures.delete(id);
    } catch (e) {
      const reason = e instanceof Error ? e.message : String(e);
      failures.set(id, reason);
      // With the runtime present this page is inside Office: say so now, not only in the pane.
      console.error(`KC.${id} was not registered with Excel: ${reason}`);
    }
  },
};

/** The functions that did not register, each with why ("KC.VALUE: ..."); empty when all did. */
export function registrationFailures(): string[] {
  return [...failures].map(([id, reason]) => `KC.${id}: ${reason}`);
}

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
