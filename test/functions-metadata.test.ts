import { createHash } from "crypto";
import { readFileSync } from "fs";
import { resolve } from "path";
import { generateCustomFunctionsMetadata } from "custom-functions-metadata";
import { FUNCTION_IDS } from "./helpers/expected";

/** Runs the real metadata generator (the one the webpack plugin calls) over our JSDoc. */

const source = resolve(__dirname, "../src/functions/functions.ts");
let metadataJson = "";
let functions: {
  id: string;
  name: string;
  description: string;
  parameters: {
    name: string;
    description: string;
    optional?: boolean;
    type: string;
    dimensionality?: string;
  }[];
  result: { type?: string; dimensionality?: string };
}[] = [];

beforeAll(async () => {
  const generated = await generateCustomFunctionsMetadata([source], true);
  expect(generated.errors).toEqual([]);
  metadataJson = generated.metadataJson;
  functions = JSON.parse(metadataJson).functions;
});

const byId = (id: string) => {
  const f = functions.find((x) => x.id === id);
  if (!f) throw new Error(`no ${id}`);
  return f;
};
const params = (id: string) => byId(id).parameters.map((p) => [p.name, Boolean(p.optional)]);

test("eleven functions, each named as its id", () => {
  expect(functions.map((f) => [f.id, f.name])).toEqual(FUNCTION_IDS.map((id) => [id, id]));
});

test("parameter names and which are optional", () => {
  expect(params("VALUE")).toEqual([
    ["item", false],
    ["period", true],
    ["currency", true],
    ["unit", true],
  ]);
  expect(params("REVENUE")).toEqual([
    ["period", true],
    ["segment", true],
    ["currency", true],
    ["unit", true],
  ]);
  expect(params("NONGAAP")).toEqual([
    ["metric", false],
    ["period", true],
    ["currency", true],
    ["unit", true],
  ]);
  expect(params("GROWTH")).toEqual([
    ["item", false],
    ["period", true],
    ["basis", true],
  ]);
  expect(params("MARGIN")).toEqual([
    ["item", false],
    ["period", true],
  ]);
  expect(params("SERIES")).toEqual([
    ["item", false],
    ["currency", true],
    ["unit", true],
  ]);
  expect(params("TABLE")).toEqual([
    ["statement", false],
    ["currency", true],
    ["unit", true],
  ]);
  expect(params("PERIODS")).toEqual([]);
  expect(params("ITEMS")).toEqual([["statement", true]]);
  expect(params("SOURCE")).toEqual([
    ["item", false],
    ["period", true],
    ["currency", true],
  ]);
  expect(params("FX")).toEqual([]);
});

test("every argument accepts whatever a cell holds (numbers for dates, text, empty)", () => {
  for (const f of functions) for (const p of f.parameters) expect(p.type).toBe("any");
});

test("descriptions that help as the analyst types", () => {
  expect(byId("VALUE").description).toBe(
    "Any figure of the Kingsoft Cloud release as printed, by label, analyst's name or id."
  );
  // What KC.NONGAAP means, one example each way; which functions print and which compute.
  expect(byId("NONGAAP").description).toBe(
    'The non-GAAP version of a measure, as the release names it: KC.NONGAAP("Gross profit") is adjusted gross profit; the GAAP line is KC.VALUE("Gross profit").'
  );
  expect(byId("MARGIN").description).toContain("computed exactly");
  for (const id of ["VALUE", "REVENUE", "SERIES", "TABLE"])
    expect(byId(id).description).toContain("as printed");
  for (const id of ["VALUE", "GROWTH", "MARGIN", "SERIES", "SOURCE", "NONGAAP"])
    expect(byId(id).parameters[0].description).toContain("analyst's name");
  expect(byId("VALUE").parameters[1].description).toBe(
    'Quarter or date: "2026Q1", "Q1 2026", "1Q26", "2026-03-31", a date, or "LQ", "LQ-1" (default: latest quarter).'
  );
  expect(byId("REVENUE").parameters[1].description).toBe(
    '"total" (default), "public" or "enterprise".'
  );
  expect(byId("GROWTH").parameters[2].description).toContain('"YoY" (default) or "QoQ"');
  expect(byId("FX").description).toBe("The release's convenience translation rate.");
  for (const f of functions) {
    expect(f.description.length).toBeGreaterThan(20);
    for (const p of f.parameters) expect(p.description.length).toBeGreaterThan(10);
  }
});

test("array functions spill (matrix results), the others return one value", () => {
  for (const id of ["SERIES", "TABLE", "PERIODS", "ITEMS"])
    expect(byId(id).result.dimensionality).toBe("matrix");
  for (const id of ["VALUE", "REVENUE", "NONGAAP", "GROWTH", "MARGIN", "FX"])
    expect(byId(id).result.type).toBe("number");
  expect(byId("SOURCE").result.type).toBe("string");
});

test("the manifest version was bumped with the last change to the functions (Excel caches their metadata)", () => {
  const recorded = JSON.parse(
    readFileSync(resolve(__dirname, "../src/functions/functions-version.json"), "utf8")
  );
  const manifestVersion = /<Version>([\d.]+)<\/Version>/.exec(
    readFileSync(resolve(__dirname, "../manifest.xml"), "utf8")
  )?.[1];
  const hash = createHash("sha256").update(metadataJson).digest("hex");
  const advice = `functions.json changed: bump <Version> in manifest.xml and record {"manifestVersion": "<new>", "metadataSha256": "${hash}"} in src/functions/functions-version.json`;
  expect({ hash: recorded.metadataSha256 === hash ? "recorded" : advice }).toEqual({
    hash: "recorded",
  });
  expect(manifestVersion).toBe(recorded.manifestVersion);
});
