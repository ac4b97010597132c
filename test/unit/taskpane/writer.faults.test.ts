import { TAB_TITLES } from "../../helpers/expected";
import { Financials } from "../../../src/core/financials";
import { bundledDataset } from "../../../src/data/load";
import { buildModel } from "../../../src/sheets/model";
import type { ModelOptions } from "../../../src/sheets/types";
import { DEFAULT_OPTIONS } from "../../../src/sheets/types";
import { insertModel, refreshModel } from "../../../src/taskpane/writer";
import { FakeExcel } from "../../helpers/fake-excel";
import { nextQuarterDataset } from "../../helpers/next-quarter";

/**
 * The writer's faults beyond one failing sync (swept for every action in
 * write-actions.faults.test.ts): every sync failing once the write has begun, and a sheet someone
 * else makes meanwhile.
 */

const fin = new Financials(bundledDataset());
const nextFin = new Financials(nextQuarterDataset(bundledDataset()));
const models = new Map<string, ReturnType<typeof buildModel>>();
function model(options: Partial<ModelOptions> = {}, f = fin) {
  const o = { ...DEFAULT_OPTIONS, ...options };
  const key = JSON.stringify([o, f === fin]);
  if (!models.has(key)) models.set(key, buildModel(f, o));
  return models.get(key) as ReturnType<typeof buildModel>;
}
const rebuildNext = (o: ModelOptions) => model(o, nextFin);

/** A built model with the user's own sheet between two tabs, a note and a link to a tab. */
async function built(options: Partial<ModelOptions> = {}): Promise<FakeExcel> {
  const fake = new FakeExcel([{ name: "Notes", cells: { A1: "my notes" } }]);
  await insertModel(model(options), undefined, fake.api);
  const mine = fake.addSheet({
    name: "Mine",
    cells: { B2: 7, B3: { formula: "='KC Income Statement'!F6*2" } },
  });
  fake.sheets.splice(fake.sheets.indexOf(mine), 1);
  fake.sheets.splice(2, 0, mine);
  fake.sheet("KC Income Statement")!.cells.set("4,2", { value: "ask IR" });
  return fake;
}

describe("when finishing fails too", () => {
  test("every sync after the failure fails: the message names the tabs and says to close without saving", async () => {
    const fake = await built();
    const start = fake.syncs;
    for (let n = start + 2; n <= start + 12; n++) fake.failAt(n, 1);
    const error = await refreshModel(rebuildNext, undefined, fake.api).then(
      () => "",
      (e: Error) => e.message
    );
    expect(error).toBe(
      `Writing the tabs failed (Simulated failure during sync), and finishing it failed too (Simulated failure during sync). ${TAB_TITLES.map((t) => `"${t}"`).join(", ")} may be partly written: close the workbook without saving to keep it as it was, then try again.`
    );
  });
});

describe("the recovery deletes only sheets it created, by id", () => {
  afterEach(() => jest.restoreAllMocks());

  test("a sheet someone else creates meanwhile under a tab's name is left alone", async () => {
    const fake = new FakeExcel([{ name: "Sheet1" }]);
    fake.failAt(2, 0);
    fake.onSync = (n) => {
      if (n === 3) fake.addSheet({ name: "KC Income Statement", cells: { A1: "theirs" } });
    };
    await expect(insertModel(model(), undefined, fake.api)).rejects.toThrow(
      'Writing the tabs failed (Simulated failure during sync); it was undone, except: "KC Income Statement", a sheet that appeared during the attempt without the add-in\'s mark (left alone)'
    );
    expect(fake.cell("KC Income Statement", "A1")).toEqual({ value: "theirs" });
    expect(fake.sheets.map((s) => s.name)).toEqual(["Sheet1", "KC Income Statement"]);
  });
});
