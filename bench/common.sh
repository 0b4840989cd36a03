# Helpers shared by bench/build.sh, bench/telemetry.sh, bench/patterns.sh and bench/analyzers.sh (sourced, not run).
#   bench_consumer_dir DIR   writes global.json (msbuild-sdks pinned to the kit's version), NuGet.config (a private copy of
#                            the kit's feed + nuget.org for everything else) into DIR: a consumer repo outside this one.
#   bench_now_ms             wall clock in milliseconds.
#   bench_runtime_pair       builds the platform and handwritten OrdersApi, runs telemetry_driver.py, prints the table.
#   bench_compiler_args      the MSBuild arguments that compile through this run's own compiler server (see below).
#   bench_compiler_cpu_ms    CPU time (user + sys, ms) the compiler server has used so far; 0 before it has started.
#   bench_compiler_stop      stops this run's compiler server, by its PID.
# The feed is copied once per run into $work/feed and packages go to a private NUGET_PACKAGES under $work, so a
# concurrent ./build.sh (which repacks the same version and drops it from the shared cache) cannot change the
# packages under measurement.
# Both variants of every benchmark build with -nodeReuse:false and DOTNET_CLI_USE_MSBUILD_SERVER=0 (the Roslyn
# compiler server stays on, as by default, for both).
bench_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_CLI_USE_MSBUILD_SERVER=0
unset CI  # measure the developer loop, not CI mode (identical for both variants either way)

bench_setup_feed() { # $1 = work dir; sets bench_version, bench_feed, NUGET_PACKAGES
  local src="$bench_root/artifacts/packages"
  bench_version="$(ls "$src" | sed -n 's/^Platform\.Sdk\.\([0-9].*\)\.nupkg$/\1/p' | sort -V | tail -1)"
  [ -n "$bench_version" ] || { echo "No Platform.Sdk package in $src: run ./build.sh first." >&2; exit 1; }
  # A package older than the kit's sources measures yesterday's kit (it happened after a merge): refuse, name the fix.
  local stale
  stale="$(find "$bench_root/sdk" "$bench_root/analyzers" "$bench_root/templates" -type f -newer "$src/Platform.Sdk.$bench_version.nupkg" \
    -not -path '*/bin/*' -not -path '*/obj/*' -print -quit)"
  [ -z "$stale" ] || [ -n "${BENCH_ALLOW_STALE_KIT:-}" ] \
    || { echo "$src/Platform.Sdk.$bench_version.nupkg is older than $stale: run ./build.sh pack first (or BENCH_ALLOW_STALE_KIT=1)." >&2; exit 1; }
  bench_feed="$1/feed"
  mkdir -p "$bench_feed" "$1/packages"
  cp "$src"/Platform.*."$bench_version".nupkg "$bench_feed/"
  export NUGET_PACKAGES="$1/packages"
}

bench_consumer_dir() {
  mkdir -p "$1"
  cat > "$1/global.json" <<JSON
{
  "sdk": { "version": "10.0.100", "rollForward": "latestMajor" },
  "msbuild-sdks": { "Platform.Sdk": "$bench_version", "Platform.Sdk.Web": "$bench_version", "Platform.Sdk.Test": "$bench_version" }
}
JSON
  cat > "$1/NuGet.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <clear />
    <add key="platform" value="$bench_feed" />
    <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
  </packageSources>
  <packageSourceMapping>
    <packageSource key="platform"><package pattern="Platform.*" /></packageSource>
    <packageSource key="nuget.org"><package pattern="*" /></packageSource>
  </packageSourceMapping>
</configuration>
XML
}

bench_now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

# Builds $work/{platform,handwritten}/OrdersApi (Release), runs telemetry_driver.py on both side by side (startup to the
# first 200 from the probe, then wrk on GET /orders/1) and prints the table. Reads startup_runs, wrk_runs, wrk_seconds.
bench_runtime_pair() { # $1 = table title, $2 = the hand-written variant's probe path
  local variant samples="$work/samples.tsv"
  for variant in platform handwritten; do
    echo "Building $variant (Release)…" >&2
    dotnet build "$work/$variant/OrdersApi" -c Release -nodeReuse:false -nologo -clp:ErrorsOnly >&2
  done
  python3 "$bench_root/bench/telemetry_driver.py" "$startup_runs" "$wrk_runs" "$wrk_seconds" \
    "platform=$work/platform/OrdersApi/bin/Release/net10.0/OrdersApi:/health/live" \
    "handwritten=$work/handwritten/OrdersApi/bin/Release/net10.0/OrdersApi:$2" > "$samples"
  echo "### $1 ($(date -u +%F), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg))"
  python3 "$bench_root/bench/stats.py" handwritten platform < "$samples"
}

# The compiler as developers run it: `dotnet build` hands every compilation to the Roslyn compiler server
# (VBCSCompiler), which stays up between builds with the analyzers and generators loaded and JIT-compiled. Each
# benchmark run starts its own server (a pipe name of its own, so no other build on the machine shares it and its CPU
# counter holds only this run's compilations) and warms it up for both variants alike. The server is not a child of
# the timed `dotnet build`, so GNU time misses it: its CPU is read from /proc before and after each build and added.
# (UseSharedCompilation is set explicitly: this machine's environment turns the server off for everything else.)
bench_compiler_id="platform-bench-$$"
bench_compiler_args=(-p:UseSharedCompilation=true "-p:SharedCompilationId=$bench_compiler_id")
bench_compiler_pid() { pgrep -f -- "-pipename:$bench_compiler_id\b" | head -1 || true; }
bench_compiler_cpu_ms() {
  local pid
  pid="$(bench_compiler_pid)"
  if [ -z "$pid" ] || [ ! -r "/proc/$pid/stat" ]; then echo 0; return; fi
  # Fields 14 and 15 of /proc/PID/stat (after the parenthesised name): user and system time in clock ticks.
  sed 's/^.*) //' "/proc/$pid/stat" | awk -v hz="$(getconf CLK_TCK)" '{ printf "%d\n", ($12 + $13) * 1000 / hz }'
}
bench_compiler_stop() {
  local pid
  pid="$(bench_compiler_pid)"
  [ -z "$pid" ] || kill "$pid" 2>/dev/null || true
}

