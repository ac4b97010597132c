import { Financials } from "../../../src/core/financials";
import { KcFormulas } from "../../../src/core/formulas";
import {
  KC_FUNCTIONS,
  KcFunction,
  TYPICAL,
  explainKc,
  kcFunction,
  runKc,
  traceKc,
  typicalArguments,
  valueArguments,
} from "../../../src/core/registry";
import type { Item } from "../../../src/domain/dataset";
import { KcError } from "../../../src/domain/errors";
import { sampleDataset } from "../../helpers/sample-dataset";
import { thrown } from "../../helpers/thrown";

/**
 * The KC functions declared once: parameters, result shape, implementation and trace. Over the
 * sample dataset (a few lines of the release, typed from it).
 */

const k = new KcFormulas(new Financials(sampleDataset()));
const fn = (id: string) => kcFunction(id) as KcFunction;
const FILE = "kc-2026q1-earnings-release.txt";
const IDS = [
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

describe("the declarations", () => {
  test("the functions, in the order Excel lists them", () => {
    expect(KC_FUNCTIONS.map((f) => f.id)).toEqual(IDS);
  });

  test("found by id in any case; nothing else is a KC function", () => {
    expect(kcFunction("value")).toBe(KC_FUNCTIONS[0]);
    expect(kcFunction("NonGaap")?.id).toBe("NONGAAP");
    expect(kcFunction("KC.VALUE")).toBeUndefined();
    expect(kcFunction("EPS")).toBeUndefined();
  });

  test("required parameters come first; none repeats; every kind has a typical argument", () => {
    for (const f of KC_FUNCTIONS) {
      const optional = f.params.map((p) => p.optional);
      expect({ id: f.id, optional }).toEqual({ id: f.id, optional: [...optional].sort() });
      expect(f.params.filter((p) => p.repeating)).toEqual([]);
      for (const p of f.params) expect(TYPICAL[p.kind]).toEqual(expect.any(String));
    }
  });

  test("only KC.VALUE's currency and unit apply to some kinds of line", () => {
    const applying = KC_FUNCTIONS.flatMap((f) =>
      f.params.filter((p) => p.appliesTo).map((p) => [f.id, p.name, p.appliesTo])
    );
    expect(applying).toEqual([
      ["VALUE", "currency", ["amount", "per_share"]],
      ["VALUE", "unit", ["amount"]],
    ]);
  });

  test("what each returns: a figure, a fraction, the rate, text or an array", () => {
    const shows = KC_FUNCTIONS.map((f) => [
      f.id,
      f.result.shape === "number" ? f.result.shows : f.result.shape,
    ]);
    expect(Object.fromEntries(shows)).toEqual({
      VALUE: "figure",
      REVENUE: "figure",
      NONGAAP: "figure",
      GROWTH: "fraction",
      MARGIN: "fraction",
      SERIES: "spill",
      TABLE: "spill",
      PERIODS: "spill",
      ITEMS: "spill",
      SOURCE: "text",
      FXRATE: "rate",
    });
  });

  test("typicalArguments: a well-formed argument for every parameter", () => {
    expect(typicalArguments(fn("VALUE"))).toEqual([
      "revenue.total",
      "LQ",
      "RMB",
      "thousands",
      "latest",
    ]);
    expect(typicalArguments(fn("NONGAAP"))).toEqual(["EBITDA", "LQ", "RMB", "thousands"]);
    expect(typicalArguments(fn("GROWTH"))).toEqual(["revenue.total", "LQ", "YoY", "exact"]);
    expect(typicalArguments(fn("TABLE"))).toEqual(["IS", "RMB", "thousands"]);
    expect(typicalArguments(fn("PERIODS"))).toEqual([]);
  });
});

describe("runKc: what a cell shows", () => {
  test("every function answers its typical arguments", () => {
    const shapes = Object.fromEntries(
      KC_FUNCTIONS.map((f) => {
        const r = runKc(k, f.id, typicalArguments(f));
        return [f.id, Array.isArray(r) ? "array" : typeof r];
      })
    );
    expect(shapes).toEqual({
      VALUE: "number",
      REVENUE: "number",
      NONGAAP: "number",
      GROWTH: "number",
      MARGIN: "number",
      SERIES: "array",
      TABLE: "array",
      PERIODS: "array",
      ITEMS: "array",
      SOURCE: "string",
      FXRATE: "number",
    });
  });

  test("numbers as doubles, text and arrays as they are", () => {
    expect(runKc(k, "VALUE", ["revenue.total", "2026Q1", "USD"])).toBe(391959);
    expect(runKc(k, "revenue", ["LQ-1", "public"])).toBe(1902378);
    expect(runKc(k, "FXRATE", [])).toBe(6.898);
    expect(runKc(k, "SERIES", ["bs.cash"])).toEqual([
      ["2025-12-31", "2026-03-31"],
      [6018043, 4903797],
    ]);
    expect(runKc(k, "SOURCE", ["bs.cash", "2025-12-31"])).toMatch(
      /line 150 of kc-2026q1-earnings-release\.txt: 6,018,043$/
    );
  });

  test("a refusal is thrown as the KcError it is", () => {
    expect(thrown(KcError, () => runKc(k, "VALUE", ["revenue.total", "LQ-2"])).code).toBe("#N/A");
  });

  test("a function that does not exist is refused, listing those that do", () => {
    expect(thrown(KcError, () => runKc(k, "EPS", [])).message).toBe(
      "There is no KC.EPS; the KC functions are KC.VALUE, KC.REVENUE, KC.NONGAAP, KC.GROWTH, KC.MARGIN, KC.SERIES, KC.TABLE, KC.PERIODS, KC.ITEMS, KC.SOURCE, KC.FXRATE"
    );
  });
});

describe("explainKc: the exact figure a number function stands on", () => {
  test("the Decimal and the answers behind it", () => {
    const e = explainKc(k, "MARGIN", ["Public cloud services", "2026Q1"]);
    expect(e.value.toString()).toBe(e.answers[0].value.div(e.answers[1].value).toString());
    expect(e.answers.map((a) => a.fact?.prov.printed)).toEqual(["1,996,301", "2,703,732"]);
  });

  test("refused for a function that returns no number", () => {
    expect(thrown(KcError, () => explainKc(k, "SERIES", ["bs.cash"])).message).toBe(
      "KC.SERIES does not return a number"
    );
    expect(thrown(KcError, () => explainKc(k, "SOURCE", ["bs.cash"])).code).toBe("#VALUE!");
  });
});

describe("traceKc: what a call shows and what it stands on", () => {
  test("a figure: its answer and the line of the release it comes from", () => {
    const t = traceKc(k, "VALUE", ["Total revenues", "2026Q1"]);
    expect(t).toMatchObject({ result: 2703732, shows: "figure" });
    expect(t.answer?.item.id).toBe("revenue.total");
    expect(t.sources).toEqual([
      `UNAUDITED CONDENSED CONSOLIDATED STATEMENTS OF COMPREHENSIVE LOSS, row "Total revenues", column "Three Months Ended Mar 31, 2026 RMB", line 553 of ${FILE}: 2,703,732`,
    ]);
  });

  test("a computed fraction: every figure it divides, and no single answer", () => {
    const t = traceKc(k, "GROWTH", ["revenue.total"]);
    expect(t.shows).toBe("fraction");
    expect(t.answer).toBeUndefined();
    expect(t.sources.map((s) => s.split(": ").pop())).toEqual(["2,703,732", "1,969,977"]);
    expect(traceKc(k, "GROWTH", ["revenue.total", "LQ", "QoQ", "reported"]).sources).toEqual([
      `text of the release, "Total Revenues", line 13 of ${FILE}: decreased by 2.1%`,
    ]);
  });

  test("the rate: the line that states it", () => {
    expect(traceKc(k, "FXRATE", [])).toEqual({
      result: 6.898,
      shows: "rate",
      answer: undefined,
      sources: [`the release's convenience rate, RMB6.8980 = US$1.00, line 19 of ${FILE}`],
    });
  });

  test("text: the figure it is about", () => {
    const t = traceKc(k, "SOURCE", ["IDC costs"]);
    expect(t.shows).toBe("text");
    expect(t.result).toBe(t.sources[0]);
  });

  test("an array: the figures it shows, or what it lists", () => {
    const series = traceKc(k, "SERIES", ["Total revenues"]);
    expect(series.shows).toBe("array");
    expect(series.sources.map((s) => s.split(": ").pop())).toEqual([
      "1,969,977",
      "2,761,387",
      "2,703,732",
    ]);
    expect(traceKc(k, "TABLE", ["BS"]).sources).toEqual([
      "KC.TABLE lists a whole statement; each of its figures is the one KC.VALUE gives for its line and period",
    ]);
    expect(traceKc(k, "ITEMS", []).sources).toEqual([
      "KC.ITEMS lists the line items and the names that find them; no figure of the release",
    ]);
  });

  test("a refusal is the result, with nothing it stands on", () => {
    const t = traceKc(k, "MARGIN", ["Gross margin"]);
    expect(t.result).toBeInstanceOf(KcError);
    expect(t).toMatchObject({ shows: "fraction", sources: [] });
    expect((t.result as KcError).message).toBe(
      "Gross margin is already a margin; use KC.VALUE for it"
    );
  });

  test("a function that does not exist, or a bug, is thrown, not traced", () => {
    expect(thrown(KcError, () => traceKc(k, "EPS", [])).message).toMatch(/^There is no KC\.EPS/);
    const broken = {
      fin: {
        value: () => {
          throw new TypeError("dataset not loaded");
        },
      },
    } as unknown as KcFormulas;
    expect(() => traceKc(broken, "VALUE", ["revenue.total"])).toThrow(TypeError);
  });
});

describe("spilled arrays: their bounds", () => {
  test("between them, every line, every statement, or the one list", () => {
    const bounds = (id: string) => {
      const r = fn(id).result;
      return r.shape === "spill" ? r.bounds(k) : [];
    };
    expect(bounds("SERIES")).toEqual(k.fin.catalogue.items.map((i) => [i.id]));
    expect(bounds("TABLE")).toEqual([
      ["income_statement"],
      ["balance_sheet"],
      ["cash_flow"],
      ["non_gaap"],
      ["operating"],
    ]);
    expect(bounds("ITEMS")).toEqual([[], ...bounds("TABLE")]);
    expect(bounds("PERIODS")).toEqual([[]]);
  });

  test("each bound is answered, or refused with a KcError, never a crash", () => {
    const outcomes = new Set<string>();
    for (const f of KC_FUNCTIONS) {
      if (f.result.shape !== "spill") continue;
      for (const args of f.result.bounds(k)) {
        try {
          runKc(k, f.id, args);
          outcomes.add("answered");
        } catch (e) {
          outcomes.add(e instanceof KcError ? "refused" : `crashed: ${String(e)}`);
        }
      }
    }
    expect([...outcomes].sort()).toEqual(["answered", "refused"]);
  });
});

describe("valueArguments: a KC.VALUE call's arguments, as far as they apply", () => {
  const line = (id: string) => k.fin.catalogue.get(id) as Item;
  /** The item's own id, then period, currency and unit, as a formula writes them. */
  const call = (id: string, ...rest: string[]) => valueArguments(line(id), id, ...rest);

  test("an amount takes currency and unit; a per-share figure currency only", () => {
    expect(call("revenue.total", "LQ", "USD", "millions")).toEqual([
      "revenue.total",
      "LQ",
      "USD",
      "millions",
    ]);
    expect(call("is.eps_basic_diluted", "LQ", "USD", "millions")).toEqual([
      "is.eps_basic_diluted",
      "LQ",
      "USD",
    ]);
  });

  test("counts, percentages and the rate neither", () => {
    for (const id of ["is.shares_basic_diluted", "ng.gross_margin", "fx.rmb_per_usd"])
      expect(call(id, "LQ", "USD", "millions")).toEqual([id, "LQ"]);
  });

  test("only the values given, and never more than KC.VALUE takes", () => {
    expect(call("revenue.total", "LQ")).toEqual(["revenue.total", "LQ"]);
    expect(valueArguments(line("revenue.total"))).toEqual([]);
    expect(call("revenue.total", "LQ", "RMB", "units", "first", "extra")).toEqual([
      "revenue.total",
      "LQ",
      "RMB",
      "units",
      "first",
    ]);
  });

  test("what they write is what KC.VALUE answers", () => {
    expect(runKc(k, "VALUE", call("is.eps_basic_diluted", "2026Q1", "USD", "millions"))).toBe(
      -0.01
    );
  });
});
