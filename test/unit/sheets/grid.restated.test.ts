import { DetailedCellError } from "hyperformula";
import { Financials } from "../../../src/core/financials";
import { ingestRelease } from "../../../src/data/ingest/ingest";
import { bundledDataset } from "../../../src/data/load";
import type { Currency, Dataset } from "../../../src/domain/dataset";
import { Dec } from "../../../src/domain/decimal";
import { a1 } from "../../../src/sheets/a1";
import { isError, renderFormula } from "../../../src/sheets/expr";
import { FIRST_REPORT_TIES } from "../../../src/sheets/grid";
import { LABEL_LIMIT } from "../../../src/sheets/short-labels";
import { Model, buildModel } from "../../../src/sheets/model";
import type { CellRef, ModelOptions, SheetPlan, TabKey } from "../../../src/sheets/types";
import { DEFAULT_OPTIONS, FORMATS, TAB_KEYS, TAB_NAMES } from "../../../src/sheets/types";
import { modelInEngine } from "../../helpers/model-engine";
import { release } from "../../helpers/release";
import {
  RESTATED_Q1_2026,
  SyntheticRelease,
  nextQuarterRelease,
  restatingRelease,
} from "../../helpers/synthetic-releases";

/**
 * A figure a later release restated: the tab that shows it keeps the first report in view (a
 * block of KC.VALUE(..., "first") inputs, with the restatement as latest − first) and checks the
 * first release's own sums. The later releases are SYNTHETIC test fixtures
 * (test/helpers/synthetic-releases.ts): restatingRelease restates 1Q26's translation adjustments
 * and the two comprehensive losses over them, by RMB1,000 thousand each.
 */

function ingested(r: SyntheticRelease): Dataset {
  return ingestRelease(Buffer.from(r.text, "utf8"), r.file, {
    base: bundledDataset(),
    acceptRestatements: true,
  }).dataset;
}

/** The dataset with one first report (a figure a later release printed again) set to `value`. */
function withFirstReport(
  ds: Dataset,
  item: string,
  period: string,
  currency: Currency | null,
  value: string
): Dataset {
  const copy = structuredClone(ds);
  const fact = copy.facts.find(
    (f) =>
      f.laterIn !== undefined &&
      f.item === item &&
      f.period === period &&
      f.currency === currency &&
      f.basis === "level" &&
      f.source === "table"
  );
  if (!fact) throw new Error(`No first report of ${item} ${period} to change`);
  fact.value = value;
  fact.prov = { ...fact.prov, printed: value };
  return copy;
}

/** A built model read as the analyst reads it: rows by label, cells by address. */
function view(model: Model) {
  const plan = (key: TabKey) => model.plans.find((p) => p.key === key) as SheetPlan;
  const cellAt = (key: TabKey, address: string) =>
    plan(key).cells.find((c) => a1(c.row, c.col) === address);
  return {
    plan,
    /** Rows (1-based) whose label (or the full wording in its note) reads so. */
    rows: (key: TabKey, label: string) =>
      plan(key)
        .cells.filter((c) => c.col === 0 && (c.value === label || c.note === label))
        .map((c) => c.row + 1),
    text(key: TabKey, address: string): string | undefined {
      const c = cellAt(key, address);
      if (!c) return undefined;
      return c.formula ? renderFormula(c.formula, { tab: key, names: TAB_NAMES }) : String(c.value);
    },
    cell: cellAt,
    value(key: TabKey, address: string): string | undefined {
      const c = cellAt(key, address);
      if (!c) return undefined;
      const v = model.value({ tab: key, row: c.row, col: c.col });
      return isError(v) ? v.error : v instanceof Dec ? v.toString() : v;
    },
    /** The column letter of a header ("1Q26"). */
    column(key: TabKey, header: string): string {
      const c = plan(key).cells.find((x) => x.row === 3 && x.value === header);
      if (!c) throw new Error(`${key} has no column ${header}`);
      return a1(0, c.col).replace(/\d+$/, "");
    },
  };
}

const BLOCK = "As first reported, since restated";
const RESTATEMENT = "Restatement: latest − first reported";
const FIRST_CHECKS = "First report: its terms − its total";

const COMPREHENSIVE_TO_SHAREHOLDERS =
  "Comprehensive loss attributable to Kingsoft Cloud Holdings Limited shareholders";

