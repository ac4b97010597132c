/* Benchmarks (npm run bench [-- --json]): each measured side by side with its baseline in one run. */
import { spawnSync } from "child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "fs";
import { cpus, tmpdir, totalmem } from "os";
import { join, resolve } from "path";
import { gzipSync } from "zlib";
import { HyperFormula } from "hyperformula";
import { ENGINE_CONFIG, createEngine } from "../src/cli/formula-engine";
import { modelWorkbook } from "../src/cli/xlsx-export";
import { KC_FUNCTIONS, runKc, typicalArguments } from "../src/core/registry";
import { bundledKc as kc } from "../src/functions/dataset-in-use";
import { buildModel } from "../src/sheets/model";
import { DEFAULT_OPTIONS } from "../src/sheets/types";
import { convertSelection, makeShareableCopy, restoreFormulas } from "../src/taskpane/share";
import { MARK, insertModel, refreshModel } from "../src/taskpane/writer";
import { readForReview } from "../src/taskpane/release-reader";
import { FakeExcel } from "../test/helpers/fake-excel";
import { releaseHtml } from "../test/helpers/release-forms";
import { naiveInsert } from "./naive-writer";
import { shiftedRelease, syntheticDataset } from "./synthetic-dataset";
import { Financials } from "../src/core/financials";
import { bundledDataset } from "../src/data/load";
import { packDataset } from "../src/data/compact";
import { storedXml } from "../src/data/stored";
import { mergeRelease } from "../src/data/ingest/merge";
import type { Dataset } from "../src/domain/dataset";

const ROOT = resolve(__dirname, "..");
const fin = kc().fin;
/** The sizes the cost of more releases is measured at: the bundled release's 3 quarters, 12, 24. */
const SIZES = [3, 12, 24] as const;

/** A fixed pseudo-random sequence, so that every run asks the same questions. */
function random(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** value() over arguments as analysts type them (ids and labels, period spellings), with repeats. */
function lookup(fin: Financials = kc().fin): {
  lookup_ns_per_call: number;
  raw_map_ns_per_call: number;
} {
  const items = [
    "revenue.total",
    "Total revenues",
    "revenue.public",
    "Public cloud services",
    "bs.cash",
    "Cash and cash equivalents",
    "ng.adjusted_ebitda",
    "Adjusted EBITDA",
    "is.net_loss",
    "cf.cash_end",
    "Gross margin",
    "is.eps_basic_diluted",
    "IDC costs",
  ];
  const periods: unknown[] = [
    "2026Q1",
    "Q1 2026",
    "1Q26",
    "LQ",
    "LQ-1",
    "LQ-4",
    "2025-12-31",
    "2026-03-31",
    46112,
    undefined,
  ];
  const currencies = ["RMB", "USD", undefined];
  const units = ["thousands", "millions", undefined];
  const rnd = random(1);
  const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)];
  const questions: unknown[][] = [];
  while (questions.length < 300) {
    const q = [pick(items), pick(periods), pick(currencies), pick(units)];
    try {
      fin.value(q[0], q[1], q[2], q[3]);
      questions.push(q);
    } catch {
      // Only questions the release answers: a lookup benchmark, not an error benchmark.
    }
  }
  const calls = Array.from({ length: 300000 }, () => pick(questions));
  const map = new Map(questions.map((q) => [q.join("|"), fin.value(q[0], q[1], q[2], q[3])]));
  const keys = calls.map((q) => q.join("|"));
  const runValue = () => {
    let n = 0;
    for (const q of calls) n += fin.value(q[0], q[1], q[2], q[3]).period.length;
    return n;
  };
  const runMap = () => {
    let n = 0;
    for (const k of keys) n += (map.get(k) as { fact: { prov: { line: number } } }).fact.prov.line;
    return n;
  };
  const v: number[] = [];
  const m: number[] = [];
  for (let r = 0; r < 7; r++) {
    let t = process.hrtime.bigint();
    runValue();
    v.push(Number(process.hrtime.bigint() - t) / calls.length);
    t = process.hrtime.bigint();
    runMap();
    m.push(Number(process.hrtime.bigint() - t) / calls.length);
  }
  return { lookup_ns_per_call: median(v.slice(2)), raw_map_ns_per_call: median(m.slice(2)) };
}

