import fc from "fast-check";
import { Financials } from "../../../src/core/financials";
import { bundledDataset } from "../../../src/data/load";
import { Dec } from "../../../src/domain/decimal";
import { FORMATS } from "../../../src/sheets/types";
import {
  describeAnswer,
  formatFraction,
  formatNumber,
  formatValue,
} from "../../../src/taskpane/number-format";

/** Values shown as the tabs' number formats show them in Excel. Figures typed from the release. */

const show = (v: string | number, format: string | undefined) => formatValue(new Dec(v), format);

describe("formatValue", () => {
  test("text is shown as it is, whatever the format", () => {
    expect(formatValue("n.m.", FORMATS.growth)).toBe("n.m.");
    expect(formatValue("ALL CHECKS PASS", undefined)).toBe("ALL CHECKS PASS");
  });

  test("thousands: grouped, negatives in parentheses, zero a dash", () => {
    expect(show(2703732, FORMATS.thousands)).toBe("2,703,732");
    expect(show(-2357984, FORMATS.thousands)).toBe("(2,357,984)");
    expect(show(100, FORMATS.thousands)).toBe("100");
    expect(show(0, FORMATS.thousands)).toBe("-");
    expect(show(-15591688, FORMATS.thousands)).toBe("(15,591,688)");
  });

  test("rounded half away from zero, as Excel shows a cell", () => {
    expect(show("391958.8286", FORMATS.thousands)).toBe("391,959");
    expect(show("1234.5", FORMATS.thousands)).toBe("1,235");
    expect(show("-1234.5", FORMATS.thousands)).toBe("(1,235)");
  });

  test("millions to a tenth: (190.55) shows (190.6), as the release prints it", () => {
    expect(show("2703.732", FORMATS.millions)).toBe("2,703.7");
    expect(show("-190.55", FORMATS.millions)).toBe("(190.6)");
    expect(show("747.506", FORMATS.millions)).toBe("747.5");
    expect(show("3000", FORMATS.millions)).toBe("3,000.0");
  });

  test("per share to the cent, in US$ to the hundredth of a cent", () => {
    // (343,820) × 1000 / 4,555,310,453: the release prints (0.08).
    expect(show("-0.07547674380207605", FORMATS.perShare)).toBe("(0.08)");
    expect(show("-0.010942174087646096", FORMATS.perShareFine)).toBe("(0.0109)");
    expect(show("0.5", FORMATS.perShare)).toBe("0.50");
  });

  test("counts whole and grouped", () => {
    expect(show(4555310453, FORMATS.shares)).toBe("4,555,310,453");
    expect(show(15, FORMATS.shares)).toBe("15");
    expect(show("299369664.5", FORMATS.shares)).toBe("299,369,665");
  });

  test("percentages and growth to a tenth of a point, negatives in parentheses", () => {
    expect(show("0.37246881562576618915", FORMATS.growth)).toBe("37.2%");
    expect(show("-0.020879000299487178", FORMATS.growth)).toBe("(2.1%)");
    expect(show("0.2764719284307764", FORMATS.percent)).toBe("27.6%");
    expect(show("-0.1271279845783532", FORMATS.percent)).toBe("(12.7%)");
    expect(show(0, FORMATS.percent)).toBe("0.0%");
    expect(show("1.1095774285321178", FORMATS.percent)).toBe("111.0%");
    expect(show("12.5", FORMATS.growth)).toBe("1,250.0%");
  });

  test("a change in points says pts", () => {
    expect(show("0.114", FORMATS.points)).toBe("11.4% pts");
    expect(show("-0.034", FORMATS.points)).toBe("(3.4% pts)");
  });

  test("the rate to four places", () => {
    expect(show("6.898", FORMATS.rate)).toBe("6.8980");
  });

  test("a chart axis's formats: zero is 0, negatives in parentheses where the format says so", () => {
    expect(show(2500000, "#,##0;(#,##0)")).toBe("2,500,000");
    expect(show(-250000, "#,##0;(#,##0)")).toBe("(250,000)");
    expect(show(0, "#,##0;(#,##0)")).toBe("0");
    expect(show("2500.25", "#,##0.0;(#,##0.0)")).toBe("2,500.3");
    expect(show("-0.5", "#,##0.0;(#,##0.0)")).toBe("(0.5)");
    expect(show("0.3", "0%")).toBe("30%");
    expect(show("0.125", "0%")).toBe("13%");
    expect(show(0, "0%")).toBe("0%");
    // "0%" has no section for negatives: Excel shows a minus.
    expect(show("-0.05", "0%")).toBe("-5%");
  });

  test("any other format (a check, none): the number as computed, to ten significant digits", () => {
    expect(show(0, FORMATS.check)).toBe("0");
    expect(show(-1, FORMATS.check)).toBe("-1");
    expect(show(194, undefined)).toBe("194");
    expect(show("0.33333333333333333", undefined)).toBe("0.3333333333");
    expect(show("-0", undefined)).toBe("0");
  });

  test("an amount's text always reads back to the amount rounded to the format's places", () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), (n) => {
        const text = show(n, FORMATS.thousands);
        if (n === 0) return text === "-";
        const back = Number(text.replace(/[(),]/g, "")) * (text.startsWith("(") ? -1 : 1);
        return back === n;
      })
    );
  });
});

