import { KcError } from "../../../src/domain/errors";
import { Vocabulary } from "../../../src/domain/vocabulary";
import { thrown } from "../../helpers/thrown";

/** A fixed vocabulary for a text argument: the words for each value, a default, and hints. */

type Side = "buy" | "sell";

const SIDES = new Vocabulary<Side>(
  "side",
  [
    ["buy", ["buy", "long", "bid"]],
    ["sell", ["sell", "short", "ask", "offer"]],
  ],
  ["buy", "sell"],
  { fallback: "buy", hints: [[["hold", "neutral"], "a holding is no trade; sides are buy, sell"]] }
);

const STRICT = new Vocabulary<Side>(
  "side",
  [
    ["buy", ["buy"]],
    ["sell", ["sell"]],
  ],
  ["buy", "sell"]
);

const refusal = (v: Vocabulary<Side>, input: unknown) => {
  const e = thrown(KcError, () => v.parse(input));
  expect(e.code).toBe("#VALUE!");
  return e.message;
};

test("every word of a value finds it, compared as a label key", () => {
  expect(SIDES.parse("long")).toBe("buy");
  expect(SIDES.parse("  OFFER ")).toBe("sell");
  expect(SIDES.parse("Ｓｅｌｌ")).toBe("sell");
});

test("the fallback answers an empty argument, and only an empty one", () => {
  for (const empty of [undefined, null, ""]) expect(SIDES.parse(empty)).toBe("buy");
  expect(refusal(SIDES, "  ")).toBe('Unknown side ""; Expected buy, sell');
  const zero = new Vocabulary<number>("count", [[1, ["one"]]], ["one"], { fallback: 0 });
  expect(zero.parse(undefined)).toBe(0);
});

test("without a fallback an empty argument is refused as what it is", () => {
  expect(refusal(STRICT, undefined)).toBe(
    "Side must be text, not an empty cell; expected buy, sell"
  );
  expect(refusal(STRICT, "")).toBe('Unknown side ""; Expected buy, sell');
});

test("a value that is not text says what it is and lists the choices", () => {
  expect(refusal(SIDES, 1)).toBe("Side must be text, not the number 1; expected buy, sell");
  expect(refusal(SIDES, true)).toBe(
    "Side must be text, not the logical value TRUE; expected buy, sell"
  );
  expect(refusal(SIDES, [["buy"], ["sell"]])).toMatch(/^Side must be text, not a range of 2 cells/);
});

test("a miss names the closest choice, or the closest word, or none", () => {
  expect(refusal(SIDES, "sel")).toBe('Unknown side "sel"; did you mean "sell"? Expected buy, sell');
  expect(refusal(SIDES, "shrot")).toBe(
    'Unknown side "shrot"; did you mean "short"? Expected buy, sell'
  );
  expect(refusal(SIDES, "warrant")).toBe('Unknown side "warrant"; Expected buy, sell');
  // Quoted as typed, without its surrounding spaces.
  expect(refusal(SIDES, "  Sel ")).toContain('Unknown side "Sel";');
});

test("a word that is no choice is answered with its hint", () => {
  expect(refusal(SIDES, "Neutral")).toBe(
    '"Neutral" is no side: a holding is no trade; sides are buy, sell'
  );
});

test("no word of JavaScript's own is a word of the vocabulary", () => {
  for (const word of ["constructor", "__proto__", "toString", "hasOwnProperty"])
    expect(refusal(STRICT, word)).toBe(`Unknown side "${word}"; Expected buy, sell`);
});
