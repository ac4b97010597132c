import { Financials } from "../../../src/core/financials";
import { KcFormulas } from "../../../src/core/formulas";
import { bundledDataset } from "../../../src/data/load";
import { buildModel } from "../../../src/sheets/model";
import type { ModelOptions } from "../../../src/sheets/types";
import { DEFAULT_OPTIONS } from "../../../src/sheets/types";
import { MARK, insertModel, refreshModel } from "../../../src/taskpane/writer";
import { FakeExcel } from "../../helpers/fake-excel";
import { nextQuarterDataset } from "../../helpers/next-quarter";
import { tabView } from "../../helpers/plan-view";

/**
 * The writer and the analyst's estimates, on the fake workbook whose formulas live in
 * HyperFormula: an input typed survives every refresh and moves what stands on it; a release that
 * brings an estimated quarter (SYNTHETIC 2Q26, test/helpers/next-quarter.ts) turns that column into
 * the actual where it stands, and the estimate it held stays beside the actual.
 */

const fin = new Financials(bundledDataset());
const nextFin = new Financials(nextQuarterDataset(bundledDataset()));
const model = buildModel(fin, DEFAULT_OPTIONS);
const rebuild = (o: ModelOptions) => buildModel(fin, o);
const rebuildNext = (o: ModelOptions) => buildModel(nextFin, o);
const est = tabView(model, "estimates");
const TAB = "KC Estimates";
const row = (label: string) => est.row(label);

/** Makes every model tab look built from an older dataset, so that a refresh writes in place. */
function olderDataset(fake: FakeExcel): void {
  for (const s of fake.sheets)
    if (s.props.has(MARK)) {
      const mark = JSON.parse(s.props.get(MARK) as string) as Record<string, unknown>;
      s.props.set(MARK, JSON.stringify({ ...mark, version: "2025Q4-0000000000" }));
    }
}

/** The analyst types into a cell of KC Estimates (row as printed, 0-based column). */
function type(fake: FakeExcel, address: string, cell: { value?: unknown; formula?: string }) {
  const m = /^([A-Z])(\d+)$/.exec(address)!;
  fake.sheet(TAB)!.cells.set(`${Number(m[2]) - 1},${m[1].charCodeAt(0) - 65}`, cell);
}

test("an input typed stays through a refresh, and the estimates standing on it move", async () => {
  const fake = new FakeExcel();
  await insertModel(model, undefined, fake.api);
  const kc = new KcFormulas(fin);
  const shown = (address: string) => fake.evaluate(TAB, address, kc) as number;
  const g = row("Public cloud growth, QoQ");
  const gm = row("Gross margin");
  const publicH = `H${row("Public cloud services")}`;
  const startH = shown(publicH);
  // 3Q26E: public cloud growth typed; 4Q26E: a gross margin of the analyst's own formula.
  type(fake, `H${g}`, { value: 0.3 });
  type(fake, `I${gm}`, { formula: `=H${gm}+0.01`, value: 0.138 });
  // 2Q26E's growth cleared: nothing typed there, so the write puts the start back.
  fake.sheet(TAB)!.cells.delete(`${g - 1},6`);
  olderDataset(fake);
  const report = await refreshModel(rebuild, undefined, fake.api);
  expect(report.tabs.find((t) => t.tab === "estimates")).toMatchObject({ inPlace: true });
  expect(fake.cell(TAB, `H${g}`)).toEqual({ value: 0.3 });
  expect(fake.cell(TAB, `I${gm}`)).toEqual({ formula: `=H${gm}+0.01`, value: 0.138 });
  // A driver cleared is the plan's starting value again.
  expect(fake.cell(TAB, `G${g}`)?.value).toBe(0.102);
  // 3Q26E's public cloud: 2Q26E's grown 30% now, not 10.2%.
  expect(shown(publicH)).toBeCloseTo((startH / 1.102) * 1.3, 6);
  expect(shown(`I${row("Cost of revenues")}`)).toBeCloseTo(
    (0.128 + 0.01 - 1) * shown(`I${row("Total revenues")}`),
    6
  );
  expect(report.failing).toBe(0);
});

