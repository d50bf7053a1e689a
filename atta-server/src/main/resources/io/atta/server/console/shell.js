// The console's shell: sign-in, the pages of the key's role from the product registry, and the
// hash routes (#/page?param=value) between them. It knows no product: each product's folder
// declares its pages (products/registry.js has one line per product).
import { ApiError, forgetKey, get, storeKey, storedKey } from './api.js';
import { products } from './products/registry.js';
import { el, errorLine, href, show } from './ui.js';

/** The view each role signs in to; a role without one (a channel's key) is told so. */
const views = { admin: 'Operator', merchant: 'Merchant', user: 'User' };

const $ = (id) => document.getElementById(id);
let session = null;
let pages = [];
let timers = [];
let generation = 0;

async function loadPages() {
  const modules = await Promise.all(products.map(name => import(`./products/${name}/pages.js`)));
  return modules.flatMap(m => m.pages);
}

async function signIn(key) {
  storeKey(key);
  try {
    const me = await get('/v1/me');
    session = { role: me.role, keyId: me.key_id, ownerId: me.owner_id, view: views[me.role] };
  } catch (e) {
    forgetKey();
    throw e;
  }
  const all = await loadPages();
  pages = all.filter(p => p.roles.includes(session.role));
  $('sign-in').hidden = true;
  $('who').textContent = session.view
    ? `${session.view}${session.ownerId ? ' ' + session.ownerId : ''} · key ${session.keyId}`
    : `${session.role} · key ${session.keyId}`;
  $('who').hidden = false;
  $('sign-out').hidden = false;
  buildNav();
  route();
}

function signOut() {
  forgetKey();
  stopTimers();
  session = null;
  pages = [];
  generation++;
  $('nav').hidden = true;
  $('nav').replaceChildren();
  $('page').hidden = true;
  $('page').replaceChildren();
  $('who').hidden = true;
  $('sign-out').hidden = true;
  $('sign-in').hidden = false;
  $('api-key').value = '';
  history.replaceState(null, '', location.pathname);
  $('api-key').focus();
}

function buildNav() {
  const nav = $('nav');
  const links = pages.filter(p => p.nav !== false).map(p => el('a', { href: href(p.id), 'data-page': p.id }, p.title));
  show(nav, el('h2', {}, session.view ? session.view + ' view' : 'No view'), links);
  nav.hidden = links.length === 0;
}

function landing() {
  return pages.find(p => p.landing && p.landing.includes(session.role)) || pages.find(p => p.nav !== false);
}

function stopTimers() {
  timers.forEach(clearInterval);
  timers = [];
}

/** Shows the page the hash names (or the role's landing page), stopping the last page's polling. */
async function route() {
  if (!session) {
    return;
  }
  stopTimers();
  const mine = ++generation;
  const [path, q] = location.hash.replace(/^#\/?/, '').split('?');
  const page = pages.find(p => p.id === path) || landing();
  const target = $('page');
  target.hidden = false;
  if (!page) {
    show(target, el('h1', {}, 'Nothing to show'),
      el('p', {}, `The console has no pages for a ${session.role} key. Sign in with an operator's, a merchant's or a user's key.`));
    return;
  }
  for (const a of $('nav').querySelectorAll('a')) {
    if (a.dataset.page === page.id) {
      a.setAttribute('aria-current', 'page');
    } else {
      a.removeAttribute('aria-current');
    }
  }
  const view = el('section', { 'aria-labelledby': 'page-title', 'data-page': page.id });
  show(target, view);
  view.append(el('h1', { id: 'page-title' }, page.title));
  document.title = `${page.title} · Atta Console`;
  $('main').focus();
  const ctx = {
    session,
    params: new URLSearchParams(q || ''),
    current: () => mine === generation,
    every: (ms, fn) => timers.push(setInterval(() => { if (mine === generation) fn(); }, ms)),
    go: (id, params) => { location.hash = href(id, params); },
  };
  try {
    await page.render(view, ctx);
    if (mine === generation) {
      view.dataset.rendered = 'true';
      performance.mark('atta:rendered:' + page.id);
      $('status').textContent = `${page.title} loaded`;
    }
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) {
      signOut();
      show($('sign-in-error'), 'The key is no longer accepted (revoked or expired). Sign in again.');
      $('sign-in-error').hidden = false;
      return;
    }
    if (mine === generation) {
      view.append(errorLine(e));
    }
  }
}

function start() {
  $('sign-in-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const key = $('api-key').value.trim();
    const error = $('sign-in-error');
    error.hidden = true;
    $('sign-in-button').disabled = true;
    try {
      await signIn(key);
    } catch (e) {
      error.textContent = e instanceof ApiError && e.status === 401
        ? 'This API key was not accepted: it is wrong, revoked or expired.'
        : `Sign-in failed: ${e.message}`;
      error.hidden = false;
      $('api-key').focus();
    } finally {
      $('sign-in-button').disabled = false;
      $('api-key').value = '';
    }
  });
  $('sign-out').addEventListener('click', signOut);
  window.addEventListener('hashchange', route);
  const key = storedKey();
  if (key) {
    signIn(key).catch(() => { $('sign-in').hidden = false; });
  } else {
    $('api-key').focus();
  }
}

start();
