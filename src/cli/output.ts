import { readFileSync } from "fs";

/** Where a command writes, and its standard input; tests pass their own to capture them. */
export interface Output {
  log(text: string): void;
  err(text: string): void;
  /** Standard input, whole (read only by a command that asks for it). */
  input(): string;
}

export const consoleOutput: Output = {
  log: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
  input: () => readFileSync(0, "utf8"),
};

/** A usage or input problem: printed on one line without a stack trace, exit code 2. */
export class CliError extends Error {}

/** A command line the command cannot read: the one line also says where its usage is. */
export class UsageError extends CliError {}
