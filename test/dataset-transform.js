// Jest's transform of src/data/dataset.json: the packed dataset, as the build bundles it
// (scripts/dataset-loader.js), so that the tests load it the way the add-in does.
const { createHash } = require("crypto");
const { readFileSync } = require("fs");
const { packDatasetJson, PACKER_FILES } = require("../scripts/pack-dataset");

module.exports = {
  process(source) {
    return { code: packDatasetJson(source) };
  },
  getCacheKey(source, file) {
    const hash = createHash("sha256").update(file).update("\0").update(source);
    for (const f of PACKER_FILES) hash.update("\0").update(readFileSync(f));
    return hash.digest("hex");
  },
};
