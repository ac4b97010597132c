import { REVENUE } from "../domain/identities";
import {
  parseQuarterId,
  printedDate,
  quarterEnd,
  quarterId,
  shiftQuarter,
} from "../domain/periods";
import { SheetBuilder, widthsOf } from "./builder";
import type { FigureColumn } from "./columns";
import { shortPeriod } from "./columns";
import { ModelContext, diff, ref } from "./context";
import { ESTIMATE_KEYS } from "./estimates-tab";
import { NOT_AVAILABLE } from "./grid";
import type { CellRef, Expr, PlanName, SheetPlan } from "./types";
import { FORMATS, HEADER_ROW } from "./types";

/**
 * KC Valuation: the share price and exchange rate the analyst types, and what follows from them
 * and the statements: market capitalisation, total debt, cash, net cash (debt), enterprise value,
 * and EV to LTM revenue and adjusted EBITDA and to the first fiscal year with estimates (FY1).
 * Each figure is a link to its one home (the balance sheet, the operating figures, the estimates):
 * nothing of the release enters here. A figure the data cannot form (LTM without its four
 * quarters) is n.a. with a note naming what is missing, and so is everything that stands on it,
 * never an error value; so is everything that stands on a price not typed yet.
 *
 * One column of values and a fixed row per figure, keyed by what it is, so that a refresh finds
 * every row again and the analyst's links and the names (`KC_VAL_EV`) keep their cell; a label
 * naming a period (FY1's year) changes in place.
 */

const MULTIPLE = '0.0"x"_);(0.0"x");0.0"x"_)';
const VALUE_COL = 1;

export function valuationTab(ctx: ModelContext): { finish(): SheetPlan } {
  return { finish: () => valuationPlan(ctx) };
}

