import fs from "fs";
import { CliError, Output, consoleOutput } from "../../../src/cli/output";

/** Where commands write and read: the console by default; tests pass their own Output. */

afterEach(() => jest.restoreAllMocks());

test("log writes a line to standard output, err to standard error", () => {
  const out = jest.spyOn(process.stdout, "write").mockImplementation(() => true);
  const err = jest.spyOn(process.stderr, "write").mockImplementation(() => true);
  consoleOutput.log("All 364 identities pass.");
  consoleOutput.err("kc check: no dataset");
  expect(out).toHaveBeenCalledWith("All 364 identities pass.\n");
  expect(err).toHaveBeenCalledWith("kc check: no dataset\n");
  expect(out).toHaveBeenCalledTimes(1);
  expect(err).toHaveBeenCalledTimes(1);
});

test("input reads standard input whole, as text, only when asked", () => {
  const read = jest
    .spyOn(fs, "readFileSync")
    .mockImplementation(
      (() => '=KC.VALUE("revenue.total","2026Q1")\n') as unknown as typeof fs.readFileSync
    );
  expect(read).not.toHaveBeenCalled();
  expect(consoleOutput.input()).toBe('=KC.VALUE("revenue.total","2026Q1")\n');
  expect(read).toHaveBeenCalledWith(0, "utf8");
});

test("a command can be given any Output, and writes only through it", () => {
  const lines: string[] = [];
  const captured: Output = {
    log: (t) => lines.push(`out: ${t}`),
    err: (t) => lines.push(`err: ${t}`),
    input: () => "",
  };
  captured.log("a");
  captured.err("b");
  expect(lines).toEqual(["out: a", "err: b"]);
});

test("a CliError is an Error with its message, told apart from a bug", () => {
  const e = new CliError("--dataset needs a path");
  expect(e).toBeInstanceOf(Error);
  expect(e).toBeInstanceOf(CliError);
  expect(e.message).toBe("--dataset needs a path");
  expect(new Error("x")).not.toBeInstanceOf(CliError);
});
