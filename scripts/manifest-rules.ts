import { XMLParser, XMLValidator } from "fast-xml-parser";

/**
 * The Office add-in manifest schema (OfficeApp 1.1, TaskPaneApp, with VersionOverrides 1.0 for
 * Excel), transcribed as rules: element order and counts, required attributes, allowed values,
 * length limits, https URLs, and that every resid names a resource of the right kind. Used by
 * `npm run validate` when Microsoft's online validator cannot be reached.
 */

interface Child {
  name: string;
  min?: number;
  max?: number;
}

interface ValueRule {
  required?: boolean;
  pattern?: RegExp;
  oneOf?: string[];
  maxLength?: number;
  https?: boolean;
  /** The attribute names a resource of this kind. */
  resource?: ResourceKind;
}

type ResourceKind = "Images" | "Urls" | "ShortStrings" | "LongStrings";

interface Rule {
  children?: Child[];
  attrs?: Record<string, ValueRule>;
  text?: ValueRule;
}

const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const url = (maxLength = 2048): ValueRule => ({ required: true, https: true, maxLength });
const resid = (resource: ResourceKind): Rule => ({
  attrs: { resid: { required: true, maxLength: 32, resource } },
});

/** Rules by "parent/element" (or the element alone where its place does not matter). */
const RULES: Record<string, Rule> = {
  OfficeApp: {
    attrs: {
      xmlns: { required: true, oneOf: ["http://schemas.microsoft.com/office/appforoffice/1.1"] },
      "xsi:type": { required: true, oneOf: ["TaskPaneApp"] },
    },
    children: [
      { name: "Id", min: 1 },
      { name: "AlternateId" },
      { name: "Version", min: 1 },
      { name: "ProviderName", min: 1 },
      { name: "DefaultLocale", min: 1 },
      { name: "DisplayName", min: 1 },
      { name: "Description", min: 1 },
      { name: "IconUrl" },
      { name: "HighResolutionIconUrl" },
      { name: "SupportUrl" },
      { name: "AppDomains" },
      { name: "Hosts" },
      { name: "Requirements" },
      { name: "DefaultSettings", min: 1 },
      { name: "Permissions", min: 1 },
      { name: "Dictionary" },
      { name: "VersionOverrides" },
      { name: "ExtendedOverrides" },
    ],
  },
  "OfficeApp/Id": { text: { required: true, pattern: GUID } },
  "OfficeApp/Version": { text: { required: true, pattern: /^\d{1,5}(\.\d{1,5}){0,3}$/ } },
  "OfficeApp/ProviderName": { text: { required: true, maxLength: 250 } },
  "OfficeApp/DefaultLocale": { text: { required: true, pattern: /^[a-z]{2,3}(-[A-Za-z]{2,4})?$/ } },
  "OfficeApp/DisplayName": { attrs: { DefaultValue: { required: true, maxLength: 125 } } },
  "OfficeApp/Description": { attrs: { DefaultValue: { required: true, maxLength: 250 } } },
  "OfficeApp/IconUrl": { attrs: { DefaultValue: url() } },
  "OfficeApp/HighResolutionIconUrl": { attrs: { DefaultValue: url() } },
  "OfficeApp/SupportUrl": { attrs: { DefaultValue: url() } },
  AppDomains: { children: [{ name: "AppDomain", max: Infinity }] },
  "OfficeApp/Hosts": { children: [{ name: "Host", min: 1, max: Infinity }] },
  "Hosts/Host": {
    attrs: {
      Name: {
        oneOf: [
          "Document",
          "Database",
          "Mailbox",
          "Notebook",
          "Presentation",
          "Project",
          "Workbook",
        ],
      },
      "xsi:type": { oneOf: ["Workbook"] },
    },
  },
  "OfficeApp/Requirements": { children: [{ name: "Sets" }, { name: "Methods" }] },
  Sets: {
    attrs: { DefaultMinVersion: { pattern: /^\d+\.\d+$/ } },
    children: [{ name: "Set", min: 1, max: Infinity }],
  },
  "Sets/Set": { attrs: { Name: { required: true }, MinVersion: { pattern: /^\d+\.\d+$/ } } },
  DefaultSettings: {
    children: [
      { name: "SourceLocation", min: 1 },
      { name: "RequestedWidth" },
      { name: "RequestedHeight" },
    ],
  },
  "DefaultSettings/SourceLocation": { attrs: { DefaultValue: url() } },
  "OfficeApp/Permissions": {
    text: {
      required: true,
      oneOf: [
        "Restricted",
        "ReadDocument",
        "ReadAllDocument",
        "WriteDocument",
        "ReadWriteDocument",
      ],
    },
  },
  VersionOverrides: {
    attrs: {
      xmlns: {
        required: true,
        oneOf: ["http://schemas.microsoft.com/office/taskpaneappversionoverrides"],
      },
      "xsi:type": { required: true, oneOf: ["VersionOverridesV1_0"] },
    },
    children: [
      { name: "Description" },
      { name: "Requirements" },
      { name: "Hosts", min: 1 },
      { name: "Resources" },
      { name: "VersionOverrides" },
    ],
  },
  "VersionOverrides/Hosts": { children: [{ name: "Host", min: 1, max: Infinity }] },
  HostOverride: {
    children: [
      { name: "Runtimes" },
      { name: "AllFormFactors" },
      { name: "DesktopFormFactor" },
      { name: "MobileFormFactor" },
    ],
  },
  Runtimes: { children: [{ name: "Runtime", min: 1, max: Infinity }] },
  Runtime: {
    attrs: {
      resid: { required: true, maxLength: 32, resource: "Urls" },
      lifetime: { oneOf: ["long", "short"] },
    },
  },
  AllFormFactors: { children: [{ name: "ExtensionPoint", min: 1, max: Infinity }] },
  DesktopFormFactor: {
    children: [
      { name: "GetStarted" },
      { name: "FunctionFile", min: 1 },
      { name: "ExtensionPoint", max: Infinity },
    ],
  },
  GetStarted: {
    children: [
      { name: "Title", min: 1 },
      { name: "Description", min: 1 },
      { name: "LearnMoreUrl" },
    ],
  },
  "GetStarted/Title": resid("ShortStrings"),
  "GetStarted/Description": resid("LongStrings"),
  "GetStarted/LearnMoreUrl": resid("Urls"),
  FunctionFile: resid("Urls"),
  ExtensionPoint: {
    attrs: {
      "xsi:type": {
        required: true,
        oneOf: ["CustomFunctions", "PrimaryCommandSurface", "ContextMenu"],
      },
    },
  },
  "ExtensionPoint:CustomFunctions": {
    children: [
      { name: "Script", min: 1 },
      { name: "Page", min: 1 },
      { name: "Metadata", min: 1 },
      { name: "Namespace", min: 1 },
    ],
  },
  "ExtensionPoint:PrimaryCommandSurface": {
    children: [
      { name: "CustomTab", max: Infinity },
      { name: "OfficeTab", max: Infinity },
    ],
  },
  "ExtensionPoint:ContextMenu": { children: [{ name: "OfficeMenu", min: 1, max: Infinity }] },
  Script: { children: [{ name: "SourceLocation", min: 1 }] },
  Page: { children: [{ name: "SourceLocation", min: 1 }] },
  Metadata: { children: [{ name: "SourceLocation", min: 1 }] },
  "Script/SourceLocation": resid("Urls"),
  "Page/SourceLocation": resid("Urls"),
  "Metadata/SourceLocation": resid("Urls"),
  Namespace: resid("ShortStrings"),
  OfficeTab: {
    attrs: { id: { required: true, pattern: /^Tab[A-Za-z]+$/ } },
    children: [{ name: "Group", min: 1, max: Infinity }],
  },
  Group: {
    attrs: { id: { required: true, maxLength: 125 } },
    children: [
      { name: "Label", min: 1 },
      { name: "Icon" },
      { name: "Control", min: 1, max: Infinity },
    ],
  },
  "Group/Label": resid("ShortStrings"),
  "Control/Label": resid("ShortStrings"),
  Icon: { children: [{ name: "bt:Image", min: 3, max: Infinity }] },
  "Icon/bt:Image": {
    attrs: {
      size: { required: true, oneOf: ["16", "20", "24", "32", "40", "48", "64", "80"] },
      resid: { required: true, maxLength: 32, resource: "Images" },
    },
  },
  Control: {
    attrs: {
      "xsi:type": { required: true, oneOf: ["Button", "Menu"] },
      id: { required: true, maxLength: 125 },
    },
    children: [
      { name: "Label", min: 1 },
      { name: "Supertip", min: 1 },
      { name: "Icon", min: 1 },
      { name: "Action", min: 1 },
    ],
  },
  Supertip: {
    children: [
      { name: "Title", min: 1 },
      { name: "Description", min: 1 },
    ],
  },
  "Supertip/Title": resid("ShortStrings"),
  "Supertip/Description": resid("LongStrings"),
  Action: {
    attrs: { "xsi:type": { required: true, oneOf: ["ShowTaskpane", "ExecuteFunction"] } },
    children: [{ name: "TaskpaneId" }, { name: "FunctionName" }, { name: "SourceLocation" }],
  },
  "Action/SourceLocation": resid("Urls"),
  Resources: {
    children: [
      { name: "bt:Images" },
      { name: "bt:Urls" },
      { name: "bt:ShortStrings" },
      { name: "bt:LongStrings" },
    ],
  },
  "bt:Images": { children: [{ name: "bt:Image", min: 1, max: Infinity }] },
  "bt:Urls": { children: [{ name: "bt:Url", min: 1, max: Infinity }] },
  "bt:ShortStrings": { children: [{ name: "bt:String", min: 1, max: Infinity }] },
  "bt:LongStrings": { children: [{ name: "bt:String", min: 1, max: Infinity }] },
  "bt:Images/bt:Image": { attrs: { id: { required: true, maxLength: 32 }, DefaultValue: url() } },
  "bt:Urls/bt:Url": { attrs: { id: { required: true, maxLength: 32 }, DefaultValue: url() } },
  "bt:ShortStrings/bt:String": {
    attrs: {
      id: { required: true, maxLength: 32 },
      DefaultValue: { required: true, maxLength: 125 },
    },
  },
  "bt:LongStrings/bt:String": {
    attrs: {
      id: { required: true, maxLength: 32 },
      DefaultValue: { required: true, maxLength: 250 },
    },
  },
};

