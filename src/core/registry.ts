import type { Item, ItemKind } from "../domain/dataset";
import { KcError } from "../domain/errors";
import { STATEMENTS } from "./arguments";
import type { Answer } from "./financials";
import { Cell, Explained, KcFormulas, Matrix, describeFact, describeSource } from "./formulas";

/**
 * The KC functions, declared once, in the style of a formula engine's function plugins: each
 * function's parameters, the shape of its result, its implementation and how it is traced. Every
 * face follows from this list: the command line's formula engine registers it, the source panel
 * traces through it, the README's reference and the formula builder are written from it, and the
 * property tests fuzz it. Excel's metadata comes from the JSDoc wrappers in src/functions (the
 * generator reads comments, not code); a test holds the two together.
 */

/** What an argument is, which decides how it is read (and what a fuzzer types into it). */
export type ParamKind =
  | "item"
  | "metric"
  | "period"
  | "currency"
  | "unit"
  | "segment"
  | "basis"
  | "figure"
  | "statement"
  | "report";

/** A well-formed argument of each kind: what tests, benchmarks and examples type by default. */
export const TYPICAL: Readonly<Record<ParamKind, string>> = {
  item: "revenue.total",
  metric: "EBITDA",
  period: "LQ",
  currency: "RMB",
  unit: "thousands",
  segment: "total",
  basis: "YoY",
  figure: "exact",
  statement: "IS",
  report: "latest",
};

export interface KcParam {
  /** As Excel's argument help names it (the JSDoc @param). */
  readonly name: string;
  readonly kind: ParamKind;
  readonly optional: boolean;
  /** A repeating parameter takes any number of values; no KC function has one today. */
  readonly repeating: boolean;
  /** The kinds of line item the argument applies to, where not all (a count takes no currency). */
  readonly appliesTo?: readonly ItemKind[];
}

type Args = readonly unknown[];

/** How a number result reads: an amount or count with its unit, a fraction, or the rate. */
export type Shows = "figure" | "fraction" | "rate";

export type KcResult =
  | {
      readonly shape: "number";
      readonly shows: Shows;
      /** The exact figure with what it stands on; Excel gets it as a double. */
      readonly explain: (k: KcFormulas, a: Args) => Explained;
    }
  | {
      readonly shape: "text";
      readonly text: (k: KcFormulas, a: Args) => string;
      /** The answer the text is about. */
      readonly about: (k: KcFormulas, a: Args) => Answer;
    }
  | {
      readonly shape: "spill";
      readonly spill: (k: KcFormulas, a: Args) => Matrix;
      /** Argument lists that, between them, reach the largest array the function can spill. */
      readonly bounds: (k: KcFormulas) => Args[];
      /** The printed figures the array shows, where it shows figures of the release. */
      readonly grounds?: (k: KcFormulas, a: Args) => Answer[];
      /** What the array lists, where it lists no figure (said by the trace). */
      readonly lists?: string;
    };

export interface KcFunction {
  /** The id after "KC.", as Excel registers it. */
  readonly id: string;
  readonly params: readonly KcParam[];
  readonly result: KcResult;
}

const param = (
  name: string,
  kind: ParamKind,
  optional = true,
  appliesTo?: readonly ItemKind[]
): KcParam => ({ name, kind, optional, repeating: false, ...(appliesTo ? { appliesTo } : {}) });

/** Currency applies to money (amounts and per-share figures); unit to amounts only. */
const MONEY: readonly ItemKind[] = ["amount", "per_share"];
const AMOUNTS: readonly ItemKind[] = ["amount"];

const answered = (answer: Answer): Explained => ({
  value: answer.value,
  answers: [answer],
  facts: [],
});

/** The KC functions, in the order Excel lists them. */
export const KC_FUNCTIONS: readonly KcFunction[] = [
  {
    id: "VALUE",
    params: [
      param("item", "item", false),
      param("period", "period"),
      param("currency", "currency", true, MONEY),
      param("unit", "unit", true, AMOUNTS),
      param("report", "report"),
    ],
    result: {
      shape: "number",
      shows: "figure",
      explain: (k, a) =>
        answered(
          a[4] === undefined
            ? k.fin.value(a[0], a[1], a[2], a[3])
            : k.fin.valueReported(a[0], a[1], a[2], a[3], a[4])
        ),
    },
  },
  {
    id: "REVENUE",
    params: [
      param("period", "period"),
      param("segment", "segment"),
      param("currency", "currency"),
      param("unit", "unit"),
    ],
    result: {
      shape: "number",
      shows: "figure",
      explain: (k, a) => answered(k.revenueAnswer(a[0], a[1], a[2], a[3])),
    },
  },
  {
    id: "NONGAAP",
    params: [
      param("metric", "metric", false),
      param("period", "period"),
      param("currency", "currency"),
      param("unit", "unit"),
    ],
    result: {
      shape: "number",
      shows: "figure",
      explain: (k, a) => answered(k.nonGaapAnswer(a[0], a[1], a[2], a[3])),
    },
  },
  {
    id: "GROWTH",
    params: [
      param("item", "item", false),
      param("period", "period"),
      param("basis", "basis"),
      param("figure", "figure"),
    ],
    result: {
      shape: "number",
      shows: "fraction",
      explain: (k, a) => k.growthExplained(a[0], a[1], a[2], a[3]),
    },
  },
  {
    id: "MARGIN",
    params: [param("item", "item", false), param("period", "period")],
    result: {
      shape: "number",
      shows: "fraction",
      explain: (k, a) => k.marginExplained(a[0], a[1]),
    },
  },
  {
    id: "SERIES",
    params: [param("item", "item", false), param("currency", "currency"), param("unit", "unit")],
    result: {
      shape: "spill",
      spill: (k, a) => k.series(a[0], a[1], a[2]),
      bounds: (k) => k.fin.catalogue.items.map((i) => [i.id]),
      grounds: (k, a) => k.seriesAnswers(a[0], a[1], a[2]),
    },
  },
  {
    id: "TABLE",
    params: [
      param("statement", "statement", false),
      param("currency", "currency"),
      param("unit", "unit"),
    ],
    result: {
      shape: "spill",
      spill: (k, a) => k.table(a[0], a[1], a[2]),
      bounds: () => STATEMENTS.map((s) => [s]),
      lists:
        "a whole statement; each of its figures is the one KC.VALUE gives for its line and period",
    },
  },
  {
    id: "PERIODS",
    params: [],
    result: {
      shape: "spill",
      spill: (k) => k.periods(),
      bounds: () => [[]],
      lists: "the periods the dataset covers, with their end dates; no figure of the release",
    },
  },
  {
    id: "ITEMS",
    params: [param("statement", "statement")],
    result: {
      shape: "spill",
      spill: (k, a) => k.items(a[0]),
      bounds: () => [[], ...STATEMENTS.map((s) => [s])],
      lists: "the line items and the names that find them; no figure of the release",
    },
  },
  {
    id: "SOURCE",
    params: [
      param("item", "item", false),
      param("period", "period"),
      param("currency", "currency"),
      param("report", "report"),
    ],
    result: {
      shape: "text",
      text: (k, a) => k.source(a[0], a[1], a[2], a[3]),
      about: (k, a) => k.fin.valueReported(a[0], a[1], a[2], undefined, a[3]),
    },
  },
  {
    id: "FXRATE",
    params: [],
    result: { shape: "number", shows: "rate", explain: (k) => k.rateExplained() },
  },
];

