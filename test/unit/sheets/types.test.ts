import type { ItemKind } from "../../../src/domain/dataset";
import {
  DEFAULT_OPTIONS,
  FORMATS,
  HEADER_ROW,
  TAB_KEYS,
  TAB_NAMES,
  TAB_NEEDS,
  formatFor,
} from "../../../src/sheets/types";
import { TAB_TITLES } from "../../helpers/expected";

/** The sheet plans' shared vocabulary: tab names, what each tab links to, number formats. */

describe("formatFor", () => {
  test("amounts in the unit shown: whole thousands, millions to a tenth", () => {
    expect(formatFor("amount", "thousands")).toBe(FORMATS.thousands);
    expect(formatFor("amount", "millions")).toBe(FORMATS.millions);
    // Any other unit is shown as thousands are.
    expect(formatFor("amount", "units")).toBe(FORMATS.thousands);
  });

  test("per-share figures, counts, percentages and the rate keep their format in any unit", () => {
    const kinds: [ItemKind, string][] = [
      ["per_share", FORMATS.perShare],
      ["shares", FORMATS.shares],
      ["percent", FORMATS.percent],
      ["rate", FORMATS.rate],
    ];
    for (const unit of ["thousands", "millions"])
      for (const [kind, format] of kinds)
        expect(`${kind} ${formatFor(kind, unit)}`).toBe(`${kind} ${format}`);
  });
});

describe("FORMATS", () => {
  const sections = (f: string) => f.split(";");

  test("money: negatives in parentheses, zero a dash, positives padded to line up", () => {
    expect(FORMATS.thousands).toBe('#,##0_);(#,##0);"-"_)');
    expect(FORMATS.millions).toBe('#,##0.0_);(#,##0.0);"-"_)');
    for (const f of [FORMATS.thousands, FORMATS.millions, FORMATS.perShare, FORMATS.perShareFine]) {
      const [positive, negative, zero] = sections(f);
      expect(positive.endsWith("_)")).toBe(true);
      expect(negative).toMatch(/^\(.*\)$/);
      expect(zero).toBe('"-"_)');
    }
  });

  test("per share to the cent in RMB, to a hundredth of a cent where US$ figures are that small", () => {
    expect(sections(FORMATS.perShare)[0]).toBe("0.00_)");
    expect(sections(FORMATS.perShareFine)[0]).toBe("0.0000_)");
  });

  test("percentages to a tenth of a point; growth shows text (n.m.) too; points say pts", () => {
    expect(FORMATS.percent).toBe("0.0%_);(0.0%);0.0%_)");
    expect(sections(FORMATS.growth)).toHaveLength(4);
    expect(sections(FORMATS.growth)[3]).toBe("@_)");
    expect(sections(FORMATS.points).every((s) => s.includes('"pts"'))).toBe(true);
  });

  test("counts whole and grouped, the rate to four places, a check red unless 0", () => {
    expect(FORMATS.shares).toBe("#,##0_)");
    expect(FORMATS.rate).toBe("0.0000_)");
    const [positive, negative, zero] = sections(FORMATS.check);
    expect(positive.startsWith("[Red]")).toBe(true);
    expect(negative.startsWith("[Red]")).toBe(true);
    expect(zero).toBe("0");
    expect(FORMATS.text).toBe("@");
  });
});

describe("tabs", () => {
  test("ten tabs in workbook order, the dashboard first, each with its name", () => {
    expect(TAB_KEYS).toEqual([
      "dashboard",
      "income_statement",
      "balance_sheet",
      "cash_flow",
      "reconciliation",
      "segments",
      "operating",
      "estimates",
      "valuation",
      "checks",
    ]);
    expect(TAB_KEYS.map((k) => TAB_NAMES[k])).toEqual(TAB_TITLES);
  });

  test("each tab needs the tabs its links point to, never itself", () => {
    expect(TAB_NEEDS.cash_flow).toEqual(["balance_sheet"]);
    expect(TAB_NEEDS.reconciliation).toEqual(["income_statement", "operating"]);
    expect(TAB_NEEDS.segments).toEqual(["income_statement", "reconciliation"]);
    expect(TAB_NEEDS.balance_sheet).toEqual([]);
    expect(TAB_NEEDS.estimates).toEqual(["income_statement", "reconciliation", "operating"]);
    expect(TAB_NEEDS.valuation).toEqual(["estimates", "balance_sheet", "operating"]);
    // KC Checks gathers whatever checks the other tabs built: it brings none along.
    expect(TAB_NEEDS.checks).toEqual([]);
    for (const k of TAB_KEYS) {
      expect(TAB_NEEDS[k]).not.toContain(k);
      for (const need of TAB_NEEDS[k]) expect(TAB_KEYS).toContain(need);
    }
  });

  test("by default every tab, RMB in thousands, headers on the fourth row", () => {
    expect(DEFAULT_OPTIONS).toEqual({ currency: "RMB", unit: "thousands", tabs: TAB_KEYS });
    expect(HEADER_ROW).toBe(3);
  });
});
