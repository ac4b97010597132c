// npm run validate [manifest.xml]: Microsoft's online manifest validator where it can be reached,
// else the schema rules of scripts/manifest-rules.ts, offline. It says which one it used.
import { spawnSync } from "child_process";
import { readFileSync } from "fs";
import { resolve } from "path";
import { checkManifest } from "./manifest-rules";

const file = resolve(process.argv[2] ?? "manifest.xml");
const bin = resolve(__dirname, "../node_modules/.bin/office-addin-manifest");
const online = spawnSync(bin, ["validate", file], { encoding: "utf8", timeout: 60000 });
const output = `${online.stdout ?? ""}${online.stderr ?? ""}`;
const unreachable =
  online.error !== undefined ||
  /Unable to contact the manifest validation service|ENOTFOUND|ECONNREFUSED|ETIMEDOUT/.test(output);

if (!unreachable) {
  process.stdout.write(output);
  process.stdout.write(
    `\nValidated ${file} online with Microsoft's manifest validation service.\n`
  );
  process.exitCode = online.status ?? 1;
} else {
  const reason = (
    output.match(/(Unable to contact[^\n]*|getaddrinfo[^\n]*)/)?.[0] ??
    online.error?.message ??
    "no answer"
  ).trim();
  const problems = checkManifest(readFileSync(file, "utf8"));
  process.stdout.write(
    `The online validator could not be reached (${reason}); validated ${file} offline against the manifest schema rules in scripts/manifest-rules.ts.\n`
  );
  if (problems.length) {
    process.stdout.write(
      `${problems.map((p) => `  ${p}`).join("\n")}\nThe manifest is not valid (${problems.length} problems).\n`
    );
    process.exitCode = 1;
  } else {
    process.stdout.write("The manifest is valid.\n");
  }
}
