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
  // office-addin-mock needs only the OfficeApp enum of office-addin-manifest, whose package entry
  // pulls ES-only modules (uuid, strip-bom) that Jest on Node 20 cannot require.
  moduleNameMapper: { "^office-addin-manifest$": "<rootDir>/node_modules/office-addin-manifest/lib/officeApp.js" },
  testTimeout: 60000,
};
