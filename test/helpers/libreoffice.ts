import { libreOfficeUnavailable } from "../../scripts/libreoffice";

export * from "../../scripts/libreoffice";

/** Runs the test where LibreOffice is installed; elsewhere skips it saying why, and fails under CI. */
export function withLibreOffice(name: string, fn: () => Promise<void>, timeout = 240000) {
  const why = libreOfficeUnavailable();
  if (!why) return test(name, fn, timeout);
  if (process.env.CI === "true")
    return test(name, async () => {
      throw new Error(`${why}; .ci/run installs them`);
    });
  console.info(`Skipped "${name}": ${why}.`);
  return test.skip(name, fn);
}
