import type { Currency, PrintedUnit } from "./dataset";
import { Dec } from "./decimal";
import { Vocabulary } from "./vocabulary";

/** Currency and unit arguments, and the exact conversions between printed and requested units. */

export type OutputUnit = "thousands" | "millions" | "units";

const CURRENCIES = new Vocabulary<Currency>(
  "currency",
  [
    ["RMB", ["RMB", "CNY", "renminbi", "yuan"]],
    ["USD", ["USD", "US$", "$", "US dollar", "US dollars", "dollar", "dollars"]],
  ],
  ["RMB", "USD"],
  { fallback: "RMB" }
);

const UNITS = new Vocabulary<OutputUnit>(
  "unit",
  [
    ["thousands", ["thousands", "thousand", "k", "000", "000s", "'000", "in thousands"]],
    ["millions", ["millions", "million", "m", "mm", "mn", "mln", "in millions"]],
    ["units", ["units", "unit", "ones"]],
  ],
  ["thousands", "millions", "units"],
  { fallback: "thousands" }
);

export function parseCurrency(input: unknown): Currency {
  return CURRENCIES.parse(input);
}

export function parseUnit(input: unknown): OutputUnit {
  return UNITS.parse(input);
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
