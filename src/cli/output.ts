/** Where a command writes; tests pass their own to capture it. */
export interface Output {
  log(text: string): void;
  err(text: string): void;
}

export const consoleOutput: Output = {
  log: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
};

/** A usage or input problem: printed without a stack trace, exit code 2. */
export class CliError extends Error {}
