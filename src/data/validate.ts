import type { Dataset, Fact, PrintedUnit } from "../domain/dataset";
import { Dec, decimalPlaces, roundTo } from "../domain/decimal";
import { FactIndex } from "../domain/facts";
import { growthRatio, pointChange } from "../domain/growth";
import {
  CASH,
  MARGINS,
  PER_SHARE,
  PROSE_BREAKDOWNS,
  REVENUE,
  SHARES_PER_ADS,
  SPANS,
  SUMS,
  TIES,
  termOf,
} from "../domain/identities";
import {
  Quarter,
  parseQuarterId,
  parseSpanId,
  quarterEnd,
  quarterId,
  quartersOf,
  shiftQuarter,
  spanName,
} from "../domain/periods";
import { scale } from "../domain/units";

/**
 * Proves every relation the release implies, exactly (Decimal arithmetic, never floats): the
 * statements' sums, the reconciliations and their ties to the statements, margins and per-share
 * figures as printed, the cash flow against the balance sheet and each quarter's opening cash
 * against the previous quarter's closing cash (across releases too), every span a release prints
 * against its quarters, the US$ column against the rate, and every figure the prose states against
 * the tables it restates.
 */

export interface Check {
  group: string;
  identity: string;
  period: string;
  currency: string;
  expected: string;
  actual: string;
  pass: boolean;
}

export interface Validation {
  checks: Check[];
  /** Figures no passing identity pins down exactly: a change to one would go unnoticed. */
  unprovable: Fact[];
}

/** Records a check and, if it passes, the figures it proves. */
type Add = (check: Check, proves: (Fact | undefined)[]) => void;

export function validateDataset(dataset: Dataset): Validation {
  // The figures that answer: a first report a later release printed again was proved with its own.
  const ds = { ...dataset, facts: dataset.facts.filter((f) => f.laterIn === undefined) };
  const idx = FactIndex.of(ds);
  const rate = new Dec(ds.fx.rmbPerUsd);
  const checks: Check[] = [];
  const proven = new Set<Fact>();
  const add: Add = (c, proves) => {
    checks.push(c);
    if (c.pass) for (const f of proves) if (f) proven.add(f);
  };

  for (const rel of SUMS) {
    for (const total of idx.tableLevels(rel.total)) {
      let sum = new Dec(0);
      const missing: string[] = [];
      const terms: Fact[] = [];
      for (const term of rel.terms) {
        const { item, sign } = termOf(term);
        const f = idx.table(item, total.period, total.currency);
        if (f) {
          sum = sum.plus(inUnits(f).times(sign));
          terms.push(f);
        } else missing.push(item);
      }
      add(
        {
          group: "Statements",
          identity: rel.name,
          period: total.period,
          currency: total.currency ?? "",
          expected: missing.length ? `missing ${missing.join(", ")}` : inUnitOf(sum, total),
          actual: total.value,
          pass: missing.length === 0 && sum.eq(inUnits(total)),
        },
        [total, ...terms]
      );
    }
  }

  for (const tie of TIES) {
    for (const f of idx.tableLevels(tie.item)) {
      const other = idx.table(tie.equals, f.period, f.currency);
      const expected = other ? inUnits(other).times(tie.factor) : undefined;
      add(
        {
          group: "Ties",
          identity: tie.name,
          period: f.period,
          currency: f.currency ?? "",
          expected: expected ? inUnitOf(expected, f) : `missing ${tie.equals}`,
          actual: f.value,
          pass: expected !== undefined && expected.eq(inUnits(f)),
        },
        [f, other]
      );
    }
  }

  for (const m of MARGINS) {
    for (const f of idx.tableLevels(m.margin)) {
      const num = idx.table(m.of, f.period, "RMB");
      const rev = idx.table(REVENUE, f.period, "RMB");
      const computed =
        num && rev
          ? roundTo(inUnits(num).div(inUnits(rev)).times(100), decimalPlaces(f.value))
          : undefined;
      add(
        {
          group: "Margins",
          identity: `${labelOf(ds, m.margin)} = ${labelOf(ds, m.of)} / total revenues`,
          period: f.period,
          currency: "",
          expected: computed ? `${computed.toFixed(decimalPlaces(f.value))}%` : "missing figures",
          actual: `${f.value}%`,
          pass: computed !== undefined && computed.eq(f.value),
        },
        [f]
      );
    }
  }

  for (const f of idx.tableLevels(PER_SHARE.perShare)) {
    const earnings = idx.table(PER_SHARE.earnings, f.period, f.currency);
    const shares = idx.table(PER_SHARE.shares, f.period, f.currency);
    const computed =
      earnings && shares
        ? roundTo(
            new Dec(earnings.value).times(unitsPer(earnings.unit)).div(shares.value),
            decimalPlaces(f.value)
          )
        : undefined;
    add(
      {
        group: "Per share",
        identity: "Net loss per share = attributable net loss / weighted shares",
        period: f.period,
        currency: f.currency ?? "",
        expected: computed?.toFixed(decimalPlaces(f.value)) ?? "missing figures",
        actual: f.value,
        pass: computed !== undefined && computed.eq(f.value),
      },
      [f]
    );
  }

  checkCash(idx, add);
  checkSpans(ds, idx, add);
  checkTranslation(ds, idx, rate, add);
  checkProse(ds, idx, add);
  return { checks, unprovable: ds.facts.filter((f) => !proven.has(f)) };
}

