import { mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join, resolve } from "path";
import {
  DEFAULT_DATASET,
  datasetAt,
  datasetJson,
  datasetOption,
  readDatasetFile,
  writeDatasetFile,
} from "../../../src/cli/dataset-file";
import { CliError, UsageError } from "../../../src/cli/output";
import { bundledDataset } from "../../../src/data/load";
import type { Dataset } from "../../../src/domain/dataset";
import { ROOT } from "../../helpers/root";
import { thrown } from "../../helpers/thrown";

/** The dataset file a command reads and kc ingest writes: found, refused with a way out, written whole. */

const dir = mkdtempSync(join(tmpdir(), "kc-dataset-file-"));
const committed = readFileSync(resolve(ROOT, "src/data/dataset.json"), "utf8");

describe("readDatasetFile", () => {
  test("the committed dataset, as the add-in bundles it", () => {
    const ds = readDatasetFile(DEFAULT_DATASET) as Dataset;
    expect(ds).toEqual(bundledDataset());
    expect(ds.company).toMatchObject({ nasdaq: "KC", hkex: "3896" });
    expect(ds.fx.rmbPerUsd).toBe("6.8980");
  });

  test("no file there: undefined, for the caller to say what to do", () => {
    expect(readDatasetFile(join(dir, "absent.json"))).toBeUndefined();
  });

  test("a directory cannot be read: one line saying so", () => {
    const e = thrown(CliError, () => readDatasetFile(dir));
    expect(e.message).toBe(`cannot read ${dir}: it is a directory`);
  });

  test("not JSON: says so, and how to restore or rebuild it, never overwriting it unasked", () => {
    const path = join(dir, "half-written.json");
    writeFileSync(path, committed.slice(0, 500));
    const e = thrown(CliError, () => readDatasetFile(path));
    expect(e.message).toMatch(
      new RegExp(`^${path.replace(/[.\\/]/g, "\\$&")} is not valid JSON \\(`)
    );
    expect(e.message).toContain(
      `restore it (from git), or rebuild it with "kc ingest RELEASE.txt --fresh --out ${path}"`
    );
    expect(readFileSync(path, "utf8")).toBe(committed.slice(0, 500));
  });

  test("JSON that is not a dataset: says what is wrong with it", () => {
    const path = join(dir, "other.json");
    writeFileSync(path, JSON.stringify({ name: "kc-financials", version: "1.0.0" }));
    const e = thrown(CliError, () => readDatasetFile(path));
    expect(e.message).toMatch(
      new RegExp(`^${path.replace(/[.\\/]/g, "\\$&")} is not a KC dataset: .+; restore it`)
    );
    expect(e.message.split("\n")).toHaveLength(1);
  });
});

describe("datasetAt", () => {
  test("the committed dataset by default", () => {
    expect(datasetAt().version).toBe(bundledDataset().version);
    expect(DEFAULT_DATASET).toBe(resolve(ROOT, "src/data/dataset.json"));
  });

  test("a path with no dataset: how to make one", () => {
    const path = join(dir, "nothing-here.json");
    expect(thrown(CliError, () => datasetAt(path)).message).toBe(
      `no dataset at ${path}; create it with "npm run kc -- ingest RELEASE.txt"`
    );
  });
});

describe("datasetOption", () => {
  test("takes --dataset FILE out of the arguments, the path resolved", () => {
    expect(datasetOption(["model.xlsx", "--dataset", "d.json", "--unit", "millions"])).toEqual({
      path: resolve("d.json"),
      rest: ["model.xlsx", "--unit", "millions"],
    });
    expect(datasetOption(["--json"])).toEqual({ path: undefined, rest: ["--json"] });
    expect(datasetOption([])).toEqual({ path: undefined, rest: [] });
  });

  test("the last --dataset given is the one used", () => {
    expect(datasetOption(["--dataset", "/a.json", "--dataset", "/b.json"]).path).toBe(
      resolve("/b.json")
    );
  });

  test("--dataset without a path is a usage error (kc names where the usage is)", () => {
    for (const args of [["--dataset"], ["--dataset", "--json"]]) {
      const e = thrown(UsageError, () => datasetOption(args));
      expect(e.message).toBe("--dataset needs a path");
    }
  });
});

describe("datasetJson and writeDatasetFile", () => {
  test("one record per line, compact within it, and the committed file is exactly that", () => {
    const text = datasetJson(bundledDataset());
    expect(text).toBe(committed);
    expect(text.endsWith("}\n")).toBe(true);
    const lines = text.split("\n");
    expect(lines[0]).toBe("{");
    expect(
      lines.some((l) =>
        l.startsWith('{"item":"revenue.total","period":"2026Q1","currency":"RMB","value":"2703732"')
      )
    ).toBe(true);
    expect(JSON.parse(text)).toEqual(bundledDataset());
  });

  test("an empty list stays on its line", () => {
    const ds = { ...bundledDataset(), sources: [] } as Dataset;
    expect(datasetJson(ds)).toContain('"sources": []');
  });

  test("written whole, read back the same, nothing temporary left beside it", () => {
    const out = join(dir, "written");
    mkdirSync(out);
    const path = join(out, "dataset.json");
    writeDatasetFile(path, bundledDataset());
    expect(readFileSync(path, "utf8")).toBe(committed);
    expect(readDatasetFile(path)).toEqual(bundledDataset());
    expect(readdirSync(out)).toEqual(["dataset.json"]);
  });
});
