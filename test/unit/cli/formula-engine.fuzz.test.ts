import fc from "fast-check";
import { ANALYST_WORDS, UNPRINTED } from "../../../src/core/analyst-words";
import { bundledKc as bundledKc } from "../../../src/functions/dataset-in-use";
import { kcHere } from "../../helpers/cli";
import { excelString } from "../../../src/sheets/a1";

/**
 * Over ten thousand random formulas through `kc eval --stdin` (one process): KC functions nested
 * in each other and in ordinary functions, spilled results as arguments, arrays where one value is
 * expected, and arguments of every type. Each formula gets one answer line, in order, that is a
 * value or an error with its code; the formulas built with a known answer get that answer.
 */

const fin = bundledKc().fin;
const ids = fin.catalogue.items.map((i) => i.id);
const labels = fin.catalogue.items.map((i) => fin.catalogue.qualifiedName(i));
const periodTexts = [
  "2026Q1",
  "Q1 2026",
  "1Q26",
  "Q1-26",
  "2025Q4",
  "2025Q1",
  "LQ",
  "LQ-1",
  "LQ-2",
  "LQ-4",
  "2026-03-31",
  "2025-12-31",
  "2026Q5",
  "yesterday",
];

const text = fc
  .oneof(
    fc.constantFrom(
      ...ids,
      ...labels,
      ...periodTexts,
      "RMB",
      "USD",
      "CNY",
      "thousands",
      "millions",
      "units",
      "YoY",
      "QoQ",
      "public",
      "enterprise",
      "total",
      "EBITDA",
      "EBITDA margin",
      "balance_sheet",
      "non_gaap",
      "IS",
      ...ANALYST_WORDS.flatMap((w) => w.words.slice(0, 2)),
      ...UNPRINTED.map((u) => u.words[0]),
      "Share-based compensation expenses",
      "Prepayments and other assets",
      "constructor",
      "__proto__",
      "Decoy 31 2025"
    ),
    fc.string({ maxLength: 12 }).filter((s) => !/[\r\n]/.test(s)),
    fc
      .tuple(
        fc.constantFrom("a ", "/ ", "  ", "Total revenues "),
        fc.integer({ min: 20, max: 200 })
      )
      .map(([unit, n]) => unit.repeat(n))
  )
  .map(excelString);

const number = fc.oneof(
  fc.integer({ min: -5, max: 60000 }).map(String),
  fc.constantFrom("46112", "46022", "0", "-1", "1.5", "1E+300")
);
const logical = fc.constantFrom("TRUE()", "FALSE()");

const expr: fc.Arbitrary<string> = fc.letrec<{ scalar: string; array: string; arg: string }>(
  (tie) => ({
    arg: fc.oneof(
      { weight: 5, arbitrary: text },
      { weight: 2, arbitrary: number },
      { weight: 1, arbitrary: logical },
      { weight: 1, arbitrary: fc.constant("") },
      { weight: 1, arbitrary: fc.constant("1/0") },
      {
        weight: 1,
        arbitrary: fc.array(text, { minLength: 1, maxLength: 3 }).map((a) => `{${a.join(",")}}`),
      },
      { weight: 2, arbitrary: tie("scalar") },
      {
        weight: 1,
        arbitrary: fc
          .tuple(tie("array"), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 4 }))
          .map(([a, r, c]) => `INDEX(${a},${r},${c})`),
      }
    ),
    scalar: fc.oneof(
      { depthSize: "small", withCrossShrink: true },
      fc
        .tuple(
          fc.constantFrom("VALUE", "NONGAAP", "GROWTH", "MARGIN", "SOURCE", "REVENUE"),
          fc.array(tie("arg"), { maxLength: 4 })
        )
        .map(([f, a]) => `KC.${f}(${a.join(",")})`),
      fc.constant("KC.FXRATE()"),
      fc.tuple(tie("array")).map(([a]) => `SUM(${a})`),
      fc.tuple(tie("scalar"), tie("scalar")).map(([a, b]) => `(${a})+(${b})`),
      fc.tuple(tie("scalar")).map(([a]) => `IFERROR(${a},-1)`),
      fc.tuple(tie("scalar"), fc.integer({ min: 0, max: 3 })).map(([a, n]) => `ROUND(${a},${n})`)
    ),
    array: fc.oneof(
      fc
        .tuple(fc.constantFrom("SERIES", "TABLE", "ITEMS"), fc.array(tie("arg"), { maxLength: 3 }))
        .map(([f, a]) => `KC.${f}(${a.join(",")})`),
      fc.constant("KC.PERIODS()"),
      fc
        .array(tie("arg"), { minLength: 1, maxLength: 3 })
        .map(
          (a) => `KC.VALUE({${a.filter((x) => x.startsWith('"')).join(",") || '"revenue.total"'}})`
        )
    ),
  })
).scalar;