/** 10,000 KC formulas against 10,000 INDEX/MATCH over a table of the same figures, in HyperFormula. */
function engine(): { engine_kc_ms: number; engine_native_ms: number } {
  const combos: string[][] = [];
  for (const item of fin.catalogue.items) {
    for (const p of fin.periodsOf(item)) {
      for (const c of ["RMB", "USD"]) {
        for (const u of ["thousands", "millions"]) {
          try {
            fin.value(item.id, p, c, u);
            combos.push([item.id, p, c, u]);
          } catch {
            // not a figure in this currency or unit
          }
        }
      }
    }
  }
  const rnd = random(7);
  const picks = Array.from({ length: 10000 }, () => combos[Math.floor(rnd() * combos.length)]);
  const table = combos.map((t) => [
    t.join("|"),
    fin.value(t[0], t[1], t[2], t[3]).value.toNumber(),
  ]);
  const kcSheet = picks.map((t) => [`=KC.VALUE(${t.map((a) => `"${a}"`).join(",")})`]);
  const last = table.length;
  const nativeSheet = picks.map((t) => [
    `=INDEX(Data!$B$1:$B$${last},MATCH("${t.join("|")}",Data!$A$1:$A$${last},0))`,
  ]);
  const config = { useColumnIndex: true };
  createEngine(kc(), config).destroy();
  const k: number[] = [];
  const n: number[] = [];
  for (let r = 0; r < 5; r++) {
    let t = performance.now();
    const e1 = createEngine(kc(), config);
    const s1 = e1.getSheetId(e1.addSheet("KC")) as number;
    e1.setSheetContent(s1, kcSheet);
    if (e1.getCellValue({ sheet: s1, row: 9999, col: 0 }) === null)
      throw new Error("KC sheet did not calculate");
    k.push(performance.now() - t);
    e1.destroy();
    t = performance.now();
    const e2 = HyperFormula.buildFromSheets(
      { Data: table, Native: nativeSheet },
      { ...ENGINE_CONFIG, ...config }
    );
    if (e2.getCellValue({ sheet: e2.getSheetId("Native") as number, row: 9999, col: 0 }) === null)
      throw new Error("native sheet did not calculate");
    n.push(performance.now() - t);
    e2.destroy();
  }
  return { engine_kc_ms: median(k.slice(1)), engine_native_ms: median(n.slice(1)) };
}

/**
 * The slowest KC call given one argument of Excel's cell limit, 32,767 characters: every function,
 * the argument in each position (the others well-formed), over text built to be costly (white
 * space runs, slashes, near misses of labels, full-width letters, a month-like start, digits).
 * Each call is timed three times after a warm-up; the slowest median is reported, in ms.
 */
function longArgument(): number {
  const k = kc();
  const CELL = 32767;
  const fill = (unit: string) => unit.repeat(Math.ceil(CELL / unit.length)).slice(0, CELL);
  const texts = [
    fill("x"),
    fill("revenue "),
    `${" ".repeat(CELL - 1)}x`,
    fill(" \t"),
    fill("/ "),
    fill("  /  "),
    fill("Total revenues "),
    fill("Total revnues / "),
    fill("ｒｅｖｅｎｕｅ "),
    "Decoy 31 2025".padEnd(CELL),
    "Total revenues".padEnd(CELL),
    fill("1234567890"),
    fill("Q1 2026 "),
    fill("EBITDA margin "),
  ];
  const functions = KC_FUNCTIONS.map((f): [(a: unknown[]) => unknown, unknown[]] => [
    (a) => runKc(k, f.id, a),
    typicalArguments(f),
  ]);
  const timed = (call: () => unknown) => {
    const t = performance.now();
    try {
      call();
    } catch {
      // Refusals are what most of these get: their cost is what is measured.
    }
    return performance.now() - t;
  };
  let slowest = 0;
  for (const [fn, args] of functions) {
    for (let position = 0; position < args.length; position++) {
      for (const text of texts) {
        const call = () => fn(args.map((a, p) => (p === position ? text : a)));
        timed(call);
        slowest = Math.max(slowest, median([timed(call), timed(call), timed(call)]));
      }
    }
  }
  return slowest;
}

