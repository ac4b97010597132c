import { byId, h, setEnabled, unbroken } from "../../../src/taskpane/dom";

/**
 * The task pane's DOM helpers, against a minimal document (the unit tier runs in Node, without a
 * browser): only what they call, createElement, createTextNode, getElementById.
 */

class FakeText {
  constructor(readonly data: string) {}
}

class FakeElement {
  readonly attributes = new Map<string, string>();
  readonly children: (FakeElement | FakeText)[] = [];
  constructor(readonly tagName: string) {}
  setAttribute(name: string, value: string): void {
    this.attributes.set(name, String(value));
  }
  append(...nodes: (FakeElement | FakeText | string)[]): void {
    for (const n of nodes) this.children.push(typeof n === "string" ? new FakeText(n) : n);
  }
  get textContent(): string {
    return this.children.map((c) => (c instanceof FakeText ? c.data : c.textContent)).join("");
  }
}

const page = new Map<string, FakeElement>();
const g = globalThis as { document?: unknown };

beforeAll(() => {
  g.document = {
    createElement: (tag: string) => new FakeElement(tag),
    createTextNode: (text: string) => new FakeText(text),
    getElementById: (id: string) => page.get(id) ?? null,
  };
});

afterAll(() => {
  delete g.document;
});

/** What an element is made of, as plain data. */
function shape(node: unknown): unknown {
  if (node instanceof FakeText) return node.data;
  if (typeof node === "string") return node;
  const el = node as FakeElement;
  return {
    tag: el.tagName,
    attrs: Object.fromEntries(el.attributes),
    children: el.children.map(shape),
  };
}

describe("h", () => {
  test("an element with its attributes and children, in order", () => {
    const child = h("span", { class: "option-id" }, "bs.cash");
    const li = h("li", { role: "option", id: "item-option-0" }, "Cash and cash equivalents", child);
    expect(shape(li)).toEqual({
      tag: "li",
      attrs: { role: "option", id: "item-option-0" },
      children: [
        "Cash and cash equivalents",
        { tag: "span", attrs: { class: "option-id" }, children: ["bs.cash"] },
      ],
    });
  });

  test("true is an attribute without a value; false and undefined are no attribute", () => {
    const el = h("option", { value: "LQ", selected: true, disabled: false, title: undefined });
    expect(shape(el)).toEqual({
      tag: "option",
      attrs: { value: "LQ", selected: "" },
      children: [],
    });
  });

  test("null, undefined and false children are left out", () => {
    const el = h("p", {}, null, "a", undefined, false, "b");
    expect(shape(el)).toEqual({ tag: "p", attrs: {}, children: ["a", "b"] });
  });

  test("text always goes in as text, never as markup", () => {
    const el = h("output", {}, '<img src=x onerror="alert(1)">');
    expect((el as unknown as FakeElement).children).toEqual([
      new FakeText('<img src=x onerror="alert(1)">'),
    ]);
  });

  test("no attributes, no children: an empty element", () => {
    expect(shape(h("tbody"))).toEqual({ tag: "tbody", attrs: {}, children: [] });
  });
});

describe("byId", () => {
  test("the element of the page with that id", () => {
    const input = new FakeElement("input");
    page.set("item-search", input);
    expect(byId("item-search")).toBe(input);
  });

  test("a page that lacks it is a programming error that names the id", () => {
    expect(() => byId("no-such-element")).toThrow("The task pane page lacks #no-such-element");
  });
});

describe("unbroken", () => {
  test("hyphenated words (a file name, a dataset version) go in spans that do not break", () => {
    const parts = unbroken("source: kc-2026q1-earnings-release.txt · dataset 2026Q1-63ef2dc314");
    expect(parts.map(shape)).toEqual([
      "source: ",
      { tag: "span", attrs: { class: "unbroken" }, children: ["kc-2026q1-earnings-release.txt"] },
      " · dataset ",
      { tag: "span", attrs: { class: "unbroken" }, children: ["2026Q1-63ef2dc314"] },
      "",
    ]);
  });

  test("text without a hyphenated word stays one piece of text", () => {
    expect(unbroken("RMB and US$ in thousands")).toEqual(["RMB and US$ in thousands"]);
    expect(unbroken("")).toEqual([""]);
  });

  test("a lone hyphen between spaces is no hyphenated word", () => {
    expect(unbroken("Total revenues - cost")).toEqual(["Total revenues - cost"]);
  });
});

describe("setEnabled", () => {
  /** A control as setEnabled sees it: its disabled flag and its title attribute. */
  function control(disabled: boolean, title?: string) {
    const attrs = new Map(title === undefined ? [] : [["title", title]]);
    const c = {
      disabled,
      get title() {
        return attrs.get("title") ?? "";
      },
      set title(t: string) {
        attrs.set("title", t);
      },
      removeAttribute: (name: string) => attrs.delete(name),
      hasTitle: () => attrs.has("title"),
    };
    return c;
  }
  const asControl = (c: ReturnType<typeof control>) => c as unknown as HTMLButtonElement;

  test("off, with the reason as its title", () => {
    const c = control(false);
    setEnabled(asControl(c), "Needs Excel");
    expect({ disabled: c.disabled, title: c.title }).toEqual({
      disabled: true,
      title: "Needs Excel",
    });
  });

  test("on: the reason it was off goes with it", () => {
    const c = control(true, "Waiting for Excel to load the add-in");
    setEnabled(asControl(c));
    expect({ disabled: c.disabled, hasTitle: c.hasTitle() }).toEqual({
      disabled: false,
      hasTitle: false,
    });
  });
});
