#!/usr/bin/env bash
# What a new service costs with the templates: `dotnet new platform-api` + `dotnet build` (inside a platform-repo
# scaffold, on the packed kit) against `dotnet new webapi` + `dotnet build` (plain Microsoft.NET.Sdk.Web), alternating,
# BENCH_RUNS runs each (default 3) after one warm-up run each. Prints the medians and the ratio and appends them to
# docs/benchmarks.md under "## Templates". Needs the kit in artifacts/packages (./build.sh packs it when missing).
# Both sides build one project with its restore (--no-tests for platform-api: webapi has no test project).
# Each run times `dotnet new`, `dotnet restore` and `dotnet build --no-restore` apart, so the ratio splits by step.
# Wall time is what a developer waits; CPU time (user + sys of dotnet and its children, plus what the compiler server
# spent meanwhile) is the steadier figure on a busy machine. Both are reported, with the load average.
# The compiler runs as developers run it: through one private compiler server, warmed up by the warm-up runs and shared
# by both sides (bench/common.sh); BENCH_COMPILER=cold compiles in a fresh csc per build instead (the figures recorded
# before 2026-12-02 were measured that way).
set -euo pipefail

source "$(dirname "$0")/common.sh"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
version="${PLATFORM_VERSION:-1.0.0-dev}"
feed="$root/artifacts/packages"
runs="${BENCH_RUNS:-3}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 MSBUILDDISABLENODEREUSE=1
unset CI

if [[ ! -f "$feed/Platform.Templates.$version.nupkg" ]]; then
  "$root/build.sh" pack >/dev/null
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/platform-bench-templates.XXXXXX")"
trap 'bench_compiler_stop; rm -rf "$work"' EXIT
if [ "${BENCH_COMPILER:-server}" = cold ]; then compiler_args=(-p:UseSharedCompilation=false); else compiler_args=("${bench_compiler_args[@]}"); fi
hive="$work/hive"
mkdir -p "$work/home"
new() { DOTNET_CLI_HOME="$work/home" dotnet new "$@" --no-update-check --debug:custom-hive "$hive" >/dev/null; }
DOTNET_CLI_HOME="$work/home" dotnet new install "$feed/Platform.Templates.$version.nupkg" --debug:custom-hive "$hive" >/dev/null
# The repo skeleton each platform-api run starts from (global.json pin, NuGet.config on the packed kit).
new platform-repo -n Bench -o "$work/skeleton" --feed "$feed"
git -C "$work/skeleton" init -q -b main
git -C "$work/skeleton" remote add origin https://github.com/contoso/bench.git

# One run: prints "<wall s> <cpu s> <new cpu s> <restore cpu s> <build cpu s>" for `dotnet new` + restore + build,
# the three steps timed apart (GNU time: user + sys of each command's process tree; the build's also counts what the
# compiler server spent meanwhile: it is not a child of the build).
measure() {
  local dir="$1" template="$2"
  shift 2
  (
    cd "$dir"
    start=$EPOCHREALTIME
    DOTNET_CLI_HOME="$work/home" /usr/bin/time -f '%U %S' -o "$dir/.t-new" dotnet new "$template" -n Bench.Api "$@" --no-update-check --debug:custom-hive "$hive" >/dev/null
    /usr/bin/time -f '%U %S' -o "$dir/.t-restore" dotnet restore src/Bench.Api -nodeReuse:false -v:q >/dev/null
    server_before="$(bench_compiler_cpu_ms)"
    /usr/bin/time -f '%U %S' -o "$dir/.t-build" dotnet build src/Bench.Api --no-restore -nodeReuse:false "${compiler_args[@]}" -v:q -clp:ErrorsOnly >/dev/null
    wall="$(awk -v now="$EPOCHREALTIME" -v start="$start" 'BEGIN { printf "%.2f", now - start }')"
    sleep 1  # the server's background JIT of this compilation counts too
    server_ms=$(( $(bench_compiler_cpu_ms) - server_before ))
    step() { awk -v extra="${2:-0}" '{ printf "%.2f", $1 + $2 + extra / 1000 }' "$dir/.t-$1"; }
    new_cpu="$(step new)" restore_cpu="$(step restore)" build_cpu="$(step build "$server_ms")"
    echo "$wall $(awk -v a="$new_cpu" -v b="$restore_cpu" -v c="$build_cpu" 'BEGIN { printf "%.2f", a + b + c }') $new_cpu $restore_cpu $build_cpu"
  )
}
run_platform() {
  local dir="$work/platform-$1"
  cp -r "$work/skeleton" "$dir"
  measure "$dir" platform-api --no-tests
}
run_webapi() {
  local dir="$work/webapi-$1"
  mkdir -p "$dir"
  printf '{ "sdk": { "version": "10.0.100", "rollForward": "latestFeature" } }\n' > "$dir/global.json"
  # A git checkout with a hosted-looking remote, like the platform side's: SourceLink does the same work on both sides.
  git -C "$dir" init -q -b main
  git -C "$dir" remote add origin https://github.com/contoso/bench.git
  measure "$dir" webapi -o src/Bench.Api --no-restore
}
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

