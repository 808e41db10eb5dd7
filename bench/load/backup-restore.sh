#!/usr/bin/env bash
# Online backup and restore of the SQLite database while the application runs and writes:
#   backup:  sqlite3 <db> ".backup '<file>'"      (or: sqlite3 <db> "VACUUM INTO '<file>'")
#   restore: stop the app; cp <file> <db>; rm -f <db>-wal <db>-shm; start the app
# The script writes through the app during the backup, checks the copy (integrity_check), restores it into a new
# folder, starts the app on it and signs in.
source "$(dirname "$0")/common.sh"
trap 'stop_app; [ -n "${WRK_PID:-}" ] && kill "$WRK_PID" 2>/dev/null || true' EXIT
build_app
start_app
setup_writers 2 2
wrk -t4 -c4 -d10s --timeout 10s -s "$(dirname "$0")/writers.lua" "$BASE" >"$WORK/writes.txt" 2>&1 &
WRK_PID=$!
sleep 3
BACKUP="$WORK/backup-$(date +%Y%m%d-%H%M%S).db"
sqlite3 "$DB" ".backup '$BACKUP'"
wait "$WRK_PID" || true
stop_app

fail=0
[ "$(sqlite3 "$BACKUP" 'PRAGMA integrity_check')" = ok ] || { echo "FAIL: backup integrity"; fail=1; }
# Restore into a fresh folder and run the app on it.
RESTORED="$WORK/restored"; mkdir -p "$RESTORED"; cp "$BACKUP" "$RESTORED/parindex.db"
DB="$RESTORED/parindex.db"
start_app
sign_in admin@parindex.local "$WORK/after.jar" || fail=1
users=$(sql "SELECT COUNT(*) FROM AspNetUsers")
echo "backup $BACKUP: $(sqlite3 "$BACKUP" 'SELECT COUNT(*) FROM AuditEntries') audit entries, $(sqlite3 "$BACKUP" 'SELECT COUNT(*) FROM TaskProgress') task updates, $users users; restored app signs in"
[ "$fail" = 0 ] && echo "PASS" || exit 1
