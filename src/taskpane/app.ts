import { kc } from "../core/bundled";
import { buildModel } from "../sheets/model";
import type { ModelOptions, ModelUnit, TabKey } from "../sheets/types";
import { DEFAULT_OPTIONS, TAB_KEYS, TAB_NAMES } from "../sheets/types";
import { BuiltFormula, setUpBuilder } from "./builder-panel";
import { byId, h } from "./dom";
import type { Host } from "./host";
import { renderPreview } from "./preview";
import { setUpSharePanel } from "./share-panel";
import { queueRefReads } from "./ref-values";
import { Trace, findKcCall, traceCall } from "./trace";
import { BuildReport, RefreshReport, insertModel, refreshModel } from "./writer";

/** The task pane: insert and refresh the model, build a formula, trace a figure; a preview outside Excel. */
export function startApp(host: Host): void {
  const kcf = kc();
  const ds = kcf.fin.dataset;
  byId("dataset-line").textContent =
    `Kingsoft Cloud ${ds.latestQuarter} release · dataset ${ds.version}`;
  setUpOptions();
  setUpSharePanel(host);
  let built: BuiltFormula | undefined;
  setUpBuilder(kcf, (b) => {
    built = b;
    byId<HTMLButtonElement>("insert-formula").disabled = host !== "excel" || !b;
    byId<HTMLButtonElement>("copy-formula").disabled = !b;
    if (host === "preview") showTrace(b ? traceCall(kcf, findKcCall(b.formula)!) : undefined);
  });
  byId("copy-formula").addEventListener("click", () => built && copy(built.formula));

  if (host === "excel") {
    byId("insert").addEventListener("click", () => runInsert());
    byId("refresh").addEventListener("click", () => runRefresh());
    byId("insert-formula").addEventListener("click", () => built && insertFormula(built.formula));
    Office.context.document.addHandlerAsync(
      Office.EventType.DocumentSelectionChanged,
      () => void traceSelection()
    );
    void traceSelection();
  } else {
    const banner = byId("mode-banner");
    banner.hidden = false;
    banner.textContent =
      "Preview outside Excel: the model below is computed from the bundled dataset by the same plans the add-in writes. Inserting tabs and formulas needs Excel (Insert > Add-ins > Upload My Add-in, then manifest.xml).";
    for (const id of ["insert", "refresh", "insert-formula"]) {
      const b = byId<HTMLButtonElement>(id);
      b.disabled = true;
      b.title = "Needs Excel";
    }
    byId("source-hint").textContent =
      "Outside Excel the source panel traces the formula built above.";
    const section = byId("preview-section");
    section.hidden = false;
    renderPreview(buildModel(kcf.fin, DEFAULT_OPTIONS), byId("preview"));
    for (const id of ["currency", "unit"]) {
      byId(id).addEventListener("change", () =>
        renderPreview(buildModel(kcf.fin, options()), byId("preview"))
      );
    }
  }
}

function setUpOptions(): void {
  byId("tab-choices").replaceChildren(
    ...TAB_KEYS.map((key) =>
      h(
        "label",
        { class: "check" },
        h("input", { type: "checkbox", name: "tab", value: key, checked: true }),
        TAB_NAMES[key]
      )
    )
  );
}

function options(): ModelOptions {
  const tabs = Array.from(
    document.querySelectorAll<HTMLInputElement>('input[name="tab"]:checked')
  ).map((i) => i.value as TabKey);
  return {
    currency: byId<HTMLSelectElement>("currency").value === "USD" ? "USD" : "RMB",
    unit: byId<HTMLSelectElement>("unit").value as ModelUnit,
    tabs,
  };
}

function busy(on: boolean): void {
  for (const id of ["insert", "refresh"]) byId<HTMLButtonElement>(id).disabled = on;
  byId("insert-section").setAttribute("aria-busy", String(on));
}

function progress(message: string): void {
  byId("progress").textContent = message ? `${message}…` : "";
}

function summary(lines: string[], error = false): void {
  const box = byId("summary");
  box.className = error ? "summary error" : "summary";
  box.setAttribute("role", error ? "alert" : "status");
  box.replaceChildren(...lines.map((l) => h("p", {}, l)));
}

async function runInsert(): Promise<void> {
  const opts = options();
  if (opts.tabs.length === 0) {
    summary(["Choose at least one tab to insert."], true);
    return;
  }
  busy(true);
  try {
    progress("Computing the model");
    const model = buildModel(kc().fin, opts);
    const report = await insertModel(model, progress);
    summary(insertSummary(report, opts));
  } catch (e) {
    summary([`The model was not inserted: ${e instanceof Error ? e.message : String(e)}`], true);
  } finally {
    progress("");
    busy(false);
  }
}

