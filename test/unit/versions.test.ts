import { readFileSync } from "fs";
import { join } from "path";
import { ROOT } from "../helpers/root";

/** One version for the add-in, a changelog entry for each, and the licences said as they are. */

const read = (file: string) => readFileSync(join(ROOT, file), "utf8");
const pkg = JSON.parse(read("package.json")) as { version: string; license: string };
const manifestVersion = /<Version>([\d.]+)<\/Version>/.exec(read("manifest.xml"))?.[1];
const history = (
  JSON.parse(read("src/functions/functions-version.json")) as {
    history: { manifestVersion: string }[];
  }
).history.map((e) => e.manifestVersion);
const changelog = read("CHANGELOG.md");

test("package.json and the manifest carry one version (the manifest's has four parts)", () => {
  expect(manifestVersion).toBe(`${pkg.version}.0`);
});

/** Newer first: a positive number when a is older than b. */
const newerFirst = (a: string, b: string) => {
  const [x, y] = [a, b].map((v) => v.split(".").map(Number));
  return y.reduce((d, n, k) => d || n - x[k], 0);
};

test("the changelog: Unreleased, then the version and every version functions.json had, newest first", () => {
  const headings = [...changelog.matchAll(/^## (.*)$/gm)].map((m) => m[1]);
  // What is not yet in a version stands above the versions, which are dated, newest first.
  expect(headings[0]).toBe("Unreleased");
  const dated = /^\d+\.\d+\.\d+\.\d+ \(\d{4}-\d{2}-\d{2}/;
  expect(headings.slice(1).filter((h) => !dated.test(h))).toEqual([]);
  const entries = headings.slice(1).map((h) => h.split(" ")[0]);
  expect(entries[0]).toBe(manifestVersion);
  expect(history.filter((v) => !entries.includes(v))).toEqual([]);
  expect(entries).toEqual([...entries].sort(newerFirst));
});

test("the licences: the add-in under MIT, the command line with HyperFormula under GPL-3.0", () => {
  expect(pkg.license).toBe("SEE LICENSE IN LICENSE");
  const licence = read("LICENSE");
  expect(licence).toContain("MIT License");
  expect(licence).toMatch(/command line .*HyperFormula/s);
  expect(licence).toContain("GPL-3.0");
  const hyperformula = JSON.parse(read("node_modules/hyperformula/package.json")) as {
    license: string;
  };
  expect(hyperformula.license).toBe("GPL-3.0-only");
});
