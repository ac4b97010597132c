import { XMLParser, XMLValidator } from "fast-xml-parser";

/**
 * The rules of Microsoft's documentation that its manifest XSDs cannot state (they compare values
 * across elements, or constrain a string the schema types only as a string). Everything the XSDs
 * state is left to them (scripts/office-schemas.ts); each rule here names where it is written.
 */

interface Element {
  name: string;
  attrs: Map<string, string>;
  children: Element[];
  path: string;
}

function parse(xml: string): Element {
  const wellFormed = XMLValidator.validate(xml);
  if (wellFormed !== true) throw new Error(`${wellFormed.err.msg} (line ${wellFormed.err.line})`);
  const parsed = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: "",
    preserveOrder: true,
  }).parse(xml) as Record<string, unknown>[];
  const convert = (entry: Record<string, unknown>, parent: string): Element | undefined => {
    const tag = Object.keys(entry).find((k) => k !== ":@");
    if (!tag || tag.startsWith("?") || tag === "#text" || tag === "#comment") return undefined;
    // bt:Image and Image are one element to these rules; the XSDs check the namespaces.
    const name = tag.replace(/^[^:]+:/, "");
    const path = parent ? `${parent}/${name}` : name;
    const children = (entry[tag] as Record<string, unknown>[])
      .map((c) => convert(c, path))
      .filter((e): e is Element => !!e);
    const attrs = new Map(Object.entries((entry[":@"] ?? {}) as Record<string, string>));
    return { name, attrs, children, path };
  };
  const root = parsed.map((e) => convert(e, "")).find(Boolean);
  if (!root) throw new Error("the file holds no XML element");
  return root;
}

function all(root: Element): Element[] {
  return [root, ...root.children.flatMap(all)];
}

type ResourceKind = "Images" | "Urls" | "ShortStrings" | "LongStrings";

/**
 * The kind of resource a resid names, by the element that carries it (Microsoft's manifest
 * reference for each element: "The name of a URL resource defined in the Resources section", ...).
 * An element not listed here need only name some resource.
 */
const RESID_KIND = new Map<string, ResourceKind>([
  ["SourceLocation", "Urls"],
  ["FunctionFile", "Urls"],
  ["LearnMoreUrl", "Urls"],
  ["Runtime", "Urls"],
  ["Image", "Images"],
  ["Label", "ShortStrings"],
  ["Title", "ShortStrings"],
  ["Namespace", "ShortStrings"],
  ["Description", "LongStrings"],
]);

/** Problems with the manifest under the rules below; empty when it follows them. */
export function checkManifestRules(xml: string): string[] {
  let root: Element;
  try {
    root = parse(xml);
  } catch (e) {
    return [`not well-formed XML: ${(e as Error).message}`];
  }
  const elements = all(root);
  const problems: string[] = [];

  // Every resid names a resource of <Resources>, of the kind its element takes (manifest
  // reference, e.g. "resid: The name of a URL resource defined in the <Resources> section").
  const resources = new Map<string, ResourceKind>();
  for (const e of elements) {
    const kind = /^(Images|Urls|ShortStrings|LongStrings)$/.exec(e.name)?.[1] as ResourceKind;
    if (!kind || !e.path.includes("/Resources/")) continue;
    for (const r of e.children) {
      const id = r.attrs.get("id") ?? "";
      if (resources.has(id)) problems.push(`${r.path}: resource id "${id}" is defined twice`);
      resources.set(id, kind);
    }
  }
  for (const e of elements) {
    const resid = e.attrs.get("resid");
    if (resid === undefined) continue;
    const kind = resources.get(resid);
    const wanted = RESID_KIND.get(e.name);
    if (!kind) problems.push(`${e.path}: resid "${resid}" names no resource in <Resources>`);
    else if (wanted && kind !== wanted)
      problems.push(
        `${e.path}: resid "${resid}" is in <${kind}>; <${e.name}> takes one of <${wanted}>`
      );
  }

  // Every URL is https ("The source location must be an HTTPS address, not a file path":
  // SourceLocation element reference; the same for the resources and icons Office fetches).
  for (const e of elements) {
    const isUrl =
      /^(IconUrl|HighResolutionIconUrl|SupportUrl)$/.test(e.name) ||
      (e.name === "SourceLocation" && e.attrs.has("DefaultValue")) ||
      (/^(Url|Image)$/.test(e.name) && e.path.includes("/Resources/"));
    for (const attr of ["DefaultValue", "Value"]) {
      const url = e.attrs.get(attr);
      if (isUrl && url !== undefined && !/^https:\/\/\S+$/.test(url))
        problems.push(`${e.path}: ${attr} "${url}" is not an https URL`);
    }
  }

  // A shared runtime: the task pane, the function file and the custom functions' page load the
  // one page the <Runtime> names ("Configure your Office Add-in to use a shared runtime": the
  // resid of Runtime, FunctionFile, Page/SourceLocation and the ShowTaskpane action's
  // SourceLocation must be the same), and the manifest asks for SharedRuntime 1.1.
  const runtime = elements.find((e) => e.name === "Runtime" && e.attrs.get("lifetime") === "long");
  const sets = new Set(elements.filter((e) => e.name === "Set").map((e) => e.attrs.get("Name")));
  if (runtime) {
    const page = runtime.attrs.get("resid");
    const sharing = elements.filter(
      (e) =>
        e.name === "FunctionFile" ||
        (e.name === "SourceLocation" &&
          /\/(Page|Action)\/SourceLocation$/.test(e.path) &&
          !/\/Script\//.test(e.path))
    );
    for (const e of sharing) {
      if (e.attrs.get("resid") !== page)
        problems.push(
          `${e.path}: resid "${e.attrs.get("resid")}" is not the shared runtime's page "${page}" (<Runtime resid>)`
        );
    }
    if (!sets.has("SharedRuntime"))
      problems.push(
        `Requirements: a shared runtime needs <Set Name="SharedRuntime" MinVersion="1.1"/>`
      );
  }
  // Custom functions: the requirement set that provides them (Custom Functions requirement sets).
  const customFunctions = elements.some(
    (e) => e.name === "ExtensionPoint" && e.attrs.get("xsi:type") === "CustomFunctions"
  );
  if (customFunctions && !sets.has("CustomFunctionsRuntime"))
    problems.push(`Requirements: custom functions need <Set Name="CustomFunctionsRuntime"/>`);
  return problems;
}
