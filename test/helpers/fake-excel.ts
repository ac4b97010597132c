import { OfficeMockObject } from "office-addin-mock";
import type { ExcelApi } from "../../src/taskpane/writer";

/**
 * A workbook for the writer tests, built from office-addin-mock objects. Like Office.js, it queues
 * what the code does and applies it at `context.sync()` (method calls first, then property
 * writes), and a loaded property can be read only after load and sync. Adding or renaming a sheet
 * to a name in use fails, as in Excel. `failOnSync` makes a chosen sync fail after its batch has
 * been partly applied, as a real failure mid-batch does.
 */

export interface FakeCell {
  value?: unknown;
  formula?: string;
  format?: string;
}

export interface FakeSheet {
  id: number;
  name: string;
  props: Map<string, string>;
  cells: Map<string, FakeCell>;
  formats: { areas: string; property: string; value: unknown }[];
  freeze?: string;
  widths: Map<string, number>;
}

type Mock = OfficeMockObject & Record<string, unknown>;

const CELL = /^\$?([A-Z]+)\$?(\d+)$/;

function colIndex(letters: string): number {
  return letters.split("").reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
}

function parseArea(address: string): { r0: number; c0: number; r1: number; c1: number } {
  const [from, to = from] = address.split(":");
  const a = CELL.exec(from) as RegExpExecArray;
  const b = CELL.exec(to) as RegExpExecArray;
  return { r0: Number(a[2]) - 1, c0: colIndex(a[1]), r1: Number(b[2]) - 1, c1: colIndex(b[1]) };
}

export class FakeExcel {
  readonly sheets: FakeSheet[] = [];
  syncs = 0;
  failOnSync?: number;
  readonly calculations: string[] = [];
  private nextId = 1;
  private queue: (() => void)[] = [];
  /** Every proxy's property writes, applied (and consumed) at each sync. */
  private readonly appliers: (() => void)[] = [];
  private readonly live: Mock[] = [];

  constructor(
    initial: {
      name: string;
      props?: Record<string, string>;
      cells?: Record<string, unknown>;
    }[] = []
  ) {
    for (const s of initial) {
      const sheet = this.newSheet(s.name);
      for (const [k, v] of Object.entries(s.props ?? {})) sheet.props.set(k, v);
      for (const [addr, v] of Object.entries(s.cells ?? {})) {
        const { r0, c0 } = parseArea(addr);
        sheet.cells.set(`${r0},${c0}`, { value: v });
      }
    }
  }

  /** What code sees as the global `Excel`. */
  get api(): ExcelApi {
    return {
      run: async <T>(cb: (ctx: Excel.RequestContext) => Promise<T>) =>
        cb(this.context() as unknown as Excel.RequestContext),
    };
  }

  sheet(name: string): FakeSheet | undefined {
    return this.sheets.find((s) => s.name === name);
  }

  cell(sheetName: string, address: string): FakeCell | undefined {
    const { r0, c0 } = parseArea(address);
    return this.sheet(sheetName)?.cells.get(`${r0},${c0}`);
  }

  private newSheet(name: string): FakeSheet {
    if (this.sheet(name)) throw new Error(`A sheet named "${name}" already exists`);
    const sheet: FakeSheet = {
      id: this.nextId++,
      name,
      props: new Map(),
      cells: new Map(),
      formats: [],
      widths: new Map(),
    };
    this.sheets.push(sheet);
    return sheet;
  }

  private mock(data: Record<string, unknown>): Mock {
    const m = new OfficeMockObject(data) as Mock;
    this.live.push(m);
    return m;
  }

  private context(): Mock {
    // Not tracked: its sync is ours, which syncs the tracked objects.
    return new OfficeMockObject({
      workbook: {
        worksheets: {
          getItemOrNullObject: (name: string) => this.sheetProxy(this.sheet(name)),
          add: (name: string) => {
            const proxy = this.sheetProxy(undefined);
            this.queue.push(() => this.bind(proxy, this.newSheet(name)));
            return proxy;
          },
        },
        application: {
          calculate: (type: string) => this.queue.push(() => this.calculations.push(type)),
        },
      },
      sync: async () => this.sync(),
    }) as Mock;
  }

