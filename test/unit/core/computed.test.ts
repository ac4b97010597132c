import { COMPUTED, Recipe, partsOf, periodParts } from "../../../src/core/computed";
import { bundledDataset } from "../../../src/data/load";
import { PER_SHARE, SHARES_PER_ADS } from "../../../src/domain/identities";

/**
 * Measures computed from printed lines, as data: what each recipe reads, and that each can be
 * computed from the bundled dataset. What they answer is test/unit/core/analyst-words.test.ts's.
 */

const printed = new Map(bundledDataset().items.map((i) => [i.id, i]));

test("partsOf: a sum's terms; a per-share figure's amount and shares, and per ADS the ratio's lines", () => {
  const recipe = (id: string) => COMPUTED.find((c) => c.item.id === id)?.recipe as Recipe;
  expect(partsOf(recipe("calc.total_debt"))).toEqual([
    "bs.short_term_borrowings",
    "bs.long_term_borrowings",
  ]);
  expect(partsOf(recipe("calc.net_cash"))).toEqual(["bs.cash", "calc.total_debt"]);
  expect(partsOf(recipe("calc.adjusted_net_loss_per_share"))).toEqual([
    "ng.adjusted_net_loss",
    PER_SHARE.shares,
  ]);
  expect(partsOf(recipe("calc.net_loss_per_ads"))).toEqual([
    PER_SHARE.earnings,
    PER_SHARE.shares,
    SHARES_PER_ADS.shares,
    SHARES_PER_ADS.ads,
  ]);
});

test("periodParts: the shares per ADS are any period's, so they set no period", () => {
  for (const c of COMPUTED) {
    const parts = periodParts(c.recipe);
    expect(parts).toEqual(
      c.recipe.kind === "sum" ? partsOf(c.recipe) : [c.recipe.of, PER_SHARE.shares]
    );
    expect(parts).not.toContain(SHARES_PER_ADS.ads);
  }
});

test("every part is a printed line of the bundled dataset, or a measure computed before it", () => {
  const before = new Set<string>();
  const unknown: string[] = [];
  for (const c of COMPUTED) {
    for (const id of partsOf(c.recipe))
      if (!printed.has(id) && !before.has(id)) unknown.push(`${c.item.id}: ${id}`);
    before.add(c.item.id);
  }
  expect(unknown).toEqual([]);
});

test("computed measures are lines of their own: their own ids, after every printed line", () => {
  const ids = COMPUTED.map((c) => c.item.id);
  expect(new Set(ids).size).toBe(ids.length);
  expect(ids.filter((id) => printed.has(id) || !id.startsWith("calc."))).toEqual([]);
  const last = Math.max(...[...printed.values()].map((i) => i.order));
  for (const c of COMPUTED) {
    expect(c.item).toMatchObject({ source: "computed", table: null, heading: null });
    expect(c.item.order).toBeGreaterThan(last);
    expect(c.says).not.toBe("");
  }
});

test("a sum's terms are amounts; a per-share figure divides an amount", () => {
  const kind = (id: string) =>
    printed.get(id)?.kind ?? COMPUTED.find((c) => c.item.id === id)?.item.kind;
  const wrong = COMPUTED.flatMap((c) =>
    c.recipe.kind === "sum"
      ? partsOf(c.recipe).filter((id) => kind(id) !== "amount")
      : c.item.kind !== "per_share" || kind(c.recipe.of) !== "amount"
        ? [c.item.id]
        : []
  );
  expect(wrong).toEqual([]);
});
