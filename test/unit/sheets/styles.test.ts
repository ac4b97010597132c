import { LOOKS, lookKey } from "../../../src/sheets/styles";
import type { Style } from "../../../src/sheets/types";

/** Each cell role's look, after the banking convention, in one place for every face. */

const STYLES: Style[] = [
  "title",
  "subtitle",
  "header",
  "header-left",
  "heading",
  "section",
  "label",
  "total-label",
  "input",
  "reported",
  "link",
  "calc",
  "total",
  "check",
  "missing",
  "driver",
  "held",
  "status",
];

test("every role has a look, and no look names a role that does not exist", () => {
  expect(Object.keys(LOOKS).sort()).toEqual([...STYLES].sort());
});

test("inputs blue, as reported blue italic, links green, calculations and totals black", () => {
  const blue = "#0000FF";
  expect(LOOKS.input.color).toBe(blue);
  expect(LOOKS.input.italic).toBeUndefined();
  expect(LOOKS.reported).toEqual({ color: blue, italic: true });
  expect(LOOKS.link.color).toBe("#007A33");
  expect(LOOKS.calc.color).toBe("#000000");
  expect(LOOKS.total.color).toBe("#000000");
});

test("totals bold over a rule, their labels too; checks grey italic", () => {
  expect(LOOKS.total).toMatchObject({ bold: true, topBorder: true });
  expect(LOOKS["total-label"]).toEqual({ bold: true, topBorder: true });
  expect(LOOKS.check).toEqual({ italic: true, color: "#7F7F7F" });
});

test("headers bold on a fill, period headers right-aligned and wrapped on their lines", () => {
  expect(LOOKS.header).toEqual({ bold: true, fill: "#DDEBF7", align: "right", wrap: true });
  expect(LOOKS["header-left"]).toEqual({ bold: true, fill: "#DDEBF7", align: "left" });
  expect(LOOKS.title).toEqual({ bold: true, size: 14 });
});

test("the status has no fill: its words say whether the checks pass", () => {
  expect(LOOKS.status.fill).toBeUndefined();
  expect(LOOKS.status.bold).toBe(true);
});

test("a plain label has no look of its own", () => {
  expect(LOOKS.label).toEqual({});
  expect(lookKey(LOOKS.label)).toBe("{}");
});

describe("lookKey", () => {
  test("equal looks share a key, different looks do not", () => {
    expect(lookKey({ bold: true, color: "#000000" })).toBe(
      lookKey({ bold: true, color: "#000000" })
    );
    expect(lookKey(LOOKS.input)).not.toBe(lookKey(LOOKS.reported));
    // Each role looks different from every other: none is merged with another when written.
    expect(new Set(STYLES.map((s) => lookKey(LOOKS[s]))).size).toBe(STYLES.length);
  });
});

test("the analyst's own inputs blue on a pale fill, told apart from the release's figures", () => {
  expect(LOOKS.driver).toEqual({ color: "#0000FF", fill: "#FFF2CC" });
  expect(lookKey(LOOKS.driver)).not.toBe(lookKey(LOOKS.input));
  // An estimate kept against its actual is a figure, not an input: black italic.
  expect(LOOKS.held).toMatchObject({ color: "#000000", italic: true });
});
