/**
 * A strict reader of XML 1.0 documents without a document type, for the parts the add-in stores
 * in a workbook (src/data/stored.ts): well-formedness (one root, tags that match, attributes once,
 * references that name one of XML's five entities or a character XML allows, no "]]>" in text,
 * no character XML forbids) and namespaces (prefixes resolved in scope). It stands in for a
 * general parser because the pane loads it on every start: a document type is reported to the
 * caller (which refuses it) rather than read, so no entity is ever declared or expanded.
 */

export class XmlError extends Error {}

export interface XmlElement {
  uri: string;
  local: string;
  /** Attributes by their qualified name, namespace declarations left out. */
  attributes: Map<string, string>;
}

export interface XmlHandlers {
  doctype(): void;
  open(element: XmlElement): void;
  close(): void;
  /** Character data, references resolved; CDATA sections too. */
  text(text: string): void;
}

const PREDEFINED = new Map([
  ["lt", "<"],
  ["gt", ">"],
  ["amp", "&"],
  ["quot", '"'],
  ["apos", "'"],
]);
const NAME = /[A-Za-z_:\u00C0-\uFFFF][-.0-9A-Za-z_:\u00B7\u00C0-\uFFFF]*/y;
const SPACE = /[ \t\r\n]*/y;
/** A character XML 1.0 forbids (the Char production), surrogate pairs allowed. */
const FORBIDDEN =
  /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\uD800-\uDFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const XMLNS = "http://www.w3.org/2000/xmlns/";
const XML_NS = "http://www.w3.org/XML/1998/namespace";

export function readXml(xml: string, on: XmlHandlers): void {
  new Reader(xml.replace(/^\uFEFF/, ""), on).document();
}

class Reader {
  private at = 0;
  /** Prefix bindings in scope, innermost last. */
  private readonly scopes: Map<string, string>[] = [new Map([["xml", XML_NS]])];

  constructor(
    private readonly s: string,
    private readonly on: XmlHandlers
  ) {
    const bad = FORBIDDEN.exec(s);
    if (bad) {
      this.at = bad.index;
      this.fail(
        `character U+${(bad[0].codePointAt(0) as number).toString(16).toUpperCase().padStart(4, "0")} is not allowed in XML`
      );
    }
  }

  document(): void {
    if (this.s.startsWith("<?xml") && /[ \t\r\n?]/.test(this.s[5] ?? "")) this.pi();
    this.misc();
    if (this.s.startsWith("<!DOCTYPE", this.at)) {
      this.on.doctype();
      this.fail("a document type declaration is not read");
    }
    if (this.s[this.at] !== "<") this.fail("the document has no root element");
    this.element();
    this.misc();
    if (this.at < this.s.length) this.fail("text follows the root element");
  }

  /** Comments, processing instructions and white space, outside the root element. */
  private misc(): void {
    for (;;) {
      this.space();
      if (this.s.startsWith("<!--", this.at)) this.comment();
      else if (this.s.startsWith("<?", this.at)) this.pi();
      else return;
    }
  }

  private element(): void {
    this.expect("<");
    const qname = this.name();
    const raw = new Map<string, string>();
    for (;;) {
      const spaced = this.space();
      if (this.s.startsWith("/>", this.at) || this.s[this.at] === ">") break;
      if (!spaced) this.fail(`expected white space before an attribute of <${qname}>`);
      const name = this.name();
      this.space();
      this.expect("=");
      this.space();
      if (raw.has(name)) this.fail(`attribute ${name} appears twice on <${qname}>`);
      raw.set(name, this.attributeValue());
    }
    const scope = new Map<string, string>();
    const attributes = new Map<string, string>();
    for (const [name, value] of raw) {
      if (name === "xmlns") scope.set("", value);
      else if (name.startsWith("xmlns:")) {
        if (value === "") this.fail(`prefix ${name.slice(6)} is bound to no namespace`);
        scope.set(name.slice(6), value);
      } else attributes.set(name, value);
    }
    this.scopes.push(scope);
    for (const name of attributes.keys()) if (name.includes(":")) this.resolve(name.split(":")[0]);
    const [prefix, local] = qname.includes(":") ? qname.split(":", 2) : ["", qname];
    if (!local) this.fail(`<${qname}> is not a name`);
    this.on.open({ uri: this.resolve(prefix), local, attributes });
    if (this.s.startsWith("/>", this.at)) {
      this.at += 2;
    } else {
      this.at++;
      this.content(qname);
    }
    this.scopes.pop();
    this.on.close();
  }

