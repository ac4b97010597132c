import { ROOT } from "../helpers/root";
import { execFileSync } from "child_process";
import { readFileSync, readdirSync, statSync } from "fs";
import { join } from "path";

/** Security and hygiene of what ships: manifest, page policy, and code that never evaluates text. */

const manifest = readFileSync(join(ROOT, "manifest.xml"), "utf8");

test("the manifest asks for ReadWriteDocument and nothing more", () => {
  expect(manifest.match(/<Permissions>[^<]*<\/Permissions>/g)).toEqual([
    "<Permissions>ReadWriteDocument</Permissions>",
  ]);
});

test("the page's policy lets Office.js run and allows no script of ours but our files", () => {
  for (const html of [
    readFileSync(join(ROOT, "src/taskpane/taskpane.html"), "utf8"),
    readFileSync(join(ROOT, "test-output/dist/taskpane.html"), "utf8"),
  ]) {
    const csp = /http-equiv="?Content-Security-Policy"?\s+content="([^"]+)"/.exec(html)?.[1];
    expect(csp).toBeDefined();
    const directives = new Map(
      (csp as string)
        .split(";")
        .map((d) => d.trim().split(/\s+/))
        .map(([name, ...values]) => [name, values])
    );
    expect(directives.get("default-src")).toEqual(["'self'"]);
    // Office.js is loaded from appsforoffice.microsoft.com and loads MicrosoftAjax.js from
    // ajax.aspnetcdn.com (OfficeDev/office-js#1005); nothing else runs but our own bundles.
    expect(directives.get("script-src")).toEqual([
      "'self'",
      "https://appsforoffice.microsoft.com",
      "https://ajax.aspnetcdn.com",
    ]);
    // Excel on the web's Office.js applies inline styles (OfficeDev/office-js#1687).
    expect(directives.get("style-src")).toEqual(["'self'", "'unsafe-inline'"]);
    expect(directives.get("object-src")).toEqual(["'none'"]);
    expect(directives.get("base-uri")).toEqual(["'self'"]);
    for (const values of directives.values())
      expect(values.filter((v) => v === "*" || v === "'unsafe-eval'")).toEqual([]);
    const inline = [...directives]
      .filter(([name, values]) => name !== "style-src" && values.includes("'unsafe-inline'"))
      .map(([name]) => name);
    expect(inline).toEqual([]);
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(html).not.toMatch(/\son[a-z]+=/i);
    expect(html).not.toMatch(/\sstyle=/i);
  }
});

function files(dir: string, ext: RegExp): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path, ext) : ext.test(name) ? [path] : [];
  });
}

test("no eval or new Function, in our source or in the shipped bundles", () => {
  const evaluating =
    /\beval\s*\(|\bnew\s+Function\s*\(|\bFunction\s*\(\s*["'`]|setTimeout\s*\(\s*["'`]/;
  const offenders = [
    ...files(join(ROOT, "src"), /\.ts$/),
    join(ROOT, "test-output/dist/functions.js"),
    join(ROOT, "test-output/dist/taskpane.js"),
  ].filter((f) => evaluating.test(readFileSync(f, "utf8")));
  expect(offenders).toEqual([]);
});

test("no file in git holds a merge's conflict markers", () => {
  const tracked = execFileSync("git", ["ls-files", "-z"], { cwd: ROOT, encoding: "utf8" })
    .split("\0")
    .filter((f) => f && /\.(ts|js|json|md|xml|html|css|yml|sh)$|^\.ci\//.test(f));
  const marker = /^(<{7}|>{7})( |$)|^={7}$/m;
  const marked = tracked.filter((f) => marker.test(readFileSync(join(ROOT, f), "utf8")));
  expect(tracked.length).toBeGreaterThan(100);
  expect(marked).toEqual([]);
});
