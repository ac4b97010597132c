import { ROOT } from "../../helpers/root";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join, resolve } from "path";
import { kcHere } from "../../helpers/cli";
import { utf16le } from "../../helpers/damage";
import { RELEASE_PATH, release, releaseText, releaseWith } from "../../helpers/release";

const committed = readFileSync(resolve(ROOT, "src/data/dataset.json"), "utf8");
const dir = mkdtempSync(join(tmpdir(), "kc-cli-"));

release.test(
  "kc ingest writes exactly the committed dataset, and again when re-run over it",
  async () => {
    const out = join(dir, "fresh.json");
    const first = await kcHere(["ingest", RELEASE_PATH, "--out", out, "--fresh"]);
    expect(first.stderr).toBe("");
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(
      /109 line items, 469 figures from kc-2026q1-earnings-release\.txt; all \d+ identities pass/
    );
    expect(readFileSync(out, "utf8") === committed).toBe(true);
    // What no identity pins down is listed, for the maintainer to compare by eye.
    expect(first.stdout).toContain("compare them with the release by eye (5):");
    expect(first.stdout).toContain("is.shares_basic_diluted 2025Q1: 3,728,092,123 (line 725)");

    const again = await kcHere(["ingest", RELEASE_PATH, "--out", out]);
    expect(again.code).toBe(0);
    expect(readFileSync(out, "utf8") === committed).toBe(true);
  }
);

release.test(
  "kc ingest of a release that will not parse names the line and writes nothing",
  async () => {
    const broken = join(dir, "broken.txt");
    writeFileSync(broken, releaseWith({ 150: "\t6,O18,043" }));
    const out = join(dir, "never.json");
    const r = await kcHere(["ingest", broken, "--out", out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('kc ingest: line 150: cannot read "6,O18,043"');
    expect(existsSync(out)).toBe(false);
  }
);

release.test(
  "kc ingest refuses a release whose identities fail, leaving the dataset as it was",
  async () => {
    const swapped = join(dir, "swapped.txt");
    writeFileSync(swapped, releaseWith({ 539: "\t1,996,310" }));
    const out = join(dir, "kept.json");
    writeFileSync(out, committed);
    // Read again with a figure changed, the release restates its own figure: refused as that.
    const restated = await kcHere(["ingest", swapped, "--out", out]);
    expect(restated.code).toBe(2);
    expect(restated.stderr).toContain(
      "revenue.public 2026Q1 RMB: 1,996,301 (release 2026Q1, line 539) → 1,996,310 (release 2026Q1, line 539)"
    );
    // Accepted, its identities still fail: nothing is written.
    const r = await kcHere(["ingest", swapped, "--out", out, "--accept-restatements"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /Total revenues = public \+ enterprise cloud\s+2026Q1\s+RMB\s+2703741\s+2703732/
    );
    expect(r.stderr).toContain("identities fail;");
    expect(readFileSync(out, "utf8") === committed).toBe(true);
  }
);

release.test(
  "kc ingest of a release that moves or renames items refuses, and --accept-renames lists them",
  async () => {
    const renamed = join(dir, "renamed.txt");
    writeFileSync(renamed, releaseWith({ 526: "\tRevenue:" }));
    const out = join(dir, "renamed.json");
    writeFileSync(out, committed);
    const refused = await kcHere(["ingest", renamed, "--out", out]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(
      "kc ingest: line 537: this release moves or renames 3 line items or tables the dataset has"
    );
    expect(refused.stderr).toContain(
      'line 537: revenue.public "Public cloud services": section "Revenues" -> "Revenue"'
    );
    expect(refused.stderr).toContain("--accept-renames");
    expect(readFileSync(out, "utf8") === committed).toBe(true);

    const accepted = await kcHere(["ingest", renamed, "--out", out, "--accept-renames"]);
    expect(accepted.stderr).toBe("");
    expect(accepted.code).toBe(0);
    expect(accepted.stdout).toContain("Accepted 3 renames:");
    expect(accepted.stdout).toContain(
      'line 549: revenue.total "Total revenues": section "Revenues" -> "Revenue"'
    );
    const items = JSON.parse(readFileSync(out, "utf8")).items as { id: string; section: string }[];
    expect(items.find((i) => i.id === "revenue.public")?.section).toBe("Revenue");
  }
);

release.test("kc ingest of a UTF-16 file names the encoding", async () => {
  const wide = join(dir, "utf16.txt");
  writeFileSync(wide, utf16le(releaseText()));
  const r = await kcHere(["ingest", wide, "--out", join(dir, "utf16.json")]);
  expect(r.code).toBe(2);
  expect(r.stderr).toMatch(/^kc ingest: line 1: the file is UTF-16 little-endian/);
  expect(existsSync(join(dir, "utf16.json"))).toBe(false);
});

test("kc ingest without a file, or with a missing one, says what is wrong", async () => {
  expect((await kcHere(["ingest"])).stderr).toContain("which release?");
  const r = await kcHere(["ingest", join(dir, "nope.txt")]);
  expect(r.code).toBe(2);
  expect(r.stderr).toContain("cannot read");
});

test("kc check lists every identity with expected, actual and pass, and exits 0", async () => {
  const r = await kcHere(["check"]);
  expect(r.code).toBe(0);
  const lines = r.stdout.split("\n");
  expect(lines[0]).toMatch(/^group\s+identity\s+period\s+cur\s+expected\s+actual\s+pass$/);
  expect(r.stdout).toMatch(
    /Ties\s+Total assets = total liabilities, NCI and equity\s+2026-03-31\s+USD\s+4125290\s+4125290\s+pass/
  );
  expect(r.stdout).toMatch(/All \d{3} identities pass\./);
  expect(r.stdout).not.toContain("FAIL");
});

test("kc check exits 1 and marks the failure on a dataset with one figure changed", async () => {
  const ds = JSON.parse(committed);
  const f = ds.facts.find(
    (x: { item: string; period: string; currency: string }) =>
      x.item === "bs.goodwill" && x.period === "2026-03-31" && x.currency === "RMB"
  );
  f.value = "4605742";
  const path = join(dir, "wrong.json");
  writeFileSync(path, JSON.stringify(ds));
  const r = await kcHere(["check", "--dataset", path]);
  expect(r.code).toBe(1);
  expect(r.stdout).toMatch(
    /Total non-current assets\s+2026-03-31\s+RMB\s+17956010\s+17955992\s+FAIL/
  );
  expect(r.stdout).toMatch(/\d+ of \d+ identities FAIL\./);
});

test("an unknown command lists the commands", async () => {
  const r = await kcHere(["frobnicate"]);
  expect(r.code).toBe(2);
  expect(r.stderr).toContain('unknown command "frobnicate"; expected one of ingest, check');
});
