import { ROOT } from "../../helpers/root";
import { spawnSync } from "child_process";
import { createHash } from "crypto";
import { readFileSync } from "fs";
import { resolve } from "path";
import { shippedMetadata } from "../../../scripts/functions-metadata";
import { KC_FUNCTIONS } from "../../../src/core/registry";
import { needs } from "../../helpers/needs";

/** functions.json as shipped: the real generator (the webpack plugin's) over our JSDoc. */

let metadataJson = "";
let functions: {
  id: string;
  name: string;
  description: string;
  parameters: {
    name: string;
    description: string;
    optional?: boolean;
    repeating?: boolean;
    type: string;
    dimensionality?: string;
  }[];
  result: { type?: string; dimensionality?: string };
}[] = [];

beforeAll(async () => {
  metadataJson = await shippedMetadata();
  functions = JSON.parse(metadataJson).functions;
});

const byId = (id: string) => {
  const f = functions.find((x) => x.id === id);
  if (!f) throw new Error(`no ${id}`);
  return f;
};

test("functions.json (from the JSDoc) and the core's registry agree on every function, parameter and result", () => {
  const declared = KC_FUNCTIONS.map((f) => ({
    id: f.id,
    name: f.id,
    parameters: f.params.map((p) => ({
      name: p.name,
      optional: p.optional,
      repeating: p.repeating,
    })),
    result:
      f.result.shape === "spill"
        ? { dimensionality: "matrix" }
        : { type: f.result.shape === "text" ? "string" : "number" },
  }));
  const generated = functions.map((f) => ({
    id: f.id,
    name: f.name,
    parameters: f.parameters.map((p) => ({
      name: p.name,
      optional: Boolean(p.optional),
      repeating: Boolean(p.repeating),
    })),
    result:
      f.result.dimensionality === "matrix" ? { dimensionality: "matrix" } : { type: f.result.type },
  }));
  expect(generated).toEqual(declared);
});

test("the registry declares what users have always typed: eleven functions, VALUE's arguments", () => {
  expect(KC_FUNCTIONS).toHaveLength(11);
  expect(byId("VALUE").parameters.map((p) => [p.name, Boolean(p.optional)])).toEqual([
    ["item", false],
    ["period", true],
    ["currency", true],
    ["unit", true],
    ["report", true],
  ]);
});

test("every argument accepts whatever a cell holds (numbers for dates, text, empty)", () => {
  for (const f of functions) for (const p of f.parameters) expect(p.type).toBe("any");
});

test("descriptions that help as the analyst types", () => {
  // One sign convention, said where Excel describes the function.
  expect(byId("VALUE").description).toBe(
    "Any figure of the Kingsoft Cloud release as printed, by label, analyst's name or id; costs, expenses and losses negative."
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
    'Quarter, span or date: "2026Q1", "1Q26", "2026-03-31", a date, "LQ", "LQ-1", or "FY2025", "H1 2026", "9M 2025", "LTM" (a sum of quarters; default: latest quarter).'
  );

  expect(byId("REVENUE").parameters[1].description).toBe(
    '"total" (default), "public" or "enterprise".'
  );
  expect(byId("GROWTH").parameters[2].description).toContain('"YoY" (default) or "QoQ"');
  expect(byId("FXRATE").description).toBe("The release's convenience translation rate.");
  for (const f of functions) {
    expect(f.description.length).toBeGreaterThan(20);
    for (const p of f.parameters) expect(p.description.length).toBeGreaterThan(10);
  }
});

test("array functions spill (matrix results), the others return one value", () => {
  for (const id of ["SERIES", "TABLE", "PERIODS", "ITEMS"])
    expect(byId(id).result.dimensionality).toBe("matrix");
  for (const id of ["VALUE", "REVENUE", "NONGAAP", "GROWTH", "MARGIN", "FXRATE"])
    expect(byId(id).result.type).toBe("number");
  expect(byId("SOURCE").result.type).toBe("string");
});

test("no data-type flag: the functions take plain values, and the flag would need CustomFunctionsRuntime 1.4", () => {
  expect(JSON.parse(metadataJson)).not.toHaveProperty("allowCustomDataForDataTypeAny");
});

describe("the manifest version goes up with every change to functions.json (Excel caches it)", () => {
  const VERSIONS = "src/functions/functions-version.json";
  interface Entry {
    manifestVersion: string;
    metadataSha256: string;
  }
  /** The recorded history; a file of the first format holds one entry. */
  const historyOf = (json: string): Entry[] => {
    const recorded = JSON.parse(json);
    return recorded.history ?? [recorded];
  };
  const history = historyOf(readFileSync(resolve(ROOT, VERSIONS), "utf8"));
  const parts = (v: string) => v.split(".").map(Number);
  const higher = (a: string, b: string) => {
    const [x, y] = [parts(a), parts(b)];
    const k = x.findIndex((n, i) => n !== (y[i] ?? 0));
    return k >= 0 && x[k] > (y[k] ?? 0);
  };

  test("the shipped functions.json is the last one recorded, at or under the manifest's version", () => {
    const hash = createHash("sha256").update(metadataJson).digest("hex");
    const last = history[history.length - 1];
    const manifestVersion = /<Version>([\d.]+)<\/Version>/.exec(
      readFileSync(resolve(ROOT, "manifest.xml"), "utf8")
    )?.[1];
    const advice = `functions.json changed: raise <Version> in manifest.xml above ${last.manifestVersion} and append {"manifestVersion": "<the new version>", "metadataSha256": "${hash}"} to the history in ${VERSIONS}`;
    expect({ functionsJson: last.metadataSha256 === hash ? "recorded" : advice }).toEqual({
      functionsJson: "recorded",
    });
    // A release of new data (no new metadata) raises the version too, so that Office fetches
    // the new bundle: at or above the last recorded, never below.
    expect(
      manifestVersion === last.manifestVersion ||
        higher(manifestVersion as string, last.manifestVersion)
    ).toBe(true);
  });

  test("each recorded change has a higher version than the one before", () => {
    for (let k = 1; k < history.length; k++) {
      expect(history[k].metadataSha256).not.toBe(history[k - 1].metadataSha256);
      expect({
        [history[k].manifestVersion]: higher(
          history[k].manifestVersion,
          history[k - 1].manifestVersion
        )
          ? "higher"
          : `not above ${history[k - 1].manifestVersion}`,
      }).toEqual({ [history[k].manifestVersion]: "higher" });
    }
  });

  const git = spawnSync("git", ["log", "--format=%H", "--", VERSIONS], {
    cwd: ROOT,
    encoding: "utf8",
  });
  needs("a git checkout", git.status === 0 ? undefined : "git log fails here").test(
    "no committed entry was ever rewritten: a version stands for one functions.json",
    () => {
      const now = new Map(history.map((e) => [e.manifestVersion, e.metadataSha256]));
      for (const commit of git.stdout.split("\n").filter(Boolean)) {
        const then = spawnSync("git", ["show", `${commit}:${VERSIONS}`], {
          cwd: ROOT,
          encoding: "utf8",
        });
        for (const e of historyOf(then.stdout))
          expect(`${e.manifestVersion} ${now.get(e.manifestVersion) ?? "(dropped)"}`).toBe(
            `${e.manifestVersion} ${e.metadataSha256}`
          );
      }
    }
  );
});
