import { ROOT } from "../helpers/root";
import { readFileSync } from "fs";
import { resolve } from "path";
import { functionReference, withReference } from "../../scripts/function-reference";

test("the README's function reference is what the JSDoc and the examples give today (npm run docs:functions)", async () => {
  const readme = readFileSync(resolve(ROOT, "README.md"), "utf8");
  const regenerated = withReference(readme, await functionReference());
  expect(regenerated === readme).toBe(true);
});
