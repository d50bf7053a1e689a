// A merchant's own business: its settlement account, its terms, and its gateway apps.
import { get, post } from '../../api.js';
import { el, fields, labelled, link, money, submit, table, time } from '../../ui.js';

async function settlement(view, ctx) {
  const m = await get(`/v1/merchants/${ctx.session.ownerId}`);
  const account = await get(`/v1/accounts/${m.settlement_account_id}`);
  view.append(el('div', { class: 'cards' }, el('div', { class: 'card' }, el('p', { class: 'label' }, 'Settled to you'),
    el('p', { class: 'figure', id: 'settled' }, money(account.balance, account.currency)),
    el('p', { class: 'muted' }, 'Settlement sweeps move your receivables here, net of fees.'))),
  fields([['Merchant', m.name], ['Merchant id', m.merchant_id], ['Fee rate', m.fee_rate],
    ['Settlement account', link(m.settlement_account_id, 'account', { id: m.settlement_account_id })],
    ['Webhook URL', m.webhook_url], ['Since', time(m.created_at)]]),
  el('p', {}, link('Settlement history', 'account', { id: m.settlement_account_id })));
}

async function apps(view, ctx) {
  const list = await get(`/v1/merchants/${ctx.session.ownerId}/apps`);
  const name = el('input', { id: 'app-name', maxlength: 64 });
  const key = el('textarea', { id: 'app-key', required: true, rows: 4, spellcheck: 'false' });
  const outcome = el('div', {});
  const form = el('form', { class: 'stack', 'aria-label': 'New app' }, labelled('App name', name),
    labelled("App's RSA public key (Base64 or PEM, 2048 bits or more)", key), el('p', {}, el('button', { type: 'submit' }, 'Add app')));
  form.addEventListener('submit', (e) => { e.preventDefault(); submit(form, outcome, async () => {
    const app = await post(`/v1/merchants/${ctx.session.ownerId}/apps`, Object.assign({ public_key: key.value.trim() },
      name.value.trim() ? { name: name.value.trim() } : {}));
    return `App ${app.app_id} added: the gateway is ${app.gateway_url}.`;
  }); });
  view.append(table('Your Alipay-gateway apps', [
    { title: 'App id', value: a => a.app_id },
    { title: 'Name', value: a => a.name },
    { title: 'Sign type', value: a => a.sign_type },
    { title: 'Gateway', value: a => a.gateway_url },
    { title: 'Created', value: a => time(a.created_at) },
  ], list.apps, { id: 'apps' }), el('h2', {}, 'Add an app'), form, outcome,
  el('p', { class: 'muted' }, 'Webhook deliveries and redelivery are not in the API yet; they are not shown here.'));
}

export const pages = [
  { id: 'settlement', title: 'Settlement', roles: ['merchant'], render: settlement },
  { id: 'apps', title: 'Apps', roles: ['merchant'], render: apps },
];
