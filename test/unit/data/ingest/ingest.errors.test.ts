import { ROOT } from "../../../helpers/root";
import { readFileSync } from "fs";
import { resolve } from "path";
import { readRelease } from "../../../../src/data/ingest/build";
import { decodeRelease } from "../../../../src/data/ingest/encoding";
import { IngestError } from "../../../../src/data/ingest/errors";
import { ingestRelease } from "../../../../src/data/ingest/ingest";
import { parseFigure } from "../../../../src/data/ingest/numbers";
import { asDataset } from "../../../../src/data/shape";
import { failures } from "../../../../src/data/validate";
import { utf16le, windows1252, withoutColumn } from "../../../helpers/damage";
import { release, releaseText, releaseWith } from "../../../helpers/release";
import { thrown } from "../../../helpers/thrown";

function refusal(read: () => unknown): IngestError {
  return thrown(IngestError, read);
}

function ingestError(text: string): IngestError {
  return refusal(() => readRelease(text, "broken.txt"));
}

const committed = asDataset(
  JSON.parse(readFileSync(resolve(ROOT, "src/data/dataset.json"), "utf8"))
);

/** The release ingested over the committed dataset, as `kc ingest` does it by default. */
function reIngest(
  text: string,
  options: { acceptRenames?: boolean; acceptRemovals?: boolean } = {}
) {
  return ingestRelease(Buffer.from(text, "utf8"), "release.txt", { base: committed, ...options });
}

describe("printed figures", () => {
  test.each([
    ["6,018,043", "6018043"],
    ["(31,068)", "-31068"],
    ["(0.08)", "-0.08"],
    ["16.2%", "16.2"],
    ["-16.0%", "-16.0"],
    ["3,728,092,123", "3728092123"],
    ["100", "100"],
    ["74", "74"],
  ])("%s reads as %s", (text, value) => {
    expect(parseFigure(text, 7).value).toBe(value);
  });

  test("a figure that lost its thousands separator says how it is printed", () => {
    expect(() => parseFigure("(8672)", 1178)).toThrow(
      'line 1178: "(8672)" lacks its thousands separators; the release prints figures as 8,672'
    );
  });

  test('"-" is nil', () => {
    expect(parseFigure("-", 1053)).toEqual({ value: "0", printed: "-", percent: false, nil: true });
  });

  test.each(["6,O18,043", "12,34", "(1,234", "1,234)", "(-5)", "abc", "1.2.3", "(8672)", "0"])(
    "%s is refused with its line",
    (text) => {
      expect(() => parseFigure(text, 150)).toThrow(/^line 150: /);
    }
  );
});

