#!/usr/bin/env bash
# Runs every benchmark in bench/, one after the other (never in parallel: each one compares two variants side by side,
# alternating, and a second benchmark would only add noise), and prints their tables. `./build.sh bench` calls it.
#   build.sh      SDK overhead on full and no-op builds (Platform.Sdk.Web vs Microsoft.NET.Sdk.Web)
#   telemetry.sh  startup and throughput (AddPlatformDefaults vs hand-written Aspire-style defaults)
#   analyzers.sh  PLAT analyzer share of CoreCompile on a generated 500-file service
#   patterns.sh   startup and throughput of an endpoint reading PostgreSQL and Redis (pattern packages vs Aspire by hand)
#   supply-chain.sh  what the SBOM and reproducibility add to PublishContainer
#   audit.sh, templates.sh (when present) — `platform audit` and `dotnet new` benchmarks, owned by their authors.
# Needs the kit in artifacts/packages (./build.sh packs it). Run counts: each script's defaults.
# The figures recorded in docs/benchmarks.md come from these scripts; copy the printed tables there by hand.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
[ -n "$(ls "$here/../artifacts/packages"/Platform.Sdk.*.nupkg 2>/dev/null)" ] || "$here/../build.sh" pack

for bench in build telemetry analyzers patterns audit templates supply-chain; do
  [ -x "$here/$bench.sh" ] || [ -f "$here/$bench.sh" ] || continue
  echo
  echo "==> bench/$bench.sh"
  bash "$here/$bench.sh"
done
