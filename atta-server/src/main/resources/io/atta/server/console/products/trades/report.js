// The merchant's daily report as CSV (RFC 4180: CRLF lines, fields quoted when they need it), and
// its download as a file the browser saves.

const columns = [
  ['trade_no', t => t.trade_no], ['out_trade_no', t => t.out_trade_no], ['created_at', t => t.created_at],
  ['status', t => t.status], ['buyer_user_id', t => t.buyer_user_id || ''], ['subject', t => t.subject],
  ['currency', t => t.currency], ['amount', t => t.amount], ['fee', t => t.fee], ['refunded', t => t.refunded],
  ['released', t => t.released], ['paid_at', t => t.paid_at || ''], ['finished_at', t => t.finished_at || ''],
];

function field(v) {
  const s = String(v);
  // A leading =, +, - or @ would be read as a formula by a spreadsheet: quoted with a ' first.
  const safe = /^[=+\-@]/.test(s) && !/^-?[0-9.]+$/.test(s) ? "'" + s : s;
  return /[",\r\n]/.test(safe) ? '"' + safe.replaceAll('"', '""') + '"' : safe;
}

export function csv(trades) {
  const lines = [columns.map(c => c[0]).join(',')];
  for (const t of trades) {
    lines.push(columns.map(c => field(c[1](t))).join(','));
  }
  return lines.join('\r\n') + '\r\n';
}

export function download(name, text) {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
