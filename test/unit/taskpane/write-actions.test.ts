import { readFileSync, readdirSync } from "fs";
import { join } from "path";
import { READ_ONLY, WRITE_ACTIONS } from "../../../src/taskpane/write-actions";
import { ROOT } from "../../helpers/root";

/**
 * The pane's list of write actions is whole: every function of src/taskpane that runs Excel
 * (`Excel.run`, `api.run`, `excel.run`) is a write action, swept for faults, or read-only with why;
 * and nothing is listed that is not there.
 */

const DIR = join(ROOT, "src", "taskpane");

const RUNS = /\b(?:Excel|api|excel)\.run\(/;

/**
 * The functions of the pane's modules that run Excel, as "module.function": each one that calls
 * `run` itself, or, for a module's private helper called only by exported functions the lists
 * know (writer.write, under insertModel and refreshModel), those callers.
 */
function runners(listed: ReadonlySet<string>): string[] {
  const out = new Set<string>();
  for (const file of readdirSync(DIR).filter((f) => f.endsWith(".ts"))) {
    const module = file.replace(/\.ts$/, "");
    const text = readFileSync(join(DIR, file), "utf8");
    const starts = [...text.matchAll(/^(export )?(?:async )?function (\w+)/gm)];
    const fns = starts.map((m, k) => ({
      name: m[2],
      exported: !!m[1],
      body: text.slice(m.index, starts[k + 1]?.index ?? text.length),
    }));
    for (const f of fns.filter((x) => RUNS.test(x.body))) {
      const callers = fns.filter((x) => x !== f && new RegExp(`\\b${f.name}\\(`).test(x.body));
      const standsFor =
        !f.exported &&
        callers.length > 0 &&
        callers.every((c) => c.exported && listed.has(`${module}.${c.name}`));
      for (const name of standsFor ? callers.map((c) => c.name) : [f.name])
        out.add(`${module}.${name}`);
    }
  }
  return [...out].sort();
}

const listed = new Set<string>([...WRITE_ACTIONS.map((a) => a.runner), ...READ_ONLY.keys()]);

test("every function of the pane that runs Excel is a write action or read-only, with why", () => {
  expect(runners(listed).filter((r) => !listed.has(r))).toEqual([]);
  expect([...listed].filter((r) => !runners(listed).includes(r))).toEqual([]);
  for (const why of READ_ONLY.values()) expect(why).toMatch(/^loads /);
});

test("a function that runs Excel and is on neither list is found", () => {
  // Without the lists, the private writer.write stands for itself, and every runner is found.
  expect(runners(new Set())).toEqual(
    [...listed, "writer.write"]
      .filter((r) => r !== "writer.insertModel" && r !== "writer.refreshModel")
      .sort()
  );
});

test("each action has its own id", () => {
  const ids = WRITE_ACTIONS.map((a) => a.id);
  expect(new Set(ids).size).toBe(ids.length);
});
