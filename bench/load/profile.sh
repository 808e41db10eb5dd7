#!/usr/bin/env bash
# Where the time goes under the load check: starts the app as run-load.sh does (Release, demo data), runs the same
# readers and colliding writers for DURATION (default 30s), and in the middle samples the process with dotnet-trace
# (sampled thread time, TRACE_SECONDS, default 10) and dotnet-counters; then prints wrk's figures and the trace's top
# frames. The trace is kept in the work folder (convert it with `dotnet-trace convert --format speedscope`).
# Env: TOOLS (/tmp/parindex-dntools: dotnet-trace and dotnet-counters 10.0.750501, installed there when missing, not
# into the repository), READERS (50), WRITERS (10), PAIRS (2), DURATION (30s), TRACE_SECONDS (10).
source "$(dirname "$0")/common.sh"
TOOLS="${TOOLS:-/tmp/parindex-dntools}"
DURATION="${DURATION:-30s}"; secs=${DURATION%s}
READERS="${READERS:-50}"; WRITERS="${WRITERS:-10}"; PAIRS="${PAIRS:-2}"
TRACE_SECONDS="${TRACE_SECONDS:-10}"
trap 'stop_app; [ -n "${READ_PID:-}" ] && kill "$READ_PID" 2>/dev/null; [ -n "${WRITE_PID:-}" ] && kill "$WRITE_PID" 2>/dev/null; true' EXIT

for tool in dotnet-trace dotnet-counters; do
  [ -x "$TOOLS/$tool" ] || timeout 300 dotnet tool install "$tool" --version 10.0.750501 --tool-path "$TOOLS" >/dev/null
done
build_app
start_app
setup_writers $((WRITERS / 2)) $((WRITERS - WRITERS / 2)) "$PAIRS" "$PAIRS"
THREADS=$((WRITERS + 4 * PAIRS))
PATHS=""
for p in /Dashboard "/Dashboard?year=$YEAR" /Assessments "/Assessments/$YEAR" /Assessments/2022 /Assessments/2022/Published /Plans /Tasks/Mine; do
  [ "$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $COOKIE" "$BASE$p")" = 200 ] && PATHS="$PATHS $p"
done
export PATHS
here="$(dirname "$0")"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg); work folder $WORK"
wrk -t2 -c"$READERS" -d"$DURATION" --timeout 10s --latency -s "$here/readers.lua" "$BASE" >"$WORK/readers.txt" 2>&1 &
READ_PID=$!
wrk -t"$THREADS" -c"$THREADS" -d"$DURATION" --timeout 10s --latency -s "$here/writers.lua" "$BASE" >"$WORK/writers.txt" 2>&1 &
WRITE_PID=$!
sleep $(( (secs - TRACE_SECONDS) / 2 ))
timeout $((TRACE_SECONDS + 60)) "$TOOLS/dotnet-counters" collect -p "$APP_PID" --duration "00:00:$(printf '%02d' "$TRACE_SECONDS")" \
  --format csv -o "$WORK/counters.csv" >/dev/null 2>&1 &
COUNTERS=$!
timeout $((TRACE_SECONDS + 60)) "$TOOLS/dotnet-trace" collect -p "$APP_PID" --profile dotnet-sampled-thread-time \
  --duration "00:00:00:$(printf '%02d' "$TRACE_SECONDS")" -o "$WORK/load.nettrace" >/dev/null 2>&1 || true
wait "$COUNTERS" || true
wait "$READ_PID" || true; READ_PID=""
wait "$WRITE_PID" || true; WRITE_PID=""
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "--- readers"; grep -E "Latency|50%|99%|Requests/sec|Non-2xx|Socket" "$WORK/readers.txt"
echo "--- writers (GET form + POST each)"; grep -E "Latency|50%|99%|Requests/sec|Non-2xx|Socket" "$WORK/writers.txt"
echo "--- counters (mean over the trace window)"
awk -F, 'NR > 1 { s[$3] += $5; n[$3]++ } END { for (k in s) printf "%s: %.3f\n", k, s[k] / n[k] }' "$WORK/counters.csv" \
  | grep -E "cpu.time|gc.pause|lock_contentions|total_allocated|queue.length|thread.count" | sort
echo "--- exclusive"; "$TOOLS/dotnet-trace" report "$WORK/load.nettrace" topN -n 20 2>/dev/null || true
echo "Trace and outputs in $WORK"
