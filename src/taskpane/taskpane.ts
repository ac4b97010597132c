// The shared runtime loads this page: registering the custom functions here is what lets Excel
// call them (otherwise cells stay #BUSY!).
import "../functions/functions";
import { showSlowStart, startApp } from "./app";
import { detectHost } from "./host";
import { kcInUse } from "../functions/dataset-in-use";

detectHost(showSlowStart).then((host) => startApp(host, kcInUse()));
