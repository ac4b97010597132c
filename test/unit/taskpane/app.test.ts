import { syntheticDataset } from "../../../bench/synthetic-dataset";
import { Financials } from "../../../src/core/financials";
import { KcFormulas } from "../../../src/core/formulas";
import { bundledKc as kc } from "../../../src/functions/dataset-in-use";
import { datasetLines, insertSummary, refreshSummary } from "../../../src/taskpane/app";
import { formulaFor, searchItems } from "../../../src/taskpane/builder-panel";
import { describeAnswer, formatNumber } from "../../../src/taskpane/number-format";
import { findKcCall, traceCall } from "../../../src/taskpane/trace";
import { DEFAULT_OPTIONS } from "../../../src/sheets/types";

/** The task pane's logic without a browser: search, formula text, tracing a cell, the summaries. */

const kcf = kc();

describe("formula builder", () => {
  test("search finds by label words or id, best matches first", () => {
    expect(
      searchItems(kcf, "EBITDA")
        .map((i) => i.id)
        .slice(0, 2)
    ).toEqual(["ng.adjusted_ebitda", "ng.normalized_adjusted_ebitda"]);
    expect(searchItems(kcf, "cash equivalents")[0].id).toBe("bs.cash");
    expect(searchItems(kcf, "bs.cash")[0].id).toBe("bs.cash");
    expect(searchItems(kcf, "prepayments").map((i) => i.id)).toEqual([
      "bs.prepayments_current",
      "bs.prepayments_non_current",
    ]);
    expect(searchItems(kcf, "   ")).toEqual([]);
    expect(searchItems(kcf, "zzz")).toEqual([]);
  });

  test("formula text takes the arguments the item's kind takes", () => {
    const item = (id: string) => kcf.fin.catalogue.get(id)!;
    expect(formulaFor(item("bs.cash"), "2026-03-31", "USD", "millions")).toBe(
      '=KC.VALUE("bs.cash","2026-03-31","USD","millions")'
    );
    expect(formulaFor(item("is.eps_basic_diluted"), "LQ", "RMB", "millions")).toBe(
      '=KC.VALUE("is.eps_basic_diluted","LQ","RMB")'
    );
    expect(formulaFor(item("ng.gross_margin"), "LQ-1", "USD", "units")).toBe(
      '=KC.VALUE("ng.gross_margin","LQ-1")'
    );
  });
});

describe("source panel", () => {
  test("finds the KC call in a cell's formula, literals and references alike", () => {
    expect(findKcCall('=KC.VALUE("bs.cash","2026-03-31","USD","thousands")')).toEqual({
      fn: "VALUE",
      args: [
        { kind: "text", value: "bs.cash" },
        { kind: "text", value: "2026-03-31" },
        { kind: "text", value: "USD" },
        { kind: "text", value: "thousands" },
      ],
    });
    expect(findKcCall("=ROUND(kc.revenue($B$3,,A1)/1000,1)")).toEqual({
      fn: "REVENUE",
      args: [{ kind: "ref", ref: "$B$3" }, { kind: "empty" }, { kind: "ref", ref: "A1" }],
    });
    expect(findKcCall('=KC.VALUE("say ""hi"", then",46112)')?.args).toEqual([
      { kind: "text", value: 'say "hi", then' },
      { kind: "number", value: 46112 },
    ]);
    expect(findKcCall("=KC.FXRATE()")).toEqual({ fn: "FXRATE", args: [] });
    expect(findKcCall("=SUM(A1:A3)")).toBeUndefined();
  });

  test("traces a figure to the release, with referenced cells' values", () => {
    const call = findKcCall('=KC.REVENUE(B1,"public")')!;
    const t = traceCall(kcf, call, new Map([["B1", "Q1 2026"]]));
    expect(t.figure).toBe(1996301);
    expect(t.sources).toEqual([
      'UNAUDITED CONDENSED CONSOLIDATED STATEMENTS OF COMPREHENSIVE LOSS, row "Public cloud services", column "Three Months Ended Mar 31, 2026 RMB", line 539 of kc-2026q1-earnings-release.txt: 1,996,301',
    ]);
    expect(t.shown).toBe("1,996,301 (RMB thousands)");
    const growth = traceCall(kcf, findKcCall('=KC.GROWTH("revenue.total")')!);
    expect(growth.shown).toBe("37.2%");
    expect(growth.sources).toHaveLength(2);
    expect(growth.sources[1]).toContain("line 549");
    expect(traceCall(kcf, findKcCall('=KC.VALUE("nope")')!).error).toMatch(
      /^#VALUE! Unknown line item "nope"/
    );
  });
});

