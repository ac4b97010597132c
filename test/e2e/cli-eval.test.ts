import { kc } from "../helpers/cli";

/** `npm run kc -- eval` in a child process, as a person or a script would run it. */

const lines = (stdout: string) =>
  stdout
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l));

test("formulas as arguments: one JSON object per formula, in order", () => {
  const r = kc([
    "eval",
    '=KC.REVENUE("2026Q1","public")',
    '=KC.NONGAAP("EBITDA")',
    '=KC.SERIES("revenue.total")',
    '=KC.REVENUE(,"pubic")',
    '=KC.VALUE("revenue.total","LQ-2")',
  ]);
  expect(r.stderr).toBe("");
  expect(r.code).toBe(0);
  expect(r.stdout.split("\n")[0]).toBe(
    '{"formula":"=KC.REVENUE(\\"2026Q1\\",\\"public\\")","value":1996301}'
  );
  expect(lines(r.stdout)).toEqual([
    { formula: '=KC.REVENUE("2026Q1","public")', value: 1996301 },
    { formula: '=KC.NONGAAP("EBITDA")', value: 747506 },
    {
      formula: '=KC.SERIES("revenue.total")',
      value: [
        ["2025Q1", "2025Q4", "2026Q1"],
        [1969977, 2761387, 2703732],
      ],
    },
    {
      formula: '=KC.REVENUE(,"pubic")',
      error: "#VALUE!",
      message: 'Unknown segment "pubic"; did you mean "public"? Expected total, public, enterprise',
    },
    {
      formula: '=KC.VALUE("revenue.total","LQ-2")',
      error: "#N/A",
      message: "The release has no Total revenues for 2025Q3; it has 2025Q1, 2025Q4, 2026Q1",
    },
  ]);
});

test("--stdin: one formula per line, ordinary spreadsheet formulas around the KC functions", () => {
  const input = [
    '=KC.VALUE("bs.total_assets","2026-03-31")-KC.VALUE("bs.total_liabilities_and_equity","2026-03-31")',
    "",
    '=ROUND(KC.MARGIN("is.gross_profit","2026Q1"),3)',
    '=SUM(KC.SERIES("revenue.total"))',
    "=INDEX(KC.PERIODS(),2,1)",
    '=KC.GROWTH("revenue.total")',
    '=KC.VALUE("revenue.public",DATE(2026,3,31),"USD","millions")',
    '=KC.VALUE({"revenue.public","revenue.enterprise"},"2026Q1")',
    "=KC.VALUE(",
    "=1/0",
  ].join("\n");
  const r = kc(["eval", "--stdin"], input);
  expect(r.code).toBe(0);
  const out = lines(r.stdout);
  expect(out.map((o) => o.value ?? o.error)).toEqual([
    0,
    0.128,
    7435096,
    "2025Q1",
    out[4].value,
    289.403,
    [[1996301, 707431]],
    "#ERROR!",
    "#DIV/0!",
  ]);
  expect(out[4].value).toBeCloseTo(2703732 / 1969977 - 1, 12);
});

test("unusable input exits non-zero and says why", () => {
  const none = kc(["eval"]);
  expect(none.code).toBe(2);
  expect(none.stderr).toContain("which formulas?");
  const empty = kc(["eval", "--stdin"], "\n\n");
  expect(empty.code).toBe(2);
  expect(empty.stderr).toContain("no formulas on standard input");
  expect(kc(["eval", "--bogus", "=1"]).stderr).toContain("unknown option --bogus");
});
