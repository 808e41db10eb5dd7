#!/usr/bin/env bash
# Load test on loopback: READERS (50) connections read the dashboards and assessment pages while WRITERS (10)
# writers save through the real forms for DURATION (default 60s; CI: DURATION=10s): half of them save self-assessment
# scores (each its own sub-criterion), half post task progress updates (each its own task). Beside them PAIRS (2) pairs
# of writers save the same score and PAIRS pairs the same task at once (issue 12: two tabs, a double click).
# Passes when (issue 7, "Load and faults"; issue 12 for the pairs):
# - no error response (wrk "Non-2xx or 3xx responses") and no connection error (connect/read/write) on either side;
# - no "database is locked" in the application's log, and no error logged at all;
# - every write is readable afterwards: for each writer the database holds its last answered save (or the one
#   after it, which wrk may have sent just as the run ended), every save of the run is whole (see common.sh),
#   and no save of a writer on its own record met a conflict or a refusal;
# - the colliding pairs: no refusal (only 302 saves and conflict answers), the database holds exactly the saves that
#   answered 302 (or up to two more, in flight at the stop) and each whole, and at least one collision happened;
# - after the run an unrelated write (the Admin creates a unit) answers 302 within a second.
# Before the measured run, WARM_UP (20) seconds of the same load, not measured (see below).
# Latency is reported, not judged: the box has 2 cores shared by the app, wrk and other work, so requests may queue
# for seconds; wrk's --timeout is TIMEOUT (default 10s) and any request over it fails the run (socket timeout).
# Needs: dotnet, wrk, sqlite3, curl (apt-get install -y wrk sqlite3 curl).
source "$(dirname "$0")/common.sh"
DURATION="${DURATION:-60s}"
READERS="${READERS:-50}"
WRITERS="${WRITERS:-10}"
PAIRS="${PAIRS:-2}"
TIMEOUT="${TIMEOUT:-10s}"
# The writers go on WRITER_TAIL seconds after the readers stop, so that saves queued behind the readers complete
# instead of being cut off by wrk's stop (each save is two requests that may each wait seconds on a busy box).
WRITER_TAIL="${WRITER_TAIL:-5}"
trap stop_app EXIT

build_app
start_app
echo "app up on $BASE, work folder $WORK"

setup_writers $((WRITERS / 2)) $((WRITERS - WRITERS / 2)) "$PAIRS" "$PAIRS"
THREADS=$((WRITERS + 4 * PAIRS))
echo "writers: scores of sub-criteria $SCORES; progress of tasks $TASKS; two writers each on the scores of $PAIR_SCORES and on the tasks $PAIR_TASKS"

# Read the dashboards and assessment pages.
PATHS=""
for p in /Dashboard "/Dashboard?year=$YEAR" /Assessments "/Assessments/$YEAR" /Assessments/2022 /Assessments/2022/Published /Plans /Tasks/Mine; do
  code=$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $COOKIE" "$BASE$p")
  [ "$code" = 200 ] && PATHS="$PATHS $p" || echo "skipping $p ($code)"
done
export PATHS
echo "readers: $READERS connections on:$PATHS"

here="$(dirname "$0")"
# Warm-up (WARM_UP seconds, 20 by default; 0 skips it): the same readers and writers, not measured, so that the
# measured run meets a server that has compiled and optimised its code, as one in service has (a fresh server
# compiles about 10,000 methods in its first 20 s under load: bench/web/jit-probe.sh, docs/performance.md). Its
# saves are not counted: the starting points of the checks are taken again once its last requests have finished.
WARM_UP="${WARM_UP:-20}"
if [ "$WARM_UP" -gt 0 ]; then
  wrk -t2 -c"$READERS" -d"${WARM_UP}s" --timeout "$TIMEOUT" -s "$here/readers.lua" "$BASE" >"$WORK/warm-readers.txt" 2>&1 &
  WARM_PID=$!
  wrk -t"$THREADS" -c"$THREADS" -d"${WARM_UP}s" --timeout "$TIMEOUT" -s "$here/writers.lua" "$BASE" >"$WORK/warm-writers.txt" 2>&1
  wait "$WARM_PID"
  sleep 3   # requests cut off by wrk's stop finish (or are cancelled) before the starting points are read
  AUDIT_START=$(sql "SELECT COALESCE(MAX(Id), 0) FROM AuditEntries")
  PROGRESS_START=$(sql "SELECT COALESCE(MAX(Id), 0) FROM TaskProgress")
  echo "warm-up: ${WARM_UP}s of the same readers and writers ($(awk '/Requests\/sec/ { print $2 }' "$WORK/warm-readers.txt") reads/s), not measured"
