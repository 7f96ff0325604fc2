#!/usr/bin/env bash
# The desktop app's UI-thread figures (issue 20): N scripted runs (default 3) of the bundled 720p
# sample with 2 workers, StrictMode on (log), each through the window's own Start action under Xvfb,
# one line each from the run's report, with the 1-minute load average before and after.
#   bench/scripts/app-scripted-runs.sh [N] [extra gui options, e.g. --data-dir DIR]
# Targets: heartbeat p99 <= 16 ms, max <= 50 ms, 0 watchdog events, 0 StrictMode violations.
set -euo pipefail
cd "$(dirname "$0")/../.."
N=${1:-3}
shift || true
work=$(mktemp -d /tmp/framefork-app-runs.XXXXXX)
trap 'rm -rf "$work"' EXIT
./framefork --version >/dev/null   # build outside the measurement
for i in $(seq 1 "$N"); do
  mkdir -p "$work/out$i"
  before=$(cut -d' ' -f1 /proc/loadavg)
  xvfb-run -a -s "-screen 0 1600x1000x24" ./framefork gui --autorun samples/media/sample-720p30-10s.mp4 --workers 2 \
    --mode parallel --strict-mode log --output-dir "$work/out$i" --report "$work/r$i.json" --exit-when-done "$@" \
    >"$work/log$i" 2>&1 || echo "run $i: exit $? (see below)"
  after=$(cut -d' ' -f1 /proc/loadavg)
  python3 - "$work/r$i.json" "$i" "$before" "$after" <<'PY'
import json, sys
r = json.load(open(sys.argv[1])); hb = r["heartbeat"]; s = r["strictMode"]
print(f"run {sys.argv[2]} load {sys.argv[3]}-{sys.argv[4]} {r['status']} job {r['jobWallSeconds']:.1f} s "
      f"p50 {hb['p50Ms']:.1f} p99 {hb['p99Ms']:.1f} max {hb['maxMs']:.1f} ms skipped {hb['skippedFrames']} of {hb['samples']} "
      f"cpu {r['cpu']['meanCores']:.2f} cores watchdog {r['watchdog']['events']} strictmode {s['penalty']} violations {s['violations']}")
for v in s.get("list", []):
    print("   violation:", v["summary"])
PY
done
