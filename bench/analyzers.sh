#!/usr/bin/env bash
# Analyzer cost: a generated ~500-file web service on Platform.Sdk.Web (bench/gen_service.py: services with ILogger<T>,
# IHttpClientFactory, TimeProvider, async/await, typed clients, BackgroundServices, endpoint groups; a platform-rule
# violation in every 25th file), built with the compiler's analyzer timing report.
#   restore once, then per run: dotnet build --no-restore --no-incremental -p:ReportAnalyzer=true -v:d
#   -clp:PerformanceSummary (Debug, -nodeReuse:false, DOTNET_CLI_USE_MSBUILD_SERVER=0, default PlatformAnalysisMode
#   = recommended), then bench/analyzer_report.py takes the medians over the runs.
# Usage: bench/analyzers.sh [runs] [files]   (default 3 500). Prints markdown tables.
set -euo pipefail
source "$(dirname "$0")/common.sh"
runs="${1:-3}"; files="${2:-500}"

work="$(mktemp -d "${TMPDIR:-/tmp}/platform-analyzers-bench.XXXXXX")"
trap 'rm -rf "$work"' EXIT
bench_setup_feed "$work"
bench_consumer_dir "$work"
cp "$bench_root/samples/Directory.Build.props" "$work/"
proj="$work/Bench.Service"
python3 "$bench_root/bench/gen_service.py" "$proj" "$files"
echo '<Project Sdk="Platform.Sdk.Web" />' > "$proj/Bench.Service.csproj"

dotnet restore "$proj" -nodeReuse:false -nologo -v:q >&2
logs=()
for i in $(seq 1 "$runs"); do
  log="$work/build-$i.log"
  start=$(bench_now_ms)
  dotnet build "$proj" --no-restore --no-incremental -nodeReuse:false -nologo \
    -p:ReportAnalyzer=true -v:d -clp:PerformanceSummary > "$log" 2>&1 || { tail -50 "$log" >&2; exit 1; }
  echo "run $i: $(( $(bench_now_ms) - start )) ms, $(grep -cE 'warning PLAT[0-9]+' "$log") PLAT warning lines" >&2
  logs+=("$log")
done
cp "${logs[0]}" "${TMPDIR:-/tmp}/platform-bench-analyzers-build.log"  # kept for inspection

echo "### Analyzer cost, $(ls "$proj"/*.cs | wc -l) files, $runs builds ($(date -u +%F), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg))"
python3 "$bench_root/bench/analyzer_report.py" "${logs[@]}"
echo
echo "PLAT diagnostics reported (distinct, first build):"
grep -oE 'warning PLAT[0-9]+' "${logs[0]}" | sort | uniq -c | sed 's/^/  /'
