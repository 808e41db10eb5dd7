#!/usr/bin/env bash
# Where a request's time goes: starts ParIndex (Release, demo data) on a free port, and for each path given runs wrk
# while dotnet-trace samples the process (sampled thread time), then prints the methods most often on the stacks
# (exclusive and inclusive) and the runtime counters (dotnet-counters) of the same window.
#
# Usage: bench/web/profile.sh /Plans/2023 /Tasks/Mine ...   (default: a few pages)
# Env:   TOOLS: folder with dotnet-trace and dotnet-counters (default /tmp/parindex-dntools; installed there with
#        `dotnet tool install dotnet-trace --version 10.0.750501 --tool-path ...` when missing, not into the repo);
#        ACCOUNT (lanhdao@parindex.local; "none" profiles anonymous requests without any cookie, as a first visit), SECONDS_PER_PATH (8), OUT (a temporary folder, kept and printed),
#        REBUILD=0 (reuse the build already in OUT), SYNTHETIC=1 (the demo plus the synthetic load, as run.sh's
#        "synthetic" server: 5,029 tasks in the 2023 plan).
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
TOOLS="${TOOLS:-/tmp/parindex-dntools}"
ACCOUNT="${ACCOUNT:-lanhdao@parindex.local}"
SECS="${SECONDS_PER_PATH:-8}"
OUT="${OUT:-$(mktemp -d /tmp/parindex-profile.XXXXXX)}"; mkdir -p "$OUT"
PATHS=("$@")
(( ${#PATHS[@]} > 0 )) || PATHS=(/healthz /Account/Login /Plans/2023 /Tasks/Mine)
APP_PID=""

cleanup() {
    if [[ -n "$APP_PID" ]] && kill -0 "$APP_PID" 2>/dev/null; then
        kill "$APP_PID" 2>/dev/null || true
        for _ in $(seq 1 100); do kill -0 "$APP_PID" 2>/dev/null || break; sleep 0.1; done
        kill -9 "$APP_PID" 2>/dev/null || true
    fi
}
trap cleanup EXIT

for tool in dotnet-trace dotnet-counters; do
    [[ -x "$TOOLS/$tool" ]] || timeout 300 dotnet tool install "$tool" --version 10.0.750501 --tool-path "$TOOLS" >/dev/null
done

if [[ "${REBUILD:-1}" == "1" || ! -f "$OUT/app/ParIndex.Web.dll" ]]; then   # REBUILD=0 reuses OUT's build
    timeout 900 dotnet build "$ROOT/src/ParIndex.Web" -c Release -nologo -v q -o "$OUT/app" >"$OUT/build.log" 2>&1 \
        || { tail -30 "$OUT/build.log"; exit 1; }
    if [[ "${SYNTHETIC:-0}" == "1" ]]; then
        timeout 900 dotnet build "$ROOT/bench/synthetic" -c Release -nologo -v q -o "$OUT/app" >>"$OUT/build.log" 2>&1 \
            || { tail -30 "$OUT/build.log"; exit 1; }
    fi
fi
STARTUP=(); DEPS=()
if [[ "${SYNTHETIC:-0}" == "1" ]]; then
    STARTUP=(ASPNETCORE_HOSTINGSTARTUPASSEMBLIES=ParIndex.Bench.Synthetic)
    DEPS=(exec --depsfile "$OUT/app/ParIndex.Bench.Synthetic.deps.json")
fi
rm -f "$OUT"/app.db*
PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
BASE="http://127.0.0.1:$PORT"
(
    cd "$ROOT/src/ParIndex.Web"
    ASPNETCORE_ENVIRONMENT=Development ASPNETCORE_URLS="$BASE" Database__Provider=Sqlite \
    ConnectionStrings__ParIndex="Data Source=$OUT/app.db" Demo__Enabled=true Security__SignInAttemptsPerMinute=10000 \
    Logging__Folder="$OUT/logs" Storage__Folder="$OUT/files" exec env "${STARTUP[@]}" dotnet "${DEPS[@]}" "$OUT/app/ParIndex.Web.dll"
) >"$OUT/app.log" 2>&1 &
APP_PID=$!
for _ in $(seq 1 300); do
    curl -fs -m 5 -o /dev/null "$BASE/healthz" && { [[ "${SYNTHETIC:-0}" != "1" ]] || grep -q "Synthetic load" "$OUT/app.log"; } && break
    sleep 1
done
curl -fs -m 5 -o /dev/null "$BASE/healthz" || { tail -20 "$OUT/app.log"; exit 1; }

# Signs in afresh before each path: Identity re-validates a cookie older than a minute on every request that carries
# it, and wrk replays the same cookie, so a stale one would profile the stamp check instead of the page.
JAR="$OUT/cookies.txt"
sign_in() {
    rm -f "$JAR"
    if [[ "$ACCOUNT" == "none" ]]; then COOKIE=""; return; fi
    local token
    token=$(curl -fs -c "$JAR" -b "$JAR" "$BASE/Account/Login" \
        | grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | sed 's/.*value="//;s/"$//' || true)
    curl -s -o /dev/null -c "$JAR" -b "$JAR" --data-urlencode "Input.Email=$ACCOUNT" \
        --data-urlencode "Input.Password=ParIndex-Demo-2026" --data-urlencode "__RequestVerificationToken=$token" "$BASE/Account/Login"
    # Every cookie a browser would send back (session and antiforgery), as bench/web/run.sh does.
    COOKIE=$(awk '{ sub(/^#HttpOnly_/, "") } !/^#/ && NF >= 7 { printf "%s%s=%s", (n++ ? "; " : ""), $6, $7 }' "$JAR")
}

for path in "${PATHS[@]}"; do
    sign_in
    name=$(echo "$path" | tr '/?=&' '____')
    wrk -t2 -c32 -d2s ${COOKIE:+-H "Cookie: $COOKIE"} "$BASE$path" >/dev/null || true   # warm-up
    wrk -t2 -c32 -d"$((SECS + 3))s" ${COOKIE:+-H "Cookie: $COOKIE"} "$BASE$path" >"$OUT/$name.wrk" &
    WRK=$!
    sleep 1
    timeout $((SECS + 60)) "$TOOLS/dotnet-counters" collect -p "$APP_PID" --duration "00:00:$(printf '%02d' $((SECS - 2)))" \
        --format csv -o "$OUT/$name.counters.csv" >/dev/null 2>&1 &
    COUNTERS=$!
    timeout $((SECS + 60)) "$TOOLS/dotnet-trace" collect -p "$APP_PID" --profile dotnet-sampled-thread-time \
        --duration "00:00:00:$(printf '%02d' "$SECS")" -o "$OUT/$name.nettrace" >/dev/null 2>&1 || true
    wait "$WRK" || true
    wait "$COUNTERS" || true
    echo "===== $path: $(awk '/Requests\/sec/ { print $2 " requests/s" }' "$OUT/$name.wrk")"
    echo "--- exclusive (where threads were)"
    "$TOOLS/dotnet-trace" report "$OUT/$name.nettrace" topN -n 15 2>/dev/null || true
    echo "--- inclusive (what they were doing)"
    "$TOOLS/dotnet-trace" report "$OUT/$name.nettrace" topN -n 40 --inclusive 2>/dev/null || true
done
echo "Traces, counters and wrk outputs in $OUT"
