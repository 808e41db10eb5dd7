#!/usr/bin/env bash
# Fault test: SIGKILL the application in the middle of a burst of saves, restart it, and check that
# - the database passes PRAGMA integrity_check,
# - every save is whole: a unit rename and its audit entry are both there or both absent
#   (renames recorded in UnitNameChange == audit entries for the Name field, per unit),
# - the users signed in before the kill are still signed in after the restart (keys in the database),
# - the application answers again (/healthz 200).
# Import: no import endpoint exists on this branch yet; when /Operations imports land, add a second round
# here that kills during an import and checks that the DossierImport row and its dossiers are all there or absent.
# Needs: dotnet, wrk, sqlite3, curl.
source "$(dirname "$0")/common.sh"
BURST="${BURST:-20s}"
KILL_AFTER="${KILL_AFTER:-6}"
trap 'stop_app; [ -n "${WRK_PID:-}" ] && kill "$WRK_PID" 2>/dev/null || true' EXIT

build_app
start_app
ADMIN_JAR="$WORK/admin.jar"
sign_in admin@parindex.local "$ADMIN_JAR"
COOKIE="$(cookie_header "$ADMIN_JAR")"; export COOKIE
UNITS=""
while IFS='|' read -r id name; do UNITS="$UNITS $id"; export "NAME_$id=$name"; done \
  < <(sql "SELECT Id, Name FROM Units WHERE RetiredOn IS NULL ORDER BY Id LIMIT 10")
export UNITS
TOKEN="$(token_of /Admin/Units "$ADMIN_JAR")"; export TOKEN
AUDIT_START=$(sql "SELECT COALESCE(MAX(Id),0) FROM AuditEntries")
HISTORY_START=$(sql "SELECT COALESCE(MAX(Id),0) FROM UnitNameChange")

wrk -t10 -c10 -d"$BURST" -s "$(dirname "$0")/writers.lua" "$BASE" >"$WORK/burst.txt" 2>&1 &
WRK_PID=$!
sleep "$KILL_AFTER"
kill -9 "$APP_PID"; wait "$APP_PID" 2>/dev/null || true
echo "killed the application during the burst"
kill "$WRK_PID" 2>/dev/null || true; wait "$WRK_PID" 2>/dev/null || true

fail=0
integrity=$(sql "PRAGMA integrity_check")
[ "$integrity" = ok ] || { echo "FAIL: integrity_check: $integrity"; fail=1; }
for unit in $UNITS; do
  renames=$(sql "SELECT COUNT(*) FROM UnitNameChange WHERE Id>$HISTORY_START AND UnitId=$unit")
  audited=$(sql "SELECT COUNT(*) FROM AuditEntries WHERE Id>$AUDIT_START AND EntityType='Unit' AND EntityId='$unit' AND Field='Name'")
  [ "$renames" = "$audited" ] || { echo "FAIL: unit $unit: $renames renames but $audited audit entries"; fail=1; }
done
saved=$(sql "SELECT COUNT(*) FROM UnitNameChange WHERE Id>$HISTORY_START")
[ "$saved" -gt 0 ] || { echo "FAIL: nothing was saved before the kill (raise KILL_AFTER)"; fail=1; }

start_app
code=$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $COOKIE" "$BASE/Admin/Units")
[ "$code" = 200 ] || { echo "FAIL: the pre-kill session was refused after restart ($code)"; fail=1; }
echo "saves before the kill: $saved; integrity: $integrity; session after restart: $code"
[ "$fail" = 0 ] && echo "PASS" || { echo "logs in $WORK"; exit 1; }
