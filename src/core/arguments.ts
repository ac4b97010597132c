import type { StatementId } from "../domain/dataset";
import { Vocabulary } from "../domain/vocabulary";

export type Segment = "total" | "public" | "enterprise";

export const SEGMENT_ITEMS: Record<Segment, string> = {
  total: "revenue.total",
  public: "revenue.public",
  enterprise: "revenue.enterprise",
};

const SEGMENTS = new Vocabulary<Segment>(
  "segment",
  [
    ["total", ["total", "all", "total revenues", "total revenue"]],
    ["public", ["public", "public cloud", "public cloud services"]],
    ["enterprise", ["enterprise", "enterprise cloud", "enterprise cloud services"]],
  ],
  ["total", "public", "enterprise"],
  {
    fallback: "total",
    hints: [
      [
        ["AI", "AI business", "AI cloud", "AI revenue", "AI revenues"],
        'the release reports its AI business within public cloud and gives only the growth of its gross billing (KC.GROWTH("AI gross billing")); segments are total, public, enterprise',
      ],
    ],
  }
);

export function parseSegment(input: unknown): Segment {
  return SEGMENTS.parse(input);
}

export type Basis = "yoy" | "qoq";

const BASES = new Vocabulary<Basis>(
  "basis",
  [
    ["yoy", ["yoy", "y/y", "year-over-year", "year over year", "year", "annual"]],
    [
      "qoq",
      ["qoq", "q/q", "quarter-over-quarter", "quarter over quarter", "quarter", "sequential"],
    ],
  ],
  ["YoY", "QoQ"],
  { fallback: "yoy" }
);

export function parseBasis(input: unknown): Basis {
  return BASES.parse(input);
}

/** Which growth KC.GROWTH gives: computed exactly from the figures, or as the release states it. */
export type Figure = "exact" | "reported";

const FIGURES = new Vocabulary<Figure>(
  "figure",
  [
    ["exact", ["exact", "computed", "calculated"]],
    ["reported", ["reported", "as reported", "stated", "printed"]],
  ],
  ["exact", "reported"],
  { fallback: "exact" }
);

export function parseFigure(input: unknown): Figure {
  return FIGURES.parse(input);
}

/**
 * Which release's figure KC.VALUE gives where two printed the same period: the latest release's
 * (restated, if it restated), or the one first reported.
 */
export type Report = "latest" | "first";

const REPORTS = new Vocabulary<Report>(
  "report",
  [
    ["latest", ["latest", "latest release", "restated", "as restated", "current"]],
    ["first", ["first", "first reported", "as first reported", "original", "originally reported"]],
  ],
  ["latest", "first"],
  { fallback: "latest" }
);

export function parseReport(input: unknown): Report {
  return REPORTS.parse(input);
}

export const STATEMENTS: StatementId[] = [
  "income_statement",
  "balance_sheet",
  "cash_flow",
  "non_gaap",
  "operating",
];

const STATEMENT_NAMES = new Vocabulary<StatementId>(
  "statement",
  [
    [
      "income_statement",
      [
        "income_statement",
        "income statement",
        "income",
        "is",
        "p&l",
        "comprehensive loss",
        "statement of comprehensive loss",
      ],
    ],
    ["balance_sheet", ["balance_sheet", "balance sheet", "balance", "bs"]],
    ["cash_flow", ["cash_flow", "cash flow", "cashflow", "cash flows", "cf"]],
    ["non_gaap", ["non_gaap", "non-gaap", "nongaap", "ng", "reconciliation", "recon"]],
    ["operating", ["operating", "prose", "other"]],
  ],
  STATEMENTS
);

export function parseStatement(input: unknown): StatementId {
  return STATEMENT_NAMES.parse(input);
}