/**
 * The cash flow's cash at the beginning and end of a quarter or span against the balance sheet at
 * the day before it starts and the day it ends, and a quarter's opening cash against the previous
 * quarter's closing cash, wherever the dataset has both (a later release's quarter against an
 * earlier one's too). US$ figures are compared only within one release: each release translates
 * at its own rate.
 */
function checkCash(idx: FactIndex, add: Add): void {
  const balance = (date: string, of: Fact): Dec | undefined => {
    let sum = new Dec(0);
    for (const item of CASH.balances) {
      const f = idx.table(item, date, of.currency);
      if (!f || !comparable(f, of)) return undefined;
      sum = sum.plus(inUnits(f));
    }
    return sum;
  };
  for (const [item, side] of [
    [CASH.end, "end"],
    [CASH.beginning, "beginning"],
  ] as const) {
    for (const f of idx.tableLevels(item)) {
      const q = parseQuarterId(f.period);
      const span = parseSpanId(f.period);
      const last = q ?? span?.end;
      if (!last) continue;
      const before = shiftQuarter(last, -(span?.quarters ?? 1));
      const date = quarterEnd(side === "end" ? last : before);
      const expected = balance(date, f);
      if (expected) {
        add(
          {
            group: "Cash",
            identity: `Cash at ${side} of period = balance sheet cash + restricted cash at ${date}`,
            period: f.period,
            currency: f.currency ?? "",
            expected: inUnitOf(expected, f),
            actual: f.value,
            pass: expected.eq(inUnits(f)),
          },
          [f]
        );
      }
      if (side === "beginning" && q) {
        const prevEnd = idx.table(CASH.end, quarterId(before), f.currency);
        if (prevEnd && comparable(prevEnd, f)) {
          add(
            {
              group: "Cash",
              identity: "Cash at beginning of period = cash at end of the previous quarter",
              period: f.period,
              currency: f.currency ?? "",
              expected: prevEnd.value,
              actual: f.value,
              pass: inUnits(prevEnd).eq(inUnits(f)),
            },
            [f, prevEnd]
          );
        }
      }
    }
  }
}

/** Two figures a check may join: RMB anywhere, US$ only from one release (one rate). */
function comparable(a: Fact, b: Fact): boolean {
  return a.currency !== "USD" || a.prov.release === b.prov.release;
}

/**
 * Every span a release prints against its quarters, where the dataset holds all of them (SPANS):
 * a flow is their sum, the cash at the span's beginning its first quarter's and at its end its
 * last quarter's. A failure names the item, the span, the printed figure and the quarters' sum.
 */
