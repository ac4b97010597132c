import { bundledDataset } from "../../../src/data/load";
import type { Dataset } from "../../../src/domain/dataset";
import { Check, failures, validateDataset } from "../../../src/data/validate";

const ds = bundledDataset();

function tampered(change: (d: Dataset) => void): Dataset {
  const copy = JSON.parse(JSON.stringify(ds)) as Dataset;
  change(copy);
  return copy;
}

function setFigure(
  d: Dataset,
  item: string,
  period: string,
  currency: string | null,
  value: string,
  source = "table"
) {
  const f = d.facts.find(
    (x) =>
      x.item === item &&
      x.period === period &&
      x.currency === currency &&
      x.source === source &&
      x.basis === "level"
  );
  if (!f) throw new Error(`no ${item} ${period}`);
  f.value = value;
}

function find(checks: Check[], identity: RegExp, period: string, currency = ""): Check {
  const found = checks.filter(
    (c) => identity.test(c.identity) && c.period === period && c.currency === currency
  );
  expect(found).toHaveLength(1);
  return found[0];
}

describe("every identity of the release holds, exactly", () => {
  const v = validateDataset(ds);

  test("no identity fails", () => {
    expect(failures(v)).toEqual([]);
    expect(v.checks.length).toBeGreaterThan(300);
  });

  test("assets = liabilities + NCI + equity on both dates, in RMB and the published US$", () => {
    for (const [period, currency, total] of [
      ["2025-12-31", "RMB", "26729189"],
      ["2026-03-31", "RMB", "28456254"],
      ["2026-03-31", "USD", "4125290"],
    ]) {
      const c = find(
        v.checks,
        /^Total assets = total liabilities, NCI and equity$/,
        period,
        currency
      );
      expect([c.expected, c.actual, c.pass]).toEqual([total, total, true]);
    }
  });

  test("the reconciliation chain from net loss to normalized adjusted EBITDA", () => {
    expect(find(v.checks, /^Adjusted EBITDA = /, "2026Q1", "RMB")).toMatchObject({
      expected: "747506",
      pass: true,
    });
    expect(find(v.checks, /^Normalized adjusted EBITDA/, "2025Q4", "RMB")).toMatchObject({
      expected: "712586",
      pass: true,
    });
    expect(find(v.checks, /^Adjusted net loss = /, "2026Q1", "USD")).toMatchObject({
      expected: "-34380",
      pass: true,
    });
    expect(find(v.checks, /^Interest income adjustment/, "2025Q1", "RMB")).toMatchObject({
      expected: "-4946",
      pass: true,
    });
  });

  test("margins recomputed to one decimal equal the printed ones", () => {
    expect(find(v.checks, /^Normalized Adjusted operating loss margin = /, "2025Q4")).toMatchObject(
      {
        expected: "-0.7%",
        actual: "-0.7%",
      }
    );
    expect(find(v.checks, /^Gross margin = Gross profit/, "2026Q1")).toMatchObject({
      expected: "12.8%",
    });
  });

  test("cash flow ties to the balance sheet", () => {
    expect(find(v.checks, /^Cash at end of period = balance sheet/, "2026Q1", "RMB")).toMatchObject(
      {
        expected: "4950694",
        pass: true,
      }
    );
    expect(find(v.checks, /^Cash at end of period = balance sheet/, "2026Q1", "USD")).toMatchObject(
      {
        expected: "717700",
        pass: true,
      }
    );
    expect(
      find(v.checks, /^Cash at beginning of period = balance sheet/, "2026Q1", "RMB")
    ).toMatchObject({
      expected: "6117237",
    });
    expect(
      find(v.checks, /^Cash at beginning of period = cash at end of the previous/, "2026Q1", "RMB")
        .pass
    ).toBe(true);
  });

  test("prose restatements and stated growth agree with the tables", () => {
    expect(find(v.checks, /^Total Revenues: increased by 37\.2%/, "2026Q1")).toMatchObject({
      actual: "37.2",
      pass: true,
    });
    expect(find(v.checks, /^Operating loss: narrowed by 29\.1%/, "2026Q1")).toMatchObject({
      actual: "-29.1",
      pass: true,
    });
    expect(find(v.checks, /^IDC costs: increased by 26\.1%/, "2026Q1")).toMatchObject({
      actual: "26.1",
      pass: true,
    });
    expect(find(v.checks, /^Total Revenues: US\$392\.01 million/, "2026Q1", "USD")).toMatchObject({
      expected: "392.0",
      actual: "392.0",
    });
    expect(find(v.checks, /^Cost of revenues = IDC/, "2026Q1", "RMB")).toMatchObject({
      expected: "-2358.0",
      pass: true,
    });
  });

  test("the per-share loss recomputes from the attributable loss and the share count", () => {
    expect(find(v.checks, /^Net loss per share/, "2025Q4", "RMB")).toMatchObject({
      expected: "-0.04",
      pass: true,
    });
  });

  test("what no identity can prove is listed, not passed", () => {
    expect(v.unprovable.map((f) => `${f.item} ${f.period}`).sort()).toEqual([
      "is.cor.depreciation_amortization 2025Q1",
      "is.shares_basic_diluted 2025Q1",
      "is.shares_basic_diluted 2025Q4",
      "op.ai_gross_billing 2026Q1",
      "op.capex_and_leased_assets 2026Q1",
    ]);
  });

  test("shares outstanding agree with the ADSs they are stated to equal", () => {
    expect(
      find(v.checks, /^Outstanding shares = 15 shares per ADS x ADSs/, "2026-03-31")
    ).toMatchObject({
      expected: "4490544975",
      actual: "4490544972",
      pass: true,
    });
  });
});

