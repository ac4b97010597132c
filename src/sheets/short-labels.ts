/**
 * The labels of the model tabs as analysts write them: at most 40 characters in column A. A line
 * whose printed label is longer shows its short form; the release's full wording stays one click
 * away, in the label cell's note (and in the source panel). Keyed by the full text, so that a
 * release that words a line otherwise shows its own words until a short form is given here (a
 * test finds every label over the limit). Some are a line's label after its section: the rows
 * below the lines name so a line whose label recurs on its tab (the first report of a restated
 * input, say).
 */

export const LABEL_LIMIT = 40;

const SHORT = new Map<string, string>([
  // Statement of comprehensive loss
  [
    "Less: net (loss) profit attributable to non-controlling interests",
    "Less: NCI share of net (loss) profit",
  ],
  [
    "Net loss attributable to Kingsoft Cloud Holdings Limited",
    "Net loss attributable to shareholders",
  ],
  ["Shares used in the net loss per share computation", "Weighted shares (for loss per share)"],
  [
    "Shares used in the net loss per share computation, basic and diluted",
    "Weighted shares, basic and diluted",
  ],
  ["Other comprehensive income (loss), net of tax of nil", "Other comprehensive income (loss)"],
  [
    "Less: Comprehensive (loss) income attributable to non-controlling interests",
    "Less: NCI share of comprehensive (loss)",
  ],
  [
    "Comprehensive loss attributable to Kingsoft Cloud Holdings Limited shareholders",
    "Comprehensive loss to shareholders",
  ],
  // Balance sheet
  [
    "LIABILITIES, NON-CONTROLLING INTERESTS AND SHAREHOLDERS' EQUITY",
    "LIABILITIES, NCI AND EQUITY",
  ],
  ["Accrued expenses and other current liabilities", "Accrued expenses, other current liab."],
  ["Total Kingsoft Cloud Holdings Limited shareholders’ equity", "Total shareholders' equity"],
  ["Current assets, prepayments and other assets", "Prepayments and other assets, current"],
  ["Non-current assets, prepayments and other assets", "Prepayments, other assets, non-current"],
  ["Current liabilities, amounts due to related parties", "Due to related parties, current"],
  [
    "Non-current liabilities, amounts due to related parties",
    "Due to related parties, non-current",
  ],
  [
    "Total liabilities, non-controlling interests and shareholders’ equity",
    "Total liabilities, NCI and equity",
  ],
  [
    "Total assets − total liabilities, non-controlling interests and shareholders’ equity",
    "Total assets − liabilities, NCI, equity",
  ],
  // Cash flow
  ["Net cash (used in) generated from operating activities", "Operating cash flow"],
  ["Net cash generated from financing activities", "Financing cash flow"],
  [
    "Effect of exchange rate changes on cash, cash equivalents and restricted cash",
    "FX effect on cash and restricted cash",
  ],
  [
    "Net (decrease) increase in cash, cash equivalents and restricted cash",
    "Net change in cash and restricted cash",
  ],
  [
    "Cash, cash equivalents and restricted cash at beginning of period",
    "Cash and restricted cash, beginning",
  ],
  ["Cash, cash equivalents and restricted cash at end of period", "Cash and restricted cash, end"],
  [
    "Cash, cash equivalents and restricted cash per the balance sheet",
    "Cash and restricted cash, balance sheet",
  ],
  // Reconciliation
  ["Share-based compensation expenses (allocated in cost of revenues)", "SBC in cost of revenues"],
  ["Adjusted gross profit (Non-GAAP Financial Measure)", "Adjusted gross profit"],
  ["Adjusted net loss (Non-GAAP Financial Measure)", "Adjusted net loss"],
  ["Adjusted EBITDA (Non-GAAP Financial Measure)", "Adjusted EBITDA"],
  ["Gain on disposal of property and equipment", "Gain on disposal of PP&E"],
  [
    "Excluding gain on disposal of property and equipment, normalized Adjusted EBITDA",
    "Normalized adjusted EBITDA",
  ],
  [
    "Adjusted operating (loss) profit (Non-GAAP Financial Measure)",
    "Adjusted operating (loss) profit",
  ],
  [
    "Excluding gain on disposal of property and equipment, normalized Adjusted operating loss",
    "Normalized adjusted operating loss",
  ],
  ["Adjusted gross margin (Non-GAAP Financial Measure)", "Adjusted gross margin"],
  ["Adjusted net loss margin (Non-GAAP Financial Measure)", "Adjusted net loss margin"],
  ["Adjusted EBITDA margin (Non-GAAP Financial Measure)", "Adjusted EBITDA margin"],
  [
    "Adjusted operating (loss) profit margin (Non-GAAP Financial Measure)",
    "Adjusted operating margin",
  ],
  ["Normalized Adjusted operating loss margin", "Normalized adj. operating margin"],
  [
    "Adjusted net loss per share (incl. non-controlling interests)",
    "Adj. net loss per share (incl. NCI)",
  ],
  [
    "Net loss reconciliation: Adjustments, share-based compensation expenses",
    "Net loss reconciliation: SBC",
  ],
  [
    "Operating loss reconciliation: Adjustments, share-based compensation expenses",
    "Op. loss reconciliation: SBC",
  ],
  [
    "Operating loss reconciliation: Gain on disposal of property and equipment",
    "Op. loss reconciliation: disposal gain",
  ],
  // Operating figures (the text's figures)
  ["Capital expenditures and leased assets obtained", "Capex and leased assets obtained"],
  [
    "Capital expenditures and leased assets obtained, % of total revenues",
    "Capex and leased assets, % of revenues",
  ],
  ["Gross billing of AI business (growth as stated)", "AI gross billing (growth as stated)"],
]);

/** The label as column A shows it: its short form where the printed one is too long. */
export function shortLabel(text: string): string {
  return SHORT.get(text) ?? text;
}

const PRINTED = new Map([...SHORT].map(([printed, short]) => [short, printed]));

/** The release's wording of a short label (for the source panel), if the text is one. */
export function printedLabel(short: string): string | undefined {
  return PRINTED.get(short);
}
