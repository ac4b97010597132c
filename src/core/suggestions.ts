import type { Item, ItemKind } from "../domain/dataset";
import { FUZZY_LIMIT, editDistance, labelKey, typoLimit } from "../domain/text";

/**
 * "Did you mean" for line items: the names closest to what was typed, by meaning first (the words
 * they share) and as a typo second, and never a line of another kind than the one asked for (no
 * per-share figure for an amount, no margin for a per-share figure).
 */

/** A name that finds a line, with what suggestions compare. */
export interface Named {
  name: string;
  item: Item;
  /** An id ("bs.cash"): offered only for something typed like an id. */
  id: boolean;
}

interface Compared extends Named {
  key: string;
  words: string[];
}

const STOP = new Set(["and", "of", "the", "in", "from", "for", "to", "a", "an", "on", "at", "by"]);

/** Words that say what kind of figure is meant, rather than which line. */
const KIND_WORDS: readonly [ItemKind, RegExp, ReadonlySet<string>][] = [
  ["per_share", /\bper[ -](shares?|ads?)\b|\beps\b/, new Set(["per", "share", "ad", "eps"])],
  ["percent", /\bmargins?\b|%|\bratio\b/, new Set(["margin", "%", "ratio"])],
];

/** The words of a label key, plural and singular alike ("expenses" as "expense"). */
function wordsOf(key: string): string[] {
  return key
    .split(/[^a-z0-9&$%]+/)
    .filter((w) => w !== "" && !STOP.has(w))
    .map((w) =>
      w.length > 4 && w.endsWith("ies")
        ? `${w.slice(0, -3)}y`
        : w.length > 3 && w.endsWith("s") && !w.endsWith("ss")
          ? w.slice(0, -1)
          : w
    );
}

const compared = new WeakMap<Named, Compared>();

function compare(n: Named): Compared {
  let c = compared.get(n);
  if (!c) {
    const key = labelKey(n.name);
    c = { ...n, key, words: wordsOf(key) };
    compared.set(n, c);
  }
  return c;
}

/** Whether a typed word is a name's word, or (four letters or more) the beginning of one. */
function sameWord(typed: string, word: string): boolean {
  return typed === word || (typed.length >= 4 && word.startsWith(typed));
}

/**
 * Up to `most` names for what was typed, best first: typos of a name (a few letters off), else
 * names that share most of the typed words. `fits` narrows the lines that may be offered.
 */
export function suggest(
  typed: string,
  names: readonly Named[],
  fits: (item: Item) => boolean = () => true,
  most = 3
): string[] {
  const key = labelKey(typed);
  if (key === "" || key.length > FUZZY_LIMIT) return [];
  const kind = KIND_WORDS.find(([, said]) => said.test(key));
  const fitsKind = (item: Item) =>
    kind ? item.kind === kind[0] : item.kind !== "per_share" && item.kind !== "percent";
  const idLike = /^[a-z_]+(\.[a-z0-9_]+)+$/.test(key);
  const out: Named[] = [];
  const offer = (n: Named) => {
    if (out.length < most && !out.some((o) => o.item === n.item || o.name === n.name)) out.push(n);
  };

  // Typos: a few letters off a whole name. Abbreviations of a few letters differ in meaning by one
  // letter ("OCI", "NCI"), so short names must at least begin alike.
  const limit = key.length < 4 ? 0 : typoLimit(key);
  let best = limit + 1;
  const typos: Compared[] = [];
  for (const n of names) {
    if (n.id !== idLike || !fits(n.item) || (kind && n.item.kind !== kind[0])) continue;
    const c = compare(n);
    if (key.length < 6 && c.key[0] !== key[0]) continue;
    const d = editDistance(key, c.key, Math.min(limit, best));
    if (d < best) {
      best = d;
      typos.length = 0;
    }
    if (d === best && d <= limit) typos.push(c);
  }
  typos.forEach(offer);
  if (idLike || out.length > 0) return out.map((n) => n.name);

  // Meaning: the names that hold most of the words typed, and the fewest others.
  const drop = kind ? kind[2] : new Set<string>();
  const typedWords = wordsOf(key).filter((w) => !drop.has(w));
  if (typedWords.length === 0) return out.map((n) => n.name);
  const scored: { n: Compared; coverage: number; precision: number }[] = [];
  for (const n of names) {
    if (n.id || !fits(n.item) || !fitsKind(n.item)) continue;
    const c = compare(n);
    const words = c.words.filter((w) => !drop.has(w));
    const shared = typedWords.filter((t) => words.some((w) => sameWord(t, w))).length;
    const coverage = shared / typedWords.length;
    if (shared > 0 && coverage >= 0.5)
      scored.push({ n: c, coverage, precision: shared / Math.max(1, words.length) });
  }
  scored
    .sort(
      (a, b) =>
        b.coverage - a.coverage || b.precision - a.precision || a.n.name.length - b.n.name.length
    )
    .forEach((s) => offer(s.n));
  return out.map((n) => n.name);
}
