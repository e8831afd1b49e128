// A delivery log: each webhook delivery with every attempt, a status filter, and a button that
// makes one more attempt (same webhook-id). Used for an endpoint and for a job.

import { api, query } from '../api.js';
import { h, replace, uid } from '../dom.js';
import { when } from '../format.js';
import { showProblem } from '../problems.js';

const PAGE = 10;

/**
 * The log of `path` (/v1/webhook-endpoints/{id}/deliveries or /v1/jobs/{id}/deliveries).
 * refresh() loads it again; watch() reloads a few times while a new attempt is expected.
 */
export function deliveryLog(path, label) {
  const filterId = uid('status');
  const filter = h(
    'select',
    { id: filterId, onchange: () => refresh() },
    h('option', { value: '' }, 'any'),
    ['pending', 'succeeded', 'failed'].map((s) => h('option', { value: s }, s)),
  );
  const list = h('ul', { class: 'deliveries', 'aria-label': label });
  const problems = h('div');
  const more = h('button', { type: 'button', hidden: true, onclick: () => load(more.dataset.cursor) }, 'Older deliveries');
  const element = h(
    'div',
    { class: 'delivery-log' },
    h(
      'div',
      { class: 'toolbar' },
      h('div', { class: 'field inline' }, h('label', { for: filterId }, 'Status'), filter),
      h('button', { type: 'button', onclick: () => refresh() }, 'Refresh'),
    ),
    problems,
    list,
    more,
  );

  let latest = 0;

  async function load(cursor) {
    showProblem(problems, null);
    const request = ++latest;
    try {
      const page = await api(`${path}${query({ status: filter.value, limit: PAGE, cursor })}`);
      if (request !== latest) return; // a newer load is on its way
      const kept = keep();
      if (!cursor) replace(list);
      list.append(...page.data.map(item));
      kept();
      if (!list.children.length) list.append(h('li', { class: 'hint' }, 'No deliveries yet.'));
      more.hidden = !page.next_cursor;
      more.dataset.cursor = page.next_cursor ?? '';
    } catch (error) {
      if (request === latest) showProblem(problems, error);
    }
  }

  /**
   * What a reload must not lose: the open details and the focused button of each delivery.
   * Answers a function that puts them back.
   */
  function keep() {
    const open = new Set([...list.querySelectorAll('details[open]')].map((d) => d.closest('li').dataset.deliveryId));
    const focused = list.contains(document.activeElement) ? document.activeElement : null;
    const focusedIn = focused?.closest('li')?.dataset.deliveryId;
    const focusedRole = focused?.dataset.role;
    return () => {
      for (const li of list.querySelectorAll(':scope > li[data-delivery-id]')) {
        if (open.has(li.dataset.deliveryId)) li.querySelector('details').open = true;
        if (focusedRole && li.dataset.deliveryId === focusedIn) {
          li.querySelector(`[data-role="${focusedRole}"]`)?.focus();
        }
      }
    };
  }

  function refresh() {
    return load();
  }

  /** Reloads every second for a while: a test event or a redelivery is on its way. */
  async function watch(seconds = 8) {
    for (let i = 0; i < seconds; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      if (!element.isConnected) return;
      await refresh();
    }
  }

  function item(delivery) {
    const attempts = delivery.attempts ?? [];
    const last = attempts.at(-1);
    const problemArea = h('div');
    const redeliver = h(
      'button',
      {
        type: 'button',
        dataset: { role: 'redeliver' },
        onclick: async () => {
          // Not disabled while busy: a disabled button would lose the keyboard focus.
          if (redeliver.getAttribute('aria-busy') === 'true') return;
          redeliver.setAttribute('aria-busy', 'true');
          showProblem(problemArea, null);
          try {
            await api(`/v1/webhook-deliveries/${encodeURIComponent(delivery.id)}/redeliver`, { method: 'POST' });
            watch(5);
          } catch (error) {
            showProblem(problemArea, error);
          } finally {
            redeliver.removeAttribute('aria-busy');
          }
        },
      },
      'Redeliver',
    );
    redeliver.setAttribute('aria-label', `Redeliver ${delivery.type} ${delivery.id}`);
    return h(
      'li',
      { class: 'delivery', dataset: { deliveryId: delivery.id } },
      h(
        'div',
        { class: 'delivery-head' },
        h('span', { class: `badge status-${delivery.status}` }, delivery.status),
        h('code', {}, delivery.type),
        delivery.job_id ? h('a', { href: `#/jobs/${delivery.job_id}` }, delivery.job_id) : null,
        h('span', { class: 'attempt-count', dataset: { attempts: attempts.length } },
          `${attempts.length} ${attempts.length === 1 ? 'attempt' : 'attempts'}`),
        last ? h('span', { class: 'hint' }, `last: ${last.status_code ?? last.error ?? '—'}`) : null,
        redeliver,
      ),
      h(
        'details',
        {},
        h('summary', { dataset: { role: 'details' } }, 'Attempts and details'),
        h('dl', { class: 'facts' },
          h('dt', {}, 'Delivery'), h('dd', {}, h('code', {}, delivery.id)),
          h('dt', {}, 'webhook-id'), h('dd', {}, h('code', {}, delivery.event_id)),
          h('dt', {}, 'URL'), h('dd', {}, delivery.url),
          h('dt', {}, 'Created'), h('dd', {}, when(delivery.created_at)),
          delivery.next_attempt_at ? [h('dt', {}, 'Next attempt'), h('dd', {}, when(delivery.next_attempt_at))] : null,
          delivery.failure_reason ? [h('dt', {}, 'Stopped'), h('dd', {}, delivery.failure_reason)] : null,
        ),
        attempts.length
          ? h('table', { class: 'attempts' },
              h('caption', { class: 'visually-hidden' }, `Attempts of ${delivery.id}`),
              h('thead', {}, h('tr', {}, ['#', 'At', 'Answer', 'Took', 'Error', 'Response'].map((t) => h('th', { scope: 'col' }, t)))),
              h('tbody', {}, attempts.map((a) =>
                h('tr', {},
                  h('td', { 'data-label': '#' }, a.number),
                  h('td', { 'data-label': 'At' }, when(a.at)),
                  h('td', { 'data-label': 'Answer' }, a.status_code ?? '—'),
                  h('td', { 'data-label': 'Took' }, `${a.duration_ms} ms`),
                  h('td', { 'data-label': 'Error' }, a.error ?? '—'),
                  h('td', { 'data-label': 'Response' }, a.response_excerpt ? h('code', {}, a.response_excerpt) : '—'),
                ))))
          : h('p', { class: 'hint' }, 'Not attempted yet.'),
      ),
      problemArea,
    );
  }

  refresh();
  return { element, refresh, watch };
}
