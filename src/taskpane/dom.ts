/** Builds DOM nodes. Text always goes in as text, never as markup. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | boolean | undefined> = {},
  ...children: (Node | string | null | undefined | false)[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    el.setAttribute(name, value === true ? "" : value);
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    el.append(typeof child === "string" ? document.createTextNode(child) : child);
  }
  return el;
}

export function byId<T extends HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`The task pane page lacks #${id}`);
  return el as T;
}

/** Text whose hyphenated words (a file name, a dataset version) never break at their hyphens. */
export function unbroken(text: string): (Node | string)[] {
  return text
    .split(/(\S+-\S+)/)
    .map((part, k) => (k % 2 ? h("span", { class: "unbroken" }, part) : part));
}

/**
 * Enables a control, or disables it with the reason as its title (shown on hover, read by screen
 * readers): a greyed-out control that does not say why looks broken.
 */
export function setEnabled(
  control: HTMLButtonElement | HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement,
  whyNot?: string
): void {
  control.disabled = whyNot !== undefined;
  if (whyNot === undefined) control.removeAttribute("title");
  else control.title = whyNot;
}
