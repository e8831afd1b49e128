// Problems (RFC 9457) as people read them: a message box, and each field error beside the
// control it names (data-field="pipeline[1].width").

import { h, replace, uid } from './dom.js';

/**
 * A message box for a failure: the problem's title, detail and code, and the field errors given
 * (those that have no control on the page). role=alert: screen readers say it at once.
 */
export function problemBox(error, errors = error.errors ?? []) {
  const problem = error.problem ?? { title: 'Something went wrong', detail: String(error.message ?? error) };
  return h(
    'div',
    { class: 'problem', role: 'alert' },
    h('p', { class: 'problem-title' }, problem.title || 'The request failed'),
    problem.detail ? h('p', {}, problem.detail) : null,
    errors.length
      ? h('ul', {}, errors.map((e) => h('li', {}, h('code', {}, e.field), ': ', e.message)))
      : null,
    problem.code ? h('p', { class: 'problem-code' }, 'code: ', h('code', {}, problem.code)) : null,
  );
}

/** Shows a failure in a status area (or clears it with null). */
export function showProblem(area, error, errors) {
  replace(area, error ? problemBox(error, errors) : null);
}

/** Removes the field errors shown in a form. */
export function clearFieldErrors(form) {
  for (const message of form.querySelectorAll('.field-error')) message.remove();
  for (const control of form.querySelectorAll('[aria-invalid]')) {
    control.removeAttribute('aria-invalid');
    const described = (control.getAttribute('aria-describedby') ?? '')
      .split(' ')
      .filter((id) => id && !id.endsWith('-error'));
    if (described.length) control.setAttribute('aria-describedby', described.join(' '));
    else control.removeAttribute('aria-describedby');
  }
}

/**
 * Puts each error beside the element whose data-field is its field, or else its nearest parent
 * path (pipeline[1].widht → the step pipeline[1]). Answers the errors that found no place. The
 * first invalid control gets the focus.
 */
export function showFieldErrors(form, errors) {
  clearFieldErrors(form);
  const unplaced = [];
  let first = null;
  for (const error of errors) {
    const target = find(form, error.field);
    if (!target) {
      unplaced.push(error);
      continue;
    }
    const control = target.matches('input, select, textarea')
      ? target
      : target.querySelector('input, select, textarea, button');
    const id = `${uid('field')}-error`;
    const exact = target.dataset.field === error.field;
    const message = h(
      'p',
      { class: 'field-error', id },
      exact ? error.message : [h('code', {}, error.field), ': ', error.message],
    );
    (target.closest('.field') ?? target).append(message);
    if (control) {
      control.setAttribute('aria-invalid', 'true');
      const described = control.getAttribute('aria-describedby');
      control.setAttribute('aria-describedby', described ? `${described} ${id}` : id);
      first ??= control;
    }
  }
  first?.focus();
  return unplaced;
}

function find(form, field) {
  let path = field ?? '';
  while (path) {
    const target = form.querySelector(`[data-field="${CSS.escape(path)}"]`);
    if (target) return target;
    const cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
    path = cut > 0 ? path.slice(0, cut) : '';
  }
  return null;
}