echo "==> Warm-up (fills the NuGet cache for both sides)"
run_platform warmup >/dev/null
run_webapi warmup >/dev/null
# A fresh compiler server costs several times more CPU per compile for its first ~40 compilations (bench/build.sh):
# recompile both warm-up projects until it has settled, as a developer's long-running server has.
for round in $(seq 1 "${BENCH_WARMUP_ROUNDS:-16}"); do
  for dir in "$work/platform-warmup" "$work/webapi-warmup"; do
    touch "$dir/src/Bench.Api/Program.cs"
    dotnet build "$dir/src/Bench.Api" --no-restore -nodeReuse:false "${compiler_args[@]}" -v:q -clp:ErrorsOnly >/dev/null
  done
done
sleep 5
pw=() pc=() ww=() wc=() loads=() pn=() pr=() pb=() wn=() wr=() wb=()
for i in $(seq 1 "$runs"); do
  read -r wall cpu n r b < <(run_platform "$i"); pw+=("$wall"); pc+=("$cpu"); pn+=("$n"); pr+=("$r"); pb+=("$b")
  read -r wall cpu n r b < <(run_webapi "$i"); ww+=("$wall"); wc+=("$cpu"); wn+=("$n"); wr+=("$r"); wb+=("$b")
  loads+=("$(cut -d' ' -f1 /proc/loadavg)")
  printf '    run %d: platform-api %7.2f s wall %7.2f s CPU (new %s, restore %s, build %s)   webapi %7.2f s wall %7.2f s CPU (new %s, restore %s, build %s)   (load %s)\n' \
    "$i" "${pw[-1]}" "${pc[-1]}" "${pn[-1]}" "${pr[-1]}" "${pb[-1]}" "${ww[-1]}" "${wc[-1]}" "${wn[-1]}" "${wr[-1]}" "${wb[-1]}" "${loads[-1]}"
done
m() { printf '%s\n' "$@" | median; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
p="$(m "${pw[@]}")" w="$(m "${ww[@]}")" pcpu="$(m "${pc[@]}")" wcpu="$(m "${wc[@]}")" load="$(m "${loads[@]}")"
printf '==> median wall: platform-api %.2f s, webapi %.2f s, ratio %s (goal <= 1.1)\n' "$p" "$w" "$(ratio "$p" "$w")"
printf '==> median CPU:  platform-api %.2f s, webapi %.2f s, ratio %s\n' "$pcpu" "$wcpu" "$(ratio "$pcpu" "$wcpu")"
for step in new restore build; do
  case $step in new) a=("${pn[@]}") b=("${wn[@]}") ;; restore) a=("${pr[@]}") b=("${wr[@]}") ;; build) a=("${pb[@]}") b=("${wb[@]}") ;; esac
  printf '==> median CPU of %-8s platform-api %.2f s, webapi %.2f s, ratio %s\n' "$step:" "$(m "${a[@]}")" "$(m "${b[@]}")" "$(ratio "$(m "${a[@]}")" "$(m "${b[@]}")")"
done

doc="$root/docs/benchmarks.md"
line="| $(date -u +%Y-%m-%d) | $(nproc) cores, load $load | $runs | $p s / $pcpu s | $w s / $wcpu s | $(ratio "$p" "$w")× | $(ratio "$pcpu" "$wcpu")× |"
flock /tmp/platform-shared.lock bash -c '
  doc="$1" line="$2"
  [[ -f "$doc" ]] || printf "# Benchmarks\n\nWhat the kit costs, measured against the plain Microsoft SDKs.\n" > "$doc"
  if ! grep -q "^## Templates" "$doc"; then
    printf "\n## Templates\n\n\`bench/templates.sh\`: \`dotnet new platform-api --no-tests\` + \`dotnet build\` (in a platform-repo scaffold, on the packed kit) against \`dotnet new webapi\` + \`dotnet build\`, alternating, medians after one warm-up run each (restore included, NuGet cache warm). Goal: at most 1.1×.\n\n| Date | Machine | Runs | platform-api (wall / CPU) | webapi (wall / CPU) | Wall ratio | CPU ratio |\n| --- | --- | --- | --- | --- | --- | --- |\n" >> "$doc"
  fi
  # Results go at the end of the Templates table (the section is the last one, or the table ends at the next heading).
  awk -v line="$line" "
    /^## / { if (in_t && !done) { print line; print \"\"; done=1 } in_t = (\$0 == \"## Templates\") }
    { print }
    END { if (!done) print line }
  " "$doc" | sed "/^$/N;/^\n$/D" > "$doc.tmp" && mv "$doc.tmp" "$doc"
' _ "$doc" "$line"
echo "(appended to docs/benchmarks.md)"