describe("a wrong figure is caught", () => {
  test("one revenue figure changed breaks its sum and the prose that restates it", () => {
    const bad = validateDataset(
      tampered((d) => setFigure(d, "revenue.public", "2026Q1", "RMB", "1996310"))
    );
    const names = failures(bad).map((c) => c.identity);
    expect(names).toContain("Total revenues = public + enterprise cloud");
    expect(
      names.some((n) => n.startsWith("Revenues from public cloud services: increased by 47.5%"))
    ).toBe(false);
    expect(failures(bad).find((c) => c.identity.startsWith("Total revenues ="))).toMatchObject({
      period: "2026Q1",
      expected: "2703741",
      actual: "2703732",
    });
  });

  test("a changed balance sheet line in the US$ column", () => {
    const bad = validateDataset(
      tampered((d) => setFigure(d, "bs.goodwill", "2026-03-31", "USD", "667609"))
    );
    expect(failures(bad).map((c) => c.identity)).toEqual(
      expect.arrayContaining([
        "Total non-current assets",
        expect.stringMatching(/^Goodwill = RMB \/ 6\.8980/),
      ])
    );
  });

  test("a changed margin", () => {
    const bad = validateDataset(
      tampered((d) => setFigure(d, "ng.adjusted_ebitda_margin", "2026Q1", null, "27.7"))
    );
    expect(failures(bad).map((c) => [c.group, c.expected, c.actual])).toEqual([
      ["Margins", "27.6%", "27.7%"],
      ["Prose", "27.6", "27.7"],
      ["Prose", "27.6", "27.7"],
      ["Prose", "11.4", "11.5"],
    ]);
  });

  test("a changed prose-only figure", () => {
    const bad = validateDataset(
      tampered((d) => setFigure(d, "is.cor.idc", "2026Q1", "RMB", "-917.1", "prose"))
    );
    expect(failures(bad).map((c) => c.identity)).toEqual([
      expect.stringMatching(/^IDC costs: increased by 26\.1%/),
      expect.stringMatching(/^Cost of revenues = IDC/),
    ]);
  });

  test("a prose loss that the table shows as a profit", () => {
    const bad = validateDataset(
      tampered((d) => setFigure(d, "ng.adjusted_operating_profit", "2025Q4", "RMB", "-54586"))
    );
    expect(
      failures(bad).find((c) => c.identity.includes("RMB54.6 million (line 36) (profit)"))?.actual
    ).toBe("54.6 (loss)");
  });

  test("figures whose unit changed but not their digits (the cash flow said to be in millions)", () => {
    const bad = validateDataset(
      tampered((d) => {
        for (const f of d.facts) if (f.prov.table === "cash_flow") f.unit = "millions";
      })
    );
    expect(failures(bad).map((c) => `${c.identity} ${c.period} ${c.currency}`)).toContain(
      "Cash at end of period = balance sheet cash + restricted cash at 2026-03-31 2026Q1 RMB"
    );
  });

  test("a part of a prose breakdown stated in another scale", () => {
    const bad = validateDataset(
      tampered((d) => {
        const f = d.facts.find(
          (x) =>
            x.item === "is.cor.depreciation_amortization" &&
            x.period === "2026Q1" &&
            x.currency === "USD"
        );
        if (!f) throw new Error("no US$ depreciation in cost of revenues");
        f.unit = "units";
      })
    );
    expect(failures(bad).map((c) => `${c.identity} ${c.currency}`)).toEqual([
      expect.stringMatching(/^Cost of revenues = IDC .* USD$/),
    ]);
  });
});

