#!/usr/bin/env bash
# Web benchmark: builds Release, starts the app on a fresh SQLite file with the demo data plus a synthetic load
# (10 more years, 50 units, 5,000 tasks, 2,000 dossiers: ParIndex.Web.Features.Dashboard.SyntheticLoad, switched on
# by Bench__SyntheticLoad=true and never part of normal start-up), signs in, drives each endpoint with wrk on
# loopback and writes requests/s, p50 and p99 to the "Web" section of docs/performance.md.
#
# Usage: bench/web/run.sh            (needs: dotnet, wrk, curl; apt-get install -y wrk)
# Env:   CONNECTIONS (32), DURATION (10s), THREADS (2), PORT (5189), KEEP=1 keeps the work folder.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
CONNECTIONS="${CONNECTIONS:-32}"
DURATION="${DURATION:-10s}"
THREADS="${THREADS:-2}"
PORT="${PORT:-5189}"   # not 5099: bench/load uses that one and may run at the same time
BASE="http://127.0.0.1:$PORT"
WORK="$(mktemp -d /tmp/parindex-bench.XXXXXX)"
APP_PID=""

command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install -y wrk)" >&2; exit 2; }

cleanup() {
    if [[ -n "$APP_PID" ]] && kill -0 "$APP_PID" 2>/dev/null; then
        kill "$APP_PID" 2>/dev/null || true
        wait "$APP_PID" 2>/dev/null || true
    fi
    [[ "${KEEP:-0}" == "1" ]] || rm -rf "$WORK"
}
trap cleanup EXIT

echo "== Building Release"
dotnet build "$ROOT/src/ParIndex.Web" -c Release -nologo -v q -o "$WORK/app" >"$WORK/build.log" 2>&1 \
    || { tail -30 "$WORK/build.log"; exit 1; }

echo "== Starting the app on $BASE (database $WORK/bench.db)"
(
    cd "$ROOT/src/ParIndex.Web"   # content root: wwwroot and Pages
    ASPNETCORE_ENVIRONMENT=Development \
    ASPNETCORE_URLS="$BASE" \
    ConnectionStrings__ParIndex="Data Source=$WORK/bench.db" \
    Database__Provider=Sqlite \
    Demo__Enabled=true \
    Bench__SyntheticLoad=true \
    Logging__Folder="$WORK/logs" \
    Storage__Folder="$WORK/files" \
    exec dotnet "$WORK/app/ParIndex.Web.dll"
) >"$WORK/app.log" 2>&1 &
APP_PID=$!

# Ready when the synthetic load is in and /readyz answers (the database too).
for _ in $(seq 1 600); do
    if grep -q "Synthetic load" "$WORK/app.log" && curl -fs "$BASE/readyz" >/dev/null 2>&1; then break; fi
    kill -0 "$APP_PID" 2>/dev/null || { echo "The app stopped:"; tail -40 "$WORK/app.log"; exit 1; }
    sleep 1
done
grep "Synthetic load" "$WORK/app.log" || { echo "The synthetic load did not finish"; tail -40 "$WORK/app.log"; exit 1; }

# Signs in as Leadership and sets COOKIE. Called before each endpoint: Identity re-checks the security stamp once the
# cookie is a minute old and re-issues it; a browser keeps the new cookie, but wrk would replay the old one and make
# every request of a late endpoint re-check the stamp, which no real user causes.
JAR="$WORK/cookies.txt"
sign_in() {
    rm -f "$JAR"
    local token status auth
    token=$(curl -fs -c "$JAR" -b "$JAR" "$BASE/Account/Login" \
        | grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | sed 's/.*value="//;s/"$//')
    [[ -n "$token" ]] || { echo "No antiforgery token on the login page"; exit 1; }
    status=$(curl -s -o /dev/null -w '%{http_code}' -c "$JAR" -b "$JAR" \
        --data-urlencode "Input.Email=lanhdao@parindex.local" \
        --data-urlencode "Input.Password=ParIndex-Demo-2026" \
        --data-urlencode "__RequestVerificationToken=$token" "$BASE/Account/Login")
    [[ "$status" == "302" ]] || { echo "Sign-in answered $status"; exit 1; }
    auth=$(awk '$6 == "ParIndex.Auth" { print $7 }' "$JAR")
    [[ -n "$auth" ]] || { echo "No auth cookie after sign-in"; exit 1; }
    COOKIE="ParIndex.Auth=$auth"
}
echo "== Signing in"
sign_in

to_ms() { # wrk prints 812.00us, 3.41ms, 1.02s
    awk -v v="$1" 'BEGIN {
        if (v ~ /us$/) { sub(/us$/, "", v); printf "%.2f", v / 1000 }
        else if (v ~ /ms$/) { sub(/ms$/, "", v); printf "%.2f", v }
        else if (v ~ /m$/) { sub(/m$/, "", v); printf "%.2f", v * 60000 }
        else if (v ~ /s$/) { sub(/s$/, "", v); printf "%.2f", v * 1000 }
        else printf "%s", v }'
}

