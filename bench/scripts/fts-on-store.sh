#!/bin/bash
# Full-text log queries through krytend's REST API on the store that
# fill-10m-store.sh made (LOGS=10000000 for 10M log lines): 50 requests per
# query, newest 100 matches each, p50 and p99 of the whole request as curl
# sees it. Usage: fts-on-store.sh [DIR]
set -e
cd "$(dirname "$0")/../.."
NATS="${NATS_SERVER:-.tools/venv/bin/nats-server}"
D="${1:-/tmp/store10m}"
free_port() { python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])'; }
PORT=$(free_port); HTTP=$(free_port)
"$NATS" -a 127.0.0.1 -p $PORT > $D/nats.log 2>&1 & NP=$!
sleep 0.5
target/release/krytend --config $D/k.yaml --nats nats://127.0.0.1:$PORT --socket $D/k.sock --db $D/k.db --listen 127.0.0.1:0 --ws-listen 127.0.0.1:$HTTP > $D/kfts.log 2>&1 & KP=$!
trap 'kill $KP $NP 2>/dev/null' EXIT
until target/release/krytenctl --server unix://$D/k.sock status -o json > $D/status.json 2>/dev/null; do sleep 0.05; done
TOKEN=$(target/release/krytenctl --server unix://$D/k.sock token create --name fts-$$ --role viewer -o name)
# Words in every line, in 1 line of 500, and in one line only (the fill's
# messages are "processed request N for userU in M ms").
# "user42 processed" has both words in 220,000 lines (user42* is a prefix
# query) but never in that order, so every candidate is checked.
for q in processed user42 4242424 "user42 processed" "processed request"; do
  for i in $(seq 1 50); do
    curl -s --max-time 120 -o /dev/null -w '%{http_code} %{time_total}\n' -H "Authorization: Bearer $TOKEN" \
      "http://127.0.0.1:$HTTP/api/v1/logs?grep=$(python3 -c "import urllib.parse,sys;print(urllib.parse.quote(sys.argv[1]))" "$q")&limit=100"
  done > $D/fts.times || true
  python3 - "$q" $D/fts.times <<'PY'
import sys
rows = [l.split() for l in open(sys.argv[2])]
bad = [r for r in rows if r[0] != "200"]
t = sorted(float(r[1]) * 1000 for r in rows)
pick = lambda p: t[min(len(t) - 1, int(p * len(t)))]
print(f"grep {sys.argv[1]!r}: p50 {pick(0.5):.1f} ms, p99 {pick(0.99):.1f} ms over {len(t)} requests" + (f", {len(bad)} not 200" if bad else ""))
PY
done
target/release/krytenctl --server unix://$D/k.sock status -o json > $D/status.json
echo "log rows: $(python3 -c "import json;print(json.load(open('$D/status.json'))['store']['logRows'])")"
