#!/usr/bin/env bash
# Web benchmark: ParIndex against the stock ASP.NET Core template app, measured in the same run.
#
# Builds (Release) and starts, each on a free loopback port:
#   - stock: `dotnet new webapp` in a temporary folder (the template ships with the SDK: no download), plus
#     `app.MapGet("/healthz", () => "ok")`, Production environment as generated;
#   - demo: ParIndex on a fresh SQLite file with the demo data;
#   - synthetic: ParIndex with the demo data plus the synthetic load (10 more years, 50 units, 5,000 more tasks in the
#     2023 plan, 2,000 dossiers: bench/synthetic, ParIndex.Bench.Synthetic.SyntheticLoad, not part of the application:
#     loaded as a hosting startup with that project's deps file). It is a second process because the synthetic tasks go into the demo's plan,
#     and the plan page is measured both with the demo's 29 tasks and with 5,029.
# Then drives each endpoint with wrk on loopback (warm-up, then measure), the stock pages at the start and again at
# the end, and writes requests/s, p50, p99, errors and the ratio to the stock empty page (health to the stock
# /healthz) to the "Web" section of docs/performance.md, with the load average before and after.
#
# Usage: bench/web/run.sh            (needs: dotnet, wrk, curl, python3; apt-get install -y wrk)
# Env:   CONNECTIONS (32), THREADS (2), WARMUP (2s), DURATION (5s), ROUNDS (2) and SETTLE_SECONDS (3) of warm-up
#        over every endpoint before the measured pass, KEEP=1 keeps the work folder,
#        DOC (docs/performance.md) where the section goes, ONLY="name|name" measures only those rows (quick checks).
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
CONNECTIONS="${CONNECTIONS:-32}"
THREADS="${THREADS:-2}"
WARMUP="${WARMUP:-2s}"
DURATION="${DURATION:-5s}"
DOC="${DOC:-$ROOT/docs/performance.md}"
ONLY="${ONLY:-}"
WORK="$(mktemp -d /tmp/parindex-bench.XXXXXX)"
PIDS=()

for tool in wrk curl python3 dotnet; do
    command -v "$tool" >/dev/null || { echo "$tool is not installed${tool/wrk/ (apt-get install -y wrk)}" >&2; exit 2; }
done

cleanup() {
    local pid
    for pid in "${PIDS[@]}"; do
        if kill -0 "$pid" 2>/dev/null; then kill "$pid" 2>/dev/null || true; fi
    done
    for pid in "${PIDS[@]}"; do
        # Bounded: a process that ignores SIGTERM for 10 s is killed.
        for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -9 "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    done
    [[ "${KEEP:-0}" == "1" ]] && echo "Work folder kept: $WORK" || rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# A port nobody listens on now (the kernel picks it; the tiny window until the app binds it is accepted).
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }

echo "== Building ParIndex (Release) and the stock template app"
# The synthetic load's project references the application: its output is the application plus that one assembly.
timeout 900 dotnet build "$ROOT/src/ParIndex.Web" -c Release -nologo -v q -o "$WORK/app" >"$WORK/build.log" 2>&1 \
    && timeout 900 dotnet build "$ROOT/bench/synthetic" -c Release -nologo -v q -o "$WORK/app" >>"$WORK/build.log" 2>&1 \
    || { tail -30 "$WORK/build.log"; exit 1; }
mkdir -p "$WORK/stock"
(
    cd "$WORK/stock"
    timeout 120 dotnet new webapp -n Stock -o . --no-restore >/dev/null
    python3 - Program.cs <<'PY'
import sys
path = sys.argv[1]
text = open(path, encoding="utf-8").read()
assert "app.Run();" in text, "the template's Program.cs has no app.Run();"
text = text.replace("app.Run();", 'app.MapGet("/healthz", () => "ok");\n\napp.Run();', 1)
open(path, "w", encoding="utf-8").write(text)
PY
    timeout 600 dotnet build -c Release -nologo -v q -o out >"$WORK/stock-build.log" 2>&1
) || { tail -30 "$WORK/stock-build.log" 2>/dev/null; exit 1; }

