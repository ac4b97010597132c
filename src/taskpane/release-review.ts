import { Financials } from "../core/financials";
import { KcFormulas } from "../core/formulas";
import { runKc } from "../core/registry";
import type { Review } from "../data/ingest/ingest";
import { describeRemoval, describeRename } from "../data/ingest/merge";
import { FORM_NAMES } from "../data/ingest/pieces";
import { failures } from "../data/validate";
import type { Fact } from "../domain/dataset";
import { HEADLINES } from "../sheets/workbook-names";
import { formatNumber } from "./number-format";

/**
 * What the pane says of a release it has read, before anything changes: plain data (the panel
 * renders it as text), so that what the analyst is asked to accept is tested without a page.
 */

export interface ReleaseSummary {
  /** "Release 2026Q2, read as the exhibit's HTML in 41 ms: 469 figures, 120 new." */
  found: string;
  /** Every identity proved, n of n (or how many fail). */
  identities: string;
  /** Periods the release adds. */
  newPeriods: string[];
  /** The new latest quarter's headline figures as the functions will answer them. */
  headlines: { item: string; label: string; value: string }[];
  restatements: RestatementRow[];
  /** Why it cannot be added, a line each; empty when it can. */
  refused: string[];
}

export interface RestatementRow {
  item: string;
  period: string;
  /** The figure as printed, and where: "release 2026Q1, line 743". */
  held: { figure: string; from: string };
  now: { figure: string; from: string };
}

export function summarizeReview(r: Review, ms: number): ReleaseSummary {
  const kcf = new KcFormulas(new Financials(r.dataset));
  const failed = failures(r.validation);
  const quarter = r.incoming.latestQuarter;
  const refused = [
    ...(r.renames.length
      ? [
          `It moves or renames ${r.renames.length} line item${r.renames.length === 1 ? "" : "s"} or tables the workbook's names use; adding it needs the maintainer's kc ingest --accept-renames:`,
          ...r.renames.map(describeRename),
        ]
      : []),
    ...(r.removals.length
      ? [
          `Read again, release ${quarter} gives ${r.removals.length} figure${r.removals.length === 1 ? "" : "s"} fewer than the workbook holds from it:`,
          ...r.removals.map(describeRemoval),
        ]
      : []),
    ...(failed.length
      ? [
          `${failed.length} of ${r.validation.checks.length} identities fail with this release; a damaged copy? Nothing was added:`,
          ...failed.map(
            (c) =>
              `${c.identity} ${c.period} ${c.currency}: expected ${c.expected}, printed ${c.actual}`
          ),
        ]
      : []),
  ];
  // The same release with the same figures: adding it would change nothing but the log.
  if (!refused.length && r.newFigures === 0 && r.restatements.length === 0)
    refused.push(
      `This workbook already holds release ${quarter} with these figures: there is nothing to add.`
    );
  return {
    found: `Release ${quarter}, ${r.form === "bundled" ? "bundled with the add-in" : `read as ${FORM_NAMES.get(r.form)}`} in ${Math.round(ms)} ms: ${r.incoming.facts.length} figures, ${r.newFigures} new.`,
    identities: failed.length
      ? `${failed.length} of ${r.validation.checks.length} identities fail.`
      : `Every identity holds: ${r.validation.checks.length} of ${r.validation.checks.length}.`,
    newPeriods: r.newPeriods,
    headlines: refused.length ? [] : headlines(kcf, r),
    restatements: r.restatements.map(({ held, now }) => ({
      item: nameOf(kcf, held),
      period: held.period + (held.currency ? ` ${held.currency}` : ""),
      held: {
        figure: held.prov.printed,
        from: `release ${held.prov.release}, line ${held.prov.line}`,
      },
      now: { figure: now.prov.printed, from: `line ${now.prov.line}` },
    })),
    refused,
  };
}

/** The headline figures of the dataset's latest quarter, as KC.VALUE answers them (RMB thousands). */
function headlines(kcf: KcFormulas, r: Review): ReleaseSummary["headlines"] {
  const known = new Set(r.dataset.items.map((i) => i.id));
  return [...HEADLINES.keys()]
    .filter((id) => known.has(id))
    .map((item) => {
      const label = r.dataset.items.find((i) => i.id === item)?.label ?? item;
      let value: string;
      try {
        value = formatNumber(runKc(kcf, "VALUE", [item, "LQ"]) as number);
      } catch (e) {
        value = e instanceof Error ? e.message : String(e);
      }
      return { item, label, value };
    });
}

/** The item's shortest name that finds it alone ("Revenues / Others" where "Others" is not). */
function nameOf(kcf: KcFormulas, f: Fact): string {
  const item = kcf.fin.catalogue.get(f.item);
  return item ? kcf.fin.catalogue.qualifiedName(item) : f.item;
}
