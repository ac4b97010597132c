import { readFileSync } from "fs";
import { Financials } from "../../../../src/core/financials";
import { KcFormulas } from "../../../../src/core/formulas";
import { runKc } from "../../../../src/core/registry";
import { IngestError } from "../../../../src/data/ingest/errors";
import { ingestRelease } from "../../../../src/data/ingest/ingest";
import { mergeRelease, restatementsOf } from "../../../../src/data/ingest/merge";
import { bundledDataset } from "../../../../src/data/load";
import { failures, validateDataset } from "../../../../src/data/validate";
import type { Dataset } from "../../../../src/domain/dataset";
import { FactIndex } from "../../../../src/domain/facts";
import { RELEASE_PATH, release } from "../../../helpers/release";
import { thrown } from "../../../helpers/thrown";

/**
 * Two releases in one dataset. The later ones here are SYNTHETIC test fixtures built from the Q1
 * 2026 release (never data): the same figures relabelled as a "2026Q2" release, one of them
 * restated; and the release's text with every year moved on by one.
 */

/** The release's figures as if a later release printed them again, with `edit` applied. */
function laterRelease(edit: (ds: Dataset) => void = () => undefined): Dataset {
  const ds = structuredClone(bundledDataset());
  ds.latestQuarter = "2026Q2";
  ds.sources = ds.sources.map((s) => ({ ...s, release: "2026Q2", file: "synthetic-2026q2.txt" }));
  ds.facts = ds.facts.map((f) => ({ ...f, prov: { ...f.prov, release: "2026Q2" } }));
  edit(ds);
  return ds;
}

/** Capital expenditures and leased assets (RMB3 billion, line 9) restated: no identity ties it. */
const restatingCapex = () =>
  laterRelease((ds) => {
    const capex = ds.facts.find((f) => f.item === "op.capex_and_leased_assets")!;
    capex.value = "4";
    capex.prov.printed = "RMB4 billion";
  });

describe("a later release printing the same periods", () => {
  test("the same figures are no restatement; each is one answer with both sources", () => {
    const base = bundledDataset();
    const later = laterRelease();
    expect(restatementsOf(base, later)).toEqual([]);
    const merged = mergeRelease(base, later);
    expect(merged.latestQuarter).toBe("2026Q2");
    expect(validateDataset(merged).checks.filter((c) => !c.pass)).toEqual([]);
    const kcf = new KcFormulas(new Financials(merged));
    expect(runKc(kcf, "VALUE", ["revenue.total", "2026Q1"])).toBe(2703732);
    expect(runKc(kcf, "SOURCE", ["revenue.total", "2026Q1"])).toMatch(
      /line 553 of synthetic-2026q2\.txt: 2,703,732; also printed by release 2026Q1, line 553$/
    );
  });

  test("a figure printed otherwise is a restatement, named with both figures and releases", () => {
    const restated = restatementsOf(bundledDataset(), restatingCapex());
    expect(
      restated.map((r) => [r.held.prov.printed, r.now.prov.printed, r.now.prov.release])
    ).toEqual([["RMB3 billion", "RMB4 billion", "2026Q2"]]);
  });

  test("accepted: the later release answers, the first report is kept and said by KC.SOURCE", () => {
    const merged = mergeRelease(bundledDataset(), restatingCapex());
    expect(failures(validateDataset(merged))).toEqual([]);
    const kcf = new KcFormulas(new Financials(merged));
    expect(runKc(kcf, "VALUE", ["capex and leased assets", "2026Q1"])).toBe(4000000);
    expect(runKc(kcf, "SOURCE", ["capex and leased assets", "2026Q1"])).toContain(
      "RMB4 billion; restated: release 2026Q1 first reported RMB3 billion (line 9)"
    );
    const earlier = FactIndex.of(merged).earlierReports(
      "op.capex_and_leased_assets",
      "2026Q1",
      "RMB"
    );
    expect(earlier.map((f) => [f.value, f.prov.release, f.laterIn])).toEqual([
      ["3", "2026Q1", "2026Q2"],
    ]);
  });

  test('the first report stays one argument away: KC.VALUE and KC.SOURCE with "first"', () => {
    const merged = mergeRelease(bundledDataset(), restatingCapex());
    const kcf = new KcFormulas(new Financials(merged));
    const capex = ["capex and leased assets", "2026Q1"];
    expect(runKc(kcf, "VALUE", [...capex, "RMB", "thousands", "first"])).toBe(3000000);
    expect(runKc(kcf, "VALUE", [...capex, "RMB", "thousands", "as first reported"])).toBe(3000000);
    expect(runKc(kcf, "VALUE", [...capex, "RMB", "thousands", "latest"])).toBe(4000000);
    expect(runKc(kcf, "SOURCE", [...capex, "RMB", "first"])).toMatch(
      /line 9 of .*: RMB3 billion; as first reported, restated by release 2026Q2 as RMB4 billion \(line 9\)$/
    );
    // A figure no release restated is its own first report; a computed one has none.
    expect(runKc(kcf, "VALUE", ["revenue.total", "2026Q1", "RMB", "thousands", "first"])).toBe(
      2703732
    );
    expect(() =>
      runKc(kcf, "VALUE", ["net cash", "2026-03-31", "RMB", "thousands", "first"])
    ).toThrow(/is not a figure a release prints .* so it has no first report/);
    expect(() => runKc(kcf, "VALUE", [...capex, "RMB", "thousands", "orignal"])).toThrow(
      /^Unknown report "orignal"; did you mean "original"\? Expected latest, first$/
    );
  });

  test("which figure answers follows the releases' quarters, not the order they came in", () => {
    const later = restatingCapex();
    const oneWay = mergeRelease(bundledDataset(), later);
    const otherWay = mergeRelease(later, bundledDataset());
    for (const merged of [oneWay, otherWay]) {
      const kcf = new KcFormulas(new Financials(merged));
      expect(runKc(kcf, "VALUE", ["capex and leased assets", "2026Q1"])).toBe(4000000);
      expect(merged.latestQuarter).toBe("2026Q2");
    }
  });
});

release.test(
  "a release whose prior-year column prints other figures is refused with each restatement",
  () => {
    // The release with every year moved on by one: its "Mar 31, 2026" column prints what the
    // dataset holds as Q1 2025's figures, so 2026Q1 is restated line by line.
    const shifted = readFileSync(RELEASE_PATH, "utf8").replace(/\b20\d{2}\b/g, (y) =>
      String(Number(y) + 1)
    );
    const e = thrown(IngestError, () =>
      ingestRelease(Buffer.from(shifted), "synthetic-2027q1.txt", { base: bundledDataset() })
    );
    const lines = e.message.split("\n");
    expect(lines[0]).toMatch(
      /^line 537: release 2027Q1 prints other figures than the dataset holds for \d+ figures/
    );
    // Typed from the release: Q1 2026's public cloud revenues, and Q1 2025's now printed for it.
    expect(lines).toContain(
      "  revenue.public 2026Q1 RMB: 1,996,301 (release 2026Q1, line 539) → 1,353,479 (release 2027Q1, line 537)"
    );
    expect(lines[lines.length - 1]).toContain("run again with --accept-restatements");
  }
);
