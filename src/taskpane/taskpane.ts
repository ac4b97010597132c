// The shared runtime loads this page: registering the custom functions here is what lets Excel
// call them (otherwise cells stay #BUSY!).
import "../functions/functions";
import { showSlowStart, startApp } from "./app";
import { detectHost } from "./host";

detectHost(showSlowStart).then(startApp);
