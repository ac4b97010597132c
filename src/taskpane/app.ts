import { Financials } from "../core/financials";
import { KcFormulas } from "../core/formulas";
import { releasesMissing, releasesOf } from "../data/stored";
import type { Dataset } from "../domain/dataset";
import { InUse, bundledKc, useDataset } from "../functions/dataset-in-use";
import { LogSource, sourceText } from "../sheets/log-entries";
import { registrationFailures } from "../functions/runtime";
import { Model, buildModel } from "../sheets/model";
import type { ModelOptions, ModelUnit, TabKey } from "../sheets/types";
import { printedLabel } from "../sheets/short-labels";
import { DEFAULT_OPTIONS, TAB_KEYS, TAB_NAMES } from "../sheets/types";
import { BuiltFormula, insertIntoActiveCell, setUpBuilder } from "./builder-panel";
import { byId, h, setEnabled, unbroken } from "./dom";
import { Host, supports } from "./host";
import { formatNumber } from "./number-format";
import { Rolled, addRelease, logActions, storeDataset } from "./release-day";
import { setUpReleasePanel } from "./release-panel";
import { setUpSharePanel } from "./share-panel";
import { queueRefReads } from "./ref-values";
import { Trace, findKcCall, traceCall } from "./trace";
import { BuildReport, RefreshReport, TabReport, insertModel, refreshModel } from "./writer";

/**
 * What the pane needs of Excel beyond what the manifest asks for, with the message shown beside
 * the controls when a host lacks it: the model tabs mark their sheets with worksheet custom
 * properties (ExcelApi 1.12); the builder and the source panel read the active cell (1.7).
 */
const MODEL_TABS_API = "1.12";
const ACTIVE_CELL_API = "1.7";
const OLDER_EXCEL = (api: string, what: string) =>
  `${what} needs Excel JavaScript API ${api} (Microsoft 365, Excel 2021 or later, or Excel on the web); this Excel is older. The KC functions work.`;
/** The titles of controls that stay off once the pane knows where it runs. */
const NEEDS_EXCEL = "Needs Excel";
const NEEDS_API = (api: string) => `Needs Excel JavaScript API ${api}`;
const CHOOSE_ITEM = "Choose a line item first";

/**
 * The page opens "Starting" (taskpane.html) until Office.js says where it runs; when that takes
 * long (a cold Excel), the banner says it is still waiting rather than give up.
 */
export function showSlowStart(): void {
  byId("mode-banner").textContent =
    "Starting KC Financials: Excel is still loading the add-in. This can take a while just after Excel starts.";
}

/**
 * The header's account of what the KC functions answer from: the workbook's own releases, or
 * the bundled dataset; then, under it, why the workbook's releases are not used, where they are
 * not, and the bundled releases the workbook lacks.
 */
export function datasetLines(inUse: InUse, bundled: Dataset): { line: string; notes: string[] } {
  const ds = inUse.kcf.fin.dataset;
  if (inUse.origin === "workbook") {
    const held = releasesOf(ds);
    const missing = releasesMissing(ds, bundled);
    return {
      line: `This workbook's releases: ${held.join(", ")} · Kingsoft Cloud ${ds.latestQuarter} · dataset ${ds.version}`,
      notes: missing.length
        ? [
            `The add-in also has ${missing.length === 1 ? "release" : "releases"} ${missing.join(", ")}, which this workbook does not hold; its figures stay as they are until you add ${missing.length === 1 ? "it" : "them"} (Add a release, below).`,
          ]
        : [],
    };
  }
  return {
    line: `Kingsoft Cloud ${ds.latestQuarter} release · bundled dataset ${ds.version}`,
    notes: inUse.problems.length
      ? [
          "This workbook's stored releases are not used: the KC functions answer from the bundled dataset.",
          ...inUse.problems,
        ]
      : [],
  };
}

