#!/usr/bin/env bash
# The packed PLAT analyzers over a whole fetched repository, for review (false positives, misses, crashes).
# Takes Platform.Analyzers and Platform.ServiceDefaults from artifacts/packages (run ./build.sh first), compiles every
# .csproj folder of <repo-dir> as one project (kind inferred as Platform.Sdk would; packages are not restored, so only
# what binds is analysed; the regression suite's package-surface.cs adds the few package APIs the rules bind to) and prints every finding, a count per rule, and any analyzer crash (exit code 1).
# Usage: bench/realcode.sh <repo-dir>   e.g. a `fetch`ed mirror unpacked: mkdir /tmp/eShop && git -C <mirror> archive HEAD | tar -x -C /tmp/eShop
set -euo pipefail
source "$(dirname "$0")/common.sh"
repo="$(cd "${1:?usage: bench/realcode.sh <repo-dir>}" && pwd)"

work="$(mktemp -d "${TMPDIR:-/tmp}/platform-realcode.XXXXXX")"
trap 'rm -rf "$work"' EXIT
bench_setup_feed "$work"
unzip -q -o "$bench_feed/Platform.Analyzers.$bench_version.nupkg" 'analyzers/dotnet/cs/*' -d "$work/analyzers"
unzip -q -o "$bench_feed/Platform.ServiceDefaults.$bench_version.nupkg" 'lib/*' -d "$work/defaults"
defaults="$(find "$work/defaults/lib" -name Platform.ServiceDefaults.dll | sort | tail -1)"

runner="$bench_root/bench/RealCodeRunner"
dotnet build "$runner" -c Release -nodeReuse:false -nologo -v:q -o "$work/runner" >&2
echo "### PLAT findings on $(basename "$repo") ($(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo 'no git'), Platform.Analyzers $bench_version)"
# package-surface.cs: the few package API shapes (Serilog's static Log, EF Core's design-time factory) the rules bind to.
dotnet "$work/runner/RealCodeRunner.dll" "$work/analyzers/analyzers/dotnet/cs/Platform.Analyzers.dll" "$defaults" "$repo" \
  "$bench_root/tests/Platform.Analyzers.Tests/RealCode/package-surface.cs"
