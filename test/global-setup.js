// Builds the add-in once for the whole test run (production mode, as shipped) into
// test-output/dist, for the build and end-to-end tests.
const { spawnSync } = require("child_process");
const path = require("path");

module.exports = async () => {
  const root = path.resolve(__dirname, "..");
  const out = path.join(root, "test-output", "dist");
  const r = spawnSync(
    path.join(root, "node_modules", ".bin", "webpack"),
    ["--mode", "production", "--output-path", out],
    { cwd: root, encoding: "utf8" }
  );
  if (r.status !== 0) {
    process.stderr.write(r.stdout + r.stderr);
    throw new Error("webpack build failed; see above");
  }
};
