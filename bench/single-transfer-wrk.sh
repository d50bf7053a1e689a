#!/usr/bin/env bash
# One transfer per request, driven by wrk (a C load generator using little CPU), so that the
# figure is the server's and not the Java load generator's. Needs wrk (Debian: apt-get install wrk)
# and python3. Usage: bench/single-transfer-wrk.sh [connections] [seconds]
set -euo pipefail
conns="${1:-128}"
secs="${2:-15}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
command -v wrk >/dev/null || { echo "needs wrk (apt-get install wrk)" >&2; exit 1; }
dir="$(mktemp -d)"
port=18090
key="wrk-$RANDOM$RANDOM"
trap 'kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; rm -rf "$dir"' EXIT
ATTA_ADMIN_KEY="$key" "$root/atta" server --data "$dir/data" --port "$port" --shards 2 >"$dir/server.log" 2>&1 &
pid=$!
for _ in $(seq 300); do curl -sf "localhost:$port/health" >/dev/null && break; sleep 0.2; done
# Two accounts on each of the two shards (one user per shard), no balance limits.
eval "$(python3 - "$port" "$key" <<'PY'
import json, sys, urllib.request
port, key = sys.argv[1], sys.argv[2]
def call(method, path, body=None):
    req = urllib.request.Request(f"http://127.0.0.1:{port}{path}", method=method,
                                 data=None if body is None else json.dumps(body).encode(),
                                 headers={"Authorization": "Bearer " + key})
    return json.load(urllib.request.urlopen(req))
users = {}
while len(users) < 2:
    uid = int(call("POST", "/v1/users", {})["user_id"])
    users.setdefault((uid >> 53) * 2 // 1024, uid)
ids = []
for uid in users.values():
    pair = [str(((uid >> 53) << 53) | ((1 << 20) + n)) for n in range(2)]
    r = call("POST", "/v1/accounts", {"accounts": [{"id": i, "user_id": str(uid), "currency": "CNY"} for i in pair]})
    assert all(x["result"] == "ok" for x in r["results"]), r
    ids += pair
print(f"export ATTA_KEY={key} ATTA_A1={ids[0]} ATTA_A2={ids[1]} ATTA_B1={ids[2]} ATTA_B2={ids[3]}")
PY
)"
# Warm-up (JIT) with its own ids, then the measured run.
ATTA_ID_BASE=0 wrk -t2 -c"$conns" -d10s -s "$root/bench/single-transfer-wrk.lua" "http://127.0.0.1:$port" >"$dir/warmup.txt"
warm=$(grep -oE "^ *[0-9]+ requests in" "$dir/warmup.txt" | grep -oE "[0-9]+")
ATTA_ID_BASE=100000000000 wrk -t2 -c"$conns" -d"${secs}s" --latency -s "$root/bench/single-transfer-wrk.lua" \
    "http://127.0.0.1:$port" | tee "$dir/wrk.txt"
# Every completed request must have posted exactly one transfer of 1.00.
python3 - "$port" "$key" "$dir/wrk.txt" "$warm" <<'PY'
import json, os, re, sys, urllib.request
port, key, out = sys.argv[1], sys.argv[2], open(sys.argv[3]).read()
done = int(re.search(r"(\d+) requests in", out).group(1)) + int(sys.argv[4])
posted = 0
for v in ("ATTA_A1", "ATTA_B1"):
    r = json.load(urllib.request.urlopen(urllib.request.Request(
        f"http://127.0.0.1:{port}/v1/accounts/{os.environ[v]}", headers={"Authorization": "Bearer " + key})))
    posted += round(float(r["debits_posted"]))
print(f"completed requests {done} (warm-up included), transfers posted {posted} (requests still in flight"
      " when wrk stopped count only in the second)")
sys.exit(0 if done <= posted <= done + 8192 else 1)
PY
