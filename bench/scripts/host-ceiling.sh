#!/usr/bin/env bash
# What this machine allows before FrameFork does anything: one single-threaded libx264 encode (Debian's
# ffmpeg, decoder and encoder on one thread each) alone, then N of them side by side as separate
# processes (N = cores), interleaved and repeated. Independent processes share nothing but the
# hardware, so their side-by-side slowdown is the host's (shared caches, memory bandwidth, other
# guests on the same physical cores): the ceiling of any parallel encoder's efficiency here.
#
#   bench/scripts/host-ceiling.sh [INPUT]        (REPEAT=3 by default)
set -euo pipefail
cd "$(dirname "$0")/../.."
IN=${1:-samples/media/sample-720p30-10s.mp4}
REPEAT=${REPEAT:-3}
N=$(nproc)
work=$(mktemp -d /tmp/framefork-ceiling.XXXXXX)
trap 'rm -rf "$work"' EXIT
command -v ffmpeg >/dev/null || { echo "host-ceiling: needs Debian's ffmpeg (apt install ffmpeg)" >&2; exit 2; }

encode() { ffmpeg -nostdin -v error -threads 1 -i "$IN" -an -c:v libx264 -preset medium -crf 23 -threads 1 -y "$work/$1.mp4"; }
now() { date +%s.%N; }

echo "input $IN; $N cores; libx264 medium CRF 23, 1 thread per process; $REPEAT rounds"
echo "| round | 1 alone (s) | $N side by side (s) | efficiency |"
echo "|---|---|---|---|"
effs=()
for r in $(seq 1 "$REPEAT"); do
  t0=$(now); encode alone; t1=$(now)
  pids=()
  for i in $(seq 1 "$N"); do encode "p$i" & pids+=($!); done
  wait "${pids[@]}"; t2=$(now)
  read -r a p e < <(python3 -c "a=$t1-$t0; p=$t2-$t1; print(f'{a:.2f} {p:.2f} {a/p:.3f}')")
  echo "| $r | $a | $p | $e |"
  effs+=("$e")
done
printf '%s\n' "${effs[@]}" | sort -g | awk -v n="$N" '{v[NR]=$1} END {m=(NR%2 ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2); printf "median efficiency over %d rounds of %d independent encodes side by side: %.3f\n", NR, n, m}'