/** The task pane: insert and refresh the model, build a formula, trace a figure; a preview outside Excel. */
export function startApp(host: Host, inUse: InUse): void {
  // What the functions answer from now: adding a release in the pane changes it.
  let current = inUse;
  let kcf = inUse.kcf;
  const kcfNow = () => kcf;
  const use = (next: InUse) => {
    current = next;
    kcf = next.kcf;
    showDataset(next);
  };
  showDataset(inUse);
  setUpOptions();
  const banner = byId("mode-banner");
  banner.hidden = true;
  banner.textContent = "";
  // Every control waits, off and saying so, until Office.js says where the page runs
  // (taskpane.html); from here each one that stays off says why.
  for (const control of document.querySelectorAll<
    HTMLButtonElement | HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement
  >("[data-waiting]")) {
    control.removeAttribute("data-waiting");
    setEnabled(control);
  }
  const modelTabs = host === "excel" && supports("ExcelApi", MODEL_TABS_API);
  const activeCell = host === "excel" && supports("ExcelApi", ACTIVE_CELL_API);
  const tabsWhyNot =
    host === "preview" ? NEEDS_EXCEL : modelTabs ? undefined : NEEDS_API(MODEL_TABS_API);
  for (const id of ["insert", "refresh"]) setEnabled(byId<HTMLButtonElement>(id), tabsWhyNot);
  // The preview lays its tables out by currency and unit too.
  if (host === "excel")
    for (const id of ["currency", "unit"]) setEnabled(byId<HTMLSelectElement>(id), tabsWhyNot);
  setUpSharePanel(host, kcfNow);
  const insertWhyNot =
    host === "preview" ? NEEDS_EXCEL : activeCell ? undefined : NEEDS_API(ACTIVE_CELL_API);
  let built: BuiltFormula | undefined;
  const setBuilt = (b: BuiltFormula | undefined) => {
    built = b;
    setEnabled(
      byId<HTMLButtonElement>("insert-formula"),
      insertWhyNot ?? (b ? undefined : CHOOSE_ITEM)
    );
    setEnabled(byId<HTMLButtonElement>("copy-formula"), b ? undefined : CHOOSE_ITEM);
  };
  setBuilt(undefined);
  setUpBuilder(kcfNow, (b) => {
    setBuilt(b);
    builderMessage([]);
    if (host === "preview") showTrace(b ? traceCall(kcf, findKcCall(b.formula)!) : undefined);
  });
  byId("copy-formula").addEventListener("click", () => built && copy(built.formula));

  if (host === "excel") {
    reportRegistration();
    if (modelTabs) {
      byId("insert").addEventListener("click", async () => {
        // The releases the tabs are built on go into the workbook first (issue 21): from then
        // on it shows these figures wherever it is opened.
        if (current.origin === "bundled" && current.problems.length === 0) {
          const stored = await storeBundled(current);
          if (!stored) return;
          use(stored);
        }
        await runInsert(kcf);
      });
      byId("refresh").addEventListener("click", () => runRefresh(kcf));
    } else {
      summary([OLDER_EXCEL(MODEL_TABS_API, "Inserting and refreshing model tabs")], true);
    }
    if (activeCell) {
      byId("insert-formula").addEventListener("click", () => built && insertFormula(built.formula));
      Office.context.document.addHandlerAsync(
        Office.EventType.DocumentSelectionChanged,
        () => void traceSelection(kcf)
      );
      void traceSelection(kcf);
    } else {
      builderMessage([OLDER_EXCEL(ACTIVE_CELL_API, "Inserting into the selected cell")], true);
      byId("source-note").textContent = OLDER_EXCEL(ACTIVE_CELL_API, "Reading the selected cell");
    }
  } else {
    banner.hidden = false;
    banner.textContent =
      "Preview outside Excel: the model below is computed from the bundled dataset by the same plans the add-in writes. Inserting tabs and formulas needs Excel (Insert > Add-ins > Upload My Add-in, then manifest.xml).";
    byId("source-hint").textContent =
      "Outside Excel the source panel traces the formula built above.";
    const section = byId("preview-section");
    section.hidden = false;
    void showPreview(buildModel(kcf.fin, DEFAULT_OPTIONS));
    for (const id of ["currency", "unit"]) {
      byId(id).addEventListener("change", () => void showPreview(buildModel(kcf.fin, options())));
    }
  }
  setUpReleasePanel({
    current: () => kcf.fin.dataset,
    bundled: () => (current.origin === "workbook" ? bundledKc().fin.dataset : undefined),
    accept: async (review, origin) => {
      if (host !== "excel") {
        kcf = new KcFormulas(new Financials(review.dataset));
        byId("dataset-line").replaceChildren(
          ...unbroken(
            `Preview: Kingsoft Cloud ${review.dataset.latestQuarter} release added · dataset ${review.dataset.version}`
          )
        );
        await showPreview(buildModel(kcf.fin, options()));
        return [
          `Added release ${review.incoming.latestQuarter} (${sourceText(origin)}) to the preview; the model below shows it. In Excel it is stored in the workbook and the model tabs roll forward.`,
        ];
      }
      const added = await addRelease(Excel, review, origin, progress);
      progress("");
      use(added.inUse);
      return [
        `Added release ${review.incoming.latestQuarter} (${sourceText(origin)}): stored in this workbook, whose KC functions now answer from releases ${releasesOf(review.dataset).join(", ")}; recorded in the KC Log tab.`,
        ...rolledLines(added.rolled),
        ...(added.recalculated
          ? [
              `Recalculated the ${added.recalculated} cells with KC formulas in this workbook, yours among them: "LQ" now means ${review.dataset.latestQuarter}.`,
            ]
          : []),
        ...added.warnings,
      ];
    },
  });
}

