import { ROOT } from "../helpers/root";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join, resolve } from "path";
import { chromium, Browser, Page } from "playwright-core";
import { CHROMIUM, chromiumHere, copiedTextOf } from "../helpers/chromium";
import { kc } from "../helpers/cli";
import { release, releaseText } from "../helpers/release";
import { releaseHtml } from "../helpers/release-forms";
import {
  SyntheticRelease,
  nextQuarterRelease,
  restatingRelease,
} from "../helpers/synthetic-releases";
import { thrown } from "../helpers/thrown";
import { Financials } from "../../src/core/financials";
import { readRelease } from "../../src/data/ingest/build";
import { IngestError } from "../../src/data/ingest/errors";
import { bundledDataset } from "../../src/data/load";
import { Dec } from "../../src/domain/decimal";
import { buildModel } from "../../src/sheets/model";
import { DEFAULT_OPTIONS } from "../../src/sheets/types";
import { HEADLINES } from "../../src/sheets/workbook-names";
import { formatNumber } from "../../src/taskpane/number-format";
import { serve } from "../helpers/static-server";

/**
 * The built task pane, served on localhost and opened in headless Chromium (Debian's chromium,
 * driven by playwright-core): as a plain browser (no Office, and no internet for Office.js); with
 * the real Office.js, npm's copy (@microsoft/office-js) answering the CDN's URLs, to prove that the
 * page boots under its Content-Security-Policy and Office.onReady resolves outside Office; and
 * with a stand-in for Office.js where a test needs what only Office gives (an Excel host, a slow
 * Office.onReady, requirement sets), behaving as Microsoft documents and as public reports show
 * (inline styles, a script from ajax.aspnetcdn.com).
 */

const DIST = resolve(ROOT, "test-output/dist");
const DOCS = resolve(ROOT, "docs");
const OFFICE_JS = "https://appsforoffice.microsoft.com/**";
/** npm's Office.js: the files the CDN serves under /lib/1/hosted/. */
const OFFICE_JS_PACKAGE = resolve(ROOT, "node_modules/@microsoft/office-js/dist");
const ASP_NET_CDN = "https://ajax.aspnetcdn.com/**";

/** The Excel host the stand-in plays (no host is the real Office.js's case, "package"). */
interface OfficeStub {
  /** How long Office.onReady takes (a cold Excel start). */
  readyAfterMs?: number;
  /** Requirement sets the host offers, with their highest version. */
  sets?: Record<string, string>;
  /** Whether the page has Excel's custom functions runtime. */
  customFunctions?: boolean;
}

/**
 * A stand-in for office.js, only for the tests that need what Office.js cannot give outside Office:
 * an Excel host, a slow Office.onReady, a host's requirement sets and custom functions runtime.
 * Booting, and the preview with no host, run on the real Office.js ("package"). Like Excel on the
 * web's, the stand-in applies an inline style (OfficeDev/office-js#1687) and loads MicrosoftAjax.js
 * from ajax.aspnetcdn.com (#1005), so the page's Content-Security-Policy must allow both.
 */
function officeJs(stub: OfficeStub): string {
  return `
    (function () {
      var sets = ${JSON.stringify(stub.sets ?? {})};
      function atLeast(have, want) {
        var a = have.split(".").map(Number), b = want.split(".").map(Number);
        for (var k = 0; k < Math.max(a.length, b.length); k++)
          if ((a[k] || 0) !== (b[k] || 0)) return (a[k] || 0) > (b[k] || 0);
        return true;
      }
      window.Office = {
        HostType: { Excel: "Excel" },
        EventType: { DocumentSelectionChanged: "documentSelectionChanged" },
        context: {
          requirements: { isSetSupported: function (name, v) { return !!sets[name] && atLeast(sets[name], v); } },
          document: { addHandlerAsync: function () {} },
        },
        onReady: function () {
          return new Promise(function (resolve) {
            setTimeout(function () { resolve({ host: "Excel", platform: "OfficeOnline" }); }, ${stub.readyAfterMs ?? 0});
          });
        },
      };
      // Excel.run over a workbook with no stored releases: what the pane reads on startup.
      window.Excel = {
        run: function (batch) {
          var parts = { load: function () {}, items: [] };
          var context = {
            workbook: { customXmlParts: { getByNamespace: function () { return parts; } } },
            sync: function () { return Promise.resolve(); },
          };
          return Promise.resolve().then(function () { return batch(context); });
        },
      };
      if (${stub.customFunctions ?? true}) {
        window.KC_ASSOCIATED = [];
        window.CustomFunctions = { associate: function (id) { window.KC_ASSOCIATED.push(id); } };
      }
      var style = document.createElement("style");
      style.textContent = ".office-js-inline-style { display: none; }";
      document.head.appendChild(style);
      var ajax = document.createElement("script");
      ajax.src = "https://ajax.aspnetcdn.com/ajax/3.5/MicrosoftAjax.js";
      document.head.appendChild(ajax);
    })();`;
}

