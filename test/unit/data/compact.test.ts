import { readFileSync } from "fs";
import { resolve } from "path";
import { syntheticDataset } from "../../../bench/synthetic-dataset";
import { Financials } from "../../../src/core/financials";
import {
  CompactDataset,
  isCompact,
  loadCompact,
  packDataset,
  unpackDataset,
} from "../../../src/data/compact";
import bundled from "../../../src/data/dataset.json";
import { bundledDataset } from "../../../src/data/load";
import { DatasetShapeError, asDataset } from "../../../src/data/shape";
import { validateDataset } from "../../../src/data/validate";
import type { Dataset } from "../../../src/domain/dataset";

const ROOT = resolve(__dirname, "../../..");
const committed = (): Dataset =>
  asDataset(JSON.parse(readFileSync(resolve(ROOT, "src/data/dataset.json"), "utf8")));
/** Through JSON, as the bundle carries it. */
const packed = (ds: Dataset): CompactDataset => JSON.parse(JSON.stringify(packDataset(ds)));
const synthetic = syntheticDataset(committed(), 24);

describe("the packed dataset", () => {
  test.each([
    ["the bundled dataset", committed()],
    ["a SYNTHETIC dataset of 24 quarters", synthetic],
  ])("gives %s back, field for field and key for key", (_name, ds) => {
    const back = unpackDataset(packed(ds));
    expect(back).toStrictEqual(ds);
    expect(JSON.stringify(back)).toBe(JSON.stringify(ds));
    expect(JSON.stringify(loadCompact(packed(ds)))).toBe(JSON.stringify(ds));
  });

  test("the 24-quarter dataset holds 24 releases and every quarter of them", () => {
    expect(synthetic.sources).toHaveLength(24);
    expect(synthetic.sources.every((s) => s.file.startsWith("SYNTHETIC-"))).toBe(true);
    expect(synthetic.version).toMatch(/SYNTHETIC-24q$/);
    const quarters = new Set(synthetic.periods.map((p) => p.id));
    for (const q of ["2020Q2", "2023Q3", "2025Q4", "2026Q1", "2020-06-30", "2025-12-31"])
      expect(quarters).toContain(q);
    expect(synthetic.facts.some((f) => f.laterIn !== undefined)).toBe(true);
  });

  test("the 24-quarter dataset is a dataset: its shape, and every identity across releases", () => {
    expect(asDataset(synthetic)).toBe(synthetic);
    const { checks } = validateDataset(synthetic);
    expect(checks.length).toBeGreaterThan(6000);
    expect(checks.filter((c) => !c.pass)).toEqual([]);
  });

  test("is what the add-in loads: Jest packs dataset.json as the build does", () => {
    expect(isCompact(bundled)).toBe(true);
    expect(bundledDataset()).toStrictEqual(committed());
  });

  test("answers as the dataset does, figures made as they are asked for", () => {
    for (const ds of [committed(), synthetic]) {
      const eager = new Financials(ds);
      const lazy = new Financials(loadCompact(packed(ds)));
      for (const item of ds.items) {
        expect(lazy.facts.ofItem(item.id)).toStrictEqual(eager.facts.ofItem(item.id));
        for (const p of ds.periods)
          for (const c of ["RMB", "USD", null] as const)
            expect(lazy.facts.earlierReports(item.id, p.id, c)).toStrictEqual(
              eager.facts.earlierReports(item.id, p.id, c)
            );
      }
      expect(lazy.value("Total revenues", "LQ-1", "USD", "millions").value.toString()).toBe(
        eager.value("Total revenues", "LQ-1", "USD", "millions").value.toString()
      );
    }
  });

  test("a figure is one object however it is reached", () => {
    const ds = loadCompact(packed(committed()));
    const fin = new Financials(ds);
    const first = fin.facts.ofItem("revenue.total")[0];
    expect(ds.facts).toContain(first);
  });

  test("a packed dataset given other figures indexes them anew", () => {
    const ds = loadCompact(packed(committed()));
    ds.facts = ds.facts.filter((f) => f.item !== "revenue.total");
    expect(new Financials(ds).facts.ofItem("revenue.total")).toEqual([]);
  });

  test("refuses to pack what it would not give back", () => {
    const ds = committed();
    const odd = { ...ds, facts: [{ ...ds.facts[0], extra: 1 } as never, ...ds.facts.slice(1)] };
    expect(() => packDataset(odd)).toThrow(/"extra"/);
    const broken = structuredClone(ds);
    broken.facts[0].prov.row = "two\nlines";
    expect(() => packDataset(broken)).toThrow(/line break/);
  });
});

describe("loading a damaged packed dataset", () => {
  const ZERO = 0x101;
  const set = (col: string, k: number, v: number) =>
    col.slice(0, k) + String.fromCharCode(v + ZERO) + col.slice(k + 1);
  const damaged = (damage: (c: CompactDataset) => void) => {
    const c = packed(committed());
    damage(c);
    return () => loadCompact(c);
  };

  test.each<[string, (c: CompactDataset) => void, RegExp]>([
    ["not the packed form", (c) => delete (c as Partial<CompactDataset>).compact, /not the packed/],
    ["a value that is not a decimal", (c) => (c.values = c.values.replace(/\d/, "x")), /"value"/],
    [
      "a unit no figure has",
      (c) => {
        c.texts += "\nfurlongs";
        c.kinds.unit = set(c.kinds.unit, 0, c.texts.split("\n").length - 1);
      },
      /: "unit" is "furlongs"/,
    ],
    ["an item past the list", (c) => (c.facts.item = set(c.facts.item, 0, 999)), /itemCounts/],
    ["a period past the list", (c) => (c.facts.period = set(c.facts.period, 5, 99)), /"period"/],
    ["a text past the list", (c) => (c.kinds.release = set(c.kinds.release, 0, 9999)), /"prov" is/],
    [
      "a currency that is a row",
      (c) => (c.kinds.currency = set(c.kinds.currency, 0, 0)),
      /"currency"/,
    ],
    ["a short column", (c) => (c.facts.value = c.facts.value.slice(1)), /"value" is/],
    [
      "a kind past the list",
      (c) => (c.facts.kind = set(c.facts.kind, 2, 9999)),
      /"currency" is undefined/,
    ],
    ["a damaged list of items", (c) => (c.items[0].kind = "odd" as never), /item 1: "kind"/],
    ["items miscounted", (c) => c.itemCounts[0]++, /itemCounts/],
    [
      "a reference no figure has",
      (c) => (c.kinds.polarity = set(c.kinds.polarity, 0, 9999)),
      /"polarity"/,
    ],
  ])("refuses %s, naming it", (_name, damage, message) => {
    const load = damaged(damage);
    expect(load).toThrow(DatasetShapeError);
    expect(load).toThrow(message);
  });

  test("refuses figures out of place when they are all read", () => {
    const ds = loadCompact(
      (() => {
        const c = packed(committed());
        c.facts.at = set(c.facts.at, 1, 0);
        return c;
      })()
    );
    expect(() => ds.facts).toThrow(DatasetShapeError);
  });
});
