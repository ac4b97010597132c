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

test("its own clone: the library's default Decimal is left as it was", () => {
  expect(Decimal.precision).toBe(20);
  expect(Decimal.rounding).toBe(Decimal.ROUND_HALF_UP);
  expect(Dec).not.toBe(Decimal);
  expect(new Dec(1)).toBeInstanceOf(Dec);
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

  test("the rounding mode is roundTo's own, whatever the Decimal's", () => {
    const down = Dec.clone({ rounding: Decimal.ROUND_DOWN });
    expect(roundTo(new down("0.15") as unknown as Dec, 1).toString()).toBe("0.2");
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
