import type { Item } from "../domain/dataset";
import { PER_SHARE, SHARES_PER_ADS } from "../domain/identities";

/**
 * Measures analysts ask for that the release prints no line of, but that follow exactly from
 * lines it does print: total debt, net cash, and the per-ADS figures the model shows. Each is
 * answered as the model computes it, and KC.SOURCE says what it sums and where each part is
 * printed: a computed figure is never passed off as a printed one.
 */

export type Recipe =
  /** A signed sum of lines (or of other computed measures), in the period, currency and unit asked. */
  | { kind: "sum"; terms: readonly { id: string; sign: 1 | -1 }[] }
  /**
   * A figure per share: `of` (an amount) over the weighted shares of the period; per ADS, times
   * the ordinary shares per ADS (the shares outstanding over the ADSs they equal, to a whole share).
   */
  | { kind: "per_share"; of: string; perAds: boolean };

export interface Computed {
  item: Item;
  recipe: Recipe;
  /** What is computed, in words, for KC.SOURCE and KC.ITEMS. */
  says: string;
  words: readonly string[];
}

/** Computed measures sort after every printed line. */
const ORDER = 10_000;

function computed(
  id: string,
  label: string,
  shape: Pick<Item, "statement" | "section" | "kind" | "unit" | "sign">,
  recipe: Recipe,
  says: string,
  words: readonly string[],
  order: number
): Computed {
  return {
    item: {
      id,
      label,
      ...shape,
      table: null,
      heading: null,
      source: "computed",
      order: ORDER + order,
    },
    recipe,
    says,
    words,
  };
}

export const COMPUTED: readonly Computed[] = [
  computed(
    "calc.total_debt",
    "Total debt",
    {
      statement: "balance_sheet",
      section: "Computed",
      kind: "amount",
      unit: "thousands",
      sign: "positive",
    },
    {
      kind: "sum",
      terms: [
        { id: "bs.short_term_borrowings", sign: 1 },
        { id: "bs.long_term_borrowings", sign: 1 },
      ],
    },
    "short-term borrowings + long-term borrowings, as printed; the amounts due to related parties (current and non-current) are not included",
    ["total debt", "debt", "borrowings", "total borrowings", "gross debt"],
    1
  ),
  computed(
    "calc.net_cash",
    "Net cash (debt)",
    {
      statement: "balance_sheet",
      section: "Computed",
      kind: "amount",
      unit: "thousands",
      sign: "mixed",
    },
    {
      kind: "sum",
      terms: [
        { id: "bs.cash", sign: 1 },
        { id: "calc.total_debt", sign: -1 },
      ],
    },
    "cash and cash equivalents − total debt (short-term + long-term borrowings); restricted cash is not included; negative is net debt",
    ["net cash", "net cash (debt)", "net cash position"],
    2
  ),
  computed(
    "calc.net_loss_per_ads",
    "Net loss per ADS, basic and diluted",
    {
      statement: "income_statement",
      section: "Computed",
      kind: "per_share",
      unit: "units",
      sign: "mixed",
    },
    { kind: "per_share", of: PER_SHARE.earnings, perAds: true },
    "net loss attributable to Kingsoft Cloud Holdings Limited ÷ weighted average shares (basic and diluted) × ordinary shares per ADS (shares outstanding ÷ ADSs, to a whole share), unrounded",
    ["net loss per ADS", "loss per ADS", "EPS per ADS", "earnings per ADS", "EPADS"],
    3
  ),
  computed(
    "calc.adjusted_net_loss_per_share",
    "Adjusted net loss per share (incl. non-controlling interests)",
    { statement: "non_gaap", section: "Computed", kind: "per_share", unit: "units", sign: "mixed" },
    { kind: "per_share", of: "ng.adjusted_net_loss", perAds: false },
    "adjusted net loss (which includes non-controlling interests) ÷ weighted average shares (basic and diluted), unrounded; the release prints no non-GAAP figure per share",
    ["adjusted net loss per share", "non-GAAP net loss per share", "adjusted EPS", "non-GAAP EPS"],
    4
  ),
  computed(
    "calc.adjusted_net_loss_per_ads",
    "Adjusted net loss per ADS",
    { statement: "non_gaap", section: "Computed", kind: "per_share", unit: "units", sign: "mixed" },
    { kind: "per_share", of: "ng.adjusted_net_loss", perAds: true },
    "adjusted net loss (which includes non-controlling interests) ÷ weighted average shares (basic and diluted) × ordinary shares per ADS (shares outstanding ÷ ADSs, to a whole share), unrounded",
    ["adjusted net loss per ADS", "non-GAAP net loss per ADS", "adjusted EPADS", "non-GAAP EPADS"],
    5
  ),
];

/** The lines a recipe reads, by id. */
export function partsOf(recipe: Recipe): string[] {
  const ratio = recipe.kind === "per_share" && recipe.perAds;
  return [...periodParts(recipe), ...(ratio ? [SHARES_PER_ADS.shares, SHARES_PER_ADS.ads] : [])];
}

/** The lines whose periods a computed measure has: the ratio of shares per ADS is any period's. */
export function periodParts(recipe: Recipe): string[] {
  return recipe.kind === "sum" ? recipe.terms.map((t) => t.id) : [recipe.of, PER_SHARE.shares];
}
