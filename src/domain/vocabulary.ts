import { KcError } from "./errors";
import { describe } from "./periods";
import { closest, labelKey, quote } from "./text";

/**
 * A fixed vocabulary for a text argument: what analysts type (compared as label keys, in a Map, so
 * that no word of JavaScript's own such as "constructor" can match) mapped to the value; a miss
 * names the closest choice and all of them, or says what a word means where it is no choice.
 */
export class Vocabulary<T> {
  private readonly byKey = new Map<string, T>();
  private readonly hints = new Map<string, string>();
  private readonly fallback: T | undefined;

  /**
   * @param groups each value with the words that mean it
   * @param expected the choices a message lists
   * @param options `fallback` for an empty argument; `hints`: words that are no choice, with why
   */
  constructor(
    private readonly what: string,
    groups: readonly (readonly [T, readonly string[]])[],
    private readonly expected: readonly string[],
    options: { fallback?: T; hints?: readonly (readonly [readonly string[], string])[] } = {}
  ) {
    for (const [value, words] of groups) for (const w of words) this.byKey.set(labelKey(w), value);
    for (const [words, hint] of options.hints ?? [])
      for (const w of words) this.hints.set(labelKey(w), hint);
    this.fallback = options.fallback;
  }

  parse(input: unknown): T {
    if ((input === undefined || input === null || input === "") && this.fallback !== undefined)
      return this.fallback;
    if (typeof input !== "string") {
      throw new KcError(
        "#VALUE!",
        `${capitalize(this.what)} must be text, not ${describe(input)}; expected ${this.expected.join(", ")}`
      );
    }
    const key = labelKey(input);
    const found = this.byKey.get(key);
    if (found !== undefined) return found;
    const typed = quote(input.trim());
    const hint = this.hints.get(key);
    if (hint !== undefined) throw new KcError("#VALUE!", `${typed} is no ${this.what}: ${hint}`);
    const guess = closest(input, this.expected) ?? closest(input, [...this.byKey.keys()]);
    throw new KcError(
      "#VALUE!",
      `Unknown ${this.what} ${typed}; ${guess ? `did you mean "${guess}"? ` : ""}Expected ${this.expected.join(", ")}`
    );
  }
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
