import { OfficeMockObject } from "office-addin-mock";
import { SaxesParser } from "saxes";
import type { KcFormulas } from "../../src/core/formulas";
import { afterInsert, evaluateCell, evaluateCells } from "./fake-formulas";
import type { ExcelApi } from "../../src/taskpane/writer";

/**
 * A workbook for the task pane tests, its objects built on office-addin-mock. It behaves as
 * Office.js does where the writer's safety depends on it:
 * - What code does is queued, in order, and runs at `context.sync()`: method calls, property
 *   writes and loads alike. A loaded property can be read only after that sync (the mock's "not
 *   loaded" answer before), and only if the sync succeeded.
 * - `failAt(sync, after)` makes a chosen sync fail after that many of its batch's operations have
 *   reached the workbook (the rest never run, nothing loaded is returned), as a real failure
 *   mid-batch does; `after` at or past the batch's length is a batch that ran whole but whose
 *   answer was lost.
 * - Sheet names are unique ignoring case and at most 31 characters; renaming a sheet rewrites the
 *   formulas that refer to it, deleting one turns them into #REF!; a copy of a sheet gets the next
 *   free "Name (n)" and, as in Excel (office-js #5486, by design), none of its custom properties.
 * - Values are read as typed: a leading apostrophe keeps text as text, "=" starts a formula, error
 *   literals are errors. A cell can hold one note.
 * - Custom XML parts (ExcelApi 1.5): added, found by namespace or id, read (`getXml`, a result
 *   read after the sync) and deleted, each an operation of the batch like the rest; a part's
 *   namespace is its root element's.
 * - Charts (ExcelApi 1.1–1.8): added, found by name, their type, title, axes, legend, position and
 *   series set; each series' sources are references ("='KC Dashboard'!$B$50:$B$54") that move with
 *   inserted rows and columns as formulas' references do (HyperFormula moves them: a range grows
 *   only for an insert strictly inside it) and turn to #REF! with their sheet.
 * - Requirement sets: `isSetSupported` answers for ExcelApi up to `apiVersion`.
 * `batches` counts each sync's operations and the JSON size of what they send.
 */

export interface FakeCell {
  value?: unknown;
  formula?: string;
  format?: string;
  /** On a formula cell whose result spills: the whole array. */
  spill?: unknown[][];
  /** On a cell a neighbour's array spills into: that cell's key. */
  spilledFrom?: string;
  /** On every cell of a legacy (Ctrl+Shift+Enter) array: its area ("B2:B4"). */
  array?: string;
}

export interface FakeSheet {
  id: string;
  name: string;
  props: Map<string, string>;
  cells: Map<string, FakeCell>;
  formats: { areas: string; property: string; value: unknown }[];
  freeze?: string;
  widths: Map<string, number>;
  notes: Map<string, string>;
  /** The view's gridlines and the page layout: what prints, and how. */
  page: Map<string, unknown>;
  deleted?: boolean;
  /** Protected (Review > Protect Sheet): Excel refuses any change to its cells or structure. */
  protected?: boolean;
  /** Merged areas ("B5:D5") and Excel tables on the sheet, as an analyst made them. */
  merges?: string[];
  tables?: { name: string; address: string }[];
  /**
   * Data validation and conditional formats, as an analyst made them (the writer never touches
   * either): each rule on its area, which moves and grows with inserts as a format's does and
   * comes along with a copy of the sheet.
   */
  validations?: { area: string; rule: string }[];
  conditionalFormats?: { area: string; rule: string }[];
  /** Charts over the sheet, in the order they were added. */
  charts?: FakeChart[];
}

/**
 * A chart as the workbook keeps it: what the writer can set through Office.js, and no more. Its
 * corners and its series' sources are references, moved as formulas' references are.
 */
export interface FakeChart {
  name: string;
  type: string;
  title: { text?: string; visible?: boolean };
  valueAxis: { title?: string; titleVisible?: boolean; numberFormat?: string };
  categoryAxis: { title?: string; titleVisible?: boolean };
  legend: { visible?: boolean; position?: string };
  displayBlanksAs?: string;
  /** The cell under its top-left corner and the cell under its bottom-right one ("='S'!$F$4"). */
  position: { from: string; to: string };
  series: FakeSeries[];
  deleted?: boolean;
}

export interface FakeSeries {
  name: string;
  /** References to the cells it draws, and to its category labels. */
  values?: string;
  categories?: string;
  /** A solid fill ("#1F4E79"), or "none" once cleared. */
  fill?: string;
  line: { color?: string; style?: string };
  marker: { background?: string; foreground?: string };
  /** Its entry shows in the legend. */
  inLegend: boolean;
}

/** A custom XML part as the workbook keeps it. */
export interface FakeXmlPart {
  id: string;
  /** The namespace of its root element: what getByNamespace matches. */
  namespace: string;
  xml: string;
  deleted?: boolean;
}

export interface SeedFormula {
  formula: string;
  value?: unknown;
  spill?: unknown[][];
  /** A legacy array entered over this area from this, its top-left cell (Office.js reads the
   *  same formula in each of its cells: office-js #6176). */
  array?: string;
}

export interface SheetSeed {
  name: string;
  props?: Record<string, string>;
  cells?: Record<string, unknown>;
  notes?: Record<string, string>;
}

type Mock = OfficeMockObject & Record<string, unknown>;

/** An object code holds: bound to what it stands for when the operation creating it runs. */
interface Ref<T> {
  bound: boolean;
  target?: T;
}

interface RangeTarget {
  sheet: FakeSheet;
  address: string;
}

interface Spec<T> {
  read?: Record<string, (t: T) => unknown>;
  write?: Record<string, (t: T, v: unknown) => void>;
  methods?: Record<string, (...args: never[]) => unknown>;
  nav?: Record<string, () => unknown>;
}

const ERRORS = new Set([
  "#NULL!",
  "#DIV/0!",
  "#VALUE!",
  "#REF!",
  "#NAME?",
  "#NUM!",
  "#N/A",
  "#GETTING_DATA",
  "#SPILL!",
  "#CALC!",
  "#BUSY!",
]);
const CELL = /^\$?([A-Z]+)\$?(\d+)$/;
const WHOLE_SHEET = "A1:XFD1048576";

function colIndex(letters: string): number {
  return letters.split("").reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
}