/**
 * The headline figures of a SYNTHETIC release's quarter as the command line computes them: `kc
 * ingest` over the bundled dataset, then `kc eval --dataset`, each shown as the pane shows it.
 */
function cliHeadlines(r: SyntheticRelease): Record<string, string> {
  const dir = mkdtempSync(join(tmpdir(), "kc-release-day-"));
  const file = join(dir, r.file);
  writeFileSync(file, r.text);
  const out = join(dir, "dataset.json");
  // Over the bundled dataset, as the pane adds it to the dataset in use.
  copyFileSync(resolve(ROOT, "src/data/dataset.json"), out);
  const ingested = kc(["ingest", file, "--out", out]);
  expect(ingested.stderr).toBe("");
  const dataset = JSON.parse(readFileSync(out, "utf8")) as { items: { id: string }[] };
  const items = [...HEADLINES.keys()].filter((id) => dataset.items.some((i) => i.id === id));
  const r2 = kc(["eval", "--dataset", out, ...items.map((id) => `=KC.VALUE("${id}","LQ")`)]);
  const values = r2.stdout
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l) as { value: number });
  return Object.fromEntries(items.map((id, k) => [id, formatNumber(values[k].value)]));
}

chromiumHere.describe("the task pane in Chromium", () => {
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

  /**
   * Opens the pane with Office.js unreachable (offline), served from npm's package, or stood in
   * for; collects every problem, Content-Security-Policy violations included.
   */
  async function open(office: "unreachable" | "package" | OfficeStub, width = 1280) {
    const page = await browser.newPage({ viewport: { width, height: 1000 } });
    const problems: string[] = [];
    const errors: string[] = [];
    await page.addInitScript(() =>
      document.addEventListener("securitypolicyviolation", (e) =>
        console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI}`)
      )
    );
    page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
    page.on("console", (m) => {
      const url = m.location().url ?? "";
      // The browser's own note that the CDN was unreachable is expected offline; nothing else is.
      if (m.type() === "error") errors.push(m.text());
      if (
        (m.type() === "error" || m.type() === "warning") &&
        !(office === "unreachable" && url.startsWith("https://appsforoffice.microsoft.com/"))
      ) {
        problems.push(`console ${m.type()}: ${m.text()} (${url})`);
      }
    });
    await page.route(OFFICE_JS, (route) => {
      if (office === "unreachable") return route.abort("internetdisconnected");
      if (office !== "package")
        return route.fulfill({ contentType: "text/javascript", body: officeJs(office) });
      const path = new URL(route.request().url()).pathname.replace(/^\/lib\/1\/hosted\//, "");
      const file = resolve(OFFICE_JS_PACKAGE, path);
      return file.startsWith(OFFICE_JS_PACKAGE) && existsSync(file)
        ? route.fulfill({ path: file, contentType: "text/javascript" })
        : route.fulfill({ status: 404, body: "" });
    });
    await page.route(ASP_NET_CDN, (route) =>
      route.fulfill({ contentType: "text/javascript", body: "window.KC_MICROSOFT_AJAX = true;" })
    );
    await page.goto(`${server.url}/taskpane.html`);
    return { page, problems, errors };
  }

  async function openPreview(office: "unreachable" | "package", width = 1280) {
    const opened = await open(office, width);
    await opened.page.locator("#preview-reconciliation table").waitFor({ timeout: 30000 });
    return opened;
  }

  /** The title every control has until the pane knows where it runs (taskpane.html). */
  const WAITING = "Waiting for Excel to load the add-in";

  /** The pane's visible controls: whether each is off, and the title that says why. */
  function controls(page: Page) {
    return page.evaluate(() =>
      Array.from(
        document.querySelectorAll<HTMLButtonElement | HTMLInputElement | HTMLSelectElement>(
          "main button, main input, main select"
        )
      )
        .filter((c) => !c.closest("[hidden]"))
        .map((c) => ({ id: c.id || `${c.name}=${c.value}`, disabled: c.disabled, title: c.title }))
    );
  }

  /** Controls still waiting, or off without saying why, once the pane knows where it runs. */
  async function unexplained(page: Page) {
    return (await controls(page)).filter((c) => c.title === WAITING || (c.disabled && !c.title));
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

  /** Screenshots for the README (docs/) and for looking at after a run (test-output/). */
  async function screenshot(page: Page, name: string, part?: string) {
    mkdirSync(resolve(ROOT, "test-output"), { recursive: true });
    const shoot = (path: string) =>
      part ? page.locator(part).screenshot({ path }) : page.screenshot({ path, fullPage: true });
    await shoot(resolve(ROOT, `test-output/${name}`));
    // docs/ only when asked (npm run docs:screenshots): a test run leaves the tree as it was.
    if (process.env.KC_SCREENSHOTS === "docs") await shoot(resolve(DOCS, name));
  }

  test("with the real Office.js (npm's copy for the CDN): it boots under the CSP, onReady resolves outside Office, the preview shows", async () => {
    const { page, problems } = await openPreview("package");
    await expect(page.evaluate(() => typeof (window as { Office?: unknown }).Office)).resolves.toBe(
      "object"
    );
    const host = await page.evaluate(() =>
      (window as unknown as { Office: { onReady(): Promise<{ host: unknown }> } }).Office.onReady()
    );
    expect(host.host).toBeNull();
    await expect(page.locator("#mode-banner").innerText()).resolves.toContain(
      "Preview outside Excel"
    );
    expect(await cellText(page, "Adjusted EBITDA", 5)).toBe("747,506");
    expect(problems).toEqual([]);
    // The watch for violations works: an inline script, which the policy forbids, is reported.
    await page.evaluate(() => {
      const s = document.createElement("script");
      s.textContent = "window.inline = true";
      document.head.appendChild(s);
    });
    await new Promise((r) => setTimeout(r, 200));
    expect(problems.join(" ")).toContain("CSP violation: script-src");
    await page.close();
  });

  test("without Office.js: a preview of the reconciliation with the release's figures, and no errors", async () => {
    const { page, problems } = await openPreview("unreachable");
    await expect(page.locator("#mode-banner").innerText()).resolves.toContain(
      "Preview outside Excel"
    );
    await expect(page.locator("#mode-banner").innerText()).resolves.toContain(
      "Inserting tabs and formulas needs Excel"
    );
    expect(await cellText(page, "Adjusted EBITDA", 5)).toBe("747,506");
    expect(await cellText(page, "Adjusted net loss", 1)).toBe("(190,550)");
    expect(await cellText(page, "Normalized adjusted EBITDA", 4)).toBe("712,586");
    expect(await cellText(page, "Adjusted EBITDA margin", 5)).toBe("27.6%");
    await expect(page.locator("#insert").isDisabled()).resolves.toBe(true);
    await expect(page.locator("#insert").getAttribute("title")).resolves.toBe("Needs Excel");
    await expect(page.locator("#share-copy").getAttribute("title")).resolves.toBe("Needs Excel");
    await expect(page.locator("#item-search").isEnabled()).resolves.toBe(true);
    await expect(unexplained(page)).resolves.toEqual([]);
    await page.locator("#item-search").fill("EBITDA");
    await page.keyboard.press("Enter");
    await screenshot(page, "taskpane-1280.png");
    // Wide, the page never scrolls sideways either (the preview stuck out by 3.5 px).
    const wide = await page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth,
      width: document.documentElement.clientWidth,
    }));
    expect(wide.scroll).toBeLessThanOrEqual(wide.width);
    expect(problems).toEqual([]);
    await page.close();
  });

  test("the other statements, the checks tab and US$ from the same plans, by keyboard", async () => {
    const { page, problems } = await openPreview("package");
    await page.locator("#preview-reconciliation-tab").focus();
    await page.keyboard.press("ArrowRight");
    await expect(page.locator("#preview-segments-tab").getAttribute("aria-selected")).resolves.toBe(
      "true"
    );
    await page.keyboard.press("ArrowRight");
    await expect(
      page.locator("#preview-operating-tab").getAttribute("aria-selected")
    ).resolves.toBe("true");
    await page.keyboard.press("ArrowRight");
    await expect(page.locator("#preview-checks").innerText()).resolves.toContain("ALL CHECKS PASS");
    await page.selectOption("#currency", "USD");
    await page.locator("#preview-reconciliation-tab").click();
    // RMB for five quarters (two n.a.), US$ for the two earlier held (translated), then Q1 2026
    // as published.
    expect(await cellText(page, "Adjusted EBITDA", 8)).toBe("108,365");
    expect(await cellText(page, "Adjusted EBITDA", 6)).toBe(
      (318543 / 6.898).toLocaleString("en-US", { maximumFractionDigits: 0 })
    );
    await page.locator("#preview-balance_sheet-tab").click();
    await expect(page.locator("#preview-balance_sheet").innerText()).resolves.toContain(
      "4,125,290"
    );
    expect(problems).toEqual([]);
    await page.close();
  });

  test("the formula builder from the keyboard: Enter takes the best match; the source panel shows the figure alike", async () => {
    const { page, problems } = await openPreview("unreachable", 350);
    await page.locator("#item-search").focus();
    await page.keyboard.type("EBITDA");
    await expect(page.locator("#item-search").getAttribute("aria-expanded")).resolves.toBe("true");
    await page.keyboard.press("Enter");
    await expect(page.locator("#formula").innerText()).resolves.toBe(
      '=KC.VALUE("ng.adjusted_ebitda","LQ","RMB","thousands")'
    );
    await expect(page.locator("#item-chosen").innerText()).resolves.toBe(
      "Adjusted EBITDA (Non-GAAP Financial Measure) · ng.adjusted_ebitda"
    );
    await expect(page.locator("#formula-value").innerText()).resolves.toBe(
      "= 747,506 (RMB thousands)"
    );
    const source = page.locator("#source");
    await expect(source.innerText()).resolves.toContain("Figure\n747,506 (RMB thousands)");
    await expect(source.innerText()).resolves.toContain(
      'row "Adjusted EBITDA (Non-GAAP Financial Measure)"'
    );
    await expect(source.innerText()).resolves.toContain("line 1047");
    await page.selectOption("#period", "2025Q4");
    await page.selectOption("#builder-unit", "millions");
    await expect(page.locator("#formula-value").innerText()).resolves.toBe(
      "= 785.2 (RMB millions)"
    );
    await expect(source.innerText()).resolves.toContain("Figure\n785.2 (RMB millions)");

    // A search that finds nothing says so.
    await page.locator("#item-search").fill("zzzz");
    await expect(page.locator("#item-none").innerText()).resolves.toMatch(
      /^No line item matches "zzzz"/
    );
    // Arrow keys still choose another match.
    await page.locator("#item-search").fill("");
    await page.locator("#item-search").focus();
    await page.keyboard.type("EBITDA");
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("Enter");
    await expect(page.locator("#formula").innerText()).resolves.toContain(
      "ng.normalized_adjusted_ebitda"
    );

    // The builder's messages appear in the builder, not in the model tabs card.
    await expect(page.locator("#copy-formula").isDisabled()).resolves.toBe(false);
    await expect(page.locator("#insert-formula").isDisabled()).resolves.toBe(true);
    await page.locator("#copy-formula").click();
    // The clipboard answers asynchronously: wait for the message rather than read it at once.
    await page
      .locator("#builder-message", {
        hasText: /Copied =KC\.VALUE|Press Ctrl\+C to copy the selected formula\./,
      })
      .waitFor({ timeout: 10000 });
    await expect(page.locator("#summary").innerText()).resolves.toBe("");
    expect(problems).toEqual([]);
    await page.close();
  });

  test("at 350 px (Excel's narrowest pane) nothing is cut off and no word is broken", async () => {
    const { page, problems } = await openPreview("unreachable", 350);
    // The longest id there is, in a formula wider than the pane.
    await page.locator("#item-search").fill("bs.operating_lease_liabilities_non_current");
    await page.keyboard.press("Enter");
    await expect(page.locator("#formula").innerText()).resolves.toBe(
      '=KC.VALUE("bs.operating_lease_liabilities_non_current","LQ","RMB","thousands")'
    );
    const found = await page.evaluate(() => {
      const out: string[] = [];
      // The page never scrolls sideways; the model's tables scroll inside their own box.
      if (document.documentElement.scrollWidth > window.innerWidth)
        out.push(`the page is ${document.documentElement.scrollWidth}px wide`);
      for (const el of Array.from(document.querySelectorAll<HTMLElement>("body *"))) {
        if (el.closest(".plan-scroll") || /^(INPUT|SELECT|OPTION|SCRIPT|STYLE)$/.test(el.tagName))
          continue;
        const style = getComputedStyle(el);
        if (style.display === "none" || el.hidden) continue;
        if (style.overflowX !== "visible" && el.scrollWidth > el.clientWidth + 1)
          out.push(`#${el.id || el.tagName} cuts off ${el.scrollWidth - el.clientWidth}px`);
        // A line break between two letters or digits of a text is a word broken in two (an id
        // may break between its words, after "_" or ".").
        for (const node of Array.from(el.childNodes)) {
          if (node.nodeType !== Node.TEXT_NODE) continue;
          const text = node.textContent ?? "";
          const range = document.createRange();
          let lastTop: number | undefined;
          for (let k = 0; k < text.length; k++) {
            range.setStart(node, k);
            range.setEnd(node, k + 1);
            const top = range.getClientRects()[0]?.top;
            if (
              top !== undefined &&
              lastTop !== undefined &&
              top > lastTop + 2 &&
              /[A-Za-z0-9]/.test(text[k - 1]) &&
              /[A-Za-z0-9]/.test(text[k])
            )
              out.push(
                `"${text.slice(Math.max(0, k - 12), k)}|${text.slice(k, k + 12)}" breaks mid-word`
              );
            if (top !== undefined) lastTop = top;
          }
        }
      }
      return out;
    });
    expect(found).toEqual([]);
    await screenshot(page, "taskpane-350.png");
    expect(problems).toEqual([]);
    await page.close();
  });

  test("at 1280 and 350 px the page never scrolls sideways, whatever tab and US$ columns the preview shows", async () => {
    const overflowing: string[] = [];
    for (const width of [1280, 350]) {
      const { page, problems } = await openPreview("unreachable", width);
      for (const currency of ["RMB", "USD"]) {
        await page.selectOption("#currency", currency);
        for (const tab of await page.locator("#preview .tab").all()) {
          await tab.click();
          // The model's tables scroll in their own box; the page itself must not.
          const { scrollWidth, clientWidth } = await page.evaluate(() => ({
            scrollWidth: document.documentElement.scrollWidth,
            clientWidth: document.documentElement.clientWidth,
          }));
          if (scrollWidth > clientWidth)
            overflowing.push(
              `${width} px, ${currency}, ${await tab.innerText()}: ${scrollWidth - clientWidth} px too wide`
            );
        }
      }
      expect(problems).toEqual([]);
      await page.close();
    }
    expect(overflowing).toEqual([]);
  });

  /**
   * KC Dashboard's charts as the page draws them: each bar's or point's chart, series, category
   * and value, and the texts of each chart whose drawn boxes meet or leave the chart.
   */
  function dashboardCharts(page: Page) {
    return page.evaluate(() => {
      const svgs = Array.from(
        document.querySelectorAll<SVGSVGElement>("#preview-dashboard svg.chart")
      );
      const clashes: string[] = [];
      const sizes: string[] = [];
      for (const svg of svgs) {
        const chart = svg.getAttribute("data-chart");
        const frame = svg.getBoundingClientRect();
        // The layout's pixels are the page's: text shows at its own size, neither shrunk nor blown up.
        const drawnAt = svg.viewBox.baseVal.width;
        if (Math.abs(drawnAt - frame.width) > 1)
          sizes.push(`${chart} is laid out ${drawnAt} px wide, shown ${frame.width} px wide`);
        const texts = Array.from(svg.querySelectorAll("text")).map((t) => ({
          text: Array.from(t.children, (line) => line.textContent).join(" "),
          box: t.getBoundingClientRect(),
        }));
        texts.forEach((a, i) => {
          const b = a.box;
          if (b.left < frame.left || b.right > frame.right || b.bottom > frame.bottom)
            clashes.push(`${chart}: "${a.text}" leaves the chart`);
          for (const o of texts.slice(i + 1)) {
            const c = o.box;
            if (
              b.left < c.right - 0.5 &&
              c.left < b.right - 0.5 &&
              b.top < c.bottom - 0.5 &&
              c.top < b.bottom - 0.5
            )
              clashes.push(`${chart}: "${a.text}" meets "${o.text}"`);
          }
        });
      }
      const marks = svgs.flatMap((svg) =>
        Array.from(svg.querySelectorAll("[data-value]")).map(
          (e) =>
            `${svg.getAttribute("data-chart")} | ${e.getAttribute("data-series")} | ${e.getAttribute("data-category")} | ${e.getAttribute("data-value")}`
        )
      );
      return {
        charts: svgs.map((s) => `${s.getAttribute("data-chart")}: ${s.getAttribute("aria-label")}`),
        marks: marks.sort(),
        clashes,
        sizes,
        scroll: document.documentElement.scrollWidth - document.documentElement.clientWidth,
      };
    });
  }

  test("KC Dashboard's charts at 350 px and wide: the series values the core computes, no labels meeting", async () => {
    // The model the command line and the writer build, in Node: each chart's cells, exact.
    const model = buildModel(new Financials(bundledDataset()), DEFAULT_OPTIONS);
    const plans = model.plans.find((p) => p.key === "dashboard")!.charts;
    const expected = plans
      .flatMap((c) =>
        c.series.flatMap((s) => {
          const out: string[] = [];
          for (let row = s.values.from.row; row <= s.values.to.row; row++) {
            const v = model.value({ tab: "dashboard", row, col: s.values.from.col });
            const category = model.value({ tab: "dashboard", row, col: c.categories.from.col });
            if (v instanceof Dec)
              out.push(`${c.key} | ${s.name} | ${String(category)} | ${v.toFixed()}`);
          }
          return out;
        })
      )
      .sort();
    expect(expected.length).toBeGreaterThan(60);

    const { page, problems } = await openPreview("unreachable", 350);
    await page.locator("#preview-dashboard-tab").click();
    const drawn = () =>
      page.waitForFunction(
        (n) => document.querySelectorAll("#preview-dashboard svg.chart").length === n,
        plans.length
      );
    await drawn();
    for (const width of [350, 1280]) {
      if (width !== 350) {
        // The charts are laid out again at their new width.
        const before = await page
          .locator("#preview-dashboard svg.chart")
          .first()
          .getAttribute("viewBox");
        await page.setViewportSize({ width, height: 1000 });
        await page.waitForFunction(
          (b) =>
            document.querySelector("#preview-dashboard svg.chart")?.getAttribute("viewBox") !== b,
          before
        );
        await drawn();
      }
      const seen = await dashboardCharts(page);
      expect(seen.charts).toEqual(plans.map((c) => `${c.key}: ${c.title}`));
      expect(seen.marks).toEqual(expected);
      expect(seen.clashes).toEqual([]);
      expect(seen.sizes).toEqual([]);
      expect(seen.scroll).toBeLessThanOrEqual(0);
      await screenshot(page, `dashboard-pane-${width}.png`, "#preview-section");
    }
    // The chart data the charts draw is there, folded under the charts.
    await page.locator("#preview-dashboard details.chart-data summary").click();
    await expect(
      page.locator("#preview-dashboard details.chart-data").innerText()
    ).resolves.toContain("Base below zero");
    expect(problems).toEqual([]);
    await page.close();
  });

  test("inside Excel: a slow Office.onReady shows Starting and then the add-in, never the preview", async () => {
    const { page, problems } = await open(
      {
        readyAfterMs: 11000,
        sets: { ExcelApi: "1.12", CustomFunctionsRuntime: "1.3" },
      },
      350
    );
    const banner = page.locator("#mode-banner");
    await expect(banner.innerText()).resolves.toBe("Starting KC Financials…");
    // Until Office.js says where the pane runs, every control is off and says why.
    const waiting = await controls(page);
    expect(waiting.map((c) => c.id)).toEqual(
      expect.arrayContaining(["insert", "currency", "item-search", "period", "share-copy"])
    );
    expect(waiting.filter((c) => !c.disabled || c.title !== WAITING)).toEqual([]);
    await page.waitForTimeout(9000);
    await expect(page.locator("#preview-section").isHidden()).resolves.toBe(true);
    await expect(banner.innerText()).resolves.toMatch(/Starting KC Financials/);
    await page.waitForFunction(() =>
      document.getElementById("mode-banner")!.textContent!.includes("still loading")
    );
    await page.waitForFunction(() => document.getElementById("mode-banner")!.hidden, undefined, {
      timeout: 10000,
    });
    await expect(page.locator("#preview-section").isHidden()).resolves.toBe(true);
    await expect(page.locator("#insert").isEnabled()).resolves.toBe(true);
    await expect(page.locator("#refresh").isEnabled()).resolves.toBe(true);
    await expect(page.locator("#item-search").isEnabled()).resolves.toBe(true);
    await expect(page.locator("#copy-formula").getAttribute("title")).resolves.toBe(
      "Choose a line item first"
    );
    await expect(unexplained(page)).resolves.toEqual([]);
    expect(
      await page.evaluate(() => (window as unknown as { KC_ASSOCIATED: string[] }).KC_ASSOCIATED)
    ).toHaveLength(11);
    // Office.js's inline style and its script from ajax.aspnetcdn.com passed the page's policy.
    expect(
      await page.evaluate(
        () => (window as unknown as { KC_MICROSOFT_AJAX?: boolean }).KC_MICROSOFT_AJAX
      )
    ).toBe(true);
    expect(problems).toEqual([]);
    await page.close();
  }, 60000);

  test("inside Excel without the custom functions runtime: the pane and the console say the functions are not registered", async () => {
    const { page, errors } = await open({
      sets: { ExcelApi: "1.12" },
      customFunctions: false,
    });
    const banner = page.locator("#mode-banner");
    await page.waitForFunction(
      () => document.getElementById("mode-banner")!.getAttribute("role") === "alert"
    );
    await expect(banner.innerText()).resolves.toContain(
      "11 KC functions are not registered: cells with them will not calculate."
    );
    await expect(banner.innerText()).resolves.toContain(
      "KC.VALUE: Excel's custom functions runtime (CustomFunctions) is not on this page"
    );
    expect(errors.join("\n")).toContain("KC functions not registered with Excel:");
    await expect(page.locator("#preview-section").isHidden()).resolves.toBe(true);
    await page.close();
  });

  test("inside an Excel without ExcelApi 1.12: model tabs are refused beside their buttons, the rest works", async () => {
    const { page, problems } = await open({ sets: { ExcelApi: "1.7" } });
    await page.waitForFunction(() => document.getElementById("mode-banner")!.hidden);
    await expect(page.locator("#insert").isDisabled()).resolves.toBe(true);
    await expect(page.locator("#refresh").isDisabled()).resolves.toBe(true);
    await expect(page.locator("#refresh").getAttribute("title")).resolves.toBe(
      "Needs Excel JavaScript API 1.12"
    );
    await expect(unexplained(page)).resolves.toEqual([]);
    await expect(page.locator("#insert-section #summary").innerText()).resolves.toBe(
      "Inserting and refreshing model tabs needs Excel JavaScript API 1.12 (Microsoft 365, Excel 2021 or later, or Excel on the web); this Excel is older. The KC functions work."
    );
    await page.locator("#item-search").fill("cash and cash equivalents");
    await page.keyboard.press("Enter");
    await expect(page.locator("#insert-formula").isEnabled()).resolves.toBe(true);
    await expect(page.locator("#builder-message").innerText()).resolves.toBe("");
    expect(problems).toEqual([]);
    await page.close();
  });

  /** Pastes into the release box as a browser would: the clipboard's HTML and its text. */
  async function pasteRelease(page: Page, data: { html?: string; text?: string }) {
    await page.locator("#release-paste").focus();
    await page.evaluate((d) => {
      const dt = new DataTransfer();
      if (d.html !== undefined) dt.setData("text/html", d.html);
      if (d.text !== undefined) dt.setData("text/plain", d.text);
      const box = document.getElementById("release-paste") as HTMLTextAreaElement;
      box.dispatchEvent(
        new ClipboardEvent("paste", { clipboardData: dt, bubbles: true, cancelable: true })
      );
    }, data);
  }

  /** The headline figures the review shows: item id → the figure as shown. */
  function reviewed(page: Page): Promise<Record<string, string>> {
    return page.evaluate(() =>
      Object.fromEntries(
        Array.from(document.querySelectorAll("#release-review tr[data-item]")).map((tr) => [
          tr.getAttribute("data-item"),
          (tr.querySelector("td") as HTMLElement).innerText,
        ])
      )
    );
  }

  release.test(
    "release day: a next quarter pasted as HTML and as a browser's copy shows the figures the command line computes, and is added",
    async () => {
      const next = nextQuarterRelease({ sixMonths: true });
      const html = releaseHtml(next.text);
      const copied = await copiedTextOf(html);
      const cli = cliHeadlines(next);
      const { page, problems } = await openPreview("package");
      expect(await page.locator("#preview").innerText()).not.toContain("2Q26");

      await pasteRelease(page, { html, text: copied });
      await page.locator("#release-review .found").waitFor({ timeout: 30000 });
      const found = await page.locator("#release-review .found").innerText();
      expect(found).toMatch(
        /^Release 2026Q2, read as the exhibit's HTML in (\d+) ms: \d+ figures, \d+ new\.$/
      );
      expect(Number(/in (\d+) ms/.exec(found)?.[1])).toBeLessThan(1000);
      await expect(page.locator("#release-review").innerText()).resolves.toMatch(
        /Every identity holds: (\d+) of \1\./
      );
      const fromHtml = await reviewed(page);
      expect(Object.keys(fromHtml).length).toBeGreaterThanOrEqual(8);
      expect(fromHtml).toEqual(cli);
      await expect(page.locator("#release-paste").inputValue()).resolves.toBe("");
      await expect(page.locator("#release-add").isEnabled()).resolves.toBe(true);
      // No restatement: no tick to give.
      await expect(page.locator("#release-accept-restatements").isVisible()).resolves.toBe(false);
      await screenshot(page, "release-new-quarter.png", "#release-section");

      // A plain-text page copies as <pre>, whose HTML reads as one line: its text is read instead.
      await page.locator("#release-cancel").click();
      const pre = `<pre>${next.text.replace(/&/g, "&amp;").replace(/</g, "&lt;")}</pre>`;
      await pasteRelease(page, { html: pre, text: next.text });
      await page.locator("#release-review .found").waitFor();
      await expect(page.locator("#release-review .found").innerText()).resolves.toContain(
        "read as the release as text, a cell a line"
      );

      await page.locator("#release-cancel").click();
      await pasteRelease(page, { text: copied });
      await page.locator("#release-review .found").waitFor();
      await expect(page.locator("#release-review .found").innerText()).resolves.toContain(
        "read as text copied from a browser"
      );
      expect(await reviewed(page)).toEqual(cli);

      await page.locator("#release-add").click();
      await expect(page.locator("#release-message").innerText()).resolves.toContain(
        "Added release 2026Q2 (pasted text) to the preview"
      );
      await expect(page.locator("#dataset-line").innerText()).resolves.toContain("2026Q2 release");
      expect(await page.locator("#preview").innerText()).toContain("2Q26");
      expect(problems).toEqual([]);
      await page.close();
    },
    120000
  );

  release.test(
    "release day: a restating release lists its restatements and changes nothing until they are ticked",
    async () => {
      const { page, problems } = await openPreview("package");
      const before = await page.locator("#dataset-line").innerText();
      await pasteRelease(page, { html: releaseHtml(restatingRelease().text) });
      const rows = page.locator("#release-review .restatements tbody tr");
      await rows.first().waitFor({ timeout: 30000 });
      expect(await rows.count()).toBeGreaterThan(0);
      await expect(rows.first().innerText()).resolves.toMatch(/release 2026Q1, line \d+/);
      await expect(page.locator("#release-add").isDisabled()).resolves.toBe(true);
      await expect(page.locator("#release-add").getAttribute("title")).resolves.toBe(
        "Tick the box to accept the restatements first"
      );
      await screenshot(page, "release-restatements.png", "#release-section");
      expect(await page.locator("#dataset-line").innerText()).toBe(before);
      await page.locator("#release-accept-restatements").check();
      await expect(page.locator("#release-add").isEnabled()).resolves.toBe(true);
      await page.locator("#release-cancel").click();
      await expect(page.locator("#release-message").innerText()).resolves.toBe(
        "Nothing was added."
      );
      expect(await page.locator("#dataset-line").innerText()).toBe(before);
      expect(problems).toEqual([]);
      await page.close();
    },
    120000
  );

  release.test(
    "release day: a damaged copy is refused with the line kc ingest gives, and hostile text stays text",
    async () => {
      const damaged = releaseText()
        .split("\n")
        .filter((_, k) => k !== 559)
        .join("\n");
      const html = releaseHtml(damaged);
      const { page, problems } = await openPreview("package");
      await pasteRelease(page, { html });
      const message = page.locator("#release-message.error");
      await message.waitFor({ timeout: 30000 });
      const shown = await message.innerText();
      expect(shown).toContain("The release cannot be read; nothing was added.");
      const refusal = thrown(IngestError, () => readRelease(html, "pasted release"));
      expect(shown).toContain(refusal.message);
      await expect(page.locator("#release-add").isDisabled()).resolves.toBe(true);
      await screenshot(page, "release-refused.png", "#release-section");

      await pasteRelease(page, {
        text: '<img src=x onerror="window.pwned=1">\tKINGSOFT CLOUD HOLDINGS LIMITED =HYPERLINK("http://x")',
      });
      // Read as markup by the parser (never by the page): the label is shown as the text it is.
      await expect(message.innerText()).resolves.toContain(
        'table "=HYPERLINK("http://x")" has no date header row'
      );
      expect(
        await page.evaluate(() => ({
          pwned: (window as { pwned?: number }).pwned,
          images: document.querySelectorAll("main img").length,
        }))
      ).toEqual({ pwned: undefined, images: 0 });
      expect(problems).toEqual([]);
      await page.close();
    },
    120000
  );
});
