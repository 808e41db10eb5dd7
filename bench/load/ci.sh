#!/usr/bin/env bash
# What CI runs: the load test for 15 s, the kill test and the backup/restore check. Needs wrk, sqlite3, curl.
set -euo pipefail
here="$(dirname "$0")"
DURATION="${DURATION:-15s}" "$here/run-load.sh"
WORK="$(mktemp -d /tmp/parindex-kill.XXXXXX)" "$here/kill-test.sh"
WORK="$(mktemp -d /tmp/parindex-backup.XXXXXX)" "$here/backup-restore.sh"
