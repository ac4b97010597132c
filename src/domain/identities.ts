/**
 * The accounting relations of the release, as data. The validator proves them on the dataset and
 * the model tabs turn them into native formulas, so both prove the same thing. Figures are signed
 * as presented (costs and losses negative), so most relations are plain sums.
 */

export interface SumRelation {
  name: string;
  total: string;
  /** Terms added; a term written "-id" is subtracted. */
  terms: string[];
}

export interface TieRelation {
  name: string;
  item: string;
  /** The item equals `factor` times `equals` for every period and currency both have. */
  equals: string;
  factor: 1 | -1;
}

export const SUMS: SumRelation[] = [
  {
    name: "Total revenues = public + enterprise cloud",
    total: "revenue.total",
    terms: ["revenue.public", "revenue.enterprise"],
  },
  {
    name: "Gross profit = revenues - cost of revenues",
    total: "is.gross_profit",
    terms: ["revenue.total", "is.cost_of_revenues"],
  },
  {
    name: "Total operating expenses = S&M + G&A + R&D",
    total: "is.total_operating_expenses",
    terms: ["is.selling_marketing", "is.general_administrative", "is.research_development"],
  },
  {
    name: "Operating loss = gross profit - operating expenses",
    total: "is.operating_loss",
    terms: ["is.gross_profit", "is.total_operating_expenses"],
  },
  {
    name: "Loss before income taxes = operating loss + other items",
    total: "is.loss_before_tax",
    terms: [
      "is.operating_loss",
      "is.interest_income",
      "is.interest_expense",
      "is.fx_gain_loss",
      "is.other_gain_loss",
      "is.other_expense_income",
    ],
  },
  {
    name: "Net loss = loss before tax + income tax",
    total: "is.net_loss",
    terms: ["is.loss_before_tax", "is.income_tax"],
  },
  {
    name: "Net loss attributable = net loss - NCI share",
    total: "is.net_loss_attributable",
    terms: ["is.net_loss", "-is.net_loss_nci"],
  },
  {
    name: "Comprehensive loss = net loss + translation adjustments",
    total: "is.comprehensive_loss",
    terms: ["is.net_loss", "is.fx_translation"],
  },
  {
    name: "Comprehensive loss attributable = comprehensive loss - NCI share",
    total: "is.comprehensive_loss_attributable",
    terms: ["is.comprehensive_loss", "-is.comprehensive_loss_nci"],
  },
  {
    name: "Total current assets",
    total: "bs.total_current_assets",
    terms: [
      "bs.cash",
      "bs.restricted_cash",
      "bs.accounts_receivable",
      "bs.prepayments_current",
      "bs.due_from_related_parties",
    ],
  },
  {
    name: "Total non-current assets",
    total: "bs.total_non_current_assets",
    terms: [
      "bs.property_equipment",
      "bs.intangible_assets",
      "bs.goodwill",
      "bs.prepayments_non_current",
      "bs.equity_investments",
      "bs.operating_lease_rou_assets",
    ],
  },
  {
    name: "Total assets = current + non-current",
    total: "bs.total_assets",
    terms: ["bs.total_current_assets", "bs.total_non_current_assets"],
  },
  {
    name: "Total current liabilities",
    total: "bs.total_current_liabilities",
    terms: [
      "bs.accounts_payable",
      "bs.accrued_expenses",
      "bs.short_term_borrowings",
      "bs.income_tax_payable",
      "bs.due_to_related_parties_current",
      "bs.operating_lease_liabilities_current",
    ],
  },
  {
    name: "Total non-current liabilities",
    total: "bs.total_non_current_liabilities",
    terms: [
      "bs.long_term_borrowings",
      "bs.due_to_related_parties_non_current",
      "bs.deferred_tax_liabilities",
      "bs.other_liabilities",
      "bs.operating_lease_liabilities_non_current",
    ],
  },
  {
    name: "Total liabilities = current + non-current",
    total: "bs.total_liabilities",
    terms: ["bs.total_current_liabilities", "bs.total_non_current_liabilities"],
  },
  {
    name: "Total shareholders' equity",
    total: "bs.total_shareholders_equity",
    terms: [
      "bs.ordinary_shares",
      "bs.treasury_shares",
      "bs.additional_paid_in_capital",
      "bs.statutory_reserves",
      "bs.accumulated_deficit",
      "bs.accumulated_oci",
    ],
  },
  {
    name: "Total equity = shareholders' equity + NCI",
    total: "bs.total_equity",
    terms: ["bs.total_shareholders_equity", "bs.non_controlling_interests"],
  },
  {
    name: "Total liabilities, NCI and equity = liabilities + total equity",
    total: "bs.total_liabilities_and_equity",
    terms: ["bs.total_liabilities", "bs.total_equity"],
  },
  {
    name: "Adjusted gross profit = gross profit + SBC in cost of revenues",
    total: "ng.adjusted_gross_profit",
    terms: ["ng.gp.gross_profit", "ng.gp.sbc"],
  },
  {
    name: "Adjusted net loss = net loss + SBC + FX (gain) loss",
    total: "ng.adjusted_net_loss",
    terms: ["ng.nl.net_loss", "ng.nl.sbc", "ng.nl.fx"],
  },
  {
    name: "Adjusted EBITDA = adjusted net loss + interest, tax, D&A",
    total: "ng.adjusted_ebitda",
    terms: [
      "ng.adjusted_net_loss",
      "ng.ebitda.interest_income",
      "ng.ebitda.interest_expense",
      "ng.ebitda.income_tax",
      "ng.ebitda.depreciation_amortization",
    ],
  },
  {
    name: "Normalized adjusted EBITDA = adjusted EBITDA - gain on disposal",
    total: "ng.normalized_adjusted_ebitda",
    terms: ["ng.adjusted_ebitda", "ng.ebitda.gain_on_disposal"],
  },
  {
    name: "Adjusted operating (loss) profit = operating loss + SBC + amortization",
    total: "ng.adjusted_operating_profit",
    terms: ["ng.ol.operating_loss", "ng.ol.sbc", "ng.ol.amortization_intangibles"],
  },
  {
    name: "Normalized adjusted operating loss = adjusted operating (loss) profit - gain on disposal",
    total: "ng.normalized_adjusted_operating_loss",
    terms: ["ng.adjusted_operating_profit", "ng.ol.gain_on_disposal"],
  },
  {
    name: "Net change in cash = operating + investing + financing + FX effect",
    total: "cf.net_change",
    terms: ["cf.operating", "cf.investing", "cf.financing", "cf.fx_effect"],
  },
  {
    name: "Cash at end = cash at beginning + net change",
    total: "cf.cash_end",
    terms: ["cf.cash_beginning", "cf.net_change"],
  },
];

