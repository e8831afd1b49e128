// Building elements without innerHTML: text from the API is always text, never markup.

/**
 * h('button', {type: 'button', class: 'primary', onclick: fn}, 'Save') — an element with
 * attributes (null and false are left out, true is an empty attribute), event handlers (on...),
 * and children (strings become text; null, false and nested arrays are allowed).
 */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes ?? {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') {
      element.addEventListener(name.slice(2), value);
    } else if (name === 'dataset') {
      Object.assign(element.dataset, value);
    } else if (name in element && typeof value !== 'string') {
      element[name] = value;
    } else {
      element.setAttribute(name, value === true ? '' : String(value));
    }
  }
  appendAll(element, children);
  return element;
}

/** Appends children as h() does: strings as text, null and false left out, arrays flattened. */
export function append(element, ...children) {
  appendAll(element, children);
  return element;
}

function appendAll(element, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) appendAll(element, child);
    else element.append(child instanceof Node ? child : String(child));
  }
}

/** Replaces every child of an element. */
export function replace(element, ...children) {
  element.replaceChildren();
  appendAll(element, children);
  return element;
}

let ids = 0;

/** A page-unique id for label/aria references. */
export function uid(prefix) {
  ids += 1;
  return `${prefix}-${ids}`;
}

/** A labelled form control wrapped with its label and an optional hint. */
export function field(label, control, hint) {
  control.id ||= uid('field');
  const hintElement = hint ? h('span', { class: 'hint', id: `${control.id}-hint` }, hint) : null;
  if (hintElement) control.setAttribute('aria-describedby', hintElement.id);
  return h('div', { class: 'field' }, h('label', { for: control.id }, label), control, hintElement);
}
