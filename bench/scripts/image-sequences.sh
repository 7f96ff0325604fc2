#!/usr/bin/env bash
# Image-sequence figures (issue 18) on this machine:
#   1. encode speed of a 1080p PNG sequence (300 frames: 150 of Debian ffmpeg's testsrc2, 150 of its
#      mandelbrot) through FrameFork (2 workers, H.264 medium CRF 23, the default 24 fps) against
#      Debian's `ffmpeg -framerate 24 -i frame_%04d.png -c:v libx264 -preset medium -crf 23 -threads 2`
#      as written (which encodes 4:4:4: libx264 takes rgb24's closest format, yuv444p) and with
#      `-pix_fmt yuv420p` (what FrameFork writes, the like-for-like baseline); size and SSIM of each
#      (against Debian's conversion of the PNGs to 4:2:0 in its own matrix: FrameFork writes BT.709,
#      FFmpeg's CLI converts with BT.601);
#   2. the colour conversion's cost per frame on the same pictures: FrameFork's kernels (plain and
#      Vector API) against libswscale, and its share of a chunk's time (`framefork bench colour-cost`).
# Runs are interleaved and repeated (REPEAT, default 2); every run is printed, then the medians.
#
#   bench/scripts/image-sequences.sh [FRAMES_DIR]
set -euo pipefail
cd "$(dirname "$0")/../.."
REPEAT=${REPEAT:-2}
seq=${1:-/tmp/framefork-seq-1080p}
work=$(mktemp -d /tmp/framefork-seqfig.XXXXXX)
trap 'rm -rf "$work"' EXIT

if [ ! -f "$seq/frame_0300.png" ]; then
  mkdir -p "$seq"
  ffmpeg -nostdin -v error -y -f lavfi -i testsrc2=size=1920x1080:rate=24 -frames:v 150 "$seq/frame_%04d.png"
  ffmpeg -nostdin -v error -y -f lavfi -i mandelbrot=size=1920x1080:rate=24 -frames:v 150 -start_number 151 \
    "$seq/frame_%04d.png"
fi
./framefork --version >/dev/null   # builds once, outside the timings

ssim() { # distorted matrix: SSIM (All) against Debian's conversion of the PNGs with that matrix
  ffmpeg -nostdin -v info -i "$1" -framerate 24 -i "$seq/frame_%04d.png" -lavfi \
    "[1:v]scale=out_color_matrix=$2:out_range=tv,format=yuv420p[ref];[0:v][ref]ssim" -f null - 2>&1 \
    | sed -n 's/.*All:\([0-9.]*\).*/\1/p' | tail -n 1
}
median() { sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
now() { date +%s.%N; }

for r in $(seq 1 "$REPEAT"); do
  t0=$(now)
  ffmpeg -nostdin -v error -y -framerate 24 -i "$seq/frame_%04d.png" -c:v libx264 -preset medium -crf 23 -threads 2 \
    -pix_fmt yuv420p "$work/ffmpeg-$r.mp4"
  t1=$(now)
  ./framefork encode "$seq/frame_%04d.png" -o "$work/framefork-$r.mp4" -j 2 --quiet --overwrite \
    --report "$work/framefork-$r.json"
  t2=$(now)
  job=$(python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))["results"][0]["report"]; print(r["wallSeconds"])' \
    "$work/framefork-$r.json")
  ffmpeg -nostdin -v error -y -framerate 24 -i "$seq/frame_%04d.png" -c:v libx264 -preset medium -crf 23 -threads 2 \
    "$work/ffmpeg444-$r.mp4"
  t3=$(now)
  echo "run $r: ffmpeg 4:2:0 $(echo "$t1 - $t0" | bc) s; framefork $(echo "$t2 - $t1" | bc) s (job $job s);" \
    "ffmpeg as written (4:4:4) $(echo "$t3 - $t2" | bc) s"
  echo "$t2 $t3" | awk '{print $2-$1}' >> "$work/ffmpeg444.times"
  echo "$t0 $t1" | awk '{print $2-$1}' >> "$work/ffmpeg.times"
  echo "$t1 $t2" | awk '{print $2-$1}' >> "$work/framefork.times"
  echo "$job" >> "$work/framefork.jobs"
done

ff=$(median < "$work/ffmpeg.times"); fk=$(median < "$work/framefork.times"); job=$(median < "$work/framefork.jobs")
ffsize=$(stat -c %s "$work/ffmpeg-1.mp4"); fksize=$(stat -c %s "$work/framefork-1.mp4")
ffssim=$(ssim "$work/ffmpeg-1.mp4" bt470bg); fkssim=$(ssim "$work/framefork-1.mp4" bt709)
f444=$(median < "$work/ffmpeg444.times"); f444size=$(stat -c %s "$work/ffmpeg444-1.mp4")
echo "sequence $seq: 300 frames 1920x1080 PNG (rgb24); $(nproc) cores; median of $REPEAT runs"
echo "FFmpeg as written (4:4:4): $f444 s, $f444size B; FrameFork's job is $(echo "scale=3; $f444 / $job" | bc)x as fast"
echo "| figure | FrameFork | FFmpeg -pix_fmt yuv420p | ratio |"
echo "|---|---|---|---|"
echo "| wall time, whole command | $fk s | $ff s | $(echo "scale=3; $ff / $fk" | bc)x |"
echo "| wall time, FrameFork's job (probe to verified output) | $job s | $ff s | $(echo "scale=3; $ff / $job" | bc)x |"
echo "| size | $fksize B | $ffsize B | $(echo "scale=2; 100 * ($fksize - $ffsize) / $ffsize" | bc)% |"
echo "| SSIM (All) | $fkssim | $ffssim | $(echo "$fkssim - $ffssim" | bc) |"
python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))["results"][0]["report"]
print("framefork run 1: encode %.2f s, %d chunks, %.2f s of chunk work for %d frames: %.1f ms a frame of chunk time"
      % (r["encodeSeconds"], r["chunks"], r["sumChunkSeconds"], r["frames"], 1000 * r["sumChunkSeconds"] / r["frames"]))' \
  "$work/framefork-1.json"

for simd in false true; do
  FRAMEFORK_JAVA_OPTS="-Dframefork.simd=$simd" ./framefork bench colour-cost "$seq/frame_%04d.png" --frames 40 --rounds 4
done
