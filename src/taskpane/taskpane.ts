// The shared runtime loads this page: registering the custom functions here is what lets Excel
// call them (otherwise cells stay #BUSY!).
import "../functions/functions";
import { useBundled } from "../functions/dataset-in-use";
import { showSlowStart, startApp } from "./app";
import { detectHost } from "./host";
import { answerFromWorkbook } from "./workbook-data";

detectHost(showSlowStart).then(async (host) => {
  // Inside Excel the workbook's stored releases are read before the pane can write anything.
  const inUse = host === "excel" ? await answerFromWorkbook(Excel) : useBundled();
  startApp(host, inUse);
});
