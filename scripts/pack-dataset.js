// dataset.json packed as the add-in carries it (src/data/compact.ts): its shape checked first
// (src/data/shape.ts), then packed. Used by the build (scripts/dataset-loader.js) and by Jest
// (test/dataset-transform.js), so that both load the dataset the way the add-in does.
const { buildSync } = require("esbuild");
const path = require("path");

const ROOT = path.resolve(__dirname, "..");
/** The files the packing reads: a change to one is a new packed dataset. */
const PACKER_FILES = ["src/data/compact.ts", "src/data/shape.ts", "src/domain/facts.ts"].map((f) =>
  path.join(ROOT, f)
);

let packer;

function load() {
  if (packer) return packer;
  const built = buildSync({
    stdin: {
      contents:
        'export { packDataset } from "./src/data/compact"; export { asDataset } from "./src/data/shape";',
      resolveDir: ROOT,
      loader: "ts",
    },
    bundle: true,
    platform: "node",
    format: "cjs",
    write: false,
    logLevel: "warning",
  });
  const m = { exports: {} };
  new Function("module", "exports", "require", built.outputFiles[0].text)(m, m.exports, require);
  packer = m.exports;
  return packer;
}

/** The packed dataset, as JSON text, from dataset.json's text. */
function packDatasetJson(text) {
  const { asDataset, packDataset } = load();
  return JSON.stringify(packDataset(asDataset(JSON.parse(text))));
}

module.exports = { packDatasetJson, PACKER_FILES };
