import { createHash } from "crypto";
import { readFileSync } from "fs";
import { bundledDataset } from "../../../src/data/load";
import { RELEASE_PATH, release } from "../../helpers/release";

/**
 * The dataset bundled with the add-in: dataset.json, checked by asDataset on the way in. What it
 * holds figure by figure is test/unit/data/dataset.test.ts's; here, what it is.
 */

test("the bundled dataset is Kingsoft Cloud's Q1 2026 release, in format 1", () => {
  const ds = bundledDataset();
  expect(ds.format).toBe(1);
  expect(ds.company).toEqual({
    name: "Kingsoft Cloud Holdings Limited",
    nasdaq: "KC",
    hkex: "3896",
  });
  expect(ds.latestQuarter).toBe("2026Q1");
  expect(ds.version).toMatch(/^2026Q1-/);
  // "RMB6.8980 to US$1.00, the noon buying rate in effect on March 31, 2026".
  expect(ds.fx).toMatchObject({ rmbPerUsd: "6.8980", date: "2026-03-31", release: "2026Q1" });
  expect(ds.sources.map((s) => [s.release, s.file])).toEqual([
    ["2026Q1", "kc-2026q1-earnings-release.txt"],
  ]);
});

test("its periods: the three quarters and two balance sheet dates the release prints", () => {
  expect(bundledDataset().periods.map((p) => `${p.id} ${p.kind} ${p.end}`)).toEqual([
    "2025Q1 quarter 2025-03-31",
    "2025-12-31 instant 2025-12-31",
    "2025Q4 quarter 2025-12-31",
    "2026-03-31 instant 2026-03-31",
    "2026Q1 quarter 2026-03-31",
  ]);
});

test("no copy: every call gives the same object, which no caller may change", () => {
  expect(bundledDataset()).toBe(bundledDataset());
});

release.test("it records the release it was read from by its SHA-256", () => {
  const sha = createHash("sha256").update(readFileSync(RELEASE_PATH)).digest("hex");
  expect(bundledDataset().sources[0].sha256).toBe(sha);
});
