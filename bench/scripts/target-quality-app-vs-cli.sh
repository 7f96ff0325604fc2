#!/usr/bin/env bash
# The same target-quality job (360p sample, vmaf=93, 2 workers) from the command line and from the
# desktop app's scripted run, interleaved so that both meet the same machine state; per run: wall
# time, the JVM's user+sys CPU (/usr/bin/time, Xvfb's included for the app) and the report's
# probes/checks CPU, with the 1-minute load average before; for the app, its UI thread's heartbeat p99. Variants, in the order given (default: cli app):
#   cli          ./framefork encode
#   cli-nice10   the same under `nice -n 10`, the niceness the app gives its encode threads
#   app          ./framefork gui --autorun (encode threads at nice 10, queued JIT compiles kept 60 s)
#   app-jit50    the same with the JVM's default -XX:TieredCompileTaskTimeout=50 (the launcher before it set 60000)
#   app-nice0    the app's jar without the launcher's priority options: encode threads at nice 0
#   app-min0     the launcher's priority options, but Java's MIN_PRIORITY mapped to nice 0
#   app-min4     the launcher's priority options, but Java's MIN_PRIORITY mapped to nice 4 (the JVM's own mapping)
#   bench/scripts/target-quality-app-vs-cli.sh [ROUNDS] [VARIANT...]
set -euo pipefail
cd "$(dirname "$0")/../.."
ROUNDS=${1:-1}
shift || true
VARIANTS=("$@")
[[ ${#VARIANTS[@]} -gt 0 ]] || VARIANTS=(cli app)
IN=samples/media/sample-360p29.97-6s.mp4
work=$(mktemp -d /tmp/framefork-tq-app-cli.XXXXXX)
trap 'rm -rf "$work"' EXIT
./framefork --version >/dev/null && ./framefork gui --help >/dev/null   # build outside the measurement
# The app reads its settings from java.util.prefs: a node of its own with the target set.
node=/org/framefork/app-tq-vs-cli
java_prefs="$HOME/.java/.userPrefs${node}"
mkdir -p "$java_prefs"
trap 'rm -rf "$work" "$java_prefs"' EXIT
cat >"$java_prefs/prefs.xml" <<'XML'
<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<!DOCTYPE map SYSTEM "http://java.sun.com/dtd/preferences.dtd">
<map MAP_XML_VERSION="1.0"><entry key="targetQuality" value="vmaf=93"/><entry key="workers" value="2"/></map>
XML
app_args=(--autorun "$IN" --exit-when-done --workers 2 --mode parallel)
gui() { # the app through the launcher, with JVM option $1 (uses run's $dir and $app)
  FRAMEFORK_JAVA_OPTS="-Dframefork.prefs.node=$node $1" xvfb-run -a -s "-screen 0 1600x1000x24" ./framefork gui "${app[@]}" \
    >"$dir/log" 2>&1
}
run() { # variant, run folder; prints the job's printed report to $dir/report
  local v=$1 dir=$2
  mkdir -p "$dir/out"
  local app=("${app_args[@]}" --report "$dir/ui.json" --data-dir "$dir/data" --output-dir "$dir/out")
  case $v in
    cli) ./framefork encode "$IN" --target-quality vmaf=93 -j 2 -o "$dir/out/o.mp4" >"$dir/report" 2>&1 ;;
    cli-nice10) nice -n 10 ./framefork encode "$IN" --target-quality vmaf=93 -j 2 -o "$dir/out/o.mp4" >"$dir/report" 2>&1 ;;
    app) gui "" ;;
    app-min0) gui -XX:JavaPriority1_To_OSPriority=0 ;;
    app-min4) gui -XX:JavaPriority1_To_OSPriority=4 ;;
    app-jit50) gui -XX:TieredCompileTaskTimeout=50 ;;
    app-nice0) xvfb-run -a -s "-screen 0 1600x1000x24" "${JAVA_HOME:-/usr}/bin/java" --add-modules jdk.incubator.vector \
      --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow -Xmx1g -Dframefork.prefs.node=$node \
      -jar desktop-app/target/framefork-desktop-app-*[0-9T].jar "${app[@]}" >"$dir/log" 2>&1 ;;
    *) echo "unknown variant $v" >&2; return 2 ;;
  esac
  if [[ $v == app* ]]; then # the app keeps each job's printed report in its entry's log
    python3 -c 'import json,sys; [print(l[10:]) for l in json.load(open(sys.argv[1]))["entries"][0]["log"]]' \
      "$dir/data/queue.json" >"$dir/report"
  fi
}
for r in $(seq 1 "$ROUNDS"); do
  for v in "${VARIANTS[@]}"; do
    dir="$work/$v-$r"
    load=$(cut -d' ' -f1 /proc/loadavg)
    /usr/bin/time -f "%e %U %S" -o "$dir.time" bash -c "$(declare -f gui run); $(declare -p IN node app_args); run $v $dir" \
      || echo "$v round $r: exit $?"
    read -r wall user sys <"$dir.time"
    probes=$(grep -o 'probes .*' "$dir/report" | grep -o 'CPU [0-9.]* s' | head -1)
    checks=$(grep -o 'checks .*' "$dir/report" | grep -o 'CPU [0-9.]* s' | head -1)
    ui=""
    [[ -f $dir/ui.json ]] && ui=$(python3 -c 'import json,sys; print("UI p99 %.1f ms" % json.load(open(sys.argv[1]))["heartbeat"]["p99Ms"])' \
      "$dir/ui.json")
    printf '%-10s round %d load %5s  wall %6.1f s  JVM CPU %6.1f s  probes %s  checks %s  %s\n' "$v" "$r" "$load" "$wall" \
      "$(echo "$user + $sys" | bc)" "${probes:-?}" "${checks:-?}" "$ui"
  done
done