/** Stores the bundled releases in a workbook that holds none; undefined where that failed. */
async function storeBundled(inUse: InUse): Promise<InUse | undefined> {
  const ds = inUse.kcf.fin.dataset;
  try {
    progress("Storing the releases in the workbook");
    await storeDataset(Excel, ds, [
      {
        at: new Date(),
        action: "data stored",
        releases: releasesOf(ds),
        source: { kind: "bundled", dataset: ds.version },
        summary: `The releases the model is built on, stored in the workbook: ${releasesOf(ds).join(", ")}`,
      },
    ]);
    return useDataset(ds, "workbook");
  } catch (e) {
    summary([`The model was not inserted: ${e instanceof Error ? e.message : String(e)}`], true);
    return undefined;
  } finally {
    progress("");
  }
}

/**
 * The preview is drawn only outside Excel: a chunk of its own, so the pane in Excel never loads
 * it.
 */
async function showPreview(model: Model): Promise<void> {
  const { renderPreview } = await import(/* webpackChunkName: "preview" */ "./preview");
  renderPreview(model, byId("preview"));
}

/** How the model tabs took a release just added. */
function rolledLines(r: Rolled): string[] {
  if (r.kind === "rolled") return refreshSummary(r.report);
  if (r.kind === "no tabs")
    return [
      "This workbook has no model tabs: Insert model tabs lays them out with the new quarter.",
    ];
  return [
    `The model tabs were not rolled forward (${r.why}); they show what they showed. Refresh tries again.`,
  ];
}

/** Where the figures the tabs are built from come from, as the log says it. */
function sourceOf(kcf: KcFormulas): LogSource {
  const ds = kcf.fin.dataset;
  return ds === bundledKc().fin.dataset
    ? { kind: "bundled", dataset: ds.version }
    : { kind: "workbook", dataset: ds.version };
}

function showDataset(inUse: InUse): void {
  const { line, notes } = datasetLines(inUse, bundledKc().fin.dataset);
  byId("dataset-line").replaceChildren(...unbroken(line));
  const stored = byId("stored-notes");
  stored.hidden = notes.length === 0;
  stored.classList.toggle("error", inUse.problems.length > 0);
  stored.setAttribute("role", inUse.problems.length ? "alert" : "status");
  stored.replaceChildren(...notes.map((n) => h("p", {}, n)));
}

/**
 * Inside Excel every KC function must be registered, or its cells never calculate: a failure is
 * said in the console and at the top of the pane (the page also hosts the functions).
 */
