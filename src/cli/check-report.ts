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
  const parts = [
    textTable(["group", "identity", "period", "cur", "expected", "actual", "pass"], rows, [4, 5]),
    "",
    failed
      ? `${failed} of ${v.checks.length} identities FAIL.`
      : `All ${v.checks.length} identities pass.`,
  ];
  if (v.unprovable.length) {
    parts.push(
      `Figures no identity pins down, so a misprint in them would pass unnoticed; compare them with the release by eye (${v.unprovable.length}):`,
      ...v.unprovable.map((f) => `  ${f.item} ${f.period}: ${f.prov.printed} (line ${f.prov.line})`)
    );
  }
  return parts.join("\n");
}
