import { spawnSync } from "child_process";
import { existsSync } from "fs";
import { resolve } from "path";
import Ajv from "ajv-draft-04";
import addFormats from "ajv-formats";

/**
 * Microsoft's own schemas, applied by real validators: the add-in manifest XSDs (xmllint, from
 * Debian's libxml2-utils) and the custom functions definition of the unified manifest's JSON
 * schema (ajv, JSON Schema draft-04, as that schema is written).
 */

const ROOT = resolve(__dirname, "..");

/** Where the XSDs are: ../shared/office-schemas (its README says where they come from), or $KC_OFFICE_SCHEMAS. */
export const SCHEMAS_DIR = resolve(
  process.env.KC_OFFICE_SCHEMAS ?? resolve(ROOT, "../shared/office-schemas")
);
const MANIFEST_XSD = resolve(SCHEMAS_DIR, "OfficeAppManifestV1_1.xsd");

/** The unified manifest schema shipped in @microsoft/app-manifest; custom functions are one definition of it. */
const TEAMS_SCHEMA =
  require.resolve("@microsoft/app-manifest/build/json-schemas/teams/v1.30/MicrosoftTeams.schema.json");
const CUSTOM_FUNCTIONS = "#/definitions/extensionCustomFunctions";

export type Outcome = { ran: true; problems: string[] } | { ran: false; why: string };

/** Why the XSD validation cannot run here, or undefined when it can. */
export function xsdUnavailable(): string | undefined {
  if (!existsSync(MANIFEST_XSD))
    return `Microsoft's manifest XSDs are not at ${SCHEMAS_DIR} (put the office-schemas folder of shared/ beside the repository, or set KC_OFFICE_SCHEMAS)`;
  if (spawnSync("xmllint", ["--version"]).error)
    return "xmllint is not installed (Debian: apt-get install libxml2-utils; macOS has it)";
  return undefined;
}

/** The manifest file against OfficeAppManifestV1_1.xsd and the schemas it imports. */
export function validateManifestXsd(file: string): Outcome {
  const why = xsdUnavailable();
  if (why) return { ran: false, why };
  const r = spawnSync("xmllint", ["--noout", "--schema", MANIFEST_XSD, file], {
    encoding: "utf8",
  });
  if (r.status === 0) return { ran: true, problems: [] };
  const problems = r.stderr
    .split("\n")
    .filter((l) => l.trim() && !/ fails to validate$/.test(l))
    // Namespaces in braces make every line three times as long and say nothing the line does not.
    .map((l) => l.replace(/\{[^}]*\}/g, "").trim());
  return { ran: true, problems: problems.length ? problems : [`xmllint exited ${r.status}`] };
}

let validateCustomFunctions: ReturnType<Ajv["compile"]> | undefined;

/** functions.json against the extensionCustomFunctions definition; each problem names its path. */
export function validateFunctionsJson(json: string): string[] {
  let metadata: unknown;
  try {
    metadata = JSON.parse(json);
  } catch (e) {
    return [`not JSON: ${(e as Error).message}`];
  }
  if (!validateCustomFunctions) {
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(ajv);
    ajv.addSchema(require(TEAMS_SCHEMA), "teams");
    validateCustomFunctions = ajv.getSchema(`teams${CUSTOM_FUNCTIONS}`);
    if (!validateCustomFunctions) throw new Error(`${TEAMS_SCHEMA} has no ${CUSTOM_FUNCTIONS}`);
  }
  if (validateCustomFunctions(metadata)) return [];
  return (validateCustomFunctions.errors ?? []).map((e) => {
    const value = at(metadata, e.instancePath);
    const shown = typeof value === "object" ? "" : ` (${JSON.stringify(value)})`;
    const allowed = "allowedValues" in e.params ? `: ${e.params.allowedValues}` : "";
    const extra = "additionalProperty" in e.params ? ` "${e.params.additionalProperty}"` : "";
    return `${e.instancePath || "/"}${shown} ${e.message}${extra}${allowed}`;
  });
}

/** The value at a JSON pointer such as /functions/10/id. */
function at(value: unknown, pointer: string): unknown {
  return pointer
    .split("/")
    .slice(1)
    .map((k) => k.replace(/~1/g, "/").replace(/~0/g, "~"))
    .reduce<unknown>(
      (v, k) =>
        v !== null && typeof v === "object" ? (v as Record<string, unknown>)[k] : undefined,
      value
    );
}
