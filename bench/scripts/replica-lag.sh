#!/bin/bash
# Two krytend replicas in JetStream mode on one stream, each with its own
# consumer; kryten-load publishes COUNT events at RATE a second. About
# every 100 ms each replica's lag is taken: the stream's last sequence
# (nats-server's /jsz, read just after) minus what that replica has
# committed (`krytenctl status -o json`): an upper bound. Prints
# the lag (events and ms at that rate) of the leader and the follower:
# median, p99 and max over the samples taken while the load ran.
# Usage: [RATE=10000] [COUNT=300000] replica-lag.sh   (release build)
set -e
cd "$(dirname "$0")/../.."
NATS="${NATS_SERVER:-.tools/venv/bin/nats-server}"
RATE="${RATE:-10000}"; COUNT="${COUNT:-300000}"
D=$(mktemp -d /tmp/replica-lag.XXXX)
free_port() { python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])'; }
PORT=$(free_port); MON=$(free_port)
"$NATS" -a 127.0.0.1 -p $PORT -m $MON -js -sd $D/js > $D/nats.log 2>&1 & NP=$!
PIDS="$NP"
trap 'kill $PIDS 2>/dev/null; wait 2>/dev/null' EXIT
sleep 0.5
for r in a b; do
  printf 'discovery_poll: false\ningest:\n  mode: jetstream\njetstream:\n  max_bytes: 1073741824\n  consumer: %s\n  replica: %s\n' $r $r > $D/$r.yaml
  target/release/krytend --config $D/$r.yaml --nats nats://127.0.0.1:$PORT --socket $D/$r.sock --db $D/$r.db --no-listen > $D/$r.log 2>&1 &
  PIDS="$PIDS $!"
  until target/release/krytenctl --server unix://$D/$r.sock status -o json > /dev/null 2>&1; do sleep 0.05; done
done
target/release/kryten-load --nats nats://127.0.0.1:$PORT --rate $RATE --count $COUNT --services 10 > $D/load.log 2>&1 & LP=$!
PIDS="$PIDS $LP"
python3 - $D $LP $RATE $MON <<'PY'
import json, os, subprocess, sys, time, urllib.request
d, lp, rate, mon = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
def status(r):
    out = subprocess.run(["target/release/krytenctl", "--server", f"unix://{d}/{r}.sock", "status", "-o", "json"],
                         capture_output=True, text=True, timeout=5).stdout
    s = json.loads(out)
    return s["jetstream"]["lease"]["role"], int(s["store"]["committedSeq"])
def stream_last():
    j = json.load(urllib.request.urlopen(f"http://127.0.0.1:{mon}/jsz?streams=true", timeout=5))
    return max(int(st["state"]["last_seq"]) for a in j["account_details"] for st in a.get("stream_detail", []))
samples = {}
while True:
    running = os.path.exists(f"/proc/{lp}") and open(f"/proc/{lp}/stat").read().split()[2] != "Z"
    if not running:
        break
    # The replica's committed number first, the stream's end just after:
    # an upper bound of the lag (by the few ms between the two reads).
    for r in ("a", "b"):
        role, committed = status(r)
        samples.setdefault((r, role), []).append(max(0, stream_last() - committed))
    time.sleep(0.1)
for (r, role), v in sorted(samples.items()):
    v.sort()
    pick = lambda p: v[min(len(v) - 1, int(p * len(v)))]
    ms = lambda n: n * 1000 / rate
    print(f"replica {r} ({role}): lag median {pick(0.5)} events ({ms(pick(0.5)):.0f} ms at {rate}/s), "
          f"p99 {pick(0.99)} ({ms(pick(0.99)):.0f} ms), max {v[-1]} ({ms(v[-1]):.0f} ms) over {len(v)} samples")
PY
echo "logs in $D"