function checkSpans(ds: Dataset, idx: FactIndex, add: Add): void {
  const kinds = new Map(ds.items.map((i) => [i.id, i.kind]));
  const additive: readonly string[] = SPANS.additive;
  for (const f of ds.facts) {
    if (f.source !== "table" || f.basis !== "level" || f.currency !== SPANS.currency) continue;
    const span = parseSpanId(f.period);
    if (!span) continue;
    const quarters = quartersOf(span);
    const figure = (q: Quarter) => idx.table(f.item, quarterId(q), f.currency);
    const name = `${f.item} (${labelOf(ds, f.item)}) ${spanName(span)}`;
    const balance = f.item === SPANS.opening || f.item === SPANS.closing;
    if (balance) {
      const opening = f.item === SPANS.opening;
      const q = opening ? quarters[0] : quarters[quarters.length - 1];
      const other = figure(q);
      if (!other) continue;
      add(
        {
          group: "Spans",
          identity: `${name}, printed ${f.prov.printed} (line ${f.prov.line}) = ${quarterId(q)}'s cash at ${opening ? "beginning" : "end"} of period`,
          period: f.period,
          currency: f.currency ?? "",
          expected: other.value,
          actual: f.value,
          pass: inUnits(other).eq(inUnits(f)),
        },
        [f, other]
      );
      continue;
    }
    if (!additive.includes(kinds.get(f.item) ?? "")) continue;
    const parts = quarters.map(figure);
    if (parts.some((p) => !p)) continue;
    const sum = (parts as Fact[]).reduce((s, p) => s.plus(inUnits(p)), new Dec(0));
    add(
      {
        group: "Spans",
        identity: `${name}, printed ${f.prov.printed} (line ${f.prov.line}) = the sum of ${quarters.map(quarterId).join(" + ")}`,
        period: f.period,
        currency: f.currency ?? "",
        expected: inUnitOf(sum, f),
        actual: f.value,
        pass: sum.eq(inUnits(f)),
      },
      [f, ...parts]
    );
  }
}

/**
 * The release converts each line at the rate and rounds it, then adds rounded lines into totals;
 * so a line is within half a unit of RMB / rate and a total within half a unit per line under it.
 * Where rounded lines would not add up, the release moves one line of the column by a unit
 * (current prepayments: 405,350 against 405,351.4; the cash flow's FX effect: -11,320 against
 * -11,318.9), so amounts get one unit more of room. The published figure is kept as published.
 */
function checkTranslation(ds: Dataset, idx: FactIndex, rate: Dec, add: Add): void {
  // Each release's US$ column is at the rate its own text states (the dataset's is the latest's).
  const rates = new Map<string, Dec>();
  for (const f of ds.facts) {
    if (f.source === "prose" && f.unit === "RMB_per_USD" && !rates.has(f.prov.release))
      rates.set(f.prov.release, new Dec(f.value));
  }
  const sums = new Map(SUMS.map((s) => [s.total, s.terms.map((t) => termOf(t).item)]));
  const ties = new Map(TIES.map((t) => [t.item, t.equals]));
  const leaves = (item: string): number => {
    const terms = sums.get(item);
    if (terms) return terms.reduce((n, t) => n + leaves(t), 0);
    const tied = ties.get(item);
    return tied && sums.has(tied) ? leaves(tied) : 1;
  };
  for (const f of ds.facts) {
    if (f.source !== "table" || f.currency !== "USD") continue;
    const rmb = idx.table(f.item, f.period, "RMB");
    if (!rmb) continue;
    const item = ds.items.find((i) => i.id === f.item);
    if (item?.kind === "shares") {
      add(
        {
          group: "US$ column",
          identity: `${item.label}: share count is the same in both columns`,
          period: f.period,
          currency: "USD",
          expected: rmb.value,
          actual: f.value,
          pass: new Dec(rmb.value).eq(f.value),
        },
        [f, rmb]
      );
      continue;
    }
    const places = decimalPlaces(f.value);
    const unit = new Dec(10).pow(-places);
    const adjusted = item?.kind === "amount" ? unit : new Dec(0);
    const tolerance = unit.times(leaves(f.item)).div(2).plus(adjusted);
    const own = rates.get(f.prov.release);
    const direct = new Dec(rmb.value).div(own ?? rate);
    add(
      {
        group: "US$ column",
        identity: `${item?.label ?? f.item} = RMB / ${own?.toFixed(4) ?? ds.fx.rmbPerUsd} within rounding (±${tolerance.toString()})`,
        period: f.period,
        currency: "USD",
        expected: roundTo(direct, places).toFixed(places),
        actual: f.value,
        pass: direct.minus(f.value).abs().lte(tolerance),
      },
      [f]
    );
  }
}

