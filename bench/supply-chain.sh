#!/usr/bin/env bash
# What the SBOM and reproducibility cost a `dotnet publish -t:PublishContainer`, side by side, alternating:
#   kit          the kit's defaults (PlatformSbom=true, PlatformReproducible=true): the generator runs in the build process,
#                started alongside compilation
#   kit-serial   the same, in the build process but only after compilation (-p:_PlatformSbomOverlap=false)
#   kit-process  the generator started as a process after compilation (-p:PlatformSbomInProcess=false, the kit before)
#   baseline     the same service with -p:PlatformSbom=false -p:PlatformReproducible=false
# Each variant is measured twice per round: from a clean bin/obj (a CI publish) and republished with nothing changed.
# One web service on Platform.Sdk.Web in a temp dir, a loopback docker-registry serving a minimal base image (umoci)
# and receiving the pushes. Each run starts from a clean bin/obj (restore already done: the NuGet cache is warm),
# as a CI publish does. Prints wall and CPU (user+sys of the whole process tree) per variant, median of N runs.
# Usage: bench/supply-chain.sh [runs=3]. Needs docker-registry, umoci, skopeo (tests/Platform.Testing.Containers/install-tools.sh).
set -euo pipefail
source "$(dirname "$0")/common.sh"
runs="${1:-3}"
for tool in docker-registry umoci skopeo; do
  command -v "$tool" >/dev/null || { echo "bench/supply-chain.sh needs $tool (tests/Platform.Testing.Containers/install-tools.sh)" >&2; exit 1; }
done

work="$(mktemp -d /tmp/platform-bench-supply-XXXXXX)"
registry_pid=""
cleanup() { [ -n "$registry_pid" ] && kill "$registry_pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
bench_setup_feed "$work"

# The registry, on a free loopback port, with a one-file base image under the name the kit's allowlist expects.
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
mkdir -p "$work/registry"
printf 'version: 0.1\nlog:\n  level: error\nstorage:\n  filesystem:\n    rootdirectory: %s\nhttp:\n  addr: 127.0.0.1:%s\n' "$work/registry" "$port" > "$work/registry.yml"
docker-registry serve "$work/registry.yml" > "$work/registry.log" 2>&1 &
registry_pid=$!
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/v2/" >/dev/null && break; sleep 0.1; done
(cd "$work" && umoci init --layout base && umoci new --image base:latest && mkdir -p rootfs/etc && echo base > rootfs/etc/base \
  && umoci insert --image base:latest rootfs / && umoci config --image base:latest --config.user 1654 \
  && skopeo --insecure-policy copy --quiet --dest-tls-verify=false oci:base:latest "docker://localhost:$port/dotnet/aspnet:10.0-noble-chiseled") >/dev/null

repo="$work/repo"
bench_consumer_dir "$repo"
mkdir -p "$repo/src/OrderApi"
cat > "$repo/src/OrderApi/OrderApi.csproj" <<'XML'
<Project Sdk="Platform.Sdk.Web">
  <PropertyGroup><Version>1.4.2</Version><PlatformServiceNamespace>shop</PlatformServiceNamespace></PropertyGroup>
</Project>
XML
cat > "$repo/src/OrderApi/Program.cs" <<'CS'
var builder = WebApplication.CreateBuilder(args);
builder.AddPlatformDefaults();
var app = builder.Build();
app.MapPlatformEndpoints();
app.MapGet("/orders/{id}", (int id) => Results.Ok(new { Id = id }));
app.Run();
CS
git -C "$repo" init -q -b main && git -C "$repo" remote add origin https://github.com/contoso/orderapi.git
git -C "$repo" add -A && git -C "$repo" -c user.email=b@example.com -c user.name=bench commit -qm bench
dotnet restore "$repo/src/OrderApi" -nodeReuse:false -v:q >/dev/null

publish() { # $1 = variant, $2 = clean|again; prints "wall_ms cpu_ms"
  local extra=() start end
  [ "$1" = baseline ] && extra=(-p:PlatformSbom=false -p:PlatformReproducible=false)
  [ "$1" = kit-serial ] && extra=(-p:_PlatformSbomOverlap=false)
  [ "$1" = kit-process ] && extra=(-p:PlatformSbomInProcess=false)
  [ "$2" = clean ] && rm -rf "$repo/src/OrderApi/bin" "$repo/src/OrderApi/obj/Release"
  start=$(bench_now_ms)
  /usr/bin/time -f "%U %S" -o "$work/time" dotnet publish "$repo/src/OrderApi" -t:PublishContainer --no-restore -nodeReuse:false \
    -p:RunAnalyzers=false -p:PlatformContainerRegistryMirror="localhost:$port" -p:ContainerRegistry="localhost:$port" \
    -p:ContainerRepository="bench/$1" "${extra[@]}" -v:q > "$work/publish.log" 2>&1 || { cat "$work/publish.log" >&2; exit 1; }
  end=$(bench_now_ms)
  echo "$((end - start)) $(awk '{ printf "%d", ($1 + $2) * 1000 }' "$work/time")"
}

load_start="$(cut -d' ' -f1 /proc/loadavg)"
publish kit clean >/dev/null  # warm-up: JIT, first SDK resolution, the generator's first run
variants=(baseline kit kit-serial kit-process)
declare -A wall cpu
for i in $(seq 1 "$runs"); do
  for variant in "${variants[@]}"; do
    for phase in clean again; do
      read -r w c < <(publish "$variant" "$phase")
      wall[$variant/$phase]+="$w "; cpu[$variant/$phase]+="$c "
    done
  done
done

median() { tr ' ' '\n' | grep -v '^$' | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
# The median over rounds of (variant - baseline) / baseline in %, pairing the samples of one round: steadier than the ratio
# of medians when other work on the machine moves every sample of a round together.
round_delta() { paste -d' ' <(echo "$1" | tr ' ' '\n' | grep -v '^$') <(echo "$2" | tr ' ' '\n' | grep -v '^$') \
  | awk '{ printf "%d\n", ($1 - $2) * 100 / $2 }' | median; }
load="$load_start–$(cut -d' ' -f1 /proc/loadavg)"
printf '| Variant | Publish | Runs | Wall (median) | CPU (median) | CPU vs baseline (medians) | CPU vs baseline (per round) | Wall vs baseline (per round) | Load (1 min, start–end) |\n'
printf '| --- | --- | --- | --- | --- | --- | --- | --- | --- |\n'
for phase in clean again; do
  bc="$(echo "${cpu[baseline/$phase]}" | median)"
  for variant in "${variants[@]}"; do
    c="$(echo "${cpu[$variant/$phase]}" | median)"
    printf '| %s | %s | %s | %s ms | %s ms | %+d%% | %+d%% | %+d%% | %s |\n' "$variant" "$phase" "$runs" "$(echo "${wall[$variant/$phase]}" | median)" "$c" \
      "$(( (c - bc) * 100 / bc ))" "$(round_delta "${cpu[$variant/$phase]}" "${cpu[baseline/$phase]}")" \
      "$(round_delta "${wall[$variant/$phase]}" "${wall[baseline/$phase]}")" "$load"
  done
done
echo
echo "Goal: SBOM + reproducibility add <= 10% to PublishContainer. Every sample (CPU ms / wall ms, in run order):"
for key in "${!cpu[@]}"; do echo "  $key: CPU ${cpu[$key]}/ wall ${wall[$key]}"; done | sort