describe("figures are shown as the model tabs show them, in the builder and the source panel alike", () => {
  const shown = (item: string, period: string, currency = "RMB", unit = "thousands") =>
    describeAnswer(kcf.fin.value(item, period, currency, unit));

  test("amounts in the tabs' accounting format, with currency and unit", () => {
    expect(shown("ng.adjusted_ebitda", "2026Q1")).toBe("747,506 (RMB thousands)");
    expect(shown("ng.adjusted_ebitda", "2025Q4", "RMB", "millions")).toBe("785.2 (RMB millions)");
    expect(shown("bs.treasury_shares", "2026-03-31")).toBe("(18,958) (RMB thousands)");
    expect(shown("bs.cash", "2026-03-31", "USD")).toBe("710,901 (US$ thousands)");
    expect(shown("revenue.total", "2025Q1", "USD")).toMatch(
      /^285,587 \(US\$ thousands, converted at the release's rate\)$/
    );
  });

  test("per share, margins and the rate", () => {
    expect(shown("is.eps_basic_diluted", "2026Q1")).toBe("(0.08) (RMB per share)");
    expect(shown("is.eps_basic_diluted", "2026Q1", "USD")).toBe("(0.01) (US$ per share)");
    expect(shown("ng.adjusted_ebitda_margin", "2026Q1")).toBe("27.6%");
    expect(traceCall(kcf, findKcCall("=KC.FXRATE()")!).shown).toBe("6.898 (RMB per US$)");
  });

  test("a number of unknown format is grouped and keeps its digits", () => {
    expect(formatNumber(4903797)).toBe("4,903,797");
    expect(formatNumber(-710.901)).toBe("-710.901");
    expect(formatNumber(0)).toBe("0");
  });
});

describe("summaries", () => {
  const none = { rows: 0, columns: 0 };
  test("after inserting: tabs, checks, tabs updated in place and names taken by the user", () => {
    expect(
      insertSummary(
        {
          tabs: [
            {
              tab: "income_statement",
              name: "KC Income Statement (2)",
              inPlace: false,
              inserted: none,
            },
            {
              tab: "checks",
              name: "KC Checks",
              inPlace: true,
              inserted: { rows: 3, columns: 1 },
              from: "2026Q1-aaaa",
            },
          ],
          renamed: [
            {
              tab: "income_statement",
              wanted: "KC Income Statement",
              used: "KC Income Statement (2)",
            },
          ],
          kept: 2,
          checks: 31,
          failing: 0,
          syncs: 2,
          warnings: ["Writing the tabs failed (Timeout); the change was finished afterwards."],
        },
        { ...DEFAULT_OPTIONS, currency: "USD", tabs: ["checks"] }
      )
    ).toEqual([
      "Inserted 2 tabs in RMB and US$ thousands for every period: KC Income Statement (2), KC Checks.",
      "All 31 checks are zero.",
      "KC Income Statement (2) came along: the tabs you chose link to it.",
      "1 KC tab that was there was updated in place, with 1 column and 3 rows inserted: your formulas that point into it show the same figures.",
      '"KC Income Statement" is a sheet of yours, left as it is; the tab is "KC Income Statement (2)".',
      "2 cells you had typed in the updated tabs were kept.",
      "Writing the tabs failed (Timeout); the change was finished afterwards.",
    ]);
  });

  test("after refreshing: what was updated, what changed, the checks", () => {
    expect(
      refreshSummary({
        tabs: [
          {
            tab: "balance_sheet",
            name: "KC Balance Sheet",
            inPlace: true,
            inserted: { rows: 0, columns: 1 },
            from: "2025Q4-aaaa",
          },
          {
            tab: "checks",
            name: "KC Checks",
            inPlace: true,
            inserted: { rows: 0, columns: 1 },
            from: "2026Q1-bbbb",
          },
        ],
        to: "2026Q1-bbbb",
        changes: [
          {
            tab: "balance_sheet",
            line: "Cash and cash equivalents",
            column: "1Q26",
            before: 4903700,
            after: 4903797,
          },
        ],
        checks: 40,
        failing: 1,
        status: "CHECKS FAIL",
        kept: 1,
        syncs: 2,
        warnings: [],
      })
    ).toEqual([
      "Recalculated 2 KC tabs; updated them in place from dataset 2026Q1-bbbb (was 2025Q4-aaaa), with 2 columns inserted.",
      "No tab was removed: your formulas that point into the tabs show the same figures.",
      "1 figure changed:",
      "Cash and cash equivalents, 1Q26: 4,903,700 → 4,903,797",
      "1 of 40 checks are not zero.",
      "KC Checks shows: CHECKS FAIL.",
      "1 cell you had typed in the updated tabs was kept.",
    ]);
  });

  test("after refreshing tabs that are up to date: recalculated, nothing written", () => {
    const lines = refreshSummary({
      tabs: [{ tab: "checks", name: "KC Checks", inPlace: true, inserted: none, from: "v1" }],
      to: "v1",
      changes: [],
      checks: 40,
      failing: 0,
      status: "ALL CHECKS PASS",
      kept: 0,
      syncs: 2,
      warnings: [],
    });
    expect(lines).toEqual([
      "Recalculated 1 KC tab; all were built from the current dataset.",
      "All 40 checks are zero.",
      "KC Checks shows: ALL CHECKS PASS.",
    ]);
  });
});

describe("the header: what the KC functions answer from", () => {
  const bundled = kcf.fin.dataset;
  /** SYNTHETIC (bench/synthetic-dataset.ts, never data): releases 2025Q4 and 2026Q1. */
  const two = new KcFormulas(new Financials(syntheticDataset(bundled, 2)));

  test("the workbook's own releases, and the add-in's that it lacks", () => {
    const { line, notes } = datasetLines(
      { kcf, origin: "workbook", problems: [] },
      two.fin.dataset
    );
    expect(line).toMatch(/^This workbook's releases: 2026Q1 · Kingsoft Cloud 2026Q1 · dataset /);
    expect(notes).toEqual([
      "The add-in also has release 2025Q4, which this workbook does not hold; its figures stay as they are until you add it (Add a release, below).",
    ]);
  });

  test("the bundled dataset, with nothing more to say", () => {
    expect(datasetLines({ kcf, origin: "bundled", problems: [] }, bundled)).toEqual({
      line: `Kingsoft Cloud 2026Q1 release · bundled dataset ${bundled.version}`,
      notes: [],
    });
  });

  test("refused stored releases: said, with every reason", () => {
    const problems = ["The workbook's stored data is not well-formed XML (1:5: ...)."];
    expect(datasetLines({ kcf, origin: "bundled", problems }, bundled).notes).toEqual([
      "This workbook's stored releases are not used: the KC functions answer from the bundled dataset.",
      ...problems,
    ]);
  });
});
