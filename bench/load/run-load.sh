#!/usr/bin/env bash
# Load test on loopback: 50 connections read pages while 10 writers save through the real forms, for DURATION
# (default 60s; CI: DURATION=15s). Passes when: no error response, no "database is locked" (nor any error) in the
# log, and every write is readable afterwards (each writer's last saved value is in the database, and the audit
# trail holds exactly one entry per save).
# Needs: dotnet, wrk, sqlite3, curl (apt-get install -y wrk sqlite3 curl).
# Writers: unit renames on /Admin/Units/Edit/{id} (the write path that exists on this branch). When the score and
# task pages land, add their forms in writers.lua the same way (token + Version field).
source "$(dirname "$0")/common.sh"
DURATION="${DURATION:-60s}"
READERS="${READERS:-50}"
WRITERS="${WRITERS:-10}"
trap stop_app EXIT

build_app
start_app
echo "app up on $BASE, work folder $WORK"

ADMIN_JAR="$WORK/admin.jar"
sign_in admin@parindex.local "$ADMIN_JAR"
COOKIE="$(cookie_header "$ADMIN_JAR")"
export COOKIE

# Read the pages that exist (dashboards and assessments when present).
PATHS=""
for p in / /Dashboard /Assessments /Assessments/2023 /Assessments/2022 /Plans /Operations /Admin /Admin/Units /Audit; do
  code=$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $COOKIE" "$BASE$p")
  [ "$code" = 200 ] && PATHS="$PATHS $p"
done
export PATHS
echo "readers: $READERS connections on:$PATHS"

UNITS=""
while IFS='|' read -r id name; do
  UNITS="$UNITS $id"
  export "NAME_$id=$name"
done < <(sql "SELECT Id, Name FROM Units WHERE RetiredOn IS NULL ORDER BY Id LIMIT $WRITERS")
export UNITS
TOKEN="$(token_of /Admin/Units "$ADMIN_JAR")"
export TOKEN
AUDIT_START=$(sql "SELECT COALESCE(MAX(Id),0) FROM AuditEntries")

wrk -t2 -c"$READERS" -d"$DURATION" --latency -s "$(dirname "$0")/readers.lua" "$BASE" >"$WORK/readers.txt" 2>&1 &
READ_PID=$!
wrk -t"$WRITERS" -c"$WRITERS" -d"$DURATION" -s "$(dirname "$0")/writers.lua" "$BASE" >"$WORK/writers.txt" 2>&1
wait "$READ_PID"
cat "$WORK/readers.txt" "$WORK/writers.txt"

fail=0
if grep -q "Non-2xx or 3xx responses" "$WORK/readers.txt" "$WORK/writers.txt"; then echo "FAIL: error responses"; fail=1; fi
if grep -q "Socket errors" "$WORK/readers.txt" "$WORK/writers.txt"; then echo "FAIL: socket errors"; fail=1; fi
total_saves=0
while read -r _ unit saves failures last; do
  unit=${unit#unit=}; saves=${saves#saves=}; failures=${failures#failures=}; last=${last#last=}
  total_saves=$((total_saves + saves))
  [ "$failures" = 0 ] || { echo "FAIL: unit $unit: $failures saves refused"; fail=1; }
  # wrk stops with one request per connection in flight: the server may have committed that one more save
  # without wrk seeing the answer, so the database holds either the last answered save or the one after it.
  stored=$(sql "SELECT Name FROM Units WHERE Id=$unit")
  audited=$(sql "SELECT COUNT(*) FROM AuditEntries WHERE Id>$AUDIT_START AND EntityType='Unit' AND EntityId='$unit' AND Field='Name'")
  if [ "$stored" = "$last" ]; then
    [ "$audited" = "$saves" ] || { echo "FAIL: unit $unit: $saves saves but $audited audit entries"; fail=1; }
  elif [ "$stored" = "${last% lần *} lần $((saves + 1))" ]; then
    [ "$audited" = "$((saves + 1))" ] || { echo "FAIL: unit $unit: $((saves + 1)) saves but $audited audit entries"; fail=1; }
  else
    echo "FAIL: unit $unit: database has '$stored', last save was '$last'"; fail=1
  fi
done < <(grep '^WRITER' "$WORK/writers.txt" | sed 's/ last=/ /;s/^\(WRITER unit=[0-9]* saves=[0-9]* failures=[0-9]*\) /\1 last=/')
[ "$total_saves" -gt 0 ] || { echo "FAIL: no save went through"; fail=1; }
if grep -qi "database is locked" "$WORK"/logs/*.log "$WORK/app.out"; then echo "FAIL: 'database is locked' in the log"; fail=1; fi
if grep -E "\[(ERR|FTL)\]" "$WORK"/logs/*.log >/dev/null; then echo "FAIL: errors in the log:"; grep -E "\[(ERR|FTL)\]" "$WORK"/logs/*.log | head -5; fail=1; fi
echo "saves: $total_saves; integrity: $(sql 'PRAGMA integrity_check')"
[ "$fail" = 0 ] && echo "PASS" || { echo "logs in $WORK"; exit 1; }
