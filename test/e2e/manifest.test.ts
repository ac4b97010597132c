import { ROOT } from "../helpers/root";
import { spawnSync } from "child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { dirname, join } from "path";
import { checkManifestRules } from "../../scripts/manifest-rules";
import {
  validateFunctionsJson,
  validateManifestXsd,
  xsdUnavailable,
} from "../../scripts/office-schemas";
import { shippedMetadata } from "../../scripts/functions-metadata";
import { needs } from "../helpers/needs";

/**
 * What Excel will take, proven against what Microsoft publishes (no Excel runs here): the
 * manifest against Microsoft's XSDs with xmllint, functions.json against the unified manifest's
 * JSON schema, and the documented rules no schema states.
 */

const SOURCE = join(ROOT, "manifest.xml");
const BUILT = join(ROOT, "test-output/dist/manifest.xml");
const manifest = readFileSync(SOURCE, "utf8");
const dir = mkdtempSync(join(tmpdir(), "kc-manifest-"));
const xsd = needs("Microsoft's manifest XSDs and xmllint", xsdUnavailable());

/** A folder with no build in it, for npm run validate's KC_DIST. */
const noBuild = mkdtempSync(join(tmpdir(), "kc-no-build-"));
afterAll(() => rmSync(noBuild, { recursive: true, force: true }));

/** npm run validate, as a developer runs it, with the environment given. */
function validate(args: string[], env: NodeJS.ProcessEnv) {
  return spawnSync("npm", ["run", "-s", "validate", "--", ...args], {
    cwd: ROOT,
    encoding: "utf8",
    timeout: 120000,
    env: { ...process.env, ...env },
  });
}

/** The manifest with one edit, written to a file for xmllint. */
function edited(find: string | RegExp, replace: string): string {
  const xml = manifest.replace(find, replace);
  if (xml === manifest) throw new Error(`the manifest holds no ${String(find)}`);
  const file = join(dir, `edit-${Math.random().toString(36).slice(2)}.xml`);
  writeFileSync(file, xml);
  return file;
}

describe("Microsoft's manifest XSDs", () => {
  xsd.test("accept the source manifest and the built one", () => {
    expect(validateManifestXsd(SOURCE)).toEqual({ ran: true, problems: [] });
    expect(validateManifestXsd(BUILT)).toEqual({ ran: true, problems: [] });
  });

  const refused: [string, string | RegExp, string, RegExp][] = [
    ["an empty AppDomains", "<Hosts>\n", "<AppDomains/>\n  <Hosts>\n", /AppDomains.*Missing child/],
    [
      "a ProviderName over 125 characters",
      /<ProviderName>[^<]*/,
      `<ProviderName>${"K".repeat(126)}`,
      /ProviderName.*maxLength/,
    ],
    [
      "a Group without Icon",
      /(<Group id="KC.Group">\s*<Label resid="Group.Label"\/>)\s*<Icon>[\s\S]*?<\/Icon>/,
      "$1",
      /Control.*not expected.*Expected is \( Icon \)/,
    ],
    [
      "GetStarted without LearnMoreUrl",
      /\s*<LearnMoreUrl resid="GetStarted.LearnMoreUrl"\/>/,
      "",
      /GetStarted.*Missing child.*LearnMoreUrl/,
    ],
    [
      "ShowTaskpane without SourceLocation",
      /(<TaskpaneId>ButtonId1<\/TaskpaneId>)\s*<SourceLocation resid="Taskpane.Url"\/>/,
      "$1",
      /Action.*Missing child.*SourceLocation/,
    ],
    [
      "an attribute the schema does not know",
      "<Host Name=",
      '<Host Rank="1" Name=',
      /'Rank'.*not allowed/,
    ],
    [
      "a namespace of another version",
      'xmlns="http://schemas.microsoft.com/office/appforoffice/1.1"',
      'xmlns="http://schemas.microsoft.com/office/appforoffice/1.0"',
      /No matching global declaration/,
    ],
    ["an unknown permission", "ReadWriteDocument", "FullControl", /Permissions.*enumeration/],
    ["a five-part version", /<Version>[^<]*/, "<Version>1.1.0.0.0", /Version.*pattern/],
  ];
  for (const [name, find, replace, problem] of refused) {
    xsd.test(`refuse ${name}`, () => {
      const r = validateManifestXsd(edited(find, replace));
      expect(r.ran && r.problems.join("\n")).toMatch(problem);
    });
  }

  xsd.test("accept what the schema allows and a transcription refused: a {GUID} id", () => {
    const r = validateManifestXsd(edited(/<Id>([^<]*)<\/Id>/, "<Id>{$1}</Id>"));
    expect(r).toEqual({ ran: true, problems: [] });
  });
});

