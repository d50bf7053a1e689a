// The operator's pages: the cluster at a glance with live traffic, the ledger's invariants, and a
// search for any user, account, transfer or trade by id.
import { find, get } from '../../api.js';
import { lineChart } from '../../chart.js';
import { el, fields, link, money, show, table, time } from '../../ui.js';
import { rates, totals } from './metrics.js';

const samplesKept = 60;
const sampleIntervalMs = 2000;

async function health() {
  const reply = await fetch('/health', { cache: 'no-store' });
  return { ok: reply.ok, body: await reply.json() };
}

async function overview(view, ctx) {
  // A server whose ledger runs no raft node (an embedded test ledger) has no replicas to show: 404.
  const [h, shards, raft, invariants] = await Promise.all([health(), get('/v1/admin/shards'),
    find('/v1/admin/cluster'), get('/v1/admin/invariants')]);
  const cluster = raft || { node_id: null, shards: [] };
  const leaders = shards.shards.filter(s => s.leader !== false).length;
  const stale = invariants.unfinished.filter(u => u.stale).length;
  view.append(el('div', { class: 'cards' },
    card('Health', h.ok ? 'OK' : 'Unavailable', h.ok ? 'ok' : 'bad', 'health-status',
      `${h.body.shards} shards, every one with a leader`),
    card('Shards led by this node', `${leaders} / ${shards.shards.length}`, null, 'shards-led',
      cluster.node_id === null ? 'single node' : `node ${cluster.node_id}`),
    card('Invariants', invariants.ok ? 'Hold' : `${invariants.violations.length} violated`, invariants.ok ? 'ok' : 'bad',
      'invariants-status', invariants.consistent_cut ? 'consistent cut' : 'no consistent cut (busy node)'),
    card('Unfinished transactions', String(invariants.unfinished.length), stale ? 'bad' : null, 'unfinished',
      stale ? `${stale} older than 60 s` : 'none stale')));

  const requests = lineChart('chart-requests', 'API requests per second', 'req/s');
  const transfers = lineChart('chart-transfers', 'Transfers per second', 'transfers/s');
  const latency = lineChart('chart-latency', 'Mean request latency', 'ms');
  view.append(el('h2', {}, 'Live traffic'), el('div', { class: 'cards' }, requests.card, transfers.card, latency.card));
  const series = { requests: [], transfers: [], latency: [] };
  let last = totals(await (await fetch('/metrics', { cache: 'no-store' })).text());
  ctx.every(sampleIntervalMs, async () => {
    const now = totals(await (await fetch('/metrics', { cache: 'no-store' })).text());
    const r = rates(last, now);
    last = now;
    push(series.requests, r.requestsPerSecond);
    push(series.transfers, r.transfersPerSecond);
    push(series.latency, r.meanLatencyMs);
    requests.update(series.requests);
    transfers.update(series.transfers);
    latency.update(series.latency);
  });

  const byShard = new Map(cluster.shards.map(s => [s.shard, s]));
  view.append(el('h2', {}, 'Shards'), table('Shards and their raft groups', [
    { title: 'Shard', value: s => String(s.shard) },
    { title: 'Slots', value: s => s.slots.map(r => `${r[0]}–${r[1]}`).join(', ') },
    { title: 'Raft role', value: s => (byShard.get(s.shard) || {}).role || '—' },
    { title: 'Term', value: s => String((byShard.get(s.shard) || {}).term ?? '—'), num: true },
    { title: 'Leader', value: s => (byShard.get(s.shard) || {}).leader || '—' },
    { title: 'Committed', value: s => String((byShard.get(s.shard) || {}).committed_index ?? '—'), num: true },
    { title: 'Applied', value: s => String((byShard.get(s.shard) || {}).applied_index ?? s.applied_index ?? '—'), num: true },
  ], shards.shards, { id: 'shards' }));
}

function push(series, v) {
  series.push(v);
  if (series.length > samplesKept) {
    series.shift();
  }
}

function card(label, figure, tone, id, note) {
  return el('div', { class: 'card' }, el('p', { class: 'label' }, label),
    el('p', { class: 'figure' + (tone ? ' ' + tone : ''), id }, figure), el('p', { class: 'muted' }, note));
}