describe("describeAnswer", () => {
  const fin = new Financials(bundledDataset());
  const described = (id: string, period: string, currency?: string, unit?: string) =>
    describeAnswer(fin.value(id, period, currency, unit));

  test("an amount in the unit asked, with currency and unit", () => {
    expect(described("ng.adjusted_ebitda", "2026Q1", "RMB", "thousands")).toBe(
      "747,506 (RMB thousands)"
    );
    expect(described("revenue.total", "2026Q1", "RMB", "millions")).toBe("2,703.7 (RMB millions)");
    expect(described("is.cor.idc", "2026Q1", "RMB", "millions")).toBe("(911.1) (RMB millions)");
    expect(described("revenue.total", "2026Q1", "USD", "units")).toBe("391,959,000 (US$ units)");
  });

  test("US$ the release does not print says it was converted at the release's rate", () => {
    // 1,969,977 / 6.8980 = 285,587.2…
    expect(described("revenue.total", "2025Q1", "USD", "thousands")).toBe(
      "285,587 (US$ thousands, converted at the release's rate)"
    );
    expect(described("is.eps_basic_diluted", "2026Q1", "USD")).toBe("(0.01) (US$ per share)");
  });

  test("a percentage alone; the rate as printed; a count of shares", () => {
    expect(described("ng.adjusted_ebitda_margin", "2026Q1")).toBe("27.6%");
    expect(described("fx.rmb_per_usd", "2026-03-31")).toBe("6.898 (RMB per US$)");
    expect(described("is.shares_basic_diluted", "2026Q1")).toBe("4,555,310,453 (shares)");
  });
});

describe("formatFraction and formatNumber", () => {
  test("a fraction as the tabs show a percentage", () => {
    expect(formatFraction(0.372)).toBe("37.2%");
    expect(formatFraction(-0.176)).toBe("(17.6%)");
    expect(formatFraction(0)).toBe("0.0%");
  });

  test("a number of unknown format: grouped, with the decimals it has, to ten digits", () => {
    expect(formatNumber(2703732)).toBe("2,703,732");
    expect(formatNumber(-343720)).toBe("-343,720");
    expect(formatNumber(1234567.891)).toBe("1,234,567.891");
    expect(formatNumber(1 / 3)).toBe("0.3333333333");
    expect(formatNumber(0)).toBe("0");
    expect(formatNumber(6.898)).toBe("6.898");
  });
});

test("a figure that rounds to nothing is 0.0 or (0.0), as Excel's sections show it; only nil is -", () => {
  // US$14 thousand (non-controlling interests, Q1 2026) in US$ millions.
  expect(formatValue(new Dec("0.014"), FORMATS.millions)).toBe("0.0");
  expect(formatValue(new Dec("-0.014"), FORMATS.millions)).toBe("(0.0)");
  expect(formatValue(new Dec(0), FORMATS.millions)).toBe("-");
});
