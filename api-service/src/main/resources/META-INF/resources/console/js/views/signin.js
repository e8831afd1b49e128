// Sign in with an API key: checked with GET /v1/account, then kept in this tab only.

import { api } from '../api.js';
import { append, field, h } from '../dom.js';
import { showFieldErrors, showProblem } from '../problems.js';
import { session } from '../session.js';

export const title = 'Sign in';

export function render(main, { notice, signedIn }) {
  const key = h('input', {
    type: 'password',
    name: 'api_key',
    autocomplete: 'off',
    spellcheck: 'false',
    required: true,
  });
  const problems = h('div');
  const button = h('button', { type: 'submit', class: 'primary' }, 'Sign in');
  const form = h(
    'form',
    { class: 'card signin', novalidate: true, onsubmit: submit },
    h('div', { dataset: { field: 'api_key' } }, field('API key', key, 'For ./kiln run, the key is in .kiln/api-key.')),
    button,
    problems,
    h(
      'p',
      { class: 'hint' },
      'The key stays in this browser tab (sessionStorage) until you sign out or close the tab. ',
      'Live progress uses short-lived stream tokens, never the key, in URLs.',
    ),
  );
  append(
    main,
    h('h1', { tabindex: -1 }, 'Kiln console'),
    h('p', { class: 'lead' }, 'Upload images, run pipelines and watch them live, browse jobs and webhook deliveries.'),
    notice ? h('p', { class: 'notice', role: 'status' }, notice) : null,
    form,
  );
  key.focus();

  async function submit(event) {
    event.preventDefault();
    const value = key.value.trim();
    showProblem(problems, null);
    if (!value) {
      showFieldErrors(form, [{ field: 'api_key', message: 'Enter an API key.' }]);
      return;
    }
    button.setAttribute('aria-busy', 'true');
    try {
      const account = await api('/v1/account', { key: value });
      session.signIn(value);
      signedIn(account);
    } catch (error) {
      if (error.status === 401) {
        showFieldErrors(form, [{ field: 'api_key', message: 'This key is not valid (unknown or revoked).' }]);
      } else {
        showProblem(problems, error);
      }
    } finally {
      button.removeAttribute('aria-busy');
    }
  }
}
