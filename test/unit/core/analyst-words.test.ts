import { ANALYST_WORDS, NON_GAAP_VERSIONS, UNPRINTED } from "../../../src/core/analyst-words";
import { bundledKc as bundledKc } from "../../../src/functions/dataset-in-use";
import { labelKey } from "../../../src/domain/text";
import { Dec } from "../../../src/domain/decimal";
import { excelString } from "../../../src/sheets/a1";
import { kcHere } from "../../helpers/cli";
import { cellOf, installExcelRuntime } from "../../helpers/excel-runtime";

installExcelRuntime();

const KC =
  require("../../../src/functions/functions") as typeof import("../../../src/functions/functions");

/**
 * Analysts' words in every function that takes a line item, through the Excel functions and
 * `kc eval` alike (issue 12). Every figure is typed from ../shared/sources/kc-2026q1-earnings-release.txt.
 */

/** Total revenues by quarter, the denominator of KC.MARGIN. */
const REVENUES: Record<string, number> = {
  "2026Q1": 2703732,
  "2025Q4": 2761387,
  "2025Q1": 1969977,
};

interface Row {
  word: string;
  /** The period asked, and the column KC.SERIES shows it under. */
  period: string;
  at: string;
  value: number;
  /** The prior figure growth is measured from, by basis; "#N/A" where the release lacks it. */
  growth: ["YoY" | "QoQ", number] | "#N/A";
  /** A margin: its growth is the change in points. */
  points?: true;
  /** KC.MARGIN: an amount of a quarter over total revenues, else refused. */
  margin: boolean;
  /** In KC.SOURCE: the figure as printed. */
  printed: string;
  /** KC.NONGAAP: the release's non-GAAP version, or refused. */
  nonGaap: number | "refused";
}

const Q = "2026Q1";
const BS = "2026-03-31";
// word, period asked, column KC.SERIES shows it under, figure, growth's basis and prior figure,
// whether KC.MARGIN applies, the figure as printed, what KC.NONGAAP gives
// prettier-ignore
const TABLE: [string, string, string, number, Row["growth"], boolean, string, Row["nonGaap"]][] = [
  ["revenue", Q, Q, 2703732, ["YoY", 1969977], true, "2,703,732", "refused"],
  ["sales", "2025Q4", "2025Q4", 2761387, "#N/A", true, "2,761,387", "refused"],
  ["R&D", Q, Q, -193315, ["YoY", -226170], true, "(193,315)", "refused"],
  ["S&M", Q, Q, -123776, ["YoY", -144338], true, "(123,776)", "refused"],
  ["G&A", Q, Q, -194765, ["QoQ", -218685], true, "(194,765)", "refused"],
  ["opex", Q, Q, -511856, ["YoY", -552507], true, "(511,856)", "refused"],
  ["COGS", Q, Q, -2357984, ["YoY", -1651671], true, "(2,357,984)", "refused"],
  ["gross profit", Q, Q, 345748, ["YoY", 318306], true, "345,748", 351406],
  ["gross margin", Q, Q, 0.128, ["YoY", 0.162], false, "12.8%", 0.13],
  ["operating profit", Q, Q, -166108, ["YoY", -234201], true, "(166,108)", -59817],
  ["EBITDA", Q, Q, 747506, ["YoY", 318543], true, "747,506", 747506],
  ["EBITDA margin", Q, Q, 0.276, ["YoY", 0.162], false, "27.6%", 0.276],
  ["normalized EBITDA", "2025Q4", "2025Q4", 712586, "#N/A", true, "712,586", 712586],
  ["net income", Q, Q, -343820, ["YoY", -313926], true, "(343,820)", "refused"],
  ["consolidated net income", Q, Q, -343720, ["YoY", -316110], true, "(343,720)", -237143],
  ["pre-tax loss", Q, Q, -338639, ["YoY", -306869], true, "(338,639)", "refused"],
  ["tax", Q, Q, -5081, ["YoY", -9241], true, "(5,081)", 5081],
  ["interest income", Q, Q, 32030, ["YoY", 4946], true, "32,030", -32030],
  ["FX", Q, Q, -44006, "#N/A", true, "(44,006)", 44006],
  ["EPS", Q, Q, -0.08, ["QoQ", -0.04], false, "(0.08)", "refused"],
  ["weighted average shares", Q, Q, 4555310453, ["YoY", 3728092123], false, "4,555,310,453", "refused"],
  ["SBC", Q, Q, 62571, ["YoY", 134611], true, "62,571", 62571],
  ["D&A", Q, Q, 858003, ["YoY", 421901], true, "858,003", 858003],
  ["IDC", Q, Q, -911100, ["YoY", -722800], true, "RMB911.1 million", "refused"],
  ["operating cash flow", Q, Q, 533978, ["QoQ", 1042626], true, "533,978", "refused"],
  ["OCF", Q, Q, 533978, ["QoQ", 1042626], true, "533,978", "refused"],
  ["capex and leased assets", Q, Q, 3000000, "#N/A", true, "RMB3 billion", "refused"],
  ["cash", BS, BS, 4903797, ["QoQ", 6018043], false, "4,903,797", "refused"],
  ["PP&E", Q, BS, 12173645, ["QoQ", 10094870], false, "12,173,645", "refused"],
  ["AR", BS, BS, 2066757, ["QoQ", 1740472], false, "2,066,757", "refused"],
  ["shares outstanding", BS, BS, 4490544972, "#N/A", false, "4,490,544,972", "refused"],
];

