import fc from "fast-check";
import { Financials } from "../../../src/core/financials";
import { bundledDataset } from "../../../src/data/load";
import { SheetBuilder } from "../../../src/sheets/builder";
import { buildModel } from "../../../src/sheets/model";
import { LOOKS } from "../../../src/sheets/styles";
import type { SheetPlan } from "../../../src/sheets/types";
import { DEFAULT_OPTIONS, FORMATS, TAB_NAMES } from "../../../src/sheets/types";
import { asText, cellKeys, footprint, sheetWrites } from "../../../src/taskpane/sheet-cells";

/** A plan turned into the blocks Office.js takes, and the footprint a rebuild recognises. */

describe("asText", () => {
  test("a label that Excel would read as a formula or a sign gets Excel's text marker", () => {
    expect(asText("=SUM(A1)")).toBe("'=SUM(A1)");
    expect(asText("+86 (10) 6292-7777")).toBe("'+86 (10) 6292-7777");
    expect(asText("- Share-based compensation expenses")).toBe(
      "'- Share-based compensation expenses"
    );
    expect(asText("@risk")).toBe("'@risk");
  });

  test("behind white space or invisible characters, and in full-width and small forms too", () => {
    expect(asText("  =1")).toBe("'  =1");
    expect(asText("\u200B=1")).toBe("'\u200B=1");
    expect(asText("\uFEFF+1")).toBe("'\uFEFF+1");
    expect(asText("\uFF1D1")).toBe("'\uFF1D1");
    expect(asText("\uFE62x")).toBe("'\uFE62x");
    expect(asText("\uFF0D5")).toBe("'\uFF0D5");
  });

  test("a leading apostrophe is kept by doubling it; anything else stands as it is", () => {
    expect(asText("'quoted")).toBe("''quoted");
    expect(asText("Total revenues")).toBe("Total revenues");
    expect(asText("Shareholders’ equity")).toBe("Shareholders’ equity");
    expect(asText("Net loss (1)")).toBe("Net loss (1)");
    expect(asText("")).toBe("");
  });

  test("any label that is changed is changed only by one leading apostrophe", () => {
    fc.assert(
      fc.property(fc.string(), (label) => {
        const t = asText(label);
        return t === label || t === `'${label}`;
      })
    );
  });
});

/** A small tab: title, two headers, an indented label, an input, a total and a number. */
function smallPlan(): SheetPlan {
  const b = new SheetBuilder("operating");
  b.top("Title", [], ["Q4\n2025", "Q1\n2026"]);
  const r = b.label("=looks like a formula", { indent: 1 });
  b.put(
    r,
    1,
    { op: "kc", fn: "VALUE", args: ["fx.rmb_per_usd", "2026-03-31"] },
    "input",
    FORMATS.rate
  );
  b.put(
    r,
    2,
    { op: "ref", at: { tab: "income_statement", row: 7, col: 3 } },
    "link",
    FORMATS.thousands
  );
  const t = b.label("Total", { total: true });
  b.put(t, 1, { op: "sum", from: b.ref(4, 1), to: b.ref(4, 2) }, "total");
  b.put(t, 2, 15, "calc");
  return b.plan([30, 12, 12, 20], { rows: 4, columns: 1 }, "release.txt · dataset v1");
}