async function syncs(): Promise<{
  build_syncs: number;
  refresh_syncs: number;
  refresh_rebuild_syncs: number;
  share_copy_syncs: number;
  convert_syncs: number;
  restore_syncs: number;
  naive_build_syncs: number;
  insert_payload_kb: number;
}> {
  const model = buildModel(fin, DEFAULT_OPTIONS);
  const fake = new FakeExcel([{ name: "Sheet1" }]);
  const build = await insertModel(model, undefined, fake.api);
  // The largest batch one sync sends to Excel (Excel on the web refuses 5 MB), for the model as
  // the release prints it and with US$ for every period, the largest there is.
  const largest = (f: FakeExcel) => Math.max(...f.batches.map((b) => b.payloadBytes));
  const usd = new FakeExcel([{ name: "Sheet1" }]);
  await insertModel(buildModel(fin, { ...DEFAULT_OPTIONS, currency: "USD" }), undefined, usd.api);
  const payload = Math.max(largest(fake), largest(usd)) / 1024;
  const refresh = await refreshModel((o) => buildModel(fin, o), undefined, fake.api);
  // Every tab as if built from an older dataset: refresh rebuilds them all.
  for (const s of fake.sheets) {
    const mark = s.props.get(MARK);
    if (mark) s.props.set(MARK, JSON.stringify({ ...JSON.parse(mark), version: "older" }));
  }
  const rebuild = await refreshModel((o) => buildModel(fin, o), undefined, fake.api);
  const share = await makeShareableCopy(
    model.plans.map((p) => p.name),
    kc(),
    fake.api
  );
  // KC formulas to convert: the income statement's inputs (KC Dashboard, first, holds links only).
  fake.selection = { sheet: "KC Income Statement", address: "A1:H60" };
  let before = fake.syncs;
  await convertSelection(kc(), fake.api);
  const convert = fake.syncs - before;
  before = fake.syncs;
  await restoreFormulas(fake.api);
  const restore = fake.syncs - before;
  const naive = await naiveInsert(model, new FakeExcel([{ name: "Sheet1" }]).api);
  return {
    build_syncs: build.syncs,
    refresh_syncs: refresh.syncs,
    refresh_rebuild_syncs: rebuild.syncs,
    share_copy_syncs: share.syncs,
    convert_syncs: convert,
    restore_syncs: restore,
    naive_build_syncs: naive,
    insert_payload_kb: round(payload, 1),
  };
}

function bundles(): {
  functions_bundle_gzip_kb: number;
  taskpane_bundle_gzip_kb: number;
  release_reader_gzip_kb: number;
  taskpane_with_reader_gzip_kb: number;
} {
  const out = mkdtempSync(join(tmpdir(), "kc-bench-"));
  const r = spawnSync(
    join(ROOT, "node_modules/.bin/webpack"),
    ["--mode", "production", "--output-path", out],
    { cwd: ROOT, encoding: "utf8" }
  );
  if (r.status !== 0) throw new Error(`production build failed:\n${r.stdout}${r.stderr}`);
  const kb = (f: string) =>
    Math.round((gzipSync(readFileSync(join(out, f)), { level: 9 }).length / 1024) * 10) / 10;
  // The pane opens without the release reader (a chunk of its own, fetched on the first paste).
  const sizes = {
    functions_bundle_gzip_kb: kb("functions.js"),
    taskpane_bundle_gzip_kb: kb("taskpane.js"),
    release_reader_gzip_kb: kb("release-reader.js"),
    taskpane_with_reader_gzip_kb: round(kb("taskpane.js") + kb("release-reader.js"), 1),
  };
  rmSync(out, { recursive: true, force: true });
  return sizes;
}

/**
 * Parsing, checking and indexing the dataset in fresh processes, as the add-in does when it starts:
 * bench/dataset-load.ts bundled (esbuild) and run with plain node, the median of 31 cold starts.
 * The file is the packed dataset (src/data/compact.ts), as the build bundles it; with `json`,
 * dataset.json as ingest writes it, loaded as before packing (the baseline).
 */
function datasetLoad(file: string, json = false, starts = 31): number {
  const dir = mkdtempSync(join(tmpdir(), "kc-bench-"));
  const script = join(dir, "dataset-load.js");
  const built = spawnSync(
    join(ROOT, "node_modules/.bin/esbuild"),
    [
      join(__dirname, "dataset-load.ts"),
      "--bundle",
      "--platform=node",
      `--outfile=${script}`,
      "--log-level=warning",
    ],
    { cwd: ROOT, encoding: "utf8" }
  );
  if (built.status !== 0) throw new Error(built.stderr);
  const runs = Array.from({ length: starts }, () => {
    const r = spawnSync(process.execPath, [script, file, ...(json ? ["--json"] : [])], {
      encoding: "utf8",
    });
    if (r.status !== 0) throw new Error(r.stderr);
    return Number(r.stdout.trim());
  });
  rmSync(dir, { recursive: true, force: true });
  return median(runs);
}

