/**
 * Every action of the task pane that changes the workbook, and every function that runs Excel
 * only to read it, with why. "Every write is all-or-nothing" is a claim about this list: the sweep
 * (test/unit/taskpane/write-actions.faults.test.ts) drives each action with a fault at every sync
 * and inside each sync's batch, and proves it left the workbook as it was, to the byte, or
 * finished it as a clean run would. write-actions.test.ts fails for a function of the pane's that
 * runs Excel and is on neither list, so an action added later cannot miss the sweep.
 */

/** Where an action's code is: the pane's module and the function that runs Excel. */
export type Runner =
  | "writer.insertModel"
  | "writer.refreshModel"
  | "release-day.storeDataset"
  | "release-day.logActions"
  | "share.makeShareableCopy"
  | "share.convertSelection"
  | "share.restoreFormulas"
  | "builder-panel.insertIntoActiveCell";

export interface WriteAction {
  id: string;
  /** As the analyst knows it: the button, and what the workbook holds when they press it. */
  what: string;
  runner: Runner;
}

export const WRITE_ACTIONS: readonly WriteAction[] = [
  {
    id: "insert",
    what: "Insert model tabs, into a workbook without them: KC Dashboard's charts added with them",
    runner: "writer.insertModel",
  },
  {
    id: "insert again",
    what: "Insert model tabs again with other options (US$, millions): in place, columns inserted",
    runner: "writer.insertModel",
  },
  {
    id: "refresh",
    what: "Refresh after a new quarter: a column inserted in every tab (a row in KC Dashboard, its charts re-pointed), every cell written",
    runner: "writer.refreshModel",
  },
  {
    id: "recalculate",
    what: "Refresh of an up-to-date model: its cells recalculated",
    runner: "writer.refreshModel",
  },
  {
    id: "add a release",
    what: "Add a release: the releases stored in the workbook and the KC Log told",
    runner: "release-day.storeDataset",
  },
  {
    id: "log an action",
    what: "The KC Log's line for an insert or a refresh, written once it is done",
    runner: "release-day.logActions",
  },
  {
    id: "shareable copy",
    what: "Make a shareable copy of the model tabs and a sheet of the analyst's",
    runner: "share.makeShareableCopy",
  },
  {
    id: "convert to values",
    what: "Convert KC formulas to values in the selection, with the conversion's record",
    runner: "share.convertSelection",
  },
  {
    id: "restore formulas",
    what: "Restore formulas from the workbook's record of the latest conversion",
    runner: "share.restoreFormulas",
  },
  {
    id: "insert a formula",
    what: "The formula builder's Insert: one KC formula into the active cell",
    runner: "builder-panel.insertIntoActiveCell",
  },
];

/** Functions that run Excel and change nothing, with why nothing. */
export const READ_ONLY: ReadonlyMap<string, string> = new Map([
  ["share-panel.listSheets", "loads the sheets' names for the pane's list"],
  ["share.selectionToConvert", "loads the selection to count its KC formulas for the confirmation"],
  ["workbook-data.answerFromWorkbook", "loads the releases the workbook stores, at start-up"],
  ["app.traceSelection", "loads the active cell to show where its figure comes from"],
  [
    "release-day.recalculateKcCells",
    "loads every sheet's formulas to recalculate the KC cells among them: Excel computes them again, no cell's content is written",
  ],
]);
