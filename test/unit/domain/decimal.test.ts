import Decimal from "decimal.js";
import { Dec, decimalPlaces, roundTo } from "../../../src/domain/decimal";

/** The Decimal every figure is computed with, and rounding as the release rounds. */

test("forty significant digits, and exact decimal arithmetic", () => {
  expect(Dec.precision).toBe(40);
  expect(new Dec(1).div(3).toString()).toBe(`0.${"3".repeat(40)}`);
  expect(new Dec("0.1").plus("0.2").toString()).toBe("0.3");
  // RMB 2,703,732 thousand at RMB6.8980 = US$1.00: forty digits, which convert back exactly.
  const usd = new Dec("2703732").div("6.8980");
  expect(usd.sd()).toBe(40);
  expect(usd.times("6.8980").toDecimalPlaces(30).toString()).toBe("2703732");
});

test("its own type: decimal.js, kept to test it against, is left as it was", () => {
  expect(Decimal.precision).toBe(20);
  expect(Decimal.rounding).toBe(Decimal.ROUND_HALF_UP);
  expect(Dec).not.toBe(Decimal);
  expect(new Dec(1)).toBeInstanceOf(Dec);
  expect(new Decimal(1)).not.toBeInstanceOf(Dec);
});

describe("roundTo: half away from zero", () => {
  test.each([
    ["0.1235", 3, "0.124"],
    ["-0.1235", 3, "-0.124"],
    ["27.55", 1, "27.6"],
    ["-0.05", 1, "-0.1"],
    ["0.04999", 1, "0"],
    ["2.5", 0, "3"],
    ["-2.5", 0, "-3"],
    ["12.8", 3, "12.8"],
  ])("%s to %d places is %s", (value, places, rounded) => {
    expect(roundTo(new Dec(value), places).toString()).toBe(rounded);
  });

  test("as the release rounds: net loss margin (343,720) / 2,703,732 is -12.7%", () => {
    expect(roundTo(new Dec(-343720).div(2703732).times(100), 1).toString()).toBe("-12.7");
    // Loss per share (343,820) thousand / 4,555,310,453 shares is (0.08).
    expect(roundTo(new Dec(-343820000).div(4555310453), 2).toString()).toBe("-0.08");
  });

  test("the rounding mode is roundTo's own: half up, where toDecimalPlaces may floor", () => {
    expect(new Dec("0.15").toDecimalPlaces(1, Dec.ROUND_FLOOR).toString()).toBe("0.1");
    expect(roundTo(new Dec("0.15"), 1).toString()).toBe("0.2");
  });
});

test("decimalPlaces counts the decimals a figure is printed with", () => {
  expect(decimalPlaces("2,703,732")).toBe(0);
  expect(decimalPlaces("12.8%")).toBe(1);
  expect(decimalPlaces("(0.08)")).toBe(2);
  expect(decimalPlaces("RMB6.8980")).toBe(4);
  expect(decimalPlaces("US$392.01 million")).toBe(2);
  expect(decimalPlaces("RMB3 billion")).toBe(0);
  expect(decimalPlaces("")).toBe(0);
  expect(decimalPlaces("5.")).toBe(0);
});

