import {
  accessSync,
  closeSync,
  constants,
  fsyncSync,
  openSync,
  readdirSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
} from "fs";
import type { Stats } from "fs";
import { basename, dirname, join } from "path";
import { CliError } from "./output";

/**
 * How the command line writes a file (the dataset, an exported workbook): the path is checked
 * before any work, and the file is written to a temporary file beside it, then renamed over it, so
 * that the file is always whole, old or new. The temporary file is removed on any failure, a
 * SIGINT or SIGTERM waits for the write to finish, and one left by a writer killed outright
 * (SIGKILL, power loss) is swept by the next write to the same place.
 */

/** Refuses, in one line, a path that cannot be written: before the work that would be lost. */
export function checkOutputPath(path: string): void {
  const dir = dirname(path);
  const dirStats = statOrUndefined(dir, path);
  if (!dirStats) throw cannotWrite(path, `the directory ${dir} does not exist`);
  if (!dirStats.isDirectory()) throw cannotWrite(path, `${dir} is not a directory`);
  const target = statOrUndefined(path, path);
  if (target?.isDirectory()) {
    throw cannotWrite(
      path,
      `it is a directory; give a file name, such as ${join(path, suggestedName(path))}`
    );
  }
  // The rename would replace a read-only file: it is refused as a plain write would be.
  for (const [p, what] of [
    [dir, `the directory ${dir} is read-only to you`],
    ...(target ? [[path, "it is read-only to you"]] : []),
  ]) {
    try {
      accessSync(p, constants.W_OK);
    } catch {
      throw cannotWrite(path, what);
    }
  }
  // Permissions can say yes where the file system says no (as root, or on /sys): create a file
  // beside the target, as the write will, and remove it.
  const probe = join(dir, `.${basename(path)}.${process.pid}.probe.tmp`);
  try {
    closeSync(openSync(probe, "wx"));
  } catch (e) {
    throw cannotWrite(path, fsProblem(e as NodeJS.ErrnoException, path));
  }
  unlinkSync(probe);
}

let written = 0;

/** Writes data to path whole, or leaves path as it was; no temporary file survives the call. */
export function writeOutputFile(path: string, data: string | Uint8Array): void {
  checkOutputPath(path);
  const dir = dirname(path);
  sweepStale(dir, basename(path));
  const tmp = join(dir, `.${basename(path)}.${process.pid}.${++written}.tmp`);
  const existing = statOrUndefined(path, path);
  holdSignals();
  try {
    const fd = openSync(tmp, "wx", existing?.isFile() ? existing.mode & 0o7777 : 0o666);
    try {
      const bytes = typeof data === "string" ? Buffer.from(data, "utf8") : data;
      for (let at = 0; at < bytes.length;) at += writeSync(fd, bytes, at, bytes.length - at);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, path);
  } catch (e) {
    removeQuietly(tmp);
    throw cannotWrite(path, fsProblem(e as NodeJS.ErrnoException, path));
  }
}

const HELD: NodeJS.Signals[] = ["SIGINT", "SIGTERM", "SIGHUP"];
let holding = false;

/**
 * From the first write on, SIGINT, SIGTERM and SIGHUP are held by a listener. A write is
 * synchronous, so the listener runs only once it is over (the file whole, or the temporary file
 * removed), and then ends the process as the signal would have. The listener stays: it changes
 * nothing else, and removing it right after a write could drop a signal that came during it.
 */
function holdSignals(): void {
  if (holding) return;
  holding = true;
  const onSignal = (signal: NodeJS.Signals) => {
    HELD.forEach((s) => process.off(s, onSignal));
    holding = false;
    process.kill(process.pid, signal);
  };
  HELD.forEach((s) => process.on(s, onSignal));
}

/** Removes temporary files of earlier writes to this name whose process no longer runs. */
function sweepStale(dir: string, name: string): void {
  const prefix = `.${name}.`;
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return; // The write itself will say what is wrong with the directory.
  }
  for (const entry of entries) {
    if (!entry.startsWith(prefix)) continue;
    const m = /^(\d+)\.\d+\.tmp$/.exec(entry.slice(prefix.length));
    if (m && !isRunning(Number(m[1]))) removeQuietly(join(dir, entry));
  }
}

function isRunning(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: it runs, under another user.
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

function removeQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // Already gone (renamed into place, or never created).
  }
}

function statOrUndefined(path: string, target: string): Stats | undefined {
  try {
    return statSync(path);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (err.code === "ENOENT") return undefined;
    if (err.code === "ENOTDIR") throw cannotWrite(target, `${dirname(path)} is not a directory`);
    throw cannotWrite(target, fsProblem(err, target));
  }
}

function cannotWrite(path: string, why: string): CliError {
  return new CliError(`cannot write ${path}: ${why}`);
}

const REASONS = new Map([
  ["EACCES", "permission denied"],
  ["EPERM", "permission denied"],
  ["EROFS", "the file system is read-only"],
  ["ENOSPC", "no space left on the device"],
  ["EDQUOT", "the disk quota is exhausted"],
  ["EISDIR", "it is a directory"],
  ["ENOTDIR", "a part of the path is not a directory"],
  ["ENOENT", "no such file or directory"],
  ["ENAMETOOLONG", "the name is too long"],
  ["EBUSY", "it is in use"],
]);

/**
 * What went wrong with a file the user named, in words, without the temporary file's name or a
 * stack (for reading as well as writing).
 */
export function fsProblem(e: NodeJS.ErrnoException, path: string): string {
  if (e.code === "EISDIR" || (e.code === "ENOTEMPTY" && statOrUndefined(path, path)?.isDirectory()))
    return "it is a directory";
  return (e.code && REASONS.get(e.code)) ?? e.message.split("\n")[0];
}

function suggestedName(path: string): string {
  return /\.xlsx$/i.test(path) ? "model.xlsx" : "dataset.json";
}
