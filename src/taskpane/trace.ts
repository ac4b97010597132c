import { KcError } from "../domain/errors";
import type { Answer } from "../core/financials";
import { KcFormulas, describeSource, priorPeriod } from "../core/formulas";
import { SEGMENT_ITEMS, parseBasis, parseSegment } from "../core/arguments";
import { REVENUE } from "../domain/identities";
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
