import { ROOT } from "../helpers/root";
import { spawnSync } from "child_process";
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { delimiter, join } from "path";
import { auditVerdict } from "../../scripts/audit-verdict";

/**
 * npm run audit:prod says plainly what npm audit answered: no verdict (a registry without the
 * audit service, as the mirror here) is said as such and fails nothing, under CI or not; a high or
 * critical advisory fails.
 */

/** What npm audit --json prints when the registry refuses the request (this machine's mirror). */
const REFUSED = JSON.stringify({
  message:
    "405 Method Not Allowed - POST https://registry.npmjs.org/-/npm/v1/security/advisories/bulk",
  method: "POST",
  uri: "https://registry.npmjs.org/-/npm/v1/security/advisories/bulk",
  statusCode: 405,
  body: "",
  error: { summary: "", detail: "" },
});

const counts = (high: number, critical: number) => ({
  info: 0,
  low: 1,
  moderate: 2,
  high,
  critical,
  total: 3 + high + critical,
});

const VULNERABLE = JSON.stringify({
  vulnerabilities: {
    exceljs: { name: "exceljs", severity: "high", range: "<=4.4.0" },
    "decimal.js": { name: "decimal.js", severity: "moderate", range: "<10.5.0" },
  },
  metadata: { vulnerabilities: counts(1, 0) },
});

const CLEAN = JSON.stringify({ vulnerabilities: {}, metadata: { vulnerabilities: counts(0, 0) } });

describe("the verdict, from npm audit's answer", () => {
  test("a registry without the audit service: NO VERDICT, said plainly, exit 0", () => {
    expect(
      auditVerdict({ stdout: REFUSED, stderr: "npm error audit endpoint returned an error" })
    ).toEqual({
      code: 0,
      lines: [
        "npm run audit:prod: NO VERDICT: the production dependencies were not audited.",
        "  npm audit got no answer to judge them by: 405 Method Not Allowed - POST https://registry.npmjs.org/-/npm/v1/security/advisories/bulk (the registry, or a mirror in front of it, offers no audit service).",
        "  This is not a pass (nothing was checked), nor a failure: run it again where the registry answers npm audit.",
      ],
    });
  });

  test("npm that printed no JSON, or could not be run: no verdict, with npm's own words", () => {
    expect(auditVerdict({ stdout: "", stderr: "\nnpm error code ENOLOCK\nmore" }).lines[1]).toBe(
      "  npm audit got no answer to judge them by: npm error code ENOLOCK."
    );
    expect(auditVerdict({ error: new Error("spawnSync npm ENOENT") })).toMatchObject({
      code: 0,
      lines: [
        "npm run audit:prod: NO VERDICT: the production dependencies were not audited.",
        "  npm audit got no answer to judge them by: spawnSync npm ENOENT.",
        expect.any(String),
      ],
    });
  });

  test("a high or critical advisory: VULNERABLE, each one named, exit 1", () => {
    expect(auditVerdict({ stdout: VULNERABLE })).toEqual({
      code: 1,
      lines: [
        "npm run audit:prod: VULNERABLE: 0 info, 1 low, 2 moderate, 1 high, 0 critical among the production dependencies.",
        "  high: exceljs <=4.4.0",
        "  High or critical advisories must be fixed (npm audit --omit=dev says how).",
      ],
    });
  });

  test("only low or moderate advisories, or none: a verdict that passes, exit 0", () => {
    expect(auditVerdict({ stdout: CLEAN })).toEqual({
      code: 0,
      lines: [
        "npm run audit:prod: no high or critical advisory in the production dependencies (0 info, 1 low, 2 moderate, 0 high, 0 critical).",
      ],
    });
  });
});

describe("npm run audit:prod under CI, with npm answering as a registry would", () => {
  const bin = mkdtempSync(join(tmpdir(), "kc-fake-npm-"));
  afterAll(() => rmSync(bin, { recursive: true, force: true }));

  /** Runs scripts/audit.js with an npm on the PATH that prints what is given, as npm audit does. */
  function auditWith(answer: string) {
    writeFileSync(join(bin, "answer.json"), answer);
    writeFileSync(join(bin, "npm"), `#!/bin/sh\ncat "${join(bin, "answer.json")}"\nexit 1\n`);
    chmodSync(join(bin, "npm"), 0o755);
    return spawnSync(process.execPath, [join(ROOT, "scripts/audit.js")], {
      cwd: ROOT,
      encoding: "utf8",
      env: { ...process.env, CI: "true", PATH: `${bin}${delimiter}${process.env.PATH}` },
    });
  }

  test("no verdict passes CI, and says so first", () => {
    const r = auditWith(REFUSED);
    expect(r.status).toBe(0);
    expect(r.stdout.split("\n")[0]).toBe(
      "npm run audit:prod: NO VERDICT: the production dependencies were not audited."
    );
  });

  test("a high advisory fails CI", () => {
    const r = auditWith(VULNERABLE);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain("  high: exceljs <=4.4.0");
  });
});
