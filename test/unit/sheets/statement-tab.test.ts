import { Financials } from "../../../src/core/financials";
import { bundledDataset } from "../../../src/data/load";
import { ModelContext } from "../../../src/sheets/context";
import { buildModel } from "../../../src/sheets/model";
import {
  ADS_RATIO,
  linkedView,
  perAds,
  statementItems,
  statementLine,
} from "../../../src/sheets/statement-tab";
import { DEFAULT_OPTIONS, FORMATS } from "../../../src/sheets/types";
import { tabView } from "../../helpers/plan-view";
import { printed } from "../../helpers/release";

/**
 * The three statements as the release prints them, line by line under its headings. Every figure
 * here is typed from the release's tables (RMB thousands, as printed).
 */

const fin = new Financials(bundledDataset());
const model = buildModel(fin, DEFAULT_OPTIONS);
const ctx = new ModelContext(fin, DEFAULT_OPTIONS);

/** The labels of a tab down to its as-reported block: the statement's own lines. */
const statementLabels = (labels: string[]) =>
  labels.slice(0, labels.indexOf("As reported (for the checks)"));

describe("the income statement tab", () => {
  const is = tabView(model, "income_statement");
  const at = (label: string, col: string, nth = 0) => is.value(`${col}${is.row(label, nth)}`);

  test("columns: every quarter from 1Q25 to 1Q26 (the two no release gives n.a.), US$, growth", () => {
    expect(["B", "C", "D", "E", "F", "G", "H", "I"].map((c) => is.text(`${c}4`))).toEqual([
      "1Q25",
      "2Q25",
      "3Q25",
      "4Q25",
      "1Q26",
      "1Q26 US$",
      "YoY 1Q26",
      "QoQ 1Q26",
    ]);
    expect(at("Total revenues", "C")).toBe("n.a.");
    expect(at("Total revenues", "D")).toBe("n.a.");
    expect(is.plan.cells.find((c) => c.row === 3 && c.col === 2)?.note).toMatch(
      /^No release in the dataset gives 2Q25/
    );
    expect(is.text("A1")).toBe(
      "Kingsoft Cloud (NASDAQ: KC, HKEX: 3896) · Statements of comprehensive loss · RMB and US$ thousands"
    );
  });

  test("the lines in the release's order, under its headings, with the per-ADS lines added", () => {
    expect(statementLabels(is.labels())).toEqual([
      "Revenues",
      "Public cloud services",
      "Enterprise cloud services",
      "Total revenues",
      "Cost of revenues",
      "Gross profit",
      "Operating expenses",
      "Selling and marketing expenses",
      "General and administrative expenses",
      "Research and development expenses",
      "Total operating expenses",
      "Operating loss",
      "Interest income",
      "Interest expense",
      "Foreign exchange gain (loss)",
      "Other gain (loss), net",
      "Other (expense) income, net",
      "Loss before income taxes",
      "Income tax (expense) benefit",
      "Net loss",
      "Less: NCI share of net (loss) profit",
      "Net loss attributable to shareholders",
      "Net loss per share",
      "Basic and diluted",
      "Weighted shares (for loss per share)",
      "Basic and diluted",
      "Per ADS (shares per ADS: shares / ADSs)",
      "Ordinary shares per ADS",
      "Net loss per ADS, basic and diluted",
      "Other comprehensive income (loss)",
      "Foreign currency translation adjustments",
      "Comprehensive loss",
      "Less: NCI share of comprehensive (loss)",
      "Comprehensive loss to shareholders",
    ]);
  });

  test("Q1 2026 in RMB, every line as the release prints it", () => {
    const q1: [string, string][] = [
      ["Public cloud services", "1,996,301"],
      ["Enterprise cloud services", "707,431"],
      ["Total revenues", "2,703,732"],
      ["Cost of revenues", "(2,357,984)"],
      ["Gross profit", "345,748"],
      ["Selling and marketing expenses", "(123,776)"],
      ["General and administrative expenses", "(194,765)"],
      ["Research and development expenses", "(193,315)"],
      ["Total operating expenses", "(511,856)"],
      ["Operating loss", "(166,108)"],
      ["Interest income", "32,030"],
      ["Interest expense", "(153,595)"],
      ["Foreign exchange gain (loss)", "(44,006)"],
      ["Other gain (loss), net", "(6,588)"],
      ["Other (expense) income, net", "(372)"],
      ["Loss before income taxes", "(338,639)"],
      ["Income tax (expense) benefit", "(5,081)"],
      ["Net loss", "(343,720)"],
      ["Less: net (loss) profit attributable to non-controlling interests", "100"],
      ["Net loss attributable to Kingsoft Cloud Holdings Limited", "(343,820)"],
      ["Foreign currency translation adjustments", "(34,472)"],
      ["Comprehensive loss", "(378,192)"],
      [
        "Comprehensive loss attributable to Kingsoft Cloud Holdings Limited shareholders",
        "(378,292)",
      ],
    ];
    for (const [label, figure] of q1)
      expect(`${label} ${at(label, "F")}`).toBe(`${label} ${printed(figure)}`);
  });

  test("the earlier quarters and the published US$ column too", () => {
    expect(at("Total revenues", "B")).toBe(printed("1,969,977"));
    expect(at("Total revenues", "E")).toBe(printed("2,761,387"));
    expect(at("Gross profit", "E")).toBe(printed("465,350"));
    expect(at("Operating loss", "E")).toBe(printed("(66,450)"));
    expect(at("Net loss", "B")).toBe(printed("(316,110)"));
    expect(at("Comprehensive loss", "E")).toBe(printed("(233,859)"));
    expect(at("Total revenues", "G")).toBe(printed("391,959"));
    expect(at("Total operating expenses", "G")).toBe(printed("(74,204)"));
    expect(at("Net loss attributable to Kingsoft Cloud Holdings Limited", "G")).toBe(
      printed("(49,845)")
    );
  });

  test("figures the release gives are inputs; its subtotals and totals native sums", () => {
    expect(is.text("F6")).toBe('=KC.VALUE("revenue.public","2026Q1","RMB","thousands")');
    expect(is.cell("F6")?.style).toBe("input");
    const formula = (label: string) => is.text(`F${is.row(label)}`);
    expect(formula("Total revenues")).toBe("=F6+F7");
    expect(formula("Gross profit")).toBe(
      `=F${is.row("Total revenues")}+F${is.row("Cost of revenues")}`
    );
    expect(formula("Total operating expenses")).toBe(
      `=SUM(F${is.row("Selling and marketing expenses")}:F${is.row("Research and development expenses")})`
    );
    expect(formula("Net loss attributable to Kingsoft Cloud Holdings Limited")).toBe(
      `=F${is.row("Net loss")}-F${is.row("Less: net (loss) profit attributable to non-controlling interests")}`
    );
    expect(is.cell(`F${is.row("Net loss")}`)?.style).toBe("total");
  });

  test("loss per share: attributable loss × 1000 over the shares used, (0.08) as printed", () => {
    const perShare = is.row("Basic and diluted", 0);
    const shares = is.row("Basic and diluted", 1);
    const attributable = is.row("Net loss attributable to Kingsoft Cloud Holdings Limited");
    expect(is.text(`F${perShare}`)).toBe(`=F${attributable}*1000/F${shares}`);
    expect(is.value(`F${shares}`)).toBe(printed("4,555,310,453"));
    expect(is.value(`B${shares}`)).toBe(printed("3,728,092,123"));
    // A count has no currency: the US$ column repeats the RMB one.
    expect(is.text(`G${shares}`)).toBe(`=F${shares}`);
    const cents = (col: string) => Math.round(Number(is.value(`${col}${perShare}`)) * 100) / 100;
    expect([cents("B"), cents("E"), cents("F"), cents("G")]).toEqual([
      printed("(0.08)"),
      printed("(0.04)"),
      printed("(0.08)"),
      printed("(0.01)"),
    ]);
    expect(is.cell(`G${perShare}`)?.format).toBe(FORMATS.perShareFine);
  });

  test("per ADS: the loss per share times the shares per ADS from KC Operating Figures", () => {
    const ratio = is.row("Ordinary shares per ADS");
    expect(is.text(`F${ratio}`)).toMatch(/^='KC Operating Figures'!F\d+$/);
    expect(is.cell(`F${ratio}`)?.style).toBe("link");
    expect(is.value(`F${ratio}`)).toBe(15);
    const perAdsRow = is.row("Net loss per ADS, basic and diluted");
    expect(is.text(`F${perAdsRow}`)).toBe(`=F${is.row("Basic and diluted")}*F${ratio}`);
    expect(is.text(`H${ratio}`)).toBeUndefined();
  });

  test("below: the release's own totals, then the checks, all 0", () => {
    const checked = [...new Set(is.plan.checks.map((c) => c.line))];
    expect(checked).toEqual([
      "Public cloud services",
      "Enterprise cloud services",
      "Total revenues",
      "Cost of revenues",
      "Gross profit",
      "Selling and marketing expenses",
      "General and administrative expenses",
      "Research and development expenses",
      "Total operating expenses",
      "Operating loss",
      "Loss before income taxes",
      "Net loss",
      "Net loss attributable to Kingsoft Cloud Holdings Limited",
      "Net loss per share, basic and diluted",
      "Comprehensive loss",
      "Comprehensive loss attributable to Kingsoft Cloud Holdings Limited shareholders",
    ]);
    const reported = is.row("Net loss", 1);
    expect(is.text(`F${reported}`)).toBe('=KC.VALUE("is.net_loss","2026Q1","RMB","thousands")');
    expect(is.text(`F${is.row("Net loss", 2)}`)).toBe(
      `=ROUND(F${is.row("Net loss")}-F${reported},0)`
    );
    const failing = model.failures().filter((c) => c.at.tab === "income_statement");
    expect(failing).toEqual([]);
  });
});

