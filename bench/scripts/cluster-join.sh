#!/usr/bin/env bash
# How long `encode --cluster` takes to join a cluster: one node on 127.0.0.1, then N encodes of the
# 360p sample with no local workers, one after another; prints each join and each command's time.
#
#   bench/scripts/cluster-join.sh [N]     (default 3)
set -euo pipefail
N=${1:-3}
cd "$(dirname "$0")/../.."
w=$(mktemp -d /tmp/framefork-join.XXXXXX)
A=
trap 'kill $A 2>/dev/null || true; wait; rm -rf "$w"' EXIT
./framefork node --init "$w/creds" >/dev/null
P=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
./framefork node --listen 127.0.0.1:$P --credentials "$w/creds" --workers 1 >"$w/node.log" 2>&1 & A=$!
sleep 15
for i in $(seq 1 "$N"); do
  s=$(date +%s.%N)
  ./framefork encode samples/media/sample-360p29.97-6s.mp4 -o "$w/o$i.mp4" --overwrite --cluster 127.0.0.1:$P \
    --credentials "$w/creds" --workers 0 --preset ultrafast 2>&1 | grep -i "joined" || true
  e=$(date +%s.%N)
  echo "run $i: command $(python3 -c "print(round($e - $s, 2))") s, load average $(cut -d' ' -f1 /proc/loadavg)"
done
