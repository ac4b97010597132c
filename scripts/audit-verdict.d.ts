/** Types of scripts/audit-verdict.js, which its tests also use. */
export function auditVerdict(npm: { stdout?: string; stderr?: string; error?: Error }): {
  code: number;
  lines: string[];
};
