// Submit a job: an image (upload or recent), a preset or a pipeline, then live progress and the
// result beside the input.

import { api } from '../api.js';
import { catalogue } from '../catalogue.js';
import { imagePicker } from '../components/image-picker.js';
import { jobCard } from '../components/job-card.js';
import { pipelineEditor } from '../components/pipeline-editor.js';
import { h, replace, uid } from '../dom.js';
import { follow } from '../live.js';
import { clearFieldErrors, showFieldErrors, showProblem } from '../problems.js';

export const title = 'Submit a job';

export async function render(main) {
  const { ops, presets } = await catalogue();
  const picker = imagePicker();
  const editor = pipelineEditor({ ops });
  const choice = uid('make');
  const options = [
    ...presets.map((p) => ({ value: p.name, title: p.title, summary: p.summary })),
    { value: '', title: 'Pipeline', summary: 'Build your own, step by step.' },
  ];
  const radios = options.map((option) =>
    h(
      'div',
      { class: 'choice' },
      h('input', {
        type: 'radio',
        name: choice,
        id: `${choice}-${option.value || 'pipeline'}`,
        value: option.value,
        checked: option.value === 'sticker',
        onchange: toggle,
      }),
      h(
        'label',
        { for: `${choice}-${option.value || 'pipeline'}` },
        h('strong', {}, option.title),
        h('span', { class: 'hint' }, option.summary),
      ),
    ),
  );
  const problems = h('div');
  const submitButton = h('button', { type: 'submit', class: 'primary' }, 'Submit job');
  const result = h('section', { class: 'result', 'aria-labelledby': 'result-heading', hidden: true },
    h('h2', { id: 'result-heading' }, '3. Result'));
  const form = h(
    'form',
    { novalidate: true, onsubmit: submit },
    h('section', { class: 'card' }, h('h2', {}, '1. Image'), picker.element),
    h(
      'section',
      { class: 'card' },
      h('h2', {}, '2. Processing'),
      h('fieldset', { class: 'choices', dataset: { field: 'preset' } }, h('legend', {}, 'What to make'), radios),
      editor.element,
    ),
    h('div', { class: 'actions' }, submitButton),
    problems,
  );
  main.append(h('h1', { tabindex: -1 }, 'Submit a job'), h('div', { class: 'submit-layout' }, form, result));
  toggle();

  let stop = () => {};

  function preset() {
    return form.querySelector(`input[name="${choice}"]:checked`).value;
  }

  function toggle() {
    editor.element.hidden = preset() !== '';
  }

  async function submit(event) {
    event.preventDefault();
    showProblem(problems, null);
    clearFieldErrors(form);
    const chosen = picker.selected();
    if (!chosen) {
      showFieldErrors(form, [{ field: 'input', message: 'Upload an image or choose a recent one first.' }]);
      return;
    }
    const body = { input: { media_id: chosen.media.id } };
    if (preset()) body.preset = preset();
    else body.pipeline = editor.steps();
    submitButton.setAttribute('aria-busy', 'true');
    try {
      const job = await api('/v1/jobs', { method: 'POST', body });
      show(job, chosen);
    } catch (error) {
      const unplaced = showFieldErrors(form, error.errors);
      showProblem(problems, error, unplaced);
    } finally {
      submitButton.removeAttribute('aria-busy');
    }
  }

  function show(job, chosen) {
    stop();
    const card = jobCard();
    card.showInput({ src: chosen.src, ...chosen.media });
    card.update(job);
    replace(result, h('h2', { id: 'result-heading' }, '3. Result'), card.element);
    result.hidden = false;
    result.scrollIntoView({ block: 'nearest' });
    stop = follow(job.id, card.update, (error) => showProblem(problems, error));
  }

  return () => stop();
}
