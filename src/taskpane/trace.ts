import { KcError } from "../domain/errors";
import type { Answer } from "../core/financials";
import type { KcFormulas } from "../core/formulas";
import { KcTrace, kcFunction, traceKc } from "../core/registry";
import { describeAnswer, formatFraction, formatNumber } from "./number-format";
import { KcCall, findKcCalls } from "./formula-text";

/**
 * What the source panel shows for a cell: the KC call in its formula, the figure, and for each
 * figure it stands on, where the release prints it. Arguments that refer to other cells come with
 * their values, read by the task pane.
 */

/** The first KC call in a formula (outside its text literals). */
export function findKcCall(formula: string): KcCall | undefined {
  return findKcCalls(formula)[0];
}

export interface Trace {
  call: string;
  figure?: number;
  /** The figure as the builder shows it: "747,506 (RMB thousands)". */
  shown?: string;
  error?: string;
  sources: string[];
}

/**
 * The trace of a KC call, through the registry: the figure is exactly what the function returns
 * for these arguments (however many are given), and the sources are what it stands on.
 */
export function traceCall(
  kcf: KcFormulas,
  call: KcCall,
  refValues: Map<string, unknown> = new Map()
): Trace {
  const name = `KC.${call.fn}`;
  if (!kcFunction(call.fn)) {
    return { call: name, error: `#NAME? ${name} is not a KC function`, sources: [] };
  }
  const args = call.args.map((arg) =>
    arg.kind === "empty" ? undefined : arg.kind === "ref" ? refValues.get(arg.ref) : arg.value
  );
  const t = traceKc(kcf, call.fn, args);
  const trace: Trace = { call: name, sources: t.sources };
  if (t.result instanceof KcError) trace.error = `${t.result.code} ${t.result.message}`;
  else if (typeof t.result === "number") {
    trace.figure = t.result;
    trace.shown = shownFigure(t.result, t.shows, t.answer);
  } else if (Array.isArray(t.result)) {
    const rows = t.result.length;
    const columns = rows ? t.result[0].length : 0;
    trace.shown = `an array of ${rows} row${rows === 1 ? "" : "s"} by ${columns} column${columns === 1 ? "" : "s"}`;
  } else trace.shown = String(t.result);
  return trace;
}

function shownFigure(figure: number, shows: KcTrace["shows"], answer?: Answer): string {
  if (shows === "fraction") return formatFraction(figure);
  if (shows === "rate") return `${formatNumber(figure)} (RMB per US$)`;
  return answer ? describeAnswer(answer) : formatNumber(figure);
}
