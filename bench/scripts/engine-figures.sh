#!/usr/bin/env bash
# The engine's headline figures on this machine, from whole encodes through ./framefork:
#   1. 2 workers against 1 worker (same chunks, H.264 medium CRF 23): wall-time speedup;
#   2. FrameFork (chunks, 1 codec thread each) against one libx264 encoder with threads=N in the same
#      FFmpeg build (FrameFork with --split none --codec-threads N): speed, size, SSIM;
#   3. peak RSS of a 1080p encode with 2 workers (6 s), and of the same input 10x longer (60 s).
# Runs are interleaved and repeated (REPEAT, default 3) and the median is reported, because these
# machines are shared and noisy. Needs Debian's ffmpeg (SSIM) and GNU time (peak RSS), python3.
#
#   bench/scripts/engine-figures.sh [INPUT_720P] [INPUT_1080P]
set -euo pipefail
cd "$(dirname "$0")/../.."
IN=${1:-samples/media/sample-720p30-10s.mp4}
IN1080=${2:-samples/media/sample-1080p30-3s.mp4}
REPEAT=${REPEAT:-3}
CORES=$(nproc)
work=$(mktemp -d /tmp/framefork-figures.XXXXXX)
trap 'rm -rf "$work"' EXIT

./framefork --version >/dev/null   # builds once, outside the timings

encode() { # name input args...
  local name=$1 input=$2; shift 2
  /usr/bin/time -f "%M" -o "$work/$name.rss" ./framefork encode "$input" -o "$work/$name.mp4" \
    --report "$work/$name.json" --quiet --overwrite "$@"
}

field() { # json-file key: a field of the first input's report (--report writes {"results": [{"report": ...}]})
  python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["results"][0]["report"][sys.argv[2]])' "$1" "$2"
}

ssim() { # distorted reference
  ffmpeg -nostdin -v info -i "$1" -i "$2" -lavfi ssim -f null - 2>&1 | sed -n 's/.*All:\([0-9.]*\).*/\1/p' | tail -n 1
}

median() { sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

for r in $(seq 1 "$REPEAT"); do
  encode "w1-$r" "$IN" --workers 1
  encode "w$CORES-$r" "$IN" --workers "$CORES"
  encode "ff-$r" "$IN" --workers 1 --split none --codec-threads "$CORES"
done

wall() { for r in $(seq 1 "$REPEAT"); do field "$work/$1-$r.json" wallSeconds; done | median; }
w1=$(wall w1); wn=$(wall "w$CORES"); ff=$(wall ff)
size_n=$(field "$work/w$CORES-1.json" outputBytes); size_ff=$(field "$work/ff-1.json" outputBytes)
ssim_n=$(ssim "$work/w$CORES-1.mp4" "$IN"); ssim_ff=$(ssim "$work/ff-1.mp4" "$IN")
chunks=$(field "$work/w$CORES-1.json" chunks)

# Peak memory: 1080p with 2 workers, then the same picture 10x longer. The base is the 1080p sample
# looped twice (6 s): cut for 2 workers, the 3 s clip alone gives 1 s chunks, shorter than x264's
# lookahead (about 40 frames at medium), so its encoders never grow to their working size, and the
# comparison would measure that instead of whether memory grows with the input's length.
ffmpeg -nostdin -v error -stream_loop 1 -i "$IN1080" -c copy -y "$work/base.mp4"
ffmpeg -nostdin -v error -stream_loop 19 -i "$IN1080" -c copy -y "$work/long.mp4"
encode rss1 "$work/base.mp4" --workers 2
encode rss10 "$work/long.mp4" --workers 2
rss1=$(cat "$work/rss1.rss"); rss10=$(cat "$work/rss10.rss")

python3 - "$w1" "$wn" "$ff" "$size_n" "$size_ff" "$ssim_n" "$ssim_ff" "$rss1" "$rss10" "$CORES" "$chunks" "$IN" "$REPEAT" <<'PY'
import sys
w1, wn, ff, sn, sf, qn, qf, r1, r10 = map(float, sys.argv[1:10])
cores, chunks, src, rep = sys.argv[10], sys.argv[11], sys.argv[12], sys.argv[13]
print(f"input {src}; {cores} cores; {chunks} chunks; median of {rep} runs; H.264 medium CRF 23")
print(f"| figure | measured | target |")
print(f"|---|---|---|")
print(f"| {cores} workers vs 1 worker, wall time | {w1:.2f} s / {wn:.2f} s = **{w1/wn:.2f}x** | >= 1.9x |")
print(f"| FrameFork ({cores} workers) vs libx264 threads={cores} | {ff:.2f} s / {wn:.2f} s = **{ff/wn:.2f}x** | >= 1.1x |")
print(f"| output size, FrameFork vs libx264 threads={cores} | {sn/1e6:.2f} MB / {sf/1e6:.2f} MB = **{(sn/sf-1)*100:+.1f}%** | within 3% |")
print(f"| SSIM against the source, FrameFork vs libx264 threads={cores} | {qn:.4f} / {qf:.4f} = **{qn-qf:+.4f}** | within 0.002 |")
print(f"| peak RSS, 1080p (6 s) with 2 workers | **{r1/1024:.0f} MiB** | < 1024 MiB |")
print(f"| peak RSS, the same input 10x longer (60 s) | **{r10/1024:.0f} MiB** ({(r10/r1-1)*100:+.1f}%) | within 5% |")
PY
