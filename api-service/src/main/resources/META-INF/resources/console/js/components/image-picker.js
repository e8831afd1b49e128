// Where a job's image comes from: a new upload (file picker or drag and drop) or one of the
// account's recent uploads (GET /v1/media).

import { api } from '../api.js';
import { h, replace, uid } from '../dom.js';
import { bytes, pixels } from '../format.js';
import { showProblem } from '../problems.js';

const RECENT = 8;

/**
 * The picker. selected() answers {media, src} of the chosen image, or null; onChange is called
 * with it on every choice.
 */
export function imagePicker(onChange = () => {}) {
  let selected = null;
  const fileId = uid('file');
  const file = h('input', {
    type: 'file',
    id: fileId,
    accept: 'image/*',
    class: 'visually-hidden',
    onchange: () => file.files[0] && upload(file.files[0]),
  });
  const drop = h(
    'label',
    { class: 'drop', for: fileId },
    h('span', { class: 'drop-title' }, 'Drop an image here'),
    h('span', {}, 'or ', h('span', { class: 'link' }, 'choose a file')),
    h('span', { class: 'hint' }, 'JPEG, PNG, WebP, GIF, BMP or TIFF'),
    file,
  );
  const status = h('p', { class: 'hint', role: 'status' });
  const problems = h('div');
  const preview = h('div', { class: 'chosen' });
  const recentList = h('ul', { class: 'recent', 'aria-label': 'Recent uploads' });
  const element = h(
    'div',
    { class: 'picker', dataset: { field: 'input' } },
    drop,
    status,
    problems,
    preview,
    h('h3', {}, 'Recent uploads'),
    recentList,
  );

  for (const type of ['dragenter', 'dragover']) {
    drop.addEventListener(type, (event) => {
      event.preventDefault();
      drop.classList.add('dragging');
    });
  }
  drop.addEventListener('dragleave', () => drop.classList.remove('dragging'));
  drop.addEventListener('drop', (event) => {
    event.preventDefault();
    drop.classList.remove('dragging');
    const dropped = event.dataTransfer?.files?.[0];
    if (dropped) upload(dropped);
  });

  async function upload(chosen) {
    status.textContent = `Uploading ${chosen.name} (${bytes(chosen.size)})…`;
    showProblem(problems, null);
    try {
      const media = await api('/v1/media', { method: 'POST', body: chosen });
      status.textContent = `Uploaded ${chosen.name} as ${media.id}.`;
      choose(media, URL.createObjectURL(chosen));
      loadRecent();
    } catch (error) {
      status.textContent = '';
      showProblem(problems, error);
    } finally {
      file.value = '';
    }
  }

  function choose(media, src) {
    if (selected?.src?.startsWith('blob:') && selected.src !== src) URL.revokeObjectURL(selected.src);
    selected = { media, src };
    for (const button of recentList.querySelectorAll('button')) {
      button.setAttribute('aria-pressed', String(button.dataset.mediaId === media.id));
    }
    replace(
      preview,
      h(
        'figure',
        { class: 'image' },
        h('div', { class: 'frame' }, h('img', { src, alt: 'The chosen image' })),
        h(
          'figcaption',
          { dataset: { role: 'chosen-caption' } },
          h('strong', {}, 'Chosen'),
          ` · ${pixels(media.width, media.height)} · ${bytes(media.size_bytes)} · `,
          h('code', {}, media.id),
        ),
      ),
    );
    onChange(selected);
  }

  async function loadRecent() {
    try {
      const page = await api(`/v1/media?limit=${RECENT}`);
      replace(
        recentList,
        page.data.length ? page.data.map(recentItem) : h('li', { class: 'hint' }, 'No uploads yet.'),
      );
    } catch (error) {
      replace(recentList, h('li', {}, error.message));
    }
  }

  function recentItem(media) {
    return h(
      'li',
      {},
      h(
        'button',
        {
          type: 'button',
          class: 'thumb',
          'aria-pressed': String(selected?.media.id === media.id),
          dataset: { mediaId: media.id },
          onclick: () => choose(media, media.url),
        },
        h('img', { src: media.url, alt: '', loading: 'lazy' }),
        h('span', {}, `${pixels(media.width, media.height)}, ${bytes(media.size_bytes)}`),
        h('span', { class: 'visually-hidden' }, ` ${media.id}, uploaded ${new Date(media.created_at).toLocaleString()}`),
      ),
    );
  }

  loadRecent();
  return { element, selected: () => selected };
}
