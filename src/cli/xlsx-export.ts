import ExcelJS from "exceljs";
import { Dec } from "../domain/decimal";
import { excelString } from "../sheets/a1";
import { columnsOf } from "../sheets/builder";
import { nameReference } from "../sheets/workbook-names";
import { renderFormula } from "../sheets/expr";
import type { Model } from "../sheets/model";
import { LOOKS } from "../sheets/styles";
import type { PlanCell, SheetPlan } from "../sheets/types";
import { TAB_NAMES } from "../sheets/types";
import { addCharts } from "./xlsx-charts";

/**
 * The model as an .xlsx that needs no add-in: KC inputs become their figures (with where each
 * comes from in a note), every link, subtotal, total, growth rate, margin and check stays a native
 * formula with its result cached, and the workbook asks to be recalculated when opened. Each tab
 * prints landscape, one page wide, its titles and labels on every page.
 */
export async function modelXlsx(model: Model): Promise<Buffer> {
  const written = await modelWorkbook(model).xlsx.writeBuffer();
  return addCharts(written as ArrayBuffer, model.plans, (at) => model.value(at));
}

/** The workbook's cells, names and page setup, without the charts (which exceljs cannot write). */
export function modelWorkbook(model: Model): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = "KC Financials";
  wb.title = "Kingsoft Cloud model";
  wb.description = `Dataset ${model.datasetVersion}`;
  wb.calcProperties.fullCalcOnLoad = true;
  for (const plan of model.plans) writeSheet(wb, model, plan);
  return wb;
}

function writeSheet(wb: ExcelJS.Workbook, model: Model, plan: SheetPlan): void {
  const ws = wb.addWorksheet(plan.name, {
    views: [
      plan.freeze.rows || plan.freeze.columns
        ? {
            state: "frozen",
            xSplit: plan.freeze.columns,
            ySplit: plan.freeze.rows,
            showGridLines: false,
          }
        : { state: "normal", showGridLines: false },
    ],
    pageSetup: {
      orientation: plan.print.orientation,
      fitToPage: true,
      fitToWidth: plan.print.fitToWidth,
      fitToHeight: plan.print.fitToHeight,
      // A tab that prints on one page (KC Dashboard) repeats no rows: "1:0" is no range.
      ...(plan.print.titleRows ? { printTitlesRow: `1:${plan.print.titleRows}` } : {}),
      printTitlesColumn: "A:A",
      printArea: absoluteRows(plan.print.area),
      showGridLines: false,
      margins: plan.print.margins,
    },
    headerFooter: {
      oddFooter: `&L${plan.print.footer.left}&C${plan.print.footer.center}&R${plan.print.footer.right}`,
    },
  });
  plan.widths.forEach((w, k) => {
    ws.getColumn(k + 1).width = w;
  });
  // Older quarters grouped in the outline and collapsed: in the sheet, not in the print.
  for (const c of plan.collapsed.flatMap(columnsOf)) {
    const column = ws.getColumn(c + 1);
    column.outlineLevel = 1;
    column.hidden = true;
  }
  if (plan.collapsed.length) ws.properties.outlineLevelCol = 1;
  // The workbook names the task pane writes, so that formulas written with them work here too.
  for (const n of plan.names) wb.definedNames.add(nameReference(plan.name, n), n.name);
  for (const h of plan.heights) ws.getRow(h.row + 1).height = h.points;
  for (const c of plan.cells) {
    const cell = ws.getCell(c.row + 1, c.col + 1);
    setContent(cell, model, plan, c);
    style(cell, c);
  }
}

/**
 * exceljs writes a print area "A1:L40" as $A1:$L40, whose rows are relative: LibreOffice then
 * prints the whole sheet. Given A$1:L$40 it writes $A$1:$L$40, as Excel itself does.
 */
function absoluteRows(area: string): string {
  return area.replace(/([A-Z]+)(\d+)/g, "$1$$$2");
}

function setContent(cell: ExcelJS.Cell, model: Model, plan: SheetPlan, c: PlanCell): void {
  if (!c.formula) {
    // Strings are written as text: a label can never turn into a formula.
    cell.value = c.value ?? null;
    // A label's note is the release's own wording; any other note says why the cell reads so.
    if (c.note)
      cell.note =
        c.col === 0 && c.style !== "header" ? `As printed in the release: ${c.note}` : c.note;
    return;
  }
  const value = model.value({ tab: plan.key, row: c.row, col: c.col });
  const result =
    value instanceof Dec ? value.toNumber() : typeof value === "string" ? value : undefined;
  if (c.formula.op === "kc") {
    cell.value = result ?? null;
    cell.note = `=KC.${c.formula.fn}(${c.formula.args.map(excelString).join(",")}) in the add-in.\nSource: ${model.source(c.formula)}`;
    return;
  }
  const formula = renderFormula(c.formula, { tab: plan.key, names: TAB_NAMES }).slice(1);
  cell.value = { formula, result } as ExcelJS.CellFormulaValue;
}

function style(cell: ExcelJS.Cell, c: PlanCell): void {
  const look = LOOKS[c.style];
  const argb = (hex: string) => `FF${hex.slice(1)}`;
  cell.font = {
    name: "Calibri",
    size: look.size ?? 11,
    bold: look.bold,
    italic: look.italic,
    ...(look.color ? { color: { argb: argb(look.color) } } : {}),
  };
  if (look.fill)
    cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: argb(look.fill) } };
  if (look.topBorder) cell.border = { top: { style: "thin" } };
  if (c.format) cell.numFmt = c.format;
  if (c.indent || look.align || look.wrap)
    cell.alignment = {
      ...(c.indent ? { indent: c.indent } : {}),
      ...(look.align ? { horizontal: look.align } : {}),
      ...(look.wrap ? { wrapText: true, vertical: "bottom" } : {}),
    };
}