describe("sheetWrites", () => {
  const w = sheetWrites(smallPlan(), { names: TAB_NAMES });

  test("one block over the used rectangle, as wide as the widths given", () => {
    expect(w.address).toBe("A1:D6");
    expect(w.values).toHaveLength(6);
    expect(w.values[0]).toHaveLength(4);
  });

  test("literals as values (labels as text), formulas rendered, formats where set, null elsewhere", () => {
    expect(w.values[0]).toEqual(["Title", null, null, null]);
    expect(w.values[3]).toEqual(["", "Q4\n2025", "Q1\n2026", null]);
    expect(w.values[4]).toEqual(["'=looks like a formula", null, null, null]);
    expect(w.values[5]).toEqual(["Total", null, 15, null]);
    expect(w.formulas[4]).toEqual([
      null,
      '=KC.VALUE("fx.rmb_per_usd","2026-03-31")',
      "='KC Income Statement'!D8",
      null,
    ]);
    expect(w.formulas[5]).toEqual([null, "=SUM(B5:C5)", null, null]);
    expect(w.formats[4]).toEqual([null, FORMATS.rate, FORMATS.thousands, null]);
    expect(w.formats[5]).toEqual([null, null, null, null]);
  });

  test("each look with the areas it covers; a plain label has none", () => {
    const areasOf = (style: keyof typeof LOOKS) =>
      w.looks.find((l) => JSON.stringify(l.look) === JSON.stringify(LOOKS[style]))?.areas;
    expect(areasOf("title")).toEqual(["A1"]);
    expect(areasOf("header")).toEqual(["A4:C4"]);
    expect(areasOf("input")).toEqual(["B5"]);
    expect(areasOf("link")).toEqual(["C5"]);
    expect(areasOf("total-label")).toEqual(["A6"]);
    expect(areasOf("total")).toEqual(["B6"]);
    expect(areasOf("calc")).toEqual(["C6"]);
    expect(areasOf("label")).toBeUndefined();
  });

  test("indents by level, widths in runs of equal width, tall rows, freeze and print", () => {
    expect(w.indents).toEqual([{ level: 1, areas: ["A5"] }]);
    expect(w.widths).toEqual([
      { columns: "A:A", width: 30 },
      { columns: "B:C", width: 12 },
      { columns: "D:D", width: 20 },
    ]);
    expect(w.heights).toEqual([{ rows: "4:4", points: 33 }]);
    expect(w.freeze).toEqual({ rows: 4, columns: 1 });
    expect(w.print.footer).toEqual({
      left: "&A",
      center: "release.txt · dataset v1",
      right: "Page &P of &N",
    });
    expect(w.print.area).toBe("A1:C6");
  });

  test("links name the tabs as the workbook names them", () => {
    const renamed = sheetWrites(smallPlan(), {
      names: { ...TAB_NAMES, income_statement: "~KC build 0badc0de 1" },
    });
    expect(renamed.formulas[4][2]).toBe("='~KC build 0badc0de 1'!D8");
  });

  test("the model's income statement: the release's lines and inputs where the plan has them", () => {
    const model = buildModel(new Financials(bundledDataset()), DEFAULT_OPTIONS);
    const plan = model.plans.find((p) => p.key === "income_statement")!;
    const is = sheetWrites(plan, { names: TAB_NAMES });
    expect(is.address).toBe("A1:I74");
    expect(is.values[5][0]).toBe("Public cloud services");
    expect(is.formulas[5][5]).toBe('=KC.VALUE("revenue.public","2026Q1","RMB","thousands")');
    expect(is.formulas[7][5]).toBe("=F6+F7");
    expect(is.values[7][2]).toBe("n.a.");
    expect(is.widths).toEqual([
      { columns: "A:A", width: 40 },
      { columns: "B:I", width: 15 },
    ]);
  });
});

describe("footprint and cellKeys", () => {
  test("the cells a plan writes, merged into rectangles", () => {
    const b = new SheetBuilder("checks");
    for (const [r, c] of [
      [0, 0],
      [0, 1],
      [1, 0],
      [1, 1],
      [3, 2],
      [3, 4],
    ])
      b.put(r, c, "x", "label");
    expect(footprint(b.plan([], { rows: 0, columns: 0 }, "release.txt · dataset v1"))).toBe(
      "A1:B2,C4,E4"
    );
  });

  test("cellKeys reads the footprint back to the very cells the plan writes", () => {
    const plan = smallPlan();
    const keys = cellKeys(footprint(plan));
    expect(keys).toEqual(new Set(plan.cells.map((c) => `${c.row},${c.col}`)));
  });

  test("A1 areas to 0-based row,col keys", () => {
    expect(cellKeys("A1")).toEqual(new Set(["0,0"]));
    expect(cellKeys("B2:C3,E1")).toEqual(new Set(["1,1", "1,2", "2,1", "2,2", "0,4"]));
    expect(cellKeys("AA10")).toEqual(new Set(["9,26"]));
  });

  test("a list that is malformed or larger than any plan is not trusted", () => {
    for (const bad of ["", "a1", "$A$1", "B2:A1", "A1,,B2", "A1:B", "Sheet1!A1", "A1:XFD1048576"])
      expect(`${bad}: ${cellKeys(bad)}`).toBe(`${bad}: undefined`);
    expect(cellKeys("A1:A100000")?.size).toBe(100000);
    expect(cellKeys("A1:A100001")).toBeUndefined();
    expect(cellKeys("A1:A50000,B1:B50001")).toBeUndefined();
  });
});
