#!/usr/bin/env bash
# SDK overhead on build time: samples/OrdersApi on Platform.Sdk.Web vs the identical service on Microsoft.NET.Sdk.Web.
#   platform:  the sample as it is (<Project Sdk="Platform.Sdk.Web" />, the samples' Directory.Build.props).
#   microsoft: the same Program.cs and Directory.Build.props; the csproj is Microsoft.NET.Sdk.Web with only what the
#              code needs to compile: TargetFramework net10.0, ImplicitUsings, Nullable (the `dotnet new web` defaults),
#              a PackageReference to Platform.ServiceDefaults from the same feed, and <Using Include="Platform.ServiceDefaults" />
#              (the global using Platform.Sdk adds).
# Both are copied into a temp dir outside this repo. Per run, per variant, alternating the order every run:
#   full:  rm -rf bin obj; dotnet restore (not timed); time `dotnet build --no-restore`
#   no-op: right after, time a second `dotnet build --no-restore` (nothing changed)
# Both with -nodeReuse:false and DOTNET_CLI_USE_MSBUILD_SERVER=0; Debug configuration (the inner dev loop); each copy is
# a git checkout with a hosted-looking remote, as a developer's clone is (SourceLink reads it in both).
# The compiler runs as developers run it: through the Roslyn compiler server, one private server per benchmark run,
# warmed up by the first builds and shared by both variants (common.sh, bench_compiler_args). BENCH_COMPILER=cold
# instead compiles in a fresh csc process per build (-p:UseSharedCompilation=false), as CI's first build does; the
# figures recorded before 2026-12-02 were measured that way.
# Recorded per build: wall time, and CPU time: user+sys of the whole process tree (GNU time) plus the CPU the compiler
# server spent meanwhile (read from /proc, one second after the build so its background JIT of that compilation counts).
# On a loaded machine the CPU time is the steadier figure: it does not grow with the time spent waiting for a core.
# A third variant, platform-ci, builds the platform copy as CI does (CI=true: full analysis, warnings as errors, locked
# restore, in a git checkout with a hosted-looking remote for SourceLink); it is reported, with no goal. The two
# platform variants run as a developer's `dotnet build` and as CI runs it; see docs/properties.md#inner-loop.
# Then checks the platform no-op build is incremental: CoreCompile skipped, no file under bin/ or obj/ written,
# and lists the Platform targets that still execute (detailed log).
# Usage: bench/build.sh [runs]   (default 6). Prints markdown tables (stats.py) and the incrementality check.
set -euo pipefail
source "$(dirname "$0")/common.sh"
runs="${1:-6}"

work="$(mktemp -d "${TMPDIR:-/tmp}/platform-build-bench.XXXXXX")"
trap 'bench_compiler_stop; rm -rf "$work"' EXIT
bench_setup_feed "$work"

variants=(platform microsoft platform-ci)
for variant in "${variants[@]}"; do
  dir="$work/$variant"
  bench_consumer_dir "$dir"
  mkdir -p "$dir/OrdersApi"
  cp "$bench_root/samples/Directory.Build.props" "$dir/"
  cp "$bench_root/samples/OrdersApi/Program.cs" "$dir/OrdersApi/"
done
cp "$bench_root/samples/OrdersApi/OrdersApi.csproj" "$work/platform/OrdersApi/"
cp "$bench_root/samples/OrdersApi/OrdersApi.csproj" "$work/platform-ci/OrdersApi/"
# A developer's clone and CI's checkout alike: a repository with a remote (SourceLink reads it); CI restores against the
# committed lock file.
for variant in "${variants[@]}"; do
  printf 'bin/\nobj/\n' > "$work/$variant/.gitignore"
  git -C "$work/$variant" init -q -b main
  git -C "$work/$variant" remote add origin https://github.com/contoso/orders.git
done
cat > "$work/microsoft/OrdersApi/OrdersApi.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk.Web">
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
    <ImplicitUsings>enable</ImplicitUsings>
    <Nullable>enable</Nullable>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="Platform.ServiceDefaults" Version="$bench_version" />
    <Using Include="Platform.ServiceDefaults" />
  </ItemGroup>
</Project>
XML

if [ "${BENCH_COMPILER:-server}" = cold ]; then compiler_args=(-p:UseSharedCompilation=false); else compiler_args=("${bench_compiler_args[@]}"); fi
msb=(-nodeReuse:false -nologo -clp:ErrorsOnly "${compiler_args[@]}")
ci_env() { # $1 = variant: the environment its commands run in
  if [ "$1" = platform-ci ]; then echo CI=true; else echo CI=; fi
}
timed_build() { # $1 = project dir, $2 = variant; prints "wall-ms cpu-ms compiler-server-cpu-ms"
  local server_before server_after
  server_before="$(bench_compiler_cpu_ms)"
  env "$(ci_env "$2")" /usr/bin/time -f '%e %U %S' -o "$work/time.txt" dotnet build "$1" --no-restore "${msb[@]}" >"$work/last.log" 2>&1 \
    || { cat "$work/last.log" >&2; exit 1; }
  sleep 1
  server_after="$(bench_compiler_cpu_ms)"
  awk -v server=$(( server_after - server_before )) '{ printf "%d %d %d\n", $1 * 1000, ($2 + $3) * 1000 + server, server }' "$work/time.txt"
}

