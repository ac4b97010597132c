import { sheetPrefix } from "../sheets/a1";

/**
 * Reading Excel formula text as the task pane needs it: the KC calls a formula makes and the
 * sheets it refers to, never mistaking the inside of a text literal ("KC.VALUE(" in quotes) or a
 * quoted sheet name for either.
 */

export type KcArg =
  | { kind: "text"; value: string }
  | { kind: "number"; value: number }
  | { kind: "empty" }
  | { kind: "ref"; ref: string };

export interface KcCall {
  fn: string;
  args: KcArg[];
}

/** The formula with the inside of every "text literal" blanked, so that offsets stay the same. */
function outsideText(formula: string): string {
  let out = "";
  let inText = false;
  for (let i = 0; i < formula.length; i++) {
    const ch = formula[i];
    if (inText) {
      if (ch === '"' && formula[i + 1] === '"') {
        out += "  ";
        i++;
      } else if (ch === '"') {
        inText = false;
        out += ch;
      } else out += " ";
    } else {
      if (ch === '"') inText = true;
      out += ch;
    }
  }
  return out;
}

/** A sheet reference: 'Any ''name'''! or Name! (not #REF!, not an external [Book]Sheet!). */
interface SheetRef {
  name: string;
  start: number;
  end: number;
}

function sheetRefs(formula: string): SheetRef[] {
  const code = outsideText(formula);
  const refs: SheetRef[] = [];
  const unquoted = /[A-Za-z_\u00C0-\uFFFF][\w.\u00C0-\uFFFF]*!/y;
  for (let i = 0; i < code.length; i++) {
    const ch = code[i];
    if (ch === "'") {
      let j = i + 1;
      let name = "";
      for (; j < code.length; j++) {
        if (code[j] === "'" && code[j + 1] === "'") {
          name += "'";
          j++;
        } else if (code[j] === "'") break;
        else name += code[j];
      }
      if (code[j + 1] === "!" && !name.startsWith("[")) refs.push({ name, start: i, end: j + 2 });
      i = j + 1;
    } else if (!/[\w.\]#$\u00C0-\uFFFF]/.test(code[i - 1] ?? "")) {
      unquoted.lastIndex = i;
      const m = unquoted.exec(code);
      if (m) {
        refs.push({ name: m[0].slice(0, -1), start: i, end: i + m[0].length });
        i += m[0].length - 1;
      }
    }
  }
  return refs;
}

/** The names of the sheets a formula refers to, as written. */
export function referencedSheets(formula: string): string[] {
  return [...new Set(sheetRefs(formula).map((r) => r.name))];
}

/**
 * The formula with its references to some sheets pointed at others (names matched as Excel
 * matches them, ignoring case): how a set of copied sheets is made to refer to each other.
 */
export function renameSheetRefs(formula: string, renames: Map<string, string>): string {
  const byKey = new Map([...renames].map(([from, to]) => [from.toLowerCase(), to]));
  let out = "";
  let at = 0;
  for (const ref of sheetRefs(formula)) {
    const to = byKey.get(ref.name.toLowerCase());
    if (to === undefined) continue;
    out += formula.slice(at, ref.start) + sheetPrefix(to);
    at = ref.end;
  }
  return out + formula.slice(at);
}

/** Every KC call in a formula, in order, with its literal and cell-reference arguments. */
export function findKcCalls(formula: string): KcCall[] {
  const code = outsideText(formula);
  const calls: KcCall[] = [];
  const start = /(?<![\w.])KC\.([A-Z][A-Z0-9_]*)\s*\(/giy;
  for (let i = 0; i < code.length; i++) {
    start.lastIndex = i;
    const m = start.exec(code);
    if (m) calls.push({ fn: m[1].toUpperCase(), args: argumentsFrom(formula, i + m[0].length) });
  }
  return calls;
}

/** Whether a cell's formula calls a KC function anywhere (and so shows #NAME? without the add-in). */
export function callsKc(formula: unknown): boolean {
  return typeof formula === "string" && formula.startsWith("=") && findKcCalls(formula).length > 0;
}

function argumentsFrom(formula: string, from: number): KcArg[] {
  const args: KcArg[] = [];
  let current = "";
  let depth = 0;
  let inString = false;
  for (let i = from; i < formula.length; i++) {
    const ch = formula[i];
    if (inString) {
      if (ch === '"' && formula[i + 1] === '"') {
        current += '""';
        i++;
      } else {
        if (ch === '"') inString = false;
        current += ch;
      }
    } else if (ch === '"') {
      inString = true;
      current += ch;
    } else if (ch === "(" || ch === "{") {
      depth++;
      current += ch;
    } else if ((ch === ")" || ch === "}") && depth > 0) {
      depth--;
      current += ch;
    } else if ((ch === "," || ch === ")") && depth === 0) {
      args.push(toArg(current.trim()));
      current = "";
      if (ch === ")") break;
    } else {
      current += ch;
    }
  }
  if (args.length === 1 && args[0].kind === "empty") args.pop();
  return args;
}

function toArg(text: string): KcArg {
  if (text === "") return { kind: "empty" };
  const s = /^"((?:[^"]|"")*)"$/.exec(text);
  if (s) return { kind: "text", value: s[1].replace(/""/g, '"') };
  if (/^-?\d+(\.\d+)?$/.test(text)) return { kind: "number", value: Number(text) };
  return { kind: "ref", ref: text };
}
