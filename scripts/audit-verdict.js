// What `npm audit --omit=dev --json` answered, said plainly (scripts/audit.js prints it). A
// registry that offers no audit service (a mirror answers the request with 405) gives no verdict:
// that is said as such, never as "clean", and it is not a failure; a verdict of a high or critical
// advisory is, under CI and anywhere else.

/** npm's JSON report, or undefined when its output is none (npm did not run, or printed no JSON). */
function parsed(stdout) {
  try {
    return JSON.parse(stdout);
  } catch {
    return undefined;
  }
}

/** Why npm audit gave no verdict, in one line. */
function noVerdictReason(report, stderr, error) {
  const told =
    report?.message ||
    report?.error?.summary ||
    error?.message ||
    stderr.split("\n").find((l) => l.trim()) ||
    "npm printed nothing";
  const status = report?.statusCode ?? Number(/^(\d{3}) /.exec(told)?.[1]);
  const why =
    status === 405 || status === 404
      ? " (the registry, or a mirror in front of it, offers no audit service)"
      : "";
  return `${told.trim()}${why}`;
}

/**
 * The lines to print and the exit code for npm audit's answer: `stdout`, `stderr` and `error` as
 * child_process.spawnSync returns them.
 */
function auditVerdict({ stdout = "", stderr = "", error }) {
  const report = parsed(stdout);
  const counts = report?.metadata?.vulnerabilities;
  if (!counts) {
    return {
      code: 0,
      lines: [
        "npm run audit:prod: NO VERDICT: the production dependencies were not audited.",
        `  npm audit got no answer to judge them by: ${noVerdictReason(report, stderr, error)}.`,
        "  This is not a pass (nothing was checked), nor a failure: run it again where the registry answers npm audit.",
      ],
    };
  }
  const summary = Object.entries(counts)
    .filter(([k]) => k !== "total")
    .map(([k, n]) => `${n} ${k}`)
    .join(", ");
  const serious = Object.entries(report.vulnerabilities ?? {}).filter(
    ([, v]) => v.severity === "high" || v.severity === "critical"
  );
  if ((counts.high ?? 0) + (counts.critical ?? 0) > 0) {
    return {
      code: 1,
      lines: [
        `npm run audit:prod: VULNERABLE: ${summary} among the production dependencies.`,
        ...serious.map(([name, v]) => `  ${v.severity}: ${name} ${v.range ?? ""}`.trimEnd()),
        "  High or critical advisories must be fixed (npm audit --omit=dev says how).",
      ],
    };
  }
  return {
    code: 0,
    lines: [
      `npm run audit:prod: no high or critical advisory in the production dependencies (${summary}).`,
    ],
  };
}

module.exports = { auditVerdict };