/** Formulas whose answer the core gives directly: the engine must give the same. */
function known(seed: number): { formula: string; value: number }[] {
  const rnd = fc.sample(
    fc.tuple(
      fc.constantFrom(...ids),
      fc.constantFrom("RMB", "USD"),
      fc.constantFrom("thousands", "millions")
    ),
    { numRuns: 600, seed }
  );
  const out: { formula: string; value: number }[] = [];
  for (const [id, currency, unit] of rnd) {
    const item = fin.catalogue.get(id)!;
    const periods = fin.periodsOf(item);
    if (periods.length === 0) continue;
    const p = periods[periods.length - 1];
    out.push({
      formula: `=KC.VALUE(${[id, p, currency, unit].map(excelString).join(",")})`,
      value: fin.value(id, p, currency, unit).value.toNumber(),
    });
    const series = periods.map((x) => fin.value(id, x, currency, unit).value.toNumber());
    out.push({
      formula: `=SUM(KC.SERIES(${[id, currency, unit].map(excelString).join(",")}))`,
      value: series.reduce((a, b) => a + b, 0),
    });
    out.push({
      formula: `=INDEX(KC.SERIES(${excelString(id)},${excelString(currency)},${excelString(unit)}),2,${periods.length})`,
      value: series[series.length - 1],
    });
  }
  for (const p of ["2026Q1", "2025Q4", "2025Q1"]) {
    out.push({
      formula: `=KC.REVENUE(${excelString(p)},"public")+KC.REVENUE(${excelString(p)},"enterprise")-KC.REVENUE(${excelString(p)})`,
      value: 0,
    });
  }
  return out;
}

test("10,000+ random formulas through kc eval: one answer each, in order, never a crash", async () => {
  const random = fc.sample(expr, { numRuns: 9000, seed: 424242 }).map((e) => `=${e}`);
  const checked = known(7);
  const formulas = [...random, ...checked.map((k) => k.formula)];
  expect(formulas.length).toBeGreaterThan(10000);
  const r = await kcHere(["eval", "--stdin"], formulas.join("\n"));
  expect(r.stderr).toBe("");
  expect(r.code).toBe(0);
  const answers = r.stdout
    .trimEnd()
    .split("\n")
    .map((l) => JSON.parse(l));
  expect(answers).toHaveLength(formulas.length);

  const bad: string[] = [];
  const isCell = (v: unknown) =>
    v === null ||
    typeof v === "number" ||
    typeof v === "string" ||
    typeof v === "boolean" ||
    (typeof v === "object" && typeof (v as { error: unknown }).error === "string");
  answers.forEach((a, k) => {
    if (a.formula !== formulas[k])
      bad.push(`#${k}: answer for ${a.formula} where ${formulas[k]} was asked`);
    else if ("error" in a) {
      if (!/^#[A-Z0-9/!?]+/.test(a.error) || typeof a.message !== "string")
        bad.push(`#${k}: error ${JSON.stringify(a)}`);
    } else if (Array.isArray(a.value)) {
      if (!a.value.every((row: unknown[]) => Array.isArray(row) && row.every(isCell)))
        bad.push(`#${k}: array ${JSON.stringify(a.value).slice(0, 80)}`);
    } else if (!isCell(a.value) || (typeof a.value === "number" && !Number.isFinite(a.value))) {
      bad.push(`#${k}: value ${JSON.stringify(a.value)}`);
    }
  });
  expect(bad).toEqual([]);

  checked.forEach((c, k) => {
    const a = answers[random.length + k];
    expect({ formula: a.formula, error: a.error }).toEqual({
      formula: c.formula,
      error: undefined,
    });
    expect(Math.abs(a.value - c.value)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(c.value)));
  });

  // The random set exercises values, spills and errors alike.
  const kinds = new Set(
    answers
      .slice(0, random.length)
      .map((a) => ("error" in a ? a.error : Array.isArray(a.value) ? "array" : typeof a.value))
  );
  expect([...kinds]).toEqual(
    expect.arrayContaining(["number", "string", "array", "#VALUE!", "#N/A"])
  );
});
