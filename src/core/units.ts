import type { Currency, PrintedUnit } from "../data/types";
import { Dec } from "./decimal";
import { KcError } from "./errors";
import { describe } from "./periods";
import { closest } from "./text";

/** Currency and unit arguments, and the exact conversions between printed and requested units. */

export type OutputUnit = "thousands" | "millions" | "units";

const CURRENCIES: Record<string, Currency> = {
  rmb: "RMB",
  cny: "RMB",
  usd: "USD",
  us$: "USD",
  $: "USD",
};
const UNITS: Record<string, OutputUnit> = {
  thousands: "thousands",
  thousand: "thousands",
  k: "thousands",
  "000": "thousands",
  "000s": "thousands",
  millions: "millions",
  million: "millions",
  m: "millions",
  mm: "millions",
  mn: "millions",
  units: "units",
  unit: "units",
  ones: "units",
};

export function parseCurrency(input: unknown): Currency {
  if (input === undefined || input === null || input === "") return "RMB";
  if (typeof input !== "string") {
    throw new KcError("#VALUE!", `Currency must be "RMB" or "USD", not ${describe(input)}`);
  }
  const found = CURRENCIES[input.trim().toLowerCase()];
  if (found) return found;
  const guess = closest(input, ["RMB", "CNY", "USD"]);
  throw new KcError(
    "#VALUE!",
    `Unknown currency "${input.trim()}"; ${guess ? `did you mean "${guess}"? ` : ""}Expected RMB (or CNY) or USD`
  );
}

export function parseUnit(input: unknown): OutputUnit {
  if (input === undefined || input === null || input === "") return "thousands";
  if (typeof input !== "string") {
    throw new KcError(
      "#VALUE!",
      `Unit must be "thousands", "millions" or "units", not ${describe(input)}`
    );
  }
  const found = UNITS[input.trim().toLowerCase()];
  if (found) return found;
  const guess = closest(input, ["thousands", "millions", "units"]);
  throw new KcError(
    "#VALUE!",
    `Unknown unit "${input.trim()}"; ${guess ? `did you mean "${guess}"? ` : ""}Expected thousands, millions or units`
  );
}

/** How many of the requested unit one printed unit is worth, e.g. millions -> thousands is 1000. */
export function scale(from: PrintedUnit, to: OutputUnit): Dec {
  return unitsIn(from).div(unitsIn(to));
}

function unitsIn(unit: PrintedUnit | OutputUnit): Dec {
  switch (unit) {
    case "thousands":
      return new Dec(1e3);
    case "millions":
      return new Dec(1e6);
    case "billions":
      return new Dec(1e9);
    default:
      return new Dec(1);
  }
}
