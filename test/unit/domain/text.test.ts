import fc from "fast-check";
import { closest, editDistance, labelKey, quote } from "../../../src/domain/text";

/** The rule labelKey keeps, stated as the patterns it once was; the loop must agree with it. */
function keyByPatterns(label: string): string {
  const key = label
    .replace(/[\uFF01-\uFF5E]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .replace(/[\u2018\u2019`\u00B4]/g, "'")
    .replace(/[\u201C\u201D]/g, '"')
    .replace(/[\u2013\u2014]/g, "-")
    .replace(/\s*\/\s*/g, " / ")
    .replace(/\s+/g, " ")
    .trim()
    .toLowerCase();
  return key.startsWith("- ") ? key.slice(2) : key;
}

test("labels as typed meet labels as printed", () => {
  expect(labelKey("Cash and cash equivalents")).toBe("cash and cash equivalents");
  expect(labelKey("  - Cash  and\tcash equivalents ")).toBe("cash and cash equivalents");
  expect(labelKey("Ｒｅｖｅｎｕｅｓ")).toBe("revenues");
  expect(labelKey("Shareholders\u2019 equity")).toBe("shareholders' equity");
  // Full-width letters fold to ASCII, and then as ASCII does (a backtick reads as a quote).
  expect(labelKey("Shareholders\uff40 equity")).toBe("shareholders' equity");
  expect(labelKey("Non-current liabilities/Amounts due")).toBe(
    "non-current liabilities / amounts due"
  );
  expect(labelKey("/ a //b/")).toBe("/ a / / b /");
  expect(labelKey("")).toBe("");
});

test("the one-pass key agrees with the pattern rule on any text", () => {
  const piece = fc.constantFrom(
    " ",
    "  ",
    "\t",
    "\u3000",
    "\u00a0",
    "/",
    " / ",
    "-",
    "- ",
    "`",
    "\u2019",
    "\u201c",
    "\u2014",
    "\u00b4",
    "Ｒ",
    "ｅ",
    "／",
    "A",
    "b",
    "(",
    "1"
  );
  const text = fc.oneof(
    fc.array(piece, { maxLength: 12 }).map((parts) => parts.join("")),
    fc.string({ unit: "binary", maxLength: 20 })
  );
  fc.assert(
    fc.property(text, (label) => labelKey(label) === keyByPatterns(label)),
    { numRuns: 5000 }
  );
});

test("a near miss finds what was meant, a stranger finds nothing", () => {
  const choices = ["public", "enterprise", "total"];
  expect(closest("pubic", choices)).toBe("public");
  expect(closest("ENTERPRIZE", choices)).toBe("enterprise");
  expect(closest("cashflow", choices)).toBeUndefined();
});

test("edit distance counts a swap of neighbours as one edit, and stops past its limit", () => {
  expect(editDistance("ebidta", "ebitda")).toBe(1);
  expect(editDistance("goodwil", "goodwill")).toBe(1);
  expect(editDistance("kitten", "sitting")).toBe(3);
  expect(editDistance("a".repeat(50), "b".repeat(50), 2)).toBe(3);
  expect(editDistance("abc", "abcdefgh", 2)).toBe(3);
});

test("a long argument is quoted by its beginning and its length", () => {
  expect(quote("Total revenues")).toBe('"Total revenues"');
  expect(quote("x".repeat(32767))).toBe(`"${"x".repeat(40)}…" (32,767 characters)`);
});

test("nothing is close to text longer than any name", () => {
  expect(closest("public".repeat(40), ["public"])).toBeUndefined();
});
