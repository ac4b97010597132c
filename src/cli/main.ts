import { IngestError } from "../data/ingest/errors";
import { DatasetShapeError } from "../data/shape";
import { CHECK_USAGE, checkCommand } from "./check-command";
import { EVAL_USAGE, evalCommand } from "./eval-command";
import { EXPORT_USAGE, exportCommand } from "./export-command";
import { INGEST_USAGE, ingestCommand } from "./ingest-command";
import { CliError, Output, UsageError, consoleOutput } from "./output";

type Command = (args: string[], out: Output) => number | Promise<number>;

const COMMANDS = new Map<string, { run: Command; usage: string }>([
  ["ingest", { run: ingestCommand, usage: INGEST_USAGE }],
  ["check", { run: checkCommand, usage: CHECK_USAGE }],
  ["eval", { run: evalCommand, usage: EVAL_USAGE }],
  ["export", { run: exportCommand, usage: EXPORT_USAGE }],
]);

const HELP = new Set(["--help", "-h", "help"]);

export function usage(): string {
  return `KC Financials command line (npm run kc -- COMMAND ...)\n\n${[...COMMANDS.values()]
    .map((c) => c.usage)
    .join("\n\n")}\n\nkc COMMAND --help (or -h, or kc help COMMAND) prints one command's usage.`;
}

export async function runCli(argv: string[], out: Output = consoleOutput): Promise<number> {
  const [first, ...rest] = argv;
  // "kc help export" reads as "kc export --help".
  const [name, args] = first === "help" && rest.length ? [rest[0], ["--help"]] : [first, rest];
  const commands = [...COMMANDS.keys()].join(", ");
  if (!name) {
    out.err(`kc: which command? Expected one of ${commands}; kc --help shows how to use them`);
    return 2;
  }
  if (HELP.has(name)) {
    out.log(usage());
    return 0;
  }
  const command = COMMANDS.get(name);
  if (!command) {
    out.err(`kc: unknown command "${name}"; expected one of ${commands} (kc --help)`);
    return 2;
  }
  // --help anywhere wins over the other arguments: nothing is read, run or written.
  if (args.some((a) => a === "--help" || a === "-h")) {
    out.log(command.usage);
    return 0;
  }
  try {
    return await command.run(args, out);
  } catch (e) {
    if (e instanceof UsageError) {
      out.err(`kc ${name}: ${e.message} (kc ${name} --help shows its usage)`);
      return 2;
    }
    if (e instanceof CliError || e instanceof IngestError || e instanceof DatasetShapeError) {
      out.err(`kc ${name}: ${e.message}`);
      return 2;
    }
    throw e;
  }
}

if (require.main === module) {
  // A reader that stops early ("| head") is not an error.
  process.stdout.on("error", (e: NodeJS.ErrnoException) => {
    if (e.code === "EPIPE") process.exit(0);
    throw e;
  });
  runCli(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
