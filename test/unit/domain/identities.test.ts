import { bundledDataset } from "../../../src/data/load";
import type { ItemKind } from "../../../src/domain/dataset";
import {
  CASH,
  MARGINS,
  PER_SHARE,
  PROSE_BREAKDOWNS,
  REVENUE,
  SHARES_PER_ADS,
  SUMS,
  TIES,
  termOf,
} from "../../../src/domain/identities";

/**
 * The accounting relations of the release, as data: each must name lines the dataset has, of the
 * kind the relation needs, and must say what the release says. The validator proves them on every
 * figure (test/unit/data/validate.test.ts); here, the relations themselves.
 */

const ds = bundledDataset();
const kinds = new Map(ds.items.map((i) => [i.id, i.kind]));

test("termOf reads a term: a leading minus subtracts", () => {
  expect(termOf("is.net_loss")).toEqual({ item: "is.net_loss", sign: 1 });
  expect(termOf("-is.net_loss_nci")).toEqual({ item: "is.net_loss_nci", sign: -1 });
  // Only the first minus is a sign.
  expect(termOf("--x")).toEqual({ item: "-x", sign: -1 });
});

test("every relation's items exist in the bundled dataset", () => {
  const named = [
    ...SUMS.flatMap((s) => [s.total, ...s.terms.map((t) => termOf(t).item)]),
    ...TIES.flatMap((t) => [t.item, t.equals]),
    ...MARGINS.flatMap((m) => [m.margin, m.of]),
    REVENUE,
    PER_SHARE.perShare,
    PER_SHARE.earnings,
    PER_SHARE.shares,
    CASH.beginning,
    CASH.end,
    ...CASH.balances,
    ...PROSE_BREAKDOWNS.flatMap((b) => [b.total, ...b.parts]),
    SHARES_PER_ADS.shares,
    SHARES_PER_ADS.ads,
  ];
  expect(named.filter((id) => !kinds.has(id))).toEqual([]);
});

test("each relation relates figures of the kind it needs", () => {
  const wrong: string[] = [];
  const need = (id: string, kind: ItemKind) => {
    if (kinds.get(id) !== kind) wrong.push(`${id} is ${kinds.get(id)}, not ${kind}`);
  };
  for (const s of SUMS)
    [s.total, ...s.terms.map((t) => termOf(t).item)].forEach((id) => need(id, "amount"));
  for (const t of TIES) [t.item, t.equals].forEach((id) => need(id, "amount"));
  for (const m of MARGINS) {
    need(m.margin, "percent");
    need(m.of, "amount");
  }
  need(PER_SHARE.perShare, "per_share");
  need(PER_SHARE.earnings, "amount");
  need(PER_SHARE.shares, "shares");
  need(SHARES_PER_ADS.shares, "shares");
  need(SHARES_PER_ADS.ads, "shares");
  expect(wrong).toEqual([]);
});

test("relations are named once, and no sum counts its total or a term twice", () => {
  const names = [...SUMS, ...TIES, ...PROSE_BREAKDOWNS].map((r) => r.name);
  expect(names.filter((n, k) => names.indexOf(n) !== k)).toEqual([]);
  for (const s of SUMS) {
    const items = s.terms.map((t) => termOf(t).item);
    expect({ sum: s.name, items: new Set(items).size, total: items.includes(s.total) }).toEqual({
      sum: s.name,
      items: items.length,
      total: false,
    });
  }
});

describe("the relations say what the release says", () => {
  // Three months ended Mar 31, 2026, RMB thousands, typed from the release's statement of
  // comprehensive loss, as printed (losses and costs in parentheses are negative).
  const Q1: Record<string, number> = {
    "revenue.public": 1996301,
    "revenue.enterprise": 707431,
    "revenue.total": 2703732,
    "is.cost_of_revenues": -2357984,
    "is.gross_profit": 345748,
    "is.selling_marketing": -123776,
    "is.general_administrative": -194765,
    "is.research_development": -193315,
    "is.total_operating_expenses": -511856,
    "is.operating_loss": -166108,
    "is.interest_income": 32030,
    "is.interest_expense": -153595,
    "is.fx_gain_loss": -44006,
    "is.other_gain_loss": -6588,
    "is.other_expense_income": -372,
    "is.loss_before_tax": -338639,
    "is.income_tax": -5081,
    "is.net_loss": -343720,
    "is.net_loss_nci": 100,
    "is.net_loss_attributable": -343820,
    "is.fx_translation": -34472,
    "is.comprehensive_loss": -378192,
    "is.comprehensive_loss_nci": 100,
    "is.comprehensive_loss_attributable": -378292,
    // The net loss reconciliation's adjustments, as it prints them.
    "ng.nl.fx": 44006,
    "ng.ebitda.interest_income": -32030,
    "ng.ebitda.interest_expense": 153595,
    "ng.ebitda.income_tax": 5081,
  };

  test.each(
    SUMS.filter((s) => s.total.startsWith("is.") || s.total.startsWith("revenue.")).map(
      (s) => [s.name, s] as const
    )
  )("%s", (_name, s) => {
    const sum = s.terms.reduce((total, t) => {
      const { item, sign } = termOf(t);
      return total + sign * Q1[item];
    }, 0);
    expect(sum).toBe(Q1[s.total]);
  });

  test("the reconciliation's adjustments are the statement's lines with the sign turned", () => {
    const ties = TIES.filter((t) => t.item in Q1 && t.equals in Q1);
    expect(ties.map((t) => t.name)).toEqual([
      "FX adjustment = -(statement FX gain (loss))",
      "Interest income adjustment = -(statement)",
      "Interest expense adjustment = -(statement)",
      "Income tax adjustment = -(statement)",
    ]);
    for (const t of ties) expect(Q1[t.item]).toBe(t.factor * Q1[t.equals]);
  });

  test("per-share loss and margins are of the lines the release names", () => {
    expect(REVENUE).toBe("revenue.total");
    expect(PER_SHARE).toMatchObject({ earnings: "is.net_loss_attributable", places: 2 });
    expect(MARGINS.find((m) => m.margin === "ng.gross_margin")?.of).toBe("is.gross_profit");
    expect(CASH.balances).toEqual(["bs.cash", "bs.restricted_cash"]);
  });
});