async function invariants(view) {
  const inv = await get('/v1/admin/invariants');
  view.append(el('p', { id: 'invariants-verdict', class: inv.ok ? 'ok' : 'bad' },
    inv.ok ? 'Every invariant holds.' : 'Invariants are violated.'), fields([
    ['Checked at', time(inv.at)],
    ['Consistent cut', inv.consistent_cut ? 'yes' : 'no: the shards kept applying while read'],
  ]));
  if (inv.violations.length) {
    view.append(el('h2', {}, 'Violations'), el('ul', { id: 'violations' }, inv.violations.map(v => el('li', {}, v))));
  }
  for (const c of inv.currencies) {
    view.append(el('h2', {}, c.currency), table(`${c.currency}: debits and credits per shard`, [
      { title: 'Shard', value: s => s.shard === undefined ? 'total' : String(s.shard) },
      { title: 'Debits posted', value: s => s.debits_posted, num: true },
      { title: 'Credits posted', value: s => s.credits_posted, num: true },
      { title: 'Debits pending', value: s => s.debits_pending, num: true },
      { title: 'Credits pending', value: s => s.credits_pending, num: true },
    ], [...c.shards, c.total]), el('p', {}, `In-transit positions sum to ${c.in_transit_position_sum}.`));
  }
  view.append(el('h2', {}, 'Unfinished cross-shard transactions'), table('Unfinished transactions', [
    { title: 'Shard', value: u => String(u.shard) },
    { title: 'Transaction', value: u => u.tx_id },
    { title: 'Role', value: u => u.role },
    { title: 'State', value: u => u.state },
    { title: 'Age', value: u => `${u.age_ms} ms` + (u.stale ? ' (stale)' : ''), num: true },
  ], inv.unfinished));
}

/** Every kind of object an id may name, each with how to show it. */
const kinds = [
  { kind: 'user', path: id => `/v1/users/${id}`, show: u => fields([['User', u.user_id],
    ['Wallet', link(u.wallet_account_id, 'account', { id: u.wallet_account_id })], ['Created', time(u.created_at)]]) },
  { kind: 'merchant', path: id => `/v1/merchants/${id}`, show: m => fields([['Merchant', m.name],
    ['Fee rate', m.fee_rate], ['Settlement account', link(m.settlement_account_id, 'account', { id: m.settlement_account_id })],
    ['Trades', link('Latest trades', 'trades', { seller: m.merchant_id })]]) },
  { kind: 'account', path: id => `/v1/accounts/${id}`, show: a => fields([['Account', link(a.id, 'account', { id: a.id })],
    ['Owner', a.user_id], ['Balance', money(a.balance, a.currency)], ['Available', money(a.available, a.currency)],
    ['Flags', a.flags.join(', ') || '—']]) },
  { kind: 'transfer', path: id => `/v1/transfers/${id}`, show: t => fields([['Transfer', t.id],
    ['Amount', money(t.amount, t.currency)], ['Debit', link(t.debit_account_id, 'account', { id: t.debit_account_id })],
    ['Credit', link(t.credit_account_id, 'account', { id: t.credit_account_id })], ['Code', String(t.code)],
    ['Status', t.pending_status || 'posted'], ['Reason', t.adjustment ? t.adjustment.reason : undefined],
    ['Created', time(t.created_at)]]) },
  { kind: 'trade', path: id => `/v1/trades/${id}`, show: t => fields([['Trade', link(t.trade_no, 'trade', { trade_no: t.trade_no })],
    ['Order', t.out_trade_no], ['Status', t.status], ['Amount', money(t.amount, t.currency)], ['Created', time(t.created_at)]]) },
];

async function search(view, ctx) {
  const input = el('input', { id: 'search-id', name: 'id', required: true, inputmode: 'numeric', pattern: '[0-9]{1,19}',
    title: 'a decimal id', spellcheck: 'false' });
  const results = el('div', { id: 'search-results', 'aria-live': 'polite' });
  const form = el('form', { class: 'inline', role: 'search' },
    el('label', { for: 'search-id' }, 'User, merchant, account, transfer or trade id', input),
    el('button', { type: 'submit' }, 'Search'));
  form.addEventListener('submit', (e) => { e.preventDefault(); ctx.go('search', { id: input.value.trim() }); });
  view.append(form, results);
  const id = ctx.params.get('id');
  if (!id) {
    return;
  }
  input.value = id;
  const found = await Promise.all(kinds.map(k => find(k.path(encodeURIComponent(id)))));
  const hits = kinds.map((k, i) => [k, found[i]]).filter(([, o]) => o);
  show(results, hits.length === 0 ? el('p', { class: 'muted', id: 'search-none' }, `Nothing has the id ${id}.`)
    : hits.map(([k, o]) => el('div', { class: 'card', 'data-kind': k.kind }, el('h2', {}, k.kind[0].toUpperCase() + k.kind.slice(1)), k.show(o))));
}

export const pages = [
  { id: 'overview', title: 'Cluster overview', roles: ['admin'], render: overview },
  { id: 'invariants', title: 'Invariants', roles: ['admin'], render: invariants },
  { id: 'search', title: 'Search by id', roles: ['admin'], render: search },
];
