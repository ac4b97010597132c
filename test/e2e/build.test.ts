import { ROOT } from "../helpers/root";
import { readFileSync } from "fs";
import { resolve } from "path";
import { KC_FUNCTIONS } from "../../src/core/registry";

const dist = resolve(ROOT, "test-output/dist");
const read = (name: string) => readFileSync(resolve(dist, name), "utf8");

test("the production build holds the two bundles, the page, the icons and a generated functions.json", () => {
  const metadata = JSON.parse(read("functions.json"));
  expect(metadata.functions.map((f: { id: string }) => f.id)).toEqual(
    KC_FUNCTIONS.map((f) => f.id)
  );
  for (const icon of [16, 32, 64, 80, 128])
    expect(readFileSync(resolve(dist, `assets/icon-${icon}.png`)).length).toBeGreaterThan(100);
  expect(read("taskpane.html")).toContain("taskpane.js");
});

test("both bundles register every function, since the shared runtime loads the task pane page", () => {
  for (const bundle of ["functions.js", "taskpane.js"]) {
    const js = read(bundle);
    for (const { id } of KC_FUNCTIONS) expect(js).toContain(`associate("${id}"`);
  }
});

test("the production manifest points at the production URL, the source one at localhost", () => {
  const built = read("manifest.xml");
  expect(built).not.toContain("https://localhost:3000/");
  expect(built).toContain("https://kc-financials.example.com/taskpane.html");
  expect(readFileSync(resolve(ROOT, "manifest.xml"), "utf8")).toContain(
    "https://localhost:3000/taskpane.html"
  );
});
