import {
  callsKc,
  findKcCalls,
  referencedSheets,
  renameSheetRefs,
} from "../../../src/taskpane/formula-text";
import { findKcCall } from "../../../src/taskpane/trace";

describe("KC calls in a formula", () => {
  test("every call, in order, nested or mixed with native functions and references", () => {
    expect(
      findKcCalls('=KC.VALUE("revenue.total","2026Q1")*2-kc.value(A1,"LQ")+SUM(B1:B3)')
    ).toEqual([
      {
        fn: "VALUE",
        args: [
          { kind: "text", value: "revenue.total" },
          { kind: "text", value: "2026Q1" },
        ],
      },
      {
        fn: "VALUE",
        args: [
          { kind: "ref", ref: "A1" },
          { kind: "text", value: "LQ" },
        ],
      },
    ]);
    expect(findKcCalls('=KC.GROWTH(KC.VALUE("x"),"LQ")').map((c) => c.fn)).toEqual([
      "GROWTH",
      "VALUE",
    ]);
    expect(findKcCalls('=KC.SERIES({"revenue.total";"bs.cash"})')[0].args).toEqual([
      { kind: "ref", ref: '{"revenue.total";"bs.cash"}' },
    ]);
  });

  test("text that merely mentions KC, and names that end in KC, are not calls", () => {
    expect(findKcCalls('="KC.VALUE(""revenue.total"")"&A1')).toEqual([]);
    expect(findKcCalls("=MYKC.VALUE(1)+X.KC.VALUE(2)")).toEqual([]);
    expect(callsKc('="=KC.VALUE(1)"')).toBe(false);
    expect(callsKc("KC.VALUE(1)")).toBe(false);
    expect(callsKc(42)).toBe(false);
    expect(callsKc("=1+KC.FX()")).toBe(true);
    expect(findKcCall('=IF(A1,"KC.FX()",KC.FX())')).toEqual({ fn: "FX", args: [] });
  });
});

describe("sheet references", () => {
  test("quoted and plain names; not #REF!, text literals or other workbooks", () => {
    expect(
      referencedSheets(
        "='KC Balance Sheet'!C7+Notes!A1+'It''s'!B2-#REF!A1+'[Book.xlsx]Other'!A1+[1]Ext!A1"
      )
    ).toEqual(["KC Balance Sheet", "Notes", "It's"]);
    expect(referencedSheets("=\"Notes!A1\"&'KC Checks'!D4")).toEqual(["KC Checks"]);
  });

  test("renamed as Excel matches names, ignoring case, quoted where needed", () => {
    const renames = new Map([
      ["KC Balance Sheet", "KC Balance Sheet (share)"],
      ["notes", "Notes2"],
    ]);
    expect(
      renameSheetRefs(
        "='kc balance sheet'!C7+Notes!A1:Notes!B2+Other!A1&\"'KC Balance Sheet'!C7\"",
        renames
      )
    ).toBe("='KC Balance Sheet (share)'!C7+Notes2!A1:Notes2!B2+Other!A1&\"'KC Balance Sheet'!C7\"");
  });
});
