import { readdirSync } from "fs";
import { join, relative, sep } from "path";
import { ROOT } from "../helpers/root";

/**
 * Each module its own tests: test/unit/<layer>/<module>.test.ts mirrors src/<layer>/<module>.ts,
 * and an aspect of it is <module>.<aspect>.test.ts (functions.hostile, ingest.fuzz). A test file
 * named after no module is misfiled or outlived its module; a module with no test of its own is
 * on the list below, with why, until it has one. The list only shrinks: a listed module that
 * gains a test (or is removed) must come off it.
 */

const SRC = join(ROOT, "src");
const UNIT = join(ROOT, "test", "unit");

/**
 * Tests of the project as a whole, named after no module: the layers' imports, these names, and
 * the add-in's one version (package.json, manifest, changelog).
 */
const CROSS_CUTTING = ["layers.test.ts", "test-names.test.ts", "versions.test.ts"];

const THROUGH_INGEST =
  "tested only through the ingest pipeline (data/ingest/ingest.*.test.ts, data/dataset.test.ts)";

/** Modules (under src/, without .ts) with no test of their own yet, and why. */
const WITHOUT_OWN_TEST: Record<string, string> = {
  // Types only: nothing to run.
  "domain/dataset": "types only (the dataset's shape); data/shape.test.ts checks data against it",

  // Being written by others at the same time as this list.
  "cli/eval-command": "run as a user runs it, a child process: e2e/cli-eval.test.ts",
  "data/ingest/prose": `${THROUGH_INGEST}; its reducer and tokens have tests of their own`,
  "data/ingest/prose-tokens": `${THROUGH_INGEST} and data/ingest/prose-reducer.test.ts`,
  "taskpane/preview": "needs a page: e2e/taskpane.test.ts in Chromium",
  "taskpane/share-panel": "needs a page: e2e/share.test.ts in Chromium",
  "taskpane/release-panel":
    "needs a page and a paste: e2e/taskpane.test.ts (release day) in Chromium; what it shows is release-review.test.ts",
  "taskpane/taskpane": "the page's entry point: e2e/taskpane.test.ts in Chromium",

  // The ingest pipeline's stages, so far tested together, through what ingest makes of the release.
  "data/ingest/build": THROUGH_INGEST,
  "data/ingest/encoding": THROUGH_INGEST,
  "data/ingest/errors": THROUGH_INGEST,
  "data/ingest/layout": THROUGH_INGEST,
  "data/ingest/numbers": THROUGH_INGEST,
  "data/ingest/prose-lexicon": `${THROUGH_INGEST}; it is the text's vocabulary, as data`,
  "data/ingest/row-ids": `${THROUGH_INGEST}; it is the tables' row ids, as data`,
  "data/ingest/tables": THROUGH_INGEST,
};

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)]
  );
}

const posix = (path: string) => path.split(sep).join("/");

/** What a test may be named after: code (.ts) and the data it bundles (data/dataset.json). */
const nameable = new Set(
  files(SRC)
    .filter((f) => /\.(ts|json)$/.test(f))
    .map((f) => posix(relative(SRC, f)).replace(/\.(ts|json)$/, ""))
);

/** The modules that need a test: the code. */
const modules = files(SRC)
  .filter((f) => f.endsWith(".ts"))
  .map((f) => posix(relative(SRC, f)).replace(/\.ts$/, ""))
  .sort();

const tests = files(UNIT)
  .map((f) => posix(relative(UNIT, f)))
  .filter((t) => !CROSS_CUTTING.includes(t));

/** The module a test file is named after: Y.test.ts, or Y.<aspect>.test.ts. */
function moduleOf(test: string): string | undefined {
  const base = test.replace(/\.test\.ts$/, "");
  if (base === test) return undefined;
  if (nameable.has(base)) return base;
  const m = /^(.+)\.[a-z][a-z0-9-]*$/.exec(base);
  return m && nameable.has(m[1]) ? m[1] : undefined;
}

const tested = new Set(tests.map(moduleOf).filter((m): m is string => m !== undefined));

test("every file under test/unit is a test named after a module of src/", () => {
  const stray = tests.filter((t) => moduleOf(t) === undefined);
  expect(stray).toEqual([]);
  expect(CROSS_CUTTING.filter((t) => !files(UNIT).includes(join(UNIT, t)))).toEqual([]);
});

test("every module has a test of its own, or is listed with why it has none", () => {
  const unlisted = modules.filter((m) => !tested.has(m) && !(m in WITHOUT_OWN_TEST));
  expect(unlisted).toEqual([]);
});

test("the list only shrinks: no listed module has a test of its own, or is gone", () => {
  const stale = Object.keys(WITHOUT_OWN_TEST).filter((m) => tested.has(m) || !modules.includes(m));
  expect(stale).toEqual([]);
  expect(Object.entries(WITHOUT_OWN_TEST).filter(([, why]) => why.trim() === "")).toEqual([]);
});
