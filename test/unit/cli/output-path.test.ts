import { ROOT } from "../../helpers/root";
import { spawnSync } from "child_process";
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
import { CliError } from "../../../src/cli/output";
import { checkOutputPath, writeOutputFile } from "../../../src/cli/output-path";
import { thrown } from "../../helpers/thrown";

/** The one way `kc ingest` and `kc export` write a file: complete, or as before, and nothing left. */

const dir = mkdtempSync(join(tmpdir(), "kc-write-"));

function temporaries(d: string): string[] {
  return readdirSync(d).filter((f) => f.endsWith(".tmp"));
}

const cliError = (run: () => void) => thrown(CliError, run);

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

test("a write that fails midway removes its temporary file and says why in one line", () => {
  const path = join(dir, "midway.json");
  writeFileSync(path, "as before");
  // Data that fails as it is written, once the temporary file exists (as a full disk would).
  class FailsWhenRead extends Uint8Array {
    override get length(): number {
      throw new Error("no space left on the device");
    }
  }
  const e = cliError(() => writeOutputFile(path, new FailsWhenRead(8)));
  expect(e.message).toBe(`cannot write ${path}: no space left on the device`);
  expect(readFileSync(path, "utf8")).toBe("as before");
  expect(temporaries(dir)).toEqual([]);
});

test("a path that turned into a directory is refused by the write itself", () => {
  const target = join(dir, "now-a-directory");
  mkdirSync(target);
  expect(cliError(() => writeOutputFile(target, "x")).message).toMatch(
    /^cannot write .*now-a-directory: it is a directory/
  );
  expect(temporaries(dir)).toEqual([]);
});

test("a read-only file is not replaced", () => {
  const path = join(dir, "read-only.json");
  writeFileSync(path, "keep");
  chmodSync(path, 0o444);
  // Root may write anything: there the check has nothing to refuse.
  const root = process.getuid?.() === 0;
  const attempt = () => writeOutputFile(path, "replaced");
  const outcome = root ? (attempt(), "written") : cliError(attempt).message;
  expect(outcome).toMatch(root ? /^written$/ : /it is read-only to you/);
  expect(readFileSync(path, "utf8")).toBe(root ? "replaced" : "keep");
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
  "%s in the middle of a write: the file is written whole, nothing is left, then the process ends",
  async (signal) => {
    const d = mkdtempSync(join(tmpdir(), "kc-signal-"));
    const path = join(d, "data.bin");
    writeFileSync(path, "before");
    const size = 1 << 20;
    const script = join(d, "writer.ts");
    // The data signals its own process the first time the writer reads its length, which it does
    // once the temporary file exists: the signal lands mid-write, every time.
    writeFileSync(
      script,
      `import { writeOutputFile } from ${JSON.stringify(resolve(ROOT, "src/cli/output-path"))};
let sent = false;
class SignalsWhenRead extends Uint8Array {
  override get length(): number {
    if (!sent) {
      sent = true;
      process.kill(process.pid, "${signal}");
    }
    return super.length;
  }
}
writeOutputFile(${JSON.stringify(path)}, new SignalsWhenRead(${size}).fill(120));
process.stdout.write("written\\n");
setTimeout(() => process.stdout.write("still running\\n"), 2000);
`
    );
    // Node itself with tsx's loader (not the tsx launcher, which relays signals to a child).
    const r = spawnSync(process.execPath, ["--import", "tsx", script], {
      cwd: ROOT,
      encoding: "utf8",
    });
    expect(r.stderr).toBe("");
    expect(r.signal).toBe(signal);
    expect(r.stdout).not.toContain("still running");
    expect(statSync(path).size).toBe(size);
    expect(temporaries(d)).toEqual([]);
  }
);
