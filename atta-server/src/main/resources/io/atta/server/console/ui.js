// Small DOM builders: every value goes in as text, never as HTML, so nothing from the API runs.

/** An element: el('td', {class: 'num'}, 'text', childNode, ...). Attributes starting with "on" are listeners. */
export function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) {
      continue;
    }
    if (k.startsWith('on')) {
      e.addEventListener(k.substring(2), v);
    } else {
      e.setAttribute(k, v === true ? '' : String(v));
    }
  }
  append(e, children);
  return e;
}

function append(parent, children) {
  for (const c of children) {
    if (c === undefined || c === null || c === false) {
      continue;
    }
    if (Array.isArray(c)) {
      append(parent, c);
    } else {
      parent.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
  }
}

/** A table: columns [{title, value(row) -> text|Node, num?}], one row per item; an empty list says so. */
export function table(caption, columns, rows, attrs) {
  const head = el('tr', {}, columns.map(c => el('th', { scope: 'col', class: c.num ? 'num' : null }, c.title)));
  const body = rows.length === 0
    ? [el('tr', {}, el('td', { colspan: columns.length, class: 'muted' }, 'None.'))]
    : rows.map(r => el('tr', {}, columns.map(c => el('td', { class: c.num ? 'num' : null }, c.value(r)))));
  return el('table', attrs || {}, el('caption', {}, caption), el('thead', {}, head), el('tbody', {}, body));
}

/** A definition list of [label, value] pairs. */
export function fields(pairs, attrs) {
  return el('dl', Object.assign({ class: 'fields' }, attrs || {}),
    pairs.filter(p => p[1] !== undefined).map(([k, v]) => [el('dt', {}, k), el('dd', {}, v === null ? '—' : v)]));
}

/** A labelled field for a form: label text, then the input (its id ties the two). */
export function labelled(text, input) {
  return el('label', { for: input.id }, text, input);
}

/** A link to a console page: #/page?k=v. */
export function link(text, page, params) {
  return el('a', { href: href(page, params) }, text);
}

export function href(page, params) {
  const q = new URLSearchParams(params || {}).toString();
  return '#/' + page + (q ? '?' + q : '');
}

/** An error line under a form, with the API's message and the field it names. */
export function errorLine(e) {
  const what = e.field ? `${e.message} (${e.field})` : e.message;
  return el('p', { class: 'error', role: 'alert' }, what);
}

/** Replaces the content of target. */
export function show(target, ...children) {
  target.replaceChildren();
  append(target, children);
}

/** An instant as the reader's local time, to the second; the ISO text is kept as the title. */
export function time(iso) {
  if (!iso) {
    return '—';
  }
  const d = new Date(iso);
  const text = Number.isNaN(d.getTime()) ? iso : d.toLocaleString(undefined, { hour12: false });
  return el('time', { datetime: iso, title: iso }, text);
}

/** An amount as the API gave it (a decimal string), with its currency. */
export function money(amount, currency) {
  return amount === undefined || amount === null ? '—' : `${amount} ${currency || ''}`.trim();
}

/** Runs an action from a form: disables its button, shows the outcome below the form. */
export async function submit(form, outcome, action) {
  const button = form.querySelector('button[type="submit"]');
  button.disabled = true;
  outcome.replaceChildren();
  try {
    const done = await action();
    if (done) {
      outcome.append(done instanceof Node ? done : el('p', { class: 'notice', role: 'status' }, done));
    }
  } catch (e) {
    outcome.append(errorLine(e));
  } finally {
    button.disabled = false;
  }
}