release.describe(
  "a release that restates 1Q26's translation adjustments and comprehensive losses",
  () => {
    let ds: Dataset;
    let model: Model;
    let v: ReturnType<typeof view>;
    beforeAll(() => {
      ds = ingested(restatingRelease());
      model = buildModel(new Financials(ds), DEFAULT_OPTIONS);
      v = view(model);
    });

    test("the income statement shows each first report in 1Q26, and only there", () => {
      const is = "income_statement";
      const [block] = v.rows(is, BLOCK);
      const q1 = v.column(is, "1Q26");
      expect(block).toBeGreaterThan(v.rows(is, "As reported (for the checks)")[0]);
      expect(block).toBeLessThan(v.rows(is, "Checks: calculated − reported (= 0)")[0]);
      expect(v.cell(is, `A${block}`)?.style).toBe("heading");
      // One row per restated line, in the statement's order, each figure as the 1Q26 release
      // printed it.
      expect([1, 2, 3].map((k) => v.text(is, `A${block + k}`))).toEqual([
        "Foreign currency translation adjustments",
        "Comprehensive loss",
        "Comprehensive loss to shareholders",
      ]);
      expect([1, 2, 3].map((k) => v.value(is, `${q1}${block + k}`))).toEqual([
        "-34472",
        "-378192",
        "-378292",
      ]);
      expect(v.text(is, `${q1}${block + 1}`)).toBe(
        '=KC.VALUE("is.fx_translation","2026Q1","RMB","thousands","first")'
      );
      expect(v.cell(is, `${q1}${block + 1}`)?.style).toBe("reported");
      expect(v.cell(is, `${q1}${block + 1}`)?.format).toBe(FORMATS.thousands);
      expect(v.cell(is, `${q1}${block + 2}`)?.note).toMatch(
        /^First reported as \(378,192\) by the 1Q26 release \(kc-2026q1-earnings-release\.txt, line 751\); restated as \(377,192\) by the 2Q26 release \(synthetic-kc-2026q2-restating-earnings-release\.txt, line \d+\)$/
      );
      // No other column holds a restated figure: every other cell of the rows is empty.
      const others = v
        .plan(is)
        .cells.filter((c) => c.row >= block && c.row <= block + 2 && c.col > 0)
        .map((c) => a1(c.row, c.col));
      expect(others).toEqual([1, 2, 3].map((k) => `${q1}${block + k}`));
      // The latest figures answer on the lines, as before.
      const [fx] = v.rows(is, "Foreign currency translation adjustments");
      expect(v.value(is, `${q1}${fx}`)).toBe(RESTATED_Q1_2026["is.fx_translation"]);
    });

    test("the restatement, latest − first reported, is a visible calculation", () => {
      const is = "income_statement";
      const [section] = v.rows(is, RESTATEMENT);
      const [block] = v.rows(is, BLOCK);
      const q1 = v.column(is, "1Q26");
      expect(section).toBe(block + 4);
      expect(v.cell(is, `A${section}`)?.style).toBe("section");
      const [fx, reportedFx] = v.rows(is, "Foreign currency translation adjustments");
      // An input line: its own cell is the latest report; a sum: its as-reported cell.
      expect(reportedFx).toBe(block + 1);
      const [, reportedTotal] = v.rows(is, "Comprehensive loss");
      expect(v.text(is, `${q1}${section + 1}`)).toBe(`=${q1}${fx}-${q1}${block + 1}`);
      expect(v.text(is, `${q1}${section + 2}`)).toBe(`=${q1}${reportedTotal}-${q1}${block + 2}`);
      expect([1, 2, 3].map((k) => v.value(is, `${q1}${section + k}`))).toEqual([
        "1000",
        "1000",
        "1000",
      ]);
      expect(v.cell(is, `${q1}${section + 1}`)?.style).toBe("calc");
      // A calculation, not a check: a restatement is news, not an error.
      const checked = new Set(model.checks.map((c) => `${c.at.tab}|${c.at.row}`));
      expect(checked.has(`${is}|${section}`)).toBe(false);
    });

    test("the first release's sums are checked, and KC Checks lists them in 1Q26 RMB", () => {
      const is = "income_statement";
      const [heading] = v.rows(is, FIRST_CHECKS);
      const [block] = v.rows(is, BLOCK);
      const q1 = v.column(is, "1Q26");
      const [, netLoss] = v.rows(is, "Net loss");
      const [nci] = v.rows(is, "Less: NCI share of comprehensive (loss)");
      expect(heading).toBeGreaterThan(v.rows(is, "Checks: calculated − reported (= 0)")[0]);
      expect(v.text(is, `A${heading + 1}`)).toBe("Comprehensive loss");
      // Net loss was not restated: its as-reported cell is its first report too.
      expect(v.text(is, `${q1}${heading + 1}`)).toBe(
        `=ROUND(${q1}${netLoss}+${q1}${block + 1}-${q1}${block + 2},0)`
      );
      expect(v.text(is, `${q1}${heading + 2}`)).toBe(
        `=ROUND(${q1}${block + 2}-${q1}${nci}-${q1}${block + 3},0)`
      );
      const first = model.checks.filter((c) => c.ties === FIRST_REPORT_TIES);
      expect(first.map((c) => `${c.at.tab} | ${c.line} | ${c.column} | ${c.slot.key}`)).toEqual([
        "income_statement | Comprehensive loss | 1Q26 | quarter|2026-03-31|RMB|false",
        `income_statement | ${COMPREHENSIVE_TO_SHAREHOLDERS} | 1Q26 | quarter|2026-03-31|RMB|false`,
      ]);
      expect(model.failures()).toEqual([]);
      const checks = v.plan("checks");
      const tied = checks.cells.filter((c) => c.col === 1 && c.value === FIRST_REPORT_TIES);
      expect(tied).toHaveLength(2);
      // The same column of KC Checks as the quarter's other checks.
      const slot = checks.cells.find((c) => c.row === 6 && c.value === "1Q26 RMB")!.col;
      for (const t of tied)
        expect(checks.cells.find((c) => c.row === t.row && c.col === slot)?.style).toBe("link");
    });

    test("no other tab shows a restated figure, so none has the block", () => {
      expect(
        model.plans.filter((p) => p.cells.some((c) => c.value === BLOCK)).map((p) => p.key)
      ).toEqual(["income_statement"]);
    });

    test("a damaged first report fails its identity, and only that", () => {
      // The 1Q26 release's comprehensive loss off by 192: its sum and the sum over it both fail.
      const damaged = buildModel(
        new Financials(withFirstReport(ds, "is.comprehensive_loss", "2026Q1", "RMB", "-378000")),
        DEFAULT_OPTIONS
      );
      expect(
        damaged.failures().map((c) => [c.line, c.ties, c.column, String(damaged.value(c.at))])
      ).toEqual([
        ["Comprehensive loss", FIRST_REPORT_TIES, "1Q26", "-192"],
        [COMPREHENSIVE_TO_SHAREHOLDERS, FIRST_REPORT_TIES, "1Q26", "192"],
      ]);
      // A first-reported term altered: the total over it fails.
      const term = buildModel(
        new Financials(withFirstReport(ds, "is.fx_translation", "2026Q1", "RMB", "-34470")),
        DEFAULT_OPTIONS
      );
      expect(term.failures().map((c) => [c.line, String(term.value(c.at))])).toEqual([
        ["Comprehensive loss", "2"],
      ]);
    });
  }
);

