#!/usr/bin/env bash
# Is FrameFork's parallelism inside one JVM worse than the same work as separate processes? Per round:
#   1. one FrameFork encode with 1 worker, alone;
#   2. N of those side by side, as separate processes (N = cores): they share nothing but the
#      machine, so their slowdown is the host's (caches, memory, other guests, clock);
#   3. one FrameFork encode with N workers.
# Efficiency of 2 = alone / side by side; of 3 = alone / (N x its wall). "CPU ratio" is each run's CPU
# time (user + sys, GNU time) against the alone run's. Wall times are whole commands, JVM start
# included (about 1 s of each). Rounds are interleaved; the medians are printed at the end.
#
#   bench/scripts/processes-vs-workers.sh [INPUT]        (REPEAT=4 by default)
set -euo pipefail
cd "$(dirname "$0")/../.."
IN=${1:-samples/media/sample-720p30-10s.mp4}
REPEAT=${REPEAT:-4}
N=$(nproc)
work=$(mktemp -d /tmp/framefork-procs.XXXXXX)
trap 'rm -rf "$work"' EXIT
[[ -x /usr/bin/time ]] || { echo "processes-vs-workers: needs GNU time (apt install time)" >&2; exit 2; }

./framefork --version >/dev/null   # builds once, outside the timings
timed() { /usr/bin/time -f "%e %U %S" -o "$work/$1.t" ./framefork encode "$IN" -o "$work/$1.mp4" --overwrite --quiet "${@:2}"; }

echo "input $IN; $N cores; H.264 medium CRF 23; $REPEAT rounds; $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "| round | 1 worker alone (s) | $N processes side by side (s) | efficiency | CPU ratio | $N workers (s) | efficiency | CPU ratio |"
echo "|---|---|---|---|---|---|---|---|"
for r in $(seq 1 "$REPEAT"); do
  timed alone --workers 1
  pids=()
  for i in $(seq 1 "$N"); do timed "p$i" --workers 1 & pids+=($!); done
  for p in "${pids[@]}"; do wait "$p"; done   # each one's status: a failed run stops the script
  timed workers --workers "$N"
  python3 - "$work" "$N" "$r" <<'PY'
import sys
work, n, r = sys.argv[1], int(sys.argv[2]), sys.argv[3]
def rd(name):
    e, u, s = map(float, open(f"{work}/{name}.t").read().split()[-3:])
    return e, u + s
a = rd("alone"); ps = [rd(f"p{i}") for i in range(1, n + 1)]; w = rd("workers")
pw = max(p[0] for p in ps); pc = sum(p[1] for p in ps) / n
print(f"| {r} | {a[0]:.2f} | {pw:.2f} | {a[0]/pw:.3f} | {pc/a[1]:.3f} | {w[0]:.2f} | {a[0]/(n*w[0]):.3f} | {w[1]/a[1]:.3f} |")
PY
done | tee "$work/rows"
python3 - "$work/rows" <<'PY'
import statistics, sys
rows = [l.strip("|\n").split("|") for l in open(sys.argv[1]) if l.startswith("|")]
col = lambda i: statistics.median(float(r[i]) for r in rows)
print(f"medians: processes side by side efficiency {col(3):.3f} (CPU ratio {col(4):.3f}); "
      f"workers in one JVM efficiency {col(6):.3f} (CPU ratio {col(7):.3f})")
PY