interface Node {
  name: string;
  attrs: Record<string, string>;
  children: Node[];
  text: string;
  path: string;
}

function toTree(xml: string): Node {
  const wellFormed = XMLValidator.validate(xml);
  if (wellFormed !== true) throw new Error(`${wellFormed.err.msg} (line ${wellFormed.err.line})`);
  const parsed = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: "",
    preserveOrder: true,
    trimValues: true,
  }).parse(xml);
  const convert = (entry: Record<string, unknown>, parentPath: string): Node | undefined => {
    const name = Object.keys(entry).find((k) => k !== ":@");
    if (!name || name.startsWith("?") || name === "#comment") return undefined;
    const raw = entry[name] as Record<string, unknown>[];
    const attrs = (entry[":@"] ?? {}) as Record<string, string>;
    const path = parentPath ? `${parentPath}/${name}` : name;
    const text = raw
      .filter((c) => "#text" in c)
      .map((c) => String(c["#text"]))
      .join("");
    const children = raw
      .filter((c) => !("#text" in c))
      .map((c) => convert(c, path))
      .filter((n): n is Node => !!n);
    return { name, attrs, children, text, path };
  };
  const root = (parsed as Record<string, unknown>[]).map((e) => convert(e, "")).find(Boolean);
  if (!root) throw new Error("the file holds no XML element");
  return root;
}