function reportRegistration(): void {
  const failed = registrationFailures();
  if (failed.length === 0) return;
  console.error(`KC functions not registered with Excel:\n${failed.join("\n")}`);
  const banner = byId("mode-banner");
  banner.hidden = false;
  banner.classList.add("error");
  banner.setAttribute("role", "alert");
  banner.replaceChildren(
    h(
      "strong",
      {},
      `${failed.length} KC function${failed.length === 1 ? " is" : "s are"} not registered: cells with them will not calculate.`
    ),
    ` Close and reopen the pane, or remove and add the add-in again. ${failed.slice(0, 3).join("; ")}${failed.length > 3 ? "; …" : ""}`
  );
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
  for (const id of ["insert", "refresh"])
    setEnabled(byId<HTMLButtonElement>(id), on ? "Working on the model tabs" : undefined);
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

async function runInsert(kcf: KcFormulas): Promise<void> {
  const opts = options();
  if (opts.tabs.length === 0) {
    summary(["Choose at least one tab to insert."], true);
    return;
  }
  busy(true);
  try {
    progress("Computing the model");
    const model = buildModel(kcf.fin, opts);
    const report = await insertModel(model, progress);
    const unlogged = await logActions(Excel, [
      {
        at: new Date(),
        action: "model inserted",
        releases: releasesOf(kcf.fin.dataset),
        source: sourceOf(kcf),
        summary: `${report.tabs.map((t) => t.name).join(", ")} in ${opts.currency} ${opts.unit}; ${report.failing} of ${report.checks} checks not zero`,
      },
    ]);
    summary([...insertSummary(report, opts), ...(unlogged ? [unlogged] : [])]);
  } catch (e) {
    summary([`The model was not inserted: ${e instanceof Error ? e.message : String(e)}`], true);
  } finally {
    progress("");
    busy(false);
  }
}

export function insertSummary(r: BuildReport, opts: ModelOptions): string[] {
  const money =
    opts.currency === "USD"
      ? `RMB and US$ ${opts.unit} for every period`
      : `RMB ${opts.unit}, the latest quarter also in US$`;
  const lines = [
    `Inserted ${r.tabs.length} tab${r.tabs.length === 1 ? "" : "s"} in ${money}: ${r.tabs
      .map((t) => t.name)
      .join(", ")}.`,
    r.failing === 0
      ? `All ${r.checks} checks are zero.`
      : `${r.failing} of ${r.checks} checks are not zero: see KC Checks.`,
  ];
  const along = r.tabs.filter((t) => !opts.tabs.includes(t.tab)).map((t) => t.name);
  if (along.length)
    lines.push(
      `${along.join(", ")} came along: the tabs you chose link to ${along.length === 1 ? "it" : "them"}.`
    );
  const updated = r.tabs.filter((t) => t.inPlace);
  if (updated.length)
    lines.push(
      `${updated.length} KC tab${updated.length === 1 ? " that was there was" : "s that were there were"} updated in place${insertedText(updated)}: your formulas that point into ${updated.length === 1 ? "it" : "them"} show the same figures.`
    );
  for (const x of r.renamed)
    lines.push(`"${x.wanted}" is a sheet of yours, left as it is; the tab is "${x.used}".`);
  return [...lines, ...keptAndWarnings(r, "updated")];
}

/** ", with 1 column and 3 rows inserted" (new periods and lines), or nothing. */
function insertedText(tabs: TabReport[]): string {
  const columns = tabs.reduce((n, t) => n + t.inserted.columns, 0);
  const rows = tabs.reduce((n, t) => n + t.inserted.rows, 0);
  const parts = [
    columns ? `${columns} column${columns === 1 ? "" : "s"}` : "",
    rows ? `${rows} row${rows === 1 ? "" : "s"}` : "",
  ].filter(Boolean);
  return parts.length ? `, with ${parts.join(" and ")} inserted` : "";
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

async function runRefresh(kcf: KcFormulas): Promise<void> {
  busy(true);
  try {
    const report = await refreshModel((o) => buildModel(kcf.fin, o), progress);
    const unlogged = await logActions(Excel, [
      {
        at: new Date(),
        action: "model refreshed",
        releases: releasesOf(kcf.fin.dataset),
        source: sourceOf(kcf),
        summary: `${report.tabs.length} tabs from dataset ${report.to}: ${report.changes.length} figures changed`,
      },
    ]);
    summary([...refreshSummary(report), ...(unlogged ? [unlogged] : [])]);
  } catch (e) {
    summary([`The model was not refreshed: ${e instanceof Error ? e.message : String(e)}`], true);
  } finally {
    progress("");
    busy(false);
  }
}

export function refreshSummary(r: RefreshReport): string[] {
  const older = [...new Set(r.tabs.map((t) => t.from).filter((v) => v && v !== r.to))];
  const written =
    r.changes.length > 0 ||
    older.length > 0 ||
    r.tabs.some((t) => t.inserted.rows + t.inserted.columns > 0);
  const lines = [
    `Recalculated ${r.tabs.length} KC tab${r.tabs.length === 1 ? "" : "s"}; ${
      written
        ? `updated them in place from dataset ${r.to}${older.length ? ` (was ${older.join(", ")})` : ""}${insertedText(r.tabs)}`
        : "all were built from the current dataset"
    }.`,
  ];
  if (written) {
    lines.push("No tab was removed: your formulas that point into the tabs show the same figures.");
    lines.push(
      r.changes.length
        ? `${r.changes.length} figure${r.changes.length === 1 ? "" : "s"} changed:`
        : "No figure changed."
    );
    for (const c of r.changes.slice(0, 20))
      lines.push(`${c.line}, ${c.column}: ${shownChange(c.before)} → ${shownChange(c.after)}`);
    if (r.changes.length > 20) lines.push(`… and ${r.changes.length - 20} more.`);
  }
  lines.push(
    r.failing === 0
      ? `All ${r.checks} checks are zero.`
      : `${r.failing} of ${r.checks} checks are not zero.`
  );
  if (r.status) lines.push(`KC Checks shows: ${r.status}.`);
  return [...lines, ...keptAndWarnings(r, "updated")];
}

function shownChange(value: unknown): string {
  if (value === undefined || value === null) return "(new)";
  return typeof value === "number" ? formatNumber(value) : String(value);
}

/** The builder's own messages, under its buttons. */
function builderMessage(lines: string[], error = false): void {
  const box = byId("builder-message");
  box.className = error ? "message error" : "message";
  box.setAttribute("role", error ? "alert" : "status");
  box.replaceChildren(...lines.map((l) => h("p", {}, l)));
}

async function insertFormula(formula: string): Promise<void> {
  try {
    await insertIntoActiveCell(formula);
    builderMessage([`Inserted ${formula}`]);
  } catch (e) {
    builderMessage([e instanceof Error ? e.message : String(e)], true);
  }
}

/** Reads the selected cell and, if it holds a KC call, shows where its figure comes from. */
async function traceSelection(kcf: KcFormulas): Promise<void> {
  try {
    await Excel.run(async (context) => {
      const cell = context.workbook.getActiveCell();
      cell.load("formulas,address");
      await context.sync();
      const formula = String(cell.formulas[0][0] ?? "");
      const call = findKcCall(formula);
      if (!call) {
        // A model tab's short label: the release's own wording, one click away.
        const printed = printedLabel(formula);
        showTrace(
          undefined,
          printed
            ? `${cell.address}: "${formula}" is printed in the release as "${printed}".`
            : `${cell.address} holds no KC formula.`
        );
        return;
      }
      const refs = call.args.flatMap((a) => (a.kind === "ref" ? [a.ref] : []));
      const read = queueRefReads(context, context.workbook.worksheets.getActiveWorksheet(), refs);
      if (refs.length) await context.sync();
      const values = read();
      showTrace(traceCall(kcf, call, values), cell.address);
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
    h("dd", { class: trace.error ? "error" : "" }, trace.error ?? trace.shown ?? ""),
    ...trace.sources.flatMap((s, k) => [
      h("dt", {}, trace.sources.length > 1 ? `Source ${k + 1}` : "Source"),
      h("dd", {}, ...unbroken(s)),
    ])
  );
}

async function copy(text: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
    builderMessage([`Copied ${text}`]);
  } catch {
    const out = byId<HTMLOutputElement>("formula");
    const range = document.createRange();
    range.selectNodeContents(out);
    getSelection()?.removeAllRanges();
    getSelection()?.addRange(range);
    builderMessage(["Press Ctrl+C to copy the selected formula."]);
  }
}
