#!/usr/bin/env bash
# Long-batch memory check: encodes N (default 50) short files in one FrameFork process and prints
# its resident memory (VmRSS, native memory included), read every 0.2 s: the median while files 5-7
# are encoded against the median over the last 3, so a leak of native resources (frames, grabbers,
# encoders, packets) shows as growth.
#   bench/scripts/batch-memory.sh [N]
# Target (issue "Reliability"): growth from files 5-7 to the last 3 at most 10%.
set -euo pipefail
cd "$(dirname "$0")/../.."
N=${1:-50}
work=$(mktemp -d /tmp/framefork-batch.XXXXXX)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/in" "$work/out"
# Short 2 s pieces of the bundled 720p sample, each a separate input.
for i in $(seq -w 1 "$N"); do
  start=$(( (10#$i % 4) * 2 ))
  ffmpeg -nostdin -v error -ss "$start" -t 2 -i samples/media/sample-720p30-10s.mp4 -c copy "$work/in/clip-$i.mp4"
done
./framefork --version >/dev/null   # build outside the measurement

# The heap is committed in full at start-up, so that what grows is native memory, not the heap.
FRAMEFORK_JAVA_OPTS="-Xms512m -Xmx512m -XX:+AlwaysPreTouch" \
  ./framefork encode "$work/in" --output-dir "$work/out" --preset veryfast --workers 2 >"$work/log" 2>&1 &
launcher=$!
pid=""
for _ in $(seq 1 200); do
  pid=$(pgrep -f -n "java .*encode $work/in" || true)
  [[ -n "$pid" ]] && break
  sleep 0.1
done
[[ -n "$pid" ]] || { echo "the encoder did not start"; cat "$work/log"; exit 1; }
rss() { awk '/VmRSS/ {print $2}' "/proc/$pid/status" 2>/dev/null || echo 0; }
# Samples of (files done, RSS); a window's median is steadier than one reading.
: >"$work/samples"
while kill -0 "$pid" 2>/dev/null; do
  done_count=$(ls "$work/out" 2>/dev/null | grep -c '\.mp4$' || true)
  now=$(rss)
  [[ "$now" -gt 0 ]] && echo "$done_count $now" >>"$work/samples"
  sleep 0.2
done
median() { sort -n | awk '{a[NR]=$1} END {print (NR ? a[int((NR+1)/2)] : 0)}'; }
rss5=$(awk '$1 >= 5 && $1 < 8 {print $2}' "$work/samples" | median)
last=$(awk -v n="$N" '$1 >= n - 3 && $1 < n {print $2}' "$work/samples" | median)
peak=$(awk '{print $2}' "$work/samples" | sort -n | tail -n 1)
wait "$launcher" || { echo "encode failed"; tail -20 "$work/log"; exit 1; }
outputs=$(ls "$work/out" | grep -c '\.mp4$')
echo "files encoded: $outputs of $N in one process"
echo "RSS over files 5-7 (median):          $((rss5 / 1024)) MiB"
echo "RSS over the last 3 files (median):    $((last / 1024)) MiB"
echo "peak RSS:           $((peak / 1024)) MiB"
python3 -c "import sys; a,b=int(sys.argv[1]),int(sys.argv[2]); print(f'growth from file 5 to the end: {(b/a-1)*100:+.1f}% (target: at most +10%)')" "$rss5" "$last"
