#!/usr/bin/env bash
# The kit's entry point.
#   ./build.sh              pack every package of the kit, at one version, into artifacts/packages
#   ./build.sh quickstart   pack, then build and test the samples on the packed SDK and print what it applied, then
#                           scaffold a repo and a service with the templates into artifacts/quickstart, build and test it
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
  # A CI reproduction: analyse as CI does even on a developer's machine (docs/properties.md#inner-loop).
  local sample_args=(-p:PlatformLocalAnalysis=full)
  if ! git -C "$root" remote get-url origin 2>/dev/null | grep -qE '^(https://|git@|ssh://)'; then
    echo "(this checkout has no hosted git remote: building the samples with PlatformSourceLink=false)"
    sample_args+=(-p:PlatformSourceLink=false)
  fi
  # The samples' lock files are not committed (samples/.gitignore): a repacked kit at the same version has new bytes, so
  # a lock file left from an earlier run would fail restore with NU1403.
  rm -f "$root"/samples/*/packages.lock.json
  echo "==> Building the samples on Platform.Sdk $version"
  dotnet build "$root/samples/Samples.sln" -nodeReuse:false -clp:"ErrorsOnly;Summary" "${sample_args[@]}"
  echo "==> Testing the samples"
  dotnet test "$root/samples/Samples.sln" --no-build -nodeReuse:false
  echo "==> What the SDK applied"
  "$root/samples/print-applied.sh"
  scaffold
}

# Scaffolds a repository with the templates just packed (platform-repo + platform-api) into artifacts/quickstart,
# its NuGet.config pointing at artifacts/packages, then restores, builds and tests it as its own CI workflow would.
scaffold() {
  local out="$root/artifacts/quickstart" started=$SECONDS
  local repo="$out/Contoso.Orders" hive="$out/.templates/hive"
  rm -rf "$out" && mkdir -p "$out/.templates/home"
  # An isolated template hive and CLI home: the machine's installed templates are neither read nor changed.
  new() { DOTNET_CLI_HOME="$out/.templates/home" dotnet new "$@" --debug:custom-hive "$hive"; }
  echo "==> Scaffolding artifacts/quickstart/Contoso.Orders with Platform.Templates $version"
  DOTNET_CLI_HOME="$out/.templates/home" dotnet new install "$feed/Platform.Templates.$version.nupkg" --debug:custom-hive "$hive" >/dev/null
  new platform-repo -n Contoso.Orders -o "$repo" --feed "$feed" --no-update-check >/dev/null
  (cd "$repo" && new platform-api -n Orders.Api --no-update-check >/dev/null)
  # A hosted-looking remote, as a real checkout has, so SourceLink has a repository to describe.
  git -C "$repo" init -q -b main
  git -C "$repo" remote add origin https://github.com/contoso/contoso-orders.git
  (cd "$repo" && find . -type f -not -path './.git/*' | sort | sed 's|^\./|    |')
  echo "==> Restoring (writes the lock files), then building and testing as the repo's workflow does"
  (cd "$repo" && env -u CI dotnet restore -nodeReuse:false -v:q \
    && git add -A && git -c user.email=quickstart@example.com -c user.name=quickstart commit -q -m scaffold \
    && dotnet build --no-restore --configuration Release -nodeReuse:false -clp:"ErrorsOnly;Summary" -p:PlatformLocalAnalysis=full \
    && dotnet test --no-build --configuration Release)
  echo "==> Scaffolded, built and tested artifacts/quickstart/Contoso.Orders in $((SECONDS - started)) s"
}

case "${1:-pack}" in
  pack) pack ;;
  quickstart) quickstart ;;
  scaffold) scaffold ;;
  test) dotnet test "$root/Platform.Sdk.sln" ;;
  bench) "$root/bench/run.sh" ;;
  *) echo "usage: ./build.sh [pack|quickstart|scaffold|test|bench]" >&2; exit 2 ;;
esac
