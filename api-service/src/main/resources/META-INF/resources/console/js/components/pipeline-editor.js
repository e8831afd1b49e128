// A pipeline built step by step: each step an op with its parameters, as docs/pipeline.md
// describes them (the catalogue is ops.json). Empty fields are left out, so the API's defaults
// apply; the API checks every value and its 422 names the field (pipeline[1].width).

import { h, replace, uid } from '../dom.js';

const START = [
  { op: 'resize', values: { width: '800' } },
  { op: 'encode', values: { format: 'webp' } },
];

/** The editor. steps() answers the pipeline as the API takes it. */
export function pipelineEditor(catalogue) {
  const ops = new Map(catalogue.ops.map((op) => [op.op, op]));
  let steps = START.map((step) => ({ op: step.op, values: { ...step.values } }));
  const list = h('ol', { class: 'steps' });
  const add = h('button', { type: 'button', onclick: () => addStep() }, 'Add step');
  const element = h('div', { class: 'pipeline', dataset: { field: 'pipeline' } }, list, add);

  function addStep() {
    read();
    const encodeLast = steps.at(-1)?.op === 'encode';
    const index = encodeLast ? steps.length - 1 : steps.length;
    steps.splice(index, 0, { op: 'resize', values: {} });
    render();
    focusIn(index, 'select');
  }

  function remove(index) {
    read();
    steps.splice(index, 1);
    render();
    if (steps.length) focusIn(Math.min(index, steps.length - 1), 'select');
    else add.focus();
  }

  function move(index, by) {
    read();
    const [step] = steps.splice(index, 1);
    steps.splice(index + by, 0, step);
    render();
    focusIn(index + by, by < 0 ? '[data-action="up"]' : '[data-action="down"]');
  }

  function changeOp(index, op) {
    read();
    steps[index] = { op, values: {} };
    render();
    focusIn(index, 'select');
  }

  /** Reads what the user typed back into the steps, before the list is drawn again. */
  function read() {
    list.querySelectorAll(':scope > li').forEach((item, index) => {
      const values = {};
      for (const control of item.querySelectorAll('[data-param]')) {
        values[control.dataset.param] = control.type === 'checkbox' ? control.checked : control.value;
      }
      steps[index].values = values;
    });
  }

  function render() {
    replace(list, steps.map((step, index) => stepItem(step, index)));
  }

  function stepItem(step, index) {
    const op = ops.get(step.op);
    const number = index + 1;
    const select = h(
      'select',
      { id: uid('op'), onchange: (event) => changeOp(index, event.target.value) },
      catalogue.ops.map((o) => h('option', { value: o.op, selected: o.op === step.op }, o.title)),
    );
    return h(
      'li',
      {},
      h(
        'fieldset',
        { class: 'step-box', dataset: { field: `pipeline[${index}]` } },
        h('legend', {}, `Step ${number}: ${op.title}`),
        h(
          'div',
          { class: 'step-head' },
          h('div', { class: 'field' }, h('label', { for: select.id }, 'Operation'), select),
          h(
            'div',
            { class: 'step-tools' },
            h('button', {
              type: 'button',
              dataset: { action: 'up' },
              disabled: index === 0,
              'aria-label': `Move step ${number} up`,
              onclick: () => move(index, -1),
            }, '↑'),
            h('button', {
              type: 'button',
              dataset: { action: 'down' },
              disabled: index === steps.length - 1,
              'aria-label': `Move step ${number} down`,
              onclick: () => move(index, 1),
            }, '↓'),
            h('button', {
              type: 'button',
              class: 'danger',
              'aria-label': `Remove step ${number}`,
              onclick: () => remove(index),
            }, 'Remove'),
          ),
        ),
        h('p', { class: 'hint' }, op.summary),
        op.params.length
          ? h('div', { class: 'params' }, op.params.map((param) => paramField(param, index, step.values)))
          : null,
      ),
    );
  }

  /** Focuses a control of a step; the step's op when that control is disabled (a moved step's
   * "up" at the top, say), so that the focus is never lost. */
  function focusIn(index, selector) {
    const item = list.querySelectorAll(':scope > li')[index];
    const target = item?.querySelector(selector);
    (target && !target.disabled ? target : item?.querySelector('select'))?.focus();
  }

  render();

  return {
    element,
    steps() {
      read();
      return steps.map((step) => toJson(ops.get(step.op), step.values));
    },
  };
}

function paramField(param, index, values) {
  const id = uid('param');
  const value = values[param.name];
  const path = `pipeline[${index}].${param.name}`;
  let control;
  if (param.type === 'boolean') {
    control = h('input', {
      type: 'checkbox',
      id,
      checked: value ?? param.default ?? false,
      dataset: { param: param.name },
    });
    const hint = param.hint ? h('span', { class: 'hint', id: `${id}-hint` }, param.hint) : null;
    if (hint) control.setAttribute('aria-describedby', hint.id);
    return h(
      'div',
      { class: 'field check', dataset: { field: path } },
      control,
      h('label', { for: id }, param.name),
      hint,
    );
  }
  if (param.type === 'enum') {
    control = h(
      'select',
      { id, dataset: { param: param.name } },
      h('option', { value: '' }, param.required ? 'choose…' : `default (${param.default})`),
      param.values.map((v) => h('option', { value: v, selected: v === value }, v)),
    );
  } else {
    const numeric = param.type === 'integer' || param.type === 'number';
    control = h('input', {
      type: numeric ? 'number' : 'text',
      id,
      value: value ?? '',
      inputmode: param.type === 'integer' ? 'numeric' : numeric ? 'decimal' : null,
      step: param.type === 'integer' ? '1' : numeric ? 'any' : null,
      min: param.min ?? null,
      max: param.max ?? null,
      placeholder: param.default !== undefined ? String(param.default) : null,
      spellcheck: 'false',
      autocomplete: 'off',
      dataset: { param: param.name },
    });
  }
  const limits = [
    param.required ? 'required' : null,
    param.min !== undefined ? `${param.min} to ${param.max}` : null,
    param.type === 'color' ? '#rrggbb, #rrggbbaa or a name' : null,
    param.hint ?? null,
  ].filter(Boolean);
  const hint = limits.length ? h('span', { class: 'hint', id: `${id}-hint` }, limits.join('; ')) : null;
  if (hint) control.setAttribute('aria-describedby', hint.id);
  if (param.required) control.setAttribute('aria-required', 'true');
  return h('div', { class: 'field', dataset: { field: path } }, h('label', { for: id }, param.name), control, hint);
}

/** One step as JSON: empty fields left out, booleans only when they differ from the default. */
function toJson(op, values) {
  const json = { op: op.op };
  for (const param of op.params) {
    const value = values[param.name];
    if (param.type === 'boolean') {
      if (value !== undefined && value !== (param.default ?? false)) json[param.name] = value;
    } else if (value !== undefined && value !== '') {
      const numeric = param.type === 'integer' || param.type === 'number';
      json[param.name] = numeric && Number.isFinite(Number(value)) ? Number(value) : value;
    }
  }
  return json;
}
