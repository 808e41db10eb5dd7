#!/usr/bin/env bash
# What CI runs (.ci/run, after the tests pass): the load test for DURATION (default 10s), the kill test (SIGKILL during
# saves and during an import) and the online backup/restore check. Needs wrk, sqlite3, curl, python3.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
start=$SECONDS
# Build the Release app once (incremental), so the three scripts never run a stale build.
dotnet build "$here/../../src/ParIndex.Web" -c Release -nologo -v q >/dev/null
# Seed the demo database once (the first start migrates and seeds, the slowest part); each script starts on a copy.
SEED_DB="$(mktemp -d /tmp/parindex-seed.XXXXXX)/parindex.db"
(WORK="$(dirname "$SEED_DB")"; source "$here/common.sh"; start_app; stop_app)
sqlite3 "$SEED_DB" "PRAGMA wal_checkpoint(TRUNCATE);" >/dev/null
export SEED_DB
echo "built and seeded in $((SECONDS - start)) s"
DURATION="${DURATION:-10s}" "$here/run-load.sh"
WORK="$(mktemp -d /tmp/parindex-kill.XXXXXX)" "$here/kill-test.sh"
WORK="$(mktemp -d /tmp/parindex-backup.XXXXXX)" "$here/backup-restore.sh"
echo "load and fault checks passed in $((SECONDS - start)) s"
