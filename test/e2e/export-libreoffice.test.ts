import ExcelJS from "exceljs";
import { spawnSync } from "child_process";
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { Dec } from "../../src/domain/decimal";
import { Financials } from "../../src/core/financials";
import { bundledDataset } from "../../src/data/load";
import { FIRST_REPORT_TIES } from "../../src/sheets/grid";
import { buildModel } from "../../src/sheets/model";
import type { CellRef, ModelOptions, TabKey } from "../../src/sheets/types";
import { TAB_KEYS, TAB_NAMES } from "../../src/sheets/types";
import { kc } from "../helpers/cli";
import { TAB_TITLES } from "../helpers/expected";
import {
  Sheets,
  footerOf,
  libreOffice,
  pageImage,
  pageText,
  pagePixels,
  pdfPages,
  printToPdf,
  recalculate,
  resaved,
  wordHeights,
} from "../helpers/libreoffice";
import { modelWorkbook } from "../../src/cli/xlsx-export";
import { readChart } from "../helpers/chart-parts";
import JSZip from "jszip";
import { mkdirSync } from "fs";
import { resolve } from "path";
import { cellKey, exactWith, graphOf } from "../helpers/model-graph";
import { syntheticQuarters } from "../helpers/synthetic-quarters";
import { release } from "../helpers/release";
import { ROOT } from "../helpers/root";
import {
  SyntheticRelease,
  fourthQuarterRelease,
  nextQuarterRelease,
  restatingRelease,
} from "../helpers/synthetic-releases";
import { asDataset } from "../../src/data/shape";
import type { Dataset } from "../../src/domain/dataset";

/** The quarters of the time axis from the first the releases hold: gaps included, as n.a. columns. */
const QUARTERS = ["1Q25", "2Q25", "3Q25", "4Q25", "1Q26", "2Q26", "3Q26", "4Q26"];

const readDataset = (file: string): Dataset => asDataset(JSON.parse(readFileSync(file, "utf8")));

/**
 * The exported workbook in LibreOffice Calc, an engine that knows nothing of KC: recalculated on
 * load, every cell equals the core's exact value and every check is 0; an input changed by hand
 * moves every figure that depends on it, on every tab, and turns checks red; and every tab prints
 * landscape, one page wide, nothing under 9 pt, with its labels whole.
 */

const fin = new Financials(bundledDataset());
const dir = mkdtempSync(join(tmpdir(), "kc-lo-"));
const RMB: ModelOptions = { currency: "RMB", unit: "thousands", tabs: TAB_KEYS };
const USD: ModelOptions = { currency: "USD", unit: "millions", tabs: TAB_KEYS };

function exported(name: string, options: ModelOptions): string {
  const file = join(dir, name);
  const r = kc(["export", file, "--currency", options.currency, "--unit", options.unit]);
  expect(r.stderr).toBe("");
  expect(r.code).toBe(0);
  return file;
}

function valueAt(sheets: Sheets, at: CellRef): string {
  return sheets.get(TAB_NAMES[at.tab])?.[at.row]?.[at.col] ?? "";
}

/** Numbers agree to 1e-9 of their size (LibreOffice writes about 15 significant digits). */
function same(text: string, exact: Dec | string): boolean {
  if (!(exact instanceof Dec)) return text === exact;
  // Percentages keep their sign in the CSV even as stored values.
  const n = text.endsWith("%") ? Number(text.slice(0, -1)) / 100 : Number(text);
  return (
    text !== "" && Math.abs(n - exact.toNumber()) <= 1e-9 * Math.max(1, Math.abs(exact.toNumber()))
  );
}

/**
 * The recalculated workbook against the model the core computes: every formula cell the same, no
 * error cell anywhere, every check 0 and the checks tab's status. The number of cells compared.
 */
