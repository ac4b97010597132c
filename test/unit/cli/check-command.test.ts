import { mkdtempSync, readFileSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join, resolve } from "path";
import { CHECK_USAGE, checkCommand } from "../../../src/cli/check-command";
import { CliError, Output } from "../../../src/cli/output";
import type { Validation } from "../../../src/data/validate";
import { kcHere } from "../../helpers/cli";
import { ROOT } from "../../helpers/root";
import { thrown } from "../../helpers/thrown";

/** kc check, in process: every identity of a dataset proved, printed, and the exit code. */

const dir = mkdtempSync(join(tmpdir(), "kc-check-"));
const committed = readFileSync(resolve(ROOT, "src/data/dataset.json"), "utf8");

/** The committed dataset with the release's public cloud revenue for Q1 2026 mistyped by 1. */
const mistyped = join(dir, "mistyped.json");
const typed = '"item":"revenue.public","period":"2026Q1","currency":"RMB","value":"1996301"';
writeFileSync(mistyped, committed.replace(typed, typed.replace("1996301", "1996302")));

test("the committed dataset: every identity passes, exit 0", async () => {
  const r = await kcHere(["check"]);
  expect(r.stderr).toBe("");
  expect(r.code).toBe(0);
  const lines = r.stdout.split("\n");
  expect(lines[0]).toMatch(/^group +identity +period +cur +expected +actual +pass$/);
  expect(lines).toContainEqual(
    expect.stringMatching(
      /^Statements +Total revenues = public \+ enterprise cloud +2026Q1 +RMB +2703732 +2703732 +pass$/
    )
  );
  expect(r.stdout).toMatch(/\nAll \d+ identities pass\.\n/);
  expect(r.stdout).toContain("  op.ai_gross_billing 2026Q1: grew 90% (line 7)");
});

test("--json: the validation as JSON, every check passing", async () => {
  const r = await kcHere(["check", "--json"]);
  expect(r.code).toBe(0);
  const v = JSON.parse(r.stdout) as Validation;
  expect(v.checks.length).toBeGreaterThan(300);
  expect(v.checks.every((c) => c.pass)).toBe(true);
  expect(v.checks).toContainEqual({
    group: "Statements",
    identity: "Total revenues = public + enterprise cloud",
    period: "2026Q1",
    currency: "RMB",
    expected: "2703732",
    actual: "2703732",
    pass: true,
  });
  expect(v.unprovable.map((f) => `${f.item} ${f.period}`)).toContain(
    "op.capex_and_leased_assets 2026Q1"
  );
});

test("a mistyped figure fails its identity: FAIL in the table, the count, exit 1", async () => {
  const r = await kcHere(["check", "--dataset", mistyped]);
  expect(r.code).toBe(1);
  expect(r.stdout).toMatch(
    /\nStatements +Total revenues = public \+ enterprise cloud +2026Q1 +RMB +2703733 +2703732 +FAIL\n/
  );
  expect(r.stdout).toMatch(/\n1 of \d+ identities FAIL\.\n/);
  const json = JSON.parse(
    (await kcHere(["check", "--json", "--dataset", mistyped])).stdout
  ) as Validation;
  expect(json.checks.filter((c) => !c.pass)).toHaveLength(1);
});

test("--dataset reads another file; no file there is one line saying how to make one", async () => {
  const r = await kcHere(["check", "--dataset", join(dir, "none.json")]);
  expect(r.code).toBe(2);
  expect(r.stdout).toBe("");
  expect(r.stderr).toBe(
    `kc check: no dataset at ${join(dir, "none.json")}; create it with "npm run kc -- ingest RELEASE.txt"\n`
  );
});

test("an argument it does not know is a usage error, exit 2, nothing checked", async () => {
  const r = await kcHere(["check", "--verbose"]);
  expect(r.code).toBe(2);
  expect(r.stdout).toBe("");
  expect(r.stderr).toContain("--verbose");
  const e = thrown(CliError, () =>
    checkCommand(["extra"], { log: () => undefined, err: () => undefined, input: () => "" })
  );
  expect(e.message).toContain("extra");
});

test("called directly, it writes only through the Output it is given", () => {
  const out: string[] = [];
  const output: Output = {
    log: (t) => out.push(t),
    err: (t) => out.push(`err ${t}`),
    input: () => "",
  };
  expect(checkCommand(["--json"], output)).toBe(0);
  expect(out).toHaveLength(1);
  expect(JSON.parse(out[0]).checks.length).toBeGreaterThan(300);
  expect(CHECK_USAGE.startsWith("kc check [--dataset dataset.json] [--json]")).toBe(true);
});