describe("spans against their quarters", () => {
  /**
   * The six months to 2026Q1 ("2026Q1M6", its quarters 2025Q4 and 2026Q1 both held), as if a
   * release printed them: SYNTHETIC figures, made here from the quarters.
   */
  function withSixMonths(value: (item: string, sum: number) => string): Dataset {
    return tampered((d) => {
      d.periods.push({ id: "2026Q1M6", kind: "span", end: "2026-03-31" });
      for (const item of [
        "revenue.total",
        "is.research_development",
        "is.eps_basic_diluted",
        "cf.cash_beginning",
      ]) {
        const q = (p: string) =>
          d.facts.find(
            (f) => f.item === item && f.period === p && f.currency === "RMB" && f.source === "table"
          )!;
        const sum = Number(q("2025Q4").value) + Number(q("2026Q1").value);
        const v = value(item, item === "cf.cash_beginning" ? Number(q("2025Q4").value) : sum);
        d.facts.push({
          ...q("2026Q1"),
          period: "2026Q1M6",
          value: v,
          prov: { ...q("2026Q1").prov, printed: v },
        });
      }
    });
  }

  test("a flow is the sum of its quarters; cash at its beginning its first quarter's", () => {
    const v = validateDataset(withSixMonths((_, sum) => String(sum)));
    const spans = v.checks.filter((c) => c.group === "Spans");
    // The per-share loss of a span is no sum of its quarters: not checked.
    expect(spans.map((c) => [c.identity.split(" ")[0], c.expected, c.pass])).toEqual([
      ["revenue.total", String(2761387 + 2703732), true],
      ["is.research_development", expect.stringMatching(/^-\d+$/), true],
      ["cf.cash_beginning", "4050253", true],
    ]);
  });

  test("a figure other than the sum fails, naming item, span, printed figure and sum", () => {
    const v = validateDataset(
      withSixMonths((item, sum) => String(item === "revenue.total" ? sum + 1 : sum))
    );
    // (Only some lines of the span are made here: its statements' sums lack their terms.)
    const spans = failures(v).filter((c) => c.group === "Spans");
    expect(spans.map((c) => [c.identity, c.expected, c.actual])).toEqual([
      [
        "revenue.total (Total revenues) 6M to 2026Q1, printed 5465120 (line 553) = the sum of 2025Q4 + 2026Q1",
        "5465119",
        "5465120",
      ],
    ]);
  });
});

test("a release's US$ column is checked at the rate its own text states, not the latest's", () => {
  // As if a later release (at another rate) were the dataset's latest: 2026Q1's US$ column is
  // still at the RMB6.8980 its release states.
  const v = validateDataset(tampered((d) => (d.fx.rmbPerUsd = "7.1000")));
  expect(failures(v)).toEqual([]);
  expect(
    v.checks.find((c) => c.group === "US$ column" && c.identity.startsWith("Total revenues"))
      ?.identity
  ).toMatch(/^Total revenues = RMB \/ 6\.8980 within rounding/);
});
