import { existsSync, mkdirSync } from "fs";
import { resolve } from "path";
import { chromium, Browser, Page } from "playwright-core";
import { serve } from "./helpers/static-server";

/**
 * The built task pane, served on localhost and opened in headless Chromium (Debian's chromium,
 * driven by playwright-core) as a plain browser: no Office, and no internet for Office.js.
 */

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const DIST = resolve(__dirname, "../test-output/dist");
const available = existsSync(CHROMIUM);
if (!available && process.env.CI) {
  throw new Error(
    `CI=true but Chromium is missing at ${CHROMIUM}: .ci/run installs it with apt-get install -y chromium`
  );
}
if (!available) {
  console.info(
    `Chromium not found at ${CHROMIUM}: the task pane end-to-end tests are skipped. Install it with "apt-get install -y chromium".`
  );
}
const describeIf = available ? describe : describe.skip;

describeIf("the task pane in a browser, outside Excel", () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof serve>>;

  beforeAll(async () => {
    server = await serve(DIST);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        "--no-sandbox",
        "--disable-background-networking",
        "--disable-gpu",
        "--no-first-run",
        "--disable-component-update",
        "--disable-sync",
        "--disable-quic",
      ],
    });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** Opens the pane; Office.js either fails to load (as offline) or is a stub reporting no Office host. */
  async function open(officeJs: "unreachable" | "no-host", width = 1280) {
    const page = await browser.newPage({ viewport: { width, height: 1000 } });
    const problems: string[] = [];
    page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
    page.on("console", (m) => {
      const url = m.location().url ?? "";
      // The browser's own note that the CDN was unreachable is expected offline; nothing else is.
      if (
        (m.type() === "error" || m.type() === "warning") &&
        !(officeJs === "unreachable" && url.startsWith("https://appsforoffice.microsoft.com/"))
      ) {
        problems.push(`console ${m.type()}: ${m.text()} (${url})`);
      }
    });
    await page.route("https://appsforoffice.microsoft.com/**", (route) =>
      officeJs === "unreachable"
        ? route.abort("internetdisconnected")
        : route.fulfill({
            contentType: "text/javascript",
            body: "window.Office = { HostType: { Excel: 'Excel' }, onReady: function () { return Promise.resolve({ host: null, platform: null }); } };",
          })
    );
    await page.goto(`${server.url}/taskpane.html`);
    await page.locator("#preview-reconciliation table").waitFor({ timeout: 30000 });
    return { page, problems };
  }

  function cellText(page: Page, label: string, column: number) {
    return page
      .locator("#preview-reconciliation tr", {
        has: page.locator("td:first-child", {
          hasText: new RegExp(`^${label.replace(/[()]/g, "\\$&")}$`),
        }),
      })
      .locator("td")
      .nth(column)
      .innerText();
  }

  test("without Office.js: a preview of the reconciliation with the release's figures, and no errors", async () => {
    const { page, problems } = await open("unreachable");
    await expect(page.locator("#mode-banner").innerText()).resolves.toContain(
      "Preview outside Excel"
    );
    await expect(page.locator("#mode-banner").innerText()).resolves.toContain(
      "Inserting tabs and formulas needs Excel"
    );
    expect(await cellText(page, "Adjusted EBITDA (Non-GAAP Financial Measure)", 3)).toBe("747,506");
    expect(await cellText(page, "Adjusted net loss (Non-GAAP Financial Measure)", 1)).toBe(
      "(190,550)"
    );
    expect(
      await cellText(
        page,
        "Excluding gain on disposal of property and equipment, normalized Adjusted EBITDA",
        2
      )
    ).toBe("712,586");
    expect(await cellText(page, "Adjusted EBITDA margin (Non-GAAP Financial Measure)", 3)).toBe(
      "27.6%"
    );
    await expect(page.locator("#insert").isDisabled()).resolves.toBe(true);
    mkdirSync(resolve(__dirname, "../test-output"), { recursive: true });
    await page.screenshot({ path: resolve(__dirname, "../test-output/taskpane-preview.png") });
    if (process.env.UPDATE_SCREENSHOTS)
      await page.screenshot({ path: resolve(__dirname, "../docs/taskpane-preview.png") });
    expect(problems).toEqual([]);
    await page.close();
  });

  test("the other statements, the checks tab and US$ from the same plans, by keyboard", async () => {
    const { page, problems } = await open("no-host");
    await page.locator("#preview-reconciliation-tab").focus();
    await page.keyboard.press("ArrowRight");
    await expect(page.locator("#preview-segments-tab").getAttribute("aria-selected")).resolves.toBe(
      "true"
    );
    await page.keyboard.press("ArrowRight");
    await expect(page.locator("#preview-checks").innerText()).resolves.toContain("ALL CHECKS PASS");
    await page.selectOption("#currency", "USD");
    await page.locator("#preview-reconciliation-tab").click();
    expect(await cellText(page, "Adjusted EBITDA (Non-GAAP Financial Measure)", 3)).toBe("108,365");
    await page.locator("#preview-balance_sheet-tab").click();
    await expect(page.locator("#preview-balance_sheet").innerText()).resolves.toContain(
      "4,125,290"
    );
    expect(problems).toEqual([]);
    await page.close();
  });

  test("the formula builder from the keyboard, and the source of its figure", async () => {
    const { page, problems } = await open("unreachable", 420);
    await page.locator("#item-search").focus();
    await page.keyboard.type("EBITDA");
    await expect(page.locator("#item-search").getAttribute("aria-expanded")).resolves.toBe("true");
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("Enter");
    await expect(page.locator("#formula").innerText()).resolves.toBe(
      '=KC.VALUE("ng.adjusted_ebitda","LQ","RMB","thousands")'
    );
    await expect(page.locator("#formula-value").innerText()).resolves.toBe(
      "= 747,506 (RMB thousands)"
    );
    await expect(page.locator("#source").innerText()).resolves.toContain(
      'row "Adjusted EBITDA (Non-GAAP Financial Measure)"'
    );
    await expect(page.locator("#source").innerText()).resolves.toContain("line 1047");
    await page.selectOption("#period", "2025Q4");
    await page.selectOption("#builder-unit", "millions");
    await expect(page.locator("#formula-value").innerText()).resolves.toBe(
      "= 785.2 (RMB millions)"
    );
    await expect(page.locator("#copy-formula").isDisabled()).resolves.toBe(false);
    await expect(page.locator("#insert-formula").isDisabled()).resolves.toBe(true);
    expect(problems).toEqual([]);
    await page.close();
  });
});
