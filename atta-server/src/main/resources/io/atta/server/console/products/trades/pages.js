// Trades: the operator's disputes and any trade's timeline; the merchant's trades with filters,
// refund requests to answer and the daily report; the user's purchases.
import { get, post, query } from '../../api.js';
import { el, fields, labelled, link, money, show, submit, table, time } from '../../ui.js';
import { csv, download } from './report.js';

/** The API's largest page of trades (docs/API.md, Trades). */
const tradesPerPage = 100;
/** Most trades a scan for refunds or disputes reads per merchant: its latest ones. */
const scanTrades = 500;
/** Most trades a daily report holds; a day with more says so instead of a partial file. */
const maxReportTrades = 20000;
const statuses = ['WAIT_BUYER_PAY', 'WAIT_SELLER_SEND_GOODS', 'WAIT_BUYER_CONFIRM_GOODS', 'TRADE_FINISHED', 'TRADE_CLOSED'];

/** A list cursor at a time: the API takes a bare time in nanoseconds since the epoch as `before`. */
function nanos(epochMs) {
  return (BigInt(epochMs) * 1000000n).toString();
}

/** Pages of a party's trades, newest first, until `enough(trades)` or `max` trades. */
async function latestTrades(party, max, enough) {
  const out = [];
  let before = null;
  do {
    const page = await get('/v1/trades' + query(Object.assign({ limit: tradesPerPage, before }, party)));
    out.push(...page.trades);
    before = page.next_before;
    if (enough && enough(page.trades)) {
      break;
    }
  } while (before && out.length < max);
  return out;
}

function tradeColumns() {
  return [
    { title: 'Trade', value: t => link(t.trade_no, 'trade', { trade_no: t.trade_no }) },
    { title: 'Order', value: t => t.out_trade_no },
    { title: 'Subject', value: t => t.subject },
    { title: 'Status', value: t => t.status },
    { title: 'Amount', value: t => money(t.amount, t.currency), num: true },
    { title: 'Created', value: t => time(t.created_at) },
  ];
}

async function trade(view, ctx) {
  const tradeNo = ctx.params.get('trade_no') || '';
  const input = el('input', { id: 'trade-no', required: true, inputmode: 'numeric', pattern: '[0-9]{1,19}', value: tradeNo });
  const form = el('form', { class: 'inline', role: 'search' }, labelled('Trade number', input),
    el('button', { type: 'submit' }, 'Open'));
  form.addEventListener('submit', (e) => { e.preventDefault(); ctx.go('trade', { trade_no: input.value.trim() }); });
  view.append(form);
  if (!tradeNo) {
    return;
  }
  const body = el('div', { id: 'trade' });
  view.append(body);
  show(body, tradeView(await get(`/v1/trades/${encodeURIComponent(tradeNo)}`), ctx));
}

function tradeView(t, ctx) {
  const role = ctx.session.role;
  return [
    el('div', { class: 'card' }, fields([
      ['Trade number', t.trade_no], ['Order number', t.out_trade_no], ['Subject', t.subject],
      ['Status', el('span', { id: 'trade-status' }, t.status)], ['Amount', money(t.amount, t.currency)],
      ['Seller', t.seller], ['Buyer', t.buyer_user_id], ['Held in escrow', money(t.held, t.currency)],
      ['Released', money(t.released, t.currency)], ['Refunded', money(t.refunded, t.currency)],
      ['Fee', `${money(t.fee, t.currency)} (rate ${t.fee_rate})`],
      ['Shipment', t.shipment ? `${t.shipment.carrier} ${t.shipment.tracking_no}` : null],
      ['Confirms by itself', t.confirm_at ? time(t.confirm_at) : (t.confirm_paused ? 'paused by a refund request' : undefined)],
    ])),
    el('h2', {}, 'Refunds'),
    table('Refunds', [
      { title: 'Refund', value: r => r.refund_id },
      { title: 'Amount', value: r => money(r.amount, t.currency), num: true },
      { title: 'Reason', value: r => r.reason },
      { title: 'Status', value: r => el('span', { class: 'refund-status' }, r.status) },
      { title: 'Requested', value: r => time(r.requested_at) },
      { title: 'Action', value: r => action(t, r, role, ctx) },
    ], t.refunds, { id: 'refunds' }),
    el('h2', {}, 'Timeline'),
    el('ol', { class: 'timeline', id: 'timeline' }, t.timeline.map(e => el('li', { 'data-event': e.event },
      el('strong', {}, e.event), ' ', time(e.at),
      e.amount !== undefined ? ` · ${money(e.amount, t.currency)}` : '',
      e.refund_id ? ` · refund ${e.refund_id}` : '', e.note ? el('div', { class: 'muted' }, e.note) : ''))),
  ];
}

