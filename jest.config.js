// Three tiers, run together by `npm test`: unit (test/unit/<layer>/<module>.test.ts, each module's
// own tests, under 30 s), sweep (the modules' fuzz, property and fault sweeps) and e2e
// (test/e2e/: the built add-in in Chromium, LibreOffice, the manifest against Microsoft's XSDs, a
// fresh clone, the dev server), which builds the add-in once first.
/** The files of the sweep tier: fuzzing, property and fault sweeps. */
const SWEEPS = "\\.(fuzz|property|faults)\\.test\\.ts$";

const common = {
  testEnvironment: "node",
  // esbuild strips the types (tsc --noEmit, run first by npm test, checks them): a fraction of
  // ts-jest's time per file.
  transform: {
    "^.+\\.ts$": "<rootDir>/test/esbuild-transform.js",
    // parse5 and its entities ship as ES modules only; Jest on Node 20 runs CommonJS.
    "node_modules/(parse5|entities)/.+\\.js$": "<rootDir>/test/esbuild-transform.js",
    // The dataset packed as the build packs it: the tests load it the way the add-in does.
    "src/data/dataset\\.json$": "<rootDir>/test/dataset-transform.js",
  },
  transformIgnorePatterns: ["/node_modules/(?!(parse5|entities)/)"],
  moduleFileExtensions: ["ts", "js", "json"],
  // office-addin-mock needs only the OfficeApp enum of office-addin-manifest, whose package entry
  // pulls ES-only modules (uuid, strip-bom) that Jest on Node 20 cannot require.
  moduleNameMapper: {
    "^office-addin-manifest$": "<rootDir>/node_modules/office-addin-manifest/lib/officeApp.js",
  },
};

module.exports = {
  testTimeout: 60000,
  // Jest leaves a core idle by default (one worker on two cores); the tests are CPU-bound.
  maxWorkers: "100%",
  projects: [
    {
      ...common,
      displayName: "unit",
      roots: ["<rootDir>/test/unit"],
      testPathIgnorePatterns: ["/node_modules/", SWEEPS],
    },
    // Random inputs by the thousand and a fault at every point of every write: a module's sweeps
    // sit beside its tests (test/unit/.../<module>.fuzz.test.ts) but run as a tier of their own.
    { ...common, displayName: "sweep", roots: ["<rootDir>/test/unit"], testRegex: SWEEPS },
    {
      ...common,
      displayName: "e2e",
      roots: ["<rootDir>/test/e2e"],
      globalSetup: "<rootDir>/test/global-setup.js",
    },
  ],
};
