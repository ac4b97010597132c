import { syntheticDataset } from "../../../bench/synthetic-dataset";
import { Financials } from "../../../src/core/financials";
import { KcFormulas } from "../../../src/core/formulas";
import { ingestRelease } from "../../../src/data/ingest/ingest";
import { bundledDataset } from "../../../src/data/load";
import { STORED_NAMESPACE, releasesMissing, releasesOf, storedXml } from "../../../src/data/stored";
import type { Dataset } from "../../../src/domain/dataset";
import type { ExcelApi } from "../../../src/taskpane/writer";
import { FakeExcel } from "../../helpers/fake-excel";
import { release } from "../../helpers/release";
import {
  SyntheticRelease,
  fourthQuarterRelease,
  nextQuarterRelease,
} from "../../helpers/synthetic-releases";

/**
 * The workbook's stored releases in Excel, on the fake workbook (office-addin-mock, batches as
 * Office.js runs them), and what the KC functions then answer, computed by HyperFormula.
 */

type InUseModule = typeof import("../../../src/functions/dataset-in-use");
type DataModule = typeof import("../../../src/taskpane/workbook-data");

/** The pane's modules afresh (what the functions answer from is the page's state), in Excel. */
function fresh(): { inUse: InUseModule; data: DataModule } {
  let inUse: InUseModule | undefined;
  let data: DataModule | undefined;
  jest.isolateModules(() => {
    inUse = require("../../../src/functions/dataset-in-use");
    data = require("../../../src/taskpane/workbook-data");
  });
  return { inUse: inUse as InUseModule, data: data as DataModule };
}

const g = globalThis as { Office?: unknown };
/** Office.js as an Excel that offers these API sets reports itself. */
function inExcel(api = "1.5"): void {
  g.Office = {
    onReady: () => Promise.resolve({ host: "Excel" }),
    HostType: { Excel: "Excel" },
    context: {
      requirements: {
        isSetSupported: (set: string, version: string) =>
          set === "ExcelApi" && Number(version) <= Number(api),
      },
    },
  };
}
afterEach(() => delete g.Office);

const bundled = bundledDataset();
/** SYNTHETIC (bench/synthetic-dataset.ts, never data): releases 2025Q4 and 2026Q1. */
const two = syntheticDataset(bundled, 2);

const read = (api: ExcelApi, data: DataModule) => api.run((ctx) => data.readWorkbookData(ctx));

async function store(fake: FakeExcel, data: DataModule, ds: Dataset): Promise<void> {
  const held = await read(fake.api, data);
  await fake.api.run(async (ctx) => {
    data.queueStoreData(ctx, ds, held);
    await ctx.sync();
  });
}

describe("reading", () => {
  test("a workbook without stored releases: one round trip, nothing held", async () => {
    const { data } = fresh();
    const fake = new FakeExcel([{ name: "Sheet1" }]);
    expect(await read(fake.api, data)).toEqual({ parts: [] });
    expect(fake.syncs).toBe(1);
  });

  test("stored releases: two round trips, the dataset held, every identity proved again", async () => {
    const { data } = fresh();
    const fake = new FakeExcel([{ name: "Sheet1" }]);
    const part = fake.addXmlPart(storedXml(two, 5));
    const got = await read(fake.api, data);
    expect(fake.syncs).toBe(2);
    expect(got.parts).toEqual([part.id]);
    expect(got.stored).toMatchObject({ kind: "held", generation: 5 });
    expect(got.stored?.kind === "held" && releasesOf(got.stored.dataset)).toEqual([
      "2025Q4",
      "2026Q1",
    ]);
  });

  test("parts of other namespaces are not ours and not read", async () => {
    const { data } = fresh();
    const fake = new FakeExcel([{ name: "Sheet1" }]);
    fake.addXmlPart(`<other xmlns="urn:someone-else"><x/></other>`);
    expect(await read(fake.api, data)).toEqual({ parts: [] });
  });
});

describe("storing", () => {
  test("the new part replaces the old, in the caller's batch, with no sync of its own", async () => {
    const { data } = fresh();
    const fake = new FakeExcel([{ name: "Sheet1" }]);
    const other = fake.addXmlPart(`<other xmlns="urn:someone-else"/>`);
    await store(fake, data, bundled);
    await store(fake, data, two);
    expect(fake.xmlParts.map((p) => p.namespace)).toEqual(["urn:someone-else", STORED_NAMESPACE]);
    expect(fake.xmlParts[0]).toBe(other);
    const got = await read(fake.api, data);
    expect(got.stored).toMatchObject({ kind: "held", generation: 2 });
    expect(got.stored?.kind === "held" && got.stored.dataset.version).toBe(two.version);
    const queued = await fake.api.run(async (ctx) => {
      const before = fake.syncs;
      const after = data.queueStoreData(ctx, bundled, got);
      expect(fake.syncs).toBe(before);
      await ctx.sync();
      return after();
    });
    expect(queued).toEqual({
      parts: [fake.xmlParts[1].id],
      stored: { kind: "held", dataset: bundled, generation: 3 },
    });
  });

  test("a sync that fails anywhere in the store leaves a whole dataset: the old, or the new", async () => {
    // The store's batch: add the part, load its id, get the old one, delete it.
    for (let after = 0; after <= 4; after++) {
      const { data } = fresh();
      const fake = new FakeExcel([{ name: "Sheet1" }]);
      await store(fake, data, bundled);
      const held = await read(fake.api, data);
      fake.failAt(fake.syncs + 1, after);
      await expect(
        fake.api.run(async (ctx) => {
          data.queueStoreData(ctx, two, held);
          await ctx.sync();
        })
      ).rejects.toThrow(/Simulated failure/);
      const now = await read(fake.api, data);
      expect(now.stored?.kind).toBe("held");
      const version = now.stored?.kind === "held" ? now.stored.dataset.version : "";
      // The old part stays unless the whole batch ran (and only its answer was lost).
      expect(fake.xmlParts.some((p) => p.id === held.parts[0])).toBe(after < 4);
      expect(version).toBe(after === 0 ? bundled.version : two.version);
    }
  });

  test("a dataset too large to store queues nothing", async () => {
    const { data } = fresh();
    const fake = new FakeExcel([{ name: "Sheet1" }]);
    const huge: Dataset = { ...bundled, facts: bundled.facts.map((f) => ({ ...f })) };
    huge.facts[0].prov = { ...huge.facts[0].prov, row: "x".repeat(1_000_001) };
    await fake.api.run(async (ctx) => {
      // By its message: the modules are fresh, and so is the error's class.
      expect(() => data.queueStoreData(ctx, huge, { parts: [] })).toThrow(/Keep fewer releases/);
      await ctx.sync();
    });
    expect(fake.batches.at(-1)?.operations).toBe(0);
    expect(fake.xmlParts).toEqual([]);
  });
});

