import type { Dataset } from "../domain/dataset";
import type { Review } from "../data/ingest/ingest";
import type { ReleaseForm } from "../data/ingest/pieces";
import type { LogSource } from "../sheets/log-entries";
import { byId, h, setEnabled } from "./dom";
import type { ReleaseSummary } from "./release-review";

/**
 * The "Add a release" card: the release pasted (the clipboard's HTML where it has some, else its
 * text) or chosen as a file, read in the pane by the code `kc ingest` runs, loaded only when first
 * used. What was found, what is new and every restatement are shown; nothing changes until the
 * analyst adds it, and restatements need a tick of their own. The pasted text is hostile input:
 * it reaches the page only as text nodes, and the paste itself never lands in the text box.
 */

export interface ReleaseDay {
  /** The dataset the functions answer from now: the release is added to it. */
  current(): Dataset;
  /**
   * The dataset bundled with the add-in, where the workbook's releases (current) lack some of
   * its: those are offered, one at a time, never added by themselves. Undefined outside that case.
   */
  bundled(): Dataset | undefined;
  /** Adds the reviewed release (its dataset becomes the one in use); lines saying what changed. */
  accept(review: Review, origin: LogSource): Promise<string[]>;
}

interface Pending {
  review: Review;
  origin: LogSource;
  summary: ReleaseSummary;
}

export function setUpReleasePanel(day: ReleaseDay): void {
  const paste = byId<HTMLTextAreaElement>("release-paste");
  const file = byId<HTMLInputElement>("release-file");
  const add = byId<HTMLButtonElement>("release-add");
  const cancel = byId<HTMLButtonElement>("release-cancel");
  const tick = byId<HTMLInputElement>("release-accept-restatements");
  let pending: Pending | undefined;

  const offer = byId("release-offer");
  const offerReview = byId<HTMLButtonElement>("release-offer-review");
  const offered = (): { bundled: Dataset; release: string } | undefined => {
    const bundled = day.bundled();
    if (!bundled) return undefined;
    const held = new Set(day.current().sources.map((x) => x.release));
    const release = bundled.sources.map((x) => x.release).find((r) => !held.has(r));
    return release ? { bundled, release } : undefined;
  };
  const show = (p: Pending | undefined, lines: string[] = [], error = false) => {
    pending = p;
    const o = p ? undefined : offered();
    offer.hidden = !o;
    byId("release-offer-text").textContent = o
      ? `The add-in bundles release ${o.release}: review it to add it here, with any restatements it brings.`
      : "";
    renderSummary(p?.summary);
    const box = byId("release-message");
    box.className = error ? "summary error" : "summary";
    box.setAttribute("role", error ? "alert" : "status");
    box.replaceChildren(...lines.map((l) => h("p", {}, l)));
    tick.checked = false;
    byId("release-restatements-choice").hidden = !p?.summary.restatements.length;
    cancel.hidden = !p;
    updateAdd();
  };
  const updateAdd = () => {
    const s = pending?.summary;
    setEnabled(
      add,
      !s
        ? "Paste a release or choose its file first"
        : s.refused.length
          ? "This release cannot be added: see why above"
          : s.restatements.length && !tick.checked
            ? "Tick the box to accept the restatements first"
            : undefined
    );
  };

  /**
   * Reads the release in the first form that reads: a paste tries the clipboard's HTML, then its
   * text (a plain-text page copies as <pre>, which reads as one line of HTML); a refusal is the
   * first form's, which is what the analyst copied.
   */
  const read = async (tries: { text: string; origin: LogSource; form?: ReleaseForm }[]) => {
    show(undefined, ["Reading the release…"]);
    let first: unknown;
    try {
      const { readForReview } = await reader();
      for (const t of tries) {
        try {
          const name = t.origin.kind === "file" ? t.origin.name : "pasted release";
          show({ ...readForReview(t.text, name, day.current(), t.form), origin: t.origin });
          return;
        } catch (e) {
          first ??= e;
        }
      }
    } catch (e) {
      first ??= e;
    }
    show(undefined, refusalLines(first), true);
  };

  paste.addEventListener("paste", (e) => {
    // The paste is read here and never inserted into the page.
    e.preventDefault();
    const data = e.clipboardData;
    const html = data?.getData("text/html") ?? "";
    const text = data?.getData("text/plain") ?? "";
    const tries = [
      ...(html.trim()
        ? [{ text: html, origin: { kind: "pasted HTML" } as const, form: "html" as const }]
        : []),
      ...(text.trim() ? [{ text, origin: { kind: "pasted text" } as const }] : []),
    ];
    if (tries.length) void read(tries);
    else show(undefined, ["The clipboard holds no text; copy the release's page first."], true);
  });
  file.addEventListener("change", async () => {
    const chosen = file.files?.[0];
    file.value = "";
    if (!chosen) return;
    try {
      const { decodeRelease } = await reader();
      const text = decodeRelease(new Uint8Array(await chosen.arrayBuffer()));
      await read([{ text, origin: { kind: "file", name: chosen.name } }]);
    } catch (e) {
      show(undefined, refusalLines(e), true);
    }
  });
  offerReview.addEventListener("click", async () => {
    const o = offered();
    if (!o) return;
    try {
      const { readBundledForReview } = await reader();
      const read = readBundledForReview(o.bundled, o.release, day.current());
      show({ ...read, origin: { kind: "bundled", dataset: o.bundled.version } });
    } catch (e) {
      show(undefined, refusalLines(e), true);
    }
  });
  tick.addEventListener("change", updateAdd);
  cancel.addEventListener("click", () => show(undefined, ["Nothing was added."]));
  add.addEventListener("click", async () => {
    const p = pending;
    if (!p) return;
    // While it is added, nothing else is read or added: a second review would be of the
    // workbook as it was before this one.
    const controls = [add, cancel, paste, file, offerReview, tick];
    for (const c of controls) setEnabled(c, "Adding the release");
    try {
      const lines = await day.accept(p.review, p.origin);
      show(undefined, lines);
    } catch (e) {
      show(p, [`The release was not added: ${e instanceof Error ? e.message : String(e)}`], true);
    } finally {
      for (const c of [cancel, paste, file, offerReview, tick]) setEnabled(c);
      updateAdd();
    }
  });
  show(undefined);
}

