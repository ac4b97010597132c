import type { Fact } from "../../domain/dataset";
import { quarterId } from "../../domain/periods";
import { SourceLine } from "./layout";
import { FX_ITEM, PROSE_ITEMS, ProseItemDef } from "./prose-lexicon";
import {
  EMPTY_SENTENCE,
  ProseContext,
  Reading,
  Statements,
  sentenceFacts,
  step,
} from "./prose-reducer";
import {
  checkEveryDigitIsRead,
  joinParagraphs,
  lineAt,
  stripFootnotes,
  tokenize,
} from "./prose-tokens";

/**
 * Reads the figures out of the release's prose. Every digit in the prose must be accounted for:
 * a figure of a known metric, a period ("in the same quarter of 2025"), or something that is not a
 * financial figure (a date, a time, a phone number, a web address). Anything else stops ingest with
 * its line, so that no figure is silently dropped or misread. The tokens of each sentence fold
 * through the reducer (prose-reducer.ts); a sentence's end turns what it stated into facts.
 */

export interface ProseFigures extends Statements {
  facts: Fact[];
  /** Prose-only items that received at least one figure. */
  items: ProseItemDef[];
  footnotes: number;
}

export function readProse(lines: SourceLine[], ctx: ProseContext): ProseFigures {
  const paragraphs = joinParagraphs(lines);
  const footnotes = paragraphs.filter((p) => /^[·•]/.test(p.text)).length;
  stripFootnotes(paragraphs, footnotes);
  const facts: Fact[] = [];
  let r: Reading = { sentence: EMPTY_SENTENCE, rates: [], tickers: [] };
  for (const p of paragraphs) {
    const tokens = tokenize(p.text);
    checkEveryDigitIsRead(p, tokens);
    const sentenceEnds = [...p.text.matchAll(/[.!?]["”]?\s+(?=[A-Z“"(·])/g)].map(
      (m) => m.index as number
    );
    let sentence = -1;
    let prevEnd = 0;
    for (const tok of tokens) {
      const s = sentenceEnds.filter((e) => e < tok.start).length;
      if (s !== sentence) {
        facts.push(...sentenceFacts(r.sentence, ctx));
        r = { ...r, sentence: EMPTY_SENTENCE };
        sentence = s;
      }
      const at = {
        line: lineAt(p, tok.start),
        gap: p.text.slice(prevEnd, tok.start),
        paragraph: p,
        release: ctx.release,
      };
      prevEnd = tok.end;
      r = step(r, tok, at);
    }
    facts.push(...sentenceFacts(r.sentence, ctx));
    r = { ...r, sentence: EMPTY_SENTENCE };
  }
  const release = quarterId(ctx.release);
  for (const rate of r.rates) {
    facts.push({
      item: FX_ITEM,
      period: rate.date,
      currency: null,
      value: rate.value,
      unit: "RMB_per_USD",
      basis: "level",
      source: "prose",
      prov: { release, row: "RMB to US$1.00", line: rate.line, printed: rate.printed },
    });
  }
  const used = new Set(facts.map((f) => f.item));
  return {
    facts,
    items: PROSE_ITEMS.filter((d) => used.has(d.id)),
    tickers: r.tickers,
    rates: r.rates,
    ...(r.statedQuarter ? { statedQuarter: r.statedQuarter } : {}),
    footnotes,
  };
}
