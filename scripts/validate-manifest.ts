// npm run validate [manifest.xml ...]: the manifest (the source one, and dist/'s when built)
// against Microsoft's manifest XSDs with xmllint, against the documented rules the XSDs cannot
// state, and with Microsoft's online validator where it can be reached; functions.json (as
// generated from the JSDoc, and dist/'s when built) against the unified manifest's schema.
// Exits 1 on any problem, and when no Microsoft schema could be applied to the manifest.
import { spawnSync } from "child_process";
import { existsSync, readFileSync } from "fs";
import { relative, resolve } from "path";
import { checkManifestRules } from "./manifest-rules";
import { SCHEMAS_DIR, validateFunctionsJson, validateManifestXsd } from "./office-schemas";
import { SOURCE, shippedMetadata } from "./functions-metadata";
import { PLACEHOLDER_URL } from "./placeholder-url";

const ROOT = resolve(__dirname, "..");
/** The built add-in: dist/, or $KC_DIST for a build made elsewhere (webpack --output-path). */
const DIST = resolve(process.env.KC_DIST ?? resolve(ROOT, "dist"));
const show = (file: string) => relative(process.cwd(), file) || file;

type Verdict = "valid" | "invalid" | "not run";

function report(check: string, problems: string[]): Verdict {
  console.log(`  ${check}: ${problems.length ? `${problems.length} problem(s)` : "valid"}`);
  for (const p of problems) console.log(`    ${p}`);
  return problems.length ? "invalid" : "valid";
}

/** Microsoft's online validator (office-addin-manifest validate), when its service answers. */
function online(file: string): Verdict {
  const bin = resolve(ROOT, "node_modules/.bin/office-addin-manifest");
  const r = spawnSync(bin, ["validate", file], { encoding: "utf8", timeout: 60000 });
  const output = `${r.stdout ?? ""}${r.stderr ?? ""}`;
  const unreachable =
    r.error !== undefined ||
    /Unable to contact the manifest validation service|ENOTFOUND|ECONNREFUSED|ETIMEDOUT|EAI_AGAIN/.test(
      output
    );
  if (unreachable) {
    const reason =
      output.match(/getaddrinfo[^\n]*|Unable to contact[^\n]*/)?.[0] ?? r.error?.message;
    console.log(
      `  Microsoft's online validator: not reachable (${(reason ?? "no answer").trim()})`
    );
    return "not run";
  }
  console.log("  Microsoft's online validator:");
  console.log(output.replace(/^/gm, "    ").trimEnd());
  return r.status === 0 ? "valid" : "invalid";
}

function validateManifest(file: string): Verdict {
  console.log(show(file));
  const xsd = validateManifestXsd(file);
  const verdicts: Verdict[] = [
    xsd.ran
      ? report(`Microsoft's manifest XSDs (xmllint, ${show(SCHEMAS_DIR)})`, xsd.problems)
      : (console.log(`  Microsoft's manifest XSDs: not run: ${xsd.why}`), "not run"),
    report(
      "documented rules no XSD states (scripts/manifest-rules.ts)",
      checkManifestRules(readFileSync(file, "utf8"))
    ),
    online(file),
    report("where the add-in is hosted", placeholderHost(readFileSync(file, "utf8"))),
  ];
  if (verdicts[0] === "not run" && verdicts[2] === "not run") {
    console.log(
      "  Not validated: neither Microsoft's XSDs nor its online validator could be used."
    );
    // What the checks of our own found is known without Microsoft's.
    return verdicts.includes("invalid") ? "invalid" : "not run";
  }
  return verdicts.includes("invalid") ? "invalid" : "valid";
}

/** A production build made without KC_ADDIN_URL points at a host that is not the add-in's. */
function placeholderHost(xml: string): string[] {
  return xml.includes(PLACEHOLDER_URL)
    ? [
        `the URLs point at the placeholder host ${PLACEHOLDER_URL}: build with the add-in's own https address, e.g. KC_ADDIN_URL=https://addin.example.org/ npm run build`,
      ]
    : [];
}

function validateFunctions(label: string, json: string): Verdict {
  console.log(label);
  return report(
    "the unified manifest's extensionCustomFunctions schema (@microsoft/app-manifest, JSON Schema draft-04)",
    validateFunctionsJson(json)
  );
}

async function main(): Promise<void> {
  const named = process.argv.slice(2).map((f) => resolve(f));
  const built = resolve(DIST, "manifest.xml");
  const manifests = named.length
    ? named
    : [resolve(ROOT, "manifest.xml"), ...(existsSync(built) ? [built] : [])];
  const results = manifests.map(validateManifest);
  if (!named.length) {
    results.push(
      validateFunctions(`functions.json (generated from ${show(SOURCE)})`, await shippedMetadata())
    );
    const builtFunctions = resolve(DIST, "functions.json");
    if (existsSync(builtFunctions))
      results.push(validateFunctions(show(builtFunctions), readFileSync(builtFunctions, "utf8")));
  }
  const verdict = results.includes("invalid")
    ? "Not valid: see above."
    : results.includes("not run")
      ? "Not validated: see above."
      : "Valid.";
  console.log(verdict);
  process.exitCode = verdict === "Valid." ? 0 : 1;
}

main().catch((e) => {
  console.error(`npm run validate: ${e instanceof Error ? e.message : String(e)}`);
  process.exitCode = 1;
});