export const TIES: TieRelation[] = [
  {
    name: "Total assets = total liabilities, NCI and equity",
    item: "bs.total_assets",
    equals: "bs.total_liabilities_and_equity",
    factor: 1,
  },
  {
    name: "Reconciliation gross profit = statement",
    item: "ng.gp.gross_profit",
    equals: "is.gross_profit",
    factor: 1,
  },
  {
    name: "Reconciliation net loss = statement",
    item: "ng.nl.net_loss",
    equals: "is.net_loss",
    factor: 1,
  },
  {
    name: "Reconciliation operating loss = statement",
    item: "ng.ol.operating_loss",
    equals: "is.operating_loss",
    factor: 1,
  },
  {
    name: "FX adjustment = -(statement FX gain (loss))",
    item: "ng.nl.fx",
    equals: "is.fx_gain_loss",
    factor: -1,
  },
  {
    name: "Interest income adjustment = -(statement)",
    item: "ng.ebitda.interest_income",
    equals: "is.interest_income",
    factor: -1,
  },
  {
    name: "Interest expense adjustment = -(statement)",
    item: "ng.ebitda.interest_expense",
    equals: "is.interest_expense",
    factor: -1,
  },
  {
    name: "Income tax adjustment = -(statement)",
    item: "ng.ebitda.income_tax",
    equals: "is.income_tax",
    factor: -1,
  },
  {
    name: "SBC: operating loss reconciliation = net loss reconciliation",
    item: "ng.ol.sbc",
    equals: "ng.nl.sbc",
    factor: 1,
  },
  {
    name: "Gain on disposal: operating loss reconciliation = EBITDA reconciliation",
    item: "ng.ol.gain_on_disposal",
    equals: "ng.ebitda.gain_on_disposal",
    factor: 1,
  },
];