/** Margins: their growth is the change in points. */
const MARGINS = new Set(["gross margin", "EBITDA margin"]);

const ROWS: Row[] = TABLE.map(([word, period, at, value, growth, margin, printed, nonGaap]) => ({
  word,
  period,
  at,
  value,
  growth,
  points: MARGINS.has(word) || undefined,
  margin,
  printed,
  nonGaap,
}));

type Cell = { value?: unknown; error?: string; message?: string };

/** What each function should show for a row. */
function expected(row: Row): Record<string, unknown> {
  const fraction = (n: number) => ({ value: expect.closeTo(n, 12) });
  const growth =
    row.growth === "#N/A"
      ? { error: "#N/A", message: expect.any(String) }
      : row.points
        ? fraction(row.value - row.growth[1])
        : fraction(row.value / row.growth[1] - 1);
  return {
    VALUE: { value: row.value },
    SERIES: { value: row.value },
    GROWTH: growth,
    MARGIN: row.margin
      ? fraction(row.value / REVENUES[row.period])
      : { error: "#VALUE!", message: expect.any(String) },
    SOURCE: { value: expect.stringContaining(`: ${row.printed}`) },
    NONGAAP:
      row.nonGaap === "refused"
        ? { error: "#VALUE!", message: expect.stringContaining("KC.VALUE") }
        : { value: row.nonGaap },
  };
}

/** The figure a SERIES shows for the row's period. */
function atPeriod(series: unknown, at: string): unknown {
  const rows = series as unknown[][];
  return rows[1][rows[0].indexOf(at)];
}

function excelCells(row: Row): Record<string, Cell> {
  const growthBasis = row.growth === "#N/A" ? "YoY" : row.growth[0];
  const series = cellOf(() => KC.series(row.word));
  return {
    VALUE: cellOf(() => KC.value(row.word, row.period)),
    SERIES: series.error ? series : { value: atPeriod(series.value, row.at) },
    GROWTH: cellOf(() => KC.growth(row.word, row.period, growthBasis)),
    MARGIN: cellOf(() => KC.margin(row.word, row.period)),
    SOURCE: cellOf(() => KC.source(row.word, row.period)),
    NONGAAP: cellOf(() => KC.nonGaap(row.word, row.period)),
  };
}

function formulas(row: Row): Record<string, string> {
  const w = excelString(row.word);
  const p = excelString(row.period);
  const basis = excelString(row.growth === "#N/A" ? "YoY" : row.growth[0]);
  return {
    VALUE: `=KC.VALUE(${w},${p})`,
    SERIES: `=KC.SERIES(${w})`,
    GROWTH: `=KC.GROWTH(${w},${p},${basis})`,
    MARGIN: `=KC.MARGIN(${w},${p})`,
    SOURCE: `=KC.SOURCE(${w},${p})`,
    NONGAAP: `=KC.NONGAAP(${w},${p})`,
  };
}

describe("analysts' words in the Excel functions", () => {
  test.each(ROWS.map((r) => [r.word, r] as const))("%s", (_word, row) => {
    expect(excelCells(row)).toEqual(expected(row));
  });
});

