import { ROOT } from "../../../helpers/root";
import fc from "fast-check";
import { readFileSync } from "fs";
import { basename, resolve } from "path";
import { IngestError } from "../../../../src/data/ingest/errors";
import { ingestRelease } from "../../../../src/data/ingest/ingest";
import { asDataset } from "../../../../src/data/shape";
import type { Dataset, Fact } from "../../../../src/domain/dataset";
import { failures } from "../../../../src/data/validate";
import { tableStarts, withoutColumn } from "../../../helpers/damage";
import { RELEASE_PATH, release, releaseText } from "../../../helpers/release";

/**
 * Random damage to the release text, re-ingested over the committed dataset as `kc ingest` does:
 * ingest refuses it (naming a line of the damaged file), or `kc check` fails (so ingest writes
 * nothing), or the result is exactly the dataset of the clean release: every item with its label
 * and section, every table and column, every figure. The one exception is a figure no identity
 * pins down: a misprint there cannot be told from a real figure, so it is accepted only if the
 * check lists it for review (and the outcome below says so, apart).
 */

// Everything here reads the release, so nothing runs where it is absent (see helpers/needs).
release.describe("random damage to the release text", () => {
  const text = releaseText();
  const lines = text.split("\n");
  const base = asDataset(JSON.parse(readFileSync(resolve(ROOT, "src/data/dataset.json"), "utf8")));
  // A figure read otherwise than the dataset holds it is also refused as a restatement of the
  // release's own figure; accepted here, so that what each damage meets is the text's checks.
  const ingest = (t: string) =>
    ingestRelease(Buffer.from(t, "utf8"), basename(RELEASE_PATH), {
      base,
      acceptRestatements: true,
    });
  const clean = ingest(text);

  type Damage =
    | { kind: "drop line"; line: number; was: string }
    | { kind: "swap digits"; line: number; at: number; was: string }
    | { kind: "drop parenthesis"; line: number; at: number; was: string }
    | { kind: "empty cell before"; line: number; was: string }
    | { kind: "double tab"; line: number; was: string }
    | { kind: "blank line before"; line: number; was: string }
    | { kind: "glue digit"; line: number; digit: string; was: string }
    | { kind: "drop column"; table: number; column: number }
    | { kind: "page number before"; line: number; page: string }
    | { kind: "drop section heading"; line: number; was: string }
    | { kind: "unit note"; line: number; unit: string; was: string }
    | {
        kind: "character";
        line: number;
        at: number;
        edit: "replace" | "insert" | "delete";
        by: string;
        was: string;
      };

  /** 1-based line numbers of the lines that pass the test, with their text. */
  function linesWhere(test: (l: string) => boolean): number[] {
    return lines.flatMap((l, i) => (test(l) ? [i + 1] : []));
  }

  const FIGURE_CELL = /^\t\(?-?\d[\d,]*(\.\d+)?%?\)?$/;
  const firstTable = tableStarts(text)[0];
  const tableLines = Array.from(
    { length: lines.length - firstTable + 1 },
    (_, i) => firstTable + i
  );
  const cellLines = linesWhere((l) => l.startsWith("\t"));
  const figureLines = linesWhere((l) => FIGURE_CELL.test(l));
  const headingLines = linesWhere((l) => /^\t[^\t].*:$/.test(l));
  const unitLines = linesWhere((l) => l.includes("in thousands"));
  const digitPairs: [number, number][] = [];
  const parens: [number, number][] = [];
  lines.forEach((l, i) => {
    for (let k = 0; k < l.length; k++) {
      if (k + 1 < l.length && /\d/.test(l[k]) && /\d/.test(l[k + 1]) && l[k] !== l[k + 1])
        digitPairs.push([i + 1, k]);
      if (l[k] === "(" || l[k] === ")") parens.push([i + 1, k]);
    }
  });
  const was = (line: number) => lines[line - 1];
  const characters = lines.flatMap((l, i) => [...l].map((_, at): [number, number] => [i + 1, at]));
  const TYPED = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 ().,%$-:";

  const damage: fc.Arbitrary<Damage> = fc.oneof(
    fc
      .integer({ min: 1, max: lines.length })
      .map((line): Damage => ({ kind: "drop line", line, was: was(line) })),
    fc
      .constantFrom(...digitPairs)
      .map(([line, at]): Damage => ({ kind: "swap digits", line, at, was: was(line) })),
    fc
      .constantFrom(...parens)
      .map(([line, at]): Damage => ({ kind: "drop parenthesis", line, at, was: was(line) })),
    fc
      .constantFrom(...tableLines)
      .map((line): Damage => ({ kind: "empty cell before", line, was: was(line) })),
    fc
      .constantFrom(...cellLines)
      .map((line): Damage => ({ kind: "double tab", line, was: was(line) })),
    fc
      .constantFrom(...tableLines)
      .map((line): Damage => ({ kind: "blank line before", line, was: was(line) })),
    fc
      .tuple(fc.constantFrom(...figureLines), fc.integer({ min: 0, max: 9 }))
      .map(([line, d]): Damage => ({ kind: "glue digit", line, digit: String(d), was: was(line) })),
    fc
      .tuple(fc.constantFrom(...tableStarts(text)), fc.integer({ min: 0, max: 3 }))
      .map(([table, column]): Damage => ({ kind: "drop column", table, column })),
    fc
      .tuple(fc.constantFrom(...tableLines), fc.integer({ min: 1, max: 40 }))
      .map(([line, page]): Damage => ({ kind: "page number before", line, page: String(page) })),
    fc
      .constantFrom(...headingLines)
      .map((line): Damage => ({ kind: "drop section heading", line, was: was(line) })),
    fc
      .tuple(fc.constantFrom(...unitLines), fc.constantFrom("millions", "billions", "units"))
      .map(([line, unit]): Damage => ({ kind: "unit note", line, unit, was: was(line) })),
    fc
      .tuple(
        fc.constantFrom(...characters),
        fc.constantFrom("replace" as const, "insert" as const, "delete" as const),
        fc.constantFrom(...TYPED)
      )
      .map(([[line, at], edit, by]): Damage => ({
        kind: "character",
        line,
        at,
        edit,
        by,
        was: was(line),
      }))
  );

  function apply(d: Damage): string {
    if (d.kind === "drop column") return withoutColumn(text, d.table, d.column);
    const ls = [...lines];
    const k = d.line - 1;
    const l = ls[k];
    switch (d.kind) {
      case "drop line":
      case "drop section heading":
        ls.splice(k, 1);
        break;
      case "swap digits":
        ls[k] = l.slice(0, d.at) + l[d.at + 1] + l[d.at] + l.slice(d.at + 2);
        break;
      case "drop parenthesis":
        ls[k] = l.slice(0, d.at) + l.slice(d.at + 1);
        break;
      case "empty cell before":
        ls.splice(k, 0, "\t");
        break;
      case "double tab":
        ls[k] = `\t${l}`;
        break;
      case "blank line before":
        ls.splice(k, 0, "");
        break;
      case "glue digit":
        // Where a footnote number lands: before a closing "%" or ")", else at the end.
        ls[k] = /[%)]$/.test(l) ? l.slice(0, -1) + d.digit + l.slice(-1) : l + d.digit;
        break;
      case "page number before":
        ls.splice(k, 0, "", `\t${d.page}`, "");
        break;
      case "unit note":
        ls[k] = l.replace("in thousands", `in ${d.unit}`);
        break;
      case "character":
        ls[k] =
          l.slice(0, d.at) +
          (d.edit === "delete" ? "" : d.by) +
          l.slice(d.edit === "insert" ? d.at : d.at + 1);
        break;
    }
    return ls.join("\n");
  }

  const keyOf = (f: Fact) => `${f.item}|${f.period}|${f.currency}|${f.basis}|${f.source}`;

  /**
   * Everything a user sees of the dataset, without line numbers (damage may move lines); the figures
   * under presenceOnly are compared by presence only. A prose figure's provenance quotes the words
   * around it ("an increase of 37.2%"), which damage to those words changes while the figure stays
   * right: that quote is left out, never the figure.
   */
  function comparable(ds: Dataset, presenceOnly: Set<string>) {
    const fact = (f: Fact) => {
      const quote = f.source === "prose" ? { row: "", printed: "" } : {};
      return [
        keyOf(f),
        presenceOnly.has(keyOf(f)) ? "present" : { ...f, prov: { ...f.prov, line: 0, ...quote } },
      ];
    };
    return {
      company: ds.company,
      latestQuarter: ds.latestQuarter,
      fx: { ...ds.fx, line: 0 },
      periods: ds.periods,
      tables: ds.tables.map((t) => ({
        ...t,
        line: 0,
        columns: t.columns.map((c) => ({ ...c, line: 0 })),
      })),
      items: ds.items,
      facts: Object.fromEntries(ds.facts.map(fact)),
    };
  }

  const FOR_REVIEW = "accepted: clean but for a figure listed for review";
  type Outcome =
    | "refused with a line"
    | "refused by the check"
    | "accepted: the clean dataset"
    | typeof FOR_REVIEW;

  const cleanValue = new Map(clean.dataset.facts.map((f) => [keyOf(f), f.value]));

  function outcome(d: Damage): Outcome {
    const damaged = apply(d);
    let r;
    try {
      r = ingest(damaged);
    } catch (e) {
      if (!(e instanceof IngestError)) throw e;
      expect(e.message).toMatch(/^line \d+: /);
      expect(e.line).toBeGreaterThanOrEqual(1);
      expect(e.line).toBeLessThanOrEqual(damaged.split("\n").length);
      return "refused with a line";
    }
    if (failures(r.validation).length > 0) return "refused by the check";
    expect(r.renames).toEqual([]);
    // Only the figures the check lists for review may differ from the clean release's.
    const review = new Set(r.validation.unprovable.map(keyOf));
    const got = comparable(r.dataset, review);
    const want = comparable(clean.dataset, review);
    // Strings compare fast; the structures give a readable difference when they do not match.
    if (JSON.stringify(got) !== JSON.stringify(want)) expect(got).toEqual(want);
    const differs = r.validation.unprovable.some((f) => cleanValue.get(keyOf(f)) !== f.value);
    return differs ? FOR_REVIEW : "accepted: the clean dataset";
  }

  test("the clean release re-ingested over the committed dataset is the committed dataset", () => {
    expect(clean.renames).toEqual([]);
    expect(failures(clean.validation)).toEqual([]);
    expect(clean.dataset).toEqual(base);
  });

  test("300 random damages: refused with a line, refused by the check, or exactly the clean dataset", () => {
    const seen = new Map<string, Map<Outcome, number>>();
    fc.assert(
      fc.property(damage, (d) => {
        const o = outcome(d);
        const byKind = seen.get(d.kind) ?? new Map<Outcome, number>();
        byKind.set(o, (byKind.get(o) ?? 0) + 1);
        seen.set(d.kind, byKind);
      }),
      { numRuns: 300, seed: 20261125 }
    );
    const total = (o: Outcome) => [...seen.values()].reduce((n, m) => n + (m.get(o) ?? 0), 0);
    // Every kind of damage was tried, and the outcomes are all reached: the property is not vacuous.
    expect([...seen.keys()].sort()).toHaveLength(12);
    expect(total("refused with a line")).toBeGreaterThan(100);
    expect(total("refused by the check")).toBeGreaterThan(10);
    expect(total("accepted: the clean dataset")).toBeGreaterThan(40);
  });

  test.each([
    [
      "the AI billing growth turned from 90% into 09%",
      { kind: "swap digits", line: 7, at: lines[6].indexOf("90%"), was: "" },
      "refused with a line",
    ],
    [
      "a weighted share count with two digits swapped (no identity pins it: listed for review)",
      { kind: "swap digits", line: 725, at: 7, was: "" },
      FOR_REVIEW,
    ],
    [
      "a digit swap in a balance sheet line (6,018,043 as 6,081,043)",
      { kind: "swap digits", line: 150, at: 4, was: "" },
      "refused by the check",
    ],
    [
      "a parenthesis removed from a loss",
      { kind: "drop parenthesis", line: 559, at: 1, was: "" },
      "refused with a line",
    ],
    [
      "the date of the second statement of the rate",
      { kind: "swap digits", line: 78, at: lines[77].indexOf("2026") + 1, was: "" },
      "refused with a line",
    ],
    [
      "the balance sheet's US$ column",
      { kind: "drop column", table: 103, column: 2 },
      "refused with a line",
    ],
    [
      "-12.7% as -12.71%",
      { kind: "glue digit", line: 1221, digit: "1", was: "" },
      "refused with a line",
    ],
    [
      "an empty cell inside a row",
      { kind: "empty cell before", line: 590, was: "" },
      "refused with a line",
    ],
    ["a doubled tab", { kind: "double tab", line: 150, was: "" }, "refused with a line"],
    [
      "the lost Revenues: heading",
      { kind: "drop section heading", line: 526, was: "" },
      "refused with a line",
    ],
    [
      "a page number between rows",
      { kind: "page number before", line: 155, page: "7" },
      "refused with a line",
    ],
    [
      "the paragraph with the AI billing growth dropped",
      { kind: "drop line", line: 7, was: "" },
      "refused with a line",
    ],
    [
      "a trailing empty cell (harmless)",
      { kind: "empty cell before", line: 154, was: "" },
      "accepted: the clean dataset",
    ],
  ] as [string, Damage, Outcome][])("%s", (_name, d, expected) => {
    expect(outcome(d)).toBe(expected);
  });
});
