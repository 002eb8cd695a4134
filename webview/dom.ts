// A tiny element builder: attributes as strings, children as nodes or text. No innerHTML anywhere,
// so nothing the host sends is ever parsed as markup.
type Child = Node | string | null | undefined | false;
export type { Child };

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs?: Record<string, string | boolean | undefined>, ...children: Child[]): HTMLElementTagNameMap[K];
export function h(tag: string, attrs?: Record<string, string | boolean | undefined>, ...children: Child[]): HTMLElement;
export function h(tag: string, attrs: Record<string, string | boolean | undefined> = {}, ...children: Child[]): HTMLElement {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === false) continue;
    el.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children) if (c !== null && c !== undefined && c !== false) el.append(c);
  return el;
}

/** The value of a toolkit control or native input. */
export const valueOf = (el: Element): string => (el as HTMLInputElement).value ?? '';

export function on<E extends Event = Event>(el: EventTarget, type: string, fn: (e: E) => void) {
  el.addEventListener(type, fn as EventListener);
}

/** Children for replaceChildren, without the nulls of optional parts. */
export function nodes(...children: Child[]): Array<Node | string> {
  return children.filter((c): c is Node | string => c !== null && c !== undefined && c !== false);
}
