import type { Basis, Currency, Fact } from "../../../src/domain/dataset";
import { FactIndex } from "../../../src/domain/facts";
import { sampleDataset } from "../../helpers/sample-dataset";

/**
 * The dataset's facts by item, table figures before the text's restatements of them. Figures are
 * typed from the release: total revenues 2026Q1 in its table (line 553, 555) and text (line 13).
 */

function fact(
  value: string,
  source: "table" | "prose",
  currency: Currency | null = "RMB",
  basis: Basis = "level",
  period = "2026Q1",
  item = "revenue.total"
): Fact {
  return {
    item,
    period,
    currency,
    value,
    unit: basis !== "level" ? "percent" : source === "table" ? "thousands" : "millions",
    basis,
    source,
    prov: {
      release: "2026Q1",
      row: "Total revenues",
      line: source === "table" ? 553 : 13,
      printed: value,
    },
  };
}

const TABLE_RMB = fact("2703732", "table");
const TABLE_USD = fact("391959", "table", "USD");
const TABLE_2025Q1 = fact("1969977", "table", "RMB", "level", "2025Q1");
const PROSE_RMB = fact("2703.7", "prose");
const PROSE_USD = fact("392.0", "prose", "USD");
const YOY = fact("37.2", "prose", null, "yoy");
const QOQ = fact("-2.1", "prose", null, "qoq");
const CASH = fact("4903797", "table", "RMB", "level", "2026-03-31", "bs.cash");

describe("a key finds its figures, table first", () => {
  const index = new FactIndex([
    TABLE_RMB,
    TABLE_USD,
    TABLE_2025Q1,
    PROSE_RMB,
    PROSE_USD,
    YOY,
    QOQ,
    CASH,
  ]);

  test("find: every figure of the item, period, currency and basis (level by default)", () => {
    expect(index.find("revenue.total", "2026Q1", "RMB")).toEqual([TABLE_RMB, PROSE_RMB]);
    expect(index.find("revenue.total", "2026Q1", "USD")).toEqual([TABLE_USD, PROSE_USD]);
    expect(index.find("revenue.total", "2026Q1", null, "yoy")).toEqual([YOY]);
    expect(index.find("revenue.total", "2026Q1", null)).toEqual([]);
    expect(index.find("revenue.total", "2025Q4", "RMB")).toEqual([]);
  });

  test("first: the table figure where there is one, else the text's", () => {
    expect(index.first("revenue.total", "2026Q1", "RMB")).toBe(TABLE_RMB);
    expect(index.first("revenue.total", "2026Q1", null, "qoq")).toBe(QOQ);
    expect(index.first("revenue.total", "2026Q1", "RMB", "yoy")).toBeUndefined();
  });

  test("table: only a table's figure", () => {
    expect(index.table("revenue.total", "2026Q1", "USD")).toBe(TABLE_USD);
    expect(new FactIndex([PROSE_RMB]).table("revenue.total", "2026Q1", "RMB")).toBeUndefined();
  });

  test("tableLevels: the item's figures as the tables print them", () => {
    expect(index.tableLevels("revenue.total")).toEqual([TABLE_RMB, TABLE_USD, TABLE_2025Q1]);
    expect(index.tableLevels("bs.cash")).toEqual([CASH]);
  });

  test("ofItem: all of an item's figures; none for an unknown item", () => {
    expect(index.ofItem("revenue.total")).toHaveLength(7);
    expect(index.ofItem("bs.goodwill")).toEqual([]);
    expect(index.ofItem("constructor")).toEqual([]);
  });
});

test("a hand-merged list is put table first, each source in its own order", () => {
  const index = new FactIndex([PROSE_USD, TABLE_RMB, YOY, TABLE_USD, PROSE_RMB]);
  expect(index.ofItem("revenue.total")).toEqual([TABLE_RMB, TABLE_USD, PROSE_USD, YOY, PROSE_RMB]);
  expect(index.first("revenue.total", "2026Q1", "USD")).toBe(TABLE_USD);
});

test("of: the index of a dataset's facts", () => {
  const index = FactIndex.of(sampleDataset());
  expect(index.first("bs.cash", "2025-12-31", "RMB")?.value).toBe("6018043");
  expect(index.first("op.ai_gross_billing", "2026Q1", null, "yoy")?.value).toBe("90");
  expect(index.find("op.ai_gross_billing", "2026Q1", null)).toEqual([]);
});