describe("on startup", () => {
  test("a refused (tampered) stored dataset: the bundled dataset answers, and the pane says why", async () => {
    inExcel();
    const { inUse, data } = fresh();
    const fake = new FakeExcel([{ name: "Sheet1" }]);
    const part = fake.addXmlPart(storedXml(two));
    // A figure edited in the part (the packed values are one text, a line each): 2,703,732
    // (revenues of 2026Q1, RMB thousands) made one more wherever it stands.
    part.xml = part.xml.replace("\\n2703732\\n", "\\n2703733\\n");
    expect(part.xml).toContain("\\n2703733\\n");
    const early = inUse.answer((k) => k.fin.value("revenue.total", "2025Q1").value.toNumber());
    const now = await data.answerFromWorkbook(fake.api);
    expect(now.origin).toBe("bundled");
    expect(now.problems[0]).toMatch(
      /identit(y does|ies do) not hold in the workbook's stored data/
    );
    expect(now.problems.join("\n")).toMatch(/2703733|2703732/);
    await expect(early).resolves.toBe(1969977);
  });

  test("an Excel without custom XML parts: the bundled dataset, saying why", async () => {
    inExcel("1.4");
    const { data } = fresh();
    const now = await data.answerFromWorkbook(new FakeExcel().api);
    expect(now.origin).toBe("bundled");
    expect(now.problems).toEqual([expect.stringMatching(/Excel JavaScript API 1\.5/)]);
  });

  test("a read that Excel fails: the bundled dataset, saying why", async () => {
    inExcel();
    const { data } = fresh();
    const fake = new FakeExcel();
    fake.failAt(1, 0);
    const now = await data.answerFromWorkbook(fake.api);
    expect(now).toMatchObject({ origin: "bundled" });
    expect(now.problems[0]).toMatch(/could not be read \(Simulated failure during sync\)/);
  });
});

function ingest(r: SyntheticRelease, base: Dataset): Dataset {
  return ingestRelease(Buffer.from(r.text, "utf8"), r.file, { base }).dataset;
}

release.test(
  "a workbook carrying two releases, opened by an add-in that bundles three, answers from its two",
  async () => {
    inExcel();
    // SYNTHETIC later releases (test/helpers/synthetic-releases.ts), ingested as kc ingest does.
    const workbookReleases = ingest(nextQuarterRelease(), bundled);
    const addInReleases = ingest(fourthQuarterRelease(), workbookReleases);
    expect(releasesOf(workbookReleases)).toEqual(["2026Q1", "2026Q2"]);
    expect(releasesMissing(workbookReleases, addInReleases)).toEqual(["2026Q4"]);

    const { inUse, data } = fresh();
    const fake = new FakeExcel([
      {
        name: "Analyst",
        cells: {
          A1: { formula: '=KC.VALUE("cf.cash_end","LQ")' },
          A2: { formula: '=KC.VALUE("revenue.total","2026Q2")' },
          A3: { formula: '=KC.VALUE("revenue.total","2026Q4")' },
        },
      },
    ]);
    await store(fake, data, workbookReleases);

    // Opened elsewhere: the add-in reads the workbook's releases before answering.
    const now = await data.answerFromWorkbook(fake.api);
    expect(now.origin).toBe("workbook");
    expect(releasesOf(now.kcf.fin.dataset)).toEqual(["2026Q1", "2026Q2"]);
    const addIn = new KcFormulas(new Financials(addInReleases));
    const shown = (a: string, k: KcFormulas) => fake.evaluate("Analyst", a, k);
    // The latest quarter is the workbook's 2026Q2, not the add-in's 2026Q4.
    expect(shown("A1", now.kcf)).toBe(
      Number(
        workbookReleases.facts.find(
          (f) =>
            f.item === "cf.cash_end" && f.period === "2026Q2" && f.currency === "RMB" && !f.laterIn
        )?.value
      )
    );
    expect(shown("A1", now.kcf)).not.toBe(shown("A1", addIn));
    expect(shown("A2", now.kcf)).toBe(shown("A2", addIn));
    expect(typeof shown("A3", addIn)).toBe("number");
    expect(shown("A3", now.kcf)).toMatch(/^#/);
    expect(inUse.datasetInUse()).toBe(now);
  }
);
