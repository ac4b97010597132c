import type { Currency, Fact, PrintedUnit } from "../../domain/dataset";
import { decimalPlaces } from "../../domain/decimal";
import {
  Quarter,
  isoDate,
  quarterEnd,
  quarterEndingOn,
  quarterId,
  quarterIndex,
  shiftQuarter,
} from "../../domain/periods";
import { IngestError } from "./errors";
import { SourceLine, clip } from "./layout";
import { ADS_ITEM, FX_ITEM, METRIC_PHRASES, PROSE_ITEMS, ProseItemDef } from "./prose-lexicon";

/**
 * Reads the figures out of the release's prose. Every digit in the prose must be accounted for:
 * a figure of a known metric, a period ("in the same quarter of 2025"), or something that is not a
 * financial figure (a date, a time, a phone number, a web address). Anything else stops ingest with
 * its line, so that no figure is silently dropped or misread.
 */

export interface ProseFigures {
  facts: Fact[];
  /** Prose-only items that received at least one figure. */
  items: ProseItemDef[];
  /** Every statement of a listing ("NASDAQ: KC"), in order (the release repeats them). */
  tickers: { exchange: string; code: string; line: number }[];
  /** The quarter the prose says the release is about ("First Quarter 2026"), with its line. */
  statedQuarter?: { quarter: Quarter; line: number };
  /** Every statement of the convenience rate (the release repeats it). */
  rates: { value: string; date: string; line: number; printed: string }[];
  footnotes: number;
}

export interface ProseContext {
  release: Quarter;
  /** Item kinds of table items, so that prose figures can be checked against what they restate. */
  tableKinds: Map<string, string>;
}

/** A printed number: 1,234.5 or 12.8 or 0.08, never with a leading zero (a sign of a garbled figure). */
const NUM = String.raw`(?:[1-9]\d{0,2}(?:,\d{3})+|[1-9]\d*|0)(?:\.\d+)?(?![\d,]*\d)`;
const MONTH =
  "January|February|March|April|May|June|July|August|September|October|November|December";
const MONTHS = MONTH.split("|");
const ORDINALS = ["first", "second", "third", "fourth"];
const NOT_FOOTNOTE_WORDS = new Set(["RMB", "US", "USD", "HK", "HKD", "Q", "H", "FY"]);

type PeriodCue =
  | { kind: "offset"; by: number }
  | { kind: "yearOf"; year: number }
  | { kind: "ordinal"; quarter: number; year: number | "last" }
  | { kind: "date"; iso: string };

type Token = { start: number; end: number; text: string } & (
  | { kind: "ignore" }
  | { kind: "rate"; value: string; printed: string; date?: string }
  | { kind: "ticker"; exchange: string; code: string }
  | { kind: "stated"; quarter: number; year: number }
  | { kind: "cue"; cue: PeriodCue }
  | { kind: "change"; up: boolean; value: string; points: boolean; basis?: "yoy" | "qoq" }
  | { kind: "basis"; basis: "yoy" | "qoq" }
  | { kind: "money"; currency: Currency; value: string; scale?: "million" | "billion" }
  | { kind: "percent"; value: string }
  | { kind: "points"; value: string }
  | { kind: "count"; value: string; ads: boolean }
  | { kind: "role"; role: "prior" | "current" }
  | { kind: "polarity"; polarity: "loss" | "profit" }
  | { kind: "metric"; items: string[] }
);

type Rule = { pattern: RegExp; make: (m: RegExpExecArray) => Token | null };

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
type TokenBody = DistributiveOmit<Token, "start" | "end" | "text">;

const t = (m: RegExpExecArray, rest: TokenBody): Token =>
  ({ start: m.index, end: m.index + m[0].length, text: m[0], ...rest }) as Token;

function monthDate(month: string, day: string, year: string): string {
  return isoDate(Number(year), MONTHS.indexOf(month) + 1, Number(day));
}

