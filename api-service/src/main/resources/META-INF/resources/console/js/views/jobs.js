// The account's jobs, newest first: filtered by status and preset, a page at a time.

import { api, query } from '../api.js';
import { field, h, replace } from '../dom.js';
import { bytes, pixels, seconds, when } from '../format.js';
import { showFieldErrors, showProblem } from '../problems.js';

export const title = 'Jobs';

const PAGE = 20;
const STATUSES = ['queued', 'processing', 'completed', 'failed', 'cancelled', 'expired'];
const PRESETS = ['thumbnail', 'avatar', 'sticker'];

export function render(main) {
  const status = h('select', { name: 'status' }, h('option', { value: '' }, 'any'), STATUSES.map((s) => h('option', { value: s }, s)));
  const preset = h('select', { name: 'preset' }, h('option', { value: '' }, 'any'), PRESETS.map((p) => h('option', { value: p }, p)));
  const filters = h(
    'form',
    { class: 'toolbar filters', 'aria-label': 'Filters', onsubmit: (event) => { event.preventDefault(); first(); } },
    withField('status', field('Status', status)),
    withField('preset', field('Preset', preset)),
    h('button', { type: 'submit' }, 'Apply'),
  );
  for (const select of [status, preset]) select.addEventListener('change', () => first());
  const problems = h('div');
  const body = h('tbody');
  const table = h(
    'table',
    { class: 'jobs' },
    h('caption', { class: 'visually-hidden' }, 'Jobs, newest first'),
    h('thead', {}, h('tr', {}, ['Job', 'Status', 'Preset', 'Created', 'Took', 'Result'].map((t) => h('th', { scope: 'col' }, t)))),
    body,
  );
  const pageLabel = h('span', { class: 'hint', role: 'status' });
  const newer = h('button', { type: 'button', onclick: () => go(-1) }, '← Newer');
  const older = h('button', { type: 'button', onclick: () => go(1) }, 'Older →');
  main.append(
    h('h1', { tabindex: -1 }, 'Jobs'),
    filters,
    problems,
    h('div', { class: 'table-wrap' }, table),
    h('nav', { class: 'pager', 'aria-label': 'Pages of jobs' }, newer, pageLabel, older),
  );

  // cursors[i] opens page i (null: the first); the next page's cursor is pushed when known.
  let cursors = [null];
  let index = 0;

  function first() {
    cursors = [null];
    index = 0;
    load();
  }

  function go(by) {
    index += by;
    load();
  }

  let latest = 0;

  async function load() {
    showProblem(problems, null);
    const request = ++latest;
    try {
      const page = await api(`/v1/jobs${query({ status: status.value, preset: preset.value, limit: PAGE, cursor: cursors[index] })}`);
      if (request !== latest) return; // a newer choice is being loaded
      cursors[index + 1] = page.next_cursor;
      replace(body, page.data.length ? page.data.map(row) : h('tr', {}, h('td', { colspan: 6, class: 'hint' }, 'No jobs match.')));
      newer.disabled = index === 0;
      older.disabled = !page.next_cursor;
      pageLabel.textContent = `Page ${index + 1}`;
    } catch (error) {
      if (request !== latest) return;
      showProblem(problems, error, showFieldErrors(filters, error.errors));
    }
  }

  first();
}

function withField(name, element) {
  element.dataset.field = name;
  return element;
}

function row(job) {
  const result = job.result;
  return h(
    'tr',
    { dataset: { jobId: job.id } },
    h('td', { 'data-label': 'Job' }, h('a', { href: `#/jobs/${job.id}` }, h('code', {}, job.id))),
    h('td', { 'data-label': 'Status' }, h('span', { class: `badge status-${job.status}` }, job.status),
      job.status === 'processing' ? ` ${job.progress?.percentage ?? 0} %` : null),
    h('td', { 'data-label': 'Preset' }, job.preset ?? 'pipeline'),
    h('td', { 'data-label': 'Created' }, when(job.created_at)),
    h('td', { 'data-label': 'Took' }, seconds(job.total_elapsed_seconds)),
    h('td', { 'data-label': 'Result' }, result ? `${pixels(result.width, result.height)}, ${bytes(result.size_bytes)}` : job.error?.code ?? '—'),
  );
}
