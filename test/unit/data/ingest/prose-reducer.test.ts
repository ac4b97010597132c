import {
  At,
  EMPTY_SENTENCE,
  ProseContext,
  Reading,
  sentenceFacts,
  step,
} from "../../../../src/data/ingest/prose-reducer";
import type { Paragraph, Token } from "../../../../src/data/ingest/prose-tokens";
import { IngestError } from "../../../../src/data/ingest/errors";
import { thrown } from "../../../helpers/thrown";

/**
 * Each transition of the prose reader on its own, over tokens typed here; the sentences are the
 * release's (line 9 and line 20 of the Q1 2026 text) or made to show one case.
 */

const RELEASE = { year: 2026, quarter: 1 } as const;
const ctx: ProseContext = {
  release: RELEASE,
  tableKinds: new Map([
    ["revenue.total", "amount"],
    ["is.net_loss", "amount"],
    ["ng.gross_margin", "percent"],
  ]),
};

/** A paragraph whose text is the tokens' own, so that figures read their printed form. */
function paragraph(text: string): Paragraph {
  return { text, printed: text, parts: [{ offset: 0, line: 9 }], footnoteAt: new Map() };
}

/** A token as typed here: where it stands is found in the text. */
type Body = Token extends infer T ? (T extends Token ? Omit<T, "start" | "end"> : never) : never;

const fresh = (): Reading => ({ sentence: EMPTY_SENTENCE, rates: [], tickers: [] });

/** Folds tokens laid out in one text, each at the place of its text in it. */
function read(text: string, tokens: Body[], from = fresh()): Reading {
  const p = paragraph(text);
  let at = 0;
  let prevEnd = 0;
  let r = from;
  for (const body of tokens) {
    const start = text.indexOf(body.text, at);
    if (start < 0) throw new Error(`"${body.text}" is not in the text`);
    const tok = { ...body, start, end: start + body.text.length } as Token;
    const where: At = { line: 9, gap: text.slice(prevEnd, start), paragraph: p, release: RELEASE };
    r = step(r, tok, where);
    at = tok.end;
    prevEnd = tok.end;
  }
  return r;
}

/** A figure in millions as the text prints it: "RMB2,703.7 million". */
const millions = (text: string, currency: "RMB" | "USD", value: string): Body => ({
  kind: "money",
  text,
  currency,
  value,
  scale: "million",
});

const revenues: Body = { kind: "metric", text: "Total Revenues", items: ["revenue.total"] };

