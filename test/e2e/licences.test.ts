import { readFileSync, readdirSync } from "fs";
import { join } from "path";
import { ROOT } from "../helpers/root";

/**
 * The add-in's own bundles hold no HyperFormula code, so the MIT licence covers what Excel loads;
 * only the command line runs HyperFormula (under its GPL-3.0 licence key).
 */

const DIST = join(ROOT, "test-output/dist");
/** Strings HyperFormula's code carries whatever the minifier does: its licence key handling. */
const MARKERS = ["gpl-v3", "licenseKey", "HyperFormula"];

test("HyperFormula's own bundle carries the markers the test looks for", () => {
  const own = readFileSync(
    join(ROOT, "node_modules/hyperformula/dist/hyperformula.min.js"),
    "utf8"
  );
  expect(MARKERS.filter((m) => !own.includes(m))).toEqual([]);
});

test("no bundle of the add-in carries any of them", () => {
  const bundles = readdirSync(DIST).filter((f) => f.endsWith(".js"));
  expect(bundles).toEqual(expect.arrayContaining(["functions.js", "taskpane.js"]));
  const found = bundles.flatMap((f) => {
    const js = readFileSync(join(DIST, f), "utf8");
    return MARKERS.filter((m) => js.includes(m)).map((m) => `${f}: ${m}`);
  });
  expect(found).toEqual([]);
});

/** The modules whose code a bundle holds, as webpack lists them in its source map. */
function modulesOf(bundle: string): string[] {
  const map = JSON.parse(readFileSync(join(DIST, `${bundle}.map`), "utf8")) as {
    sources: string[];
  };
  return map.sources;
}

test("webpack's module list of each bundle names no module of the hyperformula package", () => {
  const bundles = readdirSync(DIST).filter((f) => f.endsWith(".js"));
  const modules = bundles.flatMap((f) => modulesOf(f).map((m) => `${f}: ${m}`));
  // The list names packages by their path, as parse5, which the release reader uses, shows.
  expect(modules).toEqual(
    expect.arrayContaining([expect.stringMatching(/^release-reader\.js: .*node_modules\/parse5\//)])
  );
  expect(modules.filter((m) => m.includes("node_modules/hyperformula/"))).toEqual([]);
});
