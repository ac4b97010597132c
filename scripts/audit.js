// `npm run audit:prod`: npm audit of what ships (dependencies, not devDependencies), its answer
// said plainly (scripts/audit-verdict.js): exit 1 on a high or critical advisory; no verdict,
// where the registry offers no audit service, is said as such and is not a failure.
const { spawnSync } = require("child_process");
const { auditVerdict } = require("./audit-verdict");

const npm = spawnSync("npm", ["audit", "--omit=dev", "--json"], {
  encoding: "utf8",
  timeout: 120000,
  shell: process.platform === "win32",
});
const { code, lines } = auditVerdict(npm);
console.log(lines.join("\n"));
process.exitCode = code;
