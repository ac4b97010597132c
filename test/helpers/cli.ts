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
