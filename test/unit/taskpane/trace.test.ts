import fc from "fast-check";
import { Dec } from "../../../src/domain/decimal";
import { KC_FUNCTIONS, TYPICAL } from "../../../src/core/registry";
import { bundledKc } from "../../../src/functions/dataset-in-use";
import type { KcArg } from "../../../src/taskpane/formula-text";
import { findKcCall, traceCall } from "../../../src/taskpane/trace";
import { RuntimeError, excelWrapper, installExcelRuntime } from "../../helpers/excel-runtime";

installExcelRuntime();

const KC =
  require("../../../src/functions/functions") as typeof import("../../../src/functions/functions");

const kcf = bundledKc();

describe("the source panel shows exactly what the function returns", () => {
  test("KC.GROWTH's fourth argument counts: the stated rate, from the sentence that states it", () => {
    const t = traceCall(kcf, findKcCall('=KC.GROWTH("revenue.total","2026Q1","YoY","reported")')!);
    // "an increase of 37.2% year-over-year" (the release's text), not 2,703,732 / 1,969,977 - 1.
    expect(t.figure).toBe(0.372);
    expect(t.shown).toBe("37.2%");
    expect(t.sources).toHaveLength(1);
    expect(t.sources[0]).toMatch(
      /^text of the release, .*line \d+ of kc-2026q1-earnings-release\.txt: an increase of 37\.2%$/
    );
  });

  test("KC.GROWTH computed: both quarters' figures, and the exact ratio", () => {
    const t = traceCall(kcf, findKcCall('=KC.GROWTH("revenue.total","2026Q1","YoY")')!);
    expect(t.figure).toBe(new Dec(2703732).div(1969977).minus(1).toNumber());
    expect(t.sources.map((s) => s.split(": ").pop())).toEqual(["2,703,732", "1,969,977"]);
  });

  test("a margin shows both figures it divides; the rate its line; a spill its size", () => {
    const margin = traceCall(kcf, findKcCall('=KC.MARGIN("Gross profit","2026Q1")')!);
    expect(margin.figure).toBe(new Dec(345748).div(2703732).toNumber());
    expect(margin.sources.map((s) => s.split(": ").pop())).toEqual(["345,748", "2,703,732"]);
    const rate = traceCall(kcf, findKcCall("=KC.FXRATE()")!);
    expect(rate.figure).toBe(6.898);
    expect(rate.sources[0]).toMatch(/RMB6\.8980 = US\$1\.00, line \d+ of kc-2026q1/);
    const series = traceCall(kcf, findKcCall('=KC.SERIES("Total revenues")')!);
    expect(series.shown).toBe("an array of 2 rows by 3 columns");
    expect(series.sources.map((s) => s.split(": ").pop())).toEqual([
      "1,969,977",
      "2,761,387",
      "2,703,732",
    ]);
    expect(traceCall(kcf, findKcCall("=KC.PERIODS()")!).sources).toEqual([
      "KC.PERIODS lists the periods the dataset covers, with their end dates; no figure of the release",
    ]);
  });

  test("a function that does not exist is said, not traced as another", () => {
    expect(traceCall(kcf, findKcCall("=KC.EPS()")!).error).toBe(
      "#NAME? KC.EPS is not a KC function"
    );
  });

  /** What a cell with the call shows: a number, a text, an array's size, or an error and message. */
  function shownByExcel(id: string, args: unknown[]): unknown {
    try {
      const v = excelWrapper(KC, id)(...args);
      return Array.isArray(v) ? `${v.length}x${v[0].length}` : v;
    } catch (e) {
      return `${(e as RuntimeError).code} ${(e as RuntimeError).message}`;
    }
  }

  function shownByTrace(id: string, args: unknown[]): unknown {
    const call = { fn: id, args: args.map(asArg) };
    const t = traceCall(kcf, call);
    if (t.error) return t.error;
    if (t.figure !== undefined) return t.figure;
    const size = /^an array of (\d+) rows? by (\d+) columns?$/.exec(t.shown ?? "");
    return size ? `${size[1]}x${size[2]}` : t.shown;
  }

  function asArg(v: unknown): KcArg {
    if (v === undefined) return { kind: "empty" };
    return typeof v === "number"
      ? { kind: "number", value: v }
      : { kind: "text", value: String(v) };
  }

  const words = fc.constantFrom(
    ...Object.values(TYPICAL),
    "Total revenues",
    "bs.cash",
    "EBITDA margin",
    "IDC costs",
    "op.ai_gross_billing",
    "2026Q1",
    "2025Q4",
    "LQ-4",
    "2026-03-31",
    "USD",
    "millions",
    "QoQ",
    "reported",
    "public",
    "balance_sheet",
    "nope",
    ""
  );
  const argument = fc.oneof(words, fc.constant(undefined), fc.integer({ min: 40000, max: 47000 }));

  test.each(KC_FUNCTIONS.map((f) => [f.id, f.params.length]))(
    "KC.%s, with every count of arguments up to %i: the trace gives the cell's figure or error",
    (id, arity) => {
      fc.assert(
        fc.property(fc.array(argument, { minLength: 0, maxLength: arity }), (args) => {
          expect(shownByTrace(id, args)).toEqual(shownByExcel(id, args));
        }),
        { numRuns: arity === 0 ? 5 : 400 }
      );
    }
  );
});
