#!/usr/bin/env bash
# Shared helpers for the load and fault scripts: start/stop the app on loopback over its own SQLite copy, sign in.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
PORT="${PORT:-5099}"
BASE="http://127.0.0.1:${PORT}"
WORK="${WORK:-$(mktemp -d /tmp/parindex-load.XXXXXX)}"
DB="$WORK/parindex.db"
DLL="$ROOT/src/ParIndex.Web/bin/Release/net10.0/ParIndex.Web.dll"
PASSWORD="${PASSWORD:-ParIndex-Demo-2026}"

build_app() {
  [ -f "$DLL" ] && [ "${REBUILD:-0}" = 0 ] || dotnet build "$ROOT/src/ParIndex.Web" -c Release -nologo -v q >/dev/null
}

start_app() {
  ( cd "$ROOT/src/ParIndex.Web" && \
    ASPNETCORE_ENVIRONMENT=Development ASPNETCORE_URLS="$BASE" \
    ConnectionStrings__ParIndex="Data Source=$DB" Demo__Enabled=true \
    Logging__Folder="$WORK/logs" Storage__Folder="$WORK/files" \
    Security__SignInAttemptsPerMinute=100000 \
    exec dotnet "$DLL" >>"$WORK/app.out" 2>&1 ) &
  APP_PID=$!
  for _ in $(seq 1 120); do
    curl -fsS "$BASE/healthz" >/dev/null 2>&1 && return 0
    kill -0 "$APP_PID" 2>/dev/null || { echo "app exited; see $WORK/app.out" >&2; return 1; }
    sleep 0.5
  done
  echo "app did not become healthy" >&2; return 1
}

stop_app() { [ -n "${APP_PID:-}" ] && kill "$APP_PID" 2>/dev/null && wait "$APP_PID" 2>/dev/null || true; }

# sign_in <email> <cookiejar>: signs in through the real form; prints nothing, fails if refused.
sign_in() {
  local email="$1" jar="$2" token
  token=$(curl -fsS -c "$jar" -b "$jar" "$BASE/Account/Login" | grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | sed 's/.*value="//;s/"$//')
  local status
  status=$(curl -sS -o /dev/null -w '%{http_code}' -c "$jar" -b "$jar" -X POST "$BASE/Account/Login" \
    --data-urlencode "Input.Email=$email" --data-urlencode "Input.Password=$PASSWORD" --data-urlencode "__RequestVerificationToken=$token")
  [ "$status" = 302 ] || { echo "sign-in as $email answered $status" >&2; return 1; }
}

# token_of <url> <cookiejar>: an antiforgery token rendered for the jar's user.
token_of() {
  curl -fsS -c "$2" -b "$2" "$BASE$1" | grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | head -1 | sed 's/.*value="//;s/"$//'
}

# cookie_header <cookiejar>: the jar as a Cookie header value (for wrk).
cookie_header() { awk 'BEGIN{ORS=""} !/^#/ || /^#HttpOnly_/ { if (NF>=7) { if (n++) print "; "; print $6 "=" $7 } }' "$1"; }

sql() { sqlite3 "$DB" "$@"; }
