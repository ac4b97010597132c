/**
 * All arithmetic on figures goes through this Dec: an exact decimal on BigInt, far more digits
 * than any figure has, and half-up (away from zero) rounding, the convention of the release's
 * one-decimal percentages. It behaves as decimal.js configured with precision 40 and
 * ROUND_HALF_UP (the library it replaces, kept to test it against), at a fraction of the bundle:
 * every result of an operation is rounded to 40 significant digits, and figures print as
 * decimal.js prints them.
 */

/** Significant digits every result is rounded to. */
const PRECISION = 40;
/** decimal.js prints in exponential notation from these exponents on (toExpNeg, toExpPos). */
const EXP_NEG = -7;
const EXP_POS = 21;

/** How a value rounds, by decimal.js's numbers: towards -Infinity (3) or half away from zero (4). */
type Rounding = 3 | 4;

/** What a Dec is made from: another Dec, a decimal string ("-12.5", "1e-7") or a finite number. */
export type DecValue = Dec | string | number;

const DECIMAL = /^([+-])?(\d+(?:\.\d*)?|\.\d+)(?:e([+-]?\d+))?$/i;

const TEN = BigInt(10);
const ZERO = BigInt(0);
const ONE = BigInt(1);
const TWO = BigInt(2);

function pow10(n: number): bigint {
  return TEN ** BigInt(n);
}

function digitCount(c: bigint): number {
  return c.toString().length;
}

/** Integer nth root, floor(a^(1/n)), by Newton's method from a guess above the root. */
function integerRoot(a: bigint, n: number): bigint {
  if (a < TWO) return a;
  const big = BigInt(n);
  let x = ONE << BigInt(Math.ceil(a.toString(2).length / n));
  for (;;) {
    const y = ((big - ONE) * x + a / x ** (big - ONE)) / big;
    if (y >= x) return x;
    x = y;
  }
}

export class Dec {
  /** The rounding modes a Dec rounds by, numbered as in decimal.js: figures round half up. */
  static readonly ROUND_FLOOR = 3;
  static readonly ROUND_HALF_UP = 4;
  static readonly precision = PRECISION;

  /**
   * The value is sign × coefficient × 10^exponent, the coefficient without trailing zeros (zero
   * has exponent 0): equal values have equal fields. The sign is kept on zero, as decimal.js keeps
   * it (-0 becomes the number -0), so a product or a rounding to zero keeps the sign it had.
   */
  private readonly s: 1 | -1;
  private readonly c: bigint;
  private readonly e: number;

  constructor(value: DecValue);
  /** From exact parts, coefficient × 10^exponent: Dec's own arithmetic builds its results so. */
  constructor(value: DecValue | bigint, sign?: 1 | -1, exponent?: number);
  constructor(value: DecValue | bigint, sign: 1 | -1 = 1, exponent = 0) {
    if (typeof value === "bigint") {
      let c = value;
      let e = exponent;
      if (c === ZERO) e = 0;
      else while (c % TEN === ZERO) ((c /= TEN), e++);
      this.s = sign;
      this.c = c;
      this.e = e;
      return;
    }
    if (value instanceof Dec) {
      this.s = value.s;
      this.c = value.c;
      this.e = value.e;
      return;
    }
    if (typeof value === "number") {
      if (!Number.isFinite(value))
        throw new RangeError(`A figure must be a finite number, not ${value}`);
      // A number reads as it prints (0.1 is 0.1, not the double's binary expansion), as in
      // decimal.js; only -0 prints without its sign.
      if (Object.is(value, -0)) {
        this.s = -1;
        this.c = ZERO;
        this.e = 0;
        return;
      }
    }
    const m = DECIMAL.exec(String(value));
    if (!m)
      throw new SyntaxError(
        `"${value}" is not a decimal: expected an optional sign, digits with an optional point and an optional exponent, as in -1234.5 or 1.2e-7`
      );
    const [whole, fraction = ""] = m[2].split(".");
    const parsed = new Dec(
      BigInt(whole + fraction),
      m[1] === "-" ? -1 : 1,
      Number(m[3] ?? 0) - fraction.length
    );
    this.s = parsed.s;
    this.c = parsed.c;
    this.e = parsed.e;
  }

  /** The exponent of the leading digit, as in 1.23e+5 (0 for zero). */
  private get leading(): number {
    return this.c === ZERO ? 0 : this.e + digitCount(this.c) - 1;
  }

