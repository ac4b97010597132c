import { spawn, spawnSync } from "child_process";
import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  statSync,
  writeFileSync,
} from "fs";
import { tmpdir } from "os";
import { join, resolve } from "path";
import { CliError } from "../src/cli/output";
import { checkOutputPath, writeOutputFile } from "../src/cli/output-path";

/** The one way `kc ingest` and `kc export` write a file: complete, or as before, and nothing left. */

const ROOT = resolve(__dirname, "..");
const dir = mkdtempSync(join(tmpdir(), "kc-write-"));

function temporaries(d: string): string[] {
  return readdirSync(d).filter((f) => f.endsWith(".tmp"));
}

function cliError(run: () => void): CliError {
  try {
    run();
  } catch (e) {
    if (e instanceof CliError) return e;
    throw e;
  }
  throw new Error("expected a CliError");
}

test("writes the whole content, replaces the old file, keeps its permissions, leaves nothing", () => {
  const path = join(dir, "data.json");
  writeFileSync(path, "old\n");
  chmodSync(path, 0o640);
  writeOutputFile(path, "new content\n");
  expect(readFileSync(path, "utf8")).toBe("new content\n");
  expect(statSync(path).mode & 0o777).toBe(0o640);
  writeOutputFile(path, Buffer.from([0x50, 0x4b, 0x03, 0x04]));
  expect(readFileSync(path)).toEqual(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
  expect(temporaries(dir)).toEqual([]);
});

test("a write that fails removes its temporary file and says why in one line", () => {
  const target = join(dir, "now-a-directory");
  mkdirSync(target);
  // The check would refuse it up front; the write must also clean up if the path changes after it.
  const e = cliError(() => writeOutputFile(target, "x"));
  expect(e.message).toBe(`cannot write ${target}: it is a directory`);
  expect(temporaries(dir)).toEqual([]);
});

test("checks name what is wrong with the path", () => {
  expect(cliError(() => checkOutputPath(join(dir, "a", "b.json"))).message).toBe(
    `cannot write ${join(dir, "a", "b.json")}: the directory ${join(dir, "a")} does not exist`
  );
  expect(cliError(() => checkOutputPath(dir)).message).toMatch(
    /: it is a directory; give a file name/
  );
  expect(() => checkOutputPath(join(dir, "fine.json"))).not.toThrow();
});

test("a temporary file left by a writer that was killed outright (SIGKILL) is swept by the next write", () => {
  const d = mkdtempSync(join(tmpdir(), "kc-sweep-"));
  const path = join(d, "swept.json");
  // A process that has exited: its id is no longer in use (ids are not reused this quickly).
  const gone = spawnSync(process.execPath, ["-e", ""]).pid as number;
  const stale = join(d, `.swept.json.${gone}.1.tmp`);
  const live = join(d, `.swept.json.${process.ppid}.1.tmp`);
  writeFileSync(stale, "half a dataset");
  writeFileSync(live, "another writer, still at work");
  writeOutputFile(path, "whole\n");
  expect(temporaries(d)).toEqual([`.swept.json.${process.ppid}.1.tmp`]);
  expect(readFileSync(live, "utf8")).toBe("another writer, still at work");
});

test("temporary files are ignored by git wherever they are written", () => {
  for (const name of [
    "src/data/.dataset.json.1234.1.tmp",
    "src/data/dataset.json.tmp",
    ".model.xlsx.99.2.tmp",
  ]) {
    const r = spawnSync("git", ["check-ignore", "-q", name], { cwd: ROOT });
    expect({ name, ignored: r.status === 0 }).toEqual({ name, ignored: true });
  }
});

test.each(["SIGTERM", "SIGINT"] as const)(
  "%s during a large write leaves the file whole or as before, and no temporary file",
  async (signal) => {
    const d = mkdtempSync(join(tmpdir(), "kc-signal-"));
    const path = join(d, "big.bin");
    writeFileSync(path, "before");
    const size = 96 * 1024 * 1024;
    const script = join(d, "writer.ts");
    writeFileSync(
      script,
      `import { writeOutputFile } from ${JSON.stringify(resolve(ROOT, "src/cli/output-path"))};
const data = Buffer.alloc(${size}, 120);
process.stdout.write("writing\\n");
writeOutputFile(${JSON.stringify(path)}, data);
process.stdout.write("written\\n");
setTimeout(() => process.stdout.write("still running\\n"), 2000);
`
    );
    // Node itself with tsx's loader (not the tsx launcher, which relays signals to a child).
    const child = spawn(process.execPath, ["--import", "tsx", script], {
      cwd: ROOT,
      stdio: "pipe",
    });
    let stdout = "";
    const exit = new Promise<{ code: number | null; signal: string | null }>((done) =>
      child.on("exit", (code, sig) => done({ code, signal: sig }))
    );
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
      if (stdout.includes("writing") && !child.killed) child.kill(signal);
    });
    const ended = await exit;
    // It ends because of the signal (not two seconds later), with the file whole or as before.
    expect(stdout).not.toContain("still running");
    expect(ended.signal === signal || ended.code === 128 + (signal === "SIGINT" ? 2 : 15)).toBe(
      true
    );
    const after = statSync(path).size;
    expect([6, size]).toContain(after);
    expect(temporaries(d)).toEqual([]);
  },
  60000
);