describe("a broken release is refused with the line to look at", () => {
  test("an empty file", () => {
    expect(ingestError("").message).toBe(
      "line 1: the file is empty; expected the text of a quarterly earnings release"
    );
    expect(ingestError("\n\n  \n").line).toBe(1);
  });

  test("prose without any table", () => {
    expect(ingestError("Kingsoft Cloud Announces Results\n\nNothing else.\n").message).toMatch(
      /no financial tables found/
    );
  });

  release.test("a number that will not parse", () => {
    const e = ingestError(releaseWith({ 150: "\t6,O18,043" }));
    expect(e.line).toBe(150);
    expect(e.message).toContain('cannot read "6,O18,043"');
  });

  release.test("a negative whose closing parenthesis line is lost", () => {
    const e = ingestError(releaseWith({ 560: null }));
    expect(e.line).toBe(559);
    expect(e.message).toContain("(1,651,671");
  });

  release.test("a truncated table (file cut inside the cash flow statement)", () => {
    const cut = releaseText().split("\n").slice(0, 1338).join("\n");
    const e = ingestError(cut);
    expect(e.line).toBe(1335);
    expect(e.message).toMatch(/has 3 figures; its header has 4 columns/);
  });

  release.test("a table cut before its last rows", () => {
    const cut = releaseText().split("\n").slice(0, 1328).join("\n");
    const e = ingestError(cut);
    expect(e.message).toMatch(/Cash flow statement lacks the rows "Net \(decrease\) increase/);
    expect(e.line).toBe(1258);
  });

  release.test("a row missing a figure", () => {
    const e = ingestError(releaseWith({ 152: null }));
    expect(e.line).toBe(149);
    expect(e.message).toContain(
      'row "Cash and cash equivalents" in "UNAUDITED CONDENSED CONSOLIDATED BALANCE SHEETS" has 2 figures'
    );
  });

  release.test("a row label the catalogue does not know", () => {
    const e = ingestError(releaseWith({ 208: "\tGoodwil" }));
    expect(e.line).toBe(208);
    expect(e.message).toContain(
      'row "Goodwil" (section "Non-current assets") in the Balance sheet has no stable id'
    );
  });

  release.test("a header with fewer years than dates", () => {
    const e = ingestError(releaseWith({ 117: "\t" }));
    expect(e.message).toMatch(/has 3 dates but 2 years/);
  });

  release.test("a percentage in a table of amounts", () => {
    const e = ingestError(releaseWith({ 151: "\t4,903,797%" }));
    expect(e.line).toBe(151);
    expect(e.message).toContain("is a percentage in a table of amounts");
  });

  release.test("a prose figure nothing explains", () => {
    const e = ingestError(releaseWith({ 100: "Other information: 17 data centres" }));
    expect(e.line).toBe(100);
    expect(e.message).toContain('the prose figure "17" is not understood');
  });

  release.test("a change with no way to tell its basis", () => {
    const e = ingestError(releaseWith({ 51: "Outstanding ordinary shares decreased by 2.0%." }));
    expect(e.line).toBe(51);
    expect(e.message).toContain('cannot tell whether "decreased by 2.0%"');
  });

  release.test("two different convenience rates", () => {
    const text = releaseText().replace(
      "were made at a rate of RMB6.8980 to US$1.00",
      "were made at a rate of RMB6.8890 to US$1.00"
    );
    const e = ingestError(text);
    expect(e.line).toBe(78);
    expect(e.message).toContain(
      "RMB6.8890 on 2026-03-31 here but RMB6.8980 on 2026-03-31 at line 19"
    );
  });

  release.test("prose announcing another quarter than the tables hold", () => {
    const text = releaseText().replace(
      "Unaudited First Quarter 2026",
      "Unaudited Second Quarter 2026"
    );
    const e = ingestError(text);
    expect(e.line).toBe(3);
    expect(e.message).toContain("announces results for 2026Q2 but the tables end at 2026Q1");
  });

  release.test("text that is not a cell inside a table", () => {
    const e = ingestError(releaseWith({ 151: "4,903,797" }));
    expect(e.line).toBe(151);
    expect(e.message).toContain("table cells start with a tab");
  });
});

describe("damage that used to be accepted is refused at the line at fault (issue 11)", () => {
  release.test("the US$ column removed from the whole balance sheet, header and rows", () => {
    // Line 103 is the balance sheet's company heading; its third column is Mar 31, 2026 US$.
    const e = ingestError(withoutColumn(releaseText(), 103, 2));
    // The header's last currency cell ("RMB", line 126) moved up by the removed date and year.
    expect(e.line).toBe(124);
    expect(e.message).toContain(
      "the Balance sheet's header declares the columns Dec 31, 2025 RMB | Mar 31, 2026 RMB;"
    );
    expect(e.message).toContain("Dec 31, 2025 RMB | Mar 31, 2026 RMB | Mar 31, 2026 US$");
  });

  release.test("the US$ column removed from the statement of comprehensive loss", () => {
    const e = ingestError(withoutColumn(releaseText(), 486, 3));
    expect(e.message).toContain("Statement of comprehensive loss");
    expect(e.message).toContain("Mar 31, 2026 US$");
  });

  release.test("a column whose year is misprinted, in one table only", () => {
    // The margin table's 2025Q4 column printed as 2024: the other tables still say 2026Q1.
    const e = ingestError(releaseWith({ 1213: "\t2024" }));
    expect(e.line).toBe(1213);
    expect(e.message).toContain("the Margin table's header declares the columns");
  });

  release.test(
    "a unit note misprinted (the cash flow statement in millions) fails the check",
    () => {
      const text = releaseText().replace(
        "STATEMENT OF CASH FLOWS (All amounts in thousands)",
        "STATEMENT OF CASH FLOWS (All amounts in millions)"
      );
      // Its figures still equal the balance sheet's digit for digit; in units they are 1,000 times.
      const r = ingestRelease(Buffer.from(text, "utf8"), "release.txt");
      expect(
        failures(r.validation).map((c) => `${c.identity} ${c.period} ${c.currency}`)
      ).toContain(
        "Cash at end of period = balance sheet cash + restricted cash at 2026-03-31 2026Q1 RMB"
      );
    }
  );

  release.test("a listing misprinted in one of its two mentions (HKEX: 3896 as 3986)", () => {
    const e = ingestError(releaseText().replace("HKEX: 3896", "HKEX: 3986"));
    expect(e.line).toBe(86);
    expect(e.message).toContain("the release states HKEX: 3896 here but HKEX: 3986 at line 5");
  });

  release.test("a prose amount that lost its thousands separator", () => {
    const e = ingestError(
      releaseText().replace("from RMB1,970.0 million", "from RMB1970.0 million")
    );
    expect(e.line).toBe(13);
    expect(e.message).toContain('"RMB1970.0 million" lacks its thousands separators');
  });

  release.test("a US$ figure in the prose whose scale word is misspelt (US$118.7 miylion)", () => {
    const e = ingestError(
      releaseText().replace("(US$118.7 million) this quarter", "(US$118.7 miylion) this quarter")
    );
    expect(e.line).toBe(20);
    expect(e.message).toContain('"US$118.7" has no scale');
  });

  release.test("a footnote digit glued before % in the margin table (-12.7% as -12.71%)", () => {
    const e = ingestError(releaseWith({ 1221: "\t-12.71%" }));
    expect(e.line).toBe(1221);
    expect(e.message).toContain(
      '"-12.71%" is printed with 2 decimals; the Margin table prints its percentages with 1'
    );
  });

  release.test("an amount printed with decimals in a table of whole thousands", () => {
    const e = ingestError(releaseWith({ 150: "\t6,018,043.5" }));
    expect(e.line).toBe(150);
    expect(e.message).toContain("the Balance sheet prints its amounts with 0");
  });

  release.test("a stray empty cell between two figures of a row", () => {
    // After line 589, the first figure of "Selling and marketing expenses": the stray cell is 590.
    const e = ingestError(releaseWith({ 589: "\t(144,338)\n\t" }));
    expect(e.line).toBe(590);
    expect(e.message).toContain(
      'an empty cell among the figures of "Selling and marketing expenses"'
    );
  });

  release.test("a doubled tab before a figure is reported at its own line (150, not 167)", () => {
    const e = ingestError(releaseWith({ 150: "\t\t6,018,043" }));
    expect(e.line).toBe(150);
    expect(e.message).toContain('an empty cell among the figures of "Cash and cash equivalents"');
    expect(ingestError(releaseWith({ 589: "\t\t(144,338)" })).line).toBe(589);
  });

  release.test("a stray empty cell inside a total row", () => {
    // "Total revenues" alternates figure and empty cell; a second empty cell breaks the rhythm.
    const e = ingestError(releaseWith({ 550: "\t\n\t" }));
    expect(e.line).toBe(551);
    expect(e.message).toContain('an empty cell among the figures of "Total revenues"');
  });

  release.test("a page number inside a table is not taken for the start of a label", () => {
    const e = ingestError(releaseWith({ 154: "\n\t7\n" }));
    expect(e.line).toBe(155);
    expect(e.message).toContain('"7" stands where a row label belongs');
    expect(e.message).not.toContain("row-ids.ts");
  });

  release.test(
    "a lost section heading (Revenues:) moves items: refused when re-ingested over the dataset",
    () => {
      const lost = releaseWith({ 526: null });
      const e = refusal(() => reIngest(lost));
      // The first figure of "Public cloud services", now at 536, is the first that moved.
      expect(e.line).toBe(536);
      expect(e.message).toContain(
        'line 536: revenue.public "Public cloud services": section "Revenues" -> none'
      );
      expect(e.message).toContain('revenue.enterprise "Enterprise cloud services"');
      expect(e.message).toContain('revenue.total "Total revenues"');
      expect(e.message).toContain("--accept-renames");
    }
  );

  release.test(
    "a table printed under another note (a percentages-only table said to be in millions)",
    () => {
      const e = refusal(() =>
        reIngest(releaseWith({ 1196: "(All amounts in millions, except for percentage)" }))
      );
      // The margin table's heading is at line 1192, its note at 1196.
      expect(e.line).toBe(1192);
      expect(e.message).toContain(
        'line 1192: ng_margins "Margin table": note "(All amounts in thousands, except for percentage)" -> "(All amounts in millions, except for percentage)"'
      );
    }
  );

  release.test("a real relabelling is refused without --accept-renames and listed with it", () => {
    const renamed = releaseWith({ 149: "\tCash and Cash Equivalents", 526: "\tRevenue:" });
    const e = refusal(() => reIngest(renamed));
    expect(e.line).toBe(150);
    expect(e.message).toContain(
      'line 150: bs.cash "Cash and cash equivalents": label -> "Cash and Cash Equivalents"'
    );
    expect(e.message).toContain(
      'revenue.public "Public cloud services": section "Revenues" -> "Revenue"'
    );

    const accepted = reIngest(renamed, { acceptRenames: true });
    expect(accepted.renames.map((r) => r.id)).toEqual([
      "bs.cash",
      "revenue.public",
      "revenue.enterprise",
      "revenue.total",
    ]);
    const cash = accepted.dataset.items.find((i) => i.id === "bs.cash");
    expect(cash?.label).toBe("Cash and Cash Equivalents");
    const pub = accepted.dataset.items.find((i) => i.id === "revenue.public");
    expect(pub?.section).toBe("Revenue");
  });

  release.test(
    "a lost paragraph loses a figure: refused when re-ingested, accepted with --accept-removals",
    () => {
      const lost = releaseWith({ 7: null });
      const e = refusal(() => reIngest(lost));
      expect(e.line).toBe(7);
      expect(e.message).toContain(
        'release 2026Q1 no longer gives 1 figure the dataset has from it:\n  line 7: op.ai_gross_billing 2026Q1 "grew 90%"'
      );
      expect(e.message).toContain("--accept-removals");

      const accepted = reIngest(lost, { acceptRemovals: true });
      expect(accepted.removals.map((f) => f.item)).toEqual(["op.ai_gross_billing"]);
      // No item is left without a figure.
      expect(accepted.dataset.items.map((i) => i.id)).not.toContain("op.ai_gross_billing");
    }
  );

  release.test("the clean release re-ingested over the dataset renames and removes nothing", () => {
    const r = reIngest(releaseText());
    expect(r.renames).toEqual([]);
    expect(r.removals).toEqual([]);
  });
});

describe("encodings that cannot be read are named", () => {
  release.test("UTF-16 with a byte order mark", () => {
    const e = refusal(() => decodeRelease(utf16le(releaseText())));
    expect(e.line).toBe(1);
    expect(e.message).toContain("the file is UTF-16 little-endian (byte order mark FF FE)");
    expect(e.message).toContain("save it as UTF-8");
  });

  release.test("UTF-16 without a byte order mark", () => {
    const e = refusal(() => decodeRelease(utf16le(releaseText(), false)));
    expect(e.message).toContain("the file looks like UTF-16 little-endian");
  });

  release.test("Windows-1252 curly quotes", () => {
    const e = refusal(() => decodeRelease(windows1252(releaseText())));
    expect(e.line).toBe(5);
    expect(e.message).toContain("byte 0x93 is not UTF-8");
    expect(e.message).toContain("Windows-1252");
  });

  release.test("UTF-8, with or without a byte order mark, reads as text", () => {
    const text = releaseText();
    expect(decodeRelease(Buffer.from(text, "utf8"))).toBe(text);
    expect(decodeRelease(Buffer.from(`\uFEFF${text}`, "utf8"))).toBe(`\uFEFF${text}`);
  });
});