STOCK_PORT=$(free_port); DEMO_PORT=$(free_port); SYN_PORT=$(free_port)
STOCK="http://127.0.0.1:$STOCK_PORT"; DEMO="http://127.0.0.1:$DEMO_PORT"; SYN="http://127.0.0.1:$SYN_PORT"

start_parindex() { # name base synthetic
    local name="$1" base="$2" synthetic="$3" startup=() deps=()
    # The synthetic server: the same application (its runtimeconfig), with the synthetic project's dependencies and
    # its hosting startup, which loads the data set before the server answers /readyz.
    if [[ "$synthetic" == "true" ]]; then
        startup=(ASPNETCORE_HOSTINGSTARTUPASSEMBLIES=ParIndex.Bench.Synthetic)
        deps=(exec --depsfile "$WORK/app/ParIndex.Bench.Synthetic.deps.json")
    fi
    (
        cd "$ROOT/src/ParIndex.Web"   # content root: wwwroot and Features
        ASPNETCORE_ENVIRONMENT=Development \
        ASPNETCORE_URLS="$base" \
        ConnectionStrings__ParIndex="Data Source=$WORK/$name.db" \
        Database__Provider=Sqlite \
        Demo__Enabled=true \
        Security__SignInAttemptsPerMinute=10000 \
        Logging__Folder="$WORK/$name-logs" \
        Storage__Folder="$WORK/$name-files" \
        exec env "${startup[@]}" dotnet "${deps[@]}" "$WORK/app/ParIndex.Web.dll"
    ) >"$WORK/$name.log" 2>&1 &
    PIDS+=($!)
}

echo "== Starting stock on $STOCK, ParIndex demo on $DEMO, ParIndex synthetic on $SYN"
( cd "$WORK/stock/out" && ASPNETCORE_URLS="$STOCK" exec dotnet Stock.dll ) >"$WORK/stock.log" 2>&1 &
PIDS+=($!)
start_parindex demo "$DEMO" false
start_parindex synthetic "$SYN" true

