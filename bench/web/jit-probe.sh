#!/usr/bin/env bash
# How long a fresh ParIndex server takes to settle under load: starts it (Release, demo data; SYNTHETIC=1 adds the
# synthetic load, as run.sh's "synthetic" server), signs in, then drives one path with wrk in WINDOWS windows of
# WINDOW seconds and prints, per window, the requests/s and how many methods the JIT compiled in it
# (DOTNET_JitStdOutFile + DOTNET_JitDisasmSummary, available in release runtimes). Used to size run.sh's warm-up.
#
# Usage: bench/web/jit-probe.sh /Plans/2023      Env: SYNTHETIC (1), WINDOWS (6), WINDOW (10), ACCOUNT (lanhdao@…),
#        OUT (a temporary folder), REBUILD=0 reuses OUT's build.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
PATH_TO="${1:-/Plans/2023}"; SYNTHETIC="${SYNTHETIC:-1}"; WINDOWS="${WINDOWS:-6}"; WINDOW="${WINDOW:-10}"
ACCOUNT="${ACCOUNT:-lanhdao@parindex.local}"
OUT="${OUT:-$(mktemp -d /tmp/parindex-jit.XXXXXX)}"; mkdir -p "$OUT"
APP_PID=""
trap '[[ -n "$APP_PID" ]] && kill "$APP_PID" 2>/dev/null; wait 2>/dev/null || true' EXIT

if [[ "${REBUILD:-1}" == "1" || ! -f "$OUT/app/ParIndex.Web.dll" ]]; then
    timeout 900 dotnet build "$ROOT/src/ParIndex.Web" -c Release -nologo -v q -o "$OUT/app" >"$OUT/build.log" 2>&1 \
        && { [[ "$SYNTHETIC" != "1" ]] || timeout 900 dotnet build "$ROOT/bench/synthetic" -c Release -nologo -v q -o "$OUT/app" >>"$OUT/build.log" 2>&1; } \
        || { tail -30 "$OUT/build.log"; exit 1; }
fi
STARTUP=(); DEPS=()
if [[ "$SYNTHETIC" == "1" ]]; then
    STARTUP=(ASPNETCORE_HOSTINGSTARTUPASSEMBLIES=ParIndex.Bench.Synthetic)
    DEPS=(exec --depsfile "$OUT/app/ParIndex.Bench.Synthetic.deps.json")
fi
rm -f "$OUT"/app.db* "$OUT/jit.txt"
PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
BASE="http://127.0.0.1:$PORT"
(
    cd "$ROOT/src/ParIndex.Web"
    ASPNETCORE_ENVIRONMENT=Development ASPNETCORE_URLS="$BASE" Database__Provider=Sqlite \
    ConnectionStrings__ParIndex="Data Source=$OUT/app.db" Demo__Enabled=true Security__SignInAttemptsPerMinute=10000 \
    Logging__Folder="$OUT/logs" Storage__Folder="$OUT/files" DOTNET_JitStdOutFile="$OUT/jit.txt" DOTNET_JitDisasmSummary=1 \
    exec env "${STARTUP[@]}" dotnet "${DEPS[@]}" "$OUT/app/ParIndex.Web.dll"
) >"$OUT/app.log" 2>&1 &
APP_PID=$!
for _ in $(seq 1 300); do
    curl -fs -m 5 -o /dev/null "$BASE/readyz" && { [[ "$SYNTHETIC" != "1" ]] || grep -q "Synthetic load" "$OUT/app.log"; } && break
    sleep 1
done
JAR="$OUT/cookies.txt"; rm -f "$JAR"
token=$(curl -fs -c "$JAR" -b "$JAR" "$BASE/Account/Login" \
    | grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | sed 's/.*value="//;s/"$//')
curl -s -o /dev/null -c "$JAR" -b "$JAR" --data-urlencode "Input.Email=$ACCOUNT" \
    --data-urlencode "Input.Password=ParIndex-Demo-2026" --data-urlencode "__RequestVerificationToken=$token" "$BASE/Account/Login"
COOKIE=$(awk '{ sub(/^#HttpOnly_/, "") } !/^#/ && NF >= 7 { printf "%s%s=%s", (n++ ? "; " : ""), $6, $7 }' "$JAR")
before=$(wc -l < "$OUT/jit.txt")
echo "$PATH_TO: $before methods compiled at start-up and sign-in"
for w in $(seq 1 "$WINDOWS"); do
    rps=$(wrk -t2 -c32 -d"${WINDOW}s" -H "Cookie: $COOKIE" "$BASE$PATH_TO" | awk '/Requests\/sec/ { printf "%.0f", $2 }')
    now=$(wc -l < "$OUT/jit.txt")
    echo "window $w ($(( (w - 1) * WINDOW ))–$(( w * WINDOW )) s): $rps requests/s, $((now - before)) methods compiled, load average $(cut -d' ' -f1 /proc/loadavg)"
    before=$now
done