test("analysts' words through kc eval give the same", async () => {
  const asked = ROWS.map((row) => formulas(row));
  const lines = asked.flatMap((f) => Object.values(f));
  const r = await kcHere(["eval", "--stdin"], lines.join("\n"));
  expect(r.stderr).toBe("");
  const answers = r.stdout
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l));
  let k = 0;
  ROWS.forEach((row, n) => {
    const got: Record<string, Cell> = {};
    for (const fn of Object.keys(asked[n])) {
      const a = answers[k++];
      got[fn] =
        fn === "SERIES" && !a.error
          ? { value: atPeriod(a.value, row.at) }
          : a.error
            ? { error: a.error, message: a.message }
            : { value: a.value };
    }
    expect({ word: row.word, got }).toEqual({ word: row.word, got: expected(row) });
  });
});

describe("what the words mean where the release's figure differs", () => {
  test("capex is printed only with leased assets: the word is refused, the combination answers", () => {
    expect(cellOf(() => KC.value("capex", "2026Q1"))).toEqual({
      error: "#N/A",
      message: expect.stringContaining('KC.VALUE("capex and leased assets")'),
    });
    expect(KC.source("capex and leased assets", "2026Q1")).toMatch(
      /^"capex and leased assets" is capital expenditures and leased assets obtained together, .*, line 9 of kc-2026q1-earnings-release.txt: RMB3 billion$/
    );
    expect(KC.source("op.capex_and_leased_assets", "2026Q1")).not.toContain('"capex');
  });

  test("EBITDA is the release's adjusted EBITDA", () => {
    expect(KC.source("EBITDA", "2026Q1")).toContain('"EBITDA" is Adjusted EBITDA');
  });

  test("AI: only the gross billing growth is printed", () => {
    expect(KC.growth("AI")).toBe(0.9);
    expect(cellOf(() => KC.value("AI"))).toEqual({
      error: "#N/A",
      message: expect.stringContaining("only its change (use KC.GROWTH)"),
    });
  });

  test.each([
    ["operating margin", 'KC.MARGIN("Operating loss")'],
    ["FCF", 'KC.VALUE("OCF")'],
    ["net debt", 'KC.VALUE("net cash")'],
    ["SG&A", 'KC.VALUE("S&M") and KC.VALUE("G&A")'],
    ["capital expenditures", 'KC.VALUE("capex and leased assets")'],
  ])("%s is no line of the release, and says what is", (word, instead) => {
    expect(cellOf(() => KC.value(word))).toEqual({
      error: "#N/A",
      message: expect.stringContaining(instead),
    });
  });

  test("operating margin: the non-GAAP one is printed", () => {
    expect(KC.nonGaap("operating margin", "2025Q4")).toBe(0.02);
    expect(KC.margin("Operating loss", "2026Q1")).toBeCloseTo(-166108 / 2703732, 15);
  });
});

describe("a label printed in several places", () => {
  test("answers where every place prints the same figure", () => {
    expect(KC.value("Share-based compensation expenses", "2025Q1")).toBe(134611);
    expect(KC.value("Share-based compensation expenses", "2026Q1", "USD")).toBe(9071);
    expect(KC.value("Gain on disposal of property and equipment", "2025Q4")).toBe(-72662);
    expect(KC.series("Share-based compensation expenses")).toEqual([
      ["2025Q1", "2025Q4", "2026Q1"],
      [134611, 78505, 62571],
    ]);
    expect(KC.growth("Share-based compensation expenses", "2026Q1", "QoQ")).toBeCloseTo(
      62571 / 78505 - 1,
      14
    );
    expect(KC.margin("Share-based compensation expenses", "2026Q1")).toBeCloseTo(
      62571 / 2703732,
      15
    );
    expect(KC.nonGaap("Share-based compensation expenses", "2025Q4")).toBe(78505);
    expect(KC.source("Share-based compensation expenses", "2025Q1")).toContain(": 134,611");
    expect(KC.value("Gross profit", "2025Q4")).toBe(465350);
    expect(KC.value("Net loss", "2025Q1")).toBe(-316110);
  });

  test("is refused with the names that tell the places apart where the figures differ", () => {
    expect(cellOf(() => KC.value("Prepayments and other assets", "2026-03-31"))).toEqual({
      error: "#VALUE!",
      message:
        '"Prepayments and other assets" is printed in 2 places with different figures for 2026-03-31; use one of "Current assets / Prepayments and other assets" (bs.prepayments_current), "Non-current assets / Prepayments and other assets" (bs.prepayments_non_current)',
    });
    expect(cellOf(() => KC.series("Basic and diluted"))).toEqual({
      error: "#VALUE!",
      message: expect.stringContaining('"Net loss per share / Basic and diluted"'),
    });
  });

  test("a statement's line, not the reconciliation's adjustment for it", () => {
    expect(KC.value("Interest income", "2026Q1")).toBe(32030);
    expect(KC.value("Net loss reconciliation / Interest income", "2026Q1")).toBe(-32030);
    expect(KC.value("Interest expense", "2026Q1")).toBe(-153595);
  });
});

