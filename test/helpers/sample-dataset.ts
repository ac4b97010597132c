import type {
  Currency,
  Dataset,
  Fact,
  Item,
  ItemKind,
  PrintedUnit,
  Sign,
  StatementId,
  TableColumn,
  TableInfo,
} from "../../src/domain/dataset";

/**
 * A few lines of the Q1 2026 release as a dataset, in the shape `kc ingest` writes: small typed
 * input for the core's own tests, each of which can then be read in full. Every figure, label and
 * line number is typed from ../shared/sources/kc-2026q1-earnings-release.txt, never read back
 * from dataset.json. It holds what the core treats differently: amounts in three printed units,
 * a per-share figure, share counts, a percentage, the rate, balances at a date, prose-only lines,
 * a growth stated without a level, a nil ("-"), a label printed in two places with the same
 * figures and one with different figures, and a line and the reconciliation's adjustment for it.
 * Each call makes a fresh copy, which a test may damage.
 */

const RELEASE = "2026Q1";
export const SAMPLE_FILE = "kc-2026q1-earnings-release.txt";

/** A figure as ingest keeps it: "(1,651,671)" -> "-1651671", "12.8%" -> "12.8", "-" -> "0". */
function decimal(printed: string): string {
  if (printed === "-") return "0";
  const digits = printed.replace(/[(),%\s]/g, "");
  return printed.startsWith("(") ? `-${digits}` : digits;
}

const column = (
  header: string,
  period: string,
  currency: Currency | null,
  line: number
): TableColumn => ({ header, period, currency, line });

const QUARTERS = (lines: number[], currencies: boolean): TableColumn[] => {
  const c = (month: string, year: number, currency: Currency) =>
    `Three Months Ended ${month} 31, ${year}${currencies ? ` ${currency === "USD" ? "US$" : "RMB"}` : ""}`;
  const cols = [
    column(c("Mar", 2025, "RMB"), "2025Q1", currencies ? "RMB" : null, lines[0]),
    column(c("Dec", 2025, "RMB"), "2025Q4", currencies ? "RMB" : null, lines[1]),
    column(c("Mar", 2026, "RMB"), "2026Q1", currencies ? "RMB" : null, lines[2]),
  ];
  return currencies ? [...cols, column(c("Mar", 2026, "USD"), "2026Q1", "USD", lines[3])] : cols;
};

const RECONCILIATION = "RECONCILIATION OF GAAP AND NON-GAAP RESULTS";
const PERCENT_NOTE = "(All amounts in thousands, except for percentage)";

const TABLES: TableInfo[] = [
  {
    id: "balance_sheet",
    name: "Balance sheet",
    statement: "balance_sheet",
    title: "UNAUDITED CONDENSED CONSOLIDATED BALANCE SHEETS",
    note: "(All amounts in thousands)",
    line: 105,
    columns: [
      column("Dec 31, 2025 RMB", "2025-12-31", "RMB", 110),
      column("Mar 31, 2026 RMB", "2026-03-31", "RMB", 111),
      column("Mar 31, 2026 US$", "2026-03-31", "USD", 112),
    ],
  },
  {
    id: "income_statement",
    name: "Statement of comprehensive loss",
    statement: "income_statement",
    title: "UNAUDITED CONDENSED CONSOLIDATED STATEMENTS OF COMPREHENSIVE LOSS",
    note: "(All amounts in thousands, except for share and per share data)",
    line: 488,
    columns: QUARTERS([500, 501, 502, 503], true),
  },
  {
    id: "ng_gross_margin",
    name: "Gross margin table",
    statement: "non_gaap",
    title: RECONCILIATION,
    note: PERCENT_NOTE,
    line: 892,
    columns: QUARTERS([903, 904, 905], false),
  },
  {
    id: "ng_net_loss",
    name: "Net loss reconciliation",
    statement: "non_gaap",
    title: RECONCILIATION,
    note: PERCENT_NOTE,
    line: 938,
    columns: QUARTERS([950, 951, 952, 953], true),
  },
  {
    id: "ng_operating_loss",
    name: "Operating loss reconciliation",
    statement: "non_gaap",
    title: RECONCILIATION,
    note: PERCENT_NOTE,
    line: 1086,
    columns: QUARTERS([1098, 1099, 1100, 1101], true),
  },
];

