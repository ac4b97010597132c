/**
 * Changes to a workbook's sheets made as one transaction: new sheets are built beside the old,
 * then put in their places, and any failure leaves the workbook as it was, or, where Excel cannot
 * undo a step (a deleted sheet), complete, or failing both, a message that says exactly what is
 * left and how to finish.
 *
 * Excel runs a batch in order and stops at a failing operation: what came before it stays done and
 * nothing loaded in that batch comes back. So every sheet the transaction creates is marked, in
 * the operation right after its creation, with the transaction's own token, and a recovery looks
 * at the workbook afresh: it deletes only sheets that are new since the transaction began *and*
 * carry its token, by id; an old sheet is renamed aside before it is replaced and deleted last, so
 * that until then every step can be undone by a rename.
 */

/** Worksheet custom property holding the token of the transaction that created the sheet. */
export const CREATED_BY = "KCFinancialsCreatedBy";

/**
 * How a recovery left the workbook: as it was, or finished (past the point of no return: an old
 * sheet was deleted), or neither, when Excel failed while undoing too. `left` says what remains of
 * the attempt and how to finish; `failure`, Excel's error while undoing, if any.
 */
export interface Outcome {
  kind: "as-before" | "completed" | "left";
  left: string[];
  failure?: string;
}

interface Created {
  sheet: Excel.Worksheet;
  /** The name it is created under, then the one it takes when put in place. */
  name: string;
  final: string;
  replaces?: Replaced;
}

interface Replaced {
  id: string;
  name: string;
  position: number;
  /** The name it is moved to while its replacement takes its place. */
  aside: string;
}

interface SheetState {
  id: string;
  name: string;
  token?: string;
}

export function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/**
 * What a user is told after `what` failed and the recovery ran: `finished` when the change was
 * completed after all (the text is then a warning), else an error's text.
 */
export function outcomeMessage(
  what: string,
  error: unknown,
  outcome: Outcome
): { finished: boolean; text: string } {
  const failed = `${what} failed (${message(error)})`;
  const left = outcome.left.join("; ");
  if (outcome.kind === "completed")
    return {
      finished: true,
      text: `${failed}; the change was finished afterwards.${left ? ` Also left: ${left}.` : ""}`,
    };
  return {
    finished: false,
    text:
      outcome.kind === "as-before"
        ? `${failed}; the workbook is as it was.`
        : outcome.failure
          ? `${failed}, and undoing it failed too (${outcome.failure}). Left in the workbook: ${left}.`
          : `${failed}; it was undone, except: ${left}.`,
  };
}

