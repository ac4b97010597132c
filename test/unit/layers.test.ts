import { readFileSync, readdirSync } from "fs";
import { dirname, join, normalize, relative } from "path";
import { ROOT } from "../helpers/root";

/**
 * The layers of src/ and what each may import: the domain (periods, decimal, identities, text,
 * units) stands on nothing of ours; data and core both stand on it and not on each other; the
 * faces stand on the core. No two modules import each other, however long the way round.
 */

const SRC = join(ROOT, "src");

const MAY_IMPORT: Record<string, string[]> = {
  domain: [],
  data: ["domain"],
  core: ["domain"],
  sheets: ["domain", "core"],
  functions: ["domain", "core", "data"],
  cli: ["domain", "data", "core", "sheets"],
  // The pane reads the releases a workbook stores, and (issue 21) a release pasted into it.
  taskpane: ["domain", "data", "core", "sheets", "functions"],
};

function modules(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? modules(join(dir, e.name)) : e.name.endsWith(".ts") ? [join(dir, e.name)] : []
  );
}

/** Each module (path under src/, without .ts) with the modules of ours it imports. */
const graph = new Map<string, string[]>(
  modules(SRC).map((file) => {
    const text = readFileSync(file, "utf8");
    const imports = [...text.matchAll(/(?:from|import)\s+["'](\.{1,2}\/[^"']+)["']/g)]
      .map((m) => relative(SRC, normalize(join(dirname(file), m[1]))))
      .filter((m) => !m.endsWith(".json") && !m.endsWith(".css") && !m.endsWith(".html"));
    return [relative(SRC, file).replace(/\.ts$/, ""), imports];
  })
);

/** Code only: comments may name what the code must not touch. */
const withoutComments = (code: string) =>
  code.replace(/\/\*[\s\S]*?\*\//g, "").replace(/^\s*\/\/.*$/gm, "");

const layerOf = (module: string) => module.split("/")[0];

test("every layer imports only the layers beneath it", () => {
  const crossings: string[] = [];
  for (const [module, imports] of graph) {
    const layer = layerOf(module);
    for (const target of imports) {
      const other = layerOf(target);
      if (other !== layer && !(MAY_IMPORT[layer] ?? []).includes(other))
        crossings.push(`${module} -> ${target}`);
    }
  }
  expect(crossings).toEqual([]);
  expect([...new Set([...graph.keys()].map(layerOf))].sort()).toEqual(
    Object.keys(MAY_IMPORT).sort()
  );
});

test("no module imports another that imports it back, directly or round about", () => {
  const cycles: string[] = [];
  const state = new Map<string, "open" | "done">();
  const visit = (module: string, path: string[]) => {
    state.set(module, "open");
    for (const next of graph.get(module) ?? []) {
      if (state.get(next) === "open")
        cycles.push([...path.slice(path.indexOf(next)), module, next].join(" -> "));
      else if (!state.has(next)) visit(next, [...path, module]);
    }
    state.set(module, "done");
  };
  for (const module of graph.keys()) if (!state.has(module)) visit(module, []);
  expect(cycles).toEqual([]);
});

test("the domain and the core are pure: no Office, no file system, no dataset of their own", () => {
  const impure = [...graph.keys()]
    .filter((m) => ["domain", "core"].includes(layerOf(m)))
    .filter((m) =>
      /\b(Office|Excel|CustomFunctions)\.|from "fs"|from "path"|dataset\.json/.test(
        withoutComments(readFileSync(join(SRC, `${m}.ts`), "utf8"))
      )
    );
  expect(impure).toEqual([]);
});
