/** What users see, written out by hand: the tests compare the product against these lists. */

/** The model's tabs, in workbook order. */
export const TAB_TITLES = [
  "KC Dashboard",
  "KC Income Statement",
  "KC Balance Sheet",
  "KC Cash Flow",
  "KC Non-GAAP Reconciliation",
  "KC Segments & Margins",
  "KC Operating Figures",
  "KC Estimates",
  "KC Valuation",
  "KC Checks",
];