  /** Rounds away the digits below 10^place by `mode`. */
  private roundAt(place: number, mode: Rounding): Dec {
    if (this.e >= place) return this;
    const drop = place - this.e;
    const unit = pow10(drop);
    const kept = this.c / unit;
    const rest = this.c % unit;
    const up = mode === Dec.ROUND_HALF_UP ? rest * TWO >= unit : rest !== ZERO && this.s < 0;
    return new Dec(up ? kept + ONE : kept, this.s, place);
  }

  /** Rounds half up to `digits` significant digits. */
  private roundDigits(digits: number): Dec {
    return this.roundAt(this.leading - digits + 1, Dec.ROUND_HALF_UP);
  }

  private static sum(a: Dec, b: Dec): Dec {
    // decimal.js returns the one operand that is not zero as it is, and the sum of two zeros is
    // -0 only when both are.
    if (b.c === ZERO) return a.s === b.s || a.c !== ZERO ? a.roundDigits(PRECISION) : new Dec(0);
    if (a.c === ZERO) return b.roundDigits(PRECISION);
    const e = Math.min(a.e, b.e);
    const total = BigInt(a.s) * a.c * pow10(a.e - e) + BigInt(b.s) * b.c * pow10(b.e - e);
    if (total === ZERO) return new Dec(0);
    return new Dec(total < ZERO ? -total : total, total < ZERO ? -1 : 1, e).roundDigits(PRECISION);
  }

  plus(other: DecValue): Dec {
    return Dec.sum(this, new Dec(other));
  }

  minus(other: DecValue): Dec {
    return Dec.sum(this, new Dec(other).neg());
  }

  times(other: DecValue): Dec {
    const b = new Dec(other);
    return new Dec(this.c * b.c, this.s === b.s ? 1 : -1, this.e + b.e).roundDigits(PRECISION);
  }

  /** The quotient rounded to 40 significant digits; a zero divisor throws (decimal.js would give Infinity). */
  div(other: DecValue): Dec {
    const b = new Dec(other);
    if (b.c === ZERO) throw new RangeError(`Cannot divide ${this.toString()} by zero`);
    const sign = this.s === b.s ? 1 : -1;
    if (this.c === ZERO) return new Dec(ZERO, sign);
    // One digit past the precision, exact: half-up rounding needs nothing further.
    const shift = Math.max(0, PRECISION + 1 + digitCount(b.c) - digitCount(this.c));
    const quotient = (this.c * pow10(shift)) / b.c;
    return new Dec(quotient, sign, this.e - b.e - shift).roundDigits(PRECISION);
  }

  /** This to an integer power, as decimal.js computes it: 10^-3 is 0.001 exactly. */
  pow(exponent: number): Dec {
    if (!Number.isInteger(exponent))
      throw new RangeError(`pow takes a whole exponent, not ${exponent}; for a root use root()`);
    // decimal.js gives NaN for 0 to any power but 0: never a figure.
    if (this.c === ZERO && exponent !== 0)
      throw new RangeError(`pow takes a base other than zero, not ${this.toString()}`);
    const n = Math.abs(exponent);
    const power = new Dec(this.c ** BigInt(n), this.s < 0 && n % 2 === 1 ? -1 : 1, this.e * n);
    return exponent < 0 ? new Dec(1).div(power) : power.roundDigits(PRECISION);
  }

  /** The positive nth root of a positive value, rounded to 40 significant digits. */
  root(n: number): Dec {
    if (!Number.isInteger(n) || n < 1)
      throw new RangeError(`root takes a whole degree of 1 or more, not ${n}`);
    if (this.s < 0 || this.c === ZERO)
      throw new RangeError(`root takes a positive value, not ${this.toString()}`);
    // Scale by 10^(n·k) so that the integer root has a digit past the precision and is exact
    // to its last digit: floor(root(c·10^(e+n·k))) = floor(root(this)·10^k).
    const wanted = PRECISION + 1 - Math.floor(this.leading / n) + 1;
    const k = Math.max(wanted, Math.ceil(-this.e / n));
    const scaled = this.c * pow10(this.e + n * k);
    return new Dec(integerRoot(scaled, n), 1, -k).roundDigits(PRECISION);
  }

  abs(): Dec {
    return new Dec(this.c, 1, this.e).roundDigits(PRECISION);
  }

  private neg(): Dec {
    return new Dec(this.c, this.s === 1 ? -1 : 1, this.e);
  }

