import Decimal from "decimal.js";

/**
 * All arithmetic on figures goes through this Decimal: far more digits than any figure has, and
 * half-up (away from zero) rounding, the convention of the release's one-decimal percentages.
 */
export const Dec = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });
export type Dec = InstanceType<typeof Dec>;

/** Rounds half away from zero to `places` decimals, as the release rounds. */
export function roundTo(value: Dec, places: number): Dec {
  return value.toDecimalPlaces(places, Decimal.ROUND_HALF_UP);
}

export function decimalPlaces(printed: string): number {
  const m = /\.(\d+)/.exec(printed);
  return m ? m[1].length : 0;
}