describe("transitions, one kind of token each", () => {
  test("ignore changes nothing", () => {
    const r = fresh();
    expect(read("Exhibit 99.1", [{ kind: "ignore", text: "Exhibit 99.1" }], r)).toBe(r);
  });

  test("rate: the convenience rate, dated at the quarter's end unless the text says", () => {
    const r = read("RMB6.8980 to US$1.00", [
      {
        kind: "rate",
        text: "RMB6.8980 to US$1.00",
        value: "6.8980",
        printed: "RMB6.8980 to US$1.00",
      },
    ]);
    expect(r.rates).toEqual([
      { value: "6.8980", date: "2026-03-31", line: 9, printed: "RMB6.8980 to US$1.00" },
    ]);
  });

  test("ticker and stated quarter: the listings in order, the first stated quarter only", () => {
    const r = read("NASDAQ: KC First Quarter 2026 Fourth Quarter 2025", [
      { kind: "ticker", text: "NASDAQ: KC", exchange: "NASDAQ", code: "KC" },
      { kind: "stated", text: "First Quarter 2026", quarter: 1, year: 2026 },
      { kind: "stated", text: "Fourth Quarter 2025", quarter: 4, year: 2025 },
    ]);
    expect(r.tickers).toEqual([{ exchange: "NASDAQ", code: "KC", line: 9 }]);
    expect(r.statedQuarter).toEqual({ quarter: { year: 2026, quarter: 1 }, line: 9 });
  });

  test("metric: the subject of what follows, a loss or profit in its name remembered", () => {
    const r = read("Net loss", [{ kind: "metric", text: "Net loss", items: ["is.net_loss"] }]);
    expect(r.sentence.subject).toEqual({
      items: ["is.net_loss"],
      phrase: "Net loss",
      line: 9,
      polarity: "loss",
    });
  });

  test("a figure joins its subject; the US$ figure in brackets joins the RMB one", () => {
    const text = "Total Revenues reached RMB2,703.7 million (US$392.0 million)";
    const r = read(text, [
      revenues,
      millions("RMB2,703.7 million", "RMB", "2703.7"),
      millions("US$392.0 million", "USD", "392.0"),
    ]);
    expect(r.sentence.groups).toHaveLength(1);
    expect(r.sentence.groups[0].figures.map((f) => f.printed)).toEqual([
      "RMB2,703.7 million",
      "US$392.0 million",
    ]);
    expect(r.sentence.last).toBe(r.sentence.groups[0]);
  });

  test("a figure with no metric before it in its sentence is refused", () => {
    const e = thrown(IngestError, () =>
      read("RMB1.8 million", [millions("RMB1.8 million", "RMB", "1.8")])
    );
    expect(e.message).toContain('"RMB1.8 million" has no metric before it in its sentence');
  });

  test("change, then a basis word right after it: the change's basis", () => {
    const text = "Total Revenues increased by 37.2% year-over-year";
    const r = read(text, [
      revenues,
      { kind: "change", text: "increased by 37.2%", up: true, value: "37.2", points: false },
      { kind: "basis", text: "year-over-year", basis: "yoy" },
    ]);
    expect(r.sentence.changes).toEqual([
      expect.objectContaining({ value: "37.2", up: true, basis: "yoy" }),
    ]);
    expect(r.sentence.lastChange).toBe(r.sentence.changes[0]);
  });

  test("a basis word away from its change (other words between) sets nothing", () => {
    const text = "Total Revenues increased by 37.2% in the year-over-year";
    const r = read(text, [
      revenues,
      { kind: "change", text: "increased by 37.2%", up: true, value: "37.2", points: false },
      { kind: "basis", text: "year-over-year", basis: "yoy" },
    ]);
    expect(r.sentence.changes[0].basis).toBeUndefined();
  });

  test("role and polarity mark the next figure only", () => {
    const text = "Total Revenues from RMB1,970.0 million of RMB1.0 million";
    const r = read(text, [
      revenues,
      { kind: "role", text: "from", role: "prior" },
      millions("RMB1,970.0 million", "RMB", "1970.0"),
      { kind: "polarity", text: "of", polarity: "profit" },
      millions("RMB1.0 million", "RMB", "1.0"),
    ]);
    expect(r.sentence.groups.map((g) => [g.role, g.polarity])).toEqual([
      ["prior", undefined],
      [null, "profit"],
    ]);
  });

  test("cue: dates the figures just given, once", () => {
    const text = "Total Revenues RMB1,970.0 million in the same quarter of 2025 last quarter";
    const r = read(text, [
      revenues,
      millions("RMB1,970.0 million", "RMB", "1970.0"),
      { kind: "cue", text: "in the same quarter of 2025", cue: { kind: "yearOf", year: 2025 } },
      { kind: "cue", text: "last quarter", cue: { kind: "offset", by: -1 } },
    ]);
    expect(r.sentence.groups[0].cue).toEqual({ kind: "yearOf", year: 2025 });
  });

  test("percentage points with no change word before them are refused", () => {
    const e = thrown(IngestError, () =>
      read("11.4 percentage points", [
        { kind: "points", text: "11.4 percentage points", value: "11.4" },
      ])
    );
    expect(e.message).toContain('"11.4 percentage points" has no change word');
  });

  test("no transition changes the reading it is given", () => {
    const before = read("Total Revenues", [revenues]);
    const frozen = JSON.stringify(before);
    read(
      "Total Revenues increased by 37.2%",
      [{ kind: "change", text: "increased by 37.2%", up: true, value: "37.2", points: false }],
      before
    );
    expect(JSON.stringify(before)).toBe(frozen);
  });
});