release.describe("restated figures of other kinds (first reports changed in the dataset)", () => {
  let ds: Dataset;
  beforeAll(() => {
    // The 1Q26 release's gross margin and weighted shares as if printed otherwise than the
    // restating release now prints them: restatements of a percentage and of a count.
    const base = ingested(restatingRelease());
    ds = withFirstReport(
      withFirstReport(base, "ng.gross_margin", "2026Q1", null, "12.5"),
      "is.shares_basic_diluted",
      "2026Q1",
      "RMB",
      "4555310000"
    );
  });

  test("a percentage's restatement is in points; a count's KC call names the report", () => {
    const model = buildModel(new Financials(ds), DEFAULT_OPTIONS);
    const v = view(model);
    const [block] = v.rows("reconciliation", BLOCK);
    const q1 = v.column("reconciliation", "1Q26");
    expect(v.text("reconciliation", `A${block + 1}`)).toBe("Gross margin");
    expect(v.text("reconciliation", `${q1}${block + 1}`)).toBe(
      '=KC.VALUE("ng.gross_margin","2026Q1","RMB","thousands","first")'
    );
    expect(v.value("reconciliation", `${q1}${block + 1}`)).toBe("0.125");
    expect(v.cell("reconciliation", `${q1}${block + 1}`)?.format).toBe(FORMATS.percent);
    const [section] = v.rows("reconciliation", RESTATEMENT);
    expect(v.value("reconciliation", `${q1}${section + 1}`)).toBe("0.003");
    expect(v.cell("reconciliation", `${q1}${section + 1}`)?.format).toBe(FORMATS.points);

    const [shares] = v.rows("income_statement", BLOCK);
    const col = v.column("income_statement", "1Q26");
    // "Basic and diluted" twice on the tab: below the lines, the count is named with its section.
    expect(v.text("income_statement", `A${shares + 1}`)).toBe("Weighted shares, basic and diluted");
    expect(v.value("income_statement", `${col}${shares + 1}`)).toBe("4555310000");
    // Neither is a sum: no identity of the first report to check, and every check still holds.
    expect(model.checks.filter((c) => c.ties === FIRST_REPORT_TIES)).toHaveLength(2);
    expect(model.failures()).toEqual([]);
  });
});

