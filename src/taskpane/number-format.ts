import { Dec } from "../core/decimal";
import { FORMATS } from "../sheets/types";

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
    case FORMATS.shares:
      return grouped(value.toDecimalPlaces(0, Dec.ROUND_HALF_UP), 0);
    case FORMATS.percent:
    case FORMATS.growth:
      return percent(value);
    case FORMATS.rate:
      return value.toFixed(4);
    default:
      return value.isZero() ? "0" : value.toSignificantDigits(10).toString();
  }
}

/** 0.0%;(0.0%): negatives in parentheses. */
function percent(value: Dec): string {
  const rounded = value.times(100).toDecimalPlaces(1, Dec.ROUND_HALF_UP);
  const text = `${grouped(rounded.abs(), 1)}%`;
  return rounded.isNegative() ? `(${text})` : text;
}

/** #,##0;(#,##0);"-": negatives in parentheses, zero as a dash. */
function accounting(value: Dec, places: number): string {
  const rounded = value.toDecimalPlaces(places, Dec.ROUND_HALF_UP);
  if (rounded.isZero()) return "-";
  const text = grouped(rounded.abs(), places);
  return rounded.isNegative() ? `(${text})` : text;
}

function grouped(value: Dec, places: number): string {
  const [whole, fraction] = value.toFixed(places).split(".");
  const sign = whole.startsWith("-") ? "-" : "";
  const digits = whole.replace("-", "").replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${sign}${digits}${fraction ? `.${fraction}` : ""}`;
}
