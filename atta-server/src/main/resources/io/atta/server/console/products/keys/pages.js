// API keys (docs/SECURITY.md): the operator sees and makes every key; a merchant or a user sees
// its own and makes more for itself. Revoking is immediate on every node.
import { get, post, query } from '../../api.js';
import { el, labelled, link, submit, table, time } from '../../ui.js';

const keysPerPage = 100;

async function keys(view, ctx) {
  const admin = ctx.session.role === 'admin';
  const page = await get('/v1/keys' + query({ limit: keysPerPage, after: ctx.params.get('after'),
    owner_id: admin ? ctx.params.get('owner_id') : null }));
  const outcome = el('div', { id: 'keys-outcome' });
  view.append(createForm(ctx, outcome), outcome, table('Keys', [
    { title: 'Key id', value: k => k.key_id },
    { title: 'Role', value: k => k.role },
    { title: 'Owner', value: k => k.owner_id || '—' },
    { title: 'Label', value: k => k.label },
    { title: 'Status', value: k => k.status },
    { title: 'Expires', value: k => time(k.expires_at) },
    { title: 'Created', value: k => time(k.created_at) },
    { title: '', value: k => k.status === 'active' && k.key_id !== ctx.session.keyId ? revokeButton(k, ctx, outcome) : '' },
  ], page.keys, { id: 'keys' }));
  if (page.next_after) {
    view.append(el('div', { class: 'pager' }, link('Next', 'keys', { after: page.next_after })));
  }
}

function revokeButton(k, ctx, outcome) {
  const b = el('button', { type: 'button', class: 'danger', 'aria-label': `Revoke key ${k.key_id}` }, 'Revoke');
  b.addEventListener('click', async () => {
    if (!confirm(`Revoke key ${k.key_id}? It stops working at once, on every node.`)) {
      return;
    }
    try {
      await post(`/v1/keys/${k.key_id}/revoke`, {});
      ctx.go('keys', { at: Date.now() });
    } catch (e) {
      outcome.replaceChildren(el('p', { class: 'error', role: 'alert' }, e.message));
    }
  });
  return b;
}

function createForm(ctx, outcome) {
  const admin = ctx.session.role === 'admin';
  const role = el('select', { id: 'key-role' }, (admin ? ['admin', 'merchant', 'user', 'channel'] : [ctx.session.role])
    .map(r => el('option', { value: r }, r)));
  const owner = el('input', { id: 'key-owner', inputmode: 'numeric' });
  const label = el('input', { id: 'key-label', maxlength: 100 });
  const expires = el('input', { id: 'key-expires', type: 'datetime-local' });
  const form = el('form', { class: 'inline', 'aria-label': 'New key' }, labelled('Role', role),
    admin ? labelled('Owner id (not for admin keys)', owner) : null, labelled('Label', label),
    labelled('Expires (optional)', expires), el('button', { type: 'submit' }, 'Create key'));
  form.addEventListener('submit', (e) => { e.preventDefault(); submit(form, outcome, async () => {
    const body = { role: role.value };
    const ownerId = admin ? owner.value.trim() : ctx.session.ownerId;
    if (role.value !== 'admin' && ownerId) {
      body.owner_id = ownerId;
    }
    if (label.value.trim()) {
      body.label = label.value.trim();
    }
    if (expires.value) {
      body.expires_at = new Date(expires.value).toISOString();
    }
    const k = await post('/v1/keys', body);
    return el('div', { class: 'notice', role: 'status' }, el('p', {}, `Key ${k.key_id} made. Copy it now: it is shown only once.`),
      el('code', { id: 'new-key' }, k.key));
  }); });
  return form;
}

export const pages = [
  { id: 'keys', title: 'API keys', roles: ['admin', 'merchant', 'user'], render: keys },
];
