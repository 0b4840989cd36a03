# Helpers shared by bench/build.sh, bench/telemetry.sh and bench/analyzers.sh (sourced, not run).
#   bench_consumer_dir DIR   writes global.json (msbuild-sdks pinned to the kit's version), NuGet.config (a private copy of
#                            the kit's feed + nuget.org for everything else) into DIR: a consumer repo outside this one.
#   bench_now_ms             wall clock in milliseconds.
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