describe("a finished sentence's facts", () => {
  test("Total Revenues: the figure, its US$, the change and the figure it is measured from", () => {
    // Line 9: "... RMB2,703.7 million (US$392.0 million), increased by 37.2% year-over-year from
    // RMB1,970.0 million in the same quarter of 2025"
    const text =
      "Total Revenues reached RMB2,703.7 million (US$392.0 million), increased by 37.2% year-over-year from RMB1,970.0 million in the same quarter of 2025";
    const r = read(text, [
      revenues,
      millions("RMB2,703.7 million", "RMB", "2703.7"),
      millions("US$392.0 million", "USD", "392.0"),
      { kind: "change", text: "increased by 37.2%", up: true, value: "37.2", points: false },
      { kind: "basis", text: "year-over-year", basis: "yoy" },
      { kind: "role", text: "from", role: "prior" },
      millions("RMB1,970.0 million", "RMB", "1970.0"),
      { kind: "cue", text: "in the same quarter of 2025", cue: { kind: "yearOf", year: 2025 } },
    ]);
    expect(
      sentenceFacts(r.sentence, ctx).map((f) => [f.period, f.currency, f.value, f.basis])
    ).toEqual([
      ["2026Q1", null, "37.2", "yoy"],
      ["2026Q1", "RMB", "2703.7", "level"],
      ["2026Q1", "USD", "392.0", "level"],
      ["2025Q1", "RMB", "1970.0", "level"],
    ]);
  });

  test("a change measured from a figure a year before is year-over-year, though unsaid", () => {
    const text =
      "Total Revenues increased by 37.2% from RMB1,970.0 million in the same quarter of 2025";
    const r = read(text, [
      revenues,
      { kind: "change", text: "increased by 37.2%", up: true, value: "37.2", points: false },
      { kind: "role", text: "from", role: "prior" },
      millions("RMB1,970.0 million", "RMB", "1970.0"),
      { kind: "cue", text: "in the same quarter of 2025", cue: { kind: "yearOf", year: 2025 } },
    ]);
    expect(sentenceFacts(r.sentence, ctx)[0]).toMatchObject({ basis: "yoy", value: "37.2" });
  });

  test("a change whose basis cannot be told is refused, naming it", () => {
    const r = read("Total Revenues increased by 37.2%", [
      revenues,
      { kind: "change", text: "increased by 37.2%", up: true, value: "37.2", points: false },
    ]);
    expect(thrown(IngestError, () => sentenceFacts(r.sentence, ctx)).message).toContain(
      'cannot tell whether "increased by 37.2%" (Total Revenues) is year-over-year or quarter-over-quarter'
    );
  });

  test("a phrase naming two metrics gives them its figures in turn", () => {
    // Line 20: "Fulfillment costs and other costs were RMB1.8 million ... and RMB51.4 million ..."
    const text = "Fulfillment costs and other costs were RMB1.8 million and RMB51.4 million";
    const r = read(text, [
      {
        kind: "metric",
        text: "Fulfillment costs and other costs",
        items: ["is.cor.fulfillment", "is.cor.other"],
      },
      millions("RMB1.8 million", "RMB", "1.8"),
      millions("RMB51.4 million", "RMB", "51.4"),
    ]);
    expect(sentenceFacts(r.sentence, ctx).map((f) => [f.item, f.value])).toEqual([
      ["is.cor.fulfillment", "1.8"],
      ["is.cor.other", "51.4"],
    ]);
  });

  test("a percentage of a metric that is no percentage, with no change word, is refused", () => {
    const r = read("Total Revenues 12.8%", [
      revenues,
      { kind: "percent", text: "12.8%", value: "12.8" },
    ]);
    expect(thrown(IngestError, () => sentenceFacts(r.sentence, ctx)).message).toContain(
      '"12.8%" follows Total Revenues, which is not a percentage'
    );
  });
});
