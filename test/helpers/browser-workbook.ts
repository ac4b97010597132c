import { FakeExcel } from "./fake-excel";

/**
 * The mock workbook in a browser page, as the global `Excel` the task pane uses (bundled by the
 * share end-to-end test, served in place of Office.js): a model tab and a sheet of the user's.
 */
const fake = new FakeExcel([
  {
    name: "KC Income Statement",
    cells: {
      A6: "Public cloud services",
      D6: {
        formula: '=KC.VALUE("revenue.public","2026Q1","RMB","thousands")',
        value: 1996301,
      },
    },
  },
  {
    name: "DCF",
    cells: {
      A1: "Revenue x2",
      B1: { formula: '=KC.VALUE("revenue.total","2026Q1")*2', value: 4691356 },
      C1: { formula: "=B1/2", value: 2345678 },
    },
  },
]);
fake.selection = { sheet: "DCF", address: "A1:C3" };
Object.assign(globalThis, { Excel: fake.api, fakeExcel: fake });
