import { KcFormulas } from "../../../src/core/formulas";
import { bundledDataset } from "../../../src/data/load";
import { kcInUse } from "../../../src/functions/dataset-in-use";

/** What the KC functions answer from in Excel: the bundled dataset, loaded once and shared. */

test("one instance, made on first use and shared by every caller", () => {
  const k = kcInUse();
  expect(k).toBeInstanceOf(KcFormulas);
  expect(kcInUse()).toBe(k);
});

test("over the dataset bundled with the add-in", () => {
  const k = kcInUse();
  expect(k.fin.dataset).toBe(bundledDataset());
  // Total revenues, three months ended Mar 31, 2026, RMB thousands, as the release prints it.
  expect(k.fin.value("revenue.total", "2026Q1").value.toString()).toBe("2703732");
  expect(k.rateExplained().value.toString()).toBe("6.898");
});