  /** Rounded to `places` decimals, half away from zero. */
  toDecimalPlaces(places: number, rounding: Rounding = Dec.ROUND_HALF_UP): Dec {
    return this.roundAt(-places, rounding);
  }

  toSignificantDigits(digits: number): Dec {
    return this.roundDigits(digits);
  }

  floor(): Dec {
    return this.roundAt(0, Dec.ROUND_FLOOR);
  }

  round(): Dec {
    return this.roundAt(0, Dec.ROUND_HALF_UP);
  }

  /** -1, 0 or 1 as this is below, equal to or above `other` (-0 equals 0). */
  comparedTo(other: DecValue): number {
    const b = new Dec(other);
    const sa = this.c === ZERO ? 0 : this.s;
    const sb = b.c === ZERO ? 0 : b.s;
    if (sa !== sb) return sa < sb ? -1 : 1;
    if (sa === 0) return 0;
    const e = Math.min(this.e, b.e);
    const x = this.c * pow10(this.e - e);
    const y = b.c * pow10(b.e - e);
    return x === y ? 0 : (x < y ? -1 : 1) * sa;
  }

  eq(other: DecValue): boolean {
    return this.comparedTo(other) === 0;
  }

  lt(other: DecValue): boolean {
    return this.comparedTo(other) < 0;
  }

  lte(other: DecValue): boolean {
    return this.comparedTo(other) <= 0;
  }

  gt(other: DecValue): boolean {
    return this.comparedTo(other) > 0;
  }

  gte(other: DecValue): boolean {
    return this.comparedTo(other) >= 0;
  }

  isZero(): boolean {
    return this.c === ZERO;
  }

  /** True for -0 too, as in decimal.js. */
  isNegative(): boolean {
    return this.s < 0;
  }

  /** Decimals after the point, trailing zeros aside. */
  decimalPlaces(): number {
    return Math.max(0, -this.e);
  }

  /** Significant digits, trailing zeros aside (1 for zero). */
  sd(): number {
    return this.c === ZERO ? 1 : digitCount(this.c);
  }

  /** The double nearest the printed value (the number -0 for a negative zero). */
  toNumber(): number {
    return Number(this.valueOf());
  }

  /** Normal notation with no sign, padded to `places` decimals when given. */
  private unsigned(exponential: boolean, places?: number): string {
    const digits = this.c.toString();
    const lead = this.leading;
    if (exponential) {
      const mantissa = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
      return `${mantissa}e${lead < 0 ? "" : "+"}${lead}`;
    }
    let text: string;
    if (this.e >= 0) text = digits + "0".repeat(this.e);
    else if (lead < 0) text = `0.${"0".repeat(-lead - 1)}${digits}`;
    else text = `${digits.slice(0, lead + 1)}.${digits.slice(lead + 1)}`;
    if (places === undefined || places <= 0) return text;
    const have = Math.max(0, -this.e);
    return (have === 0 ? `${text}.` : text) + "0".repeat(places - have);
  }

  /** As decimal.js prints: exponential from 1e-7 down and 1e+21 up; -0 as 0. */
  toString(): string {
    const text = this.unsigned(this.leading <= EXP_NEG || this.leading >= EXP_POS);
    return this.s < 0 && this.c !== ZERO ? `-${text}` : text;
  }

  /**
   * Normal notation, rounded half up to `places` decimals when given. As in decimal.js, the sign
   * is the unrounded value's: -0.001 to 2 places is -0.00.
   */
  toFixed(places?: number): string {
    const text =
      places === undefined
        ? this.unsigned(false)
        : this.roundAt(-places, Dec.ROUND_HALF_UP).unsigned(false, places);
    return this.s < 0 && this.c !== ZERO ? `-${text}` : text;
  }

  /**
   * decimal.js's valueOf and toJSON: toString, but -0 keeps its sign. JSON.stringify and Jest
   * print a Dec by it, and `+dec` reads it, as they did decimal.js's.
   */
  valueOf(): string {
    const text = this.unsigned(this.leading <= EXP_NEG || this.leading >= EXP_POS);
    return this.s < 0 ? `-${text}` : text;
  }

  toJSON(): string {
    return this.valueOf();
  }
}

/** Rounds half away from zero to `places` decimals, as the release rounds. */
export function roundTo(value: Dec, places: number): Dec {
  return value.toDecimalPlaces(places, Dec.ROUND_HALF_UP);
}

export function decimalPlaces(printed: string): number {
  const m = /\.(\d+)/.exec(printed);
  return m ? m[1].length : 0;
}
