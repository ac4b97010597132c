/**
 * The names and abbreviations analysts type for the lines of the release, beside the labels it
 * prints and the ids: one vocabulary for every function that takes a line item (KC.VALUE, SERIES,
 * GROWTH, MARGIN, SOURCE and NONGAAP), listed by KC.ITEMS() and in the README. Words compare as
 * label keys (without case or extra spaces). A word never repeats a printed label of another line
 * (test/analyst-words.test.ts checks the data against the dataset).
 */

export interface Words {
  /** The line the words find, by id. */
  item: string;
  words: readonly string[];
  /**
   * Where the release's figure is not exactly what the words usually mean: what it is. KC.SOURCE
   * and KC.ITEMS() say it, so that the word answers and the difference is never hidden.
   */
  note?: string;
}

export const ANALYST_WORDS: readonly Words[] = [
  // Statement of comprehensive loss
  {
    item: "revenue.total",
    words: ["revenue", "revenues", "total revenue", "net revenue", "net revenues", "sales"],
  },
  {
    item: "revenue.public",
    words: ["public cloud", "public cloud revenue", "public cloud revenues"],
  },
  {
    item: "revenue.enterprise",
    words: ["enterprise cloud", "enterprise cloud revenue", "enterprise cloud revenues"],
  },
  {
    item: "is.cost_of_revenues",
    words: ["cost of revenue", "cost of sales", "COGS", "COR", "cost of goods sold"],
  },
  { item: "is.gross_profit", words: ["GP"] },
  {
    item: "is.selling_marketing",
    words: [
      "S&M",
      "S&M expenses",
      "selling and marketing",
      "selling & marketing",
      "sales and marketing",
      "sales & marketing",
      "selling expenses",
    ],
  },
  {
    item: "is.general_administrative",
    words: [
      "G&A",
      "G&A expenses",
      "general and administrative",
      "general & administrative",
      "administrative expenses",
    ],
  },
  {
    item: "is.research_development",
    words: [
      "R&D",
      "R&D expenses",
      "research and development",
      "research & development",
      "research expenses",
    ],
  },
  {
    item: "is.total_operating_expenses",
    words: ["opex", "total opex", "operating expenses"],
  },
  {
    item: "is.operating_loss",
    words: [
      "operating income",
      "operating profit",
      "operating (loss) profit",
      "operating result",
      "loss from operations",
      "income from operations",
    ],
  },
  {
    item: "is.fx_gain_loss",
    words: [
      "FX",
      "FX gain",
      "FX loss",
      "FX gain (loss)",
      "foreign exchange",
      "foreign exchange gain",
      "foreign exchange loss",
    ],
  },
  {
    item: "is.loss_before_tax",
    words: [
      "pre-tax loss",
      "pretax loss",
      "pre-tax income",
      "pretax income",
      "loss before tax",
      "loss before taxes",
      "income before taxes",
      "profit before tax",
      "PBT",
      "EBT",
    ],
  },
  {
    item: "is.income_tax",
    words: ["income tax", "income taxes", "tax", "taxes", "tax expense", "income tax expense"],
  },
  {
    item: "is.net_loss",
    words: [
      "consolidated net loss",
      "consolidated net income",
      "net loss incl. NCI",
      "net income incl. NCI",
    ],
  },
  {
    // What an analyst means by net income: the shareholders' part, as EPS is.
    item: "is.net_loss_attributable",
    words: [
      "net income",
      "net profit",
      "net result",
      "net (loss) income",
      "bottom line",
      "net loss attributable",
      "net loss attributable to shareholders",
      "net income attributable to shareholders",
      "net loss to shareholders",
    ],
    note: 'the net loss attributable to Kingsoft Cloud Holdings Limited, without the non-controlling interests\' share (the release\'s "Net loss", KC.VALUE("consolidated net loss"), includes it)',
  },
  {
    item: "is.eps_basic_diluted",
    words: [
      "EPS",
      "basic EPS",
      "diluted EPS",
      "basic and diluted EPS",
      "net loss per share",
      "loss per share",
      "earnings per share",
      "net income per share",
      "basic and diluted net loss per share",
    ],
  },
  {
    item: "is.shares_basic_diluted",
    words: [
      "weighted average shares",
      "weighted average shares outstanding",
      "weighted shares",
      "basic shares",
      "diluted shares",
      "basic and diluted shares",
      "shares used in EPS",
    ],
  },
  {
    item: "is.fx_translation",
    words: ["currency translation adjustments", "FX translation", "translation adjustments"],
  },
  {
    item: "is.fx_translation",
    words: ["OCI", "other comprehensive income", "other comprehensive loss"],
    note: "the foreign currency translation adjustments, the only line of the release's other comprehensive income (loss), net of tax of nil",
  },
  {
    item: "is.comprehensive_loss",
    words: ["comprehensive income", "total comprehensive loss"],
  },

  // Balance sheet
  {
    item: "bs.cash",
    words: ["cash", "cash and equivalents", "cash & cash equivalents", "cash and cash equivalent"],
  },
  {
    item: "bs.accounts_receivable",
    words: ["accounts receivable", "receivables", "trade receivables", "AR", "A/R"],
  },
  {
    item: "bs.property_equipment",
    words: [
      "PP&E",
      "PPE",
      "net PP&E",
      "property and equipment",
      "property, plant and equipment",
      "fixed assets",
    ],
  },
  { item: "bs.intangible_assets", words: ["intangibles", "intangible assets"] },
  { item: "bs.operating_lease_rou_assets", words: ["ROU assets", "right-of-use assets"] },
  { item: "bs.total_current_assets", words: ["current assets"] },
  {
    item: "bs.total_non_current_assets",
    words: ["non-current assets", "noncurrent assets", "long-term assets"],
  },
  { item: "bs.total_assets", words: ["assets"] },
  { item: "bs.accounts_payable", words: ["payables", "trade payables", "AP", "A/P"] },
  { item: "bs.accrued_expenses", words: ["accrued expenses", "accrued liabilities"] },
  {
    item: "bs.short_term_borrowings",
    words: ["short-term debt", "short term debt", "short-term loans", "ST debt"],
  },
  { item: "bs.income_tax_payable", words: ["tax payable", "taxes payable"] },
  { item: "bs.total_current_liabilities", words: ["current liabilities"] },
  {
    item: "bs.long_term_borrowings",
    words: ["long-term debt", "long term debt", "long-term loans", "LT debt"],
  },
  { item: "bs.deferred_tax_liabilities", words: ["DTL", "deferred taxes"] },
  {
    item: "bs.total_non_current_liabilities",
    words: ["non-current liabilities", "noncurrent liabilities", "long-term liabilities"],
  },
  { item: "bs.total_liabilities", words: ["liabilities"] },
  { item: "bs.ordinary_shares", words: ["share capital", "common stock"] },
  { item: "bs.treasury_shares", words: ["treasury stock"] },
  { item: "bs.additional_paid_in_capital", words: ["APIC", "paid-in capital"] },
  { item: "bs.accumulated_deficit", words: ["retained earnings", "accumulated losses"] },
  { item: "bs.accumulated_oci", words: ["AOCI", "accumulated OCI"] },
  {
    item: "bs.total_shareholders_equity",
    words: [
      "shareholders' equity",
      "shareholders equity",
      "total shareholders' equity",
      "stockholders' equity",
      "book value",
    ],
  },
  {
    item: "bs.non_controlling_interests",
    words: ["NCI balance", "minority interest balance", "non-controlling interests balance"],
  },
  {
    item: "is.net_loss_nci",
    words: [
      "NCI share of net loss",
      "minority interest share of net loss",
      "net loss attributable to NCI",
      "net income attributable to NCI",
    ],
  },
  {
    item: "bs.total_liabilities_and_equity",
    words: ["total liabilities and equity", "liabilities and equity"],
  },

  // Cash flow statement
  {
    item: "cf.operating",
    words: [
      "operating cash flow",
      "operating cash flows",
      "OCF",
      "CFO",
      "cash from operations",
      "cash flow from operations",
      "cash flow from operating activities",
      "net cash from operating activities",
    ],
  },
  {
    item: "cf.investing",
    words: [
      "investing cash flow",
      "investing cash flows",
      "CFI",
      "cash from investing",
      "cash flow from investing activities",
    ],
  },
  {
    item: "cf.financing",
    words: [
      "financing cash flow",
      "financing cash flows",
      "CFF",
      "cash from financing",
      "cash flow from financing activities",
    ],
  },
  { item: "cf.fx_effect", words: ["FX effect on cash", "effect of exchange rate changes"] },
  { item: "cf.net_change", words: ["net change in cash", "change in cash", "net cash flow"] },
  {
    item: "cf.cash_beginning",
    words: ["beginning cash", "opening cash", "cash at beginning of period"],
    note: "cash, cash equivalents and restricted cash, as the cash flow statement counts it",
  },
  {
    item: "cf.cash_end",
    words: ["ending cash", "closing cash", "cash at end of period"],
    note: "cash, cash equivalents and restricted cash, as the cash flow statement counts it",
  },

  // GAAP to non-GAAP reconciliation
  { item: "ng.gross_margin", words: ["GAAP gross margin", "gross profit margin", "GM"] },
  {
    item: "ng.adjusted_gross_profit",
    words: ["non-GAAP gross profit", "adj. gross profit", "adjusted GP"],
  },
  {
    item: "ng.adjusted_gross_margin",
    words: ["non-GAAP gross margin", "adj. gross margin"],
  },
  {
    item: "ng.adjusted_operating_profit",
    words: [
      "adjusted operating profit",
      "adjusted operating loss",
      "adjusted operating income",
      "non-GAAP operating profit",
      "non-GAAP operating loss",
      "non-GAAP operating (loss) profit",
      "non-GAAP operating income",
    ],
  },
  {
    item: "ng.adjusted_operating_margin",
    words: [
      "adjusted operating margin",
      "adjusted operating profit margin",
      "adjusted operating loss margin",
      "non-GAAP operating margin",
      "non-GAAP operating (loss) profit margin",
    ],
  },
  {
    item: "ng.adjusted_net_loss",
    words: ["non-GAAP net loss", "adjusted net income", "non-GAAP net income"],
  },
  {
    item: "ng.net_loss_margin",
    words: ["net margin", "net profit margin", "net income margin", "GAAP net margin"],
  },
  {
    item: "ng.adjusted_net_loss_margin",
    words: ["non-GAAP net loss margin", "adjusted net margin", "non-GAAP net margin"],
  },
  {
    item: "ng.adjusted_ebitda",
    words: ["EBITDA"],
    note: "Adjusted EBITDA, the release's non-GAAP measure (net loss before share-based compensation, foreign exchange, interest, income tax, depreciation and amortization); it prints no GAAP EBITDA",
  },
  { item: "ng.adjusted_ebitda", words: ["non-GAAP EBITDA", "adj. EBITDA", "adj EBITDA"] },
  {
    item: "ng.adjusted_ebitda_margin",
    words: ["EBITDA margin"],
    note: "Adjusted EBITDA margin, the release's non-GAAP measure; it prints no GAAP EBITDA margin",
  },
  {
    item: "ng.adjusted_ebitda_margin",
    words: ["non-GAAP EBITDA margin", "adj. EBITDA margin"],
  },
  {
    // The margin table prints "Normalized Adjusted EBITDA margin"; the amount's own label is longer.
    item: "ng.normalized_adjusted_ebitda",
    words: ["normalized Adjusted EBITDA", "normalized EBITDA", "normalised EBITDA"],
  },
  { item: "ng.normalized_adjusted_ebitda_margin", words: ["normalized EBITDA margin"] },
  {
    item: "ng.normalized_adjusted_operating_loss",
    words: [
      "normalized Adjusted operating loss",
      "normalized operating loss",
      "normalized operating profit",
    ],
  },
  {
    item: "ng.normalized_adjusted_operating_margin",
    words: ["normalized operating margin", "normalized operating loss margin"],
  },
  {
    item: "ng.nl.sbc",
    words: [
      "SBC",
      "SBC expenses",
      "share-based compensation",
      "stock-based compensation",
      "share-based comp",
      "stock comp",
    ],
  },
  {
    item: "ng.gp.sbc",
    words: [
      "SBC in cost of revenues",
      "SBC in COGS",
      "share-based compensation in cost of revenues",
    ],
  },
  {
    item: "ng.ebitda.depreciation_amortization",
    words: ["D&A", "depreciation & amortization", "total D&A"],
  },
  {
    item: "ng.ebitda.depreciation_amortization",
    words: ["depreciation"],
    note: "depreciation and amortization, which the release prints only together",
  },
  {
    item: "ng.ol.amortization_intangibles",
    words: ["amortization of intangibles", "intangibles amortization"],
  },
  {
    item: "ng.ebitda.gain_on_disposal",
    words: ["gain on disposal", "disposal gain", "gain on disposal of PP&E"],
  },

  // Figures the release states in its text
  { item: "is.cor.idc", words: ["IDC", "IDC cost", "data center costs"] },
  { item: "is.cor.depreciation_amortization", words: ["D&A costs", "D&A in cost of revenues"] },
  { item: "is.cor.solution_development", words: ["solution development costs"] },
  {
    item: "op.capex_and_leased_assets",
    words: ["capex and leased assets", "capex incl. leased assets"],
    note: "capital expenditures and leased assets obtained together, as the release prints them, rounded to RMB billions",
  },
  {
    item: "op.ai_gross_billing",
    words: ["AI", "AI business", "AI gross billing", "AI billing", "AI revenue"],
    note: "the gross billing of the AI business, of which the release gives only the year-over-year growth (no level, no revenue)",
  },
  {
    item: "op.ordinary_shares_outstanding",
    words: ["shares outstanding", "ordinary shares outstanding", "outstanding shares"],
  },
  { item: "op.ads_outstanding", words: ["ADSs outstanding", "ADS outstanding", "ADSs"] },
  {
    item: "fx.rmb_per_usd",
    words: ["FX rate", "exchange rate", "convenience rate", "USD/CNY", "RMB per USD"],
  },
];

