type Child = Node | string | null | undefined | false
type Props = Record<string, string | number | boolean | null | undefined | EventListener>

/**
 * `h('button', { class: 'pay', onclick: pay }, 'Pay')`: builds an element. Keys starting with `on`
 * are listeners; `false`/`null` attributes are left out; text children are escaped by the DOM.
 */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, props: Props = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag)
  for (const [key, value] of Object.entries(props)) {
    if (typeof value === 'function') el.addEventListener(key.slice(2), value)
    else if (value === true) el.setAttribute(key, '')
    else if (value !== false && value != null) el.setAttribute(key, String(value))
  }
  el.append(...children.filter((c): c is Node | string => c !== null && c !== undefined && c !== false))
  return el
}

/** Replaces an element's content. */
export function fill(parent: Element, ...children: Child[]) {
  parent.replaceChildren(...children.filter((c): c is Node | string => c !== null && c !== undefined && c !== false))
}
