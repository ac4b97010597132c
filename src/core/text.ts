/** Text matching shared by every face: how a typed name meets a printed label. */

/**
 * Labels compare without case, repeated spaces, a leading list dash, typographic quotes and dashes,
 * or full-width letters (as typed with an East Asian input method); "A/B" reads as "A / B".
 */
export function labelKey(label: string): string {
  // Most labels are plain text already (no backtick, which folds to a quote); a native regex check
  // spares them the rest.
  if (!/[^\x21-\x5f\x61-\x7e ]|\s\s|\/|^[\s-]|\s$/.test(label)) return label.toLowerCase();
  const key = label
    .replace(/[\uFF01-\uFF5E\u2018\u2019`\u00B4\u201C\u201D\u2013\u2014]/g, fold)
    .replace(/\s*\/\s*/g, " / ")
    .replace(/\s+/g, " ")
    .trim()
    .toLowerCase();
  return key.startsWith("- ") ? key.slice(2) : key;
}

/** Full-width ASCII to ASCII (what Unicode compatibility folding does for it), quotes and dashes plain. */
function fold(ch: string): string {
  const c = ch.charCodeAt(0);
  if (c >= 0xff01 && c <= 0xff5e) return String.fromCharCode(c - 0xfee0);
  if (c === 0x201c || c === 0x201d) return '"';
  if (c === 0x2013 || c === 0x2014) return "-";
  return "'";
}

/** Levenshtein distance, for "did you mean" suggestions. */
function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length];
}

/**
 * The choice closest to what was typed, if it is close enough to be a plausible typo
 * (or the typed text is a fragment of it).
 */
export function closest(typed: string, choices: readonly string[]): string | undefined {
  const t = labelKey(typed);
  if (!t) return undefined;
  let best: string | undefined;
  let bestScore = Infinity;
  for (const choice of choices) {
    const c = labelKey(choice);
    const fragment = c.includes(t) || t.includes(c);
    // The edit distance is at least the difference in length: skip what cannot beat the best.
    if (!fragment && Math.abs(c.length - t.length) >= bestScore) continue;
    const score = fragment ? Math.abs(c.length - t.length) / 4 : editDistance(t, c);
    if (score < bestScore) {
      bestScore = score;
      best = choice;
    }
  }
  return bestScore <= Math.max(2, Math.floor(t.length / 3)) ? best : undefined;
}
