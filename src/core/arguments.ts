import type { StatementId } from "../data/types";
import { KcError } from "./errors";
import { describe } from "./periods";
import { closest, labelKey } from "./text";

/**
 * A fixed vocabulary for a text argument: what analysts type (compared without case or extra
 * spaces) mapped to the value; a miss names the closest choice and all of them.
 */
export class Vocabulary<T> {
  private readonly byKey = new Map<string, T>();

  constructor(
    private readonly what: string,
    names: Record<string, T>,
    private readonly expected: string[],
    private readonly fallback?: T
  ) {
    for (const [name, value] of Object.entries(names)) this.byKey.set(labelKey(name), value);
  }

  lookup(input: string): T | undefined {
    return this.byKey.get(labelKey(input));
  }

  parse(input: unknown): T {
    if ((input === undefined || input === null || input === "") && this.fallback !== undefined)
      return this.fallback;
    if (typeof input !== "string") {
      throw new KcError(
        "#VALUE!",
        `${capitalize(this.what)} must be text, not ${describe(input)}; expected ${this.expected.join(", ")}`
      );
    }
    const found = this.lookup(input);
    if (found !== undefined) return found;
    const guess = closest(input, this.expected) ?? closest(input, [...this.byKey.keys()]);
    throw new KcError(
      "#VALUE!",
      `Unknown ${this.what} "${input.trim()}"; ${guess ? `did you mean "${guess}"? ` : ""}Expected ${this.expected.join(", ")}`
    );
  }
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export type Segment = "total" | "public" | "enterprise";

export const SEGMENT_ITEMS: Record<Segment, string> = {
  total: "revenue.total",
  public: "revenue.public",
  enterprise: "revenue.enterprise",
};

const SEGMENTS = new Vocabulary<Segment>(
  "segment",
  {
    total: "total",
    all: "total",
    "total revenues": "total",
    public: "public",
    "public cloud": "public",
    "public cloud services": "public",
    enterprise: "enterprise",
    "enterprise cloud": "enterprise",
    "enterprise cloud services": "enterprise",
  },
  ["total", "public", "enterprise"],
  "total"
);

export function parseSegment(input: unknown): Segment {
  return SEGMENTS.parse(input);
}

export type Basis = "yoy" | "qoq";

const BASES = new Vocabulary<Basis>(
  "basis",
  {
    yoy: "yoy",
    "y/y": "yoy",
    "year-over-year": "yoy",
    year: "yoy",
    annual: "yoy",
    qoq: "qoq",
    "q/q": "qoq",
    "quarter-over-quarter": "qoq",
    quarter: "qoq",
    sequential: "qoq",
  },
  ["YoY", "QoQ"],
  "yoy"
);

export function parseBasis(input: unknown): Basis {
  return BASES.parse(input);
}

/** Which growth KC.GROWTH gives: computed exactly from the figures, or as the release states it. */
export type Figure = "exact" | "reported";

const FIGURES = new Vocabulary<Figure>(
  "figure",
  {
    exact: "exact",
    computed: "exact",
    calculated: "exact",
    reported: "reported",
    "as reported": "reported",
    stated: "reported",
    printed: "reported",
  },
  ["exact", "reported"],
  "exact"
);

export function parseFigure(input: unknown): Figure {
  return FIGURES.parse(input);
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
  {
    income_statement: "income_statement",
    "income statement": "income_statement",
    income: "income_statement",
    is: "income_statement",
    "p&l": "income_statement",
    "comprehensive loss": "income_statement",
    "statement of comprehensive loss": "income_statement",
    balance_sheet: "balance_sheet",
    "balance sheet": "balance_sheet",
    balance: "balance_sheet",
    bs: "balance_sheet",
    cash_flow: "cash_flow",
    "cash flow": "cash_flow",
    cashflow: "cash_flow",
    "cash flows": "cash_flow",
    cf: "cash_flow",
    non_gaap: "non_gaap",
    "non-gaap": "non_gaap",
    nongaap: "non_gaap",
    ng: "non_gaap",
    reconciliation: "non_gaap",
    recon: "non_gaap",
    operating: "operating",
    prose: "operating",
    other: "operating",
  },
  STATEMENTS
);

export function parseStatement(input: unknown): StatementId {
  return STATEMENT_NAMES.parse(input);
}