describe("the balance sheet tab", () => {
  const bs = tabView(model, "balance_sheet");
  const at = (label: string, col: string, nth = 0) => bs.value(`${col}${bs.row(label, nth)}`);

  test("the model's columns: two balance sheet dates, the other quarters n.a., the latest in US$", () => {
    expect(["B", "C", "D", "E", "F", "G", "H", "I"].map((c) => bs.text(`${c}4`))).toEqual([
      "1Q25",
      "2Q25",
      "3Q25",
      "4Q25",
      "1Q26",
      "1Q26 US$",
      "YoY 1Q26",
      "QoQ 1Q26",
    ]);
    // No release in the dataset gives the balance sheet at Mar 31, 2025: n.a., and no change.
    expect(at("Total assets", "B")).toBe("n.a.");
    expect(bs.text(`H${bs.row("Total assets")}`)).toBeUndefined();
    expect(bs.text(`I${bs.row("Total assets")}`)).toMatch(/^=IF\(/);
  });

  test("under ASSETS and LIABILITIES ..., each section's lines and total", () => {
    const labels = statementLabels(bs.labels());
    expect(labels.slice(0, 8)).toEqual([
      "ASSETS",
      "Current assets",
      "Cash and cash equivalents",
      "Restricted cash",
      "Accounts receivable, net",
      "Prepayments and other assets",
      "Amounts due from related parties",
      "Total current assets",
    ]);
    expect(labels).toContain("LIABILITIES, NCI AND EQUITY");
    expect(labels.slice(-4)).toEqual([
      "Total shareholders' equity",
      "Non-controlling interests",
      "Total equity",
      "Total liabilities, NCI and equity",
    ]);
    // The release prints some labels twice, in different sections.
    expect(bs.count("Prepayments and other assets")).toBe(2);
    expect(bs.count("Amounts due to related parties")).toBe(2);
  });

  test("totals summed from the lines come to the release's totals", () => {
    const totals: [string, string, string, string][] = [
      ["Total current assets", "11,023,419", "10,500,262", "1,522,217"],
      ["Total non-current assets", "15,705,770", "17,955,992", "2,603,073"],
      ["Total assets", "26,729,189", "28,456,254", "4,125,290"],
      ["Total current liabilities", "9,421,344", "10,216,741", "1,481,116"],
      ["Total non-current liabilities", "7,994,811", "9,241,195", "1,339,692"],
      ["Total liabilities", "17,416,155", "19,457,936", "2,820,808"],
      [
        "Total Kingsoft Cloud Holdings Limited shareholders’ equity",
        "9,317,026",
        "9,002,209",
        "1,305,046",
      ],
      ["Total equity", "9,313,034", "8,998,318", "1,304,482"],
      [
        "Total liabilities, non-controlling interests and shareholders’ equity",
        "26,729,189",
        "28,456,254",
        "4,125,290",
      ],
    ];
    for (const [label, dec, mar, usd] of totals)
      expect(`${label}: ${at(label, "E")} ${at(label, "F")} ${at(label, "G")}`).toBe(
        `${label}: ${printed(dec)} ${printed(mar)} ${printed(usd)}`
      );
    expect(bs.text(`F${bs.row("Total current assets")}`)).toBe("=SUM(F7:F11)");
    expect(at("Treasury shares", "F")).toBe(printed("(18,958)"));
    expect(at("Accumulated deficit", "E")).toBe(printed("(15,247,868)"));
  });

  test("assets tie to liabilities and equity in each figure column, not in growth", () => {
    const label =
      "Total assets − total liabilities, non-controlling interests and shareholders’ equity";
    const ties = bs.plan.checks.filter((c) => c.line === label);
    expect(ties.map((c) => c.ties)).toEqual([
      "assets − liabilities & equity",
      "assets − liabilities & equity",
      "assets − liabilities & equity",
    ]);
    const r = bs.row(label);
    expect(bs.text(`F${r}`)).toBe(
      `=ROUND(F${bs.row("Total assets")}-F${bs.row("Total liabilities, non-controlling interests and shareholders’ equity")},0)`
    );
    expect(bs.text(`I${r}`)).toBeUndefined();
    expect(model.failures().filter((c) => c.at.tab === "balance_sheet")).toEqual([]);
  });
});

describe("the cash flow tab", () => {
  const cf = tabView(model, "cash_flow");
  const beginning = "Cash, cash equivalents and restricted cash at beginning of period";
  const end = "Cash, cash equivalents and restricted cash at end of period";
  const perBalanceSheet = "Cash, cash equivalents and restricted cash per the balance sheet";

  test("the release's lines, then the balance sheet's cash at the period's end", () => {
    expect(statementLabels(cf.labels())).toEqual([
      "Operating cash flow",
      "Net cash used in investing activities",
      "Financing cash flow",
      "FX effect on cash and restricted cash",
      "Net change in cash and restricted cash",
      "Cash and restricted cash, beginning",
      "Cash and restricted cash, end",
      "Balance sheet at period end",
      "Cash and restricted cash, balance sheet",
    ]);
  });

  test("the net change sums the activities; the end is the beginning plus the change", () => {
    const change = "Net (decrease) increase in cash, cash equivalents and restricted cash";
    expect(cf.text(`F${cf.row(change)}`)).toBe("=SUM(F5:F8)");
    expect(cf.value(`F${cf.row(change)}`)).toBe(printed("(1,166,543)"));
    expect(cf.value(`E${cf.row(change)}`)).toBe(printed("2,066,984"));
    expect(cf.text(`F${cf.row(end)}`)).toBe(`=F${cf.row(beginning)}+F${cf.row(change)}`);
    expect(cf.value(`F${cf.row(end)}`)).toBe(printed("4,950,694"));
    expect(cf.value(`G${cf.row(end)}`)).toBe(printed("717,700"));
  });

  test("Q1 2026 opens with Q4 2025's close; the earlier quarters with the release's figure", () => {
    const r = cf.row(beginning);
    expect(cf.text(`F${r}`)).toBe(`=E${cf.row(end)}`);
    expect(cf.value(`F${r}`)).toBe(printed("6,117,237"));
    expect(cf.text(`E${r}`)).toBe('=KC.VALUE("cf.cash_beginning","2025Q4","RMB","thousands")');
    expect(cf.value(`B${r}`)).toBe(printed("2,730,101"));
    const carried = cf.plan.checks.filter((c) => c.ties === "prior close − reported");
    expect(carried).toHaveLength(1);
  });

  test("the balance sheet's cash and restricted cash, linked, tie to the cash at the end", () => {
    const r = cf.row(perBalanceSheet);
    expect(cf.text(`F${r}`)).toBe("='KC Balance Sheet'!F7+'KC Balance Sheet'!F8");
    expect(cf.text(`E${r}`)).toBe("='KC Balance Sheet'!E7+'KC Balance Sheet'!E8");
    expect(cf.cell(`F${r}`)?.style).toBe("link");
    // No balance sheet for Mar 31, 2025.
    expect(cf.text(`B${r}`)).toBeUndefined();
    // 4,903,797 + 46,897 and 6,018,043 + 99,194.
    expect(cf.value(`F${r}`)).toBe(printed("4,950,694"));
    expect(cf.value(`E${r}`)).toBe(printed("6,117,237"));
    const ties = cf.plan.checks.filter((c) => c.ties === "cash flow − balance sheet");
    expect(ties.map((c) => c.column)).toEqual(["4Q25", "1Q26", "1Q26 US$"]);
    expect(model.failures().filter((c) => c.at.tab === "cash_flow")).toEqual([]);
  });
});

describe("the helpers the tabs share", () => {
  test("a statement line: its headings as printed, a sum where the release totals it", () => {
    const total = statementLine(ctx.item("revenue.total"));
    expect(total).toMatchObject({
      key: "revenue.total",
      label: "Total revenues",
      total: true,
      indent: 1,
      source: { kind: "sum", terms: ["revenue.public", "revenue.enterprise"] },
      headings: [{ text: "Revenues", style: "section" }],
      longLabel: "Revenues, total revenues",
    });
    const cash = statementLine(ctx.item("bs.cash"));
    expect(cash.headings).toEqual([
      { text: "ASSETS", style: "heading" },
      { text: "Current assets", style: "section" },
    ]);
    expect(cash.source).toEqual({ kind: "input" });
    // A section that repeats the heading is no section: no indent.
    const assets = statementLine(ctx.item("bs.total_assets"));
    expect(assets.headings).toEqual([{ text: "ASSETS", style: "heading" }]);
    expect(assets.indent).toBe(0);
    expect(
      statementLine(ctx.item("is.cost_of_revenues"), { kind: "link", key: "x" }).source
    ).toEqual({
      kind: "link",
      key: "x",
    });
  });

  test("a linked view and the per-ADS lines", () => {
    expect(linkedView(ctx.item("revenue.total"), "Margins")).toEqual({
      key: "revenue.total",
      label: "Total revenues",
      kind: "amount",
      source: { kind: "link", key: "revenue.total" },
      view: true,
      indent: 1,
      headings: [{ text: "Margins", style: "heading" }],
    });
    const [ratio, perAdsLine] = perAds("is.eps_basic_diluted", "Loss per ADS", "x");
    expect(ratio).toMatchObject({
      key: "x.shares_per_ads",
      source: { kind: "single", key: ADS_RATIO },
      view: true,
      noGrowth: true,
    });
    expect(perAdsLine).toMatchObject({
      key: "x.per_ads",
      label: "Loss per ADS",
      kind: "per_share",
      source: { kind: "product", a: "is.eps_basic_diluted", b: "x.shares_per_ads" },
    });
  });

  test("a statement's items are the ones it prints, in order", () => {
    const items = statementItems(ctx, "cash_flow").map((i) => i.id);
    expect(items[0]).toBe("cf.operating");
    expect(items).toContain("cf.cash_end");
    expect(statementItems(ctx, "balance_sheet").every((i) => i.statement === "balance_sheet")).toBe(
      true
    );
  });
});