/** The reader (with its HTML parser) is loaded only when a release is first read. */
function reader() {
  return import(/* webpackChunkName: "release-reader" */ "./release-reader");
}

/** An unreadable release: its problem a line each (the first with its line in the text). */
function refusalLines(e: unknown): string[] {
  const text = e instanceof Error ? e.message : String(e);
  return ["The release cannot be read; nothing was added.", ...text.split("\n")];
}

function renderSummary(s: ReleaseSummary | undefined): void {
  const box = byId("release-review");
  box.hidden = !s;
  if (!s) return box.replaceChildren();
  const parts: (Node | null)[] = [
    h("p", { class: "found" }, s.found),
    h("p", {}, s.identities),
    s.newPeriods.length ? h("p", {}, `New periods: ${s.newPeriods.join(", ")}.`) : null,
    s.headlines.length
      ? h(
          "table",
          { class: "review-table", "aria-label": "The new latest quarter (RMB thousands)" },
          h("caption", {}, "Latest quarter after adding it (RMB thousands)"),
          h(
            "tbody",
            {},
            ...s.headlines.map((x) =>
              h(
                "tr",
                { "data-item": x.item },
                h("th", { scope: "row" }, x.label),
                h("td", {}, x.value)
              )
            )
          )
        )
      : null,
    s.restatements.length
      ? h(
          "table",
          { class: "review-table restatements", "aria-label": "Restatements" },
          h(
            "caption",
            {},
            `${s.restatements.length} restatement${s.restatements.length === 1 ? "" : "s"}: figures the workbook holds that this release prints otherwise`
          ),
          h(
            "thead",
            {},
            h(
              "tr",
              {},
              ...["Item and period", "Held → now"].map((t) => h("th", { scope: "col" }, t))
            )
          ),
          h(
            "tbody",
            {},
            ...s.restatements.map((r) =>
              h(
                "tr",
                {},
                h("td", {}, r.item, h("br"), h("small", { class: "muted" }, r.period)),
                h(
                  "td",
                  {},
                  h("span", { class: "nowrap" }, `${r.held.figure} → ${r.now.figure}`),
                  h("br"),
                  h("small", { class: "muted" }, r.held.from),
                  h("br"),
                  h("small", { class: "muted" }, `→ ${r.now.from}`)
                )
              )
            )
          )
        )
      : null,
    s.refused.length
      ? h("div", { class: "summary error", role: "alert" }, ...s.refused.map((l) => h("p", {}, l)))
      : null,
  ];
  box.replaceChildren(...parts.filter((p): p is Node => p !== null));
}