/** Words for a measure the release prints no line of: each answers what would be right instead. */
export interface Unprinted {
  words: readonly string[];
  /** What the release gives instead, with the formula for it. */
  instead: string;
  /** The non-GAAP line KC.NONGAAP gives for these words, where the release prints one. */
  nonGaap?: string;
}

export const UNPRINTED: readonly Unprinted[] = [
  {
    words: [
      "operating margin",
      "operating profit margin",
      "operating loss margin",
      "operating income margin",
      "GAAP operating margin",
      "EBIT margin",
    ],
    instead: 'KC.MARGIN("Operating loss") computes it from the printed figures',
    nonGaap: "ng.adjusted_operating_margin",
  },
  {
    words: ["EBIT"],
    instead: 'KC.VALUE("Operating loss") is the operating loss as printed',
  },
  {
    words: ["free cash flow", "FCF"],
    instead:
      'operating cash flow is KC.VALUE("OCF"), and capital expenditures are printed only together with leased assets (KC.VALUE("capex and leased assets"))',
  },
  {
    words: [
      "capex",
      "capital expenditures",
      "capital expenditure",
      "purchases of property and equipment",
    ],
    instead:
      'the release prints capital expenditures only together with leased assets obtained, rounded to RMB billions: KC.VALUE("capex and leased assets")',
  },
  {
    words: ["SG&A", "SG&A expenses"],
    instead: 'it prints KC.VALUE("S&M") and KC.VALUE("G&A") separately',
  },
  {
    words: ["net debt"],
    instead:
      'KC.VALUE("net cash") is cash and cash equivalents less total debt (short-term + long-term borrowings); net debt is its negative',
  },
];

