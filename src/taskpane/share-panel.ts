import type { KcFormulas } from "../core/formulas";
import { TAB_NAMES } from "../sheets/types";
import { byId, h, setEnabled } from "./dom";
import type { Host } from "./host";
import type { Conversion, Restored, ShareReport } from "./share";
import { message } from "./sheet-transaction";
import type { ExcelApi } from "./writer";

/**
 * The "Share without the add-in" card: a copy of chosen sheets, or the selection converted in
 * place (after a confirmation in the pane: add-ins cannot use window.confirm), and the formulas put
 * back. Each message appears beside the control that caused it.
 */

const MODEL_TABS: ReadonlySet<string> = new Set(Object.values(TAB_NAMES));

/** The requirement set with cell notes (ExcelApi 1.18), where each replaced figure's source goes. */
export const NOTES_SET = { name: "ExcelApi", version: "1.18" } as const;

/**
 * Copying, converting and restoring: a chunk of their own, loaded at the first click, so the pane
 * opens (and reads a release) without them.
 */
function share() {
  return import(/* webpackChunkName: "share" */ "./share");
}

/** The workbook's sheets, in order, for the pane's list. */
export async function listSheets(api: ExcelApi = Excel): Promise<string[]> {
  return api.run(async (context) => {
    const sheets = context.workbook.worksheets;
    sheets.load("items/name");
    await context.sync();
    return sheets.items.map((s) => s.name);
  });
}
const BUTTONS = ["share-copy", "share-reload", "share-convert", "share-restore"];

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export function copySummary(r: ShareReport): string[] {
  const lines = [
    `Copied ${plural(r.copies.length, "sheet")}: ${r.copies
      .map((c) => `"${c.from}" to "${c.to}" (${plural(c.converted, "KC formula")} replaced)`)
      .join(", ")}.`,
    "Each replaced figure keeps its formula and source in a cell note; native formulas stay live and point at the copies.",
  ];
  if (r.outside.length)
    lines.push(
      `The copies refer to ${r.outside.map((n) => `"${n}"`).join(", ")}, not copied: copy ${r.outside.length === 1 ? "it" : "them"} too, or those links will point back to this workbook.`
    );
  lines.push(
    "To send them: select the copies' tabs, right-click, Move or Copy, (new book), and save that workbook."
  );
  return lines;
}

export function confirmText(s: { address: string; count: number }): string {
  return `Replace the ${plural(s.count, "KC formula")} in ${s.address} by ${s.count === 1 ? "its value" : "their values"}? Each keeps its formula and source in a cell note, and Restore formulas puts them back, also after the workbook is closed and opened again.`;
}

export function conversionSummary(c: Conversion): string {
  return `Replaced ${plural(c.cells.length, "KC formula")} in ${c.address} by ${c.cells.length === 1 ? "its value" : "their values"}. Restore formulas puts them back: the workbook keeps a record of them.`;
}

export function restoreSummary(r: Restored): string[] {
  const lines = [...r.warnings, `Put back ${plural(r.restored, "formula")} in "${r.sheet}".`];
  if (r.changed.length)
    lines.push(
      `Left ${plural(r.changed.length, "cell")} you changed since, as ${r.changed.length === 1 ? "it is" : "they are"}: ${r.changed.join(", ")}.`
    );
  if (r.remaining)
    lines.push(
      `The workbook records ${plural(r.remaining, "earlier conversion")}: Restore formulas again puts back the latest.`
    );
  return lines;
}

function say(id: string, lines: string[], error = false): void {
  const box = byId(id);
  box.className = error ? "summary error" : "summary";
  box.setAttribute("role", error ? "alert" : "status");
  box.replaceChildren(...lines.map((l) => h("p", {}, l)));
}

export function setUpSharePanel(host: Host, kcfNow: () => KcFormulas): void {
  const notes =
    host === "excel" &&
    Office.context.requirements.isSetSupported(NOTES_SET.name, NOTES_SET.version);
  byId("share-notes").textContent =
    host !== "excel"
      ? "Sharing needs Excel."
      : notes
        ? "Each replaced figure's formula and source go in a cell note."
        : `This version of Excel has no cell notes (${NOTES_SET.name} ${NOTES_SET.version}), where each replaced figure's formula and source go: update Excel to share models from here.`;
  if (!notes) {
    const whyNot = host === "excel" ? "Needs cell notes (ExcelApi 1.18)" : "Needs Excel";
    for (const id of BUTTONS) setEnabled(byId<HTMLButtonElement>(id), whyNot);
    return;
  }

  const busy = (on: boolean) => {
    for (const id of BUTTONS)
      setEnabled(byId<HTMLButtonElement>(id), on ? "Waiting for Excel to finish" : undefined);
    byId("share-section").setAttribute("aria-busy", String(on));
  };
  busy(false);
  const confirm = byId("share-confirm");
  const run = async (id: string, what: () => Promise<string[]>) => {
    busy(true);
    try {
      say(id, await what());
    } catch (e) {
      say(id, [message(e)], true);
    } finally {
      busy(false);
    }
  };

  // The workbook's sheets, the model tabs ticked at first, then whatever the user had ticked.
  let first = true;
  const showSheets = async () => {
    const ticked = new Set(chosenSheets());
    const names = await listSheets();
    byId("share-sheets").replaceChildren(
      ...names.map((name) =>
        h(
          "label",
          { class: "check" },
          h("input", {
            type: "checkbox",
            name: "share-sheet",
            value: name,
            checked: first ? MODEL_TABS.has(name) : ticked.has(name),
          }),
          name
        )
      )
    );
    first = false;
  };
  byId("share-reload").addEventListener("click", () =>
    run("share-copy-message", async () => {
      await showSheets();
      return [];
    })
  );
  byId("share-copy").addEventListener("click", () =>
    run("share-copy-message", async () => {
      const { makeShareableCopy } = await share();
      const report = await makeShareableCopy(chosenSheets(), kcfNow());
      await showSheets();
      return copySummary(report);
    })
  );

  let confirmed: string | undefined;
  byId("share-convert").addEventListener("click", () =>
    run("share-convert-message", async () => {
      const { selectionToConvert } = await share();
      const selected = await selectionToConvert();
      if (selected.count === 0) return [`The selection (${selected.address}) holds no KC formula.`];
      confirmed = selected.address;
      byId("share-confirm-text").textContent = confirmText(selected);
      confirm.hidden = false;
      byId("share-confirm-no").focus();
      return [];
    })
  );
  byId("share-confirm-no").addEventListener("click", () => {
    confirm.hidden = true;
    say("share-convert-message", ["Nothing was converted."]);
  });
  byId("share-confirm-yes").addEventListener("click", () => {
    confirm.hidden = true;
    void run("share-convert-message", async () => {
      const { convertSelection } = await share();
      const conversion = await convertSelection(kcfNow(), Excel, confirmed);
      return [conversionSummary(conversion)];
    });
  });
  byId("share-restore").addEventListener("click", () =>
    run("share-convert-message", async () => {
      const { restoreFormulas } = await share();
      return restoreSummary(await restoreFormulas());
    })
  );
  void run("share-copy-message", async () => {
    await showSheets();
    return [];
  });
}

function chosenSheets(): string[] {
  return Array.from(
    document.querySelectorAll<HTMLInputElement>('input[name="share-sheet"]:checked')
  ).map((i) => i.value);
}
