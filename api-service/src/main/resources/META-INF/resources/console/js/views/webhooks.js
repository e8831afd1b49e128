// Webhook endpoints: add one (its secret is shown once), send a test event, enable, disable or
// delete it, and read its deliveries with every attempt.

import { api } from '../api.js';
import { deliveryLog } from '../components/deliveries.js';
import { field, h, replace, uid } from '../dom.js';
import { when } from '../format.js';
import { clearFieldErrors, showFieldErrors, showProblem } from '../problems.js';

export const title = 'Webhooks';

const EVENTS = ['job.queued', 'job.processing', 'job.progress', 'job.completed', 'job.failed', 'job.cancelled', 'job.expired'];
const OUTCOMES = new Set(['job.completed', 'job.failed', 'job.cancelled', 'job.expired']);

export function render(main) {
  const list = h('div', { class: 'endpoints' });
  const listProblems = h('div');
  main.append(
    h('h1', { tabindex: -1 }, 'Webhooks'),
    h('p', { class: 'lead' }, 'Kiln POSTs the events you choose to your endpoints, signed (Standard Webhooks), and retries failures.'),
    createForm(load),
    h('h2', {}, 'Endpoints'),
    listProblems,
    list,
  );

  async function load() {
    showProblem(listProblems, null);
    try {
      const page = await api('/v1/webhook-endpoints?limit=100');
      replace(list, page.data.length ? page.data.map((e) => endpointCard(e, load)) : h('p', { class: 'hint' }, 'No endpoints yet.'));
    } catch (error) {
      showProblem(listProblems, error);
    }
  }

  load();
}

function createForm(created) {
  const url = h('input', { type: 'url', name: 'url', placeholder: 'https://example.com/hooks/kiln', autocomplete: 'off', spellcheck: 'false' });
  const description = h('input', { type: 'text', name: 'description', autocomplete: 'off' });
  const includeResult = h('input', { type: 'checkbox', id: uid('include'), name: 'include_result' });
  const events = EVENTS.map((type) => {
    const id = uid('event');
    return h('div', { class: 'check' },
      h('input', { type: 'checkbox', id, value: type, defaultChecked: OUTCOMES.has(type) }),
      h('label', { for: id }, type));
  });
  const problems = h('div');
  const secret = h('div', { role: 'status' });
  const form = h(
    'form',
    { class: 'card', novalidate: true, onsubmit: submit },
    h('h2', {}, 'Add an endpoint'),
    withField('url', field('URL', url, 'http(s); the API must be allowed to reach it (kiln.webhooks.allow for local addresses).')),
    withField('description', field('Description (optional)', description)),
    h('fieldset', { class: 'checks', dataset: { field: 'events' } }, h('legend', {}, 'Events'), events),
    h('div', { class: 'field check', dataset: { field: 'include_result' } }, includeResult,
      h('label', { for: includeResult.id }, 'Include results of at most 64 KB inline')),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, 'Add endpoint')),
    problems,
    secret,
  );

  async function submit(event) {
    event.preventDefault();
    showProblem(problems, null);
    clearFieldErrors(form);
    replace(secret);
    const body = {
      url: url.value.trim(),
      events: [...form.querySelectorAll('fieldset input:checked')].map((c) => c.value),
      include_result: includeResult.checked,
    };
    if (description.value.trim()) body.description = description.value.trim();
    try {
      const endpoint = await api('/v1/webhook-endpoints', { method: 'POST', body });
      form.reset();
      replace(secret, secretBox(endpoint));
      created();
    } catch (error) {
      showProblem(problems, error, showFieldErrors(form, error.errors));
    }
  }

  return form;
}

