import type { Dataset, Fact } from "../../src/domain/dataset";
import { CASH } from "../../src/domain/identities";
import { parseQuarterId, quarterEnd, quarterId, shiftQuarter } from "../../src/domain/periods";

/**
 * A SYNTHETIC dataset of `quarters` consecutive quarters ending with the release's, for the
 * benchmarks only (never data): every quarter prints the release quarter's figures again, its
 * balance sheet the one at the quarter's end, and its cash flow no movement after the first (so
 * the statements still agree). It has the size of a dataset after that many releases, which is
 * what the benchmarks measure.
 */
export function syntheticQuarters(base: Dataset, quarters: number): Dataset {
  const ds = structuredClone(base);
  const latest = parseQuarterId(ds.latestQuarter);
  if (!latest) throw new Error(`The dataset's latest quarter ${ds.latestQuarter} is not a quarter`);
  const lastEnd = quarterEnd(latest);
  const current = ds.facts.filter(
    (f) => !f.laterIn && (f.period === ds.latestQuarter || f.period === lastEnd)
  );
  const closing = current.find((f) => f.item === CASH.end && f.currency === "RMB") as Fact;
  const facts: Fact[] = [...current];
  const periods: Dataset["periods"] = [];
  for (let k = quarters - 1; k >= 0; k--) {
    const q = shiftQuarter(latest, -k);
    const id = quarterId(q);
    const end = quarterEnd(q);
    periods.push({ id: end, kind: "instant", end }, { id, kind: "quarter", end });
    if (k === 0) continue;
    const release = `${id}-SYNTHETIC`;
    for (const f of current) {
      if (f.currency === "USD") continue;
      const flow = f.period === ds.latestQuarter;
      const cash = ds.items.find((i) => i.id === f.item)?.statement === "cash_flow";
      const value = !cash
        ? f.value
        : f.item === CASH.beginning || f.item === CASH.end
          ? closing.value
          : "0";
      facts.push({
        ...f,
        period: flow ? id : end,
        value,
        prov: { ...f.prov, release },
      });
    }
  }
  ds.facts = facts;
  ds.periods = periods;
  ds.version = `${ds.latestQuarter}-SYNTHETIC-${quarters}q`;
  return ds;
}
