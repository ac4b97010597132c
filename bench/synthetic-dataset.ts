import type { Dataset, Fact } from "../src/domain/dataset";
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
 * The bundled release as if it had been published `by` quarters earlier: every figure's period,
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
 * A SYNTHETIC dataset of `quarters` releases, for the benchmarks only (never data): the bundled
 * release (one release, its own quarter and comparatives) copied to each of the `quarters - 1`
 * quarters before it, every period shifted back, and the copies merged oldest first with
 * `mergeRelease`, as `kc ingest` merges releases. The latest release answers for each period it
 * prints; an earlier release's figure of that period stays, marked `laterIn`, as `kc ingest`
 * keeps it. It holds every quarter from the latest − (quarters − 1) to the latest, and the
 * comparatives of the earliest release before that.
 *
 * Shifted copies cannot meet the identities that join two releases (a quarter's opening cash is
 * the closing cash of the quarter before, which an earlier release printed with other figures):
 * `consistentCash` adjusts what the validator checks across releases, see there.
 */
export function syntheticDataset(base: Dataset, quarters: number): Dataset {
  if (base.sources.length !== 1) throw new Error("The synthetic dataset copies one release");
  let ds = shiftedRelease(base, quarters - 1);
  for (let by = quarters - 2; by >= 0; by--) ds = mergeRelease(ds, shiftedRelease(base, by));
  const sources = ds.sources.map((s) => (s.release === base.latestQuarter ? base.sources[0] : s));
  return { ...ds, sources, version: `${base.version}-SYNTHETIC-${quarters}q` };
}