# Warm-up: first restore fills the private package folder, first build warms the disk cache and the compiler server.
for variant in "${variants[@]}"; do
  dotnet restore "$work/$variant/OrdersApi" "${msb[@]}" >/dev/null
  git -C "$work/$variant" add -A && git -C "$work/$variant" -c user.email=bench@example.com -c user.name=bench commit -q -m bench
  timed_build "$work/$variant/OrdersApi" "$variant" >/dev/null
done
# A developer's server has compiled many times before. A fresh one costs far more CPU per compile for its first ~40
# compilations (measured 2026-12-02: 600-1,200 ms per compile of this service, then ~100 ms from about the 45th on, for
# both variants alike: tiered JIT and heap growth settling), and which variant happens to pay that depends on the order.
# So recompile each variant (an edited file: only the compile reruns) until the server has settled: at least
# BENCH_WARMUP_ROUNDS rounds (default 16, i.e. 48 compilations), printing the server CPU of each round, before anything
# is recorded. BENCH_WARMUP_ROUNDS=4 reproduces the figures recorded before 2026-12-02 03:00.
warmup_rounds="${BENCH_WARMUP_ROUNDS:-16}"
for round in $(seq 1 "$warmup_rounds"); do
  server_round="$(bench_compiler_cpu_ms)"
  for variant in "${variants[@]}"; do
    touch "$work/$variant/OrdersApi/Program.cs"
    timed_build "$work/$variant/OrdersApi" "$variant" >/dev/null
  done
  echo "warm-up round $round: compiler server $(( $(bench_compiler_cpu_ms) - server_round )) ms CPU for ${#variants[@]} compilations" >&2
done
sleep 5

samples="$work/samples.tsv"
for i in $(seq 1 "$runs"); do
  # Rotate the order every run, so no variant always goes first (or right after the same neighbour).
  case $(( i % 3 )) in
    1) order="platform microsoft platform-ci" ;;
    2) order="microsoft platform-ci platform" ;;
    0) order="platform-ci platform microsoft" ;;
  esac
  for variant in $order; do
    proj="$work/$variant/OrdersApi"
    rm -rf "$proj/bin" "$proj/obj"
    env "$(ci_env "$variant")" dotnet restore "$proj" "${msb[@]}" >/dev/null
    timed_build "$proj" "$variant" > "$work/full.txt"; read -r full full_cpu full_server < "$work/full.txt"
    timed_build "$proj" "$variant" > "$work/noop.txt"; read -r noop noop_cpu noop_server < "$work/noop.txt"
    printf '%s\t%s\t%s\n' "full build, wall (ms)" "$variant" "$full" "full build, CPU (ms)" "$variant" "$full_cpu" \
      "no-op build, wall (ms)" "$variant" "$noop" "no-op build, CPU (ms)" "$variant" "$noop_cpu" \
      "full build, of which compiler server CPU (ms)" "$variant" "$full_server" >> "$samples"
    cut -d' ' -f1 /proc/loadavg >> "$work/loads.txt"
    echo "run $i $variant: full ${full} ms (CPU ${full_cpu}, server ${full_server}), no-op ${noop} ms (CPU ${noop_cpu}), load $(tail -1 "$work/loads.txt")" >&2
  done
done

echo "### Build time, $runs runs each, alternating, compiler: ${BENCH_COMPILER:-server} ($(date -u +%F), $(nproc) cores, 1-minute load average during the runs $(sort -n "$work/loads.txt" | sed -n '1p;$p' | paste -sd'-'), median $(sort -n "$work/loads.txt" | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'))"
python3 "$bench_root/bench/stats.py" microsoft platform < "$samples"
echo
echo "### The same build in CI mode (CI=true), against the same Microsoft.NET.Sdk.Web runs (reported, no goal)"
python3 "$bench_root/bench/stats.py" microsoft platform-ci < "$samples"

# Incrementality of the platform no-op build.
proj="$work/platform/OrdersApi"
touch "$work/marker"; sleep 1
dotnet build "$proj" --no-restore -nodeReuse:false -nologo "${compiler_args[@]}" -v:d > "$work/noop-detailed.log" 2>&1
cp "$work/noop-detailed.log" "${TMPDIR:-/tmp}/platform-bench-noop-detailed.log"  # kept for inspection
echo
echo "### Incrementality of the Platform.Sdk.Web no-op build"
if grep -q 'Skipping target "CoreCompile" because all output files are up-to-date' "$work/noop-detailed.log"; then
  echo "- CoreCompile: skipped (all outputs up to date)"
else
  echo "- CoreCompile: NOT skipped"
fi
written="$(find "$proj/bin" "$proj/obj" -type f -newer "$work/marker" | sed "s|$proj/||" | sort | tr '\n' ' ')"
skipped_writes="$(grep -c 'Skipping write to file' "$work/noop-detailed.log" || true)"
echo "- files written under bin/ and obj/: ${written:-none}"
executed="$(grep -E '^ *([0-9]+>)?Target "_?Platform[A-Za-z]*" in file' "$work/noop-detailed.log" | grep -oE 'Target "[^"]+"' | grep -oE '"[^"]+"' | tr -d '"' | sort -u | tr '\n' ' ' || true)"
skipped="$(grep -oE 'Skipping target "_?Platform[A-Za-z]*" because all output files are up-to-date' "$work/noop-detailed.log" | grep -oE '"[^"]+"' | tr -d '"' | sort -u | tr '\n' ' ' || true)"
echo "- Platform targets entered (incl. those then skipped as up to date): ${executed:-none}"
echo "- Platform targets skipped as up to date (Inputs/Outputs): ${skipped:-none}"
echo "- WriteLinesToFile calls that skipped writing because the content would not change: $skipped_writes"
