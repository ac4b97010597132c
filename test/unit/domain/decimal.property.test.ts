import Decimal from "decimal.js";
import fc from "fast-check";
import { Dec } from "../../../src/domain/decimal";

/**
 * Dec against the decimal.js it replaced, configured as it was (precision 40, half up): over
 * thousands of random operands, every operation the add-in uses gives the same value, printed
 * the same way, -0 included.
 */

const Ref = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });
type Ref = InstanceType<typeof Ref>;

const RUNS = { numRuns: 3000 };

const digits = (min: number, max: number) =>
  fc
    .array(fc.integer({ min: 0, max: 9 }), { minLength: min, maxLength: max })
    .map((d) => d.join(""));

/** Integers, decimals with up to 12 places, and huge or tiny ones in exponent form, any sign. */
const operand: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom("0", "-0", "1", "-1", "0.5", "-0.5", "10", "0.1"),
  fc.tuple(fc.constantFrom("", "-"), digits(1, 15)).map(([s, d]) => s + d),
  fc
    .tuple(fc.constantFrom("", "-"), digits(1, 10), digits(1, 12))
    .map(([s, w, f]) => `${s}${w}.${f}`),
  fc
    .tuple(fc.constantFrom("", "-"), digits(1, 45), fc.integer({ min: -60, max: 60 }))
    .map(([s, d, e]) => `${s}${d}e${e}`)
);
const nonZero = operand.filter((s) => !new Ref(s).isZero());
const places = fc.integer({ min: 0, max: 12 });

const both = (s: string): [Dec, Ref] => [new Dec(s), new Ref(s)];

/** The same value, printed the same way: toString, and valueOf, which keeps -0's sign. */
function same(ours: Dec, theirs: Ref): void {
  expect(ours.valueOf()).toBe(theirs.valueOf());
  expect(ours.toString()).toBe(theirs.toString());
}

test("reading a string or a number, and printing it every way", () => {
  fc.assert(
    fc.property(operand, places, (s, dp) => {
      const [a, b] = both(s);
      same(a, b);
      expect(a.toFixed()).toBe(b.toFixed());
      expect(a.toFixed(dp)).toBe(b.toFixed(dp));
      expect(Object.is(a.toNumber(), b.toNumber())).toBe(true);
      expect(JSON.stringify(a)).toBe(JSON.stringify(b));
      expect(a.isZero()).toBe(b.isZero());
      expect(a.isNegative()).toBe(b.isNegative());
      expect(a.decimalPlaces()).toBe(b.decimalPlaces());
      expect(a.sd()).toBe(b.sd());
      same(new Dec(a), new Ref(b));
    }),
    RUNS
  );
  fc.assert(
    fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (n) => {
      same(new Dec(n), new Ref(n));
    }),
    RUNS
  );
});

test("plus, minus, times and div", () => {
  fc.assert(
    fc.property(operand, operand, nonZero, (x, y, z) => {
      const [a, ra] = both(x);
      const [b, rb] = both(y);
      const [c, rc] = both(z);
      same(a.plus(b), ra.plus(rb));
      same(a.minus(b), ra.minus(rb));
      same(a.times(b), ra.times(rb));
      same(a.div(c), ra.div(rc));
      same(a.plus(y), ra.plus(y));
      same(a.times(7), ra.times(7));
      same(a.div(100), ra.div(100));
    }),
    RUNS
  );
});

test("comparisons", () => {
  const close = fc
    .tuple(operand, fc.boolean())
    .map(([s, eq]) => [s, eq ? s : s.replace(/\d$/, "7")]);
  fc.assert(
    fc.property(close, operand, ([x, near], y) => {
      for (const other of [near, y]) {
        const [a, ra] = both(x);
        const [b, rb] = both(other);
        expect(a.comparedTo(b)).toBe(ra.comparedTo(rb));
        expect(a.eq(b)).toBe(ra.eq(rb));
        expect(a.lt(b)).toBe(ra.lt(rb));
        expect(a.lte(b)).toBe(ra.lte(rb));
        expect(a.gt(b)).toBe(ra.gt(rb));
        expect(a.gte(b)).toBe(ra.gte(rb));
      }
    }),
    RUNS
  );
});

test("rounding to places and to digits, floor, round and abs", () => {
  fc.assert(
    fc.property(operand, places, fc.integer({ min: 1, max: 40 }), (s, dp, sd) => {
      const [a, b] = both(s);
      same(a.toDecimalPlaces(dp), b.toDecimalPlaces(dp));
      same(a.toDecimalPlaces(dp, Dec.ROUND_HALF_UP), b.toDecimalPlaces(dp, Decimal.ROUND_HALF_UP));
      same(a.toDecimalPlaces(dp, Dec.ROUND_FLOOR), b.toDecimalPlaces(dp, Decimal.ROUND_FLOOR));
      same(a.toSignificantDigits(sd), b.toSignificantDigits(sd));
      same(a.floor(), b.floor());
      same(a.round(), b.round());
      same(a.abs(), b.abs());
    }),
    RUNS
  );
});

test("rounding a computed figure, as the sheets and the pane do", () => {
  fc.assert(
    fc.property(operand, nonZero, places, (x, y, dp) => {
      const [a, ra] = both(x);
      const [b, rb] = both(y);
      same(a.div(b).times(100).toDecimalPlaces(dp), ra.div(rb).times(100).toDecimalPlaces(dp));
      expect(a.div(b).toFixed(dp)).toBe(ra.div(rb).toFixed(dp));
      same(a.div(b).toSignificantDigits(10), ra.div(rb).toSignificantDigits(10));
    }),
    RUNS
  );
});

test("integer powers, of ten as the code takes them and of any base", () => {
  fc.assert(
    fc.property(
      fc.integer({ min: -30, max: 30 }),
      operand,
      fc.integer({ min: 0, max: 6 }),
      (n, s, k) => {
        same(new Dec(10).pow(n), new Ref(10).pow(n));
        const [a, b] = both(s);
        if (!a.isZero()) same(a.pow(k), b.pow(k));
      }
    ),
    RUNS
  );
});

test("the fourth root is decimal.js's power of 1/4, for the growth a year's figures give", () => {
  const positive = nonZero.map((s) => s.replace(/^-/, ""));
  fc.assert(
    fc.property(positive, positive, (x, y) => {
      const [a, ra] = both(x);
      same(a.root(4), ra.pow(new Ref(1).div(4)));
      const [b, rb] = both(y);
      const growth = a.div(b).root(4).minus(1);
      const reference = ra.div(rb).pow(new Ref(1).div(4)).minus(1);
      same(growth, reference);
      expect(growth.toDecimalPlaces(3).toNumber()).toBe(reference.toDecimalPlaces(3).toNumber());
    }),
    RUNS
  );
});