test("the manifest asks for the requirement sets the add-in cannot work without", () => {
  // The shared runtime; CustomFunctions.Error with a message and the #DIV/0! and #NUM! codes
  // (CustomFunctionsRuntime 1.3). The model tabs' ExcelApi 1.12 is checked by the pane at run
  // time, so that a host without it still gets the functions.
  expect(manifest.match(/<Set [^>]*\/>/g)).toEqual([
    '<Set Name="SharedRuntime" MinVersion="1.1"/>',
    '<Set Name="CustomFunctionsRuntime" MinVersion="1.3"/>',
  ]);
});

describe("the documented rules no XSD states", () => {
  test("the source and built manifests follow them", () => {
    expect(checkManifestRules(manifest)).toEqual([]);
    expect(checkManifestRules(readFileSync(BUILT, "utf8"))).toEqual([]);
  });

  test.each([
    [
      "a function file that is not the shared runtime's page",
      manifest.replace(
        '<FunctionFile resid="Taskpane.Url"/>',
        '<FunctionFile resid="Functions.Script.Url"/>'
      ),
      `FunctionFile: resid "Functions.Script.Url" is not the shared runtime's page "Taskpane.Url"`,
    ],
    [
      "a shared runtime without the SharedRuntime requirement set",
      manifest.replace('<Set Name="SharedRuntime" MinVersion="1.1"/>', ""),
      'a shared runtime needs <Set Name="SharedRuntime"',
    ],
    [
      "custom functions without their requirement set",
      manifest.replace(/<Set Name="CustomFunctionsRuntime"[^>]*\/>/, ""),
      'custom functions need <Set Name="CustomFunctionsRuntime"/>',
    ],
    [
      "a resid that names no resource",
      manifest.replace('<Title resid="GetStarted.Title"/>', '<Title resid="Nowhere"/>'),
      'resid "Nowhere" names no resource',
    ],
    [
      "a resid of the wrong kind",
      manifest.replace(
        '<Namespace resid="Functions.Namespace"/>',
        '<Namespace resid="Taskpane.Url"/>'
      ),
      "<Namespace> takes one of <ShortStrings>",
    ],
    [
      "an http URL",
      manifest.replace(
        'id="Functions.Metadata.Url" DefaultValue="https:',
        'id="Functions.Metadata.Url" DefaultValue="http:'
      ),
      "is not an https URL",
    ],
    ["not XML at all", "<OfficeApp><Id>", "not well-formed XML"],
  ])("refuse %s", (_name, xml, problem) => {
    expect(xml).not.toBe(manifest);
    expect(checkManifestRules(xml).join("\n")).toContain(problem);
  });
});

