import officeAddins from "eslint-plugin-office-addins";
import tsParser from "@typescript-eslint/parser";
import tsPlugin from "@typescript-eslint/eslint-plugin";
import jest from "eslint-plugin-jest";

// office-addin-lint's rules (Office.js usage and Prettier) for TypeScript, with TypeScript's own
// checks in charge of names: tsc already rejects an undefined identifier or a clash, so the
// JavaScript-only no-undef and no-redeclare are off for .ts files.
export default [
  { ignores: ["dist/**", "test-output/**", "node_modules/**", "coverage/**", "scratch/**"] },
  ...officeAddins.configs.recommended,
  {
    files: ["**/*.ts"],
    plugins: { "office-addins": officeAddins, "@typescript-eslint": tsPlugin },
    languageOptions: { parser: tsParser },
    rules: {
      "no-undef": "off",
      "no-redeclare": "off",
      "no-unused-vars": "off",
      "@typescript-eslint/no-unused-vars": "error",
      "@typescript-eslint/no-explicit-any": "error",
    },
  },
  {
    // Build and dev scripts run in Node.
    files: ["**/*.js"],
    languageOptions: {
      ecmaVersion: "latest",
      sourceType: "commonjs",
      globals: { require: "readonly", module: "writable", process: "readonly", __dirname: "readonly", console: "readonly", Buffer: "readonly" },
    },
  },
  {
    // Tests read workbooks with exceljs, whose getCell() the Office.js proxy rules would mistake
    // for Excel's; the Office.js code under test is linted with them in src/.
    files: ["test/**/*.ts", "bench/**/*.ts"],
    rules: Object.fromEntries(Object.keys(officeAddins.rules).map((r) => [`office-addins/${r}`, "off"])),
  },
  {
    // A test asserts something, always: no expect() only inside a branch, and none without one.
    files: ["test/**/*.test.ts"],
    plugins: { jest },
    rules: {
      "jest/no-conditional-expect": "error",
      "jest/expect-expect": ["error", { assertFunctionNames: ["expect", "expect*", "fc.assert"] }],
    },
  },
];
