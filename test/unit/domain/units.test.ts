import { KcError } from "../../../src/domain/errors";
import { Dec } from "../../../src/domain/decimal";
import { parseCurrency, parseUnit, scale } from "../../../src/domain/units";
import { thrown } from "../../helpers/thrown";

/** Currency and unit arguments, and the exact factor between a printed unit and a requested one. */

describe("currency", () => {
  test("RMB by default, and each way of writing either currency", () => {
    for (const empty of [undefined, null, ""]) expect(parseCurrency(empty)).toBe("RMB");
    for (const rmb of ["RMB", "rmb", "CNY", "Renminbi", " yuan "])
      expect(parseCurrency(rmb)).toBe("RMB");
    for (const usd of ["USD", "usd", "US$", "$", "US dollars", "dollar", "Dollars"])
      expect(parseCurrency(usd)).toBe("USD");
  });

  test("an unknown currency names the choices, and the closest where one is near", () => {
    const message = (input: unknown) => thrown(KcError, () => parseCurrency(input)).message;
    expect(message("EUR")).toBe('Unknown currency "EUR"; Expected RMB, USD');
    expect(message("USDD")).toBe('Unknown currency "USDD"; did you mean "USD"? Expected RMB, USD');
    expect(message(6.898)).toBe("Currency must be text, not the number 6.898; expected RMB, USD");
    expect(thrown(KcError, () => parseCurrency("EUR")).code).toBe("#VALUE!");
  });
});

describe("unit", () => {
  test("thousands by default, as the tables print; and the usual abbreviations", () => {
    for (const empty of [undefined, null, ""]) expect(parseUnit(empty)).toBe("thousands");
    for (const k of ["thousands", "Thousand", "k", "000", "000s", "'000", "in thousands"])
      expect(parseUnit(k)).toBe("thousands");
    for (const m of ["millions", "million", "M", "mm", "mn", "mln", "in millions"])
      expect(parseUnit(m)).toBe("millions");
    for (const u of ["units", "unit", "ones"]) expect(parseUnit(u)).toBe("units");
  });

  test("billions is printed (capex) but no unit to ask for", () => {
    expect(thrown(KcError, () => parseUnit("billions")).message).toBe(
      'Unknown unit "billions"; did you mean "millions"? Expected thousands, millions, units'
    );
    expect(thrown(KcError, () => parseUnit(true)).message).toBe(
      "Unit must be text, not the logical value TRUE; expected thousands, millions, units"
    );
  });
});

describe("scale: how many of the requested unit one printed unit is", () => {
  test.each([
    ["thousands", "thousands", "1"],
    ["millions", "thousands", "1000"],
    ["billions", "thousands", "1000000"],
    ["thousands", "millions", "0.001"],
    ["thousands", "units", "1000"],
    ["units", "thousands", "0.001"],
    ["billions", "millions", "1000"],
  ] as const)("%s -> %s is %s", (from, to, factor) => {
    expect(scale(from, to).toString()).toBe(factor);
  });

  test("figures of the text land exactly on the tables' thousands", () => {
    // "RMB911.1 million" of IDC costs and "RMB3 billion" of capex (release lines 20 and 9).
    expect(new Dec("911.1").times(scale("millions", "thousands")).toString()).toBe("911100");
    expect(new Dec("3").times(scale("billions", "thousands")).toString()).toBe("3000000");
    // Total revenues 2,703,732 thousand is 2,703.732 million, not a float near it.
    expect(new Dec("2703732").times(scale("thousands", "millions")).toString()).toBe("2703.732");
  });

  test("units that are no amount count as ones (the caller never scales them)", () => {
    for (const unit of ["percent", "percentage_points", "shares", "ADSs", "RMB_per_USD"] as const)
      expect(scale(unit, "units").toString()).toBe("1");
  });
});
