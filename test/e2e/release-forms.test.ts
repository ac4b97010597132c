import { mkdtempSync, readFileSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { chromiumHere, copiedTextOf } from "../helpers/chromium";
import { kc } from "../helpers/cli";
import { release, releaseText } from "../helpers/release";
import { releaseHtml } from "../helpers/release-forms";
import type { Dataset } from "../../src/domain/dataset";

/**
 * `kc ingest` of the release in each form it comes in: the text of ../shared/sources, the
 * exhibit's HTML (a SYNTHETIC fixture built from that text) and the page copied from a browser
 * (that HTML's innerText, made by Chromium). Every form gives a dataset that `kc check` proves and
 * that answers every figure identically through `kc eval --dataset`.
 */

const both = (name: string, body: () => void) =>
  release.describe(name, () => chromiumHere.describe("in Chromium", body));

both("the release as text, as the exhibit's HTML and as a browser's copy", () => {
  const dir = mkdtempSync(join(tmpdir(), "kc-forms-"));
  const files: Record<string, string> = {};
  const datasets: Record<string, string> = {};

  beforeAll(async () => {
    const text = releaseText();
    const html = releaseHtml(text);
    const forms: [string, string, string][] = [
      ["text", "kc-2026q1-earnings-release.txt", text],
      ["html", "synthetic-kc-2026q1-exhibit-99-1.htm", html],
      ["copied", "synthetic-kc-2026q1-copied.txt", await copiedTextOf(html)],
    ];
    for (const [form, name, content] of forms) {
      files[form] = join(dir, name);
      datasets[form] = join(dir, `dataset-${form}.json`);
      writeFileSync(files[form], content);
    }
  }, 120000);

  test.each(["text", "html", "copied"])("%s: detected, ingested and proved by kc check", (form) => {
    const r = kc(["ingest", files[form], "--fresh", "--out", datasets[form]]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      new RegExp(
        `as ${{ text: "the release as text", html: "the exhibit's HTML", copied: "text copied from a browser" }[form]}`
      )
    );
    const check = kc(["check", "--dataset", datasets[form]]);
    expect(check.code).toBe(0);
    expect(check.stdout).not.toMatch(/FAIL/);
  });

  test("every figure answers the same through kc eval in every form", () => {
    const ds = JSON.parse(readFileSync(datasets.text, "utf8")) as Dataset;
    const formulas = [
      ...new Set(
        ds.facts.map(
          (f) =>
            `=KC.VALUE("${f.item}","${f.period}"${f.currency ? `,"${f.currency === "USD" ? "USD" : "RMB"}"` : ""})`
        )
      ),
    ];
    expect(formulas.length).toBeGreaterThan(300);
    const answers = Object.fromEntries(
      ["text", "html", "copied"].map((form) => {
        const r = kc(["eval", "--dataset", datasets[form], "--stdin"], formulas.join("\n"));
        expect(r.code).toBe(0);
        return [form, r.stdout];
      })
    );
    const values = answers.text
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(values).toHaveLength(formulas.length);
    expect(values.filter((v) => typeof v.value === "number").length).toBeGreaterThan(300);
    expect(answers.html).toBe(answers.text);
    expect(answers.copied).toBe(answers.text);
  });

  test("a damaged copy is refused in every form with the same problem, at its own line", async () => {
    // The closing bracket of "Cost of revenues" lost: in the HTML and its copy as in the text.
    const damaged = releaseText()
      .split("\n")
      .filter((_, k) => k !== 559)
      .join("\n");
    const html = releaseHtml(damaged);
    const copies: [string, string][] = [
      ["broken.txt", damaged],
      ["broken.htm", html],
      ["broken-copied.txt", await copiedTextOf(html)],
    ];
    const problems = copies.map(([name, content]) => {
      writeFileSync(join(dir, name), content);
      const r = kc(["ingest", join(dir, name), "--fresh", "--out", join(dir, `${name}.json`)]);
      expect(r.stdout).toBe("");
      expect(r.code).toBe(2);
      const m = /line (\d+): (.*)/.exec(r.stderr) as RegExpExecArray;
      expect(content.split("\n")[Number(m[1]) - 1]).toContain("(1,651,671");
      return m[2];
    });
    expect(problems[0]).toContain("(1,651,671");
    expect(new Set(problems).size).toBe(1);
  }, 120000);
});
