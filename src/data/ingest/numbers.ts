import { IngestError } from "./errors";

/** A figure read from a table cell. */
export interface PrintedFigure {
  /** Decimal string, negative when printed in parentheses or with a leading minus. */
  value: string;
  printed: string;
  percent: boolean;
  nil: boolean;
}

const FIGURE = /^(\()?(-)?(\d{1,3}(?:,\d{3})*|\d+)(\.\d+)?(%)?(\))?$/;

const NIL = new Set(["-", "–", "—"]);

/** The text is printed as a figure (or nil), e.g. a page number where a label should be. */
export function readsAsFigure(text: string): boolean {
  const t = text.trim();
  return NIL.has(t) || FIGURE.test(t);
}

/**
 * Reads one table cell: "6,018,043", "(31,068)", "(0.08)", "16.2%", "-16.0%", "3,728,092,123",
 * or "-" for nil. Anything else is an error naming the line, never a guess.
 */
export function parseFigure(text: string, line: number): PrintedFigure {
  const printed = text.trim();
  if (NIL.has(printed)) {
    return { value: "0", printed, percent: false, nil: true };
  }
  if (/^\(?-?0\)?$/.test(printed)) {
    throw new IngestError(
      line,
      `"${printed}" where the release prints a nil figure as "-"; a zero printed bare is not its layout`
    );
  }
  const m = FIGURE.exec(printed);
  if (!m) {
    throw new IngestError(
      line,
      `cannot read "${printed}" as a figure; expected a number such as 1,234, (1,234), 0.08, 12.8% or "-" for nil`
    );
  }
  const [, open, minus, whole, fraction = "", percent, close] = m;
  if (!whole.includes(",") && whole.length > 3) {
    throw new IngestError(
      line,
      `"${printed}" lacks its thousands separators; the release prints figures as ${group(whole)}`
    );
  }
  if (/^0\d/.test(whole)) {
    throw new IngestError(
      line,
      `"${printed}" has a leading zero; figures are printed as 1,234 or 0.08`
    );
  }
  if (Boolean(open) !== Boolean(close)) {
    throw new IngestError(
      line,
      `unbalanced parenthesis in "${printed}"; a negative figure reads "(1,234)"`
    );
  }
  if (open && minus) {
    throw new IngestError(line, `"${printed}" is negative twice (parentheses and a minus sign)`);
  }
  const digits = whole.replace(/,/g, "") + fraction;
  const negative = (Boolean(open) || Boolean(minus)) && /[1-9]/.test(digits);
  return {
    value: (negative ? "-" : "") + stripLeadingZeros(digits),
    printed,
    percent: Boolean(percent),
    nil: false,
  };
}

function group(whole: string): string {
  return whole.replace(/\B(?=(\d{3})+$)/g, ",");
}

function stripLeadingZeros(digits: string): string {
  return digits.replace(/^0+(?=\d)/, "");
}