const RULES: Rule[] = [
  { pattern: /\bExhibit\s+\d+(?:\.\d+)?/gi, make: (m) => t(m, { kind: "ignore" }) },
  { pattern: /https?:\/\/\S+/g, make: (m) => t(m, { kind: "ignore" }) },
  { pattern: /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g, make: (m) => t(m, { kind: "ignore" }) },
  {
    pattern: /\bTel:?\s*\+?[\d\s()-]{6,}(?:\s*Ext\.?\s*\d+)?/gi,
    make: (m) => t(m, { kind: "ignore" }),
  },
  { pattern: /\b\d{1,2}:\d{2}\s*(?:am|pm)\b/gi, make: (m) => t(m, { kind: "ignore" }) },
  {
    pattern: new RegExp(
      String.raw`(RMB\s?(\d+\.\d+)\s+to\s+US\$\s?1(?:\.0+)?)(?:,?\s+the noon buying rate in effect on (${MONTH}) (\d{1,2}), (\d{4}))?`,
      "g"
    ),
    make: (m) =>
      t(m, {
        kind: "rate",
        value: m[2],
        printed: m[1],
        date: m[3] ? monthDate(m[3], m[4], m[5]) : undefined,
      }),
  },
  {
    pattern: /\b(NASDAQ|HKEX):\s*([A-Z0-9]+)\b/g,
    make: (m) => t(m, { kind: "ticker", exchange: m[1], code: m[2] }),
  },
  {
    pattern: new RegExp(
      String.raw`\b(first|second|third|fourth) quarter(?: ended (?:${MONTH}) \d{1,2},)? (\d{4})`,
      "gi"
    ),
    make: (m) =>
      t(m, {
        kind: "stated",
        quarter: ORDINALS.indexOf(m[1].toLowerCase()) + 1,
        year: Number(m[2]),
      }),
  },
  {
    pattern: new RegExp(String.raw`\bas of (${MONTH}) (\d{1,2}), (\d{4})`, "g"),
    make: (m) => t(m, { kind: "cue", cue: { kind: "date", iso: monthDate(m[1], m[2], m[3]) } }),
  },
  {
    pattern: /\b(?:in|for|during) the same (?:quarter|period) (?:of|in) (\d{4})/gi,
    make: (m) => t(m, { kind: "cue", cue: { kind: "yearOf", year: Number(m[1]) } }),
  },
  {
    pattern: /\b(?:in|for|during) the same (?:quarter|period) (?:of )?last year/gi,
    make: (m) => t(m, { kind: "cue", cue: { kind: "offset", by: -4 } }),
  },
  {
    pattern: /\blast quarter\b/gi,
    make: (m) => t(m, { kind: "cue", cue: { kind: "offset", by: -1 } }),
  },
  {
    pattern:
      /\b(?:in|for|during) the (first|second|third|fourth) quarter (?:of (\d{4})|(?:of )?last year)/gi,
    make: (m) =>
      t(m, {
        kind: "cue",
        cue: {
          kind: "ordinal",
          quarter: ORDINALS.indexOf(m[1].toLowerCase()) + 1,
          year: m[2] ? Number(m[2]) : "last",
        },
      }),
  },
  {
    pattern: /\b(?:in )?this quarter\b/gi,
    make: (m) => t(m, { kind: "cue", cue: { kind: "offset", by: 0 } }),
  },
  {
    pattern: /\bin Q([1-4])\b/g,
    make: (m) => t(m, { kind: "cue", cue: { kind: "ordinal", quarter: Number(m[1]), year: 0 } }),
  },
  {
    pattern: new RegExp(
      String.raw`\b(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,\s+)?(?:on\s+)?(?:${MONTH}) \d{1,2}, \d{4}\b`,
      "g"
    ),
    make: (m) => t(m, { kind: "ignore" }),
  },
  {
    pattern: new RegExp(
      String.raw`\b(increased|decreased|grew|rose|declined|dropped|narrowed|widened)(?:\s+by)?\s+(${NUM})(%|\s+percentage points?)`,
      "gi"
    ),
    make: (m) =>
      t(m, {
        kind: "change",
        up: /^(increased|grew|rose|widened)$/i.test(m[1]),
        value: m[2].replace(/,/g, ""),
        points: m[3] !== "%",
      }),
  },
  {
    pattern: new RegExp(
      String.raw`\b(?:an?|the)\s+(?:(year-over-year|quarter-over-quarter)\s+)?(increase|decrease|growth|decline)\s+of\s+(${NUM})(%|\s+percentage points?)`,
      "gi"
    ),
    make: (m) =>
      t(m, {
        kind: "change",
        up: /^(increase|growth)$/i.test(m[2]),
        value: m[3].replace(/,/g, ""),
        points: m[4] !== "%",
        basis: m[1] ? (/^year/i.test(m[1]) ? "yoy" : "qoq") : undefined,
      }),
  },
  {
    pattern: /\b(year-over-year|quarter-over-quarter)\b/gi,
    make: (m) => t(m, { kind: "basis", basis: /^year/i.test(m[1]) ? "yoy" : "qoq" }),
  },
  {
    pattern: new RegExp(String.raw`(RMB|US\$)\s?(${NUM})(?:\s+(million|billion))?`, "g"),
    make: (m) =>
      t(m, {
        kind: "money",
        currency: m[1] === "RMB" ? "RMB" : "USD",
        value: m[2].replace(/,/g, ""),
        scale: m[3] as "million" | "billion" | undefined,
      }),
  },
  {
    pattern: new RegExp(String.raw`(${NUM})%`, "g"),
    make: (m) => t(m, { kind: "percent", value: m[1] }),
  },
  {
    pattern: new RegExp(String.raw`(${NUM})\s+percentage points?`, "g"),
    make: (m) => t(m, { kind: "points", value: m[1] }),
  },
  {
    pattern: /\b(\d{1,3}(?:,\d{3}){2,})(?:\s+(ADSs?)\b)?/g,
    make: (m) => t(m, { kind: "count", value: m[1].replace(/,/g, ""), ads: Boolean(m[2]) }),
  },
  { pattern: /\bfrom\s+(?=RMB|US\$)/g, make: (m) => t(m, { kind: "role", role: "prior" }) },
  { pattern: /\bto\s+(?=RMB|US\$)/g, make: (m) => t(m, { kind: "role", role: "current" }) },
  {
    pattern: /\b(?:compared with|and)\s+(?:an?\s+)?(?:operating\s+|net\s+)?(loss|profit)\s+of\b/gi,
    make: (m) => t(m, { kind: "polarity", polarity: m[1].toLowerCase() as "loss" | "profit" }),
  },
  ...METRIC_PHRASES.map((p): Rule => ({
    pattern: p.pattern,
    make: (m) => t(m, { kind: "metric", items: p.items }),
  })),
  { pattern: /\b(?:19|20)\d{2}\b/g, make: (m) => t(m, { kind: "ignore" }) },
  { pattern: /\b[QH][1-4]\b/g, make: (m) => t(m, { kind: "ignore" }) },
];

