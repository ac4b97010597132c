/**
 * The errors a formula can show. Every face maps these codes onto its own error type
 * (Excel's CustomFunctions.Error, HyperFormula's CellError, the CLI's JSON), keeping the message.
 */
export type KcErrorCode = "#N/A" | "#VALUE!" | "#NUM!" | "#DIV/0!";

export class KcError extends Error {
  constructor(
    readonly code: KcErrorCode,
    message: string
  ) {
    super(message);
    this.name = "KcError";
  }
}

/** Any error as a formula shows it: a bug in the core still reads as #VALUE! with what went wrong. */
export function asKcError(e: unknown): KcError {
  return e instanceof KcError
    ? e
    : new KcError("#VALUE!", `Unexpected problem: ${e instanceof Error ? e.message : String(e)}`);
}
