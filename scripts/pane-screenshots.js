// docs/taskpane-350.png and docs/taskpane-1280.png, the task pane, and docs/dashboard-pane-350.png
// and docs/dashboard-pane-1280.png, KC Dashboard's preview with its charts: as the Chromium test
// sees them (npm run docs:screenshots). The test writes them to docs/ only when asked, so that a test run
// leaves the tree as it was.
const { spawnSync } = require("child_process");
const { resolve } = require("path");

const root = resolve(__dirname, "..");
const r = spawnSync(
  process.execPath,
  [resolve(root, "node_modules/jest/bin/jest.js"), "test/e2e/taskpane.test.ts"],
  { cwd: root, stdio: "inherit", env: { ...process.env, KC_SCREENSHOTS: "docs" } }
);
process.exitCode = r.status ?? 1;
