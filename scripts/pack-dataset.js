// dataset.json packed as the add-in carries it (src/data/compact.ts): its shape checked first
// (src/data/shape.ts), then packed. Used by the build (scripts/dataset-loader.js) and by Jest
// (test/dataset-transform.js), so that both load the dataset the way the add-in does.
const { buildSync } = require("esbuild");
const { mkdtempSync, rmSync } = require("fs");
const { tmpdir } = require("os");
const path = require("path");

const ROOT = path.resolve(__dirname, "..");
/** The files the packing reads: a change to one is a new packed dataset. */
const PACKER_FILES = ["src/data/compact.ts", "src/data/shape.ts", "src/domain/facts.ts"].map((f) =>
  path.join(ROOT, f)
);

let packer;

/** compact.ts and shape.ts bundled by esbuild into a file of CommonJS, required. */
function load() {
  if (packer) return packer;
  const dir = mkdtempSync(path.join(tmpdir(), "kc-pack-"));
  const outfile = path.join(dir, "pack.js");
  buildSync({
    stdin: {
      contents:
        'export { packDataset } from "./src/data/compact"; export { asDataset } from "./src/data/shape";',
      resolveDir: ROOT,
      loader: "ts",
    },
    bundle: true,
    platform: "node",
    format: "cjs",
    outfile,
    logLevel: "warning",
  });
  try {
    packer = require(outfile);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return packer;
}

/** The packed dataset, as JSON text, from dataset.json's text. */
function packDatasetJson(text) {
  const { asDataset, packDataset } = load();
  return JSON.stringify(packDataset(asDataset(JSON.parse(text))));
}

module.exports = { packDatasetJson, PACKER_FILES };
