import { readFileSync } from "fs";
import { resolve } from "path";

export const RELEASE_PATH = resolve(
  __dirname,
  "../../../shared/sources/kc-2026q1-earnings-release.txt"
);

export function releaseText(): string {
  return readFileSync(RELEASE_PATH, "utf8");
}

/** The release with some of its lines replaced (1-based line numbers), for broken-input tests. */
export function releaseWith(edits: Record<number, string | null>): string {
  const lines = releaseText().split("\n");
  return lines
    .map((l, k) => (k + 1 in edits ? edits[k + 1] : l))
    .filter((l): l is string => l !== null)
    .join("\n");
}

/** "(1,651,671)" -> -1651671: figures in tests are typed as the release prints them. */
export function printed(text: string): number {
  const negative = text.startsWith("(") || text.startsWith("-");
  const n = Number(text.replace(/[(),%-]/g, ""));
  return negative ? -n : n;
}