/** Margin lines of the release and the line each is a percentage of total revenues of. */
export const MARGINS: { margin: string; of: string }[] = [
  { margin: "ng.gross_margin", of: "is.gross_profit" },
  { margin: "ng.adjusted_gross_margin", of: "ng.adjusted_gross_profit" },
  { margin: "ng.net_loss_margin", of: "is.net_loss" },
  { margin: "ng.adjusted_net_loss_margin", of: "ng.adjusted_net_loss" },
  { margin: "ng.adjusted_ebitda_margin", of: "ng.adjusted_ebitda" },
  { margin: "ng.normalized_adjusted_ebitda_margin", of: "ng.normalized_adjusted_ebitda" },
  { margin: "ng.adjusted_operating_margin", of: "ng.adjusted_operating_profit" },
  {
    margin: "ng.normalized_adjusted_operating_margin",
    of: "ng.normalized_adjusted_operating_loss",
  },
];

export const REVENUE = "revenue.total";

/** Basic and diluted loss per share = attributable net loss / weighted shares, to two decimals. */
export const PER_SHARE = {
  perShare: "is.eps_basic_diluted",
  earnings: "is.net_loss_attributable",
  shares: "is.shares_basic_diluted",
  places: 2,
};

/** Cash, cash equivalents and restricted cash on the cash flow = the two balance sheet lines. */
export const CASH = {
  beginning: "cf.cash_beginning",
  end: "cf.cash_end",
  balances: ["bs.cash", "bs.restricted_cash"],
};

/**
 * A span the release prints (Six, Nine or Twelve Months Ended) against its quarters: a flow is the
 * sum of them; the cash flow's cash at beginning and end of a span are its first quarter's
 * beginning and its last quarter's end. Only amounts add up: a per-share figure, a weighted share
 * count or a percentage of a span is no sum of its quarters. Compared in RMB, the currency the
 * company reports in: its quarters come from several releases, each translating to US$ at its
 * own quarter end's rate.
 */
export const SPANS = {
  additive: ["amount"] as const,
  opening: CASH.beginning,
  closing: CASH.end,
  currency: "RMB" as const,
};

/** Prose-only components that add up to a table line (in the prose's own rounding). */
export const PROSE_BREAKDOWNS: { name: string; total: string; parts: string[] }[] = [
  {
    name: "Cost of revenues = IDC + D&A + solution development + fulfillment + other",
    total: "is.cost_of_revenues",
    parts: [
      "is.cor.idc",
      "is.cor.depreciation_amortization",
      "is.cor.solution_development",
      "is.cor.fulfillment",
      "is.cor.other",
    ],
  },
];

/**
 * The prose states shares outstanding and "about" so many ADSs: shares are a whole number of
 * shares per ADS times the ADSs, within half an ADS's worth of rounding.
 */
export const SHARES_PER_ADS = {
  shares: "op.ordinary_shares_outstanding",
  ads: "op.ads_outstanding",
};

export function termOf(term: string): { item: string; sign: 1 | -1 } {
  return term.startsWith("-") ? { item: term.slice(1), sign: -1 } : { item: term, sign: 1 };
}
