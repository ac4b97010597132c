import type { Currency, Fact } from "../../domain/dataset";
import {
  Quarter,
  quarterEnd,
  quarterEndingOn,
  quarterId,
  quarterIndex,
  shiftQuarter,
} from "../../domain/periods";
import { IngestError } from "./errors";
import { ADS_ITEM, PROSE_ITEMS } from "./prose-lexicon";
import { Figure, Paragraph, PeriodCue, Token, toFigure } from "./prose-tokens";

/**
 * The prose read as a reducer: a sentence's tokens fold, one small transition per kind of token,
 * into what the sentence states (its subject, the figures given of it and the changes stated);
 * at the sentence's end what it states becomes facts. Each transition returns a new state and
 * changes none it is given.
 */

export interface ProseContext {
  release: Quarter;
  /** Item kinds of table items, so that prose figures can be checked against what they restate. */
  tableKinds: Map<string, string>;
}

/** The metric a sentence talks about ("Revenues from public cloud services"). */
export interface Subject {
  items: string[];
  phrase: string;
  line: number;
  polarity?: "loss" | "profit";
}

/** A change stated in words: "increased by 37.2% year-over-year". */
export interface Change {
  subject: Subject;
  up: boolean;
  value: string;
  points: boolean;
  basis?: "yoy" | "qoq";
  printed: string;
  line: number;
}

/** Figures given of the subject together: "RMB2,703.7 million (US$392.0 million)". */
export interface Group {
  subject: Subject;
  item?: string;
  role: "prior" | "current" | null;
  figures: Figure[];
  kind: "money" | "percent" | "count";
  cue?: PeriodCue;
  polarity?: "loss" | "profit";
  /** The stated change this figure is the base of ("increased by 8.7% from RMB316.1 million"). */
  change?: Change;
}

/** What a sentence has stated so far. */
export interface Sentence {
  subject: Subject | null;
  groups: readonly Group[];
  changes: readonly Change[];
  /** The group a period cue, or a US$ figure in brackets, attaches to. */
  last: Group | null;
  /** The change a basis word ("year-over-year") right after it belongs to. */
  lastChange: Change | null;
  /** "from" (prior) or "to" (current), for the next figure. */
  role: "prior" | "current" | null;
  /** "operating profit of", for the next figure. */
  polarity?: "loss" | "profit";
}

/** What the prose states beyond its sentences' figures. */
export interface Statements {
  rates: { value: string; date: string; line: number; printed: string }[];
  tickers: { exchange: string; code: string; line: number }[];
  statedQuarter?: { quarter: Quarter; line: number };
}

export interface Reading extends Statements {
  sentence: Sentence;
}

/** Where a token stands: its line, the text between it and the token before, its paragraph. */
export interface At {
  line: number;
  gap: string;
  paragraph: Paragraph;
  release: Quarter;
}

export const EMPTY_SENTENCE: Sentence = {
  subject: null,
  groups: [],
  changes: [],
  last: null,
  lastChange: null,
  role: null,
};

type Transition<K extends Token["kind"]> = (
  r: Reading,
  tok: Extract<Token, { kind: K }>,
  at: At
) => Reading;

const withSentence = (r: Reading, change: Partial<Sentence>): Reading => ({
  ...r,
  sentence: { ...r.sentence, ...change },
});

const ignore: Transition<"ignore"> = (r) => r;

const rate: Transition<"rate"> = (r, tok, at) => ({
  ...r,
  rates: [
    ...r.rates,
    {
      value: tok.value,
      date: tok.date ?? quarterEnd(at.release),
      line: at.line,
      printed: tok.printed,
    },
  ],
});

const ticker: Transition<"ticker"> = (r, tok, at) => ({
  ...r,
  tickers: [...r.tickers, { exchange: tok.exchange, code: tok.code, line: at.line }],
});

/** "First Quarter 2026": the first statement is the one that counts. */
const stated: Transition<"stated"> = (r, tok, at) =>
  r.statedQuarter
    ? r
    : {
        ...r,
        statedQuarter: {
          quarter: { year: tok.year, quarter: tok.quarter as Quarter["quarter"] },
          line: at.line,
        },
      };

const metric: Transition<"metric"> = (r, tok, at) =>
  withSentence(r, {
    subject: { items: tok.items, phrase: tok.text, line: at.line, polarity: polarityOf(tok.text) },
    last: null,
    lastChange: null,
  });

const change: Transition<"change"> = (r, tok, at) => {
  const subject = r.sentence.subject;
  if (!subject)
    throw new IngestError(at.line, `"${tok.text}" has no metric before it in its sentence`);
  const c: Change = {
    subject,
    up: tok.up,
    value: tok.value,
    points: tok.points,
    basis: tok.basis,
    printed: tok.text,
    line: at.line,
  };
  return withSentence(r, { changes: [...r.sentence.changes, c], lastChange: c, last: null });
};

