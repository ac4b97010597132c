import fc from "fast-check";
import { KC_FUNCTIONS } from "../../../src/core/registry";
import {
  RuntimeError,
  cellOf,
  excelWrapper,
  installExcelRuntime,
} from "../../helpers/excel-runtime";

installExcelRuntime();

const KC =
  require("../../../src/functions/functions") as typeof import("../../../src/functions/functions");

/**
 * Whatever Excel passes (numbers, text, logical values, empty cells, errors, ranges), every KC
 * function answers with a value or a proper custom-functions error: never an uncaught exception,
 * never NaN or Infinity, never an error without its code (and a message where Excel shows one).
 */

const words = fc.constantFrom(
  "revenue.total",
  "Total revenues",
  "bs.cash",
  "Basic and diluted",
  "Gross margin",
  "IDC costs",
  "op.ai_gross_billing",
  "EBITDA",
  "EBITDA margin",
  "public",
  "enterprise",
  "total",
  "2026Q1",
  "Q1 2026",
  "1Q26",
  "2026-03-31",
  "LQ",
  "LQ-1",
  "LQ-2",
  "LQ+3",
  "USD",
  "RMB",
  "CNY",
  "millions",
  "units",
  "thousands",
  "YoY",
  "QoQ",
  "balance_sheet",
  "non_gaap",
  "",
  " ",
  "=1+1",
  "#N/A",
  "ｒｅｖｅｎｕｅ.ｔｏｔａｌ",
  "-",
  "/"
);

const scalar = fc.oneof(
  words,
  fc.string(),
  fc.string({ unit: "grapheme" }),
  fc.double(),
  fc.integer(),
  fc.integer({ min: 30000, max: 50000 }),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  fc.constant(new RuntimeError("#N/A", "an error in a referenced cell"))
);

const excelValue = fc.oneof(
  { weight: 5, arbitrary: scalar },
  {
    weight: 1,
    arbitrary: fc.array(fc.array(scalar, { minLength: 1, maxLength: 3 }), {
      minLength: 1,
      maxLength: 3,
    }),
  }
);

const ALLOWED = ["#N/A", "#VALUE!", "#NUM!", "#DIV/0!"];

function isProperCell(v: unknown): boolean {
  if (typeof v === "number") return Number.isFinite(v);
  return typeof v === "string" || typeof v === "boolean";
}

/** Why the call's outcome is not a proper cell result, or "" if it is. */
function problemWith(call: () => unknown): string {
  let result: unknown;
  try {
    result = call();
  } catch (e) {
    if (!(e instanceof RuntimeError)) return `uncaught ${String(e)}`;
    if (!ALLOWED.includes(e.code ?? "")) return `error code ${e.code}`;
    if ((e.code === "#N/A" || e.code === "#VALUE!") && (e.message ?? "").length < 10)
      return `no message with ${e.code}`;
    return "";
  }
  if (!Array.isArray(result)) return isProperCell(result) ? "" : `value ${String(result)}`;
  if (result.length === 0) return "an empty array";
  const width = result[0].length;
  for (const row of result) {
    if (!Array.isArray(row) || row.length !== width) return "a ragged array";
    const odd = row.find((c) => !isProperCell(c));
    if (odd !== undefined) return `cell ${String(odd)}`;
  }
  return "";
}

const RUNS = 2000;
/** Every function the registry declares, called through its Excel wrapper, with all its arguments. */
const FUNCTIONS: [string, number, (...a: unknown[]) => unknown][] = KC_FUNCTIONS.map((f) => [
  f.id,
  f.params.length,
  excelWrapper(KC, f.id),
]);

describe.each(FUNCTIONS)("KC.%s with random arguments of every Excel type", (_name, arity, fn) => {
  test(`${RUNS} calls give a value or a proper error`, () => {
    fc.assert(
      fc.property(fc.array(excelValue, { minLength: 0, maxLength: arity }), (args) => {
        expect(problemWith(() => fn(...args))).toBe("");
      }),
      { numRuns: arity === 0 ? 50 : RUNS }
    );
  });
});

test("a well-formed call always finds a figure or says which periods exist", () => {
  const items = [
    "revenue.total",
    "bs.cash",
    "is.net_loss",
    "cf.cash_end",
    "ng.adjusted_ebitda",
    "is.cor.idc",
  ];
  fc.assert(
    fc.property(
      fc.constantFrom(...items),
      fc.integer({ min: -12, max: 0 }),
      fc.constantFrom("RMB", "USD"),
      fc.constantFrom("thousands", "millions", "units"),
      (item, back, currency, unit) => {
        const cell = cellOf(() => KC.value(item, back === 0 ? "LQ" : `LQ${back}`, currency, unit));
        const shown =
          cell.error === undefined
            ? Number.isFinite(cell.value) && "a figure"
            : cell.error === "#N/A" && /; it has \d{4}/.test(cell.message ?? "") && "the periods";
        expect(shown).toMatch(/^(a figure|the periods)$/);
      }
    ),
    { numRuns: RUNS }
  );
});