function valuationPlan(ctx: ModelContext): SheetPlan {
  const ds = ctx.fin.dataset;
  const latestQ = parseQuarterId(ds.latestQuarter);
  if (!latestQ) throw new Error(`The latest quarter "${ds.latestQuarter}" is not a quarter`);
  const column = (period: string, estimate = false): FigureColumn => ({
    kind: "figure",
    period,
    currency: "RMB",
    translated: false,
    ...(estimate ? { estimate } : {}),
  });
  const latest = column(ds.latestQuarter);
  const asOf = printedDate(quarterEnd(latestQ));
  const fy1 = shiftQuarter(latestQ, 1).year;
  const fy1Name = `FY${fy1}E`;
  const b = new SheetBuilder("valuation");
  b.top(
    ctx.title("Valuation"),
    [
      `Balance sheet at ${asOf} (${shortPeriod(ds.latestQuarter)}) · FY1: ${fy1Name}, the first fiscal year with estimates · LTM: the last four quarters`,
      "Blue on yellow: your inputs (a refresh keeps what you type) · green: link · black: formula",
    ],
    [shortPeriod(ds.latestQuarter)]
  );
  b.columns(["labels", "value"]);
  const names: PlanName[] = [];
  const units = ctx.unitsPerModelUnit;
  const amount = ctx.options.unit === "millions" ? FORMATS.millions : FORMATS.thousands;

  /** A row: its label, its cell in the value column, a name, and a note where it says how. */
  const row = (
    key: string,
    label: string,
    content: Expr | string | number,
    style: "driver" | "link" | "calc" | "total" | "missing",
    format: string,
    name: string,
    note?: string
  ): CellRef => {
    const r = b.label(label, { key: `val:${key}`, total: style === "total" });
    b.put(r, VALUE_COL, content, style, format);
    if (note) b.note(r, VALUE_COL, note);
    names.push({ name: `KC_VAL_${name}`, row: r, from: VALUE_COL, to: VALUE_COL });
    return b.ref(r, VALUE_COL);
  };
  /** A row that cannot be formed: n.a., with a note saying why. */
  const notAvailable = (key: string, label: string, name: string, why: string): CellRef =>
    row(key, label, NOT_AVAILABLE, "missing", "General", name, `n.a.: ${why}`);
  /** A figure's home in the latest quarter, or n.a. naming what the release does not state. */
  const link = (key: string, label: string, format: string, name: string): CellRef => {
    const at = ctx.cellOf(key, latest);
    if (at) return row(key, label, ref(at), "link", format, name);
    return notAvailable(
      key,
      label,
      name,
      `the ${shortPeriod(ds.latestQuarter)} release in the dataset does not state ${lowerFirst(label)}`
    );
  };
  /** `then` where every cell it stands on holds a number, else n.a. */
  const guarded = (tests: CellRef[], then: Expr): Expr => ({
    op: "ifNumbers",
    tests,
    then,
    otherwise: NOT_AVAILABLE,
  });

  b.heading("Market (your inputs)", "heading");
  const price = row(
    "price_usd",
    "Share price per ADS (US$)",
    "",
    "driver",
    FORMATS.perShare,
    "Share_price_USD",
    "Type the price of one ADS (NASDAQ: KC) in US$ at the date you value at; market capitalisation, enterprise value and the multiples are n.a. until you do"
  );
  const rate = row(
    "rate",
    "RMB per US$",
    Number(ds.fx.rmbPerUsd),
    "driver",
    FORMATS.rate,
    "RMB_per_USD",
    `Starts at the release's convenience rate, RMB${ds.fx.rmbPerUsd} = US$1.00: the rate of ${printedDate(ds.fx.date)}, the release's date, not the market's. Type the rate of the date you value at.`
  );
  const priceRmb = row(
    "price_rmb",
    "Share price per ADS (RMB)",
    guarded([price, rate], { op: "mul", a: ref(price), b: ref(rate) }),
    "calc",
    FORMATS.perShare,
    "Share_price_RMB"
  );
  const ads = link(
    "op.ads_outstanding",
    `ADSs outstanding at ${asOf}`,
    FORMATS.shares,
    "ADSs_outstanding"
  );
  const marketCap = row(
    "market_cap",
    "Market capitalisation",
    guarded([priceRmb, ads], {
      op: "div",
      a: { op: "mul", a: ref(priceRmb), b: ref(ads) },
      b: { op: "num", value: units },
    }),
    "total",
    amount,
    "Market_cap"
  );

  b.blank();
  // Headings are layout keys: their text names no date, or a refresh would insert a new one.
  b.heading("Net cash (debt) at the latest quarter", "heading");
  const shortTerm = link(
    "bs.short_term_borrowings",
    "Short-term borrowings",
    amount,
    "Short_term_borrowings"
  );
  const longTerm = link(
    "bs.long_term_borrowings",
    "Long-term borrowings",
    amount,
    "Long_term_borrowings"
  );
  const debt = row(
    "debt",
    "Total debt",
    guarded([shortTerm, longTerm], {
      op: "add",
      terms: [
        { sign: 1, e: ref(shortTerm) },
        { sign: 1, e: ref(longTerm) },
      ],
    }),
    "total",
    amount,
    "Total_debt"
  );
  const cash = link("bs.cash", "Cash and cash equivalents", amount, "Cash");
  const netCash = row(
    "net_cash",
    "Net cash (debt)",
    guarded([cash, debt], diff(ref(cash), ref(debt))),
    "total",
    amount,
    "Net_cash"
  );
  const ev = row(
    "ev",
    "Enterprise value",
    guarded([marketCap, netCash], diff(ref(marketCap), ref(netCash))),
    "total",
    amount,
    "EV"
  );

  b.blank();
  b.heading("Multiples", "heading");
  const quarters = [0, 1, 2, 3].map((k) => quarterId(shiftQuarter(latestQ, -k))).reverse();
  /** The last four quarters of a line, or n.a. naming the quarters the dataset lacks. */
  const ltm = (key: string, label: string, name: string): CellRef => {
    const cells = quarters.map((q) => ({ q, at: ctx.cellOf(key, column(q)) }));
    const lacking = cells.filter((c) => !c.at).map((c) => shortPeriod(c.q));
    if (lacking.length)
      return notAvailable(
        `ltm_${name}`,
        label,
        `LTM_${name}`,
        `the last twelve months to ${shortPeriod(ds.latestQuarter)} need ${lacking.join(", ")}, which no release in the dataset gives (a refresh that brings them writes the sum)`
      );
    return row(
      `ltm_${name}`,
      label,
      { op: "add", terms: cells.map((c) => ({ sign: 1 as const, e: ref(c.at!) })) },
      "calc",
      amount,
      `LTM_${name}`
    );
  };
  const fy = (key: string, label: string, name: string): CellRef => {
    const at = ctx.cellOf(key, column(`${fy1}FY`, true));
    if (!at)
      return notAvailable(
        `fy1_${name}`,
        label,
        `FY1_${name}`,
        `${fy1Name} is n.a. on KC Estimates (a quarter of it is neither actual nor estimated)`
      );
    return row(`fy1_${name}`, label, ref(at), "link", amount, `FY1_${name}`);
  };
  const ltmRevenue = ltm(REVENUE, "LTM revenue", "revenue");
  const ltmEbitda = ltm("ng.adjusted_ebitda", "LTM adjusted EBITDA", "adjusted_EBITDA");
  const fyRevenue = fy(ESTIMATE_KEYS.revenue, `FY1 revenue (${fy1Name})`, "revenue");
  const fyEbitda = fy(
    ESTIMATE_KEYS.adjustedEbitda,
    `FY1 adjusted EBITDA (${fy1Name})`,
    "adjusted_EBITDA"
  );
  const multiple = (key: string, label: string, of: CellRef, name: string) => {
    const cell = b.written.find((c) => c.row === of.row && c.col === of.col);
    if (cell?.value === NOT_AVAILABLE)
      return notAvailable(
        key,
        label,
        name,
        `it stands on a figure that is n.a. (${cell.note ?? "see the row above"})`
      );
    return row(
      key,
      label,
      guarded([ev, of], { op: "div", a: ref(ev), b: ref(of) }),
      "calc",
      MULTIPLE,
      name
    );
  };
  multiple("ev_ltm_revenue", "EV / LTM revenue", ltmRevenue, "EV_LTM_revenue");
  multiple("ev_ltm_ebitda", "EV / LTM adjusted EBITDA", ltmEbitda, "EV_LTM_adjusted_EBITDA");
  multiple("ev_fy1_revenue", `EV / FY1 revenue (${fy1Name})`, fyRevenue, "EV_FY1_revenue");
  multiple(
    "ev_fy1_ebitda",
    `EV / FY1 adjusted EBITDA (${fy1Name})`,
    fyEbitda,
    "EV_FY1_adjusted_EBITDA"
  );

  b.names(names);
  return b.plan(widthsOf(b.written), { rows: HEADER_ROW + 1, columns: 1 }, ctx.source());
}

function lowerFirst(s: string): string {
  return /^[A-Z][a-z]/.test(s) ? s.charAt(0).toLowerCase() + s.slice(1) : s;
}
