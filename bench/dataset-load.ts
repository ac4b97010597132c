/*
 * Prints the milliseconds to parse, check and index the dataset, once, in the fresh process it is
 * run in: the cold start the add-in pays when Excel loads it. Run bundled, with plain node (see
 * bench/run.ts), so that no loader's own work is in the process.
 */
import { readFileSync } from "fs";
import { resolve } from "path";
import { Financials } from "../src/core/financials";
import { asDataset } from "../src/data/shape";

const text = readFileSync(
  process.argv[2] ?? resolve(__dirname, "../src/data/dataset.json"),
  "utf8"
);
const t = performance.now();
const fin = new Financials(asDataset(JSON.parse(text)));
const ms = performance.now() - t;
if (!fin.catalogue.get("revenue.total")) throw new Error("dataset not indexed");
process.stdout.write(`${ms}\n`);
