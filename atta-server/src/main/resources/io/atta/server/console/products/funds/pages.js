// The money-market fund (docs/FUND.md): a fund's terms and yield, the user's holding and daily
// income, subscriptions and redemptions. The API lists no funds: the page asks for a fund's code.
import { get, post, query, requestId } from '../../api.js';
import { el, fields, labelled, submit, table } from '../../ui.js';

async function funds(view, ctx) {
  const code = ctx.params.get('code') || '';
  const input = el('input', { id: 'fund-code', required: true, value: code, spellcheck: 'false' });
  const form = el('form', { class: 'inline', role: 'search' }, labelled('Fund code', input), el('button', { type: 'submit' }, 'Open'));
  form.addEventListener('submit', (e) => { e.preventDefault(); ctx.go('funds', { code: input.value.trim() }); });
  view.append(form);
  if (!code) {
    return;
  }
  const base = `/v1/funds/${encodeURIComponent(code)}`;
  const user = ctx.session.ownerId;
  const [fund, holding, income] = await Promise.all([get(base), get(`${base}/holdings/${user}`),
    get(`${base}/holdings/${user}/income` + query({}))]);
  view.append(el('div', { class: 'cards' },
    el('div', { class: 'card' }, el('p', { class: 'label' }, 'Seven-day yield'),
      el('p', { class: 'figure', id: 'fund-yield' }, fund.seven_day_yield || '—')),
    el('div', { class: 'card' }, el('p', { class: 'label' }, 'Your units'),
      el('p', { class: 'figure', id: 'fund-units' }, holding.units)),
    el('div', { class: 'card' }, el('p', { class: 'label' }, `Income of ${holding.income_date || '—'}`),
      el('p', { class: 'figure' }, holding.yesterday_income))),
  fields([['Fund', `${fund.name} (${fund.code})`], ['Currency', fund.currency], ['Pending units', holding.pending_units],
    ['Total income', holding.total_income], ['Cut-off', `${fund.cutoff_local_time} ${fund.time_zone}`]]),
  el('h2', {}, 'Subscribe or redeem'), orders(base, user, fund.currency),
  el('h2', {}, 'Daily income'), table('Income per day, oldest first', [
    { title: 'Date', value: r => r.date },
    { title: 'Earning units', value: r => r.earning_units, num: true },
    { title: 'Per 10,000', value: r => r.income_per_10k, num: true },
    { title: 'Income', value: r => r.income, num: true },
  ], income.income, { id: 'fund-income' }));
}

function orders(base, user, currency) {
  const amount = el('input', { id: 'fund-amount', required: true, inputmode: 'decimal' });
  const kind = el('select', { id: 'fund-kind' }, el('option', { value: 'subscribe' }, 'Subscribe'),
    el('option', { value: 'fast' }, 'Redeem now (fast)'), el('option', { value: 'normal' }, 'Redeem (normal)'));
  const outcome = el('div', {});
  const form = el('form', { class: 'inline', 'aria-label': 'Subscribe or redeem' }, labelled('Order', kind),
    labelled(`Amount (${currency})`, amount), el('button', { type: 'submit' }, 'Place'));
  form.addEventListener('submit', (e) => { e.preventDefault(); submit(form, outcome, async () => {
    const body = { user_id: user, amount: amount.value.trim(), request_id: requestId('console') };
    const r = kind.value === 'subscribe' ? await post(`${base}/subscriptions`, body)
      : await post(`${base}/redemptions`, Object.assign(body, { mode: kind.value }));
    return `${kind.value === 'subscribe' ? 'Subscription' : 'Redemption'} of ${r.amount}: ${r.status}`
      + (r.confirm_date ? `, confirmed ${r.confirm_date}` : '') + (r.pay_date ? `, paid ${r.pay_date}` : '') + '.';
  }); });
  return [form, outcome];
}

export const pages = [
  { id: 'funds', title: 'Fund', roles: ['user'], render: funds },
];