/** The rule for an element in its place: "parent/name", "name:xsi:type", "name". */
function ruleFor(node: Node, parent: Node | undefined): Rule | undefined {
  if (node.name === "Host" && parent?.name === "Hosts" && node.attrs["xsi:type"]) {
    return { ...RULES["Hosts/Host"], children: RULES.HostOverride.children };
  }
  const typed = node.attrs["xsi:type"]
    ? RULES[`${node.name}:${node.attrs["xsi:type"]}`]
    : undefined;
  const own = (parent && RULES[`${parent.name}/${node.name}`]) ?? RULES[node.name];
  return own || typed ? { ...own, ...typed, attrs: { ...own?.attrs, ...typed?.attrs } } : undefined;
}

/** Problems with the manifest, each naming the element; empty when it follows the schema. */
export function checkManifest(xml: string): string[] {
  const problems: string[] = [];
  let root: Node;
  try {
    root = toTree(xml);
  } catch (e) {
    return [`not well-formed XML: ${(e as Error).message}`];
  }
  const resources = new Map<string, ResourceKind>();
  const references: { at: string; id: string; kind: ResourceKind }[] = [];
  const checkValue = (at: string, what: string, value: string | undefined, rule: ValueRule) => {
    if (value === undefined || value === "") {
      if (rule.required) problems.push(`${at}: ${what} is required`);
      return;
    }
    if (rule.oneOf && !rule.oneOf.includes(value))
      problems.push(`${at}: ${what} "${value}" is not one of ${rule.oneOf.join(", ")}`);
    if (rule.pattern && !rule.pattern.test(value))
      problems.push(`${at}: ${what} "${value}" does not match ${rule.pattern}`);
    if (rule.maxLength && value.length > rule.maxLength)
      problems.push(`${at}: ${what} is ${value.length} characters; at most ${rule.maxLength}`);
    if (rule.https && !/^https:\/\/[^\s]+$/.test(value))
      problems.push(`${at}: ${what} "${value}" is not an https URL`);
    if (rule.resource) references.push({ at, id: value, kind: rule.resource });
  };
  const walk = (node: Node, parent: Node | undefined) => {
    if (
      parent?.name &&
      /^bt:(Images|Urls|ShortStrings|LongStrings)$/.test(parent.name) &&
      node.attrs.id
    ) {
      resources.set(node.attrs.id, parent.name.slice(3) as ResourceKind);
    }
    const rule = ruleFor(node, parent);
    if (rule?.attrs)
      for (const [name, r] of Object.entries(rule.attrs))
        checkValue(node.path, `attribute ${name}`, node.attrs[name], r);
    if (rule?.text) checkValue(node.path, "its text", node.text, rule.text);
    if (rule?.children) {
      let position = 0;
      const counts = new Map<string, number>();
      for (const child of node.children) {
        const k = rule.children.findIndex((c) => c.name === child.name);
        if (k < 0) {
          problems.push(
            `${node.path}: unexpected <${child.name}>; expected ${rule.children.map((c) => c.name).join(", ")}`
          );
          continue;
        }
        if (k < position)
          problems.push(
            `${child.path}: out of order; <${child.name}> comes before <${rule.children[position].name}>`
          );
        position = Math.max(position, k);
        counts.set(child.name, (counts.get(child.name) ?? 0) + 1);
      }
      for (const c of rule.children) {
        const n = counts.get(c.name) ?? 0;
        if (n < (c.min ?? 0))
          problems.push(
            `${node.path}: <${c.name}> is required${(c.min ?? 0) > 1 ? ` ${c.min} times` : ""}`
          );
        if (n > (c.max ?? 1))
          problems.push(`${node.path}: <${c.name}> may appear at most ${c.max ?? 1} time(s)`);
      }
    }
    for (const child of node.children) walk(child, node);
  };
  walk(root, undefined);
  for (const ref of references) {
    const kind = resources.get(ref.id);
    if (!kind) problems.push(`${ref.at}: resid "${ref.id}" names no resource`);
    else if (kind !== ref.kind)
      problems.push(`${ref.at}: resid "${ref.id}" is in bt:${kind}; expected bt:${ref.kind}`);
  }
  return problems;
}