describe("KC.NONGAAP is the non-GAAP version of the measure named", () => {
  test("one example each way", () => {
    expect(KC.nonGaap("Gross profit", "2026Q1")).toBe(351406);
    expect(KC.value("Gross profit", "2026Q1")).toBe(345748);
    expect(KC.nonGaap("Net loss", "2025Q4")).toBe(-94632);
    expect(KC.value("Net loss", "2025Q4")).toBe(-162872);
  });

  test("a line with no non-GAAP version is refused, pointing at KC.VALUE", () => {
    expect(cellOf(() => KC.nonGaap("R&D"))).toEqual({
      error: "#VALUE!",
      message: expect.stringContaining(
        'KC.NONGAAP gives the non-GAAP version of a measure (KC.NONGAAP("Gross profit") is adjusted gross profit), and KC.VALUE the GAAP line (KC.VALUE("R&D"))'
      ),
    });
  });
});

describe("suggestions rank labels and analysts' names by meaning, and keep to the kind asked", () => {
  const message = (call: () => unknown) => cellOf(call).message ?? "";

  test("Net loss per share is a per-share figure, never the net loss amount", () => {
    expect(KC.value("Net loss per share", "2026Q1")).toBe(-0.08);
    expect(message(() => KC.value("diluted loss per shares please"))).toContain(
      'did you mean "basic and diluted net loss per share"'
    );
    expect(message(() => KC.value("diluted loss per shares please"))).not.toContain('"Net loss"');
    expect(message(() => KC.value("revenue per share"))).not.toContain("did you mean");
  });

  test("AI is no segment, and nothing like one", () => {
    const m = message(() => KC.revenue("2026Q1", "AI"));
    expect(m).toContain('"AI" is no segment');
    expect(m).not.toContain("all");
  });

  test("a stranger gets no suggestion", () => {
    expect(message(() => KC.nonGaap("foo"))).toContain("no line of the release has a name like it");
    expect(message(() => KC.value("OCIX"))).not.toContain("NCI");
  });

  test("a typo finds the label or the word, not an id", () => {
    expect(message(() => KC.value("revenu"))).toContain('did you mean "revenue"?');
    expect(message(() => KC.value("Totl revenues"))).toContain('did you mean "Total revenues"?');
    expect(message(() => KC.value("bs.csh"))).toContain('did you mean "bs.cash"?');
  });

  test("words shared find the lines that hold them", () => {
    expect(message(() => KC.value("interest"))).toContain(
      'did you mean "Interest income" or "Interest expense"'
    );
    expect(message(() => KC.value("R&D margin"))).toContain('use KC.MARGIN("R&D")');
  });

  test("KC.NONGAAP offers only what it can answer", () => {
    expect(message(() => KC.nonGaap("EBIDTA"))).toContain('did you mean "EBITDA"?');
    expect(message(() => KC.nonGaap("adjusted gross proft"))).toContain(
      'did you mean "Adjusted gross profit"?'
    );
  });
});

describe("the vocabulary as data", () => {
  const cat = bundledKc().fin.catalogue;
  const ids = new Set(cat.items.map((i) => i.id));

  test("every word names a line of the dataset", () => {
    const named = [
      ...ANALYST_WORDS.map((w) => w.item),
      ...UNPRINTED.flatMap((u) => (u.nonGaap ? [u.nonGaap] : [])),
      ...NON_GAAP_VERSIONS.flatMap(([gaap, ng]) => [...gaap, ng]),
    ];
    expect(named.filter((id) => !ids.has(id))).toEqual([]);
  });

  test("no word is said twice, or is another line's label or id", () => {
    const owner = new Map<string, string>();
    for (const item of cat.items)
      for (const name of cat.namesOf(item)) owner.set(labelKey(name), item.id);
    const clashes: string[] = [];
    const seen = new Set<string>();
    const words = [
      ...ANALYST_WORDS.flatMap((w) => w.words.map((word) => [word, w.item] as const)),
      ...UNPRINTED.flatMap((u) => u.words.map((word) => [word, "(unprinted)"] as const)),
    ];
    for (const [word, item] of words) {
      const key = labelKey(word);
      if (seen.has(key)) clashes.push(`${word} twice`);
      seen.add(key);
      if (owner.has(key)) clashes.push(`${word} is a name of ${owner.get(key)} (for ${item})`);
      if (ids.has(key)) clashes.push(`${word} is an id`);
    }
    expect(clashes).toEqual([]);
  });

  test("KC.ITEMS lists the names that find each line, and what a word means where it differs", () => {
    const items = KC.items() as string[][];
    const row = (id: string) => items.find((r) => r[0] === id) as string[];
    expect(row("revenue.total")[5]).toBe(
      "revenue; revenues; total revenue; net revenue; net revenues; sales"
    );
    expect(row("ng.adjusted_ebitda")[5]).toContain("Adjusted EBITDA; EBITDA; non-GAAP EBITDA");
    expect(row("op.capex_and_leased_assets")[6]).toContain(
      '"capex and leased assets" is capital expenditures and leased assets obtained together'
    );
    expect(row("calc.total_debt")[6]).toContain("computed, not printed: short-term borrowings");
    for (const r of items.slice(1))
      for (const name of r[5] ? r[5].split("; ") : []) {
        const found = cat.find(name);
        expect({ name, finds: found?.items.map((i) => i.id) }).toEqual({
          name,
          finds: expect.arrayContaining([r[0]]),
        });
      }
  });
});

