import { columnLetter, sheetPrefix } from "./a1";
import type { PlanName, TabKey } from "./types";

/**
 * Workbook names an analyst's formulas can use instead of addresses: one for each line of a
 * model tab (its row of quarterly figures, `KC_IS_Total_revenues`) and one for the latest
 * quarter's figure of each headline line (`KC_Revenue_LQ`). The writer keeps them pointing where
 * they mean at every refresh: a new quarter extends a line's range and moves every `_LQ` name.
 */

/** Marks a name as the model's, in its comment: a name without it is the analyst's. */
export const NAME_COMMENT = "KC Financials";

const TAB_CODES: Record<TabKey, string> = {
  dashboard: "DASH",
  income_statement: "IS",
  balance_sheet: "BS",
  cash_flow: "CF",
  reconciliation: "NG",
  segments: "SEG",
  operating: "OP",
  estimates: "EST",
  valuation: "VAL",
  checks: "CHK",
};

/** The headline lines, by item, and the word their `_LQ` name is made of. */
export const HEADLINES = new Map<string, string>([
  ["revenue.total", "Revenue"],
  ["revenue.public", "Public_cloud_revenue"],
  ["revenue.enterprise", "Enterprise_cloud_revenue"],
  ["is.gross_profit", "Gross_profit"],
  ["is.operating_loss", "Operating_loss"],
  ["is.net_loss", "Net_loss"],
  ["is.net_loss_attributable", "Net_loss_attributable"],
  ["ng.adjusted_ebitda", "Adjusted_EBITDA"],
  ["ng.adjusted_net_loss", "Adjusted_net_loss"],
  ["bs.cash", "Cash"],
  ["cf.cash_end", "Cash_end_of_period"],
]);

/** A line's name: the tab's code and the short label, in the characters a name may have. */
export function lineName(tab: TabKey, label: string): string {
  const words = label
    .replace(/[’']/g, "")
    .replace(/[^A-Za-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "");
  return `KC_${TAB_CODES[tab]}_${words}`;
}

/** The `_LQ` name of a headline item, or none. */
export function latestName(item: string): string | undefined {
  const word = HEADLINES.get(item);
  return word && `KC_${word}_LQ`;
}

/** Names made unique within a list: a second "KC_IS_Other" is "KC_IS_Other_2". */
export function uniqueNames(names: PlanName[]): PlanName[] {
  const seen = new Map<string, number>();
  return names.map((n) => {
    const key = n.name.toLowerCase();
    const count = (seen.get(key) ?? 0) + 1;
    seen.set(key, count);
    return count === 1 ? n : { ...n, name: `${n.name}_${count}` };
  });
}

/** Where a name refers, as a workbook name's formula writes it: "'KC Income Statement'!$B$8:$F$8". */
export function nameReference(sheet: string, n: PlanName): string {
  const cell = (col: number) => `$${columnLetter(col)}$${n.row + 1}`;
  return `${sheetPrefix(sheet)}${n.from === n.to ? cell(n.from) : `${cell(n.from)}:${cell(n.to)}`}`;
}
