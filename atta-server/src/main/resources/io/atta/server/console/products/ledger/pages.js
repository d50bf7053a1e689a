// The ledger: a user's wallet, accounts, history and payments; any account's history; the
// operator's money adjustments, each with a mandatory reason.
import { get, post, query, requestId } from '../../api.js';
import { el, fields, labelled, link, money, show, submit, table, time } from '../../ui.js';

const historyPageSize = 20;
const paymentsPageSize = 20;
const currencies = ['CNY', 'USD', 'EUR', 'HKD', 'JPY'];

async function wallet(view, ctx) {
  const user = await get(`/v1/users/${ctx.session.ownerId}`);
  const [account, accounts] = await Promise.all([get(`/v1/accounts/${user.wallet_account_id}`),
    get(`/v1/users/${ctx.session.ownerId}/accounts` + query({ limit: 100 }))]);
  view.append(el('div', { class: 'cards' },
    el('div', { class: 'card' }, el('p', { class: 'label' }, 'Balance'),
      el('p', { class: 'figure', id: 'wallet-balance' }, money(account.balance, account.currency))),
    el('div', { class: 'card' }, el('p', { class: 'label' }, 'Available'),
      el('p', { class: 'figure', id: 'wallet-available' }, money(account.available, account.currency)),
      el('p', { class: 'muted' }, 'Balance less what is held: payments in escrow, withdrawals in flight.'))),
  fields([['User', user.user_id], ['Wallet account', link(user.wallet_account_id, 'account', { id: user.wallet_account_id })],
    ['Since', time(user.created_at)]]),
  el('h2', {}, 'Accounts'), table('Your accounts', [
    { title: 'Account', value: a => link(a.id, 'account', { id: a.id }) },
    { title: 'Code', value: a => String(a.code) },
    { title: 'Balance', value: a => money(a.balance, a.currency), num: true },
    { title: 'Available', value: a => money(a.available, a.currency), num: true },
    { title: 'Flags', value: a => a.flags.join(', ') },
  ], accounts.accounts, { id: 'accounts' }));
}

/** An account's balances and its history, newest first, a page at a time (`to` = the page's end). */
async function accountPage(view, ctx, id, pageId) {
  const a = await get(`/v1/accounts/${encodeURIComponent(id)}`);
  view.append(fields([['Account', a.id], ['Owner', a.user_id], ['Balance', money(a.balance, a.currency)],
    ['Available', money(a.available, a.currency)], ['Pending debits', money(a.debits_pending, a.currency)],
    ['Flags', a.flags.join(', ') || '—']], { id: 'account' }));
  if (!a.flags.includes('history')) {
    view.append(el('p', { class: 'muted' }, 'This account keeps no history.'));
    return;
  }
  const to = ctx.params.get('to');
  const page = await get(`/v1/accounts/${a.id}/transfers` + query({ limit: historyPageSize, to }));
  view.append(el('h2', {}, 'History'), table('Transfers, newest first', [
    { title: 'When', value: t => time(t.created_at) },
    { title: 'Transfer', value: t => t.id },
    { title: 'In', value: t => t.credit_account_id === a.id ? moved(t) : '', num: true },
    { title: 'Out', value: t => t.debit_account_id === a.id ? moved(t) : '', num: true },
    { title: 'Other side', value: t => t.credit_account_id === a.id ? t.debit_account_id : t.credit_account_id },
    { title: 'What', value: t => codeText(t.code) },
    { title: 'Status', value: t => t.pending_status || 'posted' },
  ], page.transfers, { id: 'history' }));
  const pager = el('div', { class: 'pager' });
  if (to) {
    pager.append(link('Newest', pageId, pageId === 'account' ? { id: a.id } : {}));
  }
  if (page.next_to) {
    pager.append(link('Older', pageId, Object.assign(pageId === 'account' ? { id: a.id } : {}, { to: page.next_to })));
  }
  view.append(pager);
}

/** What a history row moved: the posted amount of a pending or cross-shard transfer, else its amount; a hold says so. */
function moved(t) {
  if (t.pending_status === 'pending') {
    return `${money(t.amount, t.currency)} held`;
  }
  return money(t.pending_status ? t.posted_amount : t.amount, t.currency);
}

/** The platform's transfer codes in words (docs/API.md, Codes); any other code is the caller's own. */
const codeNames = {
  9001: 'top-up', 9002: 'withdrawal (operator)', 9003: 'settlement sweep', 9004: 'payment', 9101: 'trade payment held',
  9102: 'trade released', 9103: 'trade fee', 9104: 'trade refund', 9105: 'fee refunded', 9120: 'deposit',
  9121: 'withdrawal', 9131: 'fund subscription', 9132: 'fund redemption', 9133: 'fund redemption paid',
  9134: 'fund income', 9135: 'fund income remainder',
};

function codeText(code) {
  return codeNames[code] ? `${codeNames[code]} (${code})` : String(code);
}