/** "year-over-year" right after a change (commas and spaces between) says which change it is. */
const basis: Transition<"basis"> = (r, tok, at) => {
  const old = r.sentence.lastChange;
  if (!old || old.basis || !/^[\s,]*$/.test(at.gap)) return r;
  const c = { ...old, basis: tok.basis };
  return withSentence(r, {
    changes: r.sentence.changes.map((x) => (x === old ? c : x)),
    groups: r.sentence.groups.map((g) => (g.change === old ? { ...g, change: c } : g)),
    lastChange: c,
  });
};

const role: Transition<"role"> = (r, tok) => withSentence(r, { role: tok.role });

const polarity: Transition<"polarity"> = (r, tok) => withSentence(r, { polarity: tok.polarity });

/** A period cue dates the figures just given ("... in the same quarter of 2025"). */
const cue: Transition<"cue"> = (r, tok) => {
  const last = r.sentence.last;
  if (!last || last.cue) return r;
  return replaceLast(r, { ...last, cue: tok.cue });
};

const points: Transition<"points"> = (_r, tok, at) => {
  throw new IngestError(at.line, `"${tok.text}" has no change word ("increased by") before it`);
};

/**
 * A figure: the US$ one in brackets after an RMB one joins it ("RMB2,703.7 million (US$392.0
 * million)"); any other starts a group of its own, of the sentence's subject.
 */