function secretBox(endpoint) {
  const value = h('input', { type: 'text', readonly: true, value: endpoint.secret, class: 'secret', id: uid('secret') });
  const copy = h('button', {
    type: 'button',
    onclick: async () => {
      value.select();
      try {
        await navigator.clipboard.writeText(endpoint.secret);
        copy.textContent = 'Copied';
      } catch {
        copy.textContent = 'Selected: press Ctrl+C';
      }
    },
  }, 'Copy');
  return h('div', { class: 'notice' },
    h('p', {}, 'Endpoint ', h('code', {}, endpoint.id), ' added. Its signing secret is shown only now:'),
    h('div', { class: 'field inline' }, h('label', { for: value.id }, 'Secret'), value, copy));
}

function endpointCard(endpoint, changed) {
  const problems = h('div');
  const headingId = uid('endpoint');
  const panelId = uid('deliveries');
  let log = null;
  const panel = h('div', { id: panelId, hidden: true });
  const toggle = h('button', {
    type: 'button',
    'aria-expanded': 'false',
    'aria-controls': panelId,
    onclick: () => {
      const open = toggle.getAttribute('aria-expanded') !== 'true';
      toggle.setAttribute('aria-expanded', String(open));
      panel.hidden = !open;
      if (open && !log) {
        log = deliveryLog(`/v1/webhook-endpoints/${encodeURIComponent(endpoint.id)}/deliveries`, `Deliveries to ${endpoint.url}`);
        panel.append(log.element);
      } else if (open) {
        log.refresh();
      }
    },
  }, 'Deliveries');

  async function act(run) {
    showProblem(problems, null);
    try {
      await run();
    } catch (error) {
      showProblem(problems, error);
    }
  }

  const path = `/v1/webhook-endpoints/${encodeURIComponent(endpoint.id)}`;
  const test = h('button', {
    type: 'button',
    onclick: () => act(async () => {
      await api(`${path}/test`, { method: 'POST' });
      if (toggle.getAttribute('aria-expanded') !== 'true') toggle.click();
      else log.refresh();
      log.watch(5);
    }),
  }, 'Send test event');
  const enable = h('button', {
    type: 'button',
    onclick: () => act(async () => {
      await api(path, { method: 'PATCH', body: { enabled: !endpoint.enabled } });
      changed();
    }),
  }, endpoint.enabled ? 'Disable' : 'Enable');
  const remove = h('button', {
    type: 'button',
    class: 'danger',
    onclick: () => act(async () => {
      if (!window.confirm(`Delete the endpoint ${endpoint.url}? Its pending deliveries stop.`)) return;
      await api(path, { method: 'DELETE' });
      changed();
    }),
  }, 'Delete');
  for (const [button, verb] of [[test, 'Send test event to'], [toggle, 'Deliveries to'], [enable, endpoint.enabled ? 'Disable' : 'Enable'], [remove, 'Delete']]) {
    button.setAttribute('aria-label', `${verb} ${endpoint.url}`);
  }

  return h(
    'article',
    { class: 'card endpoint', 'aria-labelledby': headingId, dataset: { endpointId: endpoint.id } },
    h('div', { class: 'card-head' },
      h('h3', { id: headingId }, endpoint.url),
      h('span', { class: `badge ${endpoint.enabled ? 'status-succeeded' : 'status-failed'}` }, endpoint.enabled ? 'enabled' : 'disabled')),
    h('dl', { class: 'facts' },
      h('dt', {}, 'Id'), h('dd', {}, h('code', {}, endpoint.id)),
      endpoint.description ? [h('dt', {}, 'Description'), h('dd', {}, endpoint.description)] : null,
      h('dt', {}, 'Events'), h('dd', {}, endpoint.events.join(', ')),
      h('dt', {}, 'Inline results'), h('dd', {}, endpoint.include_result ? 'yes' : 'no'),
      endpoint.disabled_reason ? [h('dt', {}, 'Disabled because'), h('dd', {}, endpoint.disabled_reason)] : null,
      h('dt', {}, 'Created'), h('dd', {}, when(endpoint.created_at))),
    h('div', { class: 'actions' }, test, toggle, enable, remove),
    problems,
    panel,
  );
}

function withField(name, element) {
  element.dataset.field = name;
  return element;
}
