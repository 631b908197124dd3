#!/bin/bash
# Times krytend from start to serving on the store fill-10m-store.sh made,
# three times; with "cold" as the first argument the page cache is dropped
# before each (root only). Usage: start-on-10m-store.sh [cold] [DIR]
cd "$(dirname "$0")/../.."
NATS="${NATS_SERVER:-.tools/venv/bin/nats-server}"
D="${2:-/tmp/store10m}"
PORT=$(python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])')
"$NATS" -a 127.0.0.1 -p $PORT > $D/nats.log 2>&1 & NP=$!
sleep 0.5
for run in 1 2 3; do
  [ "$1" = cold ] && sync && echo 3 > /proc/sys/vm/drop_caches 2>/dev/null
  T0=$(date +%s%N)
  target/release/krytend --config $D/k.yaml --nats nats://127.0.0.1:$PORT --socket $D/k.sock --db $D/k.db --listen 127.0.0.1:0 --ws-listen 127.0.0.1:0 > $D/k$run.log 2>&1 & KP=$!
  until target/release/krytenctl --server unix://$D/k.sock status -o json > $D/status$run.json 2>/dev/null; do sleep 0.01; done
  T1=$(date +%s%N)
  echo "run $run: serving after $(( (T1-T0)/1000000 )) ms; event rows in status: $(python3 -c "import json;d=json.load(open('$D/status$run.json'));print(d['store']['eventRows'], d['store']['logRows'])")"
  sleep 3
  target/release/krytenctl --server unix://$D/k.sock status -o json > $D/statusb$run.json
  echo "   3 s later: $(python3 -c "import json;d=json.load(open('$D/statusb$run.json'));print(d['store']['eventRows'], d['store']['logRows'])")"
  grep -i "counted" $D/k$run.log | tail -1
  kill $KP; wait $KP
done
kill $NP
