import { spawnSync } from "child_process";
import { resolve } from "path";

const ROOT = resolve(__dirname, "../..");

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the command line as a user would (`npm run kc -- ...`), in a child process. */
export function kc(args: string[], input?: string): Run {
  const r = spawnSync(
    resolve(ROOT, "node_modules/.bin/tsx"),
    [resolve(ROOT, "src/cli/main.ts"), ...args],
    {
      cwd: ROOT,
      input,
      encoding: "utf8",
      timeout: 300000,
      maxBuffer: 1 << 28,
    }
  );
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/**
 * Runs the command line in this process (what main.ts runs, minus the process): much faster than a
 * child, for the many cases where only the output and the exit code matter. A thrown error (which
 * the real process would print as a stack trace) fails the test.
 */
export async function kcHere(args: string[], input = ""): Promise<Run> {
  // Imported here so that tests that only spawn the command line do not load it.
  const { runCli } = await import("../../src/cli/main");
  let stdout = "";
  let stderr = "";
  const code = await runCli(args, {
    log: (t) => (stdout += `${t}\n`),
    err: (t) => (stderr += `${t}\n`),
    input: () => input,
  });
  return { code, stdout, stderr };
}
