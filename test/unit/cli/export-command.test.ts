import JSZip from "jszip";
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join, resolve } from "path";
import { kcHere } from "../../helpers/cli";
import { TAB_TITLES } from "../../helpers/expected";
import { ROOT } from "../../helpers/root";

/**
 * kc export, in process: its arguments, what it says it wrote, and its exit code. (What the
 * workbook holds is xlsx-export's to test.)
 */

const dir = mkdtempSync(join(tmpdir(), "kc-export-command-"));
const TABS = TAB_TITLES.join(", ");

/** The sheet names of a written workbook, from its workbook part. */
async function sheetNames(file: string): Promise<string[]> {
  const zip = await JSZip.loadAsync(readFileSync(file));
  const xml = await zip.file("xl/workbook.xml")!.async("string");
  return [...xml.matchAll(/<sheet [^>]*name="([^"]+)"/g)].map((m) => m[1].replace(/&amp;/g, "&"));
}

test("by default the linked model in RMB thousands, every check zero, exit 0", async () => {
  const file = join(dir, "model.xlsx");
  const r = await kcHere(["export", file]);
  expect(r.stderr).toBe("");
  expect(r.code).toBe(0);
  expect(r.stdout).toMatch(
    new RegExp(
      `^Wrote ${file.replace(/[.\\/]/g, "\\$&")}: ${TABS} in RMB thousands; all \\d+ checks are zero \\(dataset 2026Q1-[0-9a-f]+\\)\\.\\n$`
    )
  );
  expect(await sheetNames(file)).toEqual(TAB_TITLES);
});

test("--currency and --unit, in any order and in the words analysts use", async () => {
  const file = join(dir, "usd.xlsx");
  const r = await kcHere(["export", "--unit", "millions", file, "--currency", "usd"]);
  expect(r.code).toBe(0);
  expect(r.stdout).toContain(`: ${TABS} in USD millions; all `);
});

test("a file name ending in .XLSX is fine; one in anything else is refused", async () => {
  const upper = join(dir, "MODEL.XLSX");
  expect((await kcHere(["export", upper])).code).toBe(0);
  const csv = join(dir, "model.csv");
  const r = await kcHere(["export", csv]);
  expect(r.code).toBe(2);
  expect(r.stderr).toBe(`kc export: ${csv} should end in .xlsx\n`);
  expect(readdirSync(dir)).not.toContain("model.csv");
});

test("a dataset whose figures do not tie: the workbook is written, the checks that fail counted, exit 1", async () => {
  const committed = readFileSync(resolve(ROOT, "src/data/dataset.json"), "utf8");
  const typed = '"item":"revenue.public","period":"2026Q1","currency":"RMB","value":"1996301"';
  const mistyped = join(dir, "mistyped.json");
  writeFileSync(mistyped, committed.replace(typed, typed.replace("1996301", "1996302")));
  const file = join(dir, "mistyped.xlsx");
  const r = await kcHere(["export", file, "--dataset", mistyped]);
  expect(r.code).toBe(1);
  expect(r.stdout).toMatch(/; \d+ checks are not zero \(dataset /);
  expect(r.stdout).not.toContain("all ");
  expect(readdirSync(dir)).toContain("mistyped.xlsx");
});

describe("usage errors: one line, exit 2, nothing written", () => {
  /** Where a mistake in the command line says the usage is. */
  const HELP = " (kc export --help shows its usage)";
  const refused = async (args: string[]) => {
    const before = readdirSync(dir);
    const r = await kcHere(["export", ...args]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(readdirSync(dir)).toEqual(before);
    return r.stderr;
  };

  test("no file: where to?", async () => {
    expect(await refused([])).toBe(`kc export: where to? e.g. kc export model.xlsx${HELP}\n`);
  });

  test("two files", async () => {
    const a = join(dir, "a.xlsx");
    const b = join(dir, "b.xlsx");
    expect(await refused([a, b])).toBe(`kc export: one file at a time; got ${a} and ${b}\n`);
  });

  test("an option without its value", async () => {
    expect(await refused([join(dir, "c.xlsx"), "--currency"])).toBe(
      `kc export: --currency needs a value${HELP}\n`
    );
    expect(await refused([join(dir, "c.xlsx"), "--unit"])).toBe(
      `kc export: --unit needs a value${HELP}\n`
    );
  });

  test("a currency or unit it does not know", async () => {
    expect(await refused([join(dir, "c.xlsx"), "--currency", "EUR"])).toMatch(
      /^kc export: Unknown currency "EUR"; .*RMB, USD\n$/
    );
    expect(await refused([join(dir, "c.xlsx"), "--unit", "units"])).toBe(
      'kc export: Unknown unit "units"; expected thousands or millions\n'
    );
  });

  test("an option it does not know", async () => {
    expect(await refused([join(dir, "c.xlsx"), "--sheets"])).toContain("--sheets");
  });

  test("--dataset without a path", async () => {
    expect(await refused([join(dir, "c.xlsx"), "--dataset"])).toBe(
      `kc export: --dataset needs a path${HELP}\n`
    );
  });
});