ROWS=()
declare -A RPS P99 ERR
run() {
    local name="$1" path="$2"
    local status
    sign_in
    status=$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $COOKIE" "$BASE$path")
    if [[ "$status" != "200" ]]; then
        echo "   $path answers $status: skipped"
        ROWS+=("| $name | \`$path\` | answers $status (not built yet on this branch): not measured | | | |")
        return
    fi
    wrk -t"$THREADS" -c"$CONNECTIONS" -d2s -H "Cookie: $COOKIE" "$BASE$path" >/dev/null   # warm-up
    local out
    out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -H "Cookie: $COOKIE" "$BASE$path")
    echo "$out" | sed 's/^/   /'
    local rps p50 p99 non2xx socket
    rps=$(echo "$out" | awk '/Requests\/sec/ { printf "%.0f", $2 }')
    p50=$(to_ms "$(echo "$out" | awk '$1 == "50%" { print $2 }')")
    p99=$(to_ms "$(echo "$out" | awk '$1 == "99%" { print $2 }')")
    non2xx=$(echo "$out" | awk '/Non-2xx or 3xx responses/ { print $NF }')
    socket=$(echo "$out" | awk '/Socket errors/ { gsub(",", ""); print $4 + $6 + $8 + $10 }')
    local errors=$(( ${non2xx:-0} + ${socket:-0} ))
    RPS[$name]=$rps; P99[$name]=$p99; ERR[$name]=$errors
    ROWS+=("| $name | \`$path\` | $rps | $p50 | $p99 | $errors |")
}

LOAD_BEFORE=$(cut -d" " -f1-3 /proc/loadavg)
echo "== wrk: $THREADS threads, $CONNECTIONS connections, $DURATION per endpoint"
run "Health" "/healthz"
run "Dashboard" "/Dashboard"
run "Assessment page" "/Assessments/2022"
run "API assessment" "/api/v1/assessments/2022"
run "API years" "/api/v1/years"
run "API plan, first page" "/api/v1/plans/2023"   # 100 of the synthetic plan's 5,029 tasks

LOAD_AFTER=$(cut -d" " -f1-3 /proc/loadavg)

# Targets: dashboard ≥ 10% of /healthz requests/s, p99 < 100 ms, no error responses.
VERDICT=()
ratio=$(awk -v d="${RPS[Dashboard]:-0}" -v h="${RPS[Health]:-1}" 'BEGIN { printf "%.1f", d / h * 100 }')
if awk -v r="$ratio" 'BEGIN { exit !(r >= 10) }'; then VERDICT+=("- Dashboard at $ratio% of /healthz requests/s (target ≥ 10%): met."); else VERDICT+=("- Dashboard at $ratio% of /healthz requests/s (target ≥ 10%): **missed**."); fi
for name in "${!P99[@]}"; do
    if awk -v p="${P99[$name]}" 'BEGIN { exit !(p < 100) }'; then :; else VERDICT+=("- $name p99 ${P99[$name]} ms (target < 100 ms): **missed**."); fi
    if [[ "${ERR[$name]}" != "0" ]]; then VERDICT+=("- $name: ${ERR[$name]} error responses: **missed**."); fi
done
if ! printf '%s\n' "${VERDICT[@]}" | grep -q missed; then VERDICT+=("- Every measured endpoint: p99 under 100 ms and no error responses: met."); fi

CPU=$(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo)
DOTNET=$(dotnet --version)
SECTION="$WORK/web.md"
{
    echo "## Web"
    echo
    echo "Measured $(date -u '+%d/%m/%Y %H:%M') UTC on $(nproc) cores ($CPU), $(free -g | awk '/Mem:/ { print $2 }') GB RAM, shared with other work; .NET SDK $DOTNET, Release build, Development environment (demo accounts), SQLite."
    echo "Data: the demo department plus the synthetic load (12 recorded years, 50 units, 5,029 tasks in the current plan, 2,084 dossiers)."
    echo "Load average (1, 5, 15 min) before the runs: $LOAD_BEFORE; after: $LOAD_AFTER (2 cores: anything above 2 means other processes were competing)."
    echo "Command: \`bench/web/run.sh\` (wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency on 127.0.0.1, signed in afresh as Leadership before each endpoint, after a 2 s warm-up per endpoint)."
    echo
    echo "| endpoint | path | requests/s | p50 (ms) | p99 (ms) | errors |"
    echo "|---|---|---:|---:|---:|---:|"
    printf '%s\n' "${ROWS[@]}"
    echo
    printf '%s\n' "${VERDICT[@]}"
    echo
    echo "The dashboard runs a fixed number of SQL commands (asserted by tests/ParIndex.Web.Tests/Pages/Dashboard/QueryCountTests.cs on the demo data and on this synthetic load)."
    echo 'Request logging (Serilog) is on, as in production: the rolling file synchronously, the console through Serilog.Sinks.Async (`Logging:Console`, Async by default). GC: workstation, concurrent (ParIndex.Web.csproj). Thread pool: the runtime default (`ThreadPool:MinThreads` unset).'
    echo 'Shared read models: the dashboard snapshot (`Dashboard:CacheSeconds`, 5 s) with its charts and rendered body; the year assessment, the years list and each page of a plan in the API (`ReadCache:Seconds`, 5 s, and dropped at the first write this process makes).'
} >"$SECTION"

# Replace the "## Web" section of docs/performance.md, leaving every other section (e.g. "## Exports") as it is.
DOC="$ROOT/docs/performance.md"
mkdir -p "$(dirname "$DOC")"
[[ -f "$DOC" ]] || printf '# Performance\n\nMeasured figures; each section is written by its own benchmark.\n\n' >"$DOC"
python3 - "$DOC" "$SECTION" <<'PY'
import re, sys
doc, section = sys.argv[1], open(sys.argv[2], encoding="utf-8").read().rstrip() + "\n"
text = open(doc, encoding="utf-8").read()
pattern = re.compile(r"^## Web\n.*?(?=^## |\Z)", re.S | re.M)
text = pattern.sub(lambda _: section + "\n", text) if pattern.search(text) else text.rstrip() + "\n\n" + section
open(doc, "w", encoding="utf-8").write(text)
PY
echo "== Written to $DOC"
cat "$SECTION"
