/** Text matching shared by every face: how a typed name meets a printed label. */

/** Labels compare without case, repeated spaces, list dashes or typographic quote differences. */
export function labelKey(label: string): string {
  return label
    .normalize("NFKC")
    .replace(/[‘’`´]/g, "'")
    .replace(/[“”]/g, '"')
    .replace(/[–—]/g, "-")
    .replace(/^\s*-\s+/, "")
    .replace(/\s*\/\s*/g, " / ")
    .replace(/\s+/g, " ")
    .trim()
    .toLowerCase();
}

/** Levenshtein distance, for "did you mean" suggestions. */
export function editDistance(a: string, b: string): number {
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
