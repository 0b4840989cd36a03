#!/usr/bin/env bash
# The kit's entry point.
#   ./build.sh              pack every package of the kit, at one version, into artifacts/packages
#   ./build.sh quickstart   pack, then build and test the samples on the packed SDK and print what it applied
#   ./build.sh test         run the whole test suite (same as: dotnet test Platform.Sdk.sln)
#   ./build.sh bench        run the benchmarks in bench/ and print the ratios
# PLATFORM_VERSION sets the package version (default 1.0.0-dev, the version samples/global.json pins).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
version="${PLATFORM_VERSION:-1.0.0-dev}"
feed="$root/artifacts/packages"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

pack() {
  echo "==> Packing the kit $version into artifacts/packages"
  rm -f "$feed"/Platform.*."$version".nupkg
  dotnet pack "$root/sdk/Platform.Kit.slnf" -c Release -o "$feed" -p:Version="$version" -nodeReuse:false -clp:ErrorsOnly
  # A repacked package with the same version would be served stale from the NuGet cache: drop our old copies.
  local cache="${NUGET_PACKAGES:-$HOME/.nuget/packages}"
  for package in "$feed"/Platform.*."$version".nupkg; do
    local id
    id="$(basename "$package" ".$version.nupkg" | tr '[:upper:]' '[:lower:]')"
    rm -rf "${cache:?}/$id/$version"
  done
  ls -1 "$feed"/*."$version".nupkg | sed "s|$root/||"
}

quickstart() {
  pack
  # SourceLink needs a hosted remote (https or ssh); a local clone without one would only produce warnings.
  local sample_args=()
  if ! git -C "$root" remote get-url origin 2>/dev/null | grep -qE '^(https://|git@|ssh://)'; then
    echo "(this checkout has no hosted git remote: building the samples with PlatformSourceLink=false)"
    sample_args+=(-p:PlatformSourceLink=false)
  fi
  echo "==> Building the samples on Platform.Sdk $version"
  dotnet build "$root/samples/Samples.sln" -nodeReuse:false -clp:"ErrorsOnly;Summary" "${sample_args[@]}"
  echo "==> Testing the samples"
  dotnet test "$root/samples/Samples.sln" --no-build -nodeReuse:false
  echo "==> What the SDK applied"
  "$root/samples/print-applied.sh"
}

case "${1:-pack}" in
  pack) pack ;;
  quickstart) quickstart ;;
  test) dotnet test "$root/Platform.Sdk.sln" ;;
  bench) "$root/bench/run.sh" ;;
  *) echo "usage: ./build.sh [pack|quickstart|test|bench]" >&2; exit 2 ;;
esac
