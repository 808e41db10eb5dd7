#!/usr/bin/env bash
# Shared helpers for the load and fault scripts: start/stop the app on loopback over its own SQLite copy, sign in.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# A free loopback port unless PORT is given: several checkouts may run these scripts on one machine at once.
PORT="${PORT:-$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}"
BASE="http://127.0.0.1:${PORT}"
WORK="${WORK:-$(mktemp -d /tmp/parindex-load.XXXXXX)}"
DB="$WORK/parindex.db"
DLL="$ROOT/src/ParIndex.Web/bin/Release/net10.0/ParIndex.Web.dll"
PASSWORD="${PASSWORD:-ParIndex-Demo-2026}"

build_app() {
  [ -f "$DLL" ] && [ "${REBUILD:-0}" = 0 ] || dotnet build "$ROOT/src/ParIndex.Web" -c Release -nologo -v q >/dev/null
}

start_app() {
  # SEED_DB: a demo database seeded once (ci.sh) and copied, so each script skips the slow first seeding.
  if [ ! -f "$DB" ] && [ -n "${SEED_DB:-}" ] && [ -f "$SEED_DB" ]; then cp "$SEED_DB" "$DB"; fi
  ( cd "$ROOT/src/ParIndex.Web" && \
    ASPNETCORE_ENVIRONMENT=Development ASPNETCORE_URLS="$BASE" \
    ConnectionStrings__ParIndex="Data Source=$DB" Demo__Enabled=true \
    Logging__Folder="$WORK/logs" Storage__Folder="$WORK/files" \
    Security__SignInAttemptsPerMinute=10000 \
    exec dotnet "$DLL" >>"$WORK/app.out" 2>&1 ) &
  APP_PID=$!
  for _ in $(seq 1 120); do
    curl -fsS "$BASE/readyz" >/dev/null 2>&1 && return 0
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

# setup_writers <scores> <tasks> [pair_scores] [pair_tasks]: signs in as the Office user (an editor) and exports what
# writers.lua needs: SCORES (distinct manual sub-criteria of YEAR, whose self-assessment is open in the demo data), TASKS
# (distinct open tasks of YEAR's plan), PAIR_SCORES and PAIR_TASKS (further distinct ones, each saved by two writers at
# once), COOKIE, TOKEN; and AUDIT_START / PROGRESS_START to tell this run's writes from the seed.
setup_writers() {
  YEAR="${YEAR:-2023}"; export YEAR
  local jar="$WORK/office.jar" pair_scores="${3:-0}" pair_tasks="${4:-0}" all
  sign_in vanphong@parindex.local "$jar"
  all=$(sql "SELECT group_concat(Id, ' ') FROM (SELECT s.Id FROM SubCriteria s JOIN Criteria c ON c.Id = s.CriterionId
    JOIN Areas a ON a.Id = c.AreaId JOIN Frameworks f ON f.Id = a.FrameworkId
    WHERE f.Year = $YEAR AND s.RuleKind = 'Manual' ORDER BY s.Id LIMIT $(($1 + pair_scores)))")
  SCORES=$(echo $all | cut -d' ' -f1-"$1"); PAIR_SCORES=$(echo $all | cut -s -d' ' -f$(($1 + 1))-)
  all=$(sql "SELECT group_concat(Id, ' ') FROM (SELECT t.Id FROM PlanTasks t JOIN Plans p ON p.Id = t.PlanId
    WHERE p.TargetYear = $YEAR AND t.Status IN ('NotStarted', 'InProgress') ORDER BY t.Id LIMIT $(($2 + pair_tasks)))")
  TASKS=$(echo $all | cut -d' ' -f1-"$2"); PAIR_TASKS=$(echo $all | cut -s -d' ' -f$(($2 + 1))-)
  [ "$pair_scores" -gt 0 ] || PAIR_SCORES=""
  [ "$pair_tasks" -gt 0 ] || PAIR_TASKS=""
  TOKEN="$(token_of "/Assessments/$YEAR/Score/${SCORES%% *}" "$jar")"
  COOKIE="$(cookie_header "$jar")"
  export SCORES TASKS PAIR_SCORES PAIR_TASKS TOKEN COOKIE
  # The shared scores get a first save now, so that the pairs race on the Version. (Racing on the first insert, which
  # the unique index decides, works too, but EF Core logs the refused INSERT as an error, which this check forbids;
  # tests/ParIndex.Web.Tests/Writes/SaveRaceTests covers it.)
  local id version status
  for id in $PAIR_SCORES; do
    version=$(curl -fsS -b "$jar" "$BASE/Assessments/$YEAR/Score/$id" | grep -o 'name="Input.Version" value="[^"]*"' | sed 's/.*value="//;s/"$//')
    status=$(curl -sS -o /dev/null -w '%{http_code}' -b "$jar" -X POST "$BASE/Assessments/$YEAR/Score/$id" \
      --data-urlencode "Input.Round=Self" --data-urlencode "Input.Score=0" --data-urlencode "Input.Note=Tự chấm tải $id trước cặp" \
      --data-urlencode "Input.LostReason=Lý do trước cặp" --data-urlencode "Input.Version=$version" --data-urlencode "__RequestVerificationToken=$TOKEN")
    [ "$status" = 302 ] || { echo "the first save of the shared score $id answered $status" >&2; return 1; }
  done
  AUDIT_START=$(sql "SELECT COALESCE(MAX(Id), 0) FROM AuditEntries")
  PROGRESS_START=$(sql "SELECT COALESCE(MAX(Id), 0) FROM TaskProgress")
}

# score_saves <subCriterionId>: how many of this run's score saves the database holds whole, or "broken: ..." when
# the score row and its audit trail disagree. A save is whole when the score's note says "lần k" and the audit trail
# holds exactly k entries for it since the run began (the creation, then one SelfNote change per save): a change and
# its audit rows commit together.
score_saves() {
  local row id note lost score k audited
  row=$(sql -separator $'\t' "SELECT s.Id, COALESCE(s.SelfNote, ''), COALESCE(s.LostReason, ''), COALESCE(CAST(s.SelfScore AS REAL), '')
    FROM Scores s JOIN Assessments a ON a.Id = s.AssessmentId WHERE a.Year = $YEAR AND s.SubCriterionId = $1")
  IFS=$'\t' read -r id note lost score <<<"$row"
  audited=$(sql "SELECT COUNT(*) FROM AuditEntries WHERE Id > $AUDIT_START AND EntityType = 'SubCriterionScore'
    AND EntityId = '$id' AND (Field = 'SelfNote' OR Action = 'Created')")
  case "$note" in
    "Tự chấm tải $1 lần "*) k=${note##* } ;;
    *) k=0 ;;
  esac
  if [ "$k" != "$audited" ]; then echo "broken: note '$note' but $audited audited note changes"; return; fi
  if [ "$k" -gt 0 ] && { [ "$lost" != "Lý do $note" ] || [ "$score" != 0.0 ]; }; then
    echo "broken: note '$note' with score '$score' and reason '$lost'"; return
  fi
  echo "$k"
}

# task_saves <taskId>: how many of this run's progress updates the database holds whole, or "broken: ...". Each
# update is a TaskProgress row numbered "lần 1..k" without gaps, each with its audit entry, and the task's
# percentage is the one the latest update set.
task_saves() {
  local rows audited maxn percent latest
  rows=$(sql "SELECT COUNT(*) FROM TaskProgress WHERE Id > $PROGRESS_START AND PlanTaskId = $1")
  maxn=$(sql "SELECT COALESCE(MAX(CAST(substr(Note, length('Tiến độ tải $1 lần ') + 1) AS INTEGER)), 0) FROM TaskProgress
    WHERE Id > $PROGRESS_START AND PlanTaskId = $1 AND Note LIKE 'Tiến độ tải $1 lần %'")
  audited=$(sql "SELECT COUNT(*) FROM AuditEntries WHERE Id > $AUDIT_START AND EntityType = 'PlanTask' AND EntityId = '$1'
    AND Action = 'Created' AND Field LIKE 'Progress[%'")
  if [ "$rows" != "$maxn" ] || [ "$rows" != "$audited" ]; then
    echo "broken: $rows progress rows, numbered up to $maxn, $audited audited"; return
  fi
  if [ "$rows" -gt 0 ]; then
    percent=$(sql "SELECT PercentComplete FROM PlanTasks WHERE Id = $1")
    latest=$(sql "SELECT Percent FROM TaskProgress WHERE Id > $PROGRESS_START AND PlanTaskId = $1 ORDER BY Id DESC LIMIT 1")
    [ "$percent" = "$latest" ] || { echo "broken: task at $percent% but its latest update says $latest%"; return; }
  fi
  echo "$rows"
}

# pair_score_saves <subCriterionId>: how many saves of the two writers sharing this score the database holds whole, or
# "broken: ...". Each save changed the note (each writer tags its own, "cặp 1|2 lần k"), so the saves are the audited
# note changes since the run began; the score row must hold the last one's note, reason and score.
pair_score_saves() {
  local row id note lost score audited
  row=$(sql -separator $'\t' "SELECT s.Id, COALESCE(s.SelfNote, ''), COALESCE(s.LostReason, ''), COALESCE(CAST(s.SelfScore AS REAL), '')
    FROM Scores s JOIN Assessments a ON a.Id = s.AssessmentId WHERE a.Year = $YEAR AND s.SubCriterionId = $1")
  IFS=$'\t' read -r id note lost score <<<"$row"
  audited=0
  [ -n "$id" ] && audited=$(sql "SELECT COUNT(*) FROM AuditEntries WHERE Id > $AUDIT_START AND EntityType = 'SubCriterionScore'
    AND EntityId = '$id' AND (Field = 'SelfNote' OR Action = 'Created')")
  case "$note" in
    "Tự chấm tải $1 cặp "[12]" lần "*)
      if [ "$lost" != "Lý do $note" ] || [ "$score" != 0.0 ]; then echo "broken: note '$note' with score '$score' and reason '$lost'"; return; fi ;;
    *) [ "$audited" = 0 ] || { echo "broken: note '$note' but $audited audited note changes"; return; } ;;
  esac
  echo "$audited"
}

# pair_task_saves <taskId>: how many progress updates of the two writers sharing this task the database holds whole, or
# "broken: ...". Each writer numbers its own updates "cặp w lần 1..k" without gaps or repeats (a conflict is retried
# with the same number), each row has its audit entry, and the task's percentage is the latest update's.
pair_task_saves() {
  local rows audited w n maxn percent latest
  rows=$(sql "SELECT COUNT(*) FROM TaskProgress WHERE Id > $PROGRESS_START AND PlanTaskId = $1")
  audited=$(sql "SELECT COUNT(*) FROM AuditEntries WHERE Id > $AUDIT_START AND EntityType = 'PlanTask' AND EntityId = '$1'
    AND Action = 'Created' AND Field LIKE 'Progress[%'")
  [ "$rows" = "$audited" ] || { echo "broken: $rows progress rows, $audited audited"; return; }
  for w in 1 2; do
    n=$(sql "SELECT COUNT(*) FROM TaskProgress WHERE Id > $PROGRESS_START AND PlanTaskId = $1 AND Note LIKE 'Tiến độ tải $1 cặp $w lần %'")
    maxn=$(sql "SELECT COUNT(DISTINCT Note) || ' ' || COALESCE(MAX(CAST(substr(Note, length('Tiến độ tải $1 cặp $w lần ') + 1) AS INTEGER)), 0)
      FROM TaskProgress WHERE Id > $PROGRESS_START AND PlanTaskId = $1 AND Note LIKE 'Tiến độ tải $1 cặp $w lần %'")
    [ "$maxn" = "$n $n" ] || { echo "broken: writer $w has $n rows, distinct and highest number: $maxn"; return; }
  done
  if [ "$rows" -gt 0 ]; then
    percent=$(sql "SELECT PercentComplete FROM PlanTasks WHERE Id = $1")
    latest=$(sql "SELECT Percent FROM TaskProgress WHERE Id > $PROGRESS_START AND PlanTaskId = $1 ORDER BY Id DESC LIMIT 1")
    [ "$percent" = "$latest" ] || { echo "broken: task at $percent% but its latest update says $latest%"; return; }
  fi
  echo "$rows"
}

# unrelated_write: the Admin creates a unit through the real form; prints "<status> <seconds>" and fails unless it
# answered 302 within a second and the unit is in the database.
unrelated_write() {
  local jar="$WORK/admin.jar" token code out
  sign_in admin@parindex.local "$jar"
  token=$(token_of /Admin/Units "$jar")
  code="SAU$RANDOM"
  out=$(curl -sS -o /dev/null -w '%{http_code} %{time_total}' -c "$jar" -b "$jar" -X POST "$BASE/Admin/Units?handler=Create" \
    --data-urlencode "Input.Code=$code" --data-urlencode "Input.Name=Đơn vị tạo sau tải $code" --data-urlencode "__RequestVerificationToken=$token")
  echo "$out"
  [ "${out% *}" = 302 ] && awk "BEGIN { exit !(${out#* } < 1) }" && [ "$(sql "SELECT COUNT(*) FROM Units WHERE Code = '$code'")" = 1 ]
}
