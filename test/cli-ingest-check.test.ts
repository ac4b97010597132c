import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join, resolve } from "path";
import { kc } from "./helpers/cli";
import { RELEASE_PATH, release, releaseWith } from "./helpers/release";

const committed = readFileSync(resolve(__dirname, "../src/data/dataset.json"), "utf8");
const dir = mkdtempSync(join(tmpdir(), "kc-cli-"));

release.test(
  "kc ingest writes exactly the committed dataset, and again when re-run over it",
  () => {
    const out = join(dir, "fresh.json");
    const first = kc(["ingest", RELEASE_PATH, "--out", out, "--fresh"]);
    expect(first.stderr).toBe("");
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(
      /109 line items, 469 figures from kc-2026q1-earnings-release\.txt; all \d+ identities pass/
    );
    expect(readFileSync(out, "utf8") === committed).toBe(true);

    const again = kc(["ingest", RELEASE_PATH, "--out", out]);
    expect(again.code).toBe(0);
    expect(readFileSync(out, "utf8") === committed).toBe(true);
  }
);

release.test("kc ingest of a release that will not parse names the line and writes nothing", () => {
  const broken = join(dir, "broken.txt");
  writeFileSync(broken, releaseWith({ 150: "\t6,O18,043" }));
  const out = join(dir, "never.json");
  const r = kc(["ingest", broken, "--out", out]);
  expect(r.code).toBe(2);
  expect(r.stderr).toContain('kc ingest: line 150: cannot read "6,O18,043"');
  expect(existsSync(out)).toBe(false);
});

release.test(
  "kc ingest refuses a release whose identities fail, leaving the dataset as it was",
  () => {
    const swapped = join(dir, "swapped.txt");
    writeFileSync(swapped, releaseWith({ 539: "\t1,996,310" }));
    const out = join(dir, "kept.json");
    writeFileSync(out, committed);
    const r = kc(["ingest", swapped, "--out", out]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /Total revenues = public \+ enterprise cloud\s+2026Q1\s+RMB\s+2703741\s+2703732/
    );
    expect(r.stderr).toContain("identities fail;");
    expect(readFileSync(out, "utf8") === committed).toBe(true);
  }
);

test("kc ingest without a file, or with a missing one, says what is wrong", () => {
  expect(kc(["ingest"]).stderr).toContain("which release?");
  const r = kc(["ingest", join(dir, "nope.txt")]);
  expect(r.code).toBe(2);
  expect(r.stderr).toContain("cannot read");
});

test("kc check lists every identity with expected, actual and pass, and exits 0", () => {
  const r = kc(["check"]);
  expect(r.code).toBe(0);
  const lines = r.stdout.split("\n");
  expect(lines[0]).toMatch(/^group\s+identity\s+period\s+cur\s+expected\s+actual\s+pass$/);
  expect(r.stdout).toMatch(
    /Ties\s+Total assets = total liabilities, NCI and equity\s+2026-03-31\s+USD\s+4125290\s+4125290\s+pass/
  );
  expect(r.stdout).toMatch(/All \d{3} identities pass\./);
  expect(r.stdout).not.toContain("FAIL");
});

test("kc check exits 1 and marks the failure on a dataset with one figure changed", () => {
  const ds = JSON.parse(committed);
  const f = ds.facts.find(
    (x: { item: string; period: string; currency: string }) =>
      x.item === "bs.goodwill" && x.period === "2026-03-31" && x.currency === "RMB"
  );
  f.value = "4605742";
  const path = join(dir, "wrong.json");
  writeFileSync(path, JSON.stringify(ds));
  const r = kc(["check", "--dataset", path]);
  expect(r.code).toBe(1);
  expect(r.stdout).toMatch(
    /Total non-current assets\s+2026-03-31\s+RMB\s+17956010\s+17955992\s+FAIL/
  );
  expect(r.stdout).toMatch(/\d+ of \d+ identities FAIL\./);
});

test("an unknown command lists the commands", () => {
  const r = kc(["frobnicate"]);
  expect(r.code).toBe(2);
  expect(r.stderr).toContain('unknown command "frobnicate"; expected one of ingest, check');
});