interface Line {
  id: string;
  label: string;
  section?: string;
  heading?: string;
  kind?: ItemKind;
  unit?: PrintedUnit;
  sign?: Sign;
  /** The row as printed, where it differs from the label (a list dash). */
  row?: string;
  /** Each column's figure as printed, with its line. */
  figures: [printed: string, line: number][];
}

/** Table rows, by table, in the order the release prints them. */
const ROWS: [table: string, lines: Line[]][] = [
  [
    "balance_sheet",
    [
      {
        id: "bs.cash",
        label: "Cash and cash equivalents",
        section: "Current assets",
        heading: "ASSETS",
        figures: [
          ["6,018,043", 150],
          ["4,903,797", 151],
          ["710,901", 152],
        ],
      },
      {
        id: "bs.prepayments_current",
        label: "Prepayments and other assets",
        section: "Current assets",
        heading: "ASSETS",
        figures: [
          ["2,592,314", 168],
          ["2,796,114", 169],
          ["405,350", 170],
        ],
      },
      {
        id: "bs.prepayments_non_current",
        label: "Prepayments and other assets",
        section: "Non-current assets",
        heading: "ASSETS",
        figures: [
          ["139,836", 215],
          ["271,264", 216],
          ["39,325", 217],
        ],
      },
    ],
  ],
  [
    "income_statement",
    [
      {
        id: "revenue.public",
        label: "Public cloud services",
        section: "Revenues",
        figures: [
          ["1,353,479", 537],
          ["1,902,378", 538],
          ["1,996,301", 539],
          ["289,403", 540],
        ],
      },
      {
        id: "revenue.enterprise",
        label: "Enterprise cloud services",
        section: "Revenues",
        figures: [
          ["616,498", 543],
          ["859,009", 544],
          ["707,431", 545],
          ["102,556", 546],
        ],
      },
      {
        id: "revenue.total",
        label: "Total revenues",
        section: "Revenues",
        figures: [
          ["1,969,977", 549],
          ["2,761,387", 551],
          ["2,703,732", 553],
          ["391,959", 555],
        ],
      },
      {
        id: "is.operating_loss",
        label: "Operating loss",
        sign: "negative",
        figures: [
          ["(234,201)", 617],
          ["(66,450)", 619],
          ["(166,108)", 621],
          ["(24,081)", 623],
        ],
      },
      {
        id: "is.interest_income",
        label: "Interest income",
        figures: [
          ["4,946", 627],
          ["39,039", 628],
          ["32,030", 629],
          ["4,643", 630],
        ],
      },
      {
        id: "is.eps_basic_diluted",
        label: "Basic and diluted",
        section: "Net loss per share",
        kind: "per_share",
        unit: "units",
        sign: "negative",
        figures: [
          ["(0.08)", 709],
          ["(0.04)", 710],
          ["(0.08)", 711],
          ["(0.01)", 712],
        ],
      },
      {
        id: "is.shares_basic_diluted",
        label: "Basic and diluted",
        section: "Shares used in the net loss per share computation",
        kind: "shares",
        unit: "shares",
        figures: [
          ["3,728,092,123", 725],
          ["4,544,291,397", 726],
          ["4,555,310,453", 727],
          ["4,555,310,453", 728],
        ],
      },
    ],
  ],
  [
    "ng_gross_margin",
    [
      {
        id: "ng.gross_margin",
        label: "Gross margin",
        kind: "percent",
        unit: "percent",
        figures: [
          ["16.2%", 917],
          ["16.9%", 918],
          ["12.8%", 919],
        ],
      },
    ],
  ],
  [
    "ng_net_loss",
    [
      {
        id: "ng.nl.sbc",
        label: "Share-based compensation expenses",
        row: "– Share-based compensation expenses",
        section: "Adjustments",
        figures: [
          ["134,611", 993],
          ["78,505", 994],
          ["62,571", 995],
          ["9,071", 996],
        ],
      },
      {
        id: "ng.ebitda.interest_income",
        label: "Interest income",
        row: "– Interest income",
        section: "Adjustments",
        sign: "negative",
        figures: [
          ["(4,946)", 1021],
          ["(39,039)", 1022],
          ["(32,030)", 1023],
          ["(4,643)", 1024],
        ],
      },
      {
        id: "ng.adjusted_ebitda",
        label: "Adjusted EBITDA (Non-GAAP Financial Measure)",
        figures: [
          ["318,543", 1045],
          ["785,248", 1046],
          ["747,506", 1047],
          ["108,365", 1048],
        ],
      },
      {
        id: "ng.ebitda.gain_on_disposal",
        label: "Gain on disposal of property and equipment",
        row: "– Gain on disposal of property and equipment",
        sign: "negative",
        figures: [
          ["(2,110)", 1051],
          ["(72,662)", 1052],
          ["-", 1053],
          ["-", 1054],
        ],
      },
    ],
  ],
  [
    "ng_operating_loss",
    [
      {
        id: "ng.ol.sbc",
        label: "Share-based compensation expenses",
        row: "– Share-based compensation expenses",
        section: "Adjustments",
        figures: [
          ["134,611", 1141],
          ["78,505", 1142],
          ["62,571", 1143],
          ["9,071", 1144],
        ],
      },
      {
        id: "ng.adjusted_operating_profit",
        label: "Adjusted operating (loss) profit (Non-GAAP Financial Measure)",
        sign: "mixed",
        figures: [
          ["(55,809)", 1153],
          ["54,586", 1154],
          ["(59,817)", 1155],
          ["(8,672)", 1156],
        ],
      },
    ],
  ],
];

