import { Validation, failures } from "../data/validate";
import { textTable } from "./text-table";

export function checkReport(v: Validation): string {
  const rows = v.checks.map((c) => [
    c.group,
    c.identity,
    c.period,
    c.currency,
    c.expected,
    c.actual,
    c.pass ? "pass" : "FAIL",
  ]);
  const failed = failures(v).length;
  return [
    textTable(["group", "identity", "period", "cur", "expected", "actual", "pass"], rows, [4, 5]),
    "",
    failed
      ? `${failed} of ${v.checks.length} identities FAIL.`
      : `All ${v.checks.length} identities pass.`,
    ...unprovableReport(v),
  ].join("\n");
}

/** The figures no identity pins down, for a person to compare with the release (no lines if none). */
export function unprovableReport(v: Validation): string[] {
  if (v.unprovable.length === 0) return [];
  return [
    `Figures no identity pins down, so a misprint in them would pass unnoticed; compare them with the release by eye (${v.unprovable.length}):`,
    ...v.unprovable.map((f) => `  ${f.item} ${f.period}: ${f.prov.printed} (line ${f.prov.line})`),
  ];
}