/** Every argument of the function, well-formed (TYPICAL). */
export function typicalArguments(fn: KcFunction): string[] {
  return fn.params.map((p) => TYPICAL[p.kind]);
}

const BY_ID = new Map(KC_FUNCTIONS.map((f) => [f.id, f]));

/** The function with this id ("VALUE"), as typed in a formula after "KC." (any case). */
export function kcFunction(id: string): KcFunction | undefined {
  return BY_ID.get(id.toUpperCase());
}

/** The function a KC call names; a call of another name is a bug of the caller's, not the user's. */
function known(id: string): KcFunction {
  const fn = kcFunction(id);
  if (!fn) throw new KcError("#VALUE!", `There is no KC.${id}; the KC functions are ${ids()}`);
  return fn;
}

function ids(): string {
  return KC_FUNCTIONS.map((f) => `KC.${f.id}`).join(", ");
}

/** Excel wants numbers as doubles; the exact Decimal is rounded only here, at the very end. */
export function runKc(k: KcFormulas, id: string, args: Args): Cell | Matrix {
  const r = known(id).result;
  switch (r.shape) {
    case "number":
      return r.explain(k, args).value.toNumber();
    case "text":
      return r.text(k, args);
    case "spill":
      return r.spill(k, args);
  }
}

/** The exact figure of a KC function that returns a number (the model computes with it). */
export function explainKc(k: KcFormulas, id: string, args: Args): Explained {
  const r = known(id).result;
  if (r.shape !== "number") throw new KcError("#VALUE!", `KC.${id} does not return a number`);
  return r.explain(k, args);
}

/** What a KC call shows and what it stands on: the trace of the source panel. */
export interface KcTrace {
  /** Exactly what the function returns for these arguments (or its error). */
  result: Cell | Matrix | KcError;
  shows: Shows | "text" | "array";
  /** The answer a figure or text is about: its unit and currency, for showing it. */
  answer?: Answer;
  /** Where each printed figure it stands on is in the release, one line each. */
  sources: string[];
}

export function traceKc(k: KcFormulas, id: string, args: Args): KcTrace {
  const r = known(id).result;
  const shows = r.shape === "number" ? r.shows : r.shape === "text" ? "text" : "array";
  try {
    switch (r.shape) {
      case "number": {
        const e = r.explain(k, args);
        return {
          result: e.value.toNumber(),
          shows,
          answer: e.answers.length === 1 && e.facts.length === 0 ? e.answers[0] : undefined,
          sources: sourcesOf(k, e.answers, e.facts, e.notes),
        };
      }
      case "text": {
        const text = r.text(k, args);
        return { result: text, shows, sources: sourcesOf(k, [r.about(k, args)], []) };
      }
      case "spill": {
        const array = r.spill(k, args);
        const sources = r.grounds ? sourcesOf(k, r.grounds(k, args), []) : [];
        if (r.lists) sources.push(`KC.${id} lists ${r.lists}`);
        return { result: array, shows, sources };
      }
    }
  } catch (e) {
    if (e instanceof KcError) return { result: e, shows, sources: [] };
    throw e;
  }
}

function sourcesOf(
  k: KcFormulas,
  answers: readonly Answer[],
  facts: Explained["facts"],
  notes: readonly string[] = []
): string[] {
  return [
    ...answers.map((a) => describeSource(k.fin, a)),
    ...facts.map((f) => describeFact(k.fin, f)),
    ...notes,
  ];
}

/**
 * The arguments of a KC.VALUE call for this item, each written out as far as it applies: an
 * amount takes currency and unit, a per-share figure only currency, counts and percentages
 * neither (trailing arguments only, so that positions never shift).
 */
export function valueArguments(item: Item, ...values: string[]): string[] {
  const params = (kcFunction("VALUE") as KcFunction).params;
  const out: string[] = [];
  for (let k = 0; k < params.length && k < values.length; k++) {
    const applies = params[k].appliesTo;
    if (applies && !applies.includes(item.kind)) break;
    out.push(values[k]);
  }
  return out;
}