/** Lines the release states only in its text. */
const PROSE_LINES: Omit<Item, "order" | "statement" | "table" | "heading" | "source">[] = [
  {
    id: "is.cor.idc",
    label: "IDC costs",
    section: "Cost of revenues",
    kind: "amount",
    unit: "millions",
    sign: "negative",
  },
  {
    id: "op.ai_gross_billing",
    label: "Gross billing of AI business",
    section: "AI business",
    kind: "amount",
    unit: "percent",
    sign: "positive",
  },
  {
    id: "op.capex_and_leased_assets",
    label: "Capital expenditures and leased assets obtained",
    section: "Investment",
    kind: "amount",
    unit: "billions",
    sign: "positive",
  },
  {
    id: "op.ordinary_shares_outstanding",
    label: "Outstanding ordinary shares",
    section: "Share capital",
    kind: "shares",
    unit: "shares",
    sign: "positive",
  },
  {
    id: "fx.rmb_per_usd",
    label: "Convenience translation rate (RMB per US$1.00)",
    section: "Exchange rate",
    kind: "rate",
    unit: "RMB_per_USD",
    sign: "positive",
  },
];

/**
 * Figures of the text: item, period, currency, basis, unit, value, row, line, as printed. A change
 * is signed by its verb ("narrowed by 29.1%" is -29.1); a cost the text states as a magnitude is
 * signed as the income statement signs costs ("RMB911.1 million" of IDC costs is -911.1);
 * "US$392.01 million" is US$392.0 million with footnote 1 printed glued to it.
 */
