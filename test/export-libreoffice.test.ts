import { spawnSync } from "child_process";
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { kc } from "./helpers/cli";

/**
 * LibreOffice opens the exported workbook and, made to recalculate everything on load, gets every
 * check to zero by itself. Runs where LibreOffice is installed (`apt-get install libreoffice-calc-nogui`).
 */
const soffice = spawnSync("sh", ["-c", "command -v soffice"], { encoding: "utf8" }).stdout.trim();
const maybe = soffice ? test : test.skip;
if (!soffice)
  console.info(
    "LibreOffice is not installed: the LibreOffice recalculation test is skipped (apt-get install libreoffice-calc-nogui)."
  );

maybe("LibreOffice recalculates the exported model to ALL CHECKS PASS", () => {
  const dir = mkdtempSync(join(tmpdir(), "kc-lo-"));
  const file = join(dir, "model.xlsx");
  expect(kc(["export", file, "--currency", "USD", "--unit", "millions"]).code).toBe(0);
  const profile = join(dir, "profile", "user");
  mkdirSync(profile, { recursive: true });
  // Recalculate .xlsx files on load (LibreOffice's default is to show the cached results).
  writeFileSync(
    join(profile, "registrymodifications.xcu"),
    `<?xml version="1.0" encoding="UTF-8"?><oor:items xmlns:oor="http://openoffice.org/2001/registry"><item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item></oor:items>`
  );
  const r = spawnSync(
    soffice,
    [
      `-env:UserInstallation=file://${join(dir, "profile")}`,
      "--headless",
      "--convert-to",
      "csv:Text - txt - csv (StarCalc):44,34,UTF8,1,,0,false,true,false,false,false,-1",
      file,
      "--outdir",
      dir,
    ],
    { encoding: "utf8", timeout: 180000 }
  );
  expect(r.status).toBe(0);
  const checks = readFileSync(join(dir, "model-KC Checks.csv"), "utf8").split("\n");
  expect(checks[3]).toBe("Overall status,,,ALL CHECKS PASS");
  const values = checks
    .slice(6)
    .filter(Boolean)
    .map((l) => l.slice(l.lastIndexOf(",") + 1));
  expect(values.length).toBeGreaterThan(150);
  expect(values.every((v) => v === "0")).toBe(true);
});