function agreesWithCore(sheets: Sheets, model: ReturnType<typeof buildModel>): number {
  const wrong: string[] = [];
  let compared = 0;
  for (const plan of model.plans) {
    for (const c of plan.cells) {
      if (!c.formula) continue;
      const at = { tab: plan.key, row: c.row, col: c.col };
      const exact = model.value(at);
      const got = valueAt(sheets, at);
      if (typeof exact === "object" && !(exact instanceof Dec))
        wrong.push(`${cellKey(at)} is an error`);
      else if (!same(got, exact)) wrong.push(`${cellKey(at)}: ${got} for ${exact.toString()}`);
      compared++;
    }
  }
  expect(wrong).toEqual([]);
  const errors: string[] = [];
  for (const [tab, rows] of sheets)
    rows.forEach((row, r) =>
      row.forEach((v, c) => {
        if (/^(#[A-Z/0!?]+|Err:\d+)/.test(v)) errors.push(`${tab}!R${r + 1}C${c + 1} ${v}`);
      })
    );
  expect(errors).toEqual([]);
  expect(
    model.checks.filter((c) => valueAt(sheets, c.at) !== "0").map((c) => cellKey(c.at))
  ).toEqual([]);
  expect(sheets.get("KC Checks")![3]).toContain("ALL CHECKS PASS");
  return compared;
}

libreOffice.test(
  "LibreOffice recalculates the exported model: every cell as the core computes it, every check 0",
  async () => {
    const files = [exported("rmb.xlsx", RMB), exported("usd.xlsx", USD)];
    const results = recalculate(files, TAB_TITLES, dir);
    [RMB, USD].forEach((options, k) => {
      const compared = agreesWithCore(results.get(files[k])!, buildModel(fin, options));
      expect(compared).toBeGreaterThan(1200);
    });
  },
  240000
);

libreOffice.describe("later releases in LibreOffice", () => {
  release.test(
    "later releases (SYNTHETIC fixtures): ingested, checked, exported and recalculated, every quarter a column, no error cell, every check 0",
    async () => {
      // Each chain of releases ingested by the command line over the bundled dataset, as a maintainer
      // would; test fixtures built from the Q1 2026 text, never data.
      const chains: [string, SyntheticRelease[], string[]][] = [
        ["next", [nextQuarterRelease({ sixMonths: true })], []],
        ["restated", [restatingRelease()], ["--accept-restatements"]],
        ["fourth", [nextQuarterRelease(), fourthQuarterRelease()], []],
      ];
      const files: string[] = [];
      const models: ReturnType<typeof buildModel>[] = [];
      for (const [name, releases, options] of chains) {
        const data = join(dir, `${name}.json`);
        copyFileSync(join(ROOT, "src/data/dataset.json"), data);
        for (const r of releases) {
          const file = join(dir, r.file);
          writeFileSync(file, r.text);
          const ingested = kc(["ingest", file, "--out", data, ...options]);
          expect(ingested.stderr).toBe("");
        }
        expect(kc(["check", "--dataset", data]).code).toBe(0);
        const xlsx = join(dir, `${name}.xlsx`);
        const r = kc(["export", xlsx, "--dataset", data]);
        expect([r.code, r.stderr]).toEqual([0, ""]);
        files.push(xlsx);
        models.push(buildModel(new Financials(readDataset(data)), RMB));
      }
      const results = recalculate(files, TAB_TITLES, dir);
      files.forEach((file, k) => {
        const sheets = results.get(file)!;
        expect(agreesWithCore(sheets, models[k])).toBeGreaterThan(1200);
        // Every quarter from the first the dataset holds to the latest, in order, gaps n.a.
        const header = sheets.get("KC Income Statement")!.find((row) => row.includes("1Q25"))!;
        const quarters = header.filter((h) => /^[1-4]Q\d\d$/.test(h));
        expect(quarters).toEqual(QUARTERS.slice(0, k === 2 ? 8 : 6));
      });
      expect(
        results
          .get(files[2])!
          .get("KC Income Statement")!
          .find((row) => row.includes("1Q25"))
      ).toEqual(expect.arrayContaining(["4Q26", "FY2025", "FY2026"]));
      // The restated chain: 1Q26's first reports, the restatements and the first release's sums
      // checked, recalculated as the core computes them (agreesWithCore compared every cell).
      const restated = models[1];
      const is = restated.plans.find((p) => p.key === "income_statement")!;
      const block = is.cells.find((c) => c.value === "As first reported, since restated")!.row;
      const shown = is.cells
        .filter((c) => c.row > block && c.col > 0 && c.style !== "check")
        .map((c) => valueAt(results.get(files[1])!, { tab: is.key, row: c.row, col: c.col }));
      expect(shown).toEqual(["-34472", "-378192", "-378292", "1000", "1000", "1000"]);
      const first = restated.checks.filter((c) => c.ties === FIRST_REPORT_TIES);
      expect(first.map((c) => valueAt(results.get(files[1])!, c.at))).toEqual(["0", "0"]);
    },
    300000
  );
});

/** Inputs changed by hand, as an analyst would type over them. */
const CHANGES: { tab: TabKey; label: string; nth?: number }[] = [
  { tab: "income_statement", label: "Cost of revenues" },
  { tab: "income_statement", label: "Research and development expenses" },
  { tab: "balance_sheet", label: "Accounts receivable, net" },
  { tab: "reconciliation", label: "Depreciation and amortization" },
];

libreOffice.test(
  "an input typed over moves every figure that depends on it, on every tab, and turns checks red",
  async () => {
    const model = buildModel(fin, RMB);
    const graph = graphOf(model);
    const base = exported("base.xlsx", RMB);
    const variants: { file: string; at: CellRef; value: Dec }[] = [];
    for (const [k, change] of CHANGES.entries()) {
      const plan = model.plans.find((p) => p.key === change.tab)!;
      const row = plan.cells.filter((c) => c.col === 0 && c.value === change.label)[change.nth ?? 0]
        .row;
      // The latest quarter in RMB (a balance at its end too): the fifth figure column, 1Q26.
      const at = { tab: change.tab, row, col: 5 };
      expect(model.cell(at)?.formula?.op).toBe("kc");
      const value = (model.value(at) as Dec).times(1.1).round();
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(base);
      wb.getWorksheet(TAB_NAMES[at.tab])!.getCell(at.row + 1, at.col + 1).value = value.toNumber();
      const file = join(dir, `changed-${k}.xlsx`);
      await wb.xlsx.writeFile(file);
      variants.push({ file, at, value });
    }
    const results = recalculate(
      variants.map((v) => v.file),
      TAB_TITLES,
      dir
    );
    const checks = new Set(model.checks.map((c) => cellKey(c.at)));
    for (const v of variants) {
      const sheets = results.get(v.file)!;
      const exact = exactWith(model, cellKey(v.at), v.value);
      const dependents = [...graph.dependents(v.at)];
      const moved = new Set<TabKey>();
      for (const d of dependents) {
        const at = graph.cells.get(d)!.at;
        const want = exact(at);
        const got = valueAt(sheets, at);
        if (want instanceof Dec || typeof want === "string")
          expect(`${d}: ${same(got, want)} (${got})`).toBe(`${d}: true (${got})`);
        const before = model.value(at);
        if (!(before instanceof Dec && want instanceof Dec && before.eq(want))) moved.add(at.tab);
      }
      const red = dependents.filter(
        (d) => checks.has(d) && valueAt(sheets, graph.cells.get(d)!.at) !== "0"
      );
      expect(red.length).toBeGreaterThan(0);
      expect(sheets.get("KC Checks")![3].join(",")).toMatch(/CHECKS FAIL|ERRORS/);
      // Figures move on the tab of the input and on the tabs that link to it.
      expect(moved.size).toBeGreaterThanOrEqual(v.at.tab === "balance_sheet" ? 2 : 3);
    }
  },
  240000
);

/** The height pdftotext gives a word in 11 pt Calibri (Carlito) printed at 100%: the yardstick. */
async function elevenPointHeight(): Promise<number> {
  const file = join(dir, "yardstick.xlsx");
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Yardstick");
  ws.getCell(1, 1).value = "Yardstick";
  ws.getCell(1, 1).font = { name: "Calibri", size: 11 };
  ws.pageSetup = { scale: 100, orientation: "landscape" };
  return wb.xlsx.writeFile(file).then(() => Math.min(...wordHeights(printToPdf(file, dir)).flat()));
}

libreOffice.test(
  "every tab prints landscape, one page wide, nothing under 9 pt, every label whole",
  async () => {
    const file = exported("print.xlsx", RMB);
    const pdf = printToPdf(file, dir);
    const pages = pdfPages(pdf);
    // No word on any page smaller than 9 pt: its height at least 9/11 of an 11 pt word's.
    const eleven = await elevenPointHeight();
    const smallest = wordHeights(pdf).map((heights) => Math.min(...heights));
    expect(smallest.filter((h) => h < (eleven * 9) / 11 - 0.01)).toEqual([]);
    const size = spawnSync("pdfinfo", [pdf], { encoding: "utf8" }).stdout;
    const [w, h] = /Page size:\s+([\d.]+) x ([\d.]+)/.exec(size)!.slice(1).map(Number);
    expect(w).toBeGreaterThan(h);
    // No figure too wide for its column: a printed ### hides a number from whoever reads the pages.
    expect(pages.filter((p) => p.includes("###")).map(footerOf)).toEqual([]);
    const model = buildModel(fin, RMB);
    const flat = (s: string) => s.replace(/\s+/g, " ");
    for (const plan of model.plans) {
      // The footer names the tab on each of its pages.
      const own = pages.filter((p) => footerOf(p).startsWith(plan.name));
      expect(`${plan.name}: ${own.length >= 1}`).toBe(`${plan.name}: true`);
      const text = flat(own.join(" "));
      // What prints: KC Dashboard's chart data, below its page, does not.
      const through = plan.print.through?.row ?? Infinity;
      for (const c of plan.cells)
        if (
          c.col === 0 &&
          typeof c.value === "string" &&
          c.style !== "subtitle" &&
          c.row <= through
        )
          expect(`${plan.name}: ${text.includes(flat(c.value))}`).toBe(`${plan.name}: true`);
    }
  },
  240000
);

libreOffice.test(
  "at 24 quarters (SYNTHETIC dataset) the print stays at 9 pt or more: the older quarters are collapsed",
  async () => {
    const data = join(dir, "twenty-four.json");
    writeFileSync(data, JSON.stringify(syntheticQuarters(bundledDataset(), 24)));
    const file = join(dir, "twenty-four.xlsx");
    const r = kc(["export", file, "--dataset", data]);
    expect(r.stderr).toBe("");
    const pdf = printToPdf(file, dir);
    const eleven = await elevenPointHeight();
    const smallest = wordHeights(pdf).map((heights) => Math.min(...heights));
    const pages = pdfPages(pdf);
    expect(
      smallest.flatMap((h, k) => (h < (eleven * 9) / 11 - 0.01 ? [footerOf(pages[k])] : []))
    ).toEqual([]);
    // The last five quarters print; the older ones are in the sheet, not on the page.
    const text = pdfPages(pdf).join(" ");
    expect(text).toContain("1Q26");
    expect(text).toContain("1Q25");
    expect(text).not.toContain("4Q24");
  },
  240000
);

/** Where a render of the printed dashboard is kept: docs/ only when asked (npm run docs:print). */
const DASHBOARD_PNG = resolve(
  ROOT,
  process.env.KC_SCREENSHOTS === "docs" ? "docs" : "test-output",
  "dashboard-print.png"
);

/** Pixels of the page within 24 of a colour in every channel. */
function pixelsNear(page: ReturnType<typeof pagePixels>, hex: string): number {
  const [r, g, b] = [1, 3, 5].map((k) => parseInt(hex.slice(k, k + 2), 16));
  let n = 0;
  for (let k = 0; k < page.rgb.length; k += 3)
    if (
      Math.abs(page.rgb[k] - r) <= 24 &&
      Math.abs(page.rgb[k + 1] - g) <= 24 &&
      Math.abs(page.rgb[k + 2] - b) <= 24
    )
      n++;
  return n;
}

libreOffice.test(
  "KC Dashboard prints on one page with its five charts: titles and axis titles as text, every series drawn in its colour",
  async () => {
    const model = buildModel(fin, RMB);
    const dashboard = model.plans.find((p) => p.key === "dashboard")!;
    const file = exported("dashboard.xlsx", RMB);
    // The dashboard is the first tab: pages 1 and 2 show it is one page, the next tab's first after it.
    const pdf = printToPdf(file, dir, "1-2");
    expect(pdfPages(pdf).map((p) => footerOf(p).split(" kc-")[0].trim())).toEqual([
      "KC Dashboard",
      "KC Income Statement",
    ]);
    const flat = (t: string) => t.replace(/\s+/g, " ");
    const text = flat(pageText(pdf, 1));
    const words = dashboard.charts.flatMap((c) => [
      c.title,
      c.valueAxis.title,
      c.categoryAxis.title,
      ...c.series.filter((s) => !s.unlisted).map((s) => s.name),
    ]);
    expect(words.filter((w) => !text.includes(flat(w)))).toEqual([]);
    // The same cells without the charts: what is drawn in the series' colours is the charts'.
    const bare = join(dir, "dashboard-bare.xlsx");
    await modelWorkbook(model).xlsx.writeFile(bare);
    const plain = pagePixels(printToPdf(bare, dir, "1"), 1, 60);
    const drawn = pagePixels(pdf, 1, 60);
    const colours = [
      ...new Set(dashboard.charts.flatMap((c) => c.series.map((s) => s.color))),
    ].filter((c) => c !== "none");
    expect(colours.length).toBeGreaterThanOrEqual(10);
    const missing = colours.filter((c) => pixelsNear(drawn, c) - pixelsNear(plain, c) < 30);
    expect(missing).toEqual([]);
    let differ = 0;
    for (let k = 0; k < drawn.rgb.length; k++) if (drawn.rgb[k] !== plain.rgb[k]) differ++;
    expect(differ / drawn.rgb.length).toBeGreaterThan(0.05);
    mkdirSync(resolve(DASHBOARD_PNG, ".."), { recursive: true });
    pageImage(pdf, 1, DASHBOARD_PNG, 110);
  },
  240000
);

libreOffice.test(
  "saved again by LibreOffice, the charts' series still read KC Dashboard's cells",
  async () => {
    const file = exported("roundtrip.xlsx", RMB);
    const again = resaved(file, join(dir, "resaved"));
    const zip = await JSZip.loadAsync(readFileSync(again));
    const parts = Object.keys(zip.files).filter((f) => /^xl\/charts\/chart\d+\.xml$/.test(f));
    expect(parts).toHaveLength(5);
    const charts = await Promise.all(
      parts.map(async (p) => readChart(await zip.file(p)!.async("string")))
    );
    const refs = charts.flatMap((c) =>
      c.series.flatMap((s) => [s.nameRef, s.categoriesRef, s.valuesRef])
    );
    expect(refs.length).toBeGreaterThan(5 * 3);
    expect(refs.filter((r) => !/^'KC Dashboard'!\$[A-Z]+\$\d+(:\$[A-Z]+\$\d+)?$/.test(r))).toEqual(
      []
    );
    expect(charts.map((c) => c.title).sort()).toEqual(
      buildModel(fin, RMB)
        .plans.find((p) => p.key === "dashboard")!
        .charts.map((c) => c.title)
        .sort()
    );
  },
  240000
);