# Bounded wait (WAIT_SECONDS, 300) until every process answers; the synthetic one also needs its load written.
ready() { # url [log line]: the stock app's /healthz, ParIndex's /readyz (the database answers too)
    curl -fs -m 5 -o /dev/null "$1" && { [[ -z "${2:-}" ]] || grep -q "$2" "$WORK/synthetic.log"; }
}
deadline=$(( $(date +%s) + ${WAIT_SECONDS:-300} ))
until ready "$STOCK/healthz" && ready "$DEMO/readyz" && ready "$SYN/readyz" "Synthetic load"; do
    for pid in "${PIDS[@]}"; do
        kill -0 "$pid" 2>/dev/null || { echo "A server stopped:"; tail -n 20 "$WORK"/*.log; exit 1; }
    done
    (( $(date +%s) < deadline )) || { echo "Not ready after ${WAIT_SECONDS:-300} s:"; tail -n 20 "$WORK"/*.log; exit 1; }
    sleep 1
done

# Signs in and sets COOKIE (every cookie of the jar, as a browser sends them). Called before each endpoint: Identity re-checks the security stamp once the cookie is a
# minute old and re-issues it; a browser keeps the new cookie, but wrk would replay the old one and make every
# request of a late endpoint re-check the stamp, which no real user causes.
JAR="$WORK/cookies.txt"
COOKIE=""
jar_cookies() { awk '{ sub(/^#HttpOnly_/, "") } !/^#/ && NF >= 7 { printf "%s%s=%s", (n++ ? "; " : ""), $6, $7 }' "$JAR"; }
sign_in() { # base email: up to 3 tries (a server still finishing the previous endpoint's answers may be slow)
    local base="$1" email="$2" token status auth try
    for try in 1 2 3; do
        rm -f "$JAR"
        token=$(curl -fs -m 20 -c "$JAR" -b "$JAR" "$base/Account/Login" \
            | grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | sed 's/.*value="//;s/"$//' || true)
        if [[ -n "$token" ]]; then
            status=$(curl -s -m 20 -o /dev/null -w '%{http_code}' -c "$JAR" -b "$JAR" \
                --data-urlencode "Input.Email=$email" \
                --data-urlencode "Input.Password=ParIndex-Demo-2026" \
                --data-urlencode "__RequestVerificationToken=$token" "$base/Account/Login" || true)
            auth=$(awk '$6 == "ParIndex.Auth" { print $7 }' "$JAR" 2>/dev/null || true)
            # Every cookie the browser would send back: the session and the antiforgery cookie (without it each page
            # would issue a new antiforgery cookie and token, which no browser causes after its first page).
            if [[ "$status" == "302" && -n "$auth" ]]; then COOKIE=$(jar_cookies); return; fi
        fi
        sleep "$try"
    done
    echo "Could not sign in as $email on $base (token: ${token:+yes}, status: ${status:-none})" >&2
    exit 1
}

# The first link on a page matching a pattern (ids differ between databases, so they are read, not assumed).
first_link() { # base path pattern email
    sign_in "$1" "$4"
    curl -fs -m 30 -H "Cookie: $COOKIE" "$1$2" | grep -o "href=\"$3\"" | head -1 | sed 's/^href="//;s/"$//' || true
}
LEAD=lanhdao@parindex.local
UNIT_HEAD=ccbvmt@parindex.local
AREA_PATH=$(first_link "$DEMO" /Assessments/2022 '/Assessments/2022/Area/[^"]*' $LEAD)
SCORE_PATH=$(first_link "$DEMO" "${AREA_PATH:-/Assessments/2022}" '/Assessments/2022/Score/[0-9]*' $LEAD)
TASK_PATH=$(first_link "$DEMO" /Plans/2023 '/Plans/2023/Tasks/[0-9]*' $LEAD)

to_ms() { # wrk prints 812.00us, 3.41ms, 1.02s, 1.00m
    awk -v v="$1" 'BEGIN {
        if (v ~ /us$/) { sub(/us$/, "", v); printf "%.1f", v / 1000 }
        else if (v ~ /ms$/) { sub(/ms$/, "", v); printf "%.1f", v }
        else if (v ~ /m$/) { sub(/m$/, "", v); printf "%.1f", v * 60000 }
        else if (v ~ /s$/) { sub(/s$/, "", v); printf "%.1f", v * 1000 }
        else printf "%s", v }'
}

# measure NAME BASE PATH [EMAIL]: sets RPS/P50/P99/ERR/BYTES[NAME]; an empty email measures anonymously.
declare -A RPS P50 P99 ERR BYTES NOTE
measure() {
    local name="$1" base="$2" path="$3" email="${4:-}"
    local headers=() status size out
    if [[ -n "$ONLY" && ! "$name" =~ ^($ONLY)$ && "$base" != "$STOCK" ]]; then return; fi
    if [[ -n "$email" ]]; then sign_in "$base" "$email"; headers=(-H "Cookie: $COOKIE"); fi
    read -r status size < <(curl -s -m 30 -o /dev/null -w '%{http_code} %{size_download}\n' "${headers[@]}" "$base$path")
    if [[ "$status" != "200" ]]; then
        echo "   $name $path answers $status: not measured"
        NOTE[$name]="answers $status: not measured"
        return
    fi
    BYTES[$name]=$size
    timeout 60 wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" --timeout 5s "${headers[@]}" "$base$path" >/dev/null || true
    out=$(timeout 120 wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --timeout 5s --latency "${headers[@]}" "$base$path" || true)
    local non2xx socket
    RPS[$name]=$(echo "$out" | awk '/Requests\/sec/ { printf "%.0f", $2 }')
    P50[$name]=$(to_ms "$(echo "$out" | awk '$1 == "50%" { print $2 }')")
    P99[$name]=$(to_ms "$(echo "$out" | awk '$1 == "99%" { print $2 }')")
    non2xx=$(echo "$out" | awk '/Non-2xx or 3xx responses/ { print $NF }')
    socket=$(echo "$out" | awk '/Socket errors/ { gsub(",", ""); print $4 + $6 + $8 + $10 }')
    ERR[$name]=$(( ${non2xx:-0} + ${socket:-0} ))
    printf '   %-34s %7s req/s  p50 %6s ms  p99 %6s ms  errors %s\n' "$name" "${RPS[$name]}" "${P50[$name]}" "${P99[$name]}" "${ERR[$name]}"
}

# Rows of the table: name|server|path|who|reference|target %   (reference: page = stock empty page, health = stock /healthz)
ENDPOINTS=(
    "Health|$DEMO|/healthz||health|40"
    "Sign-in page|$DEMO|/Account/Login||page|40"
    "Dashboard|$DEMO|/Dashboard|$LEAD|page|10"
    "Year page|$DEMO|/Assessments/2022|$LEAD|page|10"
    "Area grid|$DEMO|${AREA_PATH:-/Assessments/2022/Area/none}|$LEAD|page|10"
    "Score page|$DEMO|${SCORE_PATH:-/Assessments/2022/Score/0}|$LEAD|page|10"
    "Plan page, 29 tasks|$DEMO|/Plans/2023|$LEAD|page|5"
    "Task page|$DEMO|${TASK_PATH:-/Plans/2023/Tasks/0}|$LEAD|page|10"
    "My tasks (unit head)|$DEMO|/Tasks/Mine|$UNIT_HEAD|page|10"
    "Reminders (unit head)|$DEMO|/Reminders|$UNIT_HEAD|page|10"
    "Plan page, 5,029 tasks, page 1|$SYN|/Plans/2023|$LEAD|page|10"
    "Dashboard, synthetic|$SYN|/Dashboard|$LEAD|page|10"
    "API assessment|$DEMO|/api/v1/assessments/2022|$LEAD|page|10"
    "API years|$DEMO|/api/v1/years|$LEAD|page|10"
    "API plan, first page of 5,029|$SYN|/api/v1/plans/2023|$LEAD|page|10"
)

# Warm-up rounds before anything is measured: every endpoint to be measured (and the stock pages) is driven for
# SETTLE_SECONDS, ROUNDS times over. A .NET server compiles its code twice under load (tier 0, then optimised with
# the profile of the first calls): measured on 03/12 (bench/web/jit-probe.sh; docs/performance.md), the 5,029-task
# plan page still compiled about 3,600 methods in its second 10 s under load and ran at a quarter of its steady
# rate for the first 20 s. Without these rounds a server's first endpoints were measured while it was still
# compiling, the stock app (a few hundred methods) was not: this compares servers that have settled, as in service.
ROUNDS="${ROUNDS:-2}"
SETTLE_SECONDS="${SETTLE_SECONDS:-3}"
warm_up() { # base path [email]
    local headers=()
    if [[ -n "${3:-}" ]]; then sign_in "$1" "$3"; headers=(-H "Cookie: $COOKIE"); fi
    timeout 60 wrk -t"$THREADS" -c"$CONNECTIONS" -d"${SETTLE_SECONDS}s" --timeout 5s "${headers[@]}" "$1$2" >/dev/null 2>&1 || true
}
echo "== Warm-up: $ROUNDS rounds of ${SETTLE_SECONDS}s per endpoint (not measured)"
for round in $(seq 1 "$ROUNDS"); do
    warm_up "$STOCK" /
    warm_up "$STOCK" /healthz
    for row in "${ENDPOINTS[@]}"; do
        IFS='|' read -r name base path who _ _ <<<"$row"
        [[ -n "$ONLY" && ! "$name" =~ ^($ONLY)$ ]] && continue
        warm_up "$base" "$path" "$who"
    done
done

LOAD_BEFORE=$(cut -d" " -f1-3 /proc/loadavg)
echo "== wrk -t$THREADS -c$CONNECTIONS: $WARMUP warm-up, then $DURATION per endpoint (load average $LOAD_BEFORE)"
# The stock empty page is measured again after every few endpoints (a "checkpoint"): on a shared machine the
# throughput drifts within minutes, so each endpoint is compared with the mean of the checkpoints just before and
# just after it. The stock /healthz is measured at the start and at the end.
CHECKPOINT_EVERY=4
CHECKS=()
checkpoint() {
    local n=${#CHECKS[@]}
    measure "stock empty page #$n" "$STOCK" /
    CHECKS+=("${RPS[stock empty page #$n]:-0}")
}
declare -A BEFORE_CHECK
measure "stock /healthz (start)" "$STOCK" /healthz
checkpoint
i=0
for row in "${ENDPOINTS[@]}"; do
    IFS='|' read -r name base path who _ _ <<<"$row"
    [[ -n "$ONLY" && ! "$name" =~ ^($ONLY)$ ]] && continue
    if (( i > 0 && i % CHECKPOINT_EVERY == 0 )); then checkpoint; fi
    BEFORE_CHECK[$name]=$(( ${#CHECKS[@]} - 1 ))
    measure "$name" "$base" "$path" "$who"
    i=$((i + 1))
done
checkpoint
measure "stock /healthz (end)" "$STOCK" /healthz
LOAD_AFTER=$(cut -d" " -f1-3 /proc/loadavg)

mean() { awk -v a="${1:-0}" -v b="${2:-0}" 'BEGIN { printf "%.0f", (a + b) / 2 }'; }
STOCK_HEALTH=$(mean "${RPS[stock /healthz (start)]:-}" "${RPS[stock /healthz (end)]:-}")
STOCK_PAGES=$(printf '%s, ' "${CHECKS[@]}"); STOCK_PAGES=${STOCK_PAGES%, }

ROWS=(); VERDICT=(); MISSED=0
for row in "${ENDPOINTS[@]}"; do
    IFS='|' read -r name _ path who ref target <<<"$row"
    [[ -n "$ONLY" && ! "$name" =~ ^($ONLY)$ ]] && continue
    if [[ -z "${RPS[$name]:-}" ]]; then
        ROWS+=("| $name | \`$path\` | ${NOTE[$name]:-not measured} | | | | | | | |"); VERDICT+=("- $name: **not measured**."); MISSED=1; continue
    fi
    k=${BEFORE_CHECK[$name]}
    ref_rps=$(mean "${CHECKS[$k]}" "${CHECKS[$((k + 1))]:-${CHECKS[$k]}}"); ref_name="the stock empty page"
    [[ "$ref" == "health" ]] && { ref_rps=$STOCK_HEALTH; ref_name="the stock /healthz"; }
    pct=$(awk -v r="${RPS[$name]}" -v s="$ref_rps" 'BEGIN { printf "%.1f", (s > 0) ? (r / s * 100) : 0 }')
    kb=$(awk -v b="${BYTES[$name]}" 'BEGIN { printf "%.1f", b / 1024 }')
    ROWS+=("| $name | \`$path\` | ${who%%@*} | $kb | ${RPS[$name]} | $ref_rps | $pct% | ${P50[$name]} | ${P99[$name]} | ${ERR[$name]} |")
    problems=()
    awk -v p="$pct" -v t="$target" 'BEGIN { exit !(p >= t) }' || problems+=("$pct% of $ref_name (target ≥ $target%)")
    awk -v p="${P99[$name]}" 'BEGIN { exit !(p < 100) }' || problems+=("p99 ${P99[$name]} ms (target < 100 ms)")
    [[ "${ERR[$name]}" == "0" ]] || problems+=("${ERR[$name]} errors")
    if (( ${#problems[@]} > 0 )); then
        MISSED=1; VERDICT+=("- $name: **missed**: $(IFS=';'; echo "${problems[*]}" | sed 's/;/; /g').")
    fi
done
(( MISSED == 0 )) && VERDICT+=("- Every endpoint met its target (share of the stock app, p99 under 100 ms, no errors).")

CPU=$(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo)
SECTION="$WORK/web.md"
{
    echo "## Web"
    echo
    echo "Measured $(date -u '+%d/%m/%Y %H:%M') UTC on $(nproc) cores ($CPU), $(free -g | awk '/Mem:/ { print $2 }') GB RAM, shared with other work; .NET SDK $(dotnet --version), Release builds."
    echo "**Load average** (1, 5, 15 min) before the runs: $LOAD_BEFORE; after: $LOAD_AFTER (on 2 cores anything above 2 means other processes were competing: compare the ratios, not the absolute figures)."
    echo "Command: \`bench/web/run.sh\`: wrk -t$THREADS -c$CONNECTIONS on 127.0.0.1, first $ROUNDS warm-up rounds of ${SETTLE_SECONDS}s over every endpoint (the servers settle: code compiled and optimised), then per endpoint $WARMUP warm-up and $DURATION measured, signed in afresh before each one."
    echo "Reference, in the same run: the stock \`dotnet new webapp\` (Production, as generated) plus \`app.MapGet(\"/healthz\", () => \"ok\")\`. Stock empty page, measured after every $CHECKPOINT_EVERY endpoints: $STOCK_PAGES requests/s; each endpoint is compared with the mean of the measurements just before and after it (\"stock\" column). Stock \`/healthz\`: ${RPS[stock /healthz (start)]:-?} at the start, ${RPS[stock /healthz (end)]:-?} at the end (mean $STOCK_HEALTH; p99 ${P99[stock /healthz (start)]:-?} / ${P99[stock /healthz (end)]:-?} ms)."
    echo "ParIndex: Development environment (demo accounts), SQLite, request logging on. Server \"demo\": the demo department; server \"synthetic\": the demo plus the synthetic load (12 recorded years, 50 units, 5,029 tasks in the 2023 plan, 2,084 dossiers)."
    echo
    echo "| endpoint | path | signed in as | KB | requests/s | stock | of the stock | p50 (ms) | p99 (ms) | errors |"
    echo "|---|---|---|---:|---:|---:|---:|---:|---:|---:|"
    printf '%s\n' "${ROWS[@]}"
    echo
    echo "\"Of the stock\": requests/s against the stock empty page measured around it, except Health, against the stock \`/healthz\`."
    echo "Targets: sign-in page and Health ≥ 40%, the plan page with 29 tasks ≥ 5%, every other page ≥ 10%; p99 < 100 ms; no errors."
    echo
    printf '%s\n' "${VERDICT[@]}"
} >"$SECTION"

# Replace the "## Web" section of the document, leaving every other section as it is.
mkdir -p "$(dirname "$DOC")"
[[ -f "$DOC" ]] || printf '# Performance\n\nMeasured figures; each section is written by its own benchmark.\n\n' >"$DOC"
python3 - "$DOC" "$SECTION" <<'PY'
import re, sys
doc, section = sys.argv[1], open(sys.argv[2], encoding="utf-8").read().rstrip() + "\n"
text = open(doc, encoding="utf-8").read()
pattern = re.compile(r"^## Web\n.*?(?=^## |\Z)", re.S | re.M)
text = pattern.sub(lambda _: section + "\n", text, count=1) if pattern.search(text) else text.rstrip() + "\n\n" + section
open(doc, "w", encoding="utf-8").write(text)
PY
echo "== Written to $DOC"
cat "$SECTION"
