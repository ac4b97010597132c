import type { Currency, Dataset, Fact } from "../src/domain/dataset";
import { CASH } from "../src/domain/identities";
import { mergeRelease } from "../src/data/ingest/merge";
import {
  Quarter,
  parseQuarterId,
  parseSpanId,
  quarterEnd,
  quarterEndingOn,
  quarterId,
  shiftQuarter,
  spanId,
} from "../src/domain/periods";

/** A period id moved back `by` quarters: "2026Q1", "2026-03-31" (a quarter's end), "2025FY". */
export function shiftPeriod(id: string, by: number): string {
  const q = parseQuarterId(id);
  if (q) return quarterId(shiftQuarter(q, -by));
  const end = quarterEndingOn(id);
  if (end && /^\d{4}-\d{2}-\d{2}$/.test(id)) return quarterEnd(shiftQuarter(end, -by));
  const span = parseSpanId(id);
  if (span) return spanId({ ...span, end: shiftQuarter(span.end, -by) });
  throw new Error(`Cannot shift the period "${id}"`);
}

/**
 * The bundled release as if it had been published `by` quarters earlier (later where `by` < 0): every figure's period,
 * its release and the tables' columns moved back, the source named SYNTHETIC. Headers and
 * printed texts are kept as printed (they are provenance, never read as periods).
 */
export function shiftedRelease(base: Dataset, by: number): Dataset {
  const latest = parseQuarterId(base.latestQuarter) as Quarter;
  const release = quarterId(shiftQuarter(latest, -by));
  const facts = base.facts.map((f): Fact => ({
    ...f,
    period: shiftPeriod(f.period, by),
    prov: { ...f.prov, release },
  }));
  return {
    ...base,
    latestQuarter: release,
    version: `${release}-SYNTHETIC`,
    sources: [
      {
        release,
        file: `SYNTHETIC-kc-${release.toLowerCase()}-earnings-release.txt`,
        sha256: "0".repeat(64),
        lines: base.sources[0]?.lines ?? 0,
      },
    ],
    fx: { ...base.fx, date: shiftPeriod(base.fx.date, by), release },
    periods: base.periods.map((p) => ({
      ...p,
      id: shiftPeriod(p.id, by),
      end: shiftPeriod(p.end, by),
    })),
    tables: base.tables.map((t) => ({
      ...t,
      columns: t.columns.map((c) => ({ ...c, period: shiftPeriod(c.period, by) })),
    })),
    facts,
  };
}

/**
 * The bundled release made steady, so that copies of it agree with each other as releases of
 * one company do: every column prints the release quarter's figures (a quarter's, or the
 * balance sheet's at its end), the cash flow shows no movement (cash at the beginning and end
 * of every quarter is the quarter's closing cash), and the changes the prose states are 0.
 * Without it, the quarter a release prints as its own and the one the next release prints as
 * last quarter would differ (restatements everywhere), and the identities that join quarters
 * (opening cash = prior closing, growth stated against the tables) could not hold.
 */
export function steadyRelease(base: Dataset): Dataset {
  const latest = parseQuarterId(base.latestQuarter) as Quarter;
  const end = quarterEnd(latest);
  const key = (f: Fact, period: string) =>
    `${f.item}|${period}|${f.currency}|${f.basis}|${f.source}`;
  const now = new Map(
    base.facts
      .filter((f) => f.period === base.latestQuarter || f.period === end)
      .map((f) => [key(f, f.period), f])
  );
  const cashFlow = new Set(base.items.filter((i) => i.statement === "cash_flow").map((i) => i.id));
  const closing = (currency: Currency | null) =>
    now.get(`${CASH.end}|${base.latestQuarter}|${currency}|level|table`)?.value;
  const facts = base.facts.map((f): Fact => {
    if (f.basis !== "level") return { ...f, value: f.value.replace(/^-/, "").replace(/\d/g, "0") };
    if (cashFlow.has(f.item)) {
      const cash = f.item === CASH.beginning || f.item === CASH.end;
      return { ...f, value: cash ? (closing(f.currency) ?? f.value) : "0" };
    }
    const own = now.get(key(f, parseQuarterId(f.period) ? base.latestQuarter : end));
    if (!own || own === f) return f;
    // A figure stated in words takes the side it is on (a loss, a profit) with the figure.
    const steady: Fact = { ...f, value: own.value };
    delete steady.polarity;
    if (own.polarity) steady.polarity = own.polarity;
    return steady;
  });
  return { ...base, facts };
}

/**
 * A SYNTHETIC dataset of `quarters` releases, for the benchmarks only (never data): the bundled
 * release, made steady (steadyRelease), copied to each of the `quarters - 1` quarters before it,
 * every period shifted back, and the copies merged oldest first with `mergeRelease`, as
 * `kc ingest` merges releases. The latest release answers for each period it prints; an earlier
 * release's figure of that period stays, marked `laterIn`, as `kc ingest` keeps it. It holds
 * every quarter from the latest − (quarters − 1) to the latest, and the comparatives of the
 * earliest release before that. Every release is SYNTHETIC (sources and version say so), and
 * only the latest states the convenience rate in its prose (the validator wants one rate).
 */
export function syntheticDataset(base: Dataset, quarters: number): Dataset {
  if (base.sources.length !== 1) throw new Error("The synthetic dataset copies one release");
  const steady = steadyRelease(base);
  const release = (by: number) => {
    const r = shiftedRelease(steady, by);
    if (by === 0) return r;
    const rate = (f: Fact) => f.source === "prose" && f.unit === "RMB_per_USD";
    return { ...r, facts: r.facts.filter((f) => !rate(f)) };
  };
  let ds = release(quarters - 1);
  for (let by = quarters - 2; by >= 0; by--) ds = mergeRelease(ds, release(by));
  return { ...ds, version: `${base.version}-SYNTHETIC-${quarters}q` };
}
