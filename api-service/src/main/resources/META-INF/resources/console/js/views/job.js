// One job: its card (followed live while it runs), cancel and re-run, and its webhook deliveries.

import { api } from '../api.js';
import { deliveryLog } from '../components/deliveries.js';
import { jobCard } from '../components/job-card.js';
import { h } from '../dom.js';
import { TERMINAL } from '../format.js';
import { follow } from '../live.js';
import { showProblem } from '../problems.js';

export const title = 'Job';

export async function render(main, { params, navigate }) {
  const id = params[0];
  const problems = h('div');
  main.append(h('p', {}, h('a', { href: '#/jobs' }, '← All jobs')), h('h1', { tabindex: -1 }, 'Job ', h('code', {}, id)), problems);
  let job;
  try {
    job = await api(`/v1/jobs/${encodeURIComponent(id)}`);
  } catch (error) {
    showProblem(problems, error);
    return undefined;
  }
  const card = jobCard({ title: 'Status and result' });
  const cancel = h('button', { type: 'button', class: 'danger', onclick: cancelJob }, 'Cancel job');
  const rerun = h('button', { type: 'button', onclick: rerunJob }, 'Run again');
  const update = (next) => {
    job = next;
    card.update(next);
    cancel.hidden = TERMINAL.has(next.status);
  };
  update(job);
  const log = deliveryLog(`/v1/jobs/${encodeURIComponent(id)}/deliveries`, `Webhook deliveries of ${id}`);
  main.append(
    card.element,
    h('div', { class: 'actions' }, cancel, rerun),
    h('section', { class: 'card' }, h('h2', {}, 'Webhook deliveries'), log.element),
  );
  const stop = TERMINAL.has(job.status) ? () => {} : follow(id, update, (error) => showProblem(problems, error));

  async function cancelJob() {
    try {
      update(await api(`/v1/jobs/${encodeURIComponent(id)}/cancel`, { method: 'POST' }));
    } catch (error) {
      showProblem(problems, error);
    }
  }

  async function rerunJob() {
    try {
      const again = await api(`/v1/jobs/${encodeURIComponent(id)}/rerun`, { method: 'POST' });
      navigate(`#/jobs/${again.id}`);
    } catch (error) {
      showProblem(problems, error);
    }
  }

  return () => stop();
}
