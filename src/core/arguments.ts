import type { StatementId } from "../data/types";
import { KcError } from "./errors";
import { describe } from "./periods";
import { closest, labelKey, quote } from "./text";

/**
 * A fixed vocabulary for a text argument: what analysts type (compared as label keys, in a Map, so
 * that no word of JavaScript's own such as "constructor" can match) mapped to the value; a miss
 * names the closest choice and all of them, or says what a word means where it is no choice.
 */
export class Vocabulary<T> {
  private readonly byKey = new Map<string, T>();
  private readonly hints = new Map<string, string>();
  private readonly fallback: T | undefined;

  /**
   * @param groups each value with the words that mean it
   * @param expected the choices a message lists
   * @param options `fallback` for an empty argument; `hints`: words that are no choice, with why
   */
  constructor(
    private readonly what: string,
    groups: readonly (readonly [T, readonly string[]])[],
    private readonly expected: readonly string[],
    options: { fallback?: T; hints?: readonly (readonly [readonly string[], string])[] } = {}
  ) {
    for (const [value, words] of groups) for (const w of words) this.byKey.set(labelKey(w), value);
    for (const [words, hint] of options.hints ?? [])
      for (const w of words) this.hints.set(labelKey(w), hint);
    this.fallback = options.fallback;
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
    const key = labelKey(input);
    const found = this.byKey.get(key);
    if (found !== undefined) return found;
    const typed = quote(input.trim());
    const hint = this.hints.get(key);
    if (hint !== undefined) throw new KcError("#VALUE!", `${typed} is no ${this.what}: ${hint}`);
    const guess = closest(input, this.expected) ?? closest(input, [...this.byKey.keys()]);
    throw new KcError(
      "#VALUE!",
      `Unknown ${this.what} ${typed}; ${guess ? `did you mean "${guess}"? ` : ""}Expected ${this.expected.join(", ")}`
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