fi
case "$DURATION" in *m) secs=$((${DURATION%m} * 60)) ;; *s) secs=${DURATION%s} ;; *) secs=$DURATION ;; esac
wrk -t2 -c"$READERS" -d"$DURATION" --timeout "$TIMEOUT" --latency -s "$here/readers.lua" "$BASE" >"$WORK/readers.txt" 2>&1 &
READ_PID=$!
wrk -t"$THREADS" -c"$THREADS" -d"$((secs + WRITER_TAIL))s" --timeout "$TIMEOUT" --latency -s "$here/writers.lua" "$BASE" >"$WORK/writers.txt" 2>&1
wait "$READ_PID"
echo "--- readers ($DURATION)"; cat "$WORK/readers.txt"; echo "--- writers ($((secs + WRITER_TAIL))s; each save = GET form + POST)"; cat "$WORK/writers.txt"

fail=0
if grep -q "Non-2xx or 3xx responses" "$WORK/readers.txt" "$WORK/writers.txt"; then echo "FAIL: error responses"; fail=1; fi
if grep -q "Socket errors" "$WORK/readers.txt" "$WORK/writers.txt"; then echo "FAIL: socket errors (timeout = a request over $TIMEOUT)"; fail=1; fi
total_saves=0
declare -A pair_saves=() pair_conflicts=()
while read -r _ kind target pair saves conflicts failures last; do
  kind=${kind#kind=}; target=${target#target=}; pair=${pair#pair=}; saves=${saves#saves=}; conflicts=${conflicts#conflicts=}
  failures=${failures#failures=}; last=${last#last=}
  total_saves=$((total_saves + saves))
  if [ "$pair" = 1 ]; then
    [ "$failures" = 0 ] || { echo "FAIL: colliding $kind $target: $failures answers neither a save nor a conflict"; fail=1; }
    pair_saves[$kind:$target]=$(( ${pair_saves[$kind:$target]:-0} + saves ))
    pair_conflicts[$kind:$target]=$(( ${pair_conflicts[$kind:$target]:-0} + conflicts ))
    continue
  fi
  [ "$failures" = 0 ] && [ "$conflicts" = 0 ] || { echo "FAIL: $kind $target: $failures refused, $conflicts conflicts"; fail=1; }
  if [ "$kind" = score ]; then stored=$(score_saves "$target"); else stored=$(task_saves "$target"); fi
  case "$stored" in
    "$saves"|"$((saves + 1))") ;;
    *) echo "FAIL: $kind $target: $saves saves answered, the database holds: $stored"; fail=1 ;;
  esac
done < <(grep '^WRITER' "$WORK/writers.txt")
collisions=0
for key in "${!pair_saves[@]}"; do
  kind=${key%%:*}; target=${key#*:}; saves=${pair_saves[$key]}; conflicts=${pair_conflicts[$key]}
  collisions=$((collisions + conflicts))
  if [ "$kind" = score ]; then stored=$(pair_score_saves "$target"); else stored=$(pair_task_saves "$target"); fi
  echo "colliding pair on $kind $target: $saves saves (302), $conflicts conflict answers; the database holds $stored saves"
  case "$stored" in
    "$saves"|"$((saves + 1))"|"$((saves + 2))") ;;
    *) echo "FAIL: colliding pair on $kind $target: $saves saves answered, the database holds: $stored"; fail=1 ;;
  esac
done
if [ "$PAIRS" -gt 0 ] && [ "$collisions" = 0 ]; then echo "FAIL: the colliding pairs never collided"; fail=1; fi
[ "$total_saves" -gt 0 ] || { echo "FAIL: no save went through"; fail=1; }
if grep -qi "database is locked" "$WORK"/logs/*.log "$WORK/app.out"; then echo "FAIL: 'database is locked' in the log"; fail=1; fi
# wrk closes its connections when the run ends: the requests then in flight are cancelled. The request log records
# them at Information with status 499 (Logging.ConfigureRequests); an error that still carries a cancellation (EF's
# "An error occurred using a transaction." during such a request) is counted apart; any other error fails the run.
awk 'function flush() { if (pending != "" && pending !~ /An error occurred using a transaction\./) print pending; pending = "" }
     /\[(ERR|FTL)\]/ { flush(); pending = $0; next }
     pending != "" && /TaskCanceledException|OperationCanceledException/ { aborted++; pending = ""; next }
     { flush() }
     END { flush(); print aborted + 0 > "/dev/stderr" }' "$WORK/app.out" >"$WORK/errors.txt" 2>"$WORK/aborted.txt"
if [ -s "$WORK/errors.txt" ]; then echo "FAIL: errors in the log:"; head -5 "$WORK/errors.txt"; fail=1; fi
echo "requests cancelled by wrk's stop (logged, not counted as errors): $(cat "$WORK/aborted.txt")"
if after=$(unrelated_write); then echo "after the run, an unrelated write (Admin creates a unit): $after s"
else echo "FAIL: after the run, an unrelated write did not answer 302 within a second: $after"; fail=1; fi
p99_read=$(awk '/^ +99%/ {print $2}' "$WORK/readers.txt"); p99_write=$(awk '/^ +99%/ {print $2}' "$WORK/writers.txt")
echo "load: $total_saves saves readable; read p99 $p99_read, write-request p99 $p99_write; integrity: $(sql 'PRAGMA integrity_check')"
[ "$fail" = 0 ] && echo "PASS" || { echo "logs in $WORK"; exit 1; }