/** What the signed-in role may do with a refund: decide a dispute (operator), answer a request (merchant). */
function action(t, r, role, ctx) {
  const base = `/v1/trades/${t.trade_no}`;
  const reason = el('input', { id: `reason-${r.refund_id}`, name: 'reason', maxlength: 256 });
  const outcome = el('div', {});
  const reload = () => ctx.go('trade', { trade_no: t.trade_no, at: Date.now() });
  if (role === 'admin' && r.status === 'disputed') {
    reason.required = true;
    const choice = el('select', { id: `outcome-${r.refund_id}`, name: 'outcome' },
      el('option', { value: 'refund' }, 'Refund the buyer'), el('option', { value: 'reject' }, 'Decide for the seller'));
    const form = el('form', { class: 'inline', 'aria-label': `Decide the dispute of refund ${r.refund_id}` },
      labelled('Decision', choice), labelled('Reason (required)', reason), el('button', { type: 'submit' }, 'Decide'));
    form.addEventListener('submit', (e) => { e.preventDefault(); submit(form, outcome, async () => {
      await post(`${base}/disputes/${r.refund_id}/decide`, { outcome: choice.value, reason: reason.value.trim() });
      reload();
    }); });
    return [form, outcome];
  }
  if (role === 'merchant' && r.status === 'requested') {
    const form = el('form', { class: 'inline', 'aria-label': `Answer refund ${r.refund_id}` },
      labelled('Reason to reject', reason), el('button', { type: 'submit', name: 'agree' }, 'Agree'),
      el('button', { type: 'button', class: 'danger', name: 'reject' }, 'Reject'));
    form.addEventListener('submit', (e) => { e.preventDefault(); submit(form, outcome, async () => {
      await post(`${base}/refunds/${r.refund_id}/agree`);
      reload();
    }); });
    form.querySelector('[name="reject"]').addEventListener('click', () => submit(form, outcome, async () => {
      if (!reason.value.trim()) {
        reason.focus();
        throw new Error('Give the buyer a reason to reject the refund.');
      }
      await post(`${base}/refunds/${r.refund_id}/reject`, { reason: reason.value.trim() });
      reload();
    }));
    return [form, outcome];
  }
  return '—';
}

async function disputes(view) {
  view.append(el('p', { class: 'muted' }, `Refunds in dispute among each merchant's latest ${scanTrades} trades `
    + '(the API has no list of open disputes yet).'));
  const merchants = [];
  let after = null;
  do {
    const page = await get('/v1/merchants' + query({ limit: 1000, after }));
    merchants.push(...page.merchants);
    after = page.next_after;
  } while (after);
  const rows = [];
  for (const m of merchants) {
    rows.push(...(await refundsOfLatestTrades(m.merchant_id, 'disputed')).map(x => Object.assign(x, { m })));
  }
  view.append(table('Disputes to decide', [
    refundColumns[0],
    { title: 'Merchant', value: x => x.m.name },
    refundColumns[1],
    { title: "Buyer's reason", value: x => x.r.reason },
    { title: 'Requested', value: x => time(x.r.requested_at) },
  ], rows, { id: 'disputes' }));
}

/** Each refund in `status` among a seller's latest trades, as {t: trade, r: refund}. */
async function refundsOfLatestTrades(sellerId, status) {
  const rows = [];
  for (const t of await latestTrades({ seller: sellerId }, scanTrades)) {
    rows.push(...t.refunds.filter(r => r.status === status).map(r => ({ t, r })));
  }
  return rows;
}

/** The columns every list of refunds starts with: its trade and its amount. */
const refundColumns = [
  { title: 'Trade', value: x => link(x.t.trade_no, 'trade', { trade_no: x.t.trade_no }) },
  { title: 'Amount', value: x => money(x.r.amount, x.t.currency), num: true },
];

/** The seller whose trades a page shows: the merchant itself, or the one an operator names. */
function seller(ctx) {
  return ctx.session.role === 'merchant' ? ctx.session.ownerId : ctx.params.get('seller');
}

