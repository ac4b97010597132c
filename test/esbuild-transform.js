// Jest's TypeScript transform (and ES modules' from node_modules): esbuild, which only strips the types (tsc --noEmit, run first by
// npm test, checks them). ts-jest took most of the unit tier's time compiling each file.
const { transformSync } = require("esbuild");
const { createHash } = require("crypto");

module.exports = {
  process(source, file) {
    const { code, map } = transformSync(source, {
      loader: file.endsWith(".ts") ? "ts" : "js",
      format: "cjs",
      target: "node20",
      sourcemap: "external",
      sourcefile: file,
      // Jest runs CommonJS: an import() becomes a require().
      supported: { "dynamic-import": false },
    });
    return { code, map };
  },
  getCacheKey(source, file) {
    return createHash("sha256").update(file).update("\0").update(source).digest("hex");
  },
};