function checkProse(ds: Dataset, idx: FactIndex, add: Add): void {
  const prose = ds.facts.filter((f) => f.source === "prose");
  const statedAt = (f: Fact) => `${f.prov.printed} (line ${f.prov.line})`;
  for (const f of prose.filter((x) => x.basis === "level")) {
    const table = idx.table(f.item, f.period, f.currency);
    if (!table) {
      // No table figure: a figure the text states twice must agree with itself.
      const later = idx.find(f.item, f.period, f.currency).filter((o) => o.prov.line > f.prov.line);
      for (const o of later) {
        add(
          {
            group: "Prose",
            identity: `${f.prov.row}: ${statedAt(f)} = ${statedAt(o)}`,
            period: f.period,
            currency: f.currency ?? "",
            expected: f.value,
            actual: o.value,
            pass: new Dec(f.value).eq(o.value),
          },
          [f, o]
        );
      }
      continue;
    }
    const places = decimalPlaces(f.value);
    const restated = roundTo(
      new Dec(table.value).times(unitsPer(table.unit)).div(unitsPer(f.unit)).abs(),
      places
    );
    const sideOk =
      !f.polarity ||
      (f.polarity === "loss"
        ? new Dec(table.value).isNegative()
        : !new Dec(table.value).isNegative());
    add(
      {
        group: "Prose",
        identity: `${f.prov.row}: ${statedAt(f)}${f.polarity ? ` (${f.polarity})` : ""} = table ${table.prov.printed}`,
        period: f.period,
        currency: f.currency ?? "",
        expected: f.value,
        actual: `${restated.toFixed(places)}${sideOk ? "" : ` (${new Dec(table.value).isNegative() ? "loss" : "profit"})`}`,
        pass: restated.eq(f.value) && sideOk,
      },
      [f]
    );
  }

  for (const f of prose.filter((x) => x.basis !== "level")) {
    const current = levelOf(idx, f.item, f.period);
    const q = parseQuarterId(f.period);
    const prior = q
      ? levelOf(idx, f.item, quarterId(shiftQuarter(q, f.basis === "yoy" ? -4 : -1)))
      : undefined;
    if (!current || !prior) continue;
    const places = decimalPlaces(f.value);
    const change =
      f.unit === "percentage_points"
        ? pointChange(current.value, prior.value)
        : growthRatio(current.value, prior.value)?.times(100);
    add(
      {
        group: "Prose",
        identity: `${f.prov.row}: ${statedAt(f)} ${f.basis === "yoy" ? "year-over-year" : "quarter-over-quarter"}`,
        period: f.period,
        currency: "",
        expected: f.value,
        actual: change ? roundTo(change, places).toFixed(places) : "undefined",
        pass: change !== undefined && roundTo(change, places).eq(f.value),
      },
      [f, current.fact, prior.fact]
    );
  }

  for (const shares of idx.ofItem(SHARES_PER_ADS.shares).filter((f) => f.basis === "level")) {
    const ads = idx.first(SHARES_PER_ADS.ads, shares.period, shares.currency);
    if (!ads || new Dec(ads.value).isZero()) continue;
    const ratio = roundTo(new Dec(shares.value).div(ads.value), 0);
    const gap = new Dec(shares.value).minus(ratio.times(ads.value)).abs();
    add(
      {
        group: "Prose",
        identity: `Outstanding shares = ${ratio.toString()} shares per ADS x ADSs, within half an ADS (${statedAt(shares)}, ${statedAt(ads)})`,
        period: shares.period,
        currency: "",
        expected: ratio.times(ads.value).toString(),
        actual: shares.value,
        pass: ratio.gte(1) && gap.lte(ratio.div(2)),
      },
      [shares, ads]
    );
  }

  // Each release states its own rate, on its own quarter end.
  const byRelease = new Map<string, Fact[]>();
  for (const f of prose.filter((x) => x.unit === "RMB_per_USD")) {
    byRelease.set(f.prov.release, [...(byRelease.get(f.prov.release) ?? []), f]);
  }
  for (const rates of byRelease.values()) {
    if (rates.length < 2) continue;
    add(
      {
        group: "Prose",
        identity: `Convenience rate, stated ${rates.length} times: ${rates.map(statedAt).join(", ")}`,
        period: rates[0].period,
        currency: "",
        expected: `${rates[0].value} on ${rates[0].period}`,
        actual: rates.map((r) => `${r.value} on ${r.period}`).join(", "),
        pass: rates.every(
          (r) => new Dec(r.value).eq(rates[0].value) && r.period === rates[0].period
        ),
      },
      rates
    );
  }

  for (const b of PROSE_BREAKDOWNS) {
    for (const total of idx.tableLevels(b.total)) {
      const facts = b.parts
        .map((p) => idx.first(p, total.period, total.currency))
        .filter((p): p is Fact => !!p);
      if (facts.length === 0) continue;
      const partial = facts.length < b.parts.length;
      const places = Math.max(...facts.map((p) => decimalPlaces(p.value)));
      // In units, then in the first part's unit: a part stated in another scale counts as such.
      const sum = facts
        .reduce((s, p) => s.plus(inUnits(p)), new Dec(0))
        .div(unitsPer(facts[0].unit));
      const tableInPartsUnit = new Dec(total.value)
        .times(unitsPer(total.unit))
        .div(unitsPer(facts[0].unit));
      const tolerance = new Dec(10).pow(-places).times(facts.length).div(2);
      const stated = facts.map((p) => labelOf(ds, p.item)).join(" + ");
      add(
        {
          group: "Prose",
          identity: partial
            ? `${labelOf(ds, b.total)} >= ${stated}, the parts stated (within ±${tolerance.toString()})`
            : `${b.name} (each rounded in the prose: within ±${tolerance.toString()})`,
          period: total.period,
          currency: total.currency ?? "",
          expected: sum.toFixed(places),
          actual: roundTo(tableInPartsUnit, places).toFixed(places),
          // Parts and total are both costs (negative): the parts stated reach at most the total.
          pass: partial
            ? sum.abs().minus(tolerance).lte(tableInPartsUnit.abs())
            : sum.minus(tableInPartsUnit).abs().lte(tolerance),
        },
        // A bound proves nothing exactly; a full breakdown pins every part to within its rounding.
        partial ? [] : facts
      );
    }
  }
}

/** A figure for growth: the table's RMB figure (or percentage), else the prose's RMB figure. */
function levelOf(
  idx: FactIndex,
  item: string,
  period: string
): { value: Dec; fact: Fact } | undefined {
  const f = idx.first(item, period, "RMB") ?? idx.first(item, period, null);
  return f ? { value: new Dec(f.value).times(unitsPer(f.unit)), fact: f } : undefined;
}

function unitsPer(unit: PrintedUnit): Dec {
  return scale(unit, "units");
}

/**
 * A figure in units: identities that join figures compare them so, since each table states its
 * own unit and a damaged unit note must not pass because the digits still agree.
 */
function inUnits(f: Fact): Dec {
  return new Dec(f.value).times(unitsPer(f.unit));
}

/** An amount in units, written in the unit the figure it is compared with is printed in. */
function inUnitOf(units: Dec, f: Fact): string {
  return units.div(unitsPer(f.unit)).toString();
}

function labelOf(ds: Dataset, id: string): string {
  return ds.items.find((i) => i.id === id)?.label ?? id;
}

export function failures(v: Validation): Check[] {
  return v.checks.filter((c) => !c.pass);
}