async function trades(view, ctx) {
  const p = ctx.params;
  const sellerInput = ctx.session.role === 'admin'
    ? labelled('Merchant id', el('input', { id: 'f-seller', name: 'seller', required: true, value: p.get('seller') || '' })) : null;
  const status = el('select', { id: 'f-status', name: 'status' }, el('option', { value: '' }, 'Any'),
    statuses.map(s => el('option', { value: s, selected: p.get('status') === s }, s)));
  const order = el('input', { id: 'f-order', name: 'out_trade_no', value: p.get('out_trade_no') || '' });
  const from = el('input', { id: 'f-from', name: 'from', type: 'date', value: p.get('from') || '' });
  const form = el('form', { class: 'inline', 'aria-label': 'Filter trades' }, sellerInput,
    labelled('Status', status), labelled('Order number', order), labelled('Created on or before', from),
    el('button', { type: 'submit' }, 'Filter'));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const params = new FormData(form);
    ctx.go('trades', Object.fromEntries([...params.entries()].filter(([, v]) => v)));
  });
  view.append(form);
  const who = seller(ctx);
  if (!who) {
    return;
  }
  const before = p.get('before') || (p.get('from') ? nanos(Date.parse(p.get('from') + 'T00:00:00Z') + 86_400_000) : null);
  const page = await get('/v1/trades' + query({ seller: who, out_trade_no: p.get('out_trade_no'), limit: tradesPerPage,
    before: p.get('out_trade_no') ? null : before }));
  const shown = page.trades.filter(t => !p.get('status') || t.status === p.get('status'));
  view.append(table(`Trades${p.get('status') ? ' ' + p.get('status') : ''}, newest first`, tradeColumns(), shown, { id: 'trades' }));
  if (page.next_before) {
    const next = Object.fromEntries(p.entries());
    next.before = page.next_before;
    view.append(el('div', { class: 'pager' }, link('Older trades', 'trades', next)));
  }
}

async function refunds(view, ctx) {
  const rows = await refundsOfLatestTrades(ctx.session.ownerId, 'requested');
  view.append(el('p', { class: 'muted' }, `Refund requests waiting for your answer among your latest ${scanTrades} trades. `
    + 'A request unanswered by its date is granted by itself.'), table('Refund requests', [
    refundColumns[0],
    { title: 'Order', value: x => x.t.out_trade_no },
    refundColumns[1],
    { title: 'Reason', value: x => x.r.reason },
    { title: 'Answer by', value: x => time(x.r.answer_by) },
  ], rows, { id: 'refund-requests' }));
}

async function report(view, ctx) {
  const today = new Date().toISOString().substring(0, 10);
  const date = el('input', { id: 'report-date', type: 'date', required: true, value: ctx.params.get('date') || today });
  const outcome = el('div', { id: 'report-outcome' });
  const form = el('form', { class: 'inline', 'aria-label': 'Daily report' }, labelled('Day (UTC)', date),
    el('button', { type: 'submit', id: 'report-download' }, 'Download CSV'));
  form.addEventListener('submit', (e) => { e.preventDefault(); submit(form, outcome, async () => {
    const start = Date.parse(date.value + 'T00:00:00Z');
    const end = start + 86_400_000;
    const inDay = (t) => { const at = Date.parse(t.created_at); return at >= start && at < end; };
    const all = await latestTrades({ seller: ctx.session.ownerId, before: nanos(end) }, maxReportTrades + 1,
      page => page.some(t => Date.parse(t.created_at) < start));
    if (all.filter(inDay).length > maxReportTrades) {
      throw new Error(`More than ${maxReportTrades} trades that day: too many for one download.`);
    }
    const day = all.filter(inDay).reverse();
    const file = `atta-trades-${ctx.session.ownerId}-${date.value}.csv`;
    download(file, csv(day));
    return `${file}: ${day.length} trades.`;
  }); });
  view.append(el('p', {}, 'The trades created on a day, oldest first, with where each stands now: amount, fee, '
    + 'refunded and released to you.'), form, outcome);
}

async function purchases(view, ctx) {
  const page = await get('/v1/trades' + query({ buyer_user_id: ctx.session.ownerId, limit: tradesPerPage,
    before: ctx.params.get('before') }));
  view.append(table('Your purchases, newest first', tradeColumns(), page.trades, { id: 'purchases' }));
  if (page.next_before) {
    view.append(el('div', { class: 'pager' }, link('Older purchases', 'purchases', { before: page.next_before })));
  }
}

export const pages = [
  { id: 'disputes', title: 'Disputes', roles: ['admin'], render: disputes },
  { id: 'trades', title: 'Trades', roles: ['admin', 'merchant'], landing: ['merchant'], render: trades },
  { id: 'refunds', title: 'Refund requests', roles: ['merchant'], render: refunds },
  { id: 'report', title: 'Daily report', roles: ['merchant'], render: report },
  { id: 'purchases', title: 'Purchases', roles: ['user'], render: purchases },
  { id: 'trade', title: 'Trade', roles: ['admin', 'merchant', 'user'], nav: false, render: trade },
];
