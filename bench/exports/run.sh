#!/usr/bin/env bash
# Times the plan exports (PDF and the appendix workbook) for the demo plan and synthetic plans of 500 and
# 5,000 tasks, in Release, each measurement in a process of its own (read from SQLite + compose + render).
# Usage: bench/exports/run.sh [runs]   (default 5 timed runs after one warm-up)
set -euo pipefail
cd "$(dirname "$0")/../.."
runs="${1:-5}"
work="$(mktemp -d /tmp/parindex-bench-exports.XXXXXX)"
project=bench/exports/ExportBench/ExportBench.csproj

dotnet build "$project" -c Release -nologo -v quiet -o "$work/bin" >/dev/null
bench="$work/bin/ExportBench"

echo "preparing demo database + synthetic plans in $work ..."
"$bench" prepare "$work/bench.db" >/dev/null

echo "load average: $(cut -d" " -f1-3 /proc/loadavg)"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), .NET $(dotnet --version)"
for year in 2023 2098 2099; do
  for kind in pdf xlsx; do
    n="$runs"; [ "$year" = 2099 ] && n=3
    "$bench" measure "$work/bench.db" "$year" "$kind" "$n" | grep '^RESULT' | sed "s/^RESULT /year=$year /"
  done
done
echo "load average after: $(cut -d" " -f1-3 /proc/loadavg)"
rm -rf "$work"
