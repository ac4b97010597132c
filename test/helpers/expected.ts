/** What users see, written out by hand: the tests compare the product against these lists. */

/** The custom functions, in the order Excel lists them. */
export const FUNCTION_IDS = [
  "VALUE",
  "REVENUE",
  "NONGAAP",
  "GROWTH",
  "MARGIN",
  "SERIES",
  "TABLE",
  "PERIODS",
  "ITEMS",
  "SOURCE",
  "FXRATE",
];

/** The model's tabs, in workbook order. */
export const TAB_TITLES = [
  "KC Income Statement",
  "KC Balance Sheet",
  "KC Cash Flow",
  "KC Non-GAAP Reconciliation",
  "KC Segments & Margins",
  "KC Operating Figures",
  "KC Checks",
];
