import { Dec } from "../domain/decimal";
import type { Answer } from "../core/financials";
import { FORMATS, formatFor } from "../sheets/types";

/** Shows a value as Excel would under the plan's number format (the formats the plans use). */
export function formatValue(value: Dec | string, format: string | undefined): string {
  if (!(value instanceof Dec)) return value;
  switch (format) {
    case FORMATS.thousands:
      return accounting(value, 0);
    case FORMATS.millions:
      return accounting(value, 1);
    case FORMATS.perShare:
      return accounting(value, 2);
    case FORMATS.perShareFine:
      return accounting(value, 4);
    case FORMATS.shares:
      return grouped(value.toDecimalPlaces(0, Dec.ROUND_HALF_UP), 0);
    case FORMATS.percent:
    case FORMATS.growth:
      return percent(value);
    case FORMATS.points:
      return percent(value).replace("%", "% pts");
    case FORMATS.rate:
      return value.toFixed(4);
    default:
      return (
        axisLabel(value, format) ??
        (value.isZero() ? "0" : value.toSignificantDigits(10).toString())
      );
  }
}

/**
 * A chart axis's number formats ("#,##0;(#,##0)", "#,##0.0;(#,##0.0)", "0%"): grouped or not, to
 * so many places, a percentage or not; negatives in parentheses where the format has a section
 * for them, else with a minus, as Excel shows them. Zero is 0: the axis's own label.
 */
const AXIS_FORMAT = /^(#,##)?0(?:\.(0+))?(%?)(;\((?:#,##)?0(?:\.0+)?%?\))?$/;

function axisLabel(value: Dec, format: string | undefined): string | undefined {
  const m = format === undefined ? null : AXIS_FORMAT.exec(format);
  if (!m) return undefined;
  const places = m[2]?.length ?? 0;
  const scaled = (m[3] ? value.times(100) : value).toDecimalPlaces(places, Dec.ROUND_HALF_UP);
  const digits = m[1] ? grouped(scaled.abs(), places) : scaled.abs().toFixed(places);
  const text = `${digits}${m[3]}`;
  if (!value.isNegative()) return text;
  return m[4] ? `(${text})` : `-${text}`;
}

/** 0.0%;(0.0%): negatives in parentheses. */
function percent(value: Dec): string {
  const rounded = value.times(100).toDecimalPlaces(1, Dec.ROUND_HALF_UP);
  const text = `${grouped(rounded.abs(), 1)}%`;
  return rounded.isNegative() ? `(${text})` : text;
}

/** #,##0;(#,##0);"-": negatives in parentheses, zero as a dash. */
function accounting(value: Dec, places: number): string {
  // Excel picks the format's section by the value's sign before rounding: only nil is "-"; a
  // figure that rounds to nothing shows as 0.0 or (0.0), as in the sheet.
  if (value.isZero()) return "-";
  const text = grouped(value.toDecimalPlaces(places, Dec.ROUND_HALF_UP).abs(), places);
  return value.isNegative() ? `(${text})` : text;
}

function grouped(value: Dec, places: number): string {
  const [whole, fraction] = value.toFixed(places).split(".");
  const sign = whole.startsWith("-") ? "-" : "";
  const digits = whole.replace("-", "").replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${sign}${digits}${fraction ? `.${fraction}` : ""}`;
}

/**
 * A figure as the builder and the source panel show it, in the tabs' format for its kind and
 * unit, with what it is: "747,506 (RMB thousands)", "(0.08) (US$ per share, converted at the
 * release's rate)", "27.6%", "6.898 (RMB per US$)".
 */
export function describeAnswer(a: Answer): string {
  // A rate is shown as printed; the tabs' formats are for amounts, shares and percentages.
  const shown = formatValue(
    a.value,
    a.item.kind === "rate" ? undefined : formatFor(a.item.kind, a.unit)
  );
  const currency = a.currency === "USD" ? "US$" : a.currency;
  const what =
    a.unit === "fraction"
      ? ""
      : a.unit === "thousands" || a.unit === "millions" || a.unit === "units"
        ? `${currency} ${a.unit}`
        : a.unit === "per share"
          ? `${currency} per share`
          : a.unit;
  const notes = [what, a.converted ? "converted at the release's rate" : ""].filter(Boolean);
  return notes.length ? `${shown} (${notes.join(", ")})` : shown;
}

/** A growth rate or margin (a fraction) as the tabs show it: 37.2%. */
export function formatFraction(value: number): string {
  return formatValue(new Dec(value), FORMATS.percent);
}

/** A number whose format is not known (a changed cell of a tab): grouped, as computed. */
export function formatNumber(value: number): string {
  const d = new Dec(value).toSignificantDigits(10);
  return grouped(d, Math.max(0, d.decimalPlaces()));
}
