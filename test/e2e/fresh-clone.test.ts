import { ROOT } from "../helpers/root";
import { spawnSync } from "child_process";
import { mkdtempSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";

/**
 * A clone with nothing beside it (no ../shared: no release text, no Microsoft XSDs) passes
 * `npm test`, the tests that need those skipped with a message saying where to put them; under
 * CI (CI=true) their absence fails. Run on the suites that need them, with both pointed nowhere.
 */

const nowhere = mkdtempSync(join(tmpdir(), "kc-nothing-beside-"));
const SUITES = [
  "test/unit/data/ingest/ingest.errors.test.ts",
  "test/unit/data/ingest/ingest.fuzz.test.ts",
  "test/e2e/manifest.test.ts",
];

function jest(ci: string) {
  return spawnSync(
    process.execPath,
    [
      join(ROOT, "node_modules/jest/bin/jest.js"),
      "--globalSetup",
      join(ROOT, "test/helpers/no-build.js"),
      ...SUITES,
    ],
    {
      cwd: ROOT,
      encoding: "utf8",
      timeout: 240000,
      env: {
        ...process.env,
        CI: ci,
        KC_RELEASE_TEXT: join(nowhere, "sources/kc-2026q1-earnings-release.txt"),
        KC_OFFICE_SCHEMAS: join(nowhere, "office-schemas"),
      },
    }
  );
}

test("without ../shared: the tests that need it skip and say where to put it", () => {
  const r = jest("");
  expect(r.stderr).toMatch(/Tests: +\d+ skipped, \d+ passed, \d+ total/);
  expect(r.stderr).toContain(
    `Skipped: the tests that need the Q1 2026 release text: it is not at ${join(nowhere, "sources/kc-2026q1-earnings-release.txt")}; put kc-2026q1-earnings-release.txt there`
  );
  expect(r.stderr).toContain(
    `Skipped: the tests that need Microsoft's manifest XSDs and xmllint: Microsoft's manifest XSDs are not at ${join(nowhere, "office-schemas")}`
  );
  expect(r.status).toBe(0);
}, 300000);

test("without ../shared under CI=true: those tests fail, saying what is missing", () => {
  const r = jest("true");
  expect(r.stderr).toContain("CI=true and the tests need the Q1 2026 release text");
  expect(r.stderr).toContain("CI=true and the tests need Microsoft's manifest XSDs and xmllint");
  expect(r.status).toBe(1);
}, 300000);