export function insertSummary(r: BuildReport, opts: ModelOptions): string[] {
  const lines = [
    `Inserted ${r.tabs.length} tab${r.tabs.length === 1 ? "" : "s"} in ${opts.currency === "USD" ? "US$" : "RMB"} ${opts.unit}: ${r.tabs
      .map((t) => t.name)
      .join(", ")}.`,
    r.failing === 0
      ? `All ${r.checks} checks are zero.`
      : `${r.failing} of ${r.checks} checks are not zero: see KC Checks.`,
  ];
  const replaced = r.tabs.filter((t) => t.replaced).length;
  if (replaced)
    lines.push(`${replaced} earlier KC tab${replaced === 1 ? " was" : "s were"} replaced.`);
  for (const x of r.renamed)
    lines.push(`"${x.wanted}" is a sheet of yours, left as it is; the tab is "${x.used}".`);
  return [...lines, ...keptAndWarnings(r, "replaced")];
}

function keptAndWarnings(r: { kept: number; warnings: string[] }, tabs: string): string[] {
  return [
    ...(r.kept
      ? [
          `${r.kept} cell${r.kept === 1 ? "" : "s"} you had typed in the ${tabs} tabs ${r.kept === 1 ? "was" : "were"} kept.`,
        ]
      : []),
    ...r.warnings,
  ];
}

async function runRefresh(): Promise<void> {
  busy(true);
  try {
    const report = await refreshModel((o) => buildModel(kc().fin, o), progress);
    summary(refreshSummary(report));
  } catch (e) {
    summary([`The model was not refreshed: ${e instanceof Error ? e.message : String(e)}`], true);
  } finally {
    progress("");
    busy(false);
  }
}

export function refreshSummary(r: RefreshReport): string[] {
  const rebuilt = r.tabs.filter((t) => t.rebuilt);
  const older = [...new Set(rebuilt.map((t) => t.from).filter((v) => v !== rebuilt[0]?.to))];
  const lines = [
    `Recalculated ${r.tabs.length} KC tab${r.tabs.length === 1 ? "" : "s"}; ${
      rebuilt.length
        ? `rebuilt ${rebuilt.map((t) => t.name).join(", ")} from dataset ${rebuilt[0].to} (was ${older.join(", ")})`
        : "all were built from the current dataset"
    }.`,
  ];
  if (rebuilt.length) {
    lines.push(
      "Any formula of yours that pointed into a rebuilt tab now shows #REF! (its lines may have moved): point it at the new tab."
    );
    lines.push(
      r.changes.length
        ? `${r.changes.length} figure${r.changes.length === 1 ? "" : "s"} changed:`
        : "No figure changed."
    );
    for (const c of r.changes.slice(0, 20))
      lines.push(`${c.line}, ${c.column}: ${String(c.before ?? "(new)")} → ${String(c.after)}`);
    if (r.changes.length > 20) lines.push(`… and ${r.changes.length - 20} more.`);
  }
  lines.push(
    r.failing === 0
      ? `All ${r.checks} checks are zero.`
      : `${r.failing} of ${r.checks} checks are not zero.`
  );
  if (r.status) lines.push(`KC Checks shows: ${r.status}.`);
  return [...lines, ...keptAndWarnings(r, "rebuilt")];
}

async function insertFormula(formula: string): Promise<void> {
  try {
    await Excel.run(async (context) => {
      const cell = context.workbook.getActiveCell();
      cell.formulas = [[formula]];
      await context.sync();
    });
    summary([`Inserted ${formula}`]);
  } catch (e) {
    summary([`The formula was not inserted: ${e instanceof Error ? e.message : String(e)}`], true);
  }
}

/** Reads the selected cell and, if it holds a KC call, shows where its figure comes from. */
async function traceSelection(): Promise<void> {
  try {
    await Excel.run(async (context) => {
      const cell = context.workbook.getActiveCell();
      cell.load("formulas,address");
      await context.sync();
      const formula = String(cell.formulas[0][0] ?? "");
      const call = findKcCall(formula);
      if (!call) {
        showTrace(undefined, `${cell.address} holds no KC formula.`);
        return;
      }
      const refs = call.args.flatMap((a) => (a.kind === "ref" ? [a.ref] : []));
      const read = queueRefReads(context, context.workbook.worksheets.getActiveWorksheet(), refs);
      if (refs.length) await context.sync();
      const values = read();
      showTrace(traceCall(kc(), call, values), cell.address);
    });
  } catch (e) {
    showTrace(
      undefined,
      `Cannot read the selection: ${e instanceof Error ? e.message : String(e)}`
    );
  }
}

function showTrace(trace: Trace | undefined, note = ""): void {
  const list = byId("source");
  byId("source-note").textContent = note;
  if (!trace) {
    list.replaceChildren();
    return;
  }
  list.replaceChildren(
    h("dt", {}, "Function"),
    h("dd", {}, trace.call),
    h("dt", {}, trace.error ? "Error" : "Figure"),
    h("dd", { class: trace.error ? "error" : "" }, trace.error ?? String(trace.figure)),
    ...trace.sources.flatMap((s, k) => [
      h("dt", {}, trace.sources.length > 1 ? `Source ${k + 1}` : "Source"),
      h("dd", {}, s),
    ])
  );
}

async function copy(text: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
    summary([`Copied ${text}`]);
  } catch {
    const out = byId<HTMLOutputElement>("formula");
    const range = document.createRange();
    range.selectNodeContents(out);
    getSelection()?.removeAllRanges();
    getSelection()?.addRange(range);
    summary(["Press Ctrl+C to copy the selected formula."]);
  }
}
