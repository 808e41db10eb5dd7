#!/usr/bin/env bash
# Fault test: SIGKILL the application (1) in the middle of a burst of saves (scores and task progress, as in the load
# test) and (2) in the middle of a large dossier import; after each kill, restart it and check that
# - the database passes PRAGMA integrity_check,
# - (1) every save is whole: each score's note and its audit trail agree, each task's progress rows, their audit
#   entries and the task's percentage agree (see score_saves / task_saves in common.sh),
# - (2) the import is wholly there or wholly absent: every DossierImports row has exactly RowCount dossiers, and the
#   workbook's dossiers are all in the database (with one import row) or none is,
# - the user signed in before the kill is still signed in after the restart (data-protection keys in the database).
# The import round kills while the import's transaction is writing when it can see it (the WAL file growing by
# KILL_WAL_BYTES), otherwise as soon as the import answers; it says which.
# Needs: dotnet, wrk, sqlite3, curl, python3.
source "$(dirname "$0")/common.sh"
BURST="${BURST:-20s}"
KILL_AFTER="${KILL_AFTER:-6}"
IMPORT_ROWS="${IMPORT_ROWS:-20000}"
KILL_WAL_BYTES="${KILL_WAL_BYTES:-1048576}"
trap 'stop_app; [ -n "${WRK_PID:-}" ] && kill "$WRK_PID" 2>/dev/null; [ -n "${CURL_PID:-}" ] && kill "$CURL_PID" 2>/dev/null; true' EXIT
here="$(dirname "$0")"
fail=0

kill_app() { kill -9 "$APP_PID"; wait "$APP_PID" 2>/dev/null || true; APP_PID=""; }

after_restart() {
  start_app
  local code
  code=$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $COOKIE" "$BASE/Tasks/Mine")
  [ "$code" = 200 ] || { echo "FAIL: the pre-kill session was refused after restart ($code)"; fail=1; }
  echo "session after restart: $code"
}

build_app
start_app

# 1. A burst of saves.
setup_writers 5 5
wrk -t10 -c10 -d"$BURST" --timeout 10s -s "$here/writers.lua" "$BASE" >"$WORK/burst.txt" 2>&1 &
WRK_PID=$!
sleep "$KILL_AFTER"
kill_app
echo "killed the application during the burst of saves"
kill "$WRK_PID" 2>/dev/null || true; wait "$WRK_PID" 2>/dev/null || true; WRK_PID=""
integrity=$(sql "PRAGMA integrity_check")
[ "$integrity" = ok ] || { echo "FAIL: integrity_check after the burst: $integrity"; fail=1; }
saved=0
for s in $SCORES; do
  n=$(score_saves "$s")
  case "$n" in broken*) echo "FAIL: score of sub-criterion $s: $n"; fail=1 ;; *) saved=$((saved + n)) ;; esac
done
for t in $TASKS; do
  n=$(task_saves "$t")
  case "$n" in broken*) echo "FAIL: task $t: $n"; fail=1 ;; *) saved=$((saved + n)) ;; esac
done
[ "$saved" -gt 0 ] || { echo "FAIL: nothing was saved before the kill (raise KILL_AFTER)"; fail=1; }
echo "burst: $saved whole saves before the kill; integrity: $integrity"
after_restart

# 2. A large import.
prefix="KILL$(date +%s)"
python3 "$here/make-dossiers.py" "$WORK/dossiers.xlsx" "$IMPORT_ROWS" "$prefix"
IMPORTS_START=$(sql "SELECT COALESCE(MAX(Id), 0) FROM DossierImports")
token=$(token_of /Operations/Dossiers "$WORK/office.jar")
wal="$DB-wal"
wal_start=$(stat -c %s "$wal" 2>/dev/null || echo 0)
curl -s -o "$WORK/import.html" -w '%{http_code}' -b "$WORK/office.jar" -F "__RequestVerificationToken=$token" \
  -F "file=@$WORK/dossiers.xlsx;type=application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" \
  "$BASE/Operations/Dossiers?handler=Import" >"$WORK/import.status" &
CURL_PID=$!
moment="after 120 s without an answer"
for _ in $(seq 1 1200); do
  size=$(stat -c %s "$wal" 2>/dev/null || echo 0)
  if [ $((size - wal_start)) -ge "$KILL_WAL_BYTES" ]; then moment="while the import was writing (WAL +$((size - wal_start)) bytes)"; break; fi
  if ! kill -0 "$CURL_PID" 2>/dev/null; then moment="after the import answered $(cat "$WORK/import.status")"; break; fi
  sleep 0.1
done
kill_app
wait "$CURL_PID" 2>/dev/null || true; CURL_PID=""
echo "killed the application $moment"
integrity=$(sql "PRAGMA integrity_check")
[ "$integrity" = ok ] || { echo "FAIL: integrity_check after the import kill: $integrity"; fail=1; }
partial=$(sql "SELECT COUNT(*) FROM DossierImports i WHERE i.RowCount <> (SELECT COUNT(*) FROM Dossiers d WHERE d.ImportId = i.Id)")
[ "$partial" = 0 ] || { echo "FAIL: $partial imports whose dossiers are not all there"; fail=1; }
imports=$(sql "SELECT COUNT(*) FROM DossierImports WHERE Id > $IMPORTS_START")
dossiers=$(sql "SELECT COUNT(*) FROM Dossiers WHERE Code LIKE '$prefix-%'")
case "$imports/$dossiers" in
  "0/0") state="wholly absent" ;;
  "1/$IMPORT_ROWS") state="wholly there" ;;
  *) state="PARTIAL"; echo "FAIL: $imports import rows and $dossiers of $IMPORT_ROWS dossiers after the kill"; fail=1 ;;
esac
echo "import of $IMPORT_ROWS dossiers: $state; integrity: $integrity"
after_restart
[ "$fail" = 0 ] && echo "PASS" || { echo "logs in $WORK"; exit 1; }