async function account(view, ctx) {
  const id = ctx.params.get('id');
  if (id) {
    await accountPage(view, ctx, id, 'account');
  }
}

async function history(view, ctx) {
  const user = await get(`/v1/users/${ctx.session.ownerId}`);
  await accountPage(view, ctx, user.wallet_account_id, 'history');
}

async function payments(view, ctx) {
  const as = ctx.params.get('as') === 'payee' ? 'payee' : 'payer';
  const to = el('input', { id: 'pay-to', required: true, inputmode: 'numeric', pattern: '[0-9]{1,19}' });
  const amount = el('input', { id: 'pay-amount', required: true, inputmode: 'decimal', pattern: '[0-9]+(\\.[0-9]{1,2})?' });
  const currency = el('select', { id: 'pay-currency' }, currencies.map(c => el('option', { value: c }, c)));
  const outcome = el('div', {});
  const form = el('form', { class: 'inline', 'aria-label': 'Pay another user' }, labelled('To user id', to),
    labelled('Amount', amount), labelled('Currency', currency), el('button', { type: 'submit' }, 'Pay'));
  form.addEventListener('submit', (e) => { e.preventDefault(); submit(form, outcome, async () => {
    const r = await post('/v1/payments/p2p', { from_user_id: ctx.session.ownerId, to_user_id: to.value.trim(),
      amount: amount.value.trim(), currency: currency.value, request_id: requestId('console') });
    return `Paid ${r.amount} ${r.currency} to ${r.to_user_id} (transfer ${r.transfer_id}).`;
  }); });
  const page = await get('/v1/payments/p2p' + query({ as, limit: paymentsPageSize, after: ctx.params.get('after') }));
  view.append(el('h2', {}, 'Pay someone'), form, outcome, el('h2', {}, as === 'payer' ? 'Paid by you' : 'Paid to you'),
    el('p', {}, as === 'payer' ? link('Show payments to you', 'payments', { as: 'payee' })
      : link('Show payments by you', 'payments', { as: 'payer' })),
    table('Payments, newest first', [
      { title: 'When', value: p => time(p.created_at) },
      { title: as === 'payer' ? 'To' : 'From', value: p => as === 'payer' ? p.to_user_id : p.from_user_id },
      { title: 'Amount', value: p => money(p.amount, p.currency), num: true },
      { title: 'Status', value: p => p.status },
      { title: 'Transfer', value: p => p.transfer_id },
    ], page.payments, { id: 'payments' }));
  if (page.next_after) {
    view.append(el('div', { class: 'pager' }, link('Older', 'payments', { as, after: page.next_after })));
  }
}

async function adjust(view) {
  const user = el('input', { id: 'adjust-user', required: true, inputmode: 'numeric', pattern: '[0-9]{1,19}' });
  const direction = el('select', { id: 'adjust-direction' }, el('option', { value: 'topup' }, 'Top up (money in)'),
    el('option', { value: 'withdraw' }, 'Withdraw (money out)'));
  const amount = el('input', { id: 'adjust-amount', required: true, inputmode: 'decimal' });
  const currency = el('select', { id: 'adjust-currency' }, currencies.map(c => el('option', { value: c }, c)));
  const reason = el('textarea', { id: 'adjust-reason', required: true, maxlength: 256, rows: 2 });
  const outcome = el('div', { id: 'adjust-outcome' });
  const form = el('form', { class: 'stack', 'aria-label': 'Money adjustment' }, labelled('User id', user),
    labelled('Direction', direction), labelled('Amount', amount), labelled('Currency', currency),
    labelled('Reason (required: kept with the transfer and in the audit log)', reason),
    el('p', {}, el('button', { type: 'submit' }, 'Adjust')));
  form.addEventListener('submit', (e) => { e.preventDefault(); submit(form, outcome, async () => {
    if (!reason.value.trim()) {
      reason.focus();
      throw new Error('A money adjustment needs a reason.');
    }
    const r = await post(`/v1/users/${encodeURIComponent(user.value.trim())}/${direction.value}`, {
      amount: amount.value.trim(), currency: currency.value, reason: reason.value.trim(),
      request_id: requestId('console') });
    return el('p', { class: 'notice', role: 'status' }, `Done (${r.result}): transfer `,
      link(r.transfer_id, 'search', { id: r.transfer_id }), '.');
  }); });
  view.append(el('p', {}, "An operator's adjustment moves money between a user's wallet and the shard's bank-funding "
    + 'account. Every one is kept with your key id and the reason.'), form, outcome);
}

export const pages = [
  { id: 'wallet', title: 'Wallet', roles: ['user', 'merchant'], landing: ['user'], render: wallet },
  { id: 'history', title: 'History', roles: ['user', 'merchant'], render: history },
  { id: 'payments', title: 'Payments', roles: ['user'], render: payments },
  { id: 'adjust', title: 'Money adjustments', roles: ['admin'], render: adjust },
  { id: 'account', title: 'Account', roles: ['admin', 'merchant', 'user'], nav: false, render: account },
];
