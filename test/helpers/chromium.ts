import { existsSync } from "fs";
import { chromium } from "playwright-core";
import { needs } from "./needs";

/** Debian's Chromium (apt-get install -y chromium), driven by playwright-core: never a download. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export const chromiumHere = needs(
  "Chromium",
  existsSync(CHROMIUM)
    ? undefined
    : `it is not at ${CHROMIUM}; install it with "apt-get install -y chromium" (.ci/run does) or set CHROMIUM_PATH`
);

/**
 * SYNTHETIC test fixture: what a browser puts on the clipboard as text when the whole page is
 * copied, which is its body's innerText (a table row a line, cells between tabs), made by
 * Chromium itself rather than by hand.
 */
export async function copiedTextOf(html: string): Promise<string> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox"] });
  try {
    const page = await browser.newPage();
    // Offline: the fixture's page must not reach for anything.
    await page.route("**/*", (route) => route.abort());
    await page.setContent(html);
    return await page.evaluate(() => document.body.innerText);
  } finally {
    await browser.close();
  }
}
