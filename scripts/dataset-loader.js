// Webpack loader for src/data/dataset.json: the bundle carries the packed dataset
// (src/data/compact.ts), as a JSON text parsed once when the add-in starts (JSON.parse of a string
// is faster than the same object written as JavaScript).
const { packDatasetJson, PACKER_FILES } = require("./pack-dataset");

module.exports = function datasetLoader(source) {
  for (const f of PACKER_FILES) this.addDependency(f);
  return `module.exports = JSON.parse(${JSON.stringify(packDatasetJson(source))});\n`;
};