describe("functions.json against the unified manifest's extensionCustomFunctions schema", () => {
  test("the generated one and the built one are valid, and the same", async () => {
    const shipped = await shippedMetadata();
    expect(validateFunctionsJson(shipped)).toEqual([]);
    expect(readFileSync(join(ROOT, "test-output/dist/functions.json"), "utf8")).toBe(shipped);
  });

  test("a function id or name under 3 characters is refused (as KC.FX was)", async () => {
    const metadata = JSON.parse(await shippedMetadata());
    metadata.functions[0].id = "FX";
    metadata.functions[0].name = "FX";
    expect(validateFunctionsJson(JSON.stringify(metadata))).toEqual([
      '/functions/0/id ("FX") must NOT have fewer than 3 characters',
      '/functions/0/name ("FX") must NOT have fewer than 3 characters',
    ]);
  });

  test("a property the schema does not know is refused", () => {
    expect(validateFunctionsJson('{"functions": [], "extra": 1}')).toEqual([
      '/ must NOT have additional properties "extra"',
      "/functions must NOT have fewer than 1 items",
    ]);
  });
});

xsd.test(
  "npm run validate applies every validator it can and says which; exits 1 on a problem",
  () => {
    const run = (...args: string[]) => validate(args, { KC_DIST: noBuild });
    // Not the repository's dist/, which a build of the developer's may hold.
    const ok = run();
    expect(ok.stdout).toMatch(
      /^manifest\.xml\n {2}Microsoft's manifest XSDs \(xmllint, .*\): valid$/m
    );
    expect(ok.stdout).toContain(
      "documented rules no XSD states (scripts/manifest-rules.ts): valid"
    );
    expect(ok.stdout).toMatch(/Microsoft's online validator: (not reachable|valid)/);
    expect(ok.stdout).toMatch(/extensionCustomFunctions schema .*: valid/);
    expect(ok.stdout.trimEnd().split("\n").pop()).toBe("Valid.");
    expect(ok.status).toBe(0);

    const bad = run(edited("<Hosts>\n", "<AppDomains/>\n  <Hosts>\n"));
    expect(bad.stdout).toMatch(/AppDomains.*Missing child element/);
    expect(bad.stdout.trimEnd().split("\n").pop()).toBe("Not valid: see above.");
    expect(bad.status).toBe(1);

    // A production build without KC_ADDIN_URL (as the tests' own build is) points at the
    // placeholder host: valid XML, but no add-in anyone can load.
    const placeholder = validate([], { KC_DIST: dirname(BUILT) });
    expect(placeholder.stdout).toContain(
      "where the add-in is hosted: 1 problem(s)\n    the URLs point at the placeholder host https://kc-financials.example.com/: build with the add-in's own https address, e.g. KC_ADDIN_URL=https://addin.example.org/ npm run build"
    );
    expect(placeholder.stdout.trimEnd().split("\n").pop()).toBe("Not valid: see above.");
    expect(placeholder.status).toBe(1);
  }
);

test("npm run validate refuses a build for the placeholder host without Microsoft's XSDs too", () => {
  const r = validate([BUILT], { KC_OFFICE_SCHEMAS: join(dir, "no-schemas") });
  expect(r.stdout).toContain(
    "the URLs point at the placeholder host https://kc-financials.example.com/: build with the add-in's own https address, e.g. KC_ADDIN_URL=https://addin.example.org/ npm run build"
  );
  expect(`${r.stdout.trimEnd().split("\n").pop()} (exit ${r.status})`).toBe(
    "Not valid: see above. (exit 1)"
  );
});

test("npm run validate without Microsoft's XSDs says it could not validate, and exits 1", () => {
  const r = spawnSync("npm", ["run", "-s", "validate", "--", SOURCE], {
    cwd: ROOT,
    encoding: "utf8",
    timeout: 120000,
    env: { ...process.env, KC_OFFICE_SCHEMAS: join(dir, "no-schemas") },
  });
  expect(r.stdout).toContain(
    `Microsoft's manifest XSDs: not run: Microsoft's manifest XSDs are not at ${join(dir, "no-schemas")}`
  );
  // Where Microsoft's service answers it validates alone; here (no internet) nothing can.
  const reached = !/online validator: not reachable/.test(r.stdout);
  const verdict = `${r.stdout.trimEnd().split("\n").pop()} (exit ${r.status})`;
  expect(reached ? "validated online" : verdict).toBe(
    reached ? "validated online" : "Not validated: see above. (exit 1)"
  );
});
