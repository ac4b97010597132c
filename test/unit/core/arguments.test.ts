import {
  SEGMENT_ITEMS,
  STATEMENTS,
  parseBasis,
  parseFigure,
  parseSegment,
  parseStatement,
} from "../../../src/core/arguments";
import { KcError } from "../../../src/domain/errors";
import { thrown } from "../../helpers/thrown";

/** The KC functions' own text arguments: segment, basis, figure and statement. */

const refusal = (parse: (input: unknown) => unknown, input: unknown) => {
  const e = thrown(KcError, () => parse(input));
  expect(e.code).toBe("#VALUE!");
  return e.message;
};

describe("segment", () => {
  test("total by default; each segment by its name and the release's", () => {
    expect(parseSegment(undefined)).toBe("total");
    expect(parseSegment("All")).toBe("total");
    expect(parseSegment("Total revenues")).toBe("total");
    expect(parseSegment("public cloud services")).toBe("public");
    expect(parseSegment("Enterprise Cloud")).toBe("enterprise");
  });

  test("each segment is the revenue line the release prints for it", () => {
    expect(SEGMENT_ITEMS).toEqual({
      total: "revenue.total",
      public: "revenue.public",
      enterprise: "revenue.enterprise",
    });
  });

  test("AI is no segment, and the message says where the release puts it", () => {
    const hint =
      'is no segment: the release reports its AI business within public cloud and gives only the growth of its gross billing (KC.GROWTH("AI gross billing")); segments are total, public, enterprise';
    expect(refusal(parseSegment, "AI")).toBe(`"AI" ${hint}`);
    expect(refusal(parseSegment, "ai revenues")).toBe(`"ai revenues" ${hint}`);
  });

  test("a typo names the segment meant", () => {
    expect(refusal(parseSegment, "pubic")).toBe(
      'Unknown segment "pubic"; did you mean "public"? Expected total, public, enterprise'
    );
  });
});

describe("basis", () => {
  test("year-over-year by default; each way of saying either", () => {
    expect(parseBasis("")).toBe("yoy");
    for (const yoy of ["YoY", "y/y", "Year-over-year", "year over year", "annual"])
      expect(parseBasis(yoy)).toBe("yoy");
    for (const qoq of ["QoQ", "q/q", "quarter-over-quarter", "Sequential", "quarter"])
      expect(parseBasis(qoq)).toBe("qoq");
  });

  test("the message lists the bases as analysts write them", () => {
    expect(refusal(parseBasis, "yoyy")).toBe(
      'Unknown basis "yoyy"; did you mean "YoY"? Expected YoY, QoQ'
    );
    expect(refusal(parseBasis, 4)).toBe("Basis must be text, not the number 4; expected YoY, QoQ");
  });
});

describe("figure", () => {
  test("exact by default; reported as the release states it", () => {
    expect(parseFigure(null)).toBe("exact");
    expect(parseFigure("computed")).toBe("exact");
    for (const reported of ["reported", "As reported", "stated", "printed"])
      expect(parseFigure(reported)).toBe("reported");
  });

  test("anything else is refused", () => {
    expect(refusal(parseFigure, "estimated")).toBe(
      'Unknown figure "estimated"; did you mean "stated"? Expected exact, reported'
    );
  });
});

describe("statement", () => {
  test("the five statements, in the order KC.TABLE's bounds and KC.ITEMS list them", () => {
    expect(STATEMENTS).toEqual([
      "income_statement",
      "balance_sheet",
      "cash_flow",
      "non_gaap",
      "operating",
    ]);
  });

  test.each([
    ["IS", "income_statement"],
    ["P&L", "income_statement"],
    ["statement of comprehensive loss", "income_statement"],
    ["Balance Sheet", "balance_sheet"],
    ["bs", "balance_sheet"],
    ["cashflow", "cash_flow"],
    ["CF", "cash_flow"],
    ["Non-GAAP", "non_gaap"],
    ["recon", "non_gaap"],
    ["prose", "operating"],
  ])("%p is %s", (typed, statement) => {
    expect(parseStatement(typed)).toBe(statement);
  });

  test("no default: a statement must be named", () => {
    const choices = "income_statement, balance_sheet, cash_flow, non_gaap, operating";
    expect(refusal(parseStatement, undefined)).toBe(
      `Statement must be text, not an empty cell; expected ${choices}`
    );
    expect(refusal(parseStatement, "")).toBe(`Unknown statement ""; Expected ${choices}`);
    expect(refusal(parseStatement, "incme statement")).toBe(
      `Unknown statement "incme statement"; did you mean "income_statement"? Expected ${choices}`
    );
  });
});
