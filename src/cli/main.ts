import { IngestError } from "../data/ingest/errors";
import { CHECK_USAGE, checkCommand } from "./check-command";
import { EVAL_USAGE, evalCommand } from "./eval-command";
import { EXPORT_USAGE, exportCommand } from "./export-command";
import { INGEST_USAGE, ingestCommand } from "./ingest-command";
import { CliError, Output, consoleOutput } from "./output";

type Command = (args: string[], out: Output) => number | Promise<number>;

const COMMANDS: Record<string, { run: Command; usage: string }> = {
  ingest: { run: ingestCommand, usage: INGEST_USAGE },
  check: { run: checkCommand, usage: CHECK_USAGE },
  eval: { run: evalCommand, usage: EVAL_USAGE },
  export: { run: exportCommand, usage: EXPORT_USAGE },
};

export function usage(): string {
  return `KC Financials command line (npm run kc -- COMMAND ...)\n\n${Object.values(COMMANDS)
    .map((c) => c.usage)
    .join("\n\n")}`;
}

export async function runCli(argv: string[], out: Output = consoleOutput): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === "help" || name === "--help" || name === "-h") {
    out.log(usage());
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) {
    out.err(
      `kc: unknown command "${name}"; expected one of ${Object.keys(COMMANDS).join(", ")}\n\n${usage()}`
    );
    return 2;
  }
  try {
    return await command.run(args, out);
  } catch (e) {
    if (e instanceof CliError || e instanceof IngestError) {
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
