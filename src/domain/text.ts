/** Text matching shared by every face: how a typed name meets a printed label. */

/**
 * Labels compare without case, repeated spaces, a leading list dash, typographic quotes and dashes,
 * or full-width letters (as typed with an East Asian input method); "A/B" reads as "A / B".
 * One pass over the text, so that a cell-sized argument costs no more than its length.
 */
export function labelKey(label: string): string {
  // Most labels are plain text already (no backtick, which folds to a quote); a native regex check
  // spares them the loop.
  if (!/[^\x21-\x5f\x61-\x7e ]|\s\s|\/|^[\s-]|\s$/.test(label)) return label.toLowerCase();
  let key = "";
  let space = false;
  for (let k = 0; k < label.length; k++) {
    const ch = fold(label.charCodeAt(k), label[k]);
    if (isSpace(ch.charCodeAt(0))) {
      space = true;
      continue;
    }
    // A slash always stands between single spaces; other runs of white space become one space.
    if (key !== "" && (space || ch === "/")) key += " ";
    key += ch;
    space = ch === "/";
  }
  // Lower case last, over the whole key: some letters lower differently at the end of a word.
  key = key.toLowerCase();
  return key.startsWith("- ") ? key.slice(2) : key;
}

/** What a regular expression's \s matches (white space and line ends), by UTF-16 code unit. */
function isSpace(c: number): boolean {
  return (
    c === 32 ||
    (c >= 9 && c <= 13) ||
    (c > 127 &&
      (c === 0xa0 ||
        c === 0x1680 ||
        (c >= 0x2000 && c <= 0x200a) ||
        c === 0x2028 ||
        c === 0x2029 ||
        c === 0x202f ||
        c === 0x205f ||
        c === 0x3000 ||
        c === 0xfeff))
  );
}

/** Full-width ASCII to ASCII (what Unicode compatibility folding does for it), quotes and dashes plain. */
function fold(c: number, ch: string): string {
  if (c < 0x60) return ch;
  // Folded again: a full-width backtick is a backtick, which reads as a quote.
  if (c >= 0xff01 && c <= 0xff5e) return fold(c - 0xfee0, String.fromCharCode(c - 0xfee0));
  if (c === 0x2018 || c === 0x2019 || c === 0x60 || c === 0xb4) return "'";
  if (c === 0x201c || c === 0x201d) return '"';
  if (c === 0x2013 || c === 0x2014) return "-";
  return ch;
}

/** How much of an argument a message repeats: enough to recognise it, never a whole cell. */
const QUOTED = 60;

/** Text as a message quotes it: in full when short, else its beginning and its length. */
export function quote(text: string): string {
  if (text.length <= QUOTED) return `"${text}"`;
  return `"${text.slice(0, QUOTED - 20)}…" (${text.length.toLocaleString("en-US")} characters)`;
}

/**
 * Typed text longer than this is matched exactly or not at all: no name is this long, so nothing
 * would be close, and fuzzy matching costs the product of the lengths.
 */
export const FUZZY_LIMIT = 160;

/**
 * Edit distance counting a swap of neighbours as one edit (optimal string alignment), or
 * `limit + 1` as soon as it must exceed `limit`.
 */
export function editDistance(a: string, b: string, limit = Infinity): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let before: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const same = a[i - 1] === b[j - 1];
      let d = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (same ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d = Math.min(d, before[j - 2] + 1);
      cur[j] = d;
      if (d < best) best = d;
    }
    if (best > limit) return limit + 1;
    before = prev;
    prev = cur;
  }
  return prev[b.length];
}

/**
 * How many edits still read as a typo of a name this long: one in three, at least one and at most
 * four (more is another name, and each edit allowed widens the search).
 */
export function typoLimit(key: string): number {
  return Math.min(4, Math.max(1, Math.floor(key.length / 3)));
}

/**
 * The choice closest to what was typed, if it is close enough to be a plausible typo
 * (or the typed text is a fragment of it, or it of the text).
 */
export function closest(typed: string, choices: readonly string[]): string | undefined {
  const t = labelKey(typed);
  if (!t || t.length > FUZZY_LIMIT) return undefined;
  const limit = typoLimit(t);
  let best: string | undefined;
  let bestScore = Infinity;
  for (const choice of choices) {
    const c = labelKey(choice);
    // A fragment of three letters or more: "goodw" for "goodwill", "cash" for "cash flow".
    const fragment = Math.min(c.length, t.length) >= 3 && (c.startsWith(t) || t.startsWith(c));
    const score = fragment
      ? Math.abs(c.length - t.length) / 4
      : editDistance(t, c, Math.min(limit, bestScore));
    if (score < bestScore) {
      bestScore = score;
      best = choice;
    }
  }
  return bestScore <= limit ? best : undefined;
}
