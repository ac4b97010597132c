import { ROOT } from "../helpers/root";
import { buildSync } from "esbuild";
import { existsSync } from "fs";
import { resolve } from "path";
import { chromium, Browser } from "playwright-core";
import { serve } from "../helpers/static-server";

/**
 * The share card in the built task pane, in headless Chromium, as inside Excel: Office.js is a stub
 * that reports Excel with cell notes, and `Excel` is the mock workbook (test/helpers/fake-excel.ts)
 * bundled for the browser. Clicks go through the pane's own controls; what they did is read back
 * from the mock workbook.
 */

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const DIST = resolve(ROOT, "test-output/dist");
const describeIf = existsSync(CHROMIUM) ? describe : describe.skip;

const OFFICE_STUB = `window.Office = {
  HostType: { Excel: "Excel" },
  EventType: { DocumentSelectionChanged: "documentSelectionChanged" },
  onReady: function () { return Promise.resolve({ host: "Excel", platform: "PC" }); },
  context: {
    requirements: { isSetSupported: function (name, version) { return name === "ExcelApi" && Number(version) <= 1.18; } },
    document: { addHandlerAsync: function () {} },
  },
};
window.CustomFunctions = { associate: function () {} };`;

describeIf("the share card inside Excel (stubbed)", () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof serve>>;
  let workbook: string;

  beforeAll(async () => {
    const bundle = buildSync({
      entryPoints: [resolve(ROOT, "test/helpers/browser-workbook.ts")],
      bundle: true,
      write: false,
      format: "iife",
      platform: "browser",
      alias: {
        "office-addin-manifest": resolve(
          ROOT,
          "node_modules/office-addin-manifest/lib/officeApp.js"
        ),
      },
      logLevel: "silent",
    });
    workbook = bundle.outputFiles[0].text;
    server = await serve(DIST);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ["--no-sandbox", "--disable-background-networking", "--disable-gpu"],
    });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  test("lists the sheets, converts the selection after a confirmation, restores it, makes a copy", async () => {
    const page = await browser.newPage({ viewport: { width: 420, height: 1000 } });
    const problems: string[] = [];
    page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
    page.on("console", (m) => {
      if (m.type() === "error" || m.type() === "warning") problems.push(`console: ${m.text()}`);
    });
    await page.route("https://appsforoffice.microsoft.com/**", (route) =>
      route.fulfill({ contentType: "text/javascript", body: `${OFFICE_STUB}\n${workbook}` })
    );
    await page.goto(`${server.url}/taskpane.html`);
    /** Reads the mock workbook in the page: a cell, or its note. */
    const read = (what: "cell" | "note", sheet: string, address: string) =>
      page.evaluate(
        ([w, s, a]) =>
          (
            globalThis as never as {
              fakeExcel: Record<string, (sheet: string, address: string) => unknown>;
            }
          ).fakeExcel[w](s, a),
        [what, sheet, address]
      );
    const cell = (sheet: string, address: string) => read("cell", sheet, address);
    const note = (sheet: string, address: string) => read("note", sheet, address);

    await page.locator('#share-sheets input[value="DCF"]').waitFor();
    await expect(page.locator("#share-notes").innerText()).resolves.toBe(
      "Each replaced figure's formula and source go in a cell note."
    );
    await expect(
      page.locator('#share-sheets input[value="KC Income Statement"]').isChecked()
    ).resolves.toBe(true);
    await expect(page.locator('#share-sheets input[value="DCF"]').isChecked()).resolves.toBe(false);

    await page.locator("#share-convert").click();
    await page.locator("#share-confirm").waitFor();
    await page
      .locator("#share-section")
      .screenshot({ path: resolve(ROOT, "test-output/share-card.png") });
    await expect(page.locator("#share-confirm-text").innerText()).resolves.toBe(
      "Replace the 1 KC formula in DCF!A1:C3 by its value? Each keeps its formula and source in a cell note, and Restore formulas puts them back, also after the workbook is closed and opened again."
    );
    await expect(cell("DCF", "B1")).resolves.toMatchObject({
      formula: '=KC.VALUE("revenue.total","2026Q1")*2',
    });
    await page.locator("#share-confirm-yes").click();
    await page.locator("#share-convert-message p").waitFor();
    await expect(page.locator("#share-convert-message").innerText()).resolves.toBe(
      "Replaced 1 KC formula in DCF!A1:C3 by its value. Restore formulas puts them back: the workbook keeps a record of them."
    );
    await expect(cell("DCF", "B1")).resolves.toEqual({ value: 4691356 });
    await expect(note("DCF", "B1")).resolves.toContain('Was =KC.VALUE("revenue.total","2026Q1")*2');
    await expect(page.locator("#share-confirm").isHidden()).resolves.toBe(true);

    await page.locator("#share-restore").click();
    await page.locator("#share-convert-message >> text=Put back").waitFor();
    await expect(page.locator("#share-convert-message").innerText()).resolves.toBe(
      'Put back 1 formula in "DCF".'
    );
    await expect(cell("DCF", "B1")).resolves.toEqual({
      formula: '=KC.VALUE("revenue.total","2026Q1")*2',
    });
    await expect(note("DCF", "B1")).resolves.toBeUndefined();
    await page.locator("#share-restore").click();
    await page.locator("#share-convert-message >> text=nothing to restore").waitFor();

    await page.locator('#share-sheets input[value="DCF"]').check();
    await page.locator("#share-copy").click();
    await page.locator("#share-copy-message >> text=Copied").waitFor();
    await expect(page.locator("#share-copy-message p").first().innerText()).resolves.toBe(
      'Copied 2 sheets: "KC Income Statement" to "KC Income Statement (share)" (1 KC formula replaced), "DCF" to "DCF (share)" (1 KC formula replaced).'
    );
    await expect(cell("DCF (share)", "C1")).resolves.toMatchObject({ formula: "=B1/2" });
    await expect(cell("KC Income Statement (share)", "D6")).resolves.toEqual({ value: 1996301 });
    // The list now shows the copies, and keeps what was ticked.
    await expect(
      page.locator('#share-sheets input[value="DCF (share)"]').isChecked()
    ).resolves.toBe(false);
    await expect(page.locator('#share-sheets input[value="DCF"]').isChecked()).resolves.toBe(true);
    expect(problems).toEqual([]);
    await page.close();
  });
});
