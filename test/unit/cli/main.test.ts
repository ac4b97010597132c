import { ROOT } from "../../helpers/root";
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join, resolve } from "path";
import { Run, kc, kcHere } from "../../helpers/cli";
import { RELEASE_PATH, release } from "../../helpers/release";

/**
 * A bad path or a damaged dataset file is a user's mistake, not a bug: one line saying what is
 * wrong, exit 2, never a Node stack trace; and nothing half-written is left behind.
 */

const dir = mkdtempSync(join(tmpdir(), "kc-paths-"));
const committed = readFileSync(resolve(ROOT, "src/data/dataset.json"), "utf8");
const aFile = join(dir, "a-file.txt");
writeFileSync(aFile, "not a directory\n");

function expectOneLineError(r: Run, message: RegExp | string): void {
  expect(r.stdout).toBe("");
  expect(r.stderr.trimEnd().split("\n")).toHaveLength(1);
  expect(r.stderr).not.toMatch(/^\s+at /m);
  expect(r.stderr).toMatch(message);
  expect(r.code).toBe(2);
}

function leftovers(d: string): string[] {
  return readdirSync(d).filter((f) => f.endsWith(".tmp"));
}

describe("every command's --help and -h print its usage and exit 0", () => {
  test.each([
    ["ingest", "kc ingest RELEASE"],
    ["check", "kc check [--dataset"],
    ["eval", "kc eval [--dataset dataset.json] FORMULA..."],
    ["export", "kc export MODEL.xlsx"],
  ])("kc %s --help, kc %s -h, kc help %s", async (command, usage) => {
    for (const args of [
      [command, "--help"],
      [command, "-h"],
      ["help", command],
    ]) {
      const r = await kcHere(args);
      expect(r.stderr).toBe("");
      expect(r.code).toBe(0);
      expect(r.stdout.startsWith(usage)).toBe(true);
    }
  });

  test("--help wins over the other arguments (nothing is run or written)", async () => {
    const out = join(dir, "help.xlsx");
    const r = await kcHere(["export", out, "--help"]);
    expect(r.code).toBe(0);
    expect(readdirSync(dir)).not.toContain("help.xlsx");
  });

  test("as a process: kc eval --help", () => {
    const r = kc(["eval", "--help"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("FORMULA... | kc eval [--dataset dataset.json] --stdin");
  });

  test("kc help with an unknown command lists the commands", async () => {
    const r = await kcHere(["help", "frobnicate"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown command "frobnicate"; expected one of ingest, check');
  });
});

describe("kc ingest --out: a bad path is one line, exit 2, before anything is read", () => {
  test("a missing directory", async () => {
    const r = await kcHere(["ingest", RELEASE_PATH, "--out", join(dir, "nope", "dataset.json")]);
    expectOneLineError(
      r,
      `kc ingest: cannot write ${join(dir, "nope", "dataset.json")}: the directory ${join(dir, "nope")} does not exist`
    );
  });

  test("a directory", async () => {
    const r = await kcHere(["ingest", RELEASE_PATH, "--out", dir]);
    expectOneLineError(
      r,
      `cannot write ${dir}: it is a directory; give a file name, such as ${join(dir, "dataset.json")}`
    );
  });

  test("a path through a file", async () => {
    const r = await kcHere(["ingest", RELEASE_PATH, "--out", join(aFile, "dataset.json")]);
    expectOneLineError(
      r,
      `cannot write ${join(aFile, "dataset.json")}: ${aFile} is not a directory`
    );
  });

  test("a path the system will not let us write", async () => {
    // sysfs refuses new files even to root, so this holds wherever the tests run.
    const r = await kcHere(["ingest", RELEASE_PATH, "--out", "/sys/kc-dataset.json"]);
    expectOneLineError(r, "cannot write /sys/kc-dataset.json: permission denied");
  });

  test("as a process: no stack trace, exit 2", () => {
    const r = kc(["ingest", RELEASE_PATH, "--out", join(dir, "nope", "dataset.json")]);
    expectOneLineError(r, /does not exist/);
  });
});

describe("a damaged dataset file is one line, exit 2, and is left as it was", () => {
  const cases: [string, string, RegExp][] = [
    ["corrupt JSON", '{"format": 1, "items": [', /is not valid JSON \(.*\)/],
    ["an empty file", "", /is not valid JSON/],
    ["a JSON array", "[1, 2]", /is not a KC dataset: it is not a JSON object/],
    [
      "another JSON object",
      '{"name": "kc-financials"}',
      /is not a KC dataset: format undefined is not 1/,
    ],
    [
      "items of the wrong shape",
      committed.replace('"id":"bs.cash"', '"id":7'),
      /is not a KC dataset: item 1: "id" is 7; expected a string/,
    ],
    [
      "a figure that is not a decimal",
      committed.replace('"value":"6018043"', '"value":6018043'),
      /is not a KC dataset: the figure bs\.cash 2025-12-31: "value" is 6018043; expected a decimal string/,
    ],
  ];

  test.each(cases)("kc ingest --out over %s", async (_name, content, message) => {
    const path = join(dir, `out-${_name.replace(/\W+/g, "-")}.json`);
    writeFileSync(path, content);
    const r = await kcHere(["ingest", RELEASE_PATH, "--out", path]);
    expectOneLineError(r, message);
    expect(r.stderr).toContain(`kc ingest: ${path} `);
    expect(r.stderr).toContain("--fresh");
    expect(readFileSync(path, "utf8") === content).toBe(true);
  });

  test.each(cases)("kc check --dataset with %s", async (_name, content, message) => {
    const path = join(dir, `check-${_name.replace(/\W+/g, "-")}.json`);
    writeFileSync(path, content);
    expectOneLineError(await kcHere(["check", "--dataset", path]), message);
  });

  test("kc check --dataset naming a directory or a missing file", async () => {
    expectOneLineError(
      await kcHere(["check", "--dataset", dir]),
      `cannot read ${dir}: it is a directory`
    );
    expectOneLineError(
      await kcHere(["check", "--dataset", join(dir, "none.json")]),
      `no dataset at ${join(dir, "none.json")}`
    );
  });

  release.test("--fresh ingests over a damaged file (the way out the message names)", async () => {
    const path = join(dir, "fresh-over-damage.json");
    writeFileSync(path, "{");
    const r = await kcHere(["ingest", RELEASE_PATH, "--out", path, "--fresh"]);
    expect(r.code).toBe(0);
    expect(readFileSync(path, "utf8") === committed).toBe(true);
  });
});

describe("kc export: a bad path is one line, exit 2", () => {
  test("a missing directory", async () => {
    const file = join(dir, "nope", "model.xlsx");
    expectOneLineError(
      await kcHere(["export", file]),
      `kc export: cannot write ${file}: the directory ${join(dir, "nope")} does not exist`
    );
  });

  test("a directory named like a workbook", async () => {
    const file = join(dir, "folder.xlsx");
    mkdirSync(file);
    expectOneLineError(await kcHere(["export", file]), `cannot write ${file}: it is a directory`);
  });

  test("a path the system will not let us write", async () => {
    expectOneLineError(
      await kcHere(["export", "/sys/kc-model.xlsx"]),
      "cannot write /sys/kc-model.xlsx: permission denied"
    );
  });

  test("a path through a file", async () => {
    expectOneLineError(await kcHere(["export", join(aFile, "model.xlsx")]), /is not a directory/);
  });
});

release.test(
  "no temporary file is left beside the output, after a write or a refusal",
  async () => {
    const out = join(dir, "clean", "dataset.json");
    mkdirSync(join(dir, "clean"));
    expect((await kcHere(["ingest", RELEASE_PATH, "--out", out, "--fresh"])).code).toBe(0);
    expect((await kcHere(["export", join(dir, "clean", "model.xlsx")])).code).toBe(0);
    expect((await kcHere(["export", join(dir, "clean")])).code).toBe(2);
    expect(leftovers(join(dir, "clean"))).toEqual([]);
    expect(leftovers(dir)).toEqual([]);
  }
);

describe("a mistake on the command line is one line on stderr, exit 2; help is on stdout", () => {
  test.each([
    [
      [],
      "kc: which command? Expected one of ingest, check, eval, export; kc --help shows how to use them",
    ],
    [
      ["bogus"],
      'kc: unknown command "bogus"; expected one of ingest, check, eval, export (kc --help)',
    ],
    [
      ["eval", "--bogus", "=1"],
      "kc eval: unknown option --bogus; kc eval takes --dataset FILE and --stdin (kc eval --help shows its usage)",
    ],
    [["eval"], "kc eval: which formulas? (kc eval --help shows its usage)"],
    [["export", "--unit"], "kc export: --unit needs a value (kc export --help shows its usage)"],
    [
      ["ingest", "--bogus"],
      "kc ingest: unknown option --bogus; kc ingest takes --format FORM, --out FILE, --fresh, --accept-renames, --accept-removals and --accept-restatements (kc ingest --help shows its usage)",
    ],
    [
      ["export", "model.xlsx", "--format", "xlsx"],
      "kc export: unknown option --format; kc export takes --currency RMB|USD, --unit thousands|millions and --dataset FILE (kc export --help shows its usage)",
    ],
    [
      ["check", "--x"],
      "kc check: unknown argument --x; kc check takes --dataset FILE and --json (kc check --help shows its usage)",
    ],
    [["eval", "--dataset"], "kc eval: --dataset needs a path (kc eval --help shows its usage)"],
    [
      ["help", "frobnicate"],
      'kc: unknown command "frobnicate"; expected one of ingest, check, eval, export (kc --help)',
    ],
  ])("kc %j", async (args, line) => {
    const r = await kcHere(args);
    expect({ stderr: r.stderr, stdout: r.stdout, code: r.code }).toEqual({
      stderr: `${line}\n`,
      stdout: "",
      code: 2,
    });
  });

  test("kc --help: every command's usage, on stdout, exit 0", async () => {
    const r = await kcHere(["--help"]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    for (const command of ["ingest", "check", "eval", "export"])
      expect(r.stdout).toContain(`kc ${command}`);
    for (const same of [["-h"], ["help"]]) expect(await kcHere(same)).toEqual(r);
  });

  test("as a process: a bare kc is one line naming the commands and kc --help, exit 2", () => {
    expect(kc([])).toEqual({
      code: 2,
      stdout: "",
      stderr:
        "kc: which command? Expected one of ingest, check, eval, export; kc --help shows how to use them\n",
    });
  });
});
