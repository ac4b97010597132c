import { DetailedCellError } from "hyperformula";
import type { CellValue, HyperFormula } from "hyperformula";
import { Financials } from "../core/financials";
import { KcFormulas } from "../core/formulas";
import { datasetAt, datasetOption } from "./dataset-file";
import { createEngine } from "./formula-engine";
import { CliError, Output, UsageError } from "./output";

export const EVAL_USAGE = `kc eval [--dataset dataset.json] FORMULA... | kc eval [--dataset dataset.json] --stdin
  Evaluates spreadsheet formulas, which may use the KC functions, in a real formula engine
  (HyperFormula) and prints one JSON object per formula, in order:
    {"formula":"=KC.REVENUE(\\"2026Q1\\",\\"public\\")","value":1996301}
    {"formula":"=KC.SERIES(\\"revenue.total\\")","value":[["2025Q1",...],[1969977,...]]}
    {"formula":"=KC.VALUE(\\"x\\")","error":"#VALUE!","message":"Unknown line item ..."}
  With --stdin, one formula per line (blank lines are skipped). --dataset answers from another
  dataset than the committed one (e.g. one just ingested). Exits 0 once every formula is
  evaluated, errors included.`;

type JsonCell = number | string | boolean | null | { error: string; message: string };

export interface EvalResult {
  formula: string;
  value?: JsonCell | JsonCell[][];
  error?: string;
  message?: string;
}

export function evalCommand(args: string[], out: Output): number {
  const { path, rest } = datasetOption(args);
  const formulas = readFormulas(rest, out);
  const engine = createEngine(new KcFormulas(new Financials(datasetAt(path))));
  const sheet = engine.getSheetId(engine.addSheet("KC")) as number;
  for (const formula of formulas) out.log(JSON.stringify(evaluateFormula(engine, sheet, formula)));
  return 0;
}

export function evaluateFormula(engine: HyperFormula, sheet: number, formula: string): EvalResult {
  const text = formula.startsWith("=") ? formula : `=${formula}`;
  if (!engine.validateFormula(text)) {
    return {
      formula,
      error: "#ERROR!",
      message: "The formula cannot be parsed; check its parentheses, quotes and commas",
    };
  }
  const result = engine.calculateFormula(text, sheet);
  if (result instanceof DetailedCellError)
    return { formula, error: result.value, message: result.message };
  return {
    formula,
    value: Array.isArray(result) ? result.map((row) => row.map(cell)) : cell(result),
  };
}

function cell(v: CellValue): JsonCell {
  if (v instanceof DetailedCellError) return { error: v.value, message: v.message };
  return v;
}

function readFormulas(args: string[], out: Output): string[] {
  if (args.includes("--stdin")) {
    if (args.length > 1)
      throw new UsageError(`--stdin takes the formulas from standard input only`);
    let input: string;
    try {
      input = out.input();
    } catch (e) {
      throw new CliError(`cannot read standard input: ${(e as Error).message}`);
    }
    const lines = input
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter(Boolean);
    if (lines.length === 0) throw new UsageError(`no formulas on standard input`);
    return lines;
  }
  const unknown = args.find((a) => a.startsWith("--"));
  if (unknown)
    throw new UsageError(`unknown option ${unknown}; kc eval takes --dataset FILE and --stdin`);
  if (args.length === 0) throw new UsageError(`which formulas?`);
  return args.map((a) => a.trim());
}