  private content(qname: string): void {
    for (;;) {
      if (this.at >= this.s.length) this.fail(`<${qname}> is never closed`);
      if (this.s.startsWith("</", this.at)) {
        this.at += 2;
        const end = this.name();
        if (end !== qname) this.fail(`</${end}> closes <${qname}>`);
        this.space();
        this.expect(">");
        return;
      }
      if (this.s.startsWith("<!--", this.at)) this.comment();
      else if (this.s.startsWith("<![CDATA[", this.at)) {
        const end = this.s.indexOf("]]>", this.at + 9);
        if (end < 0) this.fail("a CDATA section is never closed");
        this.on.text(this.s.slice(this.at + 9, end));
        this.at = end + 3;
      } else if (this.s.startsWith("<?", this.at)) this.pi();
      else if (this.s[this.at] === "<") this.element();
      else this.on.text(this.chars("<", "text"));
    }
  }

  /** Text up to `stop`, references resolved. */
  private chars(stop: string, what: string): string {
    let out = "";
    while (this.at < this.s.length && this.s[this.at] !== stop) {
      const c = this.s[this.at];
      if (c === "&") out += this.reference();
      else if (c === "<") this.fail(`"<" in an attribute value`);
      else {
        if (what === "text" && this.s.startsWith("]]>", this.at)) this.fail(`"]]>" in text`);
        out += c;
        this.at++;
      }
    }
    return out;
  }

  private attributeValue(): string {
    const quote = this.s[this.at];
    if (quote !== '"' && quote !== "'") this.fail("an attribute value must be quoted");
    this.at++;
    const value = this.chars(quote, "attribute");
    this.expect(quote);
    return value.replace(/[\t\r\n]/g, " ");
  }

  private reference(): string {
    const end = this.s.indexOf(";", this.at);
    const body = end < 0 ? "" : this.s.slice(this.at + 1, end);
    let text: string | undefined;
    const numeric = /^#(?:x([0-9A-Fa-f]{1,6})|([0-9]{1,7}))$/.exec(body);
    if (numeric) {
      const code = numeric[1] !== undefined ? parseInt(numeric[1], 16) : Number(numeric[2]);
      if (code <= 0x10ffff) text = String.fromCodePoint(code);
      if (text !== undefined && FORBIDDEN.test(text)) text = undefined;
    } else text = PREDEFINED.get(body);
    if (text === undefined) this.fail(`"&${body.slice(0, 20)};" is not a reference XML knows`);
    this.at = end + 1;
    return text as string;
  }

  private comment(): void {
    const end = this.s.indexOf("-->", this.at + 4);
    if (end < 0) this.fail("a comment is never closed");
    if (this.s.slice(this.at + 4, end).includes("--")) this.fail(`"--" inside a comment`);
    this.at = end + 3;
  }

  private pi(): void {
    const end = this.s.indexOf("?>", this.at + 2);
    if (end < 0) this.fail("a processing instruction is never closed");
    this.at = end + 2;
  }

  private name(): string {
    NAME.lastIndex = this.at;
    const m = NAME.exec(this.s);
    if (!m) this.fail("expected a name");
    this.at += (m as RegExpExecArray)[0].length;
    return (m as RegExpExecArray)[0];
  }

  private space(): boolean {
    SPACE.lastIndex = this.at;
    const n = (SPACE.exec(this.s) as RegExpExecArray)[0].length;
    this.at += n;
    return n > 0;
  }

  private expect(text: string): void {
    if (!this.s.startsWith(text, this.at)) this.fail(`expected "${text}"`);
    this.at += text.length;
  }

  private resolve(prefix: string): string {
    if (prefix === "xmlns") return XMLNS;
    for (let k = this.scopes.length - 1; k >= 0; k--) {
      const uri = this.scopes[k].get(prefix);
      if (uri !== undefined) return uri;
    }
    if (prefix === "") return "";
    return this.fail(`prefix ${prefix} is not bound to a namespace`);
  }

  private fail(problem: string): never {
    const before = this.s.slice(0, this.at);
    const line = before.split("\n").length;
    const column = this.at - before.lastIndexOf("\n");
    throw new XmlError(`${problem} (line ${line}, column ${column})`);
  }
}