function figure(
  r: Reading,
  tok: Extract<Token, { kind: "money" | "percent" | "count" }>,
  at: At
): Reading {
  const f = toFigure(tok, at.line, at.paragraph);
  const s = r.sentence;
  const prev = s.last;
  if (
    tok.kind === "money" &&
    tok.currency === "USD" &&
    prev?.kind === "money" &&
    prev.figures.length === 1 &&
    prev.figures[0].currency === "RMB" &&
    /^\s*\(\s*$/.test(at.gap)
  ) {
    return replaceLast(r, { ...prev, figures: [...prev.figures, f] });
  }
  if (!s.subject)
    throw new IngestError(at.line, `"${tok.text}" has no metric before it in its sentence`);
  const g: Group = {
    subject: s.subject,
    role: s.role,
    figures: [f],
    kind: tok.kind,
    polarity: s.polarity,
    item: tok.kind === "count" && tok.ads ? ADS_ITEM : undefined,
    change: s.role === "prior" ? (s.lastChange ?? undefined) : undefined,
  };
  return withSentence(r, {
    groups: [...s.groups, g],
    last: g,
    role: null,
    polarity: undefined,
  });
}

function replaceLast(r: Reading, g: Group): Reading {
  const last = r.sentence.last;
  return withSentence(r, {
    groups: r.sentence.groups.map((x) => (x === last ? g : x)),
    last: g,
  });
}

const TRANSITIONS: { [K in Token["kind"]]: Transition<K> } = {
  ignore,
  rate,
  ticker,
  stated,
  metric,
  change,
  basis,
  role,
  polarity,
  cue,
  points,
  money: figure,
  percent: figure,
  count: figure,
};

/** One token read: the transition of its kind. */
export function step(r: Reading, tok: Token, at: At): Reading {
  return (TRANSITIONS[tok.kind] as Transition<Token["kind"]>)(r, tok as never, at);
}

const PROSE_DEFS = new Map(PROSE_ITEMS.map((d) => [d.id, d]));

/**
 * The facts a finished sentence states: each change (its basis from the period it is measured
 * from, where the text does not say), then each group's figures, dated by its cue or its role.
 */
export function sentenceFacts(s: Sentence, ctx: ProseContext): Fact[] {
  const release = quarterId(ctx.release);
  const facts: Fact[] = [];
  for (const c of s.changes) {
    const item = single(c.subject, c.line);
    facts.push({
      item,
      period: release,
      currency: null,
      value: (c.up ? "" : "-") + c.value,
      unit: c.points ? "percentage_points" : "percent",
      basis: basisOf(c, s.groups, ctx),
      source: "prose",
      prov: { release, row: c.subject.phrase, line: c.line, printed: c.printed },
    });
  }
  // A phrase that names two metrics ("Fulfillment costs and other costs") gives them in turn.
  const given = new Map<Subject, number>();
  for (const g of s.groups) {
    const turn = given.get(g.subject) ?? 0;
    if (g.role !== "prior") given.set(g.subject, turn + 1);
    const item =
      g.item ??
      g.subject.items[g.role === "prior" ? 0 : Math.min(turn, g.subject.items.length - 1)];
    facts.push(...groupFacts(g, item, s.groups, ctx));
  }
  return facts;
}

/** The basis of a change: as stated, or from the period of the figure it is measured from. */
function basisOf(c: Change, groups: readonly Group[], ctx: ProseContext): "yoy" | "qoq" {
  const base = groups.find((g) => g.change === c && g.cue);
  let basis = c.basis;
  if (base) {
    const prior = periodOf(base.cue, 0, "", c.line, ctx);
    const diff = quarterIndex(ctx.release) - quarterIndex(parseQ(prior, c.line));
    const implied = diff === 4 ? "yoy" : diff === 1 ? "qoq" : undefined;
    if (c.basis && implied !== c.basis) {
      throw new IngestError(
        c.line,
        `"${c.printed}" is stated ${c.basis === "yoy" ? "year-over-year" : "quarter-over-quarter"} but compared with ${prior}`
      );
    }
    basis = implied;
  }
  if (!basis) {
    throw new IngestError(
      c.line,
      `cannot tell whether "${c.printed}" (${c.subject.phrase}) is year-over-year or quarter-over-quarter`
    );
  }
  return basis;
}

function groupFacts(g: Group, item: string, groups: readonly Group[], ctx: ProseContext): Fact[] {
  const release = quarterId(ctx.release);
  const kind = PROSE_DEFS.get(item)?.kind ?? ctx.tableKinds.get(item);
  const first = g.figures[0];
  if (g.kind === "percent" && kind !== "percent") {
    throw new IngestError(
      first.line,
      `"${first.printed}" follows ${g.subject.phrase}, which is not a percentage, and no change word ("increased by") precedes it`
    );
  }
  if (g.kind === "money" && kind !== "amount" && kind !== "per_share") {
    throw new IngestError(
      first.line,
      `"${first.printed}" is an amount but ${g.subject.phrase} is not measured in money`
    );
  }
  // Every figure of the group: a US$ figure in parentheses has its own scale word.
  const unscaled = g.figures.find((f) => f.unit === "units");
  if (g.kind === "money" && kind === "amount" && unscaled) {
    throw new IngestError(
      unscaled.line,
      `"${unscaled.printed}" has no scale; amounts in the prose read "RMB1.8 million"`
    );
  }
  let fallback = 0;
  if (g.role === "prior") {
    const basis = g.change ? basisOf(g.change, groups, ctx) : undefined;
    if (!g.cue && !basis) {
      throw new IngestError(
        first.line,
        `cannot tell which period "${first.printed}" (${g.subject.phrase}) belongs to`
      );
    }
    fallback = basis === "qoq" ? -1 : -4;
  }
  const period = periodOf(g.cue, fallback, item, first.line, ctx);
  const pol = g.polarity ?? g.subject.polarity;
  return g.figures.map((f) => {
    const fact: Fact = {
      item,
      period,
      currency: f.currency as Currency | null,
      value: f.value,
      unit: f.unit,
      basis: "level",
      source: "prose",
      prov: { release, row: g.subject.phrase, line: f.line, printed: f.printed },
    };
    if (f.footnote) fact.prov.footnote = f.footnote;
    if (pol && (kind === "amount" || kind === "per_share")) fact.polarity = pol;
    return fact;
  });
}

/** The period a figure is of: its cue, else `fallback` quarters from the release's. */
function periodOf(
  cue: PeriodCue | undefined,
  fallback: number,
  item: string,
  line: number,
  ctx: ProseContext
): string {
  const instant = item.startsWith("bs.") || Boolean(PROSE_DEFS.get(item)?.instant);
  let q: Quarter;
  if (!cue) q = shiftQuarter(ctx.release, fallback);
  else if (cue.kind === "date") {
    if (instant) return cue.iso;
    const ended = quarterEndingOn(cue.iso);
    if (!ended)
      throw new IngestError(
        line,
        `${cue.iso} is not a quarter end, so it cannot date a quarter's figure`
      );
    q = ended;
  } else if (cue.kind === "offset") q = shiftQuarter(ctx.release, cue.by);
  else if (cue.kind === "yearOf") q = { year: cue.year, quarter: ctx.release.quarter };
  else {
    const year =
      cue.year === "last" ? ctx.release.year - 1 : cue.year === 0 ? ctx.release.year : cue.year;
    q = { year, quarter: cue.quarter as Quarter["quarter"] };
  }
  return instant ? quarterEnd(q) : quarterId(q);
}

function parseQ(id: string, line: number): Quarter {
  const m = /^(\d{4})Q([1-4])$/.exec(id);
  if (!m) throw new IngestError(line, `expected a quarter, found ${id}`);
  return { year: Number(m[1]), quarter: Number(m[2]) as Quarter["quarter"] };
}

function single(subject: Subject, line: number): string {
  if (subject.items.length !== 1) {
    throw new IngestError(
      line,
      `a change is stated for "${subject.phrase}", which names more than one metric`
    );
  }
  return subject.items[0];
}

function polarityOf(phrase: string): "loss" | "profit" | undefined {
  const loss = /\bloss\b/i.test(phrase);
  const profit = /\bprofit\b/i.test(phrase);
  return loss && !profit ? "loss" : profit && !loss ? "profit" : undefined;
}