function colLetters(col: number): string {
  let n = col + 1;
  let s = "";
  while (n > 0) {
    s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

interface Box {
  r0: number;
  c0: number;
  r1: number;
  c1: number;
}

/** An area of a sheet from "D6", "$A$1:H8", "A:C" or "'Sheet'!D6". */
export function parseArea(address: string): Box {
  const local = address.slice(address.lastIndexOf("!") + 1);
  const [from, to = from] = local.split(":").map((p) => p.replace(/\$/g, ""));
  if (/^[A-Z]+$/.test(from) && /^[A-Z]+$/.test(to))
    return { r0: 0, c0: colIndex(from), r1: 1048575, c1: colIndex(to) };
  if (/^\d+$/.test(from) && /^\d+$/.test(to))
    return { r0: Number(from) - 1, c0: 0, r1: Number(to) - 1, c1: 16383 };
  const a = CELL.exec(from);
  const b = CELL.exec(to);
  if (!a || !b) throw new Error(`InvalidArgument: "${address}" is not an address`);
  return { r0: Number(a[2]) - 1, c0: colIndex(a[1]), r1: Number(b[2]) - 1, c1: colIndex(b[1]) };
}

function boxA1(b: Box): string {
  if (b.r0 === 0 && b.r1 === 1048575) return `${colLetters(b.c0)}:${colLetters(b.c1)}`;
  if (b.c0 === 0 && b.c1 === 16383) return `${b.r0 + 1}:${b.r1 + 1}`;
  const from = `${colLetters(b.c0)}${b.r0 + 1}`;
  const to = `${colLetters(b.c1)}${b.r1 + 1}`;
  return from === to ? from : `${from}:${to}`;
}

/**
 * A change to a protected sheet fails at sync. ASSUMED: Microsoft documents the protection
 * options (https://learn.microsoft.com/javascript/api/excel/excel.worksheetprotection) and the
 * error code AccessDenied ("You cannot perform the requested operation",
 * https://learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-error-handling), not which
 * code a write to a protected sheet raises; the writer checks protection before it writes.
 */
function guard(sheet: FakeSheet): void {
  if (sheet.protected) throw new Error(`AccessDenied: "${sheet.name}" is protected`);
}

/**
 * The namespace of a part's root element, which getByNamespace matches. ASSUMED: Microsoft
 * documents `add(xml)` as adding "a new custom XML part", not what it raises for XML that is not
 * well-formed; the fake refuses it at sync as InvalidArgument, erring on the side of refusing.
 */
function namespaceOf(xml: string): string {
  const parser = new SaxesParser({ xmlns: true });
  let namespace: string | undefined;
  parser.on("opentag", (tag) => (namespace ??= tag.uri));
  try {
    parser.write(xml).close();
  } catch (e) {
    throw new Error(`InvalidArgument: the custom XML is not well-formed (${String(e)})`);
  }
  if (namespace === undefined) throw new Error("InvalidArgument: the custom XML has no element");
  return namespace;
}

/** "$X$1000" for "X1000": the absolute form a name refers to. */
function absolute(address: string): string {
  return address.replace(/([A-Z]+)(\d+)/g, "$$$1$$$2");
}

function quoted(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) ? `${name}!` : `'${name.replace(/'/g, "''")}'!`;
}

const key = (r: number, c: number) => `${r},${c}`;

function valueType(v: unknown): string {
  if (v === undefined || v === "") return "Empty";
  if (typeof v === "number") return "Double";
  if (typeof v === "boolean") return "Boolean";
  return ERRORS.has(String(v)) ? "Error" : "String";
}

/** What Excel stores for an entry written to `values` or `formulas`: as if typed. */
function typed(v: unknown): Pick<FakeCell, "value" | "formula"> {
  if (typeof v !== "string") return { value: v };
  if (v.startsWith("'")) return { value: v.slice(1) };
  if (v.startsWith("=") && v.length > 1) return { formula: v };
  if (v === "") return {};
  if (/^-?\d+(\.\d+)?$/.test(v)) return { value: Number(v) };
  return { value: v };
}

/** A cell with new content, keeping its number format. */
function content(old: FakeCell | undefined, x: unknown): FakeCell {
  return { ...(old?.format ? { format: old.format } : {}), ...typed(x) };
}

/** An object with its fields in one order at every depth: set in another order, the same. */
function deepCanonical(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(deepCanonical);
  if (typeof v !== "object" || v === null) return v;
  return Object.fromEntries(
    Object.entries(v)
      .filter(([, x]) => x !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([k, x]) => [k, deepCanonical(x)])
  );
}

/**
 * What a sheet's formats come to, as Excel holds them: per cell and property, the last value
 * written (whole rows and columns per area), so that writing the same format twice is no change.
 */
function effectiveFormats(formats: FakeSheet["formats"]): [string, unknown][] {
  const last = new Map<string, unknown>();
  for (const f of formats)
    for (const area of f.areas.split(",")) {
      const b = parseArea(area.trim());
      if (b.r1 === 1048575 || b.c1 === 16383) {
        last.set(`${boxA1(b)}|${f.property}`, f.value);
        continue;
      }
      for (let r = b.r0; r <= b.r1; r++)
        for (let c = b.c0; c <= b.c1; c++) last.set(`${key(r, c)}|${f.property}`, f.value);
    }
  return [...last].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

export class FakeExcel {
  readonly sheets: FakeSheet[] = [];
  /** Workbook names and what they refer to ("='Sheet'!$A$1"), as Excel keeps them. */
  names = new Map<string, string>();
  /** Each name's comment, where it has one. */
  nameComments = new Map<string, string>();
  /** The workbook's structure is protected: no sheet can be added, deleted, renamed or moved. */
  workbookProtected = false;
  /** Custom XML parts, in the order they were added. */
  xmlParts: FakeXmlPart[] = [];
  syncs = 0;
  /** Each sync's batch: how many operations, and the JSON size of what they carry. */
  readonly batches: { operations: number; payloadBytes: number; what: string[] }[] = [];
  readonly calculations: string[] = [];
  /**
   * Decides, from a sync's number and its operations, whether it fails and after how many of them
   * (undefined: it does not): for failures chosen by what a batch does rather than when.
   */
  failWhen?: (sync: number, what: string[]) => number | undefined;
  /** Called as each sync begins, with its number: where a test lets someone else edit the workbook. */
  onSync?: (sync: number) => void;
  /** The selected cells, as "Sheet!A1:B2" would name them. */
  selection?: { sheet: string; address: string };
  /** The highest ExcelApi requirement set the host offers (what `isSetSupported` answers). */
  apiVersion = "1.17";
  /** How many charts were ever added: Excel names each new one "Chart n" after it. */
  private chartsMade = 0;
  private readonly failures = new Map<number, number | undefined>();
  private nextId = 1;
  private pending: { run: () => void; payload: unknown; what: string }[] = [];
  private deliveries: (() => Mock[])[] = [];
  private readonly raws = new WeakMap<object, Mock>();

  constructor(seeds: SheetSeed[] = []) {
    for (const s of seeds) this.addSheet(s);
  }

  /** What code sees as the global `Excel`. */
  get api(): ExcelApi {
    return {
      run: async <T>(cb: (ctx: Excel.RequestContext) => Promise<T>) =>
        cb(this.context() as unknown as Excel.RequestContext),
      isSetSupported: (name, minVersion) => this.isSetSupported(name, minVersion),
    };
  }

  /** Office.context.requirements.isSetSupported: ExcelApi up to `apiVersion`, nothing else. */
  isSetSupported(name: string, minVersion: string): boolean {
    const parts = (v: string) => v.split(".").map(Number);
    const [major, minor] = parts(minVersion);
    const [hasMajor, hasMinor] = parts(this.apiVersion);
    return name === "ExcelApi" && (major < hasMajor || (major === hasMajor && minor <= hasMinor));
  }

  /** A chart on a sheet, by its name. */
  chart(sheetName: string, name: string): FakeChart | undefined {
    return this.sheet(sheetName)?.charts?.find((c) => c.name === name);
  }

  /** Adds a chart as the analyst does, outside any batch: its series' sources as references. */
  addChartAsUser(sheetName: string, chart: Omit<FakeChart, "deleted">): FakeChart {
    const sheet = this.sheet(sheetName) as FakeSheet;
    const made = structuredClone(chart);
    (sheet.charts ??= []).push(made);
    return made;
  }

  /** Deletes a chart as the analyst does. */
  deleteChartAsUser(sheetName: string, name: string): void {
    const sheet = this.sheet(sheetName) as FakeSheet;
    sheet.charts = (sheet.charts ?? []).filter((c) => c.name !== name);
  }

  /**
   * What a series draws, as Excel computes it: the cells its values reference, computed by
   * HyperFormula over the workbook (KC functions through `kcf`); an empty cell is null, a gap.
   */
  seriesValues(
    sheetName: string,
    chartName: string,
    k: number,
    which: "values" | "categories" = "values",
    kcf?: KcFormulas
  ): unknown[] {
    const ref = this.chart(sheetName, chartName)?.series[k]?.[which];
    const at = ref === undefined ? undefined : this.rangeOfName(ref);
    if (!at) throw new Error(`${chartName}'s series ${k} has no ${which} on a sheet: ${ref}`);
    const b = parseArea(at.address);
    const cells: { sheet: string; row: number; col: number }[] = [];
    for (let r = b.r0; r <= b.r1; r++)
      for (let c = b.c0; c <= b.c1; c++) cells.push({ sheet: at.sheet.name, row: r, col: c });
    return evaluateCells(this.sheets, this.names, cells, kcf);
  }

  /** Makes sync number `sync` fail once `after` of its operations have run (by default half). */
  failAt(sync: number, after?: number): void {
    this.failures.set(sync, after);
  }

  sheet(name: string): FakeSheet | undefined {
    return this.sheets.find((s) => s.name.toLowerCase() === name.toLowerCase());
  }

  cell(sheetName: string, address: string): FakeCell | undefined {
    const { r0, c0 } = parseArea(address);
    return this.sheet(sheetName)?.cells.get(key(r0, c0));
  }

  note(sheetName: string, address: string): string | undefined {
    const { r0, c0 } = parseArea(address);
    return this.sheet(sheetName)?.notes.get(key(r0, c0));
  }

  /**
   * Everything the workbook holds, in order, as one string: equal strings, equal workbooks.
   * `ignoreProps` leaves out what differs between two builds of the same content (sheet ids and
   * the given custom properties, such as a build's token); `uncomputed` leaves out what Excel
   * computes (formulas' values and the arrays they spill), for a workbook whose formulas were
   * written again and not yet recalculated.
   */
  snapshot(options: { ignoreProps?: string[]; uncomputed?: boolean } = {}): string {
    const sorted = <V>(m: Map<string, V>) => [...m.entries()].sort(([a], [b]) => (a < b ? -1 : 1));
    const ignored = new Set(options.ignoreProps ?? []);
    // A cell's fields in one order: the same cell written in another order is the same cell.
    const canonical = (c: object) =>
      Object.fromEntries(Object.entries(c).sort(([a], [b]) => (a < b ? -1 : 1)));
    const cells = (s: FakeSheet) =>
      sorted(s.cells).flatMap(([k, c]) => {
        if (!options.uncomputed) return [[k, canonical(c)]];
        if (c.spilledFrom) return [];
        const rest = { ...c };
        delete rest.spill;
        if (rest.formula) delete rest.value;
        return [[k, canonical(rest)]];
      });
    const names = sorted(this.names).map(([n, f]) => [n, f, this.nameComments.get(n) ?? ""]);
    return JSON.stringify(
      [
        ...this.sheets.map((s) => ({
          id: options.ignoreProps ? "" : s.id,
          name: s.name,
          props: sorted(s.props).filter(([k]) => !ignored.has(k)),
          cells: cells(s),
          formats: effectiveFormats(s.formats),
          widths: sorted(s.widths),
          freeze: s.freeze ?? null,
          notes: sorted(s.notes),
          page: sorted(s.page),
          ...(s.validations?.length ? { validations: s.validations } : {}),
          ...(s.conditionalFormats?.length ? { conditionalFormats: s.conditionalFormats } : {}),
          ...(s.charts?.length ? { charts: s.charts.map(deepCanonical) } : {}),
        })),
        ...(names.length ? [{ names }] : []),
        ...(this.xmlParts.length
          ? [{ xmlParts: this.xmlParts.map((p) => [p.id, p.namespace, p.xml]) }]
          : []),
      ],
      null,
      1
    );
  }

  private seed(sheet: FakeSheet, address: string, v: unknown): void {
    const { r0, c0 } = parseArea(address);
    if (typeof v === "object" && v !== null && "formula" in v) {
      const f = v as SeedFormula;
      if (f.array) {
        const b = parseArea(f.array);
        for (let r = b.r0; r <= b.r1; r++)
          for (let c = b.c0; c <= b.c1; c++)
            sheet.cells.set(key(r, c), { formula: f.formula, value: f.value, array: f.array });
        return;
      }
      sheet.cells.set(key(r0, c0), { formula: f.formula, value: f.spill?.[0][0] ?? f.value });
      if (f.spill) {
        sheet.cells.get(key(r0, c0))!.spill = f.spill;
        f.spill.forEach((row, r) =>
          row.forEach((x, c) => {
            if (r || c)
              sheet.cells.set(key(r0 + r, c0 + c), { value: x, spilledFrom: key(r0, c0) });
          })
        );
      }
    } else sheet.cells.set(key(r0, c0), { value: v });
  }

  private newSheet(name: string): FakeSheet {
    this.checkName(name);
    const id = `{00000000-0001-0000-${String(this.nextId++).padStart(4, "0")}-000000000000}`;
    const sheet: FakeSheet = {
      id,
      name,
      props: new Map(),
      cells: new Map(),
      formats: [],
      widths: new Map(),
      notes: new Map(),
      page: new Map(),
    };
    this.sheets.push(sheet);
    return sheet;
  }

  private checkName(name: string, self?: FakeSheet): void {
    if (!name.trim() || name.length > 31 || /[[\]:*?/\\]/.test(name) || /^'|'$/.test(name))
      throw new Error(`InvalidArgument: "${name}" is not a valid sheet name`);
    const other = this.sheet(name);
    if (other && other !== self) throw new Error(`A sheet named "${name}" already exists`);
  }

  private find(keyOrName: string): FakeSheet | undefined {
    return this.sheets.find((s) => s.id === keyOrName) ?? this.sheet(keyOrName);
  }

  // ---- the queue ----

  private queue(run: () => void, payload: unknown = null, what = "call"): void {
    this.pending.push({ run, payload, what });
  }

  private need<T>(ref: Ref<T>): T {
    if (!ref.bound) throw new Error("InvalidObjectPath: the object was never created");
    const t = ref.target as
      (T & { deleted?: boolean; sheet?: FakeSheet; chart?: FakeChart }) | undefined;
    if (t === undefined) throw new Error("ItemNotFound: the object is a null object");
    if (t.deleted || t.sheet?.deleted) throw new Error("ItemNotFound: the sheet was deleted");
    if (t.chart?.deleted) throw new Error("ItemNotFound: the chart was deleted");
    return t;
  }

  /** The object an *OrNullObject call starts from: a null object's children are null objects. */
  private orNull<T>(ref: Ref<T>): T | undefined {
    return ref.bound && ref.target === undefined ? undefined : this.need(ref);
  }

  /**
   * Copies a sheet as the user does, after it; `withProps` as if the custom properties came along
   * (they do not in Excel today, office-js #5486, but a workbook may come from elsewhere).
   */
  copyAsUser(name: string, withProps = false): FakeSheet {
    const source = this.sheet(name) as FakeSheet;
    const copy = this.copySheet(source, "After");
    if (withProps) copy.props = new Map(source.props);
    return copy;
  }

  /** Another workbook with the same sheets (same ids), none of this one's failures or counts. */
  clone(): FakeExcel {
    const twin = new FakeExcel();
    for (const s of this.sheets) twin.sheets.push({ ...structuredClone(s), deleted: undefined });
    twin.nextId = this.nextId;
    twin.chartsMade = this.chartsMade;
    twin.apiVersion = this.apiVersion;
    twin.names = new Map(this.names);
    twin.nameComments = new Map(this.nameComments);
    twin.xmlParts = this.xmlParts.map((p) => ({ ...p }));
    twin.selection = this.selection && { ...this.selection };
    return twin;
  }

  /** Renames a sheet as the user does (formulas follow it). */
  renameAsUser(from: string, to: string): void {
    this.rename(this.sheet(from) as FakeSheet, to);
  }

  /** Deletes a sheet as the user does (formulas that referred to it show #REF!). */
  deleteAsUser(name: string): void {
    this.remove(this.sheet(name) as FakeSheet);
  }

  /** Adds a custom XML part as another program (or a colleague's add-in) would, outside any batch. */
  addXmlPart(xml: string): FakeXmlPart {
    const part = { id: this.partId(), namespace: namespaceOf(xml), xml };
    this.xmlParts.push(part);
    return part;
  }

  private partId(): string {
    return `{00000000-0002-0000-${String(this.nextId++).padStart(4, "0")}-000000000000}`;
  }

  /** Adds a sheet as the user (or someone else) would, outside any batch. */
  addSheet(seed: SheetSeed): FakeSheet {
    const sheet = this.newSheet(seed.name);
    for (const [k, v] of Object.entries(seed.props ?? {})) sheet.props.set(k, v);
    for (const [addr, v] of Object.entries(seed.cells ?? {})) this.seed(sheet, addr, v);
    for (const [addr, text] of Object.entries(seed.notes ?? {})) {
      const { r0, c0 } = parseArea(addr);
      sheet.notes.set(key(r0, c0), text);
    }
    return sheet;
  }

  /** A new object, bound when the operation creating it runs (now, for one made from data). */
  private created<T>(bind: () => T | undefined, payload: unknown = null, what = "get"): Ref<T> {
    const ref: Ref<T> = { bound: false };
    this.queue(
      () => {
        ref.target = bind();
        ref.bound = true;
      },
      payload,
      what
    );
    return ref;
  }

  private object<T>(ref: Ref<T>, spec: Spec<T>): Mock {
    const read = spec.read ?? {};
    const write = spec.write ?? {};
    const raw = new OfficeMockObject({
      isNullObject: false,
      ...Object.fromEntries(Object.keys(read).map((k) => [k, ""])),
    }) as Mock;
    for (const [name, fn] of Object.entries(spec.methods ?? {})) raw[name] = fn;
    for (const [name, make] of Object.entries(spec.nav ?? {})) {
      let made: unknown;
      Object.defineProperty(raw, name, { get: () => (made ??= make()) });
    }
    const proxy = new Proxy(raw, {
      set: (t, p, v) => {
        if (typeof p === "string" && p.startsWith("__")) return Reflect.set(t, p, v);
        const w = typeof p === "string" ? write[p] : undefined;
        if (!w) throw new Error(`The fake workbook cannot set ${String(p)}`);
        this.queue(() => w(this.need(ref), v), v, `set ${String(p)}`);
        return true;
      },
    });
    this.raws.set(proxy, raw);
    raw.load = ((props?: string) => {
      const names = (props ?? Object.keys(read).join(","))
        .split(",")
        .map((p) => p.trim())
        .filter(Boolean);
      for (const p of names)
        if (!Object.prototype.hasOwnProperty.call(read, p))
          throw new Error(`The fake workbook cannot load ${p}`);
      this.queue(
        () => {
          if (!ref.bound) throw new Error("InvalidObjectPath: the object was never created");
          const values: Record<string, unknown> = { isNullObject: ref.target === undefined };
          if (ref.target !== undefined) for (const p of names) values[p] = read[p](this.need(ref));
          this.deliveries.push(() => [this.fill(proxy, values)]);
        },
        null,
        "load"
      );
      return proxy;
    }) as never;
    return proxy as Mock;
  }

  /** Hands loaded values to an object as the mock does after a sync. */
  private fill(proxy: Mock, values: Record<string, unknown>): Mock {
    const raw = this.raws.get(proxy) as Mock;
    const set = (raw as unknown as { setValue: (k: string, v: unknown) => void }).setValue;
    for (const [k, v] of Object.entries(values)) set.call(raw, k, v);
    OfficeMockObject.prototype.load.call(raw, Object.keys(values).join(","));
    return raw;
  }

  private async sync(): Promise<void> {
    this.syncs++;
    this.onSync?.(this.syncs);
    const ops = this.pending;
    this.pending = [];
    this.deliveries = [];
    this.batches.push({
      operations: ops.length,
      payloadBytes: JSON.stringify(ops.map((o) => o.payload)).length,
      what: ops.map((o) => o.what),
    });
    const chosen = this.failWhen?.(
      this.syncs,
      ops.map((o) => o.what)
    );
    const failing = this.failures.has(this.syncs) || chosen !== undefined;
    const after = this.failures.get(this.syncs) ?? chosen ?? Math.ceil(ops.length / 2);
    const runs = failing ? Math.min(after, ops.length) : ops.length;
    for (let k = 0; k < runs; k++) ops[k].run();
    if (failing) throw new Error("Simulated failure during sync");
    const loaded = this.deliveries.flatMap((d) => d());
    for (const m of loaded) await m.sync();
    // The mock settles each property's value a few promise turns after its sync.
    await new Promise((r) => setTimeout(r, 0));
  }

  // ---- the object model ----

  private context(): Mock {
    const context = new OfficeMockObject({ sync: async () => this.sync() }) as Mock;
    // Set after construction: the mock would otherwise copy these objects' fields into its own.
    context.workbook = {
      worksheets: this.worksheets(),
      application: {
        calculate: (type: string) => this.queue(() => this.calculations.push(type), type),
      },
      names: this.workbookNames(),
      customXmlParts: this.customXmlParts(),
      protection: this.object({ bound: true, target: this } as Ref<FakeExcel>, {
        read: { protected: () => this.workbookProtected },
      }),
      // The active cell: the selection's top-left cell.
      getActiveCell: () =>
        this.range(
          this.created(() => {
            if (!this.selection) throw new Error("InvalidSelection: nothing is selected");
            const b = parseArea(this.selection.address);
            const sheet = this.sheet(this.selection.sheet) as FakeSheet;
            return { sheet, address: boxA1({ r0: b.r0, c0: b.c0, r1: b.r0, c1: b.c0 }) };
          })
        ),
      getSelectedRange: () =>
        this.range(
          this.created(() => {
            if (!this.selection) throw new Error("InvalidSelection: nothing is selected");
            const sheet = this.sheet(this.selection.sheet) as FakeSheet;
            return { sheet, address: this.selection.address };
          })
        ),
    };
    return context;
  }

  private worksheets(): Mock {
    const ref: Ref<FakeExcel> = { bound: true, target: this };
    const collection = this.object(ref, {
      methods: {
        getItemOrNullObject: (k: string) => this.worksheet(this.created(() => this.find(k), k)),
        getItem: (k: string) =>
          this.worksheet(
            this.created(() => {
              const s = this.find(k);
              if (!s) throw new Error(`ItemNotFound: no sheet "${k}"`);
              return s;
            }, k)
          ),
        add: (name: string) =>
          this.worksheet(
            this.created(
              () => {
                if (this.workbookProtected)
                  throw new Error("AccessDenied: the workbook's structure is protected");
                return this.newSheet(name);
              },
              name,
              "add sheet"
            )
          ),
        // Excel's workbooks always have a sheet; the fake's may have none (a null object then).
        getFirst: () => this.worksheet(this.created(() => this.sheets[0])),
        // The selection is on the active sheet.
        getActiveWorksheet: () =>
          this.worksheet(this.created(() => this.sheet(this.selection?.sheet ?? ""))),
      },
    });
    // Loading "items/name,items/id,items/position" returns every sheet with those properties.
    (this.raws.get(collection) as Mock).load = ((props: string) => {
      const names = props.split(",").map((p) => p.trim().replace(/^items\//, ""));
      this.queue(() => {
        const sheets = this.sheets.map((s) => ({
          s,
          values: Object.fromEntries(
            names.map((n) => [n, n === "position" ? this.sheets.indexOf(s) : s[n as "name" | "id"]])
          ),
        }));
        this.deliveries.push(() => {
          const items = sheets.map(({ s, values }) => {
            const p = this.worksheet({ bound: true, target: s });
            return { p, raw: this.fill(p, { isNullObject: false, ...values }) };
          });
          return [
            ...items.map((i) => i.raw),
            this.fill(collection, { items: items.map((i) => i.p) }),
          ];
        });
      });
      return collection;
    }) as never;
    return collection;
  }

  private worksheet(ref: Ref<FakeSheet>): Mock {
    const sheetProxy: Mock = this.object(ref, {
      read: {
        name: (s) => s.name,
        id: (s) => s.id,
        position: (s) => this.sheets.indexOf(s),
      },
      write: {
        showGridlines: (s, v) => s.page.set("showGridlines", v),
        name: (s, v) => this.rename(s, String(v)),
        position: (s, v) => {
          this.sheets.splice(this.sheets.indexOf(s), 1);
          this.sheets.splice(Math.min(Number(v), this.sheets.length), 0, s);
        },
      },
      methods: {
        delete: () => this.queue(() => this.remove(this.need(ref)), null, "delete sheet"),
        getNextOrNullObject: () =>
          this.worksheet(
            this.created(() => {
              const s = this.orNull(ref);
              return s && this.sheets[this.sheets.indexOf(s) + 1];
            })
          ),
        activate: () => this.queue(() => this.need(ref), null, "activate"),
        copy: (position = "None", relativeTo?: Mock) =>
          this.worksheet(
            this.created(
              () =>
                this.copySheet(
                  this.need(ref),
                  String(position),
                  (relativeTo as unknown as { __sheet?: () => FakeSheet } | undefined)?.__sheet?.()
                ),
              position,
              "copy sheet"
            )
          ),
        getRange: (address?: string) =>
          this.range(
            this.created(() => ({ sheet: this.need(ref), address: address ?? WHOLE_SHEET }))
          ),
        getRanges: (address: string) =>
          this.range(this.created(() => ({ sheet: this.need(ref), address }))),
        getCell: (row: number, col: number) =>
          this.range(
            this.created(() => ({
              sheet: this.need(ref),
              address: boxA1({ r0: row, c0: col, r1: row, c1: col }),
            }))
          ),
        getUsedRangeOrNullObject: (valuesOnly = false) =>
          this.range(
            this.created(() => {
              const sheet = this.orNull(ref);
              const b = sheet && this.usedBox(sheet, parseArea(WHOLE_SHEET), valuesOnly);
              return sheet && b && { sheet, address: boxA1(b) };
            })
          ),
      },
      nav: {
        tables: () => {
          const tables = this.object(ref, {});
          // Loading "items/name" returns the sheet's tables by name.
          (this.raws.get(tables) as Mock).load = (() => {
            this.queue(() => {
              const sheet = this.orNull(ref);
              const names = (sheet?.tables ?? []).map((t) => t.name);
              this.deliveries.push(() => [
                this.fill(tables, {
                  isNullObject: sheet === undefined,
                  items: names.map((name) => ({ name })),
                }),
              ]);
            });
            return tables;
          }) as never;
          return tables;
        },
        protection: () =>
          this.object(
            this.created(() => this.orNull(ref)),
            {
              read: { protected: (sheet) => !!sheet.protected },
            }
          ),
        customProperties: () =>
          this.object(ref, {
            methods: {
              getItemOrNullObject: (k: string) =>
                this.object(
                  this.created(() => {
                    const v = this.orNull(ref)?.props.get(k);
                    return v === undefined ? undefined : { key: k, value: v };
                  }),
                  { read: { key: (p) => p.key, value: (p) => p.value } }
                ),
              add: (k: string, v: string) =>
                this.queue(() => this.need(ref).props.set(k, v), { k, v }, `add property ${k}`),
            },
          }),
        freezePanes: () =>
          this.object(ref, {
            methods: {
              freezeAt: (range: Mock) =>
                this.queue(() => {
                  this.need(ref).freeze = `at ${String(
                    (range as unknown as { __address: () => string }).__address()
                  )}`;
                }, "freezeAt"),
              freezeRows: (n: number) => this.queue(() => (this.need(ref).freeze = `rows ${n}`), n),
              freezeColumns: (n: number) =>
                this.queue(() => (this.need(ref).freeze = `columns ${n}`), n),
            },
          }),
        notes: () => this.notes(ref),
        pageLayout: () => this.pageLayout(ref),
        charts: () => this.charts(ref),
      },
    });
    (sheetProxy as unknown as Record<string, unknown>).__sheet = () => this.need(ref);
    return sheetProxy;
  }

  /** A reference to a range as a chart keeps it: "='Sheet'!$B$5:$B$9". */
  private reference(range: unknown): string {
    const t =
      typeof range === "string"
        ? undefined
        : (range as { __target?: () => RangeTarget }).__target?.();
    if (!t) throw new Error("InvalidArgument: a chart's source is a Range");
    return `='${t.sheet.name.replace(/'/g, "''")}'!${absolute(boxA1(parseArea(t.address)))}`;
  }

  /** A worksheet's charts (Excel.ChartCollection): added, found by name, loaded with their series. */
  private charts(ref: Ref<FakeSheet>): Mock {
    const find = (name: string, orNull: boolean) =>
      this.chartObject(
        this.created(() => {
          const sheet = this.need(ref);
          // ASSUMED: where two charts share a name, Excel finds the first; Microsoft documents
          // getItem(name) only as "gets a chart using its name".
          const chart = (sheet.charts ?? []).find((c) => c.name === name);
          if (!chart && !orNull) throw new Error(`ItemNotFound: no chart named ${name}`);
          return chart && { sheet, chart };
        }, name)
      );
    const collection = this.object(ref, {
      methods: {
        add: (type: string, source: unknown, seriesBy = "Auto") =>
          this.chartObject(
            this.created(
              () => {
                const sheet = this.need(ref);
                guard(sheet);
                const from = (source as { __target: () => RangeTarget }).__target();
                const b = parseArea(from.address);
                // ASSUMED: a range of figures, by columns, makes one series per column named
                // "Series n", with no categories (Excel guesses headers from text, which the
                // writer never gives it), and the chart lands at the top left, "Chart n" by name.
                if (seriesBy !== "Columns")
                  throw new Error("The fake workbook adds charts with series by columns only");
                const series: FakeSeries[] = [];
                for (let c = b.c0; c <= b.c1; c++)
                  series.push({
                    name: `Series ${series.length + 1}`,
                    values: this.reference({
                      __target: () => ({
                        sheet: from.sheet,
                        address: boxA1({ r0: b.r0, c0: c, r1: b.r1, c1: c }),
                      }),
                    }),
                    line: {},
                    marker: {},
                    inLegend: true,
                  });
                const at = (a: string) => `='${sheet.name.replace(/'/g, "''")}'!${absolute(a)}`;
                const chart: FakeChart = {
                  name: `Chart ${++this.chartsMade}`,
                  type,
                  title: {},
                  valueAxis: {},
                  categoryAxis: {},
                  legend: {},
                  position: { from: at("A1"), to: at("H15") },
                  series,
                };
                (sheet.charts ??= []).push(chart);
                return { sheet, chart };
              },
              { type, seriesBy },
              "add chart"
            )
          ),
        getItem: (name: string) => find(name, false),
        getItemOrNullObject: (name: string) => find(name, true),
      },
    });
    // Loading "items/name,items/series/items/name" returns every chart with its series' names.
    (this.raws.get(collection) as Mock).load = ((props: string) => {
      const wanted = props.split(",").map((p) => p.trim());
      for (const w of wanted)
        if (w !== "items/name" && w !== "items/series/items/name")
          throw new Error(`The fake workbook cannot load charts' ${w}`);
      this.queue(
        () => {
          const sheet = this.orNull(ref);
          const charts = sheet?.charts ?? [];
          this.deliveries.push(() => {
            const items = charts.map((chart) => {
              const proxy = this.chartObject({ bound: true, target: { sheet: sheet!, chart } });
              const series = (proxy as unknown as { series: Mock }).series;
              const raws = [this.fill(proxy, { isNullObject: false, name: chart.name })];
              if (wanted.includes("items/series/items/name"))
                raws.push(
                  this.fill(series, {
                    items: chart.series.map((s) => ({ name: s.name })),
                  })
                );
              return { proxy, raws };
            });
            return [
              ...items.flatMap((i) => i.raws),
              this.fill(collection, {
                isNullObject: sheet === undefined,
                items: items.map((i) => i.proxy),
              }),
            ];
          });
        },
        props,
        "load charts"
      );
      return collection;
    }) as never;
    return collection;
  }

  /** A chart: its name, type, title, axes, legend, blanks, position and series. */
  private chartObject(ref: Ref<{ sheet: FakeSheet; chart: FakeChart }>): Mock {
    const chart = () => this.need(ref).chart;
    const title = this.object(ref, {
      write: {
        text: (t, v) => (t.chart.title.text = String(v)),
        visible: (t, v) => (t.chart.title.visible = Boolean(v)),
      },
    });
    const axis = (which: "valueAxis" | "categoryAxis") =>
      this.object(ref, {
        write:
          which === "valueAxis"
            ? { numberFormat: (t, v) => (t.chart.valueAxis.numberFormat = String(v)) }
            : {},
        nav: {
          title: () =>
            this.object(ref, {
              write: {
                text: (t, v) => (t.chart[which].title = String(v)),
                visible: (t, v) => (t.chart[which].titleVisible = Boolean(v)),
              },
            }),
        },
      });
    const valueAxis = axis("valueAxis");
    const categoryAxis = axis("categoryAxis");
    const axes = this.object(ref, {
      nav: { valueAxis: () => valueAxis, categoryAxis: () => categoryAxis },
    });
    const entries = this.object(ref, {
      methods: {
        // ASSUMED: the legend's entries are the series', in their order (no trendlines here).
        getItemAt: (k: number) =>
          this.object(
            this.created(() => {
              const c = chart();
              if (!c.series[k]) throw new Error(`InvalidArgument: no legend entry ${k}`);
              return { ...this.need(ref), series: c.series[k] };
            }, k),
            { write: { visible: (t, v) => (t.series.inLegend = Boolean(v)) } }
          ),
      },
    });
    const legend = this.object(ref, {
      write: {
        visible: (t, v) => (t.chart.legend.visible = Boolean(v)),
        position: (t, v) => (t.chart.legend.position = String(v)),
      },
      nav: { legendEntries: () => entries },
    });
    const series = this.object(ref, {
      methods: {
        getItemAt: (k: number) =>
          this.seriesObject(
            this.created(() => {
              const c = chart();
              // ASSUMED: Microsoft does not say what getItemAt raises past the last series.
              if (!c.series[k]) throw new Error(`InvalidArgument: no series ${k}`);
              return { ...this.need(ref), series: c.series[k] };
            }, k)
          ),
        add: (name?: string) =>
          this.seriesObject(
            this.created(
              () => {
                const t = this.need(ref);
                const s: FakeSeries = { name: name ?? "", line: {}, marker: {}, inLegend: true };
                t.chart.series.push(s);
                return { ...t, series: s };
              },
              name,
              "add series"
            )
          ),
      },
    });
    const proxy = this.object(ref, {
      read: { name: (t) => t.chart.name },
      write: {
        name: (t, v) => (t.chart.name = String(v)),
        chartType: (t, v) => (t.chart.type = String(v)),
        displayBlanksAs: (t, v) => (t.chart.displayBlanksAs = String(v)),
      },
      methods: {
        setPosition: (start: unknown, end?: unknown) =>
          this.queue(
            () => {
              const t = this.need(ref);
              const at = (a: unknown) =>
                typeof a === "string"
                  ? `='${t.sheet.name.replace(/'/g, "''")}'!${absolute(a)}`
                  : this.reference(a);
              t.chart.position = { from: at(start), to: at(end ?? start) };
            },
            { start, end },
            "set position"
          ),
        delete: () =>
          this.queue(
            () => {
              const t = this.need(ref);
              t.sheet.charts = (t.sheet.charts ?? []).filter((c) => c !== t.chart);
              t.chart.deleted = true;
            },
            null,
            "delete chart"
          ),
      },
      nav: { title: () => title, axes: () => axes, legend: () => legend, series: () => series },
    });
    return proxy;
  }

  /** A chart's series: its name, sources, fill, line and markers. */
  private seriesObject(ref: Ref<{ sheet: FakeSheet; chart: FakeChart; series: FakeSeries }>): Mock {
    const fill = this.object(ref, {
      methods: {
        setSolidColor: (color: string) =>
          this.queue(() => (this.need(ref).series.fill = color), color, "set fill"),
        // ASSUMED: a cleared fill is no fill, not the automatic one (Microsoft: "clears the fill
        // color of a chart element").
        clear: () => this.queue(() => (this.need(ref).series.fill = "none"), null, "clear fill"),
      },
    });
    const line = this.object(ref, {
      write: {
        color: (t, v) => (t.series.line.color = String(v)),
        lineStyle: (t, v) => (t.series.line.style = String(v)),
      },
    });
    const format = this.object(ref, { nav: { fill: () => fill, line: () => line } });
    return this.object(ref, {
      read: { name: (t) => t.series.name },
      write: {
        name: (t, v) => (t.series.name = String(v)),
        markerBackgroundColor: (t, v) => (t.series.marker.background = String(v)),
        markerForegroundColor: (t, v) => (t.series.marker.foreground = String(v)),
      },
      methods: {
        setValues: (range: unknown) =>
          this.queue(
            () => (this.need(ref).series.values = this.reference(range)),
            null,
            "set values"
          ),
        setXAxisValues: (range: unknown) =>
          this.queue(
            () => (this.need(ref).series.categories = this.reference(range)),
            null,
            "set categories"
          ),
        delete: () =>
          this.queue(
            () => {
              const t = this.need(ref);
              t.chart.series = t.chart.series.filter((s) => s !== t.series);
            },
            null,
            "delete series"
          ),
      },
      nav: { format: () => format },
    });
  }

  /** Page layout properties are recorded as they are set, print titles by their address. */
  private pageLayout(ref: Ref<FakeSheet>): Mock {
    const set = (name: string) => (s: FakeSheet, v: unknown) => s.page.set(name, v);
    const footer = this.object(ref, {
      write: {
        leftFooter: set("leftFooter"),
        centerFooter: set("centerFooter"),
        rightFooter: set("rightFooter"),
      },
    });
    const headersFooters = this.object(ref, { nav: { defaultForAllPages: () => footer } });
    return this.object(ref, {
      write: Object.fromEntries(
        [
          "orientation",
          "zoom",
          "printGridlines",
          "leftMargin",
          "rightMargin",
          "topMargin",
          "bottomMargin",
          "headerMargin",
          "footerMargin",
        ].map((n) => [n, set(n)])
      ),
      methods: {
        setPrintTitleRows: (rows: string) =>
          this.queue(() => this.need(ref).page.set("printTitleRows", rows), rows),
        setPrintTitleColumns: (columns: string) =>
          this.queue(() => this.need(ref).page.set("printTitleColumns", columns), columns),
        setPrintArea: (area: string) =>
          this.queue(() => this.need(ref).page.set("printArea", area), area),
      },
      nav: { headersFooters: () => headersFooters },
    });
  }

  private notes(ref: Ref<FakeSheet>): Mock {
    const cellKey = (address: unknown): string => {
      const a =
        typeof address === "string"
          ? address
          : (address as { __address: () => string }).__address();
      const b = parseArea(a);
      if (b.r0 !== b.r1 || b.c0 !== b.c1)
        throw new Error(`InvalidCellAddress: a note goes on one cell, not ${a}`);
      return key(b.r0, b.c0);
    };
    return this.object(ref, {
      methods: {
        add: (address: unknown, content: string) =>
          this.queue(
            () => {
              const sheet = this.need(ref);
              const k = cellKey(address);
              if (sheet.notes.has(k)) throw new Error("InvalidArgument: the cell has a note");
              sheet.notes.set(k, content);
            },
            { content }
          ),
        getItemOrNullObject: (address: string) => {
          const note: Ref<{ sheet: FakeSheet; k: string }> = this.created(() => {
            const sheet = this.need(ref);
            const k = cellKey(address);
            return sheet.notes.has(k) ? { sheet, k } : undefined;
          }, address);
          return this.object(note, {
            read: { content: (n) => n.sheet.notes.get(n.k) },
            write: { content: (n, v) => n.sheet.notes.set(n.k, String(v)) },
            methods: {
              delete: () =>
                this.queue(() => {
                  const n = this.need(note);
                  n.sheet.notes.delete(n.k);
                }, "delete"),
            },
          });
        },
      },
    });
  }

  private range(ref: Ref<RangeTarget>): Mock {
    const box = (t: RangeTarget) => parseArea(t.address);
    const grid = <V>(t: RangeTarget, f: (c: FakeCell | undefined) => V): V[][] => {
      const b = box(t);
      if ((b.r1 - b.r0 + 1) * (b.c1 - b.c0 + 1) > 1e6)
        throw new Error(`The fake workbook will not read ${t.address} cell by cell`);
      return Array.from({ length: b.r1 - b.r0 + 1 }, (_, r) =>
        Array.from({ length: b.c1 - b.c0 + 1 }, (__, c) =>
          f(t.sheet.cells.get(key(b.r0 + r, b.c0 + c)))
        )
      );
    };
    const writeGrid = (
      t: RangeTarget,
      v: unknown,
      cellOf: (old: FakeCell | undefined, x: unknown) => FakeCell
    ) => {
      guard(t.sheet);
      const b = box(t);
      const rows = v as unknown[][];
      if (rows.length !== b.r1 - b.r0 + 1 || rows.some((row) => row.length !== b.c1 - b.c0 + 1))
        throw new Error(
          `InvalidArgument: the input array does not match the size of the range ${t.address}`
        );
      rows.forEach((row, r) =>
        row.forEach((x, c) => {
          if (x === null) return;
          const k = key(b.r0 + r, b.c0 + c);
          const old = t.sheet.cells.get(k);
          const next = cellOf(old, x);
          if (old?.spill && next.formula !== old.formula) this.unspill(t.sheet, k);
          if (next.value === undefined && next.formula === undefined && !next.format)
            t.sheet.cells.delete(k);
          else t.sheet.cells.set(k, next);
        })
      );
    };
    const formatWrite = (property: string) => (t: RangeTarget, v: unknown) => {
      guard(t.sheet);
      t.sheet.formats.push({ areas: t.address, property, value: v });
    };
    const format = () => {
      const font = this.object(ref, {
        write: Object.fromEntries(
          ["bold", "italic", "size", "color"].map((p) => [p, formatWrite(`font.${p}`)])
        ),
      });
      const fill = this.object(ref, { write: { color: formatWrite("fill.color") } });
      const borders = this.object(ref, {
        methods: {
          getItem: (edge: string) =>
            this.object(ref, {
              write: {
                style: formatWrite(`border.${edge}`),
                weight: formatWrite(`border.${edge}.weight`),
              },
            }),
        },
      });
      return this.object(ref, {
        write: {
          horizontalAlignment: formatWrite("horizontalAlignment"),
          indentLevel: formatWrite("indentLevel"),
          wrapText: formatWrite("wrapText"),
          rowHeight: formatWrite("rowHeight"),
          columnWidth: (t, v) => t.sheet.widths.set(t.address, Number(v)),
        },
        nav: { font: () => font, fill: () => fill, borders: () => borders },
      });
    };
    const proxy = this.object(ref, {
      read: {
        address: (t) => `${quoted(t.sheet.name)}${boxA1(box(t))}`,
        rowIndex: (t) => box(t).r0,
        columnIndex: (t) => box(t).c0,
        values: (t) => grid(t, (c) => c?.value ?? ""),
        formulas: (t) => grid(t, (c) => c?.formula ?? c?.value ?? ""),
        numberFormat: (t) => grid(t, (c) => c?.format ?? "General"),
        valueTypes: (t) => grid(t, (c) => valueType(c?.value)),
      },
      write: {
        // Hidden columns, by address: hiding them again is no change.
        columnHidden: (t, v) => {
          guard(t.sheet);
          t.sheet.page.set(`hidden ${t.address}`, v);
        },
        values: (t, v) => writeGrid(t, v, content),
        formulas: (t, v) => writeGrid(t, v, content),
        numberFormat: (t, v) => writeGrid(t, v, (old, x) => ({ ...old, format: String(x) })),
      },
      methods: {
        insert: (shift: string) => {
          const inserted: Ref<RangeTarget> = this.created(
            () => {
              const t = this.need(ref);
              const b = box(t);
              const rows = b.c0 === 0 && b.c1 === 16383;
              const columns = b.r0 === 0 && b.r1 === 1048575;
              if ((shift === "Down" && !rows) || (shift === "Right" && !columns))
                throw new Error(
                  `The fake workbook inserts whole rows (Down) or whole columns (Right), not ${t.address} ${shift}`
                );
              if (rows) this.insertAt(t.sheet, "rows", b.r0, b.r1 - b.r0 + 1);
              else this.insertAt(t.sheet, "columns", b.c0, b.c1 - b.c0 + 1);
              return { sheet: t.sheet, address: boxA1(b) };
            },
            shift,
            "insert"
          );
          return this.range(inserted);
        },
        // The column outline: a group and whether it is collapsed, by the columns' address. Grouping
        // columns that are grouped already nests them a level deeper, as Excel does: recorded as
        // a second level, so that a writer that groups twice is seen to.
        group: (by: string) =>
          this.queue(
            () => {
              const t = this.need(ref);
              guard(t.sheet);
              const key = `outline ${by} ${t.address}`;
              t.sheet.page.set(key, Number(t.sheet.page.get(key) ?? 0) + 1);
            },
            by,
            "group"
          ),
        hideGroupDetails: (by: string) =>
          this.queue(
            () => {
              const t = this.need(ref);
              t.sheet.page.set(`collapsed ${by} ${t.address}`, true);
            },
            by,
            "hide group"
          ),
        calculate: () =>
          this.queue(
            () => this.calculations.push(`range ${this.need(ref).address}`),
            null,
            "calculate"
          ),
        clear: (applyTo = "All") =>
          this.queue(() => {
            const t = this.need(ref);
            const b = box(t);
            for (const [k, cell] of [...t.sheet.cells]) {
              const [r, c] = k.split(",").map(Number);
              if (r < b.r0 || r > b.r1 || c < b.c0 || c > b.c1) continue;
              if (applyTo === "Contents" && cell.format)
                t.sheet.cells.set(k, { format: cell.format });
              else t.sheet.cells.delete(k);
            }
          }, applyTo),
        getUsedRangeOrNullObject: (valuesOnly = false) =>
          this.range(
            this.created(() => {
              const t = this.need(ref);
              const b = this.usedBox(t.sheet, box(t), valuesOnly);
              return b && { sheet: t.sheet, address: boxA1(b) };
            })
          ),
        getMergedAreasOrNullObject: () =>
          this.object(
            this.created(() => {
              const t = this.orNull(ref);
              const b = t && box(t);
              const inside = (t?.sheet.merges ?? []).filter((m) => {
                const a = parseArea(m);
                return b && a.r0 <= b.r1 && a.r1 >= b.r0 && a.c0 <= b.c1 && a.c1 >= b.c0;
              });
              return inside.length ? { sheet: t!.sheet, areas: inside } : undefined;
            }),
            {
              read: {
                address: (m) => m.areas.map((a) => `${quoted(m.sheet.name)}${a}`).join(", "),
                areaCount: (m) => m.areas.length,
              },
            }
          ),
        getSpillingToRangeOrNullObject: () =>
          this.range(
            this.created(() => {
              const t = this.need(ref);
              const b = box(t);
              const spill = t.sheet.cells.get(key(b.r0, b.c0))?.spill;
              return spill
                ? {
                    sheet: t.sheet,
                    address: boxA1({
                      r0: b.r0,
                      c0: b.c0,
                      r1: b.r0 + spill.length - 1,
                      c1: b.c0 + spill[0].length - 1,
                    }),
                  }
                : undefined;
            })
          ),
      },
      nav: {
        format,
      },
    });
    (proxy as unknown as Record<string, unknown>).__address = () => this.need(ref).address;
    (proxy as unknown as Record<string, unknown>).__target = () => this.need(ref);
    return proxy;
  }

  // ---- what the operations do ----

  /**
   * Whole rows or columns inserted into a sheet as Excel inserts them: what stood at or past them
   * moves on (cells, notes, formats, widths, the print area), and every reference to it, in every
   * sheet's formulas and in the workbook's names, moves with it (HyperFormula moves them).
   */
  private insertAt(sheet: FakeSheet, axis: "rows" | "columns", at: number, count: number): void {
    guard(sheet);
    // ASSUMED, erring on the side of refusing: Excel raises InsertDeleteConflict ("the insert or
    // delete operation attempted resulted in a conflict", Excel.ErrorCodes,
    // https://learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-error-handling) where an
    // insert would cut through a merged area, an Excel table or an array: a legacy array, which
    // Excel's grid refuses to change in part ("You can't change part of an array"), or the cells
    // a formula spills into, of which Microsoft documents nothing.
    const arrays = [...sheet.cells].flatMap(([k, c]) => {
      if (c.array) return [c.array];
      if (!c.spill) return [];
      const [r, col] = k.split(",").map(Number);
      return [
        boxA1({ r0: r, c0: col, r1: r + c.spill.length - 1, c1: col + c.spill[0].length - 1 }),
      ];
    });
    const crossed = [
      ...(sheet.merges ?? []),
      ...(sheet.tables ?? []).map((t) => t.address),
      ...arrays,
    ].find((area) => {
      const a = parseArea(area);
      return axis === "rows" ? a.r0 < at && at <= a.r1 : a.c0 < at && at <= a.c1;
    });
    if (crossed) throw new Error(`InsertDeleteConflict: the insert would cut through ${crossed}`);
    const live = this.sheets;
    // Charts' references move as names' do: HyperFormula moves them all in one engine.
    const refs = this.chartReferences();
    const moved = afterInsert(
      live,
      new Map([...this.names, ...[...refs].map(([k, r]) => [k, r.get()] as [string, string])]),
      live.indexOf(sheet),
      axis,
      at,
      count
    );
    const shiftKey = (k: string) => {
      const [r, c] = k.split(",").map(Number);
      return axis === "rows" ? key(r >= at ? r + count : r, c) : key(r, c >= at ? c + count : c);
    };
    const shiftMap = <V>(m: Map<string, V>) => new Map([...m].map(([k, v]) => [shiftKey(k), v]));
    sheet.cells = shiftMap(sheet.cells);
    for (const c of sheet.cells.values())
      if (c.spilledFrom) c.spilledFrom = shiftKey(c.spilledFrom);
    sheet.notes = shiftMap(sheet.notes);
    const move = (n: number) => (n >= at ? n + count : n);
    // An area moves, or grows where the insert falls inside it; whole columns do not move down.
    const shiftBox = (b: Box): Box => {
      if (axis === "rows")
        return b.r0 === 0 && b.r1 === 1048575 ? b : { ...b, r0: move(b.r0), r1: move(b.r1) };
      return b.c0 === 0 && b.c1 === 16383 ? b : { ...b, c0: move(b.c0), c1: move(b.c1) };
    };
    const shiftArea = (address: string) =>
      address
        .split(",")
        .map((a) => boxA1(shiftBox(parseArea(a.trim()))))
        .join(",");
    sheet.formats = sheet.formats.map((f) => ({ ...f, areas: shiftArea(f.areas) }));
    for (const c of sheet.cells.values()) if (c.array) c.array = shiftArea(c.array);
    if (sheet.merges) sheet.merges = sheet.merges.map(shiftArea);
    for (const list of [sheet.validations, sheet.conditionalFormats])
      for (const rule of list ?? []) rule.area = shiftArea(rule.area);
    if (sheet.tables)
      sheet.tables = sheet.tables.map((t) => ({ ...t, address: shiftArea(t.address) }));
    if (axis === "columns")
      sheet.widths = new Map([...sheet.widths].map(([a, w]) => [shiftArea(a), w]));
    const area = sheet.page.get("printArea");
    if (typeof area === "string") sheet.page.set("printArea", shiftArea(area));
    moved.cells.forEach((changed, i) => {
      for (const [k, formula] of changed) {
        const cell = live[i].cells.get(k);
        if (cell) cell.formula = formula;
      }
    });
    for (const [name, formula] of moved.names) {
      const chartRef = refs.get(name);
      if (chartRef) chartRef.set(formula);
      else this.names.set(name, formula);
    }
  }

  /**
   * Every chart's references (its corners, its series' sources), each under a name of its own
   * for HyperFormula. ASSUMED: a chart moves and grows with the cells under it (Excel's default
   * for a chart, "Move and size with cells"); a reference already #REF! stays so.
   */
  private chartReferences(): Map<string, { get(): string; set(v: string): void }> {
    const out = new Map<string, { get(): string; set(v: string): void }>();
    this.sheets.forEach((sheet, i) =>
      (sheet.charts ?? []).forEach((chart, j) => {
        const add = (key: string, get: () => string | undefined, set: (v: string) => void) => {
          const v = get();
          if (v !== undefined && !v.includes("#REF!"))
            out.set(`FakeChart_${i}_${j}_${key}`, { get: () => v, set });
        };
        add(
          "from",
          () => chart.position.from,
          (v) => (chart.position.from = v)
        );
        add(
          "to",
          () => chart.position.to,
          (v) => (chart.position.to = v)
        );
        chart.series.forEach((series, k) => {
          add(
            `v${k}`,
            () => series.values,
            (v) => (series.values = v)
          );
          add(
            `c${k}`,
            () => series.categories,
            (v) => (series.categories = v)
          );
        });
      })
    );
    return out;
  }

  /** The workbook's names: added, found, deleted, and the range each refers to. */
  private workbookNames(): Mock {
    const top: Ref<FakeExcel> = { bound: true, target: this };
    const lookup = (name: string) =>
      [...this.names.keys()].find((n) => n.toLowerCase() === name.toLowerCase());
    const item = (name: string, orNull: boolean): Mock => {
      const ref: Ref<{ name: string }> = this.created(() => {
        const found = lookup(name);
        if (!found && !orNull) throw new Error(`ItemNotFound: there is no name ${name}`);
        return found ? { name: found } : undefined;
      }, name);
      return this.object(ref, {
        read: {
          name: (n) => n.name,
          formula: (n) => this.names.get(n.name),
          comment: (n) => this.nameComments.get(n.name) ?? "",
          type: () => "Range",
          visible: () => true,
        },
        write: {
          formula: (n, v) => this.names.set(n.name, String(v)),
        },
        methods: {
          delete: () =>
            this.queue(
              () => {
                const n = this.need(ref).name;
                this.names.delete(n);
                this.nameComments.delete(n);
              },
              name,
              "delete name"
            ),
          getRangeOrNullObject: () =>
            this.range(
              this.created(() => {
                const n = this.orNull(ref);
                return n && this.rangeOfName(String(this.names.get(n.name)));
              })
            ),
        },
      });
    };
    const collection = this.object(top, {
      methods: {
        add: (name: string, reference: unknown, comment?: string) =>
          this.queue(
            () => {
              if (!/^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) || /^[A-Za-z]{1,3}\d+$/.test(name))
                throw new Error(`InvalidArgument: "${name}" is not a valid name`);
              if (lookup(name)) throw new Error(`ItemAlreadyExists: the name ${name} exists`);
              const at =
                typeof reference === "string"
                  ? reference
                  : `=${quoted(
                      (reference as { __target: () => RangeTarget }).__target().sheet.name
                    )}${absolute((reference as { __target: () => RangeTarget }).__target().address)}`;
              this.names.set(name, at);
              if (comment) this.nameComments.set(name, comment);
            },
            { name },
            "add name"
          ),
        getItem: (name: string) => item(name, false),
        getItemOrNullObject: (name: string) => item(name, true),
      },
    });
    // Loading "items/name,items/comment" returns every name with those properties.
    (this.raws.get(collection) as Mock).load = ((props: string) => {
      const wanted = props.split(",").map((p) => p.trim().replace(/^items\//, ""));
      this.queue(() => {
        const now = [...this.names.keys()].map((n) => ({
          n,
          values: Object.fromEntries(
            wanted.map((w) => [
              w,
              w === "comment"
                ? (this.nameComments.get(n) ?? "")
                : w === "formula"
                  ? this.names.get(n)
                  : n,
            ])
          ),
        }));
        this.deliveries.push(() => {
          const items = now.map(({ n, values }) => {
            const p = item(n, true);
            return { p, raw: this.fill(p, { isNullObject: false, ...values }) };
          });
          return [
            ...items.map((i) => i.raw),
            this.fill(collection, { items: items.map((i) => i.p) }),
          ];
        });
      }, props);
      return collection;
    }) as never;
    return collection;
  }

  /**
   * A method's result (OfficeExtension.ClientResult): its value is computed when the operation
   * runs and can be read only after that sync succeeded.
   */
  private result<T>(get: () => T, payload: unknown, what: string): { value: T } {
    let value: T;
    let ready = false;
    const r = {} as { value: T };
    Object.defineProperty(r, "value", {
      get: () => {
        if (!ready) throw new Error("PropertyNotLoaded: the result is read before its sync");
        return value;
      },
    });
    this.queue(
      () => {
        const v = get();
        this.deliveries.push(() => {
          value = v;
          ready = true;
          return [];
        });
      },
      payload,
      what
    );
    return r;
  }

  /** The workbook's custom XML parts (Excel.CustomXmlPartCollection and its scoped collections). */
  private customXmlParts(): Mock {
    const top: Ref<FakeExcel> = { bound: true, target: this };
    const part = (ref: Ref<FakeXmlPart>): Mock =>
      this.object(ref, {
        read: { id: (p) => p.id, namespaceUri: (p) => p.namespace },
        methods: {
          getXml: () => this.result(() => this.need(ref).xml, null, "get xml"),
          delete: () =>
            this.queue(
              () => {
                const p = this.need(ref);
                this.xmlParts.splice(this.xmlParts.indexOf(p), 1);
                p.deleted = true;
              },
              null,
              "delete xml part"
            ),
        },
      });
    // A scoped collection is its filter, applied when each of its operations runs.
    const among = (filter: (p: FakeXmlPart) => boolean) => {
      const item = (id: string, orNull: boolean) =>
        part(
          this.created(() => {
            const p = this.xmlParts.find((x) => x.id === id && filter(x));
            if (!p && !orNull) throw new Error(`ItemNotFound: no custom XML part ${id}`);
            return p;
          }, id)
        );
      return {
        getItem: (id: string) => item(id, false),
        getItemOrNullObject: (id: string) => item(id, true),
        getCount: () =>
          this.result(() => this.xmlParts.filter(filter).length, null, "count xml parts"),
      };
    };
    const scoped = (namespace: string): Mock => {
      const inScope = (p: FakeXmlPart) => p.namespace === namespace;
      const only = (orNull: boolean) =>
        part(
          this.created(() => {
            const found = this.xmlParts.filter(inScope);
            if (found.length !== 1 && !orNull)
              throw new Error(`ItemNotFound: ${found.length} custom XML parts in ${namespace}`);
            return found.length === 1 ? found[0] : undefined;
          }, namespace)
        );
      const collection = this.object(top, {
        methods: {
          ...among(inScope),
          getOnlyItem: () => only(false),
          getOnlyItemOrNullObject: () => only(true),
        },
      });
      // Loading "items/id" returns every part in the namespace with its id.
      (this.raws.get(collection) as Mock).load = (() => {
        this.queue(
          () => {
            const now = this.xmlParts.filter(inScope);
            this.deliveries.push(() => {
              const items = now.map((p) => {
                const proxy = part({ bound: true, target: p });
                return { proxy, raw: this.fill(proxy, { isNullObject: false, id: p.id }) };
              });
              return [
                ...items.map((i) => i.raw),
                this.fill(collection, { items: items.map((i) => i.proxy) }),
              ];
            });
          },
          namespace,
          "load xml parts"
        );
        return collection;
      }) as never;
      return collection;
    };
    return this.object(top, {
      methods: {
        ...among(() => true),
        add: (xml: string) =>
          part(
            this.created(
              () => {
                const p = { id: this.partId(), namespace: namespaceOf(xml), xml };
                this.xmlParts.push(p);
                return p;
              },
              xml,
              "add xml part"
            )
          ),
        getByNamespace: (namespace: string) => scoped(namespace),
      },
    });
  }

  /** The range a name's formula refers to ("='Sheet'!$A$1"), if it refers to one. */
  private rangeOfName(formula: string): RangeTarget | undefined {
    const m = /^='?(.*?)'?!(\$?[A-Z]+\$?\d+(?::\$?[A-Z]+\$?\d+)?)$/.exec(formula);
    const sheet = m && this.sheet(m[1].replace(/''/g, "'"));
    return sheet && m ? { sheet, address: m[2].replace(/\$/g, "") } : undefined;
  }

  /** What a cell shows, computed by HyperFormula over the workbook (KC functions through `kcf`). */
  evaluate(sheet: string, address: string, kcf?: KcFormulas): unknown {
    const { r0, c0 } = parseArea(address);
    return evaluateCell(
      this.sheets,
      this.names,
      (this.sheet(sheet) as FakeSheet).name,
      r0,
      c0,
      kcf
    );
  }

  /** What several cells show ("Sheet!A1" each), computed by one HyperFormula engine. */
  evaluateAll(cells: readonly [sheet: string, address: string][], kcf?: KcFormulas): unknown[] {
    return evaluateCells(
      this.sheets,
      this.names,
      cells.map(([sheet, address]) => {
        const { r0, c0 } = parseArea(address);
        return { sheet: (this.sheet(sheet) as FakeSheet).name, row: r0, col: c0 };
      }),
      kcf
    );
  }

  private usedBox(sheet: FakeSheet, within: Box, valuesOnly: boolean): Box | undefined {
    let b: Box | undefined;
    for (const [k, c] of sheet.cells) {
      const [r, col] = k.split(",").map(Number);
      if (r < within.r0 || r > within.r1 || col < within.c0 || col > within.c1) continue;
      const has = c.formula !== undefined || (c.value !== undefined && c.value !== "");
      if (!has && (valuesOnly || !c.format)) continue;
      b = b
        ? {
            r0: Math.min(b.r0, r),
            c0: Math.min(b.c0, col),
            r1: Math.max(b.r1, r),
            c1: Math.max(b.c1, col),
          }
        : { r0: r, c0: col, r1: r, c1: col };
    }
    return b;
  }

  /** A spilling formula overwritten: its array leaves the cells it spilled into. */
  private unspill(sheet: FakeSheet, anchor: string): void {
    for (const [k, c] of [...sheet.cells]) if (c.spilledFrom === anchor) sheet.cells.delete(k);
  }

  private rename(sheet: FakeSheet, name: string): void {
    if (name === sheet.name) return;
    this.checkName(name, sheet);
    this.rewriteReferences(sheet.name, quoted(name));
    sheet.name = name;
  }

  private remove(sheet: FakeSheet): void {
    this.sheets.splice(this.sheets.indexOf(sheet), 1);
    sheet.deleted = true;
    this.rewriteReferences(sheet.name, "#REF!");
  }

  /** Excel follows a sheet in every formula that refers to it, by its quoted or plain name. */
  private rewriteReferences(from: string, to: string): void {
    const plain = /^[A-Za-z_][A-Za-z0-9_.]*$/.test(from)
      ? new RegExp(`(?<![\\w.'!])${from.replace(/\./g, "\\.")}!`, "gi")
      : undefined;
    const q = `'${from.replace(/'/g, "''")}'!`;
    const rewrite = (f: string) => {
      const g = f.split(q).join(to);
      return plain ? g.replace(plain, to) : g;
    };
    for (const s of this.sheets) {
      for (const cell of s.cells.values()) if (cell.formula) cell.formula = rewrite(cell.formula);
      // A chart's reference to a deleted sheet is #REF! whole, as its series formula shows it.
      const chartRef = (f: string) => {
        const g = rewrite(f);
        return g !== f && to === "#REF!" ? "=#REF!" : g;
      };
      for (const chart of s.charts ?? []) {
        chart.position = { from: chartRef(chart.position.from), to: chartRef(chart.position.to) };
        for (const series of chart.series) {
          if (series.values) series.values = chartRef(series.values);
          if (series.categories) series.categories = chartRef(series.categories);
        }
      }
    }
  }

  private copySheet(source: FakeSheet, position: string, relativeTo?: FakeSheet): FakeSheet {
    let n = 2;
    const named = (k: number) => `${source.name.slice(0, 31 - ` (${k})`.length)} (${k})`;
    while (this.sheet(named(n))) n++;
    const copy = this.newSheet(named(n));
    for (const [k, c] of source.cells) copy.cells.set(k, structuredClone(c));
    copy.formats = structuredClone(source.formats);
    copy.widths = new Map(source.widths);
    copy.freeze = source.freeze;
    copy.notes = new Map(source.notes);
    copy.page = new Map(source.page);
    if (source.validations) copy.validations = structuredClone(source.validations);
    if (source.conditionalFormats)
      copy.conditionalFormats = structuredClone(source.conditionalFormats);
    if (source.charts?.length) {
      // ASSUMED: a copied chart draws the copy's cells where it drew its own sheet's, as Excel's
      // Move or Copy does; Microsoft documents Worksheet.copy without saying.
      const mine = `'${source.name.replace(/'/g, "''")}'!`;
      const theirs = `'${copy.name.replace(/'/g, "''")}'!`;
      const to = (f: string | undefined) => f?.split(mine).join(theirs);
      copy.charts = structuredClone(source.charts).map((c) => ({
        ...c,
        position: { from: to(c.position.from) as string, to: to(c.position.to) as string },
        series: c.series.map((x) => ({
          ...x,
          values: to(x.values),
          categories: to(x.categories),
        })),
      }));
    }
    this.sheets.pop();
    const anchor = this.sheets.indexOf(relativeTo ?? source);
    const at =
      position === "End"
        ? this.sheets.length
        : position === "After"
          ? anchor + 1
          : position === "Before"
            ? anchor
            : 0;
    this.sheets.splice(at, 0, copy);
    return copy;
  }
}