describe("edge cases, as decimal.js (precision 40, half up) gives them", () => {
  test("every result is rounded to forty significant digits, half up", () => {
    const big = new Dec("9".repeat(41));
    expect(big.toFixed()).toBe("9".repeat(41)); // read as written, as decimal.js reads it
    expect(big.plus(0).toString()).toBe("1e+41");
    expect(new Dec(1).minus("1e-50").toString()).toBe("1");
    expect(new Dec(1).plus("5e-41").toString()).toBe("1");
    expect(new Dec(1).plus("5e-40").toString()).toBe(`1.${"0".repeat(38)}1`);
    expect(new Dec(2).div(3).toString()).toBe(`0.${"6".repeat(39)}7`);
    expect(new Dec(-2).div(3).toString()).toBe(`-0.${"6".repeat(39)}7`);
    expect(new Dec(`1${"0".repeat(39)}5`).abs().toString()).toBe(`1.${"0".repeat(38)}1e+40`);
  });

  test("exponential notation from 1e-7 down and 1e+21 up, in toString but never in toFixed", () => {
    expect(new Dec("0.000001").toString()).toBe("0.000001");
    expect(new Dec("0.0000001").toString()).toBe("1e-7");
    expect(new Dec("-0.000000123").toString()).toBe("-1.23e-7");
    expect(new Dec("123456789012345678901").toString()).toBe("123456789012345678901");
    expect(new Dec("1e21").toString()).toBe("1e+21");
    expect(new Dec("1.5e21").toFixed()).toBe("1500000000000000000000");
    expect(new Dec("1e-7").toFixed(9)).toBe("0.000000100");
    expect(new Dec(1e21).toNumber()).toBe(1e21);
  });

  test("negative zero: printed as 0, a number -0, the sign kept by products and roundings", () => {
    const negZero = new Dec(-5).times(0);
    expect(negZero.toString()).toBe("0");
    expect(Object.is(negZero.toNumber(), -0)).toBe(true);
    expect(negZero.isNegative()).toBe(true);
    expect(negZero.eq(0)).toBe(true);
    expect(JSON.stringify({ v: negZero })).toBe('{"v":"-0"}');
    expect(Object.is(new Dec("-0.0004").toDecimalPlaces(3).toNumber(), -0)).toBe(true);
    expect(new Dec(3).minus(3).isNegative()).toBe(false);
    expect(negZero.plus(negZero).isNegative()).toBe(true);
    expect(negZero.plus(0).isNegative()).toBe(false);
    // toFixed signs the unrounded value: a small loss stays a loss.
    expect(new Dec("-0.001").toFixed(2)).toBe("-0.00");
    expect(negZero.toFixed(2)).toBe("0.00");
  });

  test("rounding: half away from zero, floor towards -Infinity, to places and to digits", () => {
    expect(new Dec("-2.5").round().toString()).toBe("-3");
    expect(new Dec("-2.1").floor().toString()).toBe("-3");
    expect(new Dec("2.9").floor().toString()).toBe("2");
    expect(new Dec("0.6").toDecimalPlaces(0).toString()).toBe("1");
    expect(new Dec("0.004").toDecimalPlaces(0).toString()).toBe("0");
    expect(new Dec("123456.5").toSignificantDigits(3).toString()).toBe("123000");
    expect(new Dec("0.00012345").toSignificantDigits(4).toString()).toBe("0.0001235");
    expect(new Dec("12.3400").decimalPlaces()).toBe(2);
    expect(new Dec("1.5e3").decimalPlaces()).toBe(0);
  });

  test("powers of ten exactly, and the quarterly rate's fourth root to forty digits", () => {
    expect(new Dec(10).pow(-3).toString()).toBe("0.001");
    expect(new Dec(10).pow(0).toString()).toBe("1");
    expect(new Dec(-2).pow(3).toString()).toBe("-8");
    expect(new Dec(16).root(4).toString()).toBe("2");
    expect(new Dec("1.21").root(4).toString()).toBe(
      new (Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP }))("1.21")
        .pow(0.25)
        .toString()
    );
  });

  test("numbers read as they print; anything else is refused with what was expected", () => {
    expect(new Dec(0.1).toString()).toBe("0.1");
    expect(new Dec(1 / 3).toString()).toBe("0.3333333333333333");
    expect(new Dec("+.5").toString()).toBe("0.5");
    expect(new Dec("5.").toString()).toBe("5");
    expect(() => new Dec("1,234")).toThrow(/"1,234" is not a decimal: expected/);
    expect(() => new Dec(Number.NaN)).toThrow(/finite number, not NaN/);
    expect(() => new Dec(1).div(0)).toThrow(/Cannot divide 1 by zero/);
    expect(() => new Dec(2).pow(0.5)).toThrow(/whole exponent, not 0.5; for a root use root/);
    expect(() => new Dec(-16).root(4)).toThrow(/positive value, not -16/);
  });
});