test("the next quarter: its estimate column becomes the actual in place, later inputs stay, the estimate is kept", async () => {
  const fake = new FakeExcel();
  await insertModel(model, undefined, fake.api);
  const kc = new KcFormulas(fin);
  const revenue = row("Total revenues");
  const g = row("Public cloud growth, QoQ");
  const gm = row("Gross margin");
  // The analyst's own sheet: 2Q26E's revenue and 3Q26E's.
  fake.addSheet({
    name: "Analyst",
    cells: {
      A1: { formula: `='KC Estimates'!G${revenue}` },
      A2: { formula: `='KC Estimates'!H${revenue}` },
    },
  });
  type(fake, `G${g}`, { value: 0.08 });
  type(fake, `H${g}`, { value: 0.05 });
  type(fake, `J${gm}`, { value: 0.2 });
  // What Excel shows in the estimate-against-actual block before the release comes.
  const held = ["Revenues", "Gross profit", "Adj. EBITDA", "Adj. net loss"].map((l) =>
    row(`${l}, estimate held`)
  );
  const estimates = fake.evaluateAll(
    held.map((r): [string, string] => [TAB, `G${r}`]),
    kc
  ) as number[];
  held.forEach((r, k) => (fake.sheet(TAB)!.cells.get(`${r - 1},6`)!.value = estimates[k]));
  expect(estimates[0]).toBeCloseTo(1996301 * 1.08 + 707431 * 1.035, 6);
  expect(fake.evaluate("Analyst", "A1", kc)).toBeCloseTo(estimates[0], 6);

  await refreshModel(rebuildNext, undefined, fake.api);
  const next = new KcFormulas(nextFin);
  const shown = (address: string) => fake.evaluate(TAB, address, next);
  expect(["G4", "H4", "J4", "K4", "L4"].map((a) => fake.cell(TAB, a)?.value)).toEqual([
    "2Q26",
    "3Q26E",
    "1Q27E",
    "2Q27E",
    "FY2025",
  ]);
  // The analyst's link to 2Q26E now shows 2Q26's actual (SYNTHETIC: Q1 2025's figures again).
  expect(fake.cell("Analyst", "A1")?.formula).toBe(`='KC Estimates'!G${revenue}`);
  expect(fake.evaluate("Analyst", "A1", next)).toBe(1969977);
  expect(fake.cell(TAB, `G${row("Public cloud services")}`)?.formula).toMatch(
    /^='KC Income Statement'!G\d+$/
  );
  // The column's drivers are the actual's now; the inputs of later columns stay as typed.
  expect(fake.cell(TAB, `G${g}`)?.formula).toMatch(/^=IF\(/);
  expect(fake.cell(TAB, `H${g}`)).toEqual({ value: 0.05 });
  expect(fake.cell(TAB, `J${gm}`)).toEqual({ value: 0.2 });
  // 3Q26E grows from the actual by the 5% typed; the analyst's link to it follows.
  expect(fake.evaluate("Analyst", "A2", next)).toBeCloseTo(
    1353479 * 1.05 + 616498 * (1 + (shown(`H${row("Enterprise cloud growth, QoQ")}`) as number)),
    6
  );
  // 2Q27E is new: its drivers start from 2Q26, the latest actual now.
  expect(fake.cell(TAB, `K${gm}`)?.value).toBe(0.162);
  // The estimate 2Q26E held, as a figure, and the beat or miss against the actual.
  held.forEach((r, k) => {
    expect(fake.cell(TAB, `G${r}`)?.formula).toBeUndefined();
    expect(fake.cell(TAB, `G${r}`)?.value).toBe(estimates[k]);
  });
  expect(shown(`G${row("Revenues, beat (miss)")}`)).toBeCloseTo(1969977 - estimates[0], 6);
  // Checks of the new actual column tie to the statements.
  const checks = ["Revenues", "Adj. EBITDA"].map((l) => shown(`G${row(l)}`));
  expect(checks).toEqual([0, 0]);

  // The names follow: a line's range takes in 2Q27E, KC Valuation's stay where they were.
  expect(fake.names.get("KC_EST_Total_revenues")).toBe(
    `='KC Estimates'!$B$${revenue}:$K$${revenue}`
  );
  expect(fake.names.get("KC_VAL_EV")).toBe(
    `='KC Valuation'!$B$${tabView(model, "valuation").row("Enterprise value")}`
  );

  // A later write keeps the estimate held as it is.
  olderDataset(fake);
  await refreshModel(rebuildNext, undefined, fake.api);
  expect(fake.cell(TAB, `G${held[0]}`)?.value).toBe(estimates[0]);
  expect(fake.cell(TAB, `H${g}`)).toEqual({ value: 0.05 });
});

test("a tab written where no estimate was held says so: n.a. with its note, and the beat or miss too", async () => {
  const fake = new FakeExcel();
  await insertModel(buildModel(nextFin, DEFAULT_OPTIONS), undefined, fake.api);
  const r = row("Revenues, estimate held");
  expect(fake.cell(TAB, `G${r}`)?.value).toBe("n.a.");
  expect(fake.evaluate(TAB, `G${row("Revenues, beat (miss)")}`, new KcFormulas(nextFin))).toBe(
    "n.a."
  );
});

test("the README's formulas by name: EV over 2Q26E's adjusted EBITDA and over the next four quarters'", async () => {
  const fake = new FakeExcel();
  await insertModel(model, undefined, fake.api);
  const val = tabView(model, "valuation");
  fake.sheet("KC Valuation")!.cells.set(`${val.row("Share price per ADS (US$)") - 1},1`, {
    value: 10,
  });
  fake.addSheet({
    name: "Analyst",
    cells: {
      A1: { formula: "=KC_VAL_EV/INDEX(KC_EST_Adjusted_EBITDA,1,6)" },
      A2: { formula: "=KC_VAL_EV/SUM('KC Estimates'!G36:J36)" },
    },
  });
  const kc = new KcFormulas(fin);
  const ev = (10 * 6.898 * 299369665) / 1000 + 6883852 - 4903797;
  const ebitda = row("Adjusted EBITDA");
  expect(ebitda).toBe(36);
  const quarters = fake.evaluateAll(
    ["G", "H", "I", "J"].map((c): [string, string] => [TAB, `${c}${ebitda}`]),
    kc
  ) as number[];
  expect(fake.evaluate("Analyst", "A1", kc)).toBeCloseTo(ev / quarters[0], 9);
  expect(fake.evaluate("Analyst", "A2", kc)).toBeCloseTo(
    ev / quarters.reduce((s, x) => s + x, 0),
    9
  );
});

test("inputs kept through a change of unit are said to be in the unit they were typed in", async () => {
  const fake = new FakeExcel();
  await insertModel(model, undefined, fake.api);
  type(fake, `G${row("Share-based compensation")}`, { value: 70000 });
  const report = await insertModel(
    buildModel(fin, { ...DEFAULT_OPTIONS, unit: "millions" }),
    undefined,
    fake.api
  );
  expect(fake.cell(TAB, `G${row("Share-based compensation")}`)).toEqual({ value: 70000 });
  // The amounts only: the rate and the ratios typed mean the same in any unit.
  expect(report.warnings).toHaveLength(1);
  expect(report.warnings[0]).toMatch(
    /^"KC Estimates": 20 amount inputs were kept as they stood, in thousands \(at G25, H25, I25, \.\.\.\); the tab is in millions now: divide them by 1,000, or clear them to start again from the latest quarter\.$/
  );
});