describe("measures the release prints no line of, computed from lines it prints", () => {
  // Typed from the release: borrowings 3,590,727 + 3,293,125; cash 4,903,797; net loss
  // attributable (343,820) and adjusted net loss (237,143) over 4,555,310,453 weighted shares;
  // 4,490,544,972 shares "equivalent to about 299,369,665 ADSs" (15 shares an ADS).
  test("total debt: short-term plus long-term borrowings, as printed", () => {
    expect(KC.value("total debt", BS)).toBe(3590727 + 3293125);
    expect(KC.value("total debt", "2025-12-31")).toBe(3348279 + 3023538);
    expect(KC.value("total debt", BS, "USD")).toBe(520546 + 477403);
  });

  test("net cash: cash and cash equivalents less total debt (negative: net debt)", () => {
    expect(KC.value("net cash", BS)).toBe(4903797 - (3590727 + 3293125));
    expect(KC.value("net cash", Q, "RMB", "millions")).toBeCloseTo(-1980.055, 9);
  });

  test("net loss per ADS as the model computes it, RMB (1.13) on the basic loss for Q1 2026", () => {
    const perAds = KC.value("net loss per ADS", Q) as number;
    expect(perAds).toBe(new Dec(-343820000).div(4555310453).times(15).toNumber());
    expect(perAds.toFixed(2)).toBe("-1.13");
    expect(KC.value("adjusted net loss per ADS", Q)).toBe(
      new Dec(-237143000).div(4555310453).times(15).toNumber()
    );
    expect(KC.value("adjusted net loss per share", Q)).toBe(
      new Dec(-237143000).div(4555310453).toNumber()
    );
  });

  test("KC.SOURCE says a computed figure is computed, what it sums, and where each part is", () => {
    const source = KC.source("total debt", BS);
    expect(source).toMatch(
      /^Total debt is computed, not printed: short-term borrowings \+ long-term borrowings/
    );
    expect(source).toContain("amounts due to related parties");
    expect(source).toContain('row "Short-term borrowings", column "Mar 31, 2026 RMB"');
    expect(source).toContain('row "Long-term borrowings", column "Mar 31, 2026 RMB"');
    expect(KC.source("net loss per ADS", Q)).toContain("× ordinary shares per ADS");
  });
});

describe("words with two readings answer the one an analyst means of the period asked", () => {
  test("minority interest: of a quarter the income statement's share of the loss, of a date the balance", () => {
    expect(KC.value("minority interest", Q)).toBe(100);
    expect(KC.value("minority interest", "2025Q1")).toBe(-2184);
    expect(KC.value("minority interest", BS)).toBe(-3891);
    expect(KC.value("NCI balance", Q)).toBe(-3891);
    expect(KC.value("NCI share of net loss", Q)).toBe(100);
    expect(KC.source("minority interest", Q)).toMatch(
      /^"minority interest" is of a quarter the net \(loss\) profit attributable to non-controlling interests/
    );
  });

  test("net income: the shareholders' part; the release's consolidated net loss by its own words", () => {
    expect(KC.value("net income", Q)).toBe(-343820);
    expect(KC.value("consolidated net loss", Q)).toBe(-343720);
    expect(KC.value("Net loss", Q)).toBe(-343720);
    expect(KC.source("net income", Q)).toContain("without the non-controlling interests' share");
  });
});