/** A paragraph of prose, possibly joined from lines a page break split mid-sentence. */
interface Paragraph {
  text: string;
  /** The text before footnote references were blanked out (same length, same offsets). */
  printed: string;
  parts: { offset: number; line: number }[];
  /** Footnote numbers glued to figures, by the offset of the figure's end. */
  footnoteAt: Map<number, number>;
}

function lineAt(p: Paragraph, offset: number): number {
  let line = p.parts[0].line;
  for (const part of p.parts) if (part.offset <= offset) line = part.line;
  return line;
}

function joinParagraphs(lines: SourceLine[]): Paragraph[] {
  const out: Paragraph[] = [];
  for (const l of lines) {
    const text = l.text.trim();
    if (!text || /^\[image:.*\]$/.test(text)) continue;
    const prev = out[out.length - 1];
    if (prev && !/[.!?:;”")]$/.test(prev.text) && /^[a-z]/.test(text)) {
      prev.parts.push({ offset: prev.text.length + 1, line: l.line });
      prev.text += ` ${text}`;
      prev.printed = prev.text;
    } else {
      out.push({
        text,
        printed: text,
        parts: [{ offset: 0, line: l.line }],
        footnoteAt: new Map(),
      });
    }
  }
  return out;
}

function tokenize(text: string): Token[] {
  const all: Token[] = [];
  RULES.forEach((rule) => {
    rule.pattern.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = rule.pattern.exec(text))) {
      const tok = rule.make(m);
      if (tok && tok.end > tok.start) all.push(tok);
      if (m[0].length === 0) rule.pattern.lastIndex++;
    }
  });
  all.sort((a, b) => a.start - b.start || b.end - b.start - (a.end - a.start));
  const kept: Token[] = [];
  let covered = 0;
  for (const tok of all) {
    if (tok.start >= covered) {
      kept.push(tok);
      covered = tok.end;
    }
  }
  return kept;
}