release.describe("every figure a later release printed again, restated", () => {
  /** The dataset with every first report (of a figure printed again) changed by `change`. */
  function everyFirstReport(change: (value: Dec) => Dec): Model {
    const ds = structuredClone(ingested(restatingRelease()));
    for (const f of ds.facts)
      if (f.laterIn !== undefined && f.basis === "level" && f.source === "table")
        f.value = change(new Dec(f.value)).toString();
    return buildModel(new Financials(ds), DEFAULT_OPTIONS);
  }

  test("doubled, every first release's sum still holds: each is checked, in its own column", () => {
    const model = everyFirstReport((x) => x.times(2));
    const first = model.checks.filter((c) => c.ties === FIRST_REPORT_TIES);
    const tally = new Map<string, number>();
    for (const c of first)
      tally.set(`${c.at.tab} ${c.column}`, (tally.get(`${c.at.tab} ${c.column}`) ?? 0) + 1);
    // The 2Q26 release prints 1Q26's flows again, and its balance sheet's comparative is Dec 31,
    // 2025; the two comprehensive losses were restated by the release itself.
    expect(Object.fromEntries(tally)).toEqual({
      "income_statement 1Q26": 9,
      "balance_sheet 4Q25": 9,
      "cash_flow 1Q26": 2,
      "reconciliation 1Q26": 6,
    });
    expect(model.failures()).toEqual([]);
    // Every label below the lines fits column A, a line whose label recurs named with its section.
    const long = model.plans.flatMap((p) => {
      const from = p.cells.find((c) => c.value === BLOCK)?.row ?? Infinity;
      return p.cells
        .filter((c) => c.col === 0 && c.row > from && String(c.value).length > LABEL_LIMIT)
        .map((c) => `${p.key}: ${c.value}`);
    });
    expect(long).toEqual([]);
  });

  test("one more in each, every first release's sum fails: each check can fail", () => {
    const model = everyFirstReport((x) => x.plus(1));
    const first = model.checks.filter((c) => c.ties === FIRST_REPORT_TIES);
    expect(first).toHaveLength(26);
    // Each is off by the terms added less the terms subtracted less one (the total), which no
    // sum of the release makes 0.
    expect(first.filter((c) => model.value(c.at).toString() === "0").map((c) => c.line)).toEqual(
      []
    );
    expect(model.failures().filter((c) => c.ties !== FIRST_REPORT_TIES)).toEqual([]);
  });
});

release.describe("a later release that prints a period again with the same figures", () => {
  test("is no restatement: no block on any tab", () => {
    const model = buildModel(new Financials(ingested(nextQuarterRelease())), DEFAULT_OPTIONS);
    expect(model.plans.filter((p) => p.cells.some((c) => c.value === BLOCK))).toEqual([]);
    expect(model.checks.filter((c) => c.ties === FIRST_REPORT_TIES)).toEqual([]);
  });
});

const OPTIONS: ModelOptions[] = [
  { currency: "RMB", unit: "thousands", tabs: TAB_KEYS },
  { currency: "USD", unit: "millions", tabs: TAB_KEYS },
];

for (const options of OPTIONS)
  release.describe(
    `the restated model in a real formula engine, ${options.currency} ${options.unit}`,
    () => {
      test("the block's cells are the core's values; every check 0, no error cell", () => {
        const model = buildModel(new Financials(ingested(restatingRelease())), options);
        const { engine, sheet } = modelInEngine(model);
        const at = (a: CellRef) =>
          engine.getCellValue({ sheet: sheet(a.tab), row: a.row, col: a.col });
        const is = model.plans.find((p) => p.key === "income_statement")!;
        const from = is.cells.find((c) => c.value === BLOCK)!.row;
        const block = is.cells.filter((c) => c.row > from && c.col > 0);
        expect(block.length).toBeGreaterThanOrEqual(6);
        for (const c of block) {
          const ref: CellRef = { tab: "income_statement", row: c.row, col: c.col };
          const want = model.value(ref);
          const got = at(ref);
          const what = `${a1(c.row, c.col)} ${renderFormula(c.formula!, { tab: "income_statement", names: TAB_NAMES })}`;
          expect(
            `${what}: ${typeof got === "number" && want instanceof Dec && Math.abs(got - want.toNumber()) < 1e-9}`
          ).toBe(`${what}: true`);
        }
        const firstChecks = model.checks.filter((c) => c.ties === FIRST_REPORT_TIES);
        expect(firstChecks).toHaveLength(2);
        expect(model.checks.filter((c) => at(c.at) !== 0).map((c) => c.line)).toEqual([]);
        const errors = model.plans.flatMap((p) =>
          p.cells
            .filter((c) => at({ tab: p.key, row: c.row, col: c.col }) instanceof DetailedCellError)
            .map((c) => `${p.name} ${a1(c.row, c.col)}`)
        );
        expect(errors).toEqual([]);
      });
    }
  );
