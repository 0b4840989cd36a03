#!/usr/bin/env bash
# Fleet view benchmark (docs/benchmarks.md): a generated fleet of REPOS x PROJECTS x WEEKS audit files, then
# `platform fleet ingest` and `platform fleet report` timed as processes (wall and CPU), the page's size, and the time
# until the page is interactive in headless Chromium. Usage: bench/fleet.sh [repos] [projects] [weeks]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
repos="${1:-1000}" projects="${2:-20}" weeks="${3:-52}"
work="$(mktemp -d /tmp/platform-fleet-bench-XXXXXX)"
trap 'rm -rf "$work"' EXIT

dotnet build bench/FleetBench -c Release -nodeReuse:false -v q >/dev/null
bench="bench/FleetBench/bin/Release/net10.0/FleetBench"
cli="dotnet sdk/Platform.Cli/bin/Release/net10.0/platform.dll"

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
"$bench" generate "$work/audits" "$repos" "$projects" "$weeks"

timed() { # label, command...: prints wall and CPU (user+sys) seconds of the command
  local label="$1"; shift
  /usr/bin/time -f "$label: wall %e s, CPU %U+%S s, max RSS %M KiB" "$@"
}
timed "ingest" $cli fleet ingest "$work/audits" --database "$work/fleet.db"
timed "report" $cli fleet report --database "$work/fleet.db" --output "$work/fleet.html" --markdown "$work/fleet.md" --today 2026-12-01
echo "page: $(stat -c %s "$work/fleet.html") bytes; database: $(stat -c %s "$work/fleet.db") bytes; markdown: $(stat -c %s "$work/fleet.md") bytes"
"$bench" open "$work/fleet.html"
"$bench" open "$work/fleet.html"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
