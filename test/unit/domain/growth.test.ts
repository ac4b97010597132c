import fc from "fast-check";
import { Dec, roundTo } from "../../../src/domain/decimal";
import { growthRatio, pointChange } from "../../../src/domain/growth";

/**
 * Growth as the release states it (current / prior - 1), and changes of percentages in points.
 * Figures are typed from the release: the income statement (thousands) and its text's rates.
 */

/** Growth in percent to one decimal, as the text prints it. */
const percent = (current: string, prior: string) =>
  roundTo((growthRatio(new Dec(current), new Dec(prior)) as Dec).times(100), 1).toString();

describe("growthRatio", () => {
  test("revenue: increased by 37.2% year-over-year, decreased by 2.1% quarter-over-quarter", () => {
    expect(percent("2703732", "1969977")).toBe("37.2");
    expect(percent("2703732", "2761387")).toBe("-2.1");
  });

  test("a loss that grows grows: operating loss increased by 150.0%, and narrowed by 29.1%", () => {
    expect(percent("-166108", "-66450")).toBe("150");
    expect(percent("-166108", "-234201")).toBe("-29.1");
  });

  test("exact, not rounded: the ratio is a Decimal of the figures themselves", () => {
    expect(growthRatio(new Dec(2703732), new Dec(1969977))).toEqual(
      new Dec(2703732).div(1969977).minus(1)
    );
    expect(growthRatio(new Dec(5), new Dec(4))?.toString()).toBe("0.25");
  });

  test("undefined from zero, and where the sign flips", () => {
    expect(growthRatio(new Dec(100), new Dec(0))).toBeUndefined();
    expect(growthRatio(new Dec(0), new Dec(0))).toBeUndefined();
    // Adjusted operating (loss) profit: 54,586 in 2025Q4, (59,817) in 2026Q1.
    expect(growthRatio(new Dec(-59817), new Dec(54586))).toBeUndefined();
    expect(growthRatio(new Dec(54586), new Dec(-55809))).toBeUndefined();
  });

  test("falling to zero is -100%, whatever the prior sign", () => {
    // The gain on disposal: (2,110) in 2025Q1, nil ("-") in 2026Q1.
    expect(growthRatio(new Dec(0), new Dec(-2110))?.toString()).toBe("-1");
    expect(growthRatio(new Dec(0), new Dec(2110))?.toString()).toBe("-1");
  });

  test("prior x (1 + growth) gives the current figure back", () => {
    const figure = fc
      .integer({ min: 1, max: 10 ** 12 })
      .chain((n) => fc.constantFrom(new Dec(n), new Dec(-n)));
    fc.assert(
      fc.property(figure, figure, (current, prior) => {
        const g = growthRatio(current, prior);
        if (current.isNegative() !== prior.isNegative()) return g === undefined;
        return (g as Dec).plus(1).times(prior).minus(current).abs().lt("1e-25");
      })
    );
  });
});

test("pointChange: margins change in points, exactly", () => {
  // Adjusted EBITDA margin 27.6%, "increased by 11.4 percentage points" from 16.2%.
  expect(pointChange(new Dec("27.6"), new Dec("16.2")).toString()).toBe("11.4");
  // Gross margin 12.8% against 16.2%: in floats 12.8 - 16.2 is -3.3999999999999986.
  expect(pointChange(new Dec("12.8"), new Dec("16.2")).toString()).toBe("-3.4");
  expect(pointChange(new Dec("-12.7"), new Dec("-16.0")).toString()).toBe("3.3");
});
