import type { Currency, PrintedUnit } from "../../domain/dataset";
import { decimalPlaces } from "../../domain/decimal";
import { isoDate } from "../../domain/periods";
import { IngestError } from "./errors";
import { SourceLine, clip } from "./layout";
import { METRIC_PHRASES } from "./prose-lexicon";

/**
 * The release's prose as tokens: paragraphs joined across page breaks, footnote marks taken out,
 * and each span of text that carries a figure, a period, a metric's name or a word that gives a
 * figure its role read as one token. Every digit must end up inside a token
 * (checkEveryDigitIsRead): nothing is silently dropped.
 */

/** A figure as printed in the prose, with its unit and line. */
export interface Figure {
  currency: Currency | null;
  value: string;
  printed: string;
  unit: PrintedUnit;
  line: number;
  footnote?: number;
}

/** A printed number: 1,234.5 or 12.8 or 0.08, never with a leading zero (a sign of a garbled figure). */
const NUM = String.raw`(?:[1-9]\d{0,2}(?:,\d{3})+|[1-9]\d*|0)(?:\.\d+)?(?![\d,]*\d)`;
const MONTH =
  "January|February|March|April|May|June|July|August|September|October|November|December";
const MONTHS = MONTH.split("|");
const ORDINALS = ["first", "second", "third", "fourth"];
const NOT_FOOTNOTE_WORDS = new Set(["RMB", "US", "USD", "HK", "HKD", "Q", "H", "FY"]);

export type PeriodCue =
  | { kind: "offset"; by: number }
  | { kind: "yearOf"; year: number }
  | { kind: "ordinal"; quarter: number; year: number | "last" }
  | { kind: "date"; iso: string };

export type Token = { start: number; end: number; text: string } & (
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
export interface Paragraph {
  text: string;
  /** The text before footnote references were blanked out (same length, same offsets). */
  printed: string;
  parts: { offset: number; line: number }[];
  /** Footnote numbers glued to figures, by the offset of the figure's end. */
  footnoteAt: Map<number, number>;
}

export function lineAt(p: Paragraph, offset: number): number {
  let line = p.parts[0].line;
  for (const part of p.parts) if (part.offset <= offset) line = part.line;
  return line;
}

export function joinParagraphs(lines: SourceLine[]): Paragraph[] {
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

export function tokenize(text: string): Token[] {
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
export function stripFootnotes(paragraphs: Paragraph[], footnotes: number): void {
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

export function toFigure(tok: Token, line: number, p: Paragraph): Figure {
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

export function checkEveryDigitIsRead(p: Paragraph, tokens: Token[]): void {
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
