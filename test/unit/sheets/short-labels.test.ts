import { LABEL_LIMIT, printedLabel, shortLabel } from "../../../src/sheets/short-labels";
import { Financials } from "../../../src/core/financials";
import { bundledDataset } from "../../../src/data/load";
import { buildModel } from "../../../src/sheets/model";
import { DEFAULT_OPTIONS } from "../../../src/sheets/types";

test("a long printed label shows in at most 40 characters, and reads back to the release's wording", () => {
  const printed = "Net loss attributable to Kingsoft Cloud Holdings Limited";
  const short = shortLabel(printed);
  expect(short).toBe("Net loss attributable to shareholders");
  expect(short.length).toBeLessThanOrEqual(LABEL_LIMIT);
  expect(printedLabel(short)).toBe(printed);
});

test("a label short enough already is shown as printed, and is no short form", () => {
  expect(shortLabel("Total revenues")).toBe("Total revenues");
  expect(printedLabel("Total revenues")).toBeUndefined();
});

test("every short form is within the limit and stands for one printed label only", () => {
  const printed = [
    "Less: net (loss) profit attributable to non-controlling interests",
    "Adjusted EBITDA (Non-GAAP Financial Measure)",
    "Excluding gain on disposal of property and equipment, normalized Adjusted EBITDA",
    "Net cash (used in) generated from operating activities",
    "Total liabilities, non-controlling interests and shareholders’ equity",
  ];
  for (const p of printed) {
    expect(shortLabel(p).length).toBeLessThanOrEqual(LABEL_LIMIT);
    expect(printedLabel(shortLabel(p))).toBe(p);
  }
});

test("on every tab of the model, a shortened label's note is what its short form reads back to", () => {
  const model = buildModel(new Financials(bundledDataset()), DEFAULT_OPTIONS);
  const noted = model.plans.flatMap((p) =>
    p.cells.filter((c) => c.col === 0 && c.note !== undefined)
  );
  expect(noted.length).toBeGreaterThan(30);
  expect(noted.filter((c) => printedLabel(String(c.value)) !== c.note)).toEqual([]);
});
