import JSZip from "jszip";
import { spawnSync } from "child_process";
import { mkdtempSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join, posix } from "path";
import { Dec } from "../../../src/domain/decimal";
import { Financials } from "../../../src/core/financials";
import { bundledDataset } from "../../../src/data/load";
import { modelXlsx } from "../../../src/cli/xlsx-export";
import { withDrawing } from "../../../src/cli/xlsx-charts";
import { buildModel } from "../../../src/sheets/model";
import type { CellRange, ChartPlan, SheetPlan } from "../../../src/sheets/types";
import { DEFAULT_OPTIONS } from "../../../src/sheets/types";
import { find, outOfOrder, parseXml, readChart } from "../../helpers/chart-parts";
import { needs } from "../../helpers/needs";

/**
 * The exported workbook unzipped: KC Dashboard's five charts are native chart parts, anchored
 * where the plan puts them, each series a reference to the dashboard's chart data (never a
 * constant) with the model's values cached, in the schema's order.
 */

const model = buildModel(new Financials(bundledDataset()), DEFAULT_OPTIONS);
const dashboard = model.plans.find((p) => p.key === "dashboard") as SheetPlan;
let zip: JSZip;
const part = (path: string) => zip.file(path)!.async("string");

beforeAll(async () => {
  zip = await JSZip.loadAsync(await modelXlsx(model));
});

