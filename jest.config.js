/* global module */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  globalSetup: "<rootDir>/test/global-setup.js",
  transform: {
    "^.+\\.ts$": [
      "ts-jest",
      { tsconfig: { module: "commonjs", moduleResolution: "node" }, diagnostics: { warnOnly: false } },
    ],
  },
  moduleFileExtensions: ["ts", "js", "json"],
  testTimeout: 60000,
};
