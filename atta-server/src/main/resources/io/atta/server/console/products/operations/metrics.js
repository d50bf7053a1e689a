// Throughput and latency from the server's own Prometheus text (/metrics): the API's request
// timers (atta_http_requests_seconds: count and sum per method, route and status) and the
// transfers answered (atta_transfers_total per result). Rates are differences between two
// samples, so a chart has its first point at the second sample.

/** Routes that are the console's and the scraper's own traffic, not the platform's. */
const own = (route) => route === '/metrics' || route === '/health' || route.startsWith('/console');

/** Totals of one scrape: requests, their summed seconds, and transfers answered. */
export function totals(text) {
  let requests = 0;
  let seconds = 0;
  let transfers = 0;
  for (const line of text.split('\n')) {
    if (line.startsWith('#')) {
      continue;
    }
    // Label values may hold braces themselves (route="/v1/users/{id}"): quoted strings are read whole.
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)\{((?:[^"}]|"(?:[^"\\]|\\.)*")*)\}\s+(\S+)/.exec(line);
    if (!m) {
      continue;
    }
    const value = Number(m[3]);
    const route = (/route="([^"]*)"/.exec(m[2]) || [])[1] || '';
    if (m[1] === 'atta_http_requests_seconds_count' && !own(route)) {
      requests += value;
    } else if (m[1] === 'atta_http_requests_seconds_sum' && !own(route)) {
      seconds += value;
    } else if (m[1] === 'atta_transfers_total' && /result="(ok|exists)"/.test(m[2])) {
      transfers += value;
    }
  }
  return { requests, seconds, transfers, at: performance.now() };
}

/** Rates between two totals: requests/s, transfers/s, mean latency in ms (0 with no request). */
export function rates(before, after) {
  const dt = Math.max(1e-3, (after.at - before.at) / 1000);
  const dn = Math.max(0, after.requests - before.requests);
  return {
    requestsPerSecond: dn / dt,
    transfersPerSecond: Math.max(0, after.transfers - before.transfers) / dt,
    meanLatencyMs: dn === 0 ? 0 : Math.max(0, after.seconds - before.seconds) / dn * 1000,
  };
}