// prettier-ignore
const PROSE: [string, string, Currency | null, Fact["basis"], PrintedUnit, string, string, number, string][] = [
  ["revenue.total", "2026Q1", null, "yoy", "percent", "37.2", "Total Revenues", 13, "increased by 37.2%"],
  ["revenue.total", "2026Q1", null, "qoq", "percent", "-2.1", "Total Revenues", 13, "decreased by 2.1%"],
  ["revenue.total", "2026Q1", "RMB", "level", "millions", "2703.7", "Total Revenues", 13, "RMB2,703.7 million"],
  ["revenue.total", "2026Q1", "USD", "level", "millions", "392.0", "Total Revenues", 13, "US$392.01 million"],
  ["is.operating_loss", "2026Q1", null, "yoy", "percent", "-29.1", "Operating loss", 34, "narrowed by 29.1%"],
  ["is.operating_loss", "2026Q1", null, "qoq", "percent", "150.0", "Operating loss", 34, "increased by 150.0%"],
  ["is.cor.idc", "2026Q1", null, "yoy", "percent", "26.1", "IDC costs", 20, "increased by 26.1%"],
  ["is.cor.idc", "2025Q1", "RMB", "level", "millions", "-722.8", "IDC costs", 20, "RMB722.8 million"],
  ["is.cor.idc", "2026Q1", "RMB", "level", "millions", "-911.1", "IDC costs", 20, "RMB911.1 million"],
  ["is.cor.idc", "2026Q1", "USD", "level", "millions", "-132.1", "IDC costs", 20, "US$132.1 million"],
  ["op.ai_gross_billing", "2026Q1", null, "yoy", "percent", "90", "gross billing of AI business", 7, "grew 90%"],
  ["op.capex_and_leased_assets", "2026Q1", "RMB", "level", "billions", "3", "capital expenditures and leased assets obtained in combination", 9, "RMB3 billion"],
  ["op.ordinary_shares_outstanding", "2026-03-31", null, "level", "shares", "4490544972", "Outstanding ordinary shares", 51, "4,490,544,972"],
  ["fx.rmb_per_usd", "2026-03-31", null, "level", "RMB_per_USD", "6.8980", "RMB to US$1.00", 19, "RMB6.8980 to US$1.00"],
];

export function sampleDataset(): Dataset {
  const items: Item[] = [];
  const facts: Fact[] = [];
  for (const [tableId, lines] of ROWS) {
    const table = TABLES.find((t) => t.id === tableId) as TableInfo;
    for (const line of lines) {
      items.push({
        id: line.id,
        label: line.label,
        statement: table.statement,
        table: table.id,
        section: line.section ?? null,
        heading: line.heading ?? null,
        kind: line.kind ?? "amount",
        unit: line.unit ?? "thousands",
        sign: line.sign ?? "positive",
        source: "table",
        order: items.length,
      });
      line.figures.forEach(([printed, at], k) => {
        const col = table.columns[k];
        facts.push({
          item: line.id,
          period: col.period,
          currency: col.currency,
          value: decimal(printed),
          unit: line.unit ?? (printed.endsWith("%") ? "percent" : "thousands"),
          basis: "level",
          source: "table",
          ...(printed === "-" ? { nil: true as const } : {}),
          prov: {
            release: RELEASE,
            table: table.id,
            row: line.row ?? line.label,
            column: col.header,
            line: at,
            printed,
          },
        });
      });
    }
  }
  for (const line of PROSE_LINES) {
    items.push({
      ...line,
      statement: "operating" as StatementId,
      table: null,
      heading: null,
      source: "prose",
      order: items.length,
    });
  }
  for (const [item, period, currency, basis, unit, value, row, at, printed] of PROSE) {
    facts.push({
      item,
      period,
      currency,
      value,
      unit,
      basis,
      source: "prose",
      prov: {
        release: RELEASE,
        row,
        line: at,
        printed,
        ...(printed === "US$392.01 million" ? { footnote: 1 } : {}),
      },
    });
  }
  return {
    format: 1,
    version: "2026Q1-sample",
    company: { name: "Kingsoft Cloud Holdings Limited", nasdaq: "KC", hkex: "3896" },
    latestQuarter: "2026Q1",
    sources: [{ release: RELEASE, file: SAMPLE_FILE, sha256: "0".repeat(64), lines: 1345 }],
    fx: { rmbPerUsd: "6.8980", date: "2026-03-31", release: RELEASE, line: 19 },
    periods: [
      { id: "2025Q1", kind: "quarter", end: "2025-03-31" },
      { id: "2025-12-31", kind: "instant", end: "2025-12-31" },
      { id: "2025Q4", kind: "quarter", end: "2025-12-31" },
      { id: "2026-03-31", kind: "instant", end: "2026-03-31" },
      { id: "2026Q1", kind: "quarter", end: "2026-03-31" },
    ],
    tables: JSON.parse(JSON.stringify(TABLES)) as TableInfo[],
    items,
    facts,
  };
}
