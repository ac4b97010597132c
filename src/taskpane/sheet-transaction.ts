/**
 * New sheets made as one transaction: any failure leaves the workbook as it was, or a message
 * that says exactly what is left and how to finish.
 *
 * Excel runs a batch in order and stops at a failing operation: what came before it stays done and
 * nothing loaded in that batch comes back. So every sheet the transaction creates is marked, in
 * the operation right after its creation, with the transaction's own token, and a recovery looks
 * at the workbook afresh: it deletes, by id, sheets that are new since the transaction began and
 * carry its token, or that a failure caught between their creation and their mark: an empty
 * sheet under a name the transaction added, or a sheet named as Excel names a copy ("DCF (2)") of
 * one it copied. (A co-author's copy of the same sheet made in the same second would be taken for
 * ours: the one case where the recovery could delete what it did not make, a copy whose original
 * stays.) Tabs that exist are written in place, never replaced: see writer.ts.
 */

/** Worksheet custom property holding the token of the transaction that created the sheet. */
export const CREATED_BY = "KCFinancialsCreatedBy";

/**
 * How a recovery left the workbook: as it was, or not quite, when a sheet could not be told or
 * Excel failed while undoing too. `left` says what remains of the attempt and how to finish;
 * `failure`, Excel's error while undoing, if any.
 */
export interface Outcome {
  kind: "as-before" | "left";
  left: string[];
  failure?: string;
}

interface SheetState {
  id: string;
  name: string;
  token?: string;
  /** Holds nothing (no value, formula or format): only for sheets new since the beginning. */
  empty?: boolean;
}

export function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** What a user is told after `what` failed and the recovery ran. */
export function outcomeMessage(what: string, error: unknown, outcome: Outcome): string {
  const failed = `${what} failed (${message(error)})`;
  const left = outcome.left.join("; ");
  return outcome.kind === "as-before"
    ? `${failed}; the workbook is as it was.`
    : outcome.failure
      ? `${failed}, and undoing it failed too (${outcome.failure}). Left in the workbook: ${left}.`
      : `${failed}; it was undone, except: ${left}.`;
}

/** A random token, short enough for sheet names (31 characters at most). */
export function newToken(): string {
  const bytes = new Uint8Array(4);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

export class SheetTransaction {
  readonly token = newToken();
  private before?: Set<string>;
  private readonly list: Excel.WorksheetCollection;
  /** The names of the sheets created, for a message where Excel never answers. */
  private readonly created: string[] = [];
  /** The names of the sheets copied. */
  private readonly copied: string[] = [];

  /** Queues reading which sheets exist, so that a recovery knows which are new. */
  constructor(private readonly context: Excel.RequestContext) {
    this.list = context.workbook.worksheets;
    this.list.load("items/id,items/name");
  }

  /** After the first sync: the sheets that were there before anything was changed. */
  begin(): void {
    this.before = new Set(this.list.items.map((s) => s.id));
  }

  /** A new sheet named `name`, marked with the transaction's token. */
  add(name: string): Excel.Worksheet {
    const sheet = this.context.workbook.worksheets.add(name);
    sheet.customProperties.add(CREATED_BY, this.token);
    this.created.push(name);
    return sheet;
  }

  /** A copy of a sheet (`from`: its name), at the end of the workbook, named `name`. */
  copy(source: Excel.Worksheet, from: string, name: string): Excel.Worksheet {
    this.copied.push(from);
    const sheet = source.copy("End");
    sheet.customProperties.add(CREATED_BY, this.token);
    sheet.name = name;
    this.created.push(name);
    return sheet;
  }

  /**
   * After a failed sync: deletes what the transaction created. It looks, fixes and looks again (a
   * look that fails is tried again), fixing twice at most, and then says what is left from its
   * last look (or, if Excel never answered, from the names the attempt used).
   */
  async recover(): Promise<Outcome> {
    if (!this.before || this.created.length === 0) return { kind: "as-before", left: [] };
    let state: SheetState[] | undefined;
    let failure: string | undefined;
    let fixes = 0;
    for (let looks = 0; looks < 4; looks++) {
      try {
        state = await this.inspect();
      } catch (e) {
        failure = message(e);
        state = undefined;
        continue;
      }
      const ours = state.filter((s) => this.ours(s));
      if (ours.length === 0) {
        const left = this.left(state);
        return left.length ? { kind: "left", left } : { kind: "as-before", left };
      }
      if (fixes === 2) break;
      fixes++;
      try {
        for (const s of ours) this.context.workbook.worksheets.getItem(s.id).delete();
        await this.context.sync();
      } catch (e) {
        failure = message(e);
      }
      state = undefined;
    }
    return { kind: "left", left: this.left(state), failure };
  }

  /** Whether a sheet is of the attempt's: marked with its token, or caught before its mark. */
  private ours(s: SheetState): boolean {
    if (s.token === this.token) return true;
    if (s.token !== undefined || (this.before as Set<string>).has(s.id)) return false;
    const name = s.name.toLowerCase();
    if (s.empty && this.created.some((n) => n.toLowerCase() === name)) return true;
    // Excel names a copy "Name (2)", shortening the name to keep within 31 characters.
    const m = / \((\d+)\)$/.exec(s.name);
    const stem = m ? name.slice(0, m.index) : undefined;
    return (
      stem !== undefined &&
      this.copied.some((from) => {
        const f = from.toLowerCase();
        return f === stem || (s.name.length === 31 && f.startsWith(stem));
      })
    );
  }

  /** The workbook's sheets now, with the token of each sheet new since the transaction began. */
  private async inspect(): Promise<SheetState[]> {
    const list = this.context.workbook.worksheets;
    list.load("items/id,items/name");
    await this.context.sync();
    const before = this.before as Set<string>;
    const fresh = list.items
      .filter((s) => !before.has(s.id))
      .map((s) => {
        const p = list.getItemOrNullObject(s.id).customProperties.getItemOrNullObject(CREATED_BY);
        p.load("value");
        const used = list.getItemOrNullObject(s.id).getUsedRangeOrNullObject();
        used.load("address");
        return { s, p, used };
      });
    if (fresh.length) await this.context.sync();
    return list.items.map((s) => {
      const f = fresh.find((x) => x.s === s);
      return {
        id: s.id,
        name: s.name,
        token: f && !f.p.isNullObject ? f.p.value : undefined,
        empty: f ? f.used.isNullObject : undefined,
      };
    });
  }

  /** What is left and how to finish: from the last look at the workbook, or else by name. */
  private left(state: SheetState[] | undefined): string[] {
    if (!state) return this.created.map((name) => `a sheet named "${name}", if any: delete it`);
    const before = this.before as Set<string>;
    return state
      .filter((s) => !before.has(s.id))
      .map((s) =>
        !this.ours(s)
          ? `"${s.name}", a sheet that appeared during the attempt without the add-in's mark (left alone): delete it if it is an unfinished one of the attempt's`
          : `"${s.name}", made by the attempt: delete it`
      );
  }
}