/** The dataset written as the build bundles it (packed) and as ingest writes it, in `dir`. */
function datasetFiles(ds: Dataset, dir: string, name: string): { packed: string; json: string } {
  const packed = join(dir, `${name}.packed.json`);
  const json = join(dir, `${name}.json`);
  writeFileSync(packed, JSON.stringify(packDataset(ds)));
  writeFileSync(json, JSON.stringify(ds));
  return { packed, json };
}

async function exportTime(f: Financials = fin): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), "kc-bench-"));
  const times: number[] = [];
  for (let r = 0; r < 5; r++) {
    const t = performance.now();
    await modelWorkbook(buildModel(f, DEFAULT_OPTIONS)).xlsx.writeFile(join(dir, "model.xlsx"));
    times.push(performance.now() - t);
  }
  rmSync(dir, { recursive: true, force: true });
  return median(times.slice(1));
}

const round = (x: number, places = 1) => Math.round(x * 10 ** places) / 10 ** places;

/**
 * The cost as releases accumulate: for the bundled dataset (3 quarters) and SYNTHETIC ones of 12
 * and 24 releases (bench/synthetic-dataset.ts), loading the dataset cold (packed, and as
 * dataset.json for the baseline), a lookup against a Map, inserting the model (syncs, largest
 * batch), refreshing it in place with the same dataset and after one more release (syncs), and
 * exporting it, and the releases as a workbook stores them (src/data/stored.ts); keys suffixed by
 * the size ("dataset_load_ms_24q").
 */
async function atScale(): Promise<Record<string, number>> {
  const dir = mkdtempSync(join(tmpdir(), "kc-bench-"));
  const out: Record<string, number> = {};
  const base = bundledDataset();
  const datasets = SIZES.map((n) => (n === 3 ? base : syntheticDataset(base, n)));
  // Cold starts first, before this process has grown by the models below.
  SIZES.forEach((n, k) => {
    const files = datasetFiles(datasets[k], dir, `dataset-${n}q`);
    out[`dataset_load_ms_${n}q`] = round(datasetLoad(files.packed), 2);
    out[`dataset_load_json_ms_${n}q`] = round(datasetLoad(files.json, true), 2);
  });
  for (const [k, n] of SIZES.entries()) {
    const ds = datasets[k];
    const f = new Financials(ds);
    const l = lookup(f);
    const model = buildModel(f, DEFAULT_OPTIONS);
    const fake = new FakeExcel([{ name: "Sheet1" }]);
    const insert = await insertModel(model, undefined, fake.api);
    const payload = Math.max(...fake.batches.map((b) => b.payloadBytes)) / 1024;
    const refresh = await refreshModel((o) => buildModel(f, o), undefined, fake.api);
    // One more release (the bundled one a quarter later): every tab gains a quarter, in place.
    const later = new Financials(mergeRelease(ds, shiftedRelease(base, -1)));
    const next = await refreshModel((o) => buildModel(later, o), undefined, fake.api);
    out[`lookup_vs_map_${n}q`] = round(l.lookup_ns_per_call / l.raw_map_ns_per_call, 2);
    out[`build_syncs_${n}q`] = insert.syncs;
    out[`insert_payload_kb_${n}q`] = round(payload, 1);
    out[`refresh_syncs_${n}q`] = refresh.syncs;
    out[`refresh_next_syncs_${n}q`] = next.syncs;
    out[`export_ms_${n}q`] = round(await exportTime(f));
    // As the .xlsx holds the workbook's custom XML part, UTF-8 before the zip compresses it.
    out[`stored_kb_${n}q`] = round(Buffer.byteLength(storedXml(ds), "utf8") / 1024, 1);
  }
  rmSync(dir, { recursive: true, force: true });
  return out;
}

/**
 * A release read as the pane reads a paste (src/taskpane/release-reader.ts): the Q1 2026 release
 * as its exhibit's HTML (a SYNTHETIC fixture built from the text in ../shared/sources), reviewed
 * over the bundled dataset; the median of 7. Undefined where the release text is not there.
 */
const RELEASE_PATH = resolve(
  process.env.KC_RELEASE_TEXT ?? join(ROOT, "../shared/sources/kc-2026q1-earnings-release.txt")
);

function releaseRead(): number | undefined {
  if (!existsSync(RELEASE_PATH)) return undefined;
  const html = releaseHtml(readFileSync(RELEASE_PATH, "utf8"));
  const base = bundledDataset();
  const times = Array.from({ length: 7 }, () => {
    const started = performance.now();
    readForReview(html, "pasted release", base, "html");
    return performance.now() - started;
  });
  return median(times);
}

