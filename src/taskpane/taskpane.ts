// The shared runtime loads this page: registering the custom functions here is what lets Excel
// call them (otherwise cells stay #BUSY!).
import "../functions/functions";
import { useBundled } from "../functions/dataset-in-use";
import { showSlowStart, startApp } from "./app";
import { detectHost } from "./host";
import { answerFromWorkbook } from "./workbook-data";

detectHost(showSlowStart).then(async (host) => {
  // Inside Excel the workbook's stored releases are read before the pane can write anything.
  let inUse;
  try {
    inUse = host === "excel" ? await answerFromWorkbook(Excel) : useBundled();
  } catch (e) {
    // The pane must start whatever the read did: the functions then answer from the bundle.
    inUse = useBundled([
      `The workbook's stored releases could not be read (${e instanceof Error ? e.message : String(e)}); the KC functions answer from the bundled dataset.`,
    ]);
  }
  startApp(host, inUse);
});