/**
 * Words with two readings, told apart by the period asked: of a quarter an analyst means the
 * income statement's line, of a date the balance sheet's. Each reading also has words of its own.
 */
export interface TwoReadings {
  words: readonly string[];
  /** The line for a quarter (a flow). */
  quarter: string;
  /** The line for a date (a balance). */
  date: string;
  /** What the words find, in each reading, for KC.SOURCE and KC.ITEMS. */
  note: string;
}

export const TWO_READINGS: readonly TwoReadings[] = [
  {
    words: ["minority interest", "minority interests", "NCI", "non-controlling interest"],
    quarter: "is.net_loss_nci",
    date: "bs.non_controlling_interests",
    note: 'of a quarter the net (loss) profit attributable to non-controlling interests (income statement; KC.VALUE("NCI share of net loss")), of a date the non-controlling interests in equity (balance sheet; KC.VALUE("NCI balance"))',
  },
];

/**
 * What KC.NONGAAP gives for a name of a GAAP line: the release's non-GAAP version of the measure
 * ("Gross profit" -> adjusted gross profit), or, for a line the reconciliation adjusts for, the
 * adjustment as the reconciliation prints it ("Interest income" -> its "– Interest income").
 */
export const NON_GAAP_VERSIONS: readonly (readonly [gaap: readonly string[], nonGaap: string])[] = [
  [["is.gross_profit", "ng.gp.gross_profit"], "ng.adjusted_gross_profit"],
  [["ng.gross_margin"], "ng.adjusted_gross_margin"],
  [["is.operating_loss", "ng.ol.operating_loss"], "ng.adjusted_operating_profit"],
  [["is.net_loss", "ng.nl.net_loss"], "ng.adjusted_net_loss"],
  [["ng.net_loss_margin"], "ng.adjusted_net_loss_margin"],
  [["is.interest_income"], "ng.ebitda.interest_income"],
  [["is.interest_expense"], "ng.ebitda.interest_expense"],
  [["is.income_tax"], "ng.ebitda.income_tax"],
  [["is.fx_gain_loss"], "ng.nl.fx"],
];
