import type { Fact } from "../../../src/domain/dataset";
import {
  LOG_COLUMNS,
  LogEntry,
  cellValue,
  localText,
  logHeader,
  logRows,
  releaseSummary,
  sourceText,
  utcText,
} from "../../../src/sheets/log-entries";
import { FakeExcel } from "../../helpers/fake-excel";
import { HOSTILE_TEXTS as HOSTILE } from "../../helpers/hostile";

function fact(release: string, value: string, printed: string, line: number, row: string): Fact {
  return {
    item: "revenue.public",
    period: "2026Q1",
    currency: "RMB",
    value,
    unit: "thousands",
    basis: "level",
    source: "table",
    prov: { release, row, line, printed, table: "income" },
  };
}

const AT = new Date("2026-05-20T08:31:02.456Z");

const added: LogEntry = {
  at: AT,
  action: "release added",
  releases: ["2026Q2"],
  source: { kind: "pasted HTML" },
  summary: releaseSummary("2026Q2", 412, 1),
  restatements: [
    {
      held: fact("2026Q1", "-1651671", "(1,651,671)", 120, "Public cloud services"),
      now: fact("2026Q2", "-1650002", "(1,650,002)", 88, "Public cloud services"),
    },
  ],
};

const col = (key: (typeof LOG_COLUMNS)[number]["key"]) =>
  LOG_COLUMNS.findIndex((c) => c.key === key);

test("the header names every column once; the last is the analyst's and never written", () => {
  const header = logHeader().map((c) => (c && "text" in c ? c.text : null));
  expect(new Set(header).size).toBe(LOG_COLUMNS.length);
  expect(header.at(-1)).toBe("Your notes");
  for (const r of logRows([added])) expect(r[col("notes")]).toBeNull();
});

test("times: ISO 8601 in UTC, and the analyst's wall clock with its offset", () => {
  expect(utcText(AT)).toBe("2026-05-20T08:31:02Z");
  expect(localText(AT, 480)).toBe("2026-05-20 16:31:02 (UTC+08:00)");
  expect(localText(AT, -570)).toBe("2026-05-19 23:01:02 (UTC-09:30)");
  expect(localText(AT, 0)).toBe("2026-05-20 08:31:02 (UTC+00:00)");
});

test("sources read as the analyst took the figures", () => {
  expect(sourceText({ kind: "bundled", dataset: "2026Q1-0123456789" })).toBe(
    "bundled with the add-in, dataset 2026Q1-0123456789"
  );
  expect(sourceText({ kind: "pasted HTML" })).toBe("pasted HTML");
  expect(sourceText({ kind: "pasted text" })).toBe("pasted text");
  expect(sourceText({ kind: "file", name: "kc-2q26.htm" })).toBe("file kc-2q26.htm");
});

test("a release added is one row, then one row per accepted restatement", () => {
  const rows = logRows([added], () => 480);
  expect(rows).toHaveLength(2);
  const [head, restated] = rows;
  expect(head.slice(0, 6)).toEqual([
    { text: "2026-05-20T08:31:02Z" },
    { text: "2026-05-20 16:31:02 (UTC+08:00)" },
    { text: "release added" },
    { text: "2Q26" },
    { text: "pasted HTML" },
    { text: "2Q26 added: 412 figures, 1 restatement accepted" },
  ]);
  expect(head.slice(6).every((c) => c === null)).toBe(true);
  expect(restated[col("what")]).toEqual({ text: "restatement accepted" });
  expect(restated[col("item")]).toEqual({ text: "Public cloud services" });
  expect(restated[col("period")]).toEqual({ text: "2026Q1 RMB" });
  expect(restated[col("held")]).toEqual({ number: -1651671 });
  expect(restated[col("heldFrom")]).toEqual({ text: "release 1Q26, line 120" });
  expect(restated[col("new")]).toEqual({ number: -1650002 });
  expect(restated[col("newFrom")]).toEqual({ text: "release 2Q26, line 88" });
  expect(restated[col("changed")]).toEqual({
    text: "(1,651,671) (1Q26) restated as (1,650,002) (2Q26)",
  });
});

test("summaries count in words", () => {
  expect(releaseSummary("2026Q2", 412, 3)).toBe("2Q26 added: 412 figures, 3 restatements accepted");
  expect(releaseSummary("2026Q2", 1, 0)).toBe("2Q26 added: 1 figure");
});

test("several releases are listed in one cell, as analysts name quarters", () => {
  const [r] = logRows([
    {
      at: AT,
      action: "model refreshed",
      releases: ["2025Q1", "2025Q4", "2026Q1"],
      source: { kind: "bundled", dataset: "2026Q1-0123456789" },
      summary: "7 tabs, 1 column inserted in each",
    },
  ]);
  expect(r[col("releases")]).toEqual({ text: "1Q25, 4Q25, 1Q26" });
});

test("every text is written behind Excel's text prefix; numbers as numbers; nothing is a formula", async () => {
  const hostile = HOSTILE.map((label, k) => ({
    held: fact("2026Q1", "1", label, k, label),
    now: fact("2026Q2", "2", label, k, label),
  }));
  const rows = logRows([
    { ...added, source: { kind: "file", name: "=cmd|'/C calc'!A0.htm" }, restatements: hostile },
  ]);
  const written = rows.flat().map((c) => [c, cellValue(c)] as const);
  const expected = rows
    .flat()
    .map((c) => [c, c === null ? null : "number" in c ? c.number : `'${c.text}`] as const);
  expect(written).toEqual(expected);
  // What Excel makes of them, as the fake workbook reads what is typed (see fake-excel.ts).
  const fake = new FakeExcel([{ name: "Log" }]);
  const values = rows.map((r) => r.map(cellValue));
  await fake.api.run(async (context) => {
    context.workbook.worksheets.getItem("Log").getRange(`A1:M${values.length}`).values =
      values as string[][];
    await context.sync();
  });
  const sheet = fake.sheet("Log")!;
  for (const cell of sheet.cells.values()) expect(cell.formula).toBeUndefined();
  HOSTILE.forEach((label, k) => {
    expect(sheet.cells.get(`${k + 1},${col("item")}`)?.value).toBe(label);
    expect(sheet.cells.get(`${k + 1},${col("changed")}`)?.value).toBe(
      `${label} (1Q26) restated as ${label} (2Q26)`
    );
  });
  expect(sheet.cells.get(`0,${col("from")}`)?.value).toBe("file =cmd|'/C calc'!A0.htm");
});

test("without the prefix the fake reads such a label as a formula: the test above can fail", async () => {
  const fake = new FakeExcel([{ name: "Log" }]);
  await fake.api.run(async (context) => {
    context.workbook.worksheets.getItem("Log").getRange("A1:B1").values = [[HOSTILE[0], "-2"]];
    await context.sync();
  });
  expect(fake.cell("Log", "A1")?.formula).toBe(HOSTILE[0]);
  expect(fake.cell("Log", "B1")?.value).toBe(-2);
});
