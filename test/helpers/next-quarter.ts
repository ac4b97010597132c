import { Dec } from "../../src/domain/decimal";
import type { Dataset, Fact } from "../../src/domain/dataset";
import { CASH } from "../../src/domain/identities";

/**
 * A SYNTHETIC next quarter, for the writer's tests only (never data): the dataset as if a "Q2
 * 2026" release had been ingested. Its income statement and other flows print Q1 2025's figures
 * again (so every one differs from Q1 2026's), its balance sheet at Jun 30, 2026 the one at Mar 31,
 * and its cash flow no movement (the quarter opens and closes with Q1 2026's closing cash, so
 * the balance sheet and the cash flow agree); its US$ column is the RMB figure at the release's
 * rate, rounded to the thousand. Earlier quarters are untouched: no restatement.
 */
export function nextQuarterDataset(base: Dataset): Dataset {
  const ds = structuredClone(base);
  const release = "2026Q2";
  const rate = new Dec(ds.fx.rmbPerUsd);
  const prov = (f: Fact, column: string): Fact["prov"] => ({ ...f.prov, release, column });
  const added: Fact[] = [];
  const cashEnd = ds.facts.find(
    (f) => f.item === CASH.end && f.period === "2026Q1" && f.currency === "RMB" && !f.laterIn
  ) as Fact;
  for (const f of ds.facts) {
    if (f.laterIn || f.basis !== "level") continue;
    if (f.period === "2025Q1" && f.currency !== "USD") {
      const statement = ds.items.find((i) => i.id === f.item)?.statement;
      let value = f.value;
      if (statement === "cash_flow")
        value = f.item === CASH.beginning || f.item === CASH.end ? cashEnd.value : "0";
      added.push({ ...f, period: "2026Q2", value, prov: prov(f, "Jun 30, 2026 RMB") });
      const kind = ds.items.find((i) => i.id === f.item)?.kind;
      if (kind === "amount" && f.currency === "RMB" && f.source === "table")
        added.push({
          ...f,
          period: "2026Q2",
          currency: "USD",
          value: new Dec(value).div(rate).toDecimalPlaces(0).toString(),
          prov: prov(f, "Jun 30, 2026 US$"),
        });
    }
    if (f.period === "2026-03-31")
      added.push({ ...f, period: "2026-06-30", prov: prov(f, `Jun 30, 2026 ${f.currency ?? ""}`) });
  }
  ds.facts.push(...added);
  ds.periods.push(
    { id: "2026-06-30", kind: "instant", end: "2026-06-30" },
    { id: "2026Q2", kind: "quarter", end: "2026-06-30" }
  );
  ds.latestQuarter = release;
  ds.sources.push({
    release,
    file: "SYNTHETIC-kc-2026q2-release.txt",
    sha256: "0".repeat(64),
    lines: 0,
  });
  ds.version = "2026Q2-SYNTHETIC";
  return ds;
}
