import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join, resolve } from "path";
import { bundledKc as kc } from "../src/functions/dataset-in-use";
import { modelXlsx } from "../src/cli/xlsx-export";
import { buildModel } from "../src/sheets/model";
import { DEFAULT_OPTIONS } from "../src/sheets/types";
import { footerOf, libreOfficeUnavailable, pageImage, pdfPages, printToPdf } from "./libreoffice";

/**
 * docs/print/: the first page of each model tab as LibreOffice prints the exported workbook
 * (npm run docs:print), and docs/dashboard-print.png, KC Dashboard's page with its charts, larger.
 * What an analyst gets on paper, for the README.
 */
async function main(): Promise<void> {
  const why = libreOfficeUnavailable();
  if (why) throw new Error(why);
  const out = resolve(__dirname, "../docs/print");
  mkdirSync(out, { recursive: true });
  const dir = mkdtempSync(join(tmpdir(), "kc-print-"));
  try {
    const model = buildModel(kc().fin, DEFAULT_OPTIONS);
    const file = join(dir, "model.xlsx");
    writeFileSync(file, await modelXlsx(model));
    const pdf = printToPdf(file, dir);
    const pages = pdfPages(pdf);
    for (const plan of model.plans) {
      const first = pages.findIndex((p) => footerOf(p).startsWith(plan.name));
      if (first < 0) throw new Error(`${plan.name} is not in the printout`);
      const png = join(out, `${plan.key}.png`);
      pageImage(pdf, first + 1, png);
      const count = pages.filter((p) => footerOf(p).startsWith(plan.name)).length;
      process.stdout.write(`${png}: ${plan.name}, page 1 of ${count}\n`);
      if (plan.charts.length) {
        const large = resolve(out, "..", `${plan.key}-print.png`);
        pageImage(pdf, first + 1, large, 110);
        process.stdout.write(`${large}: ${plan.name} with its ${plan.charts.length} charts\n`);
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 1;
});
