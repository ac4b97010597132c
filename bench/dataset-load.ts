/*
 * Prints the milliseconds to parse, check and index the dataset, once, in the fresh process it is
 * run in: the cold start the add-in pays when Excel loads it. The file is the packed dataset
 * (src/data/compact.ts) as the build bundles it, loaded the add-in's way (loadCompact); with
 * --json, dataset.json as ingest writes it, loaded as before (asDataset), the baseline.
 * Run bundled, with plain node (see bench/run.ts), so that no loader's own work is in the process.
 */
import { readFileSync } from "fs";
import { Financials } from "../src/core/financials";
import { loadCompact } from "../src/data/compact";
import { asDataset } from "../src/data/shape";

const json = process.argv.includes("--json");
const file = process.argv.slice(2).find((a) => !a.startsWith("--"));
if (!file) throw new Error("usage: dataset-load.js FILE [--json]");
const text = readFileSync(file, "utf8");
const t = performance.now();
const parsed: unknown = JSON.parse(text);
const fin = new Financials(json ? asDataset(parsed) : loadCompact(parsed));
const ms = performance.now() - t;
if (!fin.catalogue.get("revenue.total")) throw new Error("dataset not indexed");
process.stdout.write(`${ms}\n`);
