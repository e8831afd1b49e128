// The console's shell: sign-in state, the header, and a hash router over the views.

import { whenUnauthorized, api } from './api.js';
import { h, replace } from './dom.js';
import { session } from './session.js';
import * as signin from './views/signin.js';
import * as submit from './views/submit.js';
import * as jobs from './views/jobs.js';
import * as job from './views/job.js';
import * as webhooks from './views/webhooks.js';

const routes = [
  { pattern: /^#\/submit$/, view: submit, nav: '#/submit' },
  { pattern: /^#\/jobs$/, view: jobs, nav: '#/jobs' },
  { pattern: /^#\/jobs\/(job_[0-9A-Za-z]+)$/, view: job, nav: '#/jobs' },
  { pattern: /^#\/webhooks$/, view: webhooks, nav: '#/webhooks' },
];
const HOME = '#/submit';

const main = document.getElementById('main');
const nav = document.getElementById('nav');
const account = document.getElementById('account');
const accountName = document.getElementById('account-name');
let cleanup = () => {};
let rendered = null;

document.getElementById('sign-out').addEventListener('click', () => signOut('You are signed out.'));
window.addEventListener('hashchange', route);
whenUnauthorized(() => {
  if (session.key()) signOut('The API refused the key (revoked or unknown): sign in again.');
});

function signOut(notice) {
  session.signOut();
  show(signin, [], notice);
}

/** Renders the view of the address bar, or sign-in while no key is kept. */
function route() {
  const hash = window.location.hash;
  if (rendered && !hash.startsWith('#/')) return; // an in-page link such as "skip to content"
  if (!session.key()) {
    show(signin, []);
    return;
  }
  const match = routes.map((r) => ({ r, m: r.pattern.exec(hash) })).find((x) => x.m);
  if (!match) {
    window.location.replace(HOME);
    return;
  }
  show(match.r.view, match.m.slice(1), null, match.r.nav);
}

async function show(view, params, notice, current) {
  cleanup();
  cleanup = () => {};
  rendered = view;
  const signedIn = view !== signin;
  nav.hidden = !signedIn;
  account.hidden = !signedIn;
  for (const link of nav.querySelectorAll('a')) {
    if (link.getAttribute('href') === current) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  replace(main);
  document.title = `${view.title} · Kiln`;
  const context = {
    params,
    notice,
    navigate: (hash) => { window.location.hash = hash; },
    signedIn: (who) => {
      showAccount(who);
      if (!window.location.hash.startsWith('#/') || window.location.hash === '#/') window.location.hash = HOME;
      else route();
    },
  };
  try {
    const stop = await view.render(main, context);
    if (rendered === view && typeof stop === 'function') cleanup = stop;
    else if (typeof stop === 'function') stop();
  } catch (error) {
    main.append(h('div', { class: 'problem', role: 'alert' }, h('p', { class: 'problem-title' }, 'This page failed to load'), h('p', {}, error.message)));
  }
  if (signedIn && !accountName.textContent) loadAccount();
  // Unless the view focused a control of its own, move the focus to the new page's heading, as
  // a page load would, for keyboard and screen reader users.
  if (!main.contains(document.activeElement)) main.querySelector('h1')?.focus({ preventScroll: true });
}

async function loadAccount() {
  try {
    showAccount(await api('/v1/account'));
  } catch {
    // The views show their own problems.
  }
}

function showAccount(who) {
  accountName.textContent = who.name ?? who.id;
  accountName.title = who.id;
}

route();
