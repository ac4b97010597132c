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

test("the changelog has an entry for the version and every version functions.json had", () => {
  const entries = [...changelog.matchAll(/^## (\d+\.\d+\.\d+\.\d+) \(/gm)].map((m) => m[1]);
  expect(entries[0]).toBe(manifestVersion);
  expect(history.filter((v) => !entries.includes(v))).toEqual([]);
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