async function main(): Promise<void> {
  const json = process.argv.includes("--json");
  // Cold starts first, while this process is small and no build has just run beside them.
  const dir = mkdtempSync(join(tmpdir(), "kc-bench-"));
  const load = datasetLoad(datasetFiles(bundledDataset(), dir, "dataset").packed);
  rmSync(dir, { recursive: true, force: true });
  const l = lookup();
  const longArg = longArgument();
  const e = engine();
  const s = await syncs();
  const scale = await atScale();
  const b = bundles();
  const read = releaseRead();
  if (read === undefined)
    process.stderr.write(
      `release_read_ms: not measured, the release text is not at ${RELEASE_PATH}\n`
    );
  const results = {
    lookup_ns_per_call: round(l.lookup_ns_per_call),
    raw_map_ns_per_call: round(l.raw_map_ns_per_call),
    lookup_vs_map: round(l.lookup_ns_per_call / l.raw_map_ns_per_call, 2),
    engine_kc_ms: round(e.engine_kc_ms),
    engine_native_ms: round(e.engine_native_ms),
    kc_vs_index_match: round(e.engine_kc_ms / e.engine_native_ms, 2),
    long_argument_ms: round(longArg, 2),
    ...s,
    ...b,
    dataset_load_ms: round(load, 2),
    export_ms: round(await exportTime()),
    ...(read === undefined ? {} : { release_read_ms: round(read) }),
    ...scale,
  };
  const budgets: [string, boolean, string][] = [
    ["lookup_vs_map", results.lookup_vs_map <= 3, "<= 3"],
    ["kc_vs_index_match", results.kc_vs_index_match <= 1, "<= 1"],
    ["long_argument_ms", results.long_argument_ms < 50, "< 50"],
    ["build_syncs", results.build_syncs <= 3, "<= 3"],
    ["insert_payload_kb", results.insert_payload_kb <= 1024, "<= 1024"],
    ["refresh_syncs", results.refresh_syncs <= 2, "<= 2"],
    ["refresh_rebuild_syncs", results.refresh_rebuild_syncs <= 2, "<= 2"],
    ["share_copy_syncs", results.share_copy_syncs <= 3, "<= 3"],
    ["convert_syncs", results.convert_syncs <= 3, "<= 3"],
    ["restore_syncs", results.restore_syncs <= 4, "<= 4"],
    ["functions_bundle_gzip_kb", results.functions_bundle_gzip_kb <= 60, "<= 60"],
    ["taskpane_bundle_gzip_kb", results.taskpane_bundle_gzip_kb <= 150, "<= 150"],
    ["taskpane_with_reader_gzip_kb", results.taskpane_with_reader_gzip_kb <= 150, "<= 150"],
    ...(read === undefined
      ? []
      : [["release_read_ms", read < 1000, "< 1000"] as [string, boolean, string]]),
    ["dataset_load_ms", results.dataset_load_ms < 5, "< 5"],
    ...SIZES.flatMap((n): [string, boolean, string][] => [
      [`lookup_vs_map_${n}q`, scale[`lookup_vs_map_${n}q`] <= 3, "<= 3"],
      [`build_syncs_${n}q`, scale[`build_syncs_${n}q`] <= 3, "<= 3"],
      [`insert_payload_kb_${n}q`, scale[`insert_payload_kb_${n}q`] <= 1024, "<= 1024"],
      [`refresh_syncs_${n}q`, scale[`refresh_syncs_${n}q`] <= 2, "<= 2"],
      [`refresh_next_syncs_${n}q`, scale[`refresh_next_syncs_${n}q`] <= 2, "<= 2"],
    ]),
    ...SIZES.map((n): [string, boolean, string] => [
      `dataset_load_ms_${n}q`,
      scale[`dataset_load_ms_${n}q`] < 5,
      "< 5",
    ]),
  ];
  if (json) {
    process.stdout.write(`${JSON.stringify(results)}\n`);
  } else {
    const machine = `${cpus()[0]?.model ?? "unknown CPU"} x${cpus().length}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
    process.stdout.write(`KC Financials benchmarks on ${machine}\n\n`);
    for (const [k, v] of Object.entries(results)) {
      const b = budgets.find((x) => x[0] === k);
      process.stdout.write(
        `${k.padEnd(26)} ${String(v).padStart(10)}  ${b ? `budget ${b[2]}: ${b[1] ? "met" : "MISSED"}` : ""}\n`
      );
    }
  }
  const missed = budgets.filter((b) => !b[1]);
  if (missed.length) {
    process.stderr.write(`Budgets missed: ${missed.map((m) => m[0]).join(", ")}\n`);
    process.exitCode = 1;
  }
}

main();
