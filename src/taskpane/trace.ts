import { KcError } from "../core/errors";
import type { Answer } from "../core/financials";
import { KcFormulas, describeSource, priorPeriod } from "../core/formulas";
import { SEGMENT_ITEMS, parseBasis, parseSegment } from "../core/arguments";
import { REVENUE } from "../core/identities";
import { describeAnswer, formatFraction, formatNumber } from "./number-format";

/**
 * What the source panel shows for a cell: the KC call in its formula, the figure, and for each
 * figure it stands on, where the release prints it. Arguments that refer to other cells are
 * listed first so the task pane can read them.
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

/** The first KC call in a formula, with literal and cell-reference arguments. */
export function findKcCall(formula: string): KcCall | undefined {
  const m = /\bKC\.([A-Z]+)\s*\(/i.exec(formula);
  if (!m) return undefined;
  const args: KcArg[] = [];
  let i = m.index + m[0].length;
  let current = "";
  let depth = 0;
  let inString = false;
  for (; i < formula.length; i++) {
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
    } else if (ch === "(") {
      depth++;
      current += ch;
    } else if (ch === ")" && depth > 0) {
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
  return { fn: m[1].toUpperCase(), args };
}

function toArg(text: string): KcArg {
  if (text === "") return { kind: "empty" };
  const s = /^"((?:[^"]|"")*)"$/.exec(text);
  if (s) return { kind: "text", value: s[1].replace(/""/g, '"') };
  if (/^-?\d+(\.\d+)?$/.test(text)) return { kind: "number", value: Number(text) };
  return { kind: "ref", ref: text };
}

export interface Trace {
  call: string;
  figure?: number;
  /** The figure as the builder shows it: "747,506 (RMB thousands)". */
  shown?: string;
  error?: string;
  sources: string[];
}

export function traceCall(
  kcf: KcFormulas,
  call: KcCall,
  refValues: Map<string, unknown> = new Map()
): Trace {
  const a = call.args.map((arg) =>
    arg.kind === "empty" ? undefined : arg.kind === "ref" ? refValues.get(arg.ref) : arg.value
  );
  const fin = kcf.fin;
  const source = (ans: Answer) => describeSource(fin, ans);
  const trace: Trace = { call: `KC.${call.fn}`, sources: [] };
  const answered = (ans: Answer) => {
    trace.figure = ans.value.toNumber();
    trace.shown = describeAnswer(ans);
    trace.sources.push(source(ans));
  };
  try {
    switch (call.fn) {
      case "VALUE":
      case "SOURCE":
        answered(fin.value(a[0], a[1], a[2], a[3]));
        break;
      case "REVENUE":
        answered(fin.value(SEGMENT_ITEMS[parseSegment(a[1])], a[0], a[2], a[3]));
        break;
      case "NONGAAP":
        answered(fin.value(kcf.nonGaapItem(a[0]).id, a[1], a[2], a[3]));
        break;
      case "GROWTH": {
        trace.figure = kcf.growth(a[0], a[1], a[2]);
        trace.shown = formatFraction(trace.figure);
        const item = fin.item(a[0]);
        const period = fin.period(item, a[1]);
        for (const p of [period, priorPeriod(period, parseBasis(a[2]))])
          if (p && fin.has(item, p)) trace.sources.push(source(fin.value(item.id, p)));
        break;
      }
      case "MARGIN": {
        trace.figure = kcf.margin(a[0], a[1]);
        trace.shown = formatFraction(trace.figure);
        const item = fin.item(a[0]);
        const period = fin.period(item, a[1]);
        trace.sources.push(source(fin.value(item.id, period)), source(fin.value(REVENUE, period)));
        break;
      }
      case "FXRATE":
        trace.figure = kcf.fx();
        trace.shown = `${formatNumber(trace.figure)} (RMB per US$)`;
        trace.sources.push(`the convenience rate, line ${fin.dataset.fx.line} of the release`);
        break;
      default:
        trace.sources.push(
          `KC.${call.fn} spills several figures; select one of its cells built with KC.VALUE to trace it`
        );
    }
  } catch (e) {
    if (!(e instanceof KcError)) throw e;
    trace.error = `${e.code} ${e.message}`;
  }
  return trace;
}
