import { existsSync, readFileSync } from "fs";
import { resolve } from "path";
import { needs } from "./needs";

/** ../shared/sources/ beside the repository, or $KC_RELEASE_TEXT. */
export const RELEASE_PATH = resolve(
  process.env.KC_RELEASE_TEXT ??
    resolve(__dirname, "../../../shared/sources/kc-2026q1-earnings-release.txt")
);

/** Tests that read the release text: skipped with a message where it is absent, failed under CI. */
export const release = needs(
  "the Q1 2026 release text",
  existsSync(RELEASE_PATH)
    ? undefined
    : `it is not at ${RELEASE_PATH}; put kc-2026q1-earnings-release.txt there (shared/sources/ beside the repository), or set KC_RELEASE_TEXT to where it is`
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