/**
 * Footnote references are digits glued to a word ("Non-GAAP gross profit2"), numbered in order of
 * first use. A reference glued to a figure cannot be told from a digit by its shape alone: it shows
 * as one decimal more than every other amount in millions ("US$392.01 million" is US$392.0 million
 * with footnote 1), and is accepted only where the numbering says footnote 1 must be.
 */
function stripFootnotes(paragraphs: Paragraph[], footnotes: number): void {
  type Ref = { para: number; start: number; n: number };
  const refs: Ref[] = [];
  paragraphs.forEach((p, para) => {
    p.text = p.text.replace(
      /\b([A-Za-z][A-Za-z-]*?)([1-9])(?=[\s,;:)]|\.(?!\d)|$)/g,
      (all, word: string, digit: string, at: number, text: string) => {
        const n = Number(digit);
        if (n > footnotes || NOT_FOOTNOTE_WORDS.has(word) || /:\/\/|@/.test(wordAround(text, at)))
          return all;
        refs.push({ para, start: at + word.length, n });
        return `${word} `;
      }
    );
  });
  const millionDecimals = new Map<number, number>();
  const amounts: { para: number; start: number; end: number; decimals: number }[] = [];
  paragraphs.forEach((p, para) => {
    const re = new RegExp(String.raw`(?:RMB|US\$)\s?(${NUM})\s+million`, "g");
    let m: RegExpExecArray | null;
    while ((m = re.exec(p.text))) {
      const numberEnd = m.index + m[0].indexOf(m[1]) + m[1].length;
      const decimals = decimalPlaces(m[1]);
      amounts.push({ para, start: m.index, end: numberEnd, decimals });
      millionDecimals.set(decimals, (millionDecimals.get(decimals) ?? 0) + 1);
    }
  });
  const usual = [...millionDecimals.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  const before = (a: { para: number; start: number }, b: { para: number; start: number }) =>
    a.para < b.para || (a.para === b.para && a.start < b.start);
  for (let n = 1; n <= footnotes; n++) {
    if (refs.some((r) => r.n === n)) continue;
    const after = refs.filter((r) => r.n < n).sort((a, b) => (before(a, b) ? 1 : -1))[0];
    const until = refs.filter((r) => r.n > n).sort((a, b) => (before(a, b) ? -1 : 1))[0];
    const candidates = amounts.filter(
      (a) =>
        usual !== undefined &&
        a.decimals === usual + 1 &&
        paragraphs[a.para].text[a.end - 1] === String(n) &&
        (!after || before(after, a)) &&
        (!until || before(a, until))
    );
    if (candidates.length === 1) {
      const c = candidates[0];
      const p = paragraphs[c.para];
      p.text = `${p.text.slice(0, c.end - 1)} ${p.text.slice(c.end)}`;
      p.footnoteAt.set(c.end - 1, n);
      refs.push({ para: c.para, start: c.end - 1, n });
    }
  }
}

interface Subject {
  items: string[];
  phrase: string;
  line: number;
  polarity?: "loss" | "profit";
  /** How many figures of a two-metric phrase have been given so far. */
  used: number;
}

interface Figure {
  currency: Currency | null;
  value: string;
  printed: string;
  unit: PrintedUnit;
  line: number;
  footnote?: number;
}

