import { spawnSync } from "child_process";
import { readFileSync, readdirSync, statSync } from "fs";
import { join, resolve } from "path";
import { checkManifest } from "../scripts/manifest-rules";

/** Security and hygiene of what ships: manifest, page policy, and code that never evaluates text. */

const ROOT = resolve(__dirname, "..");
const manifest = readFileSync(join(ROOT, "manifest.xml"), "utf8");

test("the manifest asks for ReadWriteDocument and nothing more", () => {
  expect(manifest.match(/<Permissions>[^<]*<\/Permissions>/g)).toEqual([
    "<Permissions>ReadWriteDocument</Permissions>",
  ]);
});

test("npm run validate checks the manifest and says which validator it used", () => {
  const r = spawnSync("npm", ["run", "-s", "validate"], {
    cwd: ROOT,
    encoding: "utf8",
    timeout: 120000,
  });
  expect(r.status).toBe(0);
  expect(r.stdout).toMatch(
    /validated .*manifest\.xml (online with Microsoft's manifest validation service|offline against the manifest schema rules in scripts\/manifest-rules\.ts)/i
  );
  expect(r.stdout).toMatch(/valid/);
});

describe("the offline schema rules find what is wrong", () => {
  test("the add-in's own manifests follow them", () => {
    expect(checkManifest(manifest)).toEqual([]);
    expect(
      checkManifest(readFileSync(join(ROOT, "test-output/dist/manifest.xml"), "utf8"))
    ).toEqual([]);
  });

  test.each([
    ["a missing Id", manifest.replace(/<Id>[^<]*<\/Id>/, ""), "OfficeApp: <Id> is required"],
    [
      "an Id that is not a GUID",
      manifest.replace(/<Id>[^<]*<\/Id>/, "<Id>kc</Id>"),
      'OfficeApp/Id: its text "kc" does not match',
    ],
    [
      "an unknown permission",
      manifest.replace("ReadWriteDocument", "FullControl"),
      'its text "FullControl" is not one of Restricted',
    ],
    [
      "an http URL",
      manifest.replace(
        '"https://localhost:3000/taskpane.html"/>\n  </DefaultSettings>',
        '"http://localhost:3000/taskpane.html"/>\n  </DefaultSettings>'
      ),
      "is not an https URL",
    ],
    [
      "a resid that names no resource",
      manifest.replace(
        '<FunctionFile resid="Taskpane.Url"/>',
        '<FunctionFile resid="Nowhere.Url"/>'
      ),
      'resid "Nowhere.Url" names no resource',
    ],
    [
      "a resid of the wrong kind",
      manifest.replace(
        '<Namespace resid="Functions.Namespace"/>',
        '<Namespace resid="Taskpane.Url"/>'
      ),
      "is in bt:Urls; expected bt:ShortStrings",
    ],
    [
      "elements out of order",
      manifest.replace(
        /(<Version>[^<]*<\/Version>)\s*(<ProviderName>[^<]*<\/ProviderName>)/,
        "$2$1"
      ),
      "out of order",
    ],
    [
      "a display name over 125 characters",
      manifest.replace(
        'DisplayName DefaultValue="KC Financials"',
        `DisplayName DefaultValue="${"K".repeat(126)}"`
      ),
      "at most 125",
    ],
    ["not XML at all", "<OfficeApp><Id>", "not well-formed XML"],
  ])("%s", (_name, xml, problem) => {
    expect(checkManifest(xml).join("\n")).toContain(problem);
  });
});

test("the task pane page allows scripts only from itself and the Office.js CDN, and no inline code", () => {
  for (const html of [
    readFileSync(join(ROOT, "src/taskpane/taskpane.html"), "utf8"),
    readFileSync(join(ROOT, "test-output/dist/taskpane.html"), "utf8"),
  ]) {
    const csp = /http-equiv="?Content-Security-Policy"?\s+content="([^"]+)"/.exec(html)?.[1];
    expect(csp).toBeDefined();
    const directives = Object.fromEntries(
      (csp as string)
        .split(";")
        .map((d) => d.trim().split(/\s+/))
        .map(([name, ...values]) => [name, values])
    );
    expect(directives["default-src"]).toEqual(["'self'"]);
    expect(directives["script-src"]).toEqual(["'self'", "https://appsforoffice.microsoft.com"]);
    expect(directives["style-src"]).toEqual(["'self'"]);
    expect(directives["object-src"]).toEqual(["'none'"]);
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(html).not.toMatch(/\son[a-z]+=/i);
  }
});

function files(dir: string, ext: RegExp): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path, ext) : ext.test(name) ? [path] : [];
  });
}

test("no eval or new Function, in our source or in the shipped bundles", () => {
  const evaluating =
    /\beval\s*\(|\bnew\s+Function\s*\(|\bFunction\s*\(\s*["'`]|setTimeout\s*\(\s*["'`]/;
  const offenders = [
    ...files(join(ROOT, "src"), /\.ts$/),
    join(ROOT, "test-output/dist/functions.js"),
    join(ROOT, "test-output/dist/taskpane.js"),
  ].filter((f) => evaluating.test(readFileSync(f, "utf8")));
  expect(offenders).toEqual([]);
});
