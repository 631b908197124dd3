#!/bin/bash
# Builds a store of 10M events and 2M log lines (LOGS=N for another count)
# with krytend's own schema. Usage: [LOGS=N] fill-10m-store.sh [DIR]
set -e
LOGS="${LOGS:-2000000}"
cd "$(dirname "$0")/../.."
NATS="${NATS_SERVER:-.tools/venv/bin/nats-server}"
D="${1:-/tmp/store10m}"
rm -rf "$D"; mkdir -p "$D"
PORT=$(python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])')
"$NATS" -a 127.0.0.1 -p $PORT > $D/nats.log 2>&1 & NP=$!
sleep 0.5
printf 'discovery_poll: false\nstore:\n  max_rows: null\nlogs:\n  max_rows: null\n' > $D/k.yaml
target/release/krytend --config $D/k.yaml --nats nats://127.0.0.1:$PORT --socket $D/k.sock --db $D/k.db --listen 127.0.0.1:0 --ws-listen 127.0.0.1:0 > $D/k0.log 2>&1 & KP=$!
sleep 2; kill $KP; wait $KP || true; kill $NP
sqlite3 $D/k.db <<SQL
PRAGMA synchronous=OFF;
BEGIN;
WITH RECURSIVE c(i) AS (SELECT (SELECT COALESCE(MAX(seq),0)+1 FROM events) UNION ALL SELECT i+1 FROM c WHERE i < 10000000)
INSERT INTO events (seq, received_us, subject, kind, service, channel, event_type, correlation_id, event_time_us, reply_to, error, payload)
SELECT i, 1796000000000000 + i*100, 'kryten.events.cytube.bench' || (i%5) || '.chatmsg', 'channel_event', NULL, 'bench'||(i%5), 'chatmsg', NULL, NULL, NULL, NULL,
 CAST(printf('{"event_name":"chatmsg","payload":{"username":"user%d","msg":"hello world kryten stream video queue","rank":1},"channel":"bench%d","domain":"cytu.be","timestamp":"2026-11-21T10:00:00.000000+00:00","correlation_id":"%032x","seq":%d}', i%500, i%5, i, i) AS BLOB)
FROM c;
WITH RECURSIVE c(i) AS (SELECT 10000001 UNION ALL SELECT i+1 FROM c WHERE i < 10000000 + $LOGS)
INSERT INTO logs (seq, time_us, received_us, time_from_arrival, service, severity, logger, message, exception, attributes, source)
SELECT i, 1797000000000000 + i*100, 1797000000000000 + i*100, 0, 'svc' || (i%10), 6, 'kryten.svc', 'processed request ' || i || ' for user' || (i%500) || ' in ' || (i%97) || ' ms', NULL, NULL, 'nats' FROM c;
INSERT INTO logs_fts (rowid, message) SELECT seq, message FROM logs;
UPDATE seq_reserve SET hwm = 10000000 + $LOGS, clean = 1 WHERE id = 1;
COMMIT;
PRAGMA wal_checkpoint(TRUNCATE);
SQL
ls -la $D
