#!/usr/bin/env bash
# The idle cost of a cluster node, thread by thread. Starts two nodes on 127.0.0.1 (the second joins
# the first), lets them rest REST seconds, then reads the first node's CPU time per thread from
# /proc/PID/task/*/schedstat over WINDOW seconds: the total as a share of one core, and the threads
# that took the most (by name, as the kernel keeps it: 15 characters).
#
#   bench/scripts/cluster-idle-threads.sh [REST] [WINDOW]     (defaults 60 60; Linux only)
set -euo pipefail
REST=${1:-60}; WINDOW=${2:-60}
cd "$(dirname "$0")/../.."
w=$(mktemp -d /tmp/framefork-idle.XXXXXX)
A=; B=
trap 'kill $A $B 2>/dev/null || true; wait; rm -rf "$w"' EXIT
./framefork node --init "$w/creds" >/dev/null
P=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
./framefork node --listen 127.0.0.1:$P --credentials "$w/creds" --workers 1 >"$w/a.log" 2>&1 & A=$!
sleep 8
./framefork node --listen 127.0.0.1:$((P + 10)) --join 127.0.0.1:$P --credentials "$w/creds" --workers 1 \
  >"$w/b.log" 2>&1 & B=$!
sleep "$REST"
jvm=$(pgrep -P "$A" java || echo "$A")   # the launcher may run the JVM as its child
snap() { # tid runtime-ns name, for each thread still there
  for t in /proc/$1/task/*; do
    r=$(awk '{print $1}' "$t/schedstat" 2>/dev/null) && c=$(tr -d '\n' <"$t/comm" 2>/dev/null | tr ' ' _) \
      && [ -n "$r" ] && echo "$(basename "$t") $r ${c:-?}"
  done
  true
}
snap "$jvm" >"$w/t0"; l0=$(cut -d' ' -f1 /proc/loadavg)
sleep "$WINDOW"
snap "$jvm" >"$w/t1"; l1=$(cut -d' ' -f1 /proc/loadavg)
python3 - "$w/t0" "$w/t1" "$WINDOW" <<'PY'
import sys
def read(f):
    return {p[0]: (int(p[1]), p[2]) for p in (l.split() for l in open(f)) if len(p) == 3}
before, after, window = read(sys.argv[1]), read(sys.argv[2]), float(sys.argv[3])
by_name = {}
for tid, (ns, name) in after.items():
    by_name[name] = by_name.get(name, 0) + ns - before.get(tid, (0,))[0]
print(f"idle node: {100 * sum(by_name.values()) / 1e9 / window:.3f}% of a core over {window:.0f} s")
for name, ns in sorted(by_name.items(), key=lambda kv: -kv[1])[:8]:
    print(f"  {100 * ns / 1e9 / window:6.3f}%  {name}")
PY
echo "load average $l0 -> $l1"