/** A random token, short enough for sheet names (31 characters at most). */
function newToken(): string {
  const bytes = new Uint8Array(4);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

export class SheetTransaction {
  readonly token = newToken();
  private before?: Set<string>;
  private readonly list: Excel.WorksheetCollection;
  private readonly created: Created[] = [];

  /** Queues reading which sheets exist, so that a recovery knows which are new. */
  constructor(private readonly context: Excel.RequestContext) {
    this.list = context.workbook.worksheets;
    this.list.load("items/id,items/name");
  }

  /** After the first sync: the sheets that were there before anything was changed. */
  begin(): void {
    this.before = new Set(this.list.items.map((s) => s.id));
  }

  /** A new sheet under a name of the transaction's own, to be put in place as `final`. */
  add(name: string, final: string): Excel.Worksheet {
    const sheet = this.context.workbook.worksheets.add(name);
    sheet.customProperties.add(CREATED_BY, this.token);
    this.created.push({ sheet, name, final });
    return sheet;
  }

  /** A copy of a sheet, at the end of the workbook, named `name`. */
  copy(source: Excel.Worksheet, name: string): Excel.Worksheet {
    const sheet = source.copy("End");
    sheet.customProperties.add(CREATED_BY, this.token);
    sheet.name = name;
    this.created.push({ sheet, name, final: name });
    return sheet;
  }

  /** Says that a created sheet replaces an existing one (loaded: id, name, position). */
  replace(created: Excel.Worksheet, old: Excel.Worksheet, index: number): void {
    const c = this.created.find((x) => x.sheet === created) as Created;
    c.replaces = {
      id: old.id,
      name: old.name,
      position: old.position,
      aside: `~KC old ${this.token} ${index}`,
    };
  }

  /**
   * Queues putting the created sheets in place: the old ones renamed aside, the new ones given
   * their names and the old ones' positions, and only then the old ones deleted.
   */
  queueSwap(): void {
    const worksheets = this.context.workbook.worksheets;
    const replacing = this.created
      .filter((c) => c.replaces)
      .sort((a, b) => (a.replaces as Replaced).position - (b.replaces as Replaced).position);
    const olds = replacing.map((c) => {
      const r = c.replaces as Replaced;
      const old = worksheets.getItem(r.id);
      old.name = r.aside;
      return old;
    });
    for (const c of this.created) if (c.name !== c.final) c.sheet.name = c.final;
    // Each sheet moved ahead of the old ones shifts those after it by one.
    replacing.forEach((c, i) => (c.sheet.position = (c.replaces as Replaced).position + i));
    for (const old of olds) old.delete();
  }

  /**
   * After a failed sync: puts the workbook back as it was, or finishes the change. It looks, fixes
   * and looks again (a look that fails is tried again), fixing twice at most, and then says what
   * is left from its last look (or, if Excel never answered, from the names the attempt used).
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
      const plan = this.plan(state);
      if (plan.todo === 0) {
        const left = this.left(state);
        if (plan.forward) return { kind: "completed", left };
        return left.length ? { kind: "left", left } : { kind: "as-before", left };
      }
      if (fixes === 2) break;
      fixes++;
      try {
        this.queueFix(state, plan.forward);
        await this.context.sync();
      } catch (e) {
        failure = message(e);
      }
      state = undefined;
    }
    return { kind: "left", left: this.left(state), failure };
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
        return { s, p };
      });
    if (fresh.length) await this.context.sync();
    return list.items.map((s) => {
      const f = fresh.find((x) => x.s === s);
      return { id: s.id, name: s.name, token: f && !f.p.isNullObject ? f.p.value : undefined };
    });
  }

  /**
   * Back (delete what was created, rename the old sheets back) while every old sheet is there;
   * forward (delete the old sheets left, name the new ones) once one of them was deleted.
   */
  private plan(state: SheetState[]): { forward: boolean; todo: number } {
    const forward = this.replaced().some((r) => !state.some((s) => s.id === r.id));
    const ours = state.filter((s) => s.token === this.token);
    const todo = forward
      ? this.replaced().filter((r) => state.some((s) => s.id === r.id)).length +
        this.created.filter((c) => ours.some((s) => s.name === c.name && c.name !== c.final)).length
      : ours.length + this.replaced().filter((r) => this.nameOf(state, r.id) !== r.name).length;
    return { forward, todo };
  }

  private queueFix(state: SheetState[], forward: boolean): void {
    const worksheets = this.context.workbook.worksheets;
    const ours = state.filter((s) => s.token === this.token);
    if (forward) {
      for (const r of this.replaced())
        if (state.some((s) => s.id === r.id)) worksheets.getItem(r.id).delete();
      for (const c of this.created) {
        const s = ours.find((x) => x.name === c.name);
        if (s && c.name !== c.final) worksheets.getItem(s.id).name = c.final;
      }
    } else {
      for (const s of ours) worksheets.getItem(s.id).delete();
      for (const r of this.replaced())
        if (this.nameOf(state, r.id) !== r.name) worksheets.getItem(r.id).name = r.name;
    }
  }

  /** What is left and how to finish: from the last look at the workbook, or else by name. */
  private left(state: SheetState[] | undefined): string[] {
    const before = this.before as Set<string>;
    if (!state)
      return [
        ...this.created.map((c) => `a sheet named "${c.name}", if any: delete it`),
        ...this.replaced().map(
          (r) =>
            `a sheet named "${r.aside}", if any, is the old "${r.name}": rename it back, or delete it if a new "${r.name}" is in place`
        ),
      ];
    const forward = this.replaced().some((r) => !state.some((s) => s.id === r.id));
    const lines: string[] = [];
    for (const s of state.filter((x) => !before.has(x.id))) {
      const c = this.created.find((x) => x.name === s.name || x.final === s.name);
      if (s.token !== this.token)
        lines.push(
          `"${s.name}", a sheet that appeared during the attempt without the add-in's mark (left alone): delete it if it is an unfinished one of the attempt's`
        );
      else if (!forward) lines.push(`"${s.name}", made by the attempt: delete it`);
      else if (c && s.name !== c.final) lines.push(`"${s.name}": rename it "${c.final}"`);
    }
    for (const r of this.replaced()) {
      const now = this.nameOf(state, r.id);
      if (now === undefined) continue;
      if (forward) lines.push(`the old "${r.name}", now named "${now}": delete it`);
      else if (now !== r.name) lines.push(`"${now}": rename it back to "${r.name}"`);
    }
    return lines;
  }

  private replaced(): Replaced[] {
    return this.created.flatMap((c) => (c.replaces ? [c.replaces] : []));
  }

  private nameOf(state: SheetState[], id: string): string | undefined {
    return state.find((s) => s.id === id)?.name;
  }
}
