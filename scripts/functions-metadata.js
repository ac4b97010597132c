// functions.json as the add-in ships it: what custom-functions-metadata generates from the JSDoc
// of src/functions/functions.ts, less one flag. webpack writes it; npm run validate and the tests
// check it; so all three see the same file.
const path = require("path");
const { generateCustomFunctionsMetadata } = require("custom-functions-metadata");

const SOURCE = path.resolve(__dirname, "../src/functions/functions.ts");

/**
 * The generator always writes `allowCustomDataForDataTypeAny: true` (custom-functions-metadata,
 * lib/generate.js). That flag hands Excel data types to `any` parameters as objects and needs
 * CustomFunctionsRuntime 1.4, which Office 2021 and 2024 (perpetual) lack. The KC functions take
 * plain cell values only, so the flag is dropped: Excel's default (false) passes a data type's
 * basic value, which the functions read like any other.
 */
function shipped(metadataJson) {
  const metadata = JSON.parse(metadataJson);
  delete metadata.allowCustomDataForDataTypeAny;
  return JSON.stringify(metadata, null, 4);
}

/** Generates functions.json from the JSDoc, as shipped; throws with the generator's errors. */
async function shippedMetadata(source = SOURCE) {
  const generated = await generateCustomFunctionsMetadata([source], false);
  if (generated.errors.length) {
    throw new Error(`custom-functions-metadata: ${generated.errors.join("; ")}`);
  }
  return shipped(generated.metadataJson);
}

module.exports = { SOURCE, shipped, shippedMetadata };