interface Group {
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

interface Change {
  subject: Subject;
  up: boolean;
  value: string;
  points: boolean;
  basis?: "yoy" | "qoq";
  printed: string;
  line: number;
  end: number;
}

const PROSE_DEFS = new Map(PROSE_ITEMS.map((d) => [d.id, d]));

export function readProse(lines: SourceLine[], ctx: ProseContext): ProseFigures {
  const paragraphs = joinParagraphs(lines);
  const footnotes = paragraphs.filter((p) => /^[·•]/.test(p.text)).length;
  stripFootnotes(paragraphs, footnotes);
  const out: ProseFigures = { facts: [], items: [], tickers: [], rates: [], footnotes };
  const release = quarterId(ctx.release);
  const used = new Set<string>();

  const kindOf = (item: string) => PROSE_DEFS.get(item)?.kind ?? ctx.tableKinds.get(item);
  const isInstant = (item: string) =>
    item.startsWith("bs.") || Boolean(PROSE_DEFS.get(item)?.instant);

  const resolve = (
    cue: PeriodCue | undefined,
    fallback: number,
    item: string,
    line: number
  ): string => {
    let q: Quarter;
    if (!cue) q = shiftQuarter(ctx.release, fallback);
    else if (cue.kind === "date") {
      if (isInstant(item)) return cue.iso;
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
    return isInstant(item) ? quarterEnd(q) : quarterId(q);
  };

  paragraphs.forEach((p) => {
    const tokens = tokenize(p.text);
    checkEveryDigitIsRead(p, tokens);
    const sentenceEnds = [...p.text.matchAll(/[.!?]["”]?\s+(?=[A-Z“"(·])/g)].map(
      (m) => m.index as number
    );
    const sentenceOf = (offset: number) => sentenceEnds.filter((e) => e < offset).length;
    let sentence = -1;
    let subject: Subject | null = null;
    let groups: Group[] = [];
    let changes: Change[] = [];
    let last: Group | null = null;
    let lastChange: Change | null = null;
    let role: "prior" | "current" | null = null;
    let polarity: "loss" | "profit" | undefined;
    let prevEnd = 0;

    const flush = () => {
      finishSentence(groups, changes);
      groups = [];
      changes = [];
      last = null;
      lastChange = null;
      role = null;
      polarity = undefined;
    };

    const finishSentence = (gs: Group[], cs: Change[]) => {
      for (const c of cs) {
        const base = gs.find((g) => g.change === c && g.cue);
        if (base) {
          const prior = resolve(base.cue, 0, "", c.line);
          const diff = quarterIndex(ctx.release) - quarterIndex(parseQ(prior, c.line));
          const implied = diff === 4 ? "yoy" : diff === 1 ? "qoq" : undefined;
          if (c.basis && implied !== c.basis) {
            throw new IngestError(
              c.line,
              `"${c.printed}" is stated ${c.basis === "yoy" ? "year-over-year" : "quarter-over-quarter"} but compared with ${prior}`
            );
          }
          c.basis = implied;
        }
        if (!c.basis) {
          throw new IngestError(
            c.line,
            `cannot tell whether "${c.printed}" (${c.subject.phrase}) is year-over-year or quarter-over-quarter`
          );
        }
        const item = single(c.subject, c.line);
        out.facts.push({
          item,
          period: release,
          currency: null,
          value: (c.up ? "" : "-") + c.value,
          unit: c.points ? "percentage_points" : "percent",
          basis: c.basis,
          source: "prose",
          prov: { release, row: c.subject.phrase, line: c.line, printed: c.printed },
        });
        used.add(item);
      }
      for (const g of gs) {
        const item =
          g.item ??
          g.subject.items[
            g.role === "prior" ? 0 : Math.min(g.subject.used++, g.subject.items.length - 1)
          ];
        const kind = kindOf(item);
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
          const basis = g.change?.basis;
          if (!g.cue && !basis) {
            throw new IngestError(
              first.line,
              `cannot tell which period "${first.printed}" (${g.subject.phrase}) belongs to`
            );
          }
          fallback = basis === "qoq" ? -1 : -4;
        }
        const period = resolve(g.cue, fallback, item, first.line);
        for (const f of g.figures) {
          const fact: Fact = {
            item,
            period,
            currency: f.currency,
            value: f.value,
            unit: f.unit,
            basis: "level",
            source: "prose",
            prov: { release, row: g.subject.phrase, line: f.line, printed: f.printed },
          };
          if (f.footnote) fact.prov.footnote = f.footnote;
          const pol = g.polarity ?? g.subject.polarity;
          if (pol && (kind === "amount" || kind === "per_share")) fact.polarity = pol;
          out.facts.push(fact);
        }
        used.add(item);
      }
    };

    for (const tok of tokens) {
      const s = sentenceOf(tok.start);
      if (s !== sentence) {
        flush();
        sentence = s;
        subject = null;
      }
      const line = lineAt(p, tok.start);
      const gap = p.text.slice(prevEnd, tok.start);
      prevEnd = tok.end;
      switch (tok.kind) {
        case "ignore":
          break;
        case "rate":
          out.rates.push({
            value: tok.value,
            date: tok.date ?? quarterEnd(ctx.release),
            line,
            printed: tok.printed,
          });
          break;
        case "ticker":
          out.tickers.push({ exchange: tok.exchange, code: tok.code, line });
          break;
        case "stated":
          out.statedQuarter ??= {
            quarter: { year: tok.year, quarter: tok.quarter as Quarter["quarter"] },
            line,
          };
          break;
        case "metric":
          subject = {
            items: tok.items,
            phrase: tok.text,
            line,
            polarity: polarityOf(tok.text),
            used: 0,
          };
          last = null;
          lastChange = null;
          break;
        case "change": {
          if (!subject)
            throw new IngestError(line, `"${tok.text}" has no metric before it in its sentence`);
          const c: Change = {
            subject,
            up: tok.up,
            value: tok.value,
            points: tok.points,
            basis: tok.basis,
            printed: tok.text,
            line,
            end: tok.end,
          };
          changes.push(c);
          lastChange = c;
          last = null;
          break;
        }
        case "basis":
          if (lastChange && !lastChange.basis && /^[\s,]*$/.test(gap)) lastChange.basis = tok.basis;
          break;
        case "role":
          role = tok.role;
          break;
        case "polarity":
          polarity = tok.polarity;
          break;
        case "cue":
          if (last && !last.cue) last.cue = tok.cue;
          break;
        case "points":
          throw new IngestError(
            line,
            `"${tok.text}" has no change word ("increased by") before it`
          );
        case "money":
        case "percent":
        case "count": {
          const figure = toFigure(tok, line, p);
          const prev = last as Group | null;
          if (
            tok.kind === "money" &&
            tok.currency === "USD" &&
            prev?.kind === "money" &&
            prev.figures.length === 1 &&
            prev.figures[0].currency === "RMB" &&
            /^\s*\(\s*$/.test(gap)
          ) {
            prev.figures.push(figure);
            break;
          }
          if (!subject)
            throw new IngestError(line, `"${tok.text}" has no metric before it in its sentence`);
          const g: Group = {
            subject,
            role,
            figures: [figure],
            kind: tok.kind,
            polarity,
            item: tok.kind === "count" && tok.ads ? ADS_ITEM : undefined,
            change: role === "prior" ? (lastChange ?? undefined) : undefined,
          };
          groups.push(g);
          last = g;
          role = null;
          polarity = undefined;
          break;
        }
      }
    }
    flush();
  });

  for (const r of out.rates) {
    out.facts.push({
      item: FX_ITEM,
      period: r.date,
      currency: null,
      value: r.value,
      unit: "RMB_per_USD",
      basis: "level",
      source: "prose",
      prov: { release, row: "RMB to US$1.00", line: r.line, printed: r.printed },
    });
    used.add(FX_ITEM);
  }
  out.items = PROSE_ITEMS.filter((d) => used.has(d.id));
  return out;
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

function toFigure(tok: Token, line: number, p: Paragraph): Figure {
  const printed = p.printed.slice(tok.start, tok.end);
  const footnote = [...p.footnoteAt].find(([at]) => at >= tok.start && at < tok.end)?.[1];
  const base = { value: "", printed, line, ...(footnote ? { footnote } : {}) };
  if (tok.kind === "money") {
    if (/^\d{4,}/.test(tok.value) && !printed.includes(",")) {
      throw new IngestError(
        line,
        `"${printed}" lacks its thousands separators; the release prints amounts as "RMB2,703.7 million"`
      );
    }
    const unit: PrintedUnit =
      tok.scale === "million" ? "millions" : tok.scale === "billion" ? "billions" : "units";
    return { ...base, currency: tok.currency, value: tok.value, unit };
  }
  if (tok.kind === "percent") return { ...base, currency: null, value: tok.value, unit: "percent" };
  if (tok.kind === "count")
    return { ...base, currency: null, value: tok.value, unit: tok.ads ? "ADSs" : "shares" };
  throw new IngestError(line, `"${tok.text}" is not a figure`);
}

function wordAround(text: string, at: number): string {
  const end = text.indexOf(" ", at);
  return text.slice(text.lastIndexOf(" ", at) + 1, end < 0 ? undefined : end);
}

function checkEveryDigitIsRead(p: Paragraph, tokens: Token[]): void {
  let k = 0;
  for (let i = 0; i < p.text.length; i++) {
    while (k < tokens.length && tokens[k].end <= i) k++;
    const inside = k < tokens.length && tokens[k].start <= i && i < tokens[k].end;
    if (!inside && /\d/.test(p.text[i])) {
      throw new IngestError(
        lineAt(p, i),
        `the prose figure "${clip(wordAround(p.text, i), 40)}" is not understood; name its metric in src/data/ingest/prose-lexicon.ts or fix the text`
      );
    }
  }
}