  /** A worksheet as code sees it; `sheet` may be bound later (a sheet added in this batch). */
  private sheetProxy(sheet: FakeSheet | undefined): Mock {
    const target = { sheet };
    const proxy = this.mock({
      name: sheet?.name ?? "",
      customProperties: {
        getItemOrNullObject: (key: string) => {
          const value = target.sheet?.props.get(key);
          const p = this.mock({ value: value ?? "" });
          p.isNullObject = value === undefined;
          return p;
        },
        add: (key: string, value: string) =>
          this.queue.push(() => target.sheet?.props.set(key, value)),
      },
      getRange: (address?: string) => this.rangeProxy(target, address ?? "A1:XFD1048576"),
      getRanges: (address: string) => this.rangeProxy(target, address),
      getCell: (row: number, col: number) => {
        const p = this.mock({ values: [[target.sheet?.cells.get(`${row},${col}`)?.value ?? ""]] });
        return p;
      },
      getUsedRangeOrNullObject: () => {
        const cells = target.sheet ? [...target.sheet.cells.entries()] : [];
        const rows = Math.max(0, ...cells.map(([k]) => Number(k.split(",")[0]) + 1));
        const cols = Math.max(0, ...cells.map(([k]) => Number(k.split(",")[1]) + 1));
        const values = Array.from({ length: rows }, (_, r) =>
          Array.from({ length: cols }, (_, c) => target.sheet?.cells.get(`${r},${c}`)?.value ?? "")
        );
        const p = this.mock({ values });
        p.isNullObject = cells.length === 0;
        return p;
      },
      freezePanes: {
        freezeAt: (range: Mock) =>
          this.queue.push(
            () => target.sheet && (target.sheet.freeze = `at ${String(range.address)}`)
          ),
        freezeRows: (n: number) =>
          this.queue.push(() => target.sheet && (target.sheet.freeze = `rows ${n}`)),
        freezeColumns: (n: number) =>
          this.queue.push(() => target.sheet && (target.sheet.freeze = `columns ${n}`)),
      },
      delete: () =>
        this.queue.push(() =>
          this.sheets.splice(this.sheets.indexOf(target.sheet as FakeSheet), 1)
        ),
      activate: () => undefined,
    });
    proxy.isNullObject = !sheet;
    proxy.__target = target;
    this.appliers.push(() => {
      // A rename is a property write: applied at sync, after the batch's method calls.
      const wanted = (proxy as unknown as { name: unknown }).name;
      if (
        target.sheet &&
        typeof wanted === "string" &&
        !/^Error, /.test(wanted) &&
        wanted !== target.sheet.name
      ) {
        if (this.sheet(wanted)) throw new Error(`A sheet named "${wanted}" already exists`);
        this.renameReferences(target.sheet.name, wanted);
        target.sheet.name = wanted;
      }
    });
    return proxy;
  }

  /** Excel rewrites references to a sheet in every formula when the sheet is renamed. */
  private renameReferences(from: string, to: string): void {
    const quote = (n: string) => `'${n.replace(/'/g, "''")}'!`;
    for (const s of this.sheets) {
      for (const cell of s.cells.values()) {
        if (cell.formula) cell.formula = cell.formula.split(quote(from)).join(quote(to));
      }
    }
  }

  private bind(proxy: Mock, sheet: FakeSheet): void {
    (proxy.__target as { sheet?: FakeSheet }).sheet = sheet;
  }

  private rangeProxy(target: { sheet?: FakeSheet }, address: string): Mock {
    const font: Record<string, unknown> = {};
    const border: Record<string, unknown> = {};
    const format: Record<string, unknown> = {
      font,
      fill: {},
      borders: { getItem: (edge: string) => ((border.edge = edge), border) },
    };
    const proxy = this.mock({ clear: () => this.queue.push(() => target.sheet?.cells.clear()) });
    proxy.address = address;
    proxy.format = format;
    this.appliers.push(() => {
      const sheet = target.sheet;
      if (!sheet) return;
      const apply = (k: "values" | "formulas" | "numberFormat", field: keyof FakeCell) => {
        const grid = proxy[k] as unknown[][] | undefined;
        if (!Array.isArray(grid)) return;
        const { r0, c0 } = parseArea(address);
        grid.forEach((row, r) =>
          row.forEach((v, c) => {
            if (v === null) return;
            const key = `${r0 + r},${c0 + c}`;
            sheet.cells.set(key, {
              ...sheet.cells.get(key),
              [field]: v,
              ...(field === "formula" ? { value: undefined } : {}),
            });
          })
        );
        proxy[k] = undefined;
      };
      apply("values", "value");
      apply("formulas", "formula");
      apply("numberFormat", "format");
      for (const [property, value] of Object.entries(font)) {
        sheet.formats.push({ areas: address, property: `font.${property}`, value });
        delete font[property];
      }
      const fill = format.fill as Record<string, unknown>;
      if (fill.color)
        sheet.formats.push({ areas: address, property: "fill.color", value: fill.color });
      delete fill.color;
      if (border.style)
        sheet.formats.push({
          areas: address,
          property: `border.${String(border.edge)}`,
          value: border.style,
        });
      delete border.style;
      for (const property of ["horizontalAlignment", "indentLevel"]) {
        if (format[property] !== undefined)
          sheet.formats.push({ areas: address, property, value: format[property] });
        delete format[property];
      }
      if (format.columnWidth !== undefined) sheet.widths.set(address, format.columnWidth as number);
      delete format.columnWidth;
    });
    return proxy;
  }

  private async sync(): Promise<void> {
    this.syncs++;
    const queue = this.queue;
    this.queue = [];
    if (this.failOnSync === this.syncs) {
      // Part of the batch reaches the workbook before the failure, as with a real failure.
      queue.slice(0, Math.ceil(queue.length / 2)).forEach((op) => op());
      throw new Error("Simulated failure during sync");
    }
    for (const op of queue) op();
    for (const apply of this.appliers) apply();
    for (const m of this.live) await m.sync();
  }
}
