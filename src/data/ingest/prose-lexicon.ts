import type { ItemKind } from "../../domain/dataset";

/**
 * The metrics the release's prose talks about, by the phrases it uses for them. A phrase maps to
 * a table item (the prose restates it, in millions) or to a prose-only item defined below. Where
 * a phrase names two metrics ("Fulfillment costs and other costs"), figures map to them in turn.
 */

export interface ProseItemDef {
  id: string;
  label: string;
  kind: ItemKind;
  section: string;
  /** A point-in-time figure ("as of March 31, 2026") rather than a quarter's flow. */
  instant?: boolean;
  /**
   * A cost: the text states it as a magnitude ("IDC costs ... RMB911.1 million"); it is kept
   * signed as the income statement signs costs (negative), so that a cost has one sign wherever
   * it appears and the costs by nature add up to cost of revenues as printed.
   */
  cost?: true;
}

export const PROSE_ITEMS: ProseItemDef[] = [
  { id: "is.cor.idc", label: "IDC costs", kind: "amount", section: "Cost of revenues", cost: true },
  {
    id: "is.cor.depreciation_amortization",
    label: "Depreciation and amortization costs",
    kind: "amount",
    section: "Cost of revenues",
    cost: true,
  },
  {
    id: "is.cor.solution_development",
    label: "Solution development and services costs",
    kind: "amount",
    section: "Cost of revenues",
    cost: true,
  },
  {
    id: "is.cor.fulfillment",
    label: "Fulfillment costs",
    kind: "amount",
    section: "Cost of revenues",
    cost: true,
  },
  {
    id: "is.cor.other",
    label: "Other costs",
    kind: "amount",
    section: "Cost of revenues",
    cost: true,
  },
  {
    id: "op.ai_gross_billing",
    label: "Gross billing of AI business",
    kind: "amount",
    section: "AI business",
  },
  {
    id: "op.capex_and_leased_assets",
    label: "Capital expenditures and leased assets obtained",
    kind: "amount",
    section: "Investment",
  },
  {
    id: "op.ordinary_shares_outstanding",
    label: "Outstanding ordinary shares",
    kind: "shares",
    section: "Share capital",
    instant: true,
  },
  {
    id: "op.ads_outstanding",
    label: "Equivalent ADSs",
    kind: "shares",
    section: "Share capital",
    instant: true,
  },
  {
    id: "fx.rmb_per_usd",
    label: "Convenience translation rate (RMB per US$1.00)",
    kind: "rate",
    section: "Exchange rate",
    instant: true,
  },
];

export interface MetricPhrase {
  pattern: RegExp;
  items: string[];
}

/** Longer phrases win where two match at the same place ("Non-GAAP EBITDA margin" over "EBITDA"). */
export const METRIC_PHRASES: MetricPhrase[] = [
  { pattern: /total revenues?/gi, items: ["revenue.total"] },
  { pattern: /revenues? from public cloud services/gi, items: ["revenue.public"] },
  { pattern: /revenues? from enterprise cloud services/gi, items: ["revenue.enterprise"] },
  { pattern: /cost of revenues/gi, items: ["is.cost_of_revenues"] },
  { pattern: /IDC costs/gi, items: ["is.cor.idc"] },
  { pattern: /depreciation and amortization costs/gi, items: ["is.cor.depreciation_amortization"] },
  { pattern: /solution development and services costs/gi, items: ["is.cor.solution_development"] },
  { pattern: /fulfillment costs and other costs/gi, items: ["is.cor.fulfillment", "is.cor.other"] },
  { pattern: /(?:non-GAAP|adjusted) gross profit/gi, items: ["ng.adjusted_gross_profit"] },
  { pattern: /(?:non-GAAP|adjusted) gross margin/gi, items: ["ng.adjusted_gross_margin"] },
  { pattern: /gross profit/gi, items: ["is.gross_profit"] },
  { pattern: /gross margin/gi, items: ["ng.gross_margin"] },
  { pattern: /total operating expenses/gi, items: ["is.total_operating_expenses"] },
  { pattern: /selling and marketing expenses/gi, items: ["is.selling_marketing"] },
  { pattern: /general and administrative expenses/gi, items: ["is.general_administrative"] },
  { pattern: /research and development expenses/gi, items: ["is.research_development"] },
  {
    pattern: /(?:non-GAAP|adjusted) operating (?:\(loss\) profit|loss|profit) margin/gi,
    items: ["ng.adjusted_operating_margin"],
  },
  {
    pattern: /(?:non-GAAP|adjusted) operating (?:\(loss\) profit|loss|profit)/gi,
    items: ["ng.adjusted_operating_profit"],
  },
  { pattern: /operating loss/gi, items: ["is.operating_loss"] },
  { pattern: /(?:non-GAAP|adjusted) net loss margin/gi, items: ["ng.adjusted_net_loss_margin"] },
  { pattern: /(?:non-GAAP|adjusted) net loss/gi, items: ["ng.adjusted_net_loss"] },
  { pattern: /basic and diluted net loss per share/gi, items: ["is.eps_basic_diluted"] },
  { pattern: /net loss margin/gi, items: ["ng.net_loss_margin"] },
  { pattern: /net loss/gi, items: ["is.net_loss"] },
  { pattern: /(?:non-GAAP|adjusted) EBITDA margin/gi, items: ["ng.adjusted_ebitda_margin"] },
  { pattern: /(?:non-GAAP|adjusted) EBITDA/gi, items: ["ng.adjusted_ebitda"] },
  { pattern: /cash and cash equivalents/gi, items: ["bs.cash"] },
  { pattern: /outstanding ordinary shares/gi, items: ["op.ordinary_shares_outstanding"] },
  { pattern: /gross billing of AI business/gi, items: ["op.ai_gross_billing"] },
  {
    pattern: /capital expenditures and leased assets obtained(?: in combination)?/gi,
    items: ["op.capex_and_leased_assets"],
  },
];

/** A count followed by this word is the equivalent number of ADSs. */
export const ADS_ITEM = "op.ads_outstanding";
export const FX_ITEM = "fx.rmb_per_usd";
