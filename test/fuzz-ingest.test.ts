import fc from "fast-check";
import { readRelease } from "../src/data/ingest/build";
import { IngestError } from "../src/data/ingest/errors";
import type { Fact } from "../src/data/types";
import { failures, validateDataset } from "../src/data/validate";
import { release, releaseText } from "./helpers/release";

/**
 * Random damage to the release text (a dropped line, two swapped digits, a removed parenthesis)
 * either stops ingest with the line to look at, or makes `kc check` fail (so ingest refuses), or
 * leaves every figure right except those the check itself lists as unprovable. Never a silently
 * wrong dataset.
 */

// Everything here reads the release, so nothing runs where it is absent (see helpers/needs).
release.describe("random damage to the release text", () => {
  const text = releaseText();
  const lines = text.split("\n");
  const key = (f: Fact) => `${f.item}|${f.period}|${f.currency}|${f.basis}|${f.source}`;
  const truth = new Map<string, Set<string>>();
  for (const f of readRelease(text, "release.txt").facts)
    truth.set(key(f), (truth.get(key(f)) ?? new Set()).add(f.value));

  const digitPairs: [number, number][] = [];
  const parens: [number, number][] = [];
  lines.forEach((l, i) => {
    for (let k = 0; k < l.length; k++) {
      if (k + 1 < l.length && /\d/.test(l[k]) && /\d/.test(l[k + 1]) && l[k] !== l[k + 1])
        digitPairs.push([i, k]);
      if (l[k] === "(" || l[k] === ")") parens.push([i, k]);
    }
  });

  type Damage =
    | { kind: "drop"; line: number }
    | { kind: "swap"; at: [number, number] }
    | { kind: "paren"; at: [number, number] };

  const damage: fc.Arbitrary<Damage> = fc.oneof(
    fc.integer({ min: 0, max: lines.length - 1 }).map((line): Damage => ({ kind: "drop", line })),
    fc.constantFrom(...digitPairs).map((at): Damage => ({ kind: "swap", at })),
    fc.constantFrom(...parens).map((at): Damage => ({ kind: "paren", at }))
  );

  function apply(d: Damage): string {
    const ls = [...lines];
    if (d.kind === "drop") ls.splice(d.line, 1);
    else {
      const [i, k] = d.at;
      const l = ls[i];
      ls[i] =
        d.kind === "swap"
          ? l.slice(0, k) + l[k + 1] + l[k] + l.slice(k + 2)
          : l.slice(0, k) + l.slice(k + 1);
    }
    return ls.join("\n");
  }

  type Outcome = "refused with a line" | "refused by the check" | "accepted, right";

  function outcome(d: Damage): Outcome {
    const damaged = apply(d);
    let ds;
    try {
      ds = readRelease(damaged, "damaged.txt");
    } catch (e) {
      if (!(e instanceof IngestError)) throw e;
      expect(e.line).toBeGreaterThanOrEqual(1);
      expect(e.line).toBeLessThanOrEqual(lines.length);
      expect(e.message).toMatch(/^line \d+: /);
      return "refused with a line";
    }
    const v = validateDataset(ds);
    if (failures(v).length > 0) return "refused by the check";
    const unprovable = new Set(v.unprovable);
    const wrong = ds.facts.filter((f) => !unprovable.has(f) && !truth.get(key(f))?.has(f.value));
    expect(
      wrong.map((f) => `${key(f)} = ${f.value} (${f.prov.printed}, line ${f.prov.line})`)
    ).toEqual([]);
    return "accepted, right";
  }

  test("400 random damages to the release: refused with a line, refused by the check, or still right", () => {
    const seen = new Map<Outcome, number>();
    fc.assert(
      fc.property(damage, (d) => {
        const o = outcome(d);
        seen.set(o, (seen.get(o) ?? 0) + 1);
      }),
      { numRuns: 400, seed: 20261125 }
    );
    // The damage reaches every outcome, so the property is not passing vacuously.
    expect(seen.get("refused with a line")).toBeGreaterThan(50);
    expect(seen.get("refused by the check")).toBeGreaterThan(20);
    expect(seen.get("accepted, right")).toBeGreaterThan(20);
  });

  test.each([
    [
      "the AI billing growth turned from 90% into 09%",
      { kind: "swap", at: [6, lines[6].indexOf("90%")] },
      "refused with a line",
    ],
    [
      "a weighted share count with two digits swapped",
      { kind: "swap", at: [724, 7] },
      "accepted, right",
    ],
    [
      "a digit swap in a balance sheet line (6,018,043 as 6,081,043)",
      { kind: "swap", at: [149, 4] },
      "refused by the check",
    ],
    ["a parenthesis removed from a loss", { kind: "paren", at: [558, 1] }, "refused with a line"],
    [
      "the date of the second statement of the rate",
      { kind: "swap", at: [77, lines[77].indexOf("2026") + 1] },
      "refused with a line",
    ],
  ] as [string, Damage, Outcome][])("%s", (_name, d, expected) => {
    expect(outcome(d)).toBe(expected);
  });
});
