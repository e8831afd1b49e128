// One job as it runs and ends: status, a progress bar, then its input and result side by side
// with their sizes and the time it took.

import { h, replace, uid } from '../dom.js';
import { bytes, pixels, seconds } from '../format.js';

/**
 * A card for a job, headed by its id (a link to its page) unless a title is given. update(job)
 * shows a job object; showInput({src, width, height, size_bytes, mime_type}) the image it started
 * from.
 */
export function jobCard({ title } = {}) {
  const headingId = uid('job');
  const progressId = uid('progress');
  const heading = h('h3', { id: headingId }, title ?? 'Job');
  const status = h('span', { class: 'badge' });
  const bar = h('progress', { id: progressId, max: 100, value: 0 }, '0 %');
  const percent = h('span', { class: 'percent', dataset: { role: 'percent' } }, '0 %');
  const step = h('p', { class: 'step', role: 'status' });
  const inputFigure = h('figure', { class: 'image', hidden: true });
  const resultFigure = h('figure', { class: 'image', hidden: true });
  const timing = h('dl', { class: 'facts' });
  const failure = h('div');
  const element = h(
    'article',
    { class: 'card job-card', 'aria-labelledby': headingId },
    h('div', { class: 'card-head' }, heading, status),
    h(
      'div',
      { class: 'progress-row' },
      h('label', { for: progressId }, 'Progress'),
      bar,
      percent,
    ),
    step,
    failure,
    h('div', { class: 'compare' }, inputFigure, resultFigure),
    timing,
  );

  function update(job) {
    if (!title) replace(heading, 'Job ', h('a', { href: `#/jobs/${job.id}` }, h('code', {}, job.id)));
    replace(status, job.status);
    status.className = `badge status-${job.status}`;
    const percentage = job.progress?.percentage ?? 0;
    bar.value = percentage;
    bar.textContent = `${percentage} %`;
    percent.textContent = `${percentage} %`;
    step.textContent = job.progress?.message ?? job.status;
    replace(
      failure,
      job.error
        ? h(
            'div',
            { class: 'problem', role: 'alert' },
            h('p', { class: 'problem-title' }, `The job ${job.status}`),
            h('p', {}, job.error.message),
            h('p', { class: 'problem-code' }, 'code: ', h('code', {}, job.error.code)),
          )
        : null,
    );
    if (job.result) {
      show(resultFigure, {
        src: job.result.url,
        alt: `Result of ${job.id}`,
        caption: 'Result',
        width: job.result.width,
        height: job.result.height,
        size_bytes: job.result.size_bytes,
        mime_type: job.result.mime_type,
        role: 'result',
      });
    }
    replace(
      timing,
      fact('Preset', job.preset ?? 'pipeline'),
      fact('Priority', job.priority),
      job.queue_position ? fact('Queue position', job.queue_position) : null,
      fact('Waited', seconds(job.queue_wait_seconds)),
      fact('Processing', seconds(job.processing_seconds)),
      fact('Total', seconds(job.total_elapsed_seconds)),
    );
  }

  function showInput(image) {
    show(inputFigure, { ...image, alt: 'Input image', caption: 'Input', role: 'input' });
  }

  return { element, update, showInput };
}

function show(figure, image) {
  const img = h('img', { src: image.src, alt: image.alt, dataset: { role: image.role } });
  replace(
    figure,
    h('div', { class: 'frame' }, img),
    h(
      'figcaption',
      { dataset: { role: `${image.role}-caption` } },
      h('strong', {}, image.caption),
      ` · ${pixels(image.width, image.height)} · ${bytes(image.size_bytes)}`,
      image.mime_type ? ` · ${image.mime_type}` : null,
    ),
  );
  figure.hidden = false;
}

function fact(name, value) {
  return [h('dt', {}, name), h('dd', {}, value ?? '—')];
}