/** A relationships part's targets by id, resolved against the part they belong to. */
async function targets(of: string): Promise<Map<string, { type: string; target: string }>> {
  const rels = parseXml(
    await part(posix.join(posix.dirname(of), "_rels", `${posix.basename(of)}.rels`))
  );
  return new Map(
    rels.children.map((r) => [
      r.attrs.Id,
      {
        type: r.attrs.Type.replace(/.*\//, ""),
        target: posix.normalize(posix.join(posix.dirname(of), r.attrs.Target)),
      },
    ])
  );
}

/** The dashboard's chart parts in the order its drawing anchors them, with their anchors. */
async function charts(): Promise<{ path: string; from: number[]; to: number[] }[]> {
  const sheet = parseXml(await part("xl/worksheets/sheet1.xml"));
  const drawingId = find(sheet, "drawing")!.attrs["r:id"];
  const drawing = (await targets("xl/worksheets/sheet1.xml")).get(drawingId)!;
  expect(drawing.type).toBe("drawing");
  const wsDr = parseXml(await part(drawing.target));
  const rels = await targets(drawing.target);
  return wsDr.children.map((anchor) => {
    expect(anchor.name).toBe("xdr:twoCellAnchor");
    const corner = (name: string) =>
      ["xdr:col", "xdr:colOff", "xdr:row", "xdr:rowOff"].map((n) =>
        Number(find(find(anchor, name)!, n)!.text)
      );
    const rel = rels.get(find(anchor, "c:chart")!.attrs["r:id"])!;
    expect(rel.type).toBe("chart");
    return { path: rel.target, from: corner("xdr:from"), to: corner("xdr:to") };
  });
}

/** 'KC Dashboard'!$B$45:$B$49 for a range of the plan. */
function reference(r: CellRange): string {
  const cell = (p: { row: number; col: number }) =>
    `$${String.fromCharCode(65 + p.col)}$${p.row + 1}`;
  const whole = r.from.row === r.to.row && r.from.col === r.to.col;
  return `'KC Dashboard'!${cell(r.from)}${whole ? "" : `:${cell(r.to)}`}`;
}

function cellsOf(r: CellRange) {
  return Array.from({ length: r.to.row - r.from.row + 1 }, (_, k) => ({
    tab: r.tab,
    row: r.from.row + k,
    col: r.from.col,
  }));
}

test("the dashboard sheet has a drawing, where the schema's order puts it, and the parts their content types", async () => {
  const names = parseXml(await part("xl/workbook.xml"));
  expect(find(names, "sheet")!.attrs.name).toBe("KC Dashboard");
  const sheet = parseXml(await part("xl/worksheets/sheet1.xml"));
  const order = sheet.children.map((c) => c.name);
  expect(order.indexOf("drawing")).toBe(order.indexOf("headerFooter") + 1);
  // No other tab has charts, so none has a drawing.
  for (let n = 2; n <= model.plans.length; n++)
    expect(await part(`xl/worksheets/sheet${n}.xml`)).not.toContain("<drawing ");
  const types = parseXml(await part("[Content_Types].xml"));
  const overrides = new Map(types.children.map((t) => [t.attrs.PartName, t.attrs.ContentType]));
  const found = await charts();
  expect(found.map((c) => overrides.get(`/${c.path}`))).toEqual(
    found.map(() => "application/vnd.openxmlformats-officedocument.drawingml.chart+xml")
  );
  expect(overrides.get("/xl/drawings/drawing1.xml")).toBe(
    "application/vnd.openxmlformats-officedocument.drawing+xml"
  );
});

test("five charts, anchored from cell to cell as the plan says", async () => {
  const found = await charts();
  expect(found.map((c) => [c.from, c.to])).toEqual(
    dashboard.charts.map((c) => [
      [c.anchor.from.col, 0, c.anchor.from.row, 0],
      [c.anchor.to.col, 0, c.anchor.to.row, 0],
    ])
  );
});

const xmllint = needs(
  "xmllint",
  spawnSync("sh", ["-c", "command -v xmllint"]).stdout.length
    ? undefined
    : "xmllint is not installed (apt-get install libxml2-utils)"
);

test("every chart part in the order of the schema's sequences", async () => {
  const found = await charts();
  expect(found).toHaveLength(5);
  for (const path of found.map((c) => c.path))
    expect(`${path}: ${outOfOrder(parseXml(await part(path))).join("; ")}`).toBe(`${path}: `);
});

xmllint.test("xmllint, a second reader, finds every new part well-formed", async () => {
  const found = await charts();
  const paths = [
    ...found.map((c) => c.path),
    "xl/drawings/drawing1.xml",
    "xl/worksheets/sheet1.xml",
  ];
  const dir = mkdtempSync(join(tmpdir(), "kc-charts-"));
  for (const [k, path] of paths.entries()) {
    const file = join(dir, `${k}.xml`);
    writeFileSync(file, await part(path));
    const r = spawnSync("xmllint", ["--noout", file], { encoding: "utf8" });
    expect(`${path}: ${r.status} ${r.stderr}`).toBe(`${path}: 0 `);
  }
});

const KINDS: Record<
  ChartPlan["kind"],
  { type: string; grouping: string; overlap?: string; barDir?: string }
> = {
  "stacked-column": { type: "c:barChart", barDir: "col", grouping: "stacked", overlap: "100" },
  bridge: { type: "c:barChart", barDir: "col", grouping: "stacked", overlap: "100" },
  "clustered-column": { type: "c:barChart", barDir: "col", grouping: "clustered", overlap: "-10" },
  line: { type: "c:lineChart", grouping: "standard" },
};

test("each chart: its kind, titles, axes, legend and colours as planned; blanks are gaps", async () => {
  const found = await charts();
  for (const [k, plan] of dashboard.charts.entries()) {
    const chart = readChart(await part(found[k].path));
    const { type, barDir, grouping, overlap } = chart;
    expect({ key: plan.key, type, barDir, grouping, overlap }).toEqual({
      key: plan.key,
      barDir: undefined,
      overlap: undefined,
      ...KINDS[plan.kind],
    });
    expect(chart.title).toBe(plan.title);
    expect(chart.valueAxisTitle).toBe(plan.valueAxis.title);
    expect(chart.valueFormat).toEqual({ code: plan.valueAxis.format, sourceLinked: "0" });
    expect(chart.categoryAxisTitle).toBe(plan.categoryAxis.title || undefined);
    expect(chart.series.map((s) => s.color)).toEqual(
      plan.series.map((s) => (s.color === "none" ? "none" : s.color.slice(1)))
    );
    expect(chart.legend).toEqual({
      position: "b",
      deleted: plan.series.flatMap((s, i) => (s.unlisted ? [i] : [])),
    });
    expect([chart.dispBlanksAs, chart.plotVisOnly]).toEqual(["gap", "1"]);
  }
  // The bridge's two bases are neither filled nor outlined, and out of the legend with the split parts.
  const bridge = readChart(
    await part(found[dashboard.charts.findIndex((c) => c.kind === "bridge")].path)
  );
  expect(bridge.series.slice(0, 2).map((s) => s.color)).toEqual(["none", "none"]);
  expect(bridge.legend?.deleted).toEqual([0, 1, 4, 6]);
});

test("each series: name, categories and values are references to KC Dashboard's cells, cached as the model computes them", async () => {
  const found = await charts();
  for (const [k, plan] of dashboard.charts.entries()) {
    const chart = readChart(await part(found[k].path));
    const categories = cellsOf(plan.categories).map((at) => String(model.value(at)));
    plan.series.forEach((s, i) => {
      const got = chart.series[i];
      expect(got.nameRef).toBe(reference({ tab: "dashboard", from: s.nameAt, to: s.nameAt }));
      expect(got.nameCache).toBe(s.name);
      expect(got.categoriesRef).toBe(reference(plan.categories));
      expect(got.categories).toEqual(categories);
      expect(got.valuesRef).toBe(reference(s.values));
      expect(got.valuesRef).toMatch(/^'KC Dashboard'!\$[A-Z]+\$\d+:\$[A-Z]+\$\d+$/);
      const want = cellsOf(s.values).map((at) => {
        const v = model.value(at);
        return v instanceof Dec ? v.toNumber() : undefined;
      });
      expect(got.values).toEqual(want);
    });
  }
  // Two quarters no release gives: n.a. categories, and no point (a gap, never a zero) under them.
  const revenue = readChart(await part(found[0].path));
  expect(revenue.series[0].categories).toEqual(["1Q25", "2Q25 n.a.", "3Q25 n.a.", "4Q25", "1Q26"]);
  expect(revenue.series[0].values).toEqual([1353479, undefined, undefined, 1902378, 1996301]);
});

describe("the sheet's <drawing> goes where CT_Worksheet's sequence puts it", () => {
  const R = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
  test("before legacyDrawing (the notes) and tableParts, not before a nested extLst", () => {
    const xml = `<worksheet ${R}><sheetData/><conditionalFormatting><cfRule><extLst/></cfRule></conditionalFormatting><headerFooter/><legacyDrawing r:id="rId1"/><tableParts/><extLst/></worksheet>`;
    expect(withDrawing(xml, "rId2")).toBe(
      `<worksheet ${R}><sheetData/><conditionalFormatting><cfRule><extLst/></cfRule></conditionalFormatting><headerFooter/><drawing r:id="rId2"/><legacyDrawing r:id="rId1"/><tableParts/><extLst/></worksheet>`
    );
  });
  test("at the end where nothing follows it, declaring r: where the root does not", () => {
    expect(withDrawing("<worksheet><sheetData/></worksheet>", "rId1")).toBe(
      `<worksheet><sheetData/><drawing xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" r:id="rId1"/></worksheet>`
    );
  });
  test("a sheet with a drawing already is refused, not given a second", () => {
    expect(() => withDrawing(`<worksheet ${R}><drawing r:id="rId1"/></worksheet>`, "rId2")).toThrow(
      "The sheet exceljs wrote has a drawing already"
    );
  });
});
