#!/usr/bin/env bash
# Benchmark of `platform audit`: generates a 200-project repo in a temp dir (outside this repo) and audits it
#   1. by evaluating every project in-process (the default), and
#   2. from build records only (--records-only), with plausible compliance.json records written for every project
#      instead of building them.
# Usage: bench/audit.sh [feed-folder] [project-count]
#   feed-folder: a folder with the kit's packages (default artifacts/packages, written by ./build.sh).
# Prints a markdown table row per mode; docs/benchmarks.md keeps the figures under "## platform audit".
set -euo pipefail
repo_root="$(cd "$(dirname "$0")/.." && pwd)"
feed="$(cd "${1:-$repo_root/artifacts/packages}" && pwd)"
count="${2:-200}"
version="$(ls "$feed" | sed -n 's/^Platform\.Sdk\.\([0-9].*\)\.nupkg$/\1/p' | sort -V | tail -1)"
[ -n "$version" ] || { echo "No Platform.Sdk package in $feed: run ./build.sh first." >&2; exit 1; }

echo "Building the CLI (Release)…" >&2
dotnet build "$repo_root/sdk/Platform.Cli/Platform.Cli.csproj" -c Release -nologo -v q -nodeReuse:false >&2
cli="$repo_root/sdk/Platform.Cli/bin/Release/net10.0/platform.dll"

work="$(mktemp -d "${TMPDIR:-/tmp}/platform-audit-bench.XXXXXX")"
trap 'rm -rf "$work"' EXIT
cat > "$work/global.json" <<JSON
{
  "sdk": { "version": "10.0.100", "rollForward": "latestMajor" },
  "msbuild-sdks": { "Platform.Sdk": "$version", "Platform.Sdk.Web": "$version", "Platform.Sdk.Test": "$version" }
}
JSON
cat > "$work/NuGet.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources><clear /><add key="platform" value="$feed" /></packageSources>
</configuration>
XML
today="$(date -u +%F)"
expires="$(date -u -d '+60 days' +%F)"
for i in $(seq -w 1 "$count"); do
  name="Service$i"
  dir="$work/src/$name"
  mkdir -p "$dir/obj/platform/Release/net10.0"
  level=gold; kind=library; sdk=Platform.Sdk; deviations='[]'; dev_xml=''
  if (( 10#$i % 2 == 0 )); then kind=web; sdk=Platform.Sdk.Web; fi
  if (( 10#$i % 5 == 0 )); then
    level=silver
    dev_xml="<ItemGroup><PlatformDeviation Include=\"PLAT2001\" Reason=\"Legacy client\" Owner=\"team-$i\" Expires=\"$expires\" /></ItemGroup>"
    deviations="[ { \"id\": \"PLAT2001\", \"kind\": \"rule\", \"status\": \"active\", \"reason\": \"Legacy client\", \"owner\": \"team-$i\", \"expires\": \"$expires\", \"daysLeft\": 60, \"suppressedResults\": 1 } ]"
  fi
  printf '<Project Sdk="%s">\n  %s\n</Project>\n' "$sdk" "$dev_xml" > "$dir/$name.csproj"
  printf 'namespace %s;\n\n/// <summary>Work.</summary>\npublic static class Work\n{\n    /// <summary>Answer.</summary>\n    public static int Answer() => 42;\n}\n' "$name" > "$dir/Work.cs"
  cat > "$dir/obj/platform/Release/net10.0/compliance.json" <<JSON
{
  "schemaVersion": 1,
  "level": "$level",
  "levelReasons": [],
  "buildDate": "$today",
  "ci": true,
  "project": { "name": "$name", "path": "$dir/$name.csproj", "kind": "$kind", "targetFramework": "net10.0", "configuration": "Release" },
  "sdk": { "used": true, "version": "$version" },
  "settings": [ { "name": "Nullable", "default": "enable", "effective": "enable", "status": "default", "deviation": "Nullable", "enforced": false } ],
  "deviations": $deviations,
  "enforcement": [],
  "diagnostics": { "available": true, "sarifFile": "$dir/obj/platform/Release/net10.0/$name.sarif", "rulePrefixes": [ "PLAT" ], "findingCount": 0, "suppressedCount": 0 },
  "findings": [],
  "suppressed": []
}
JSON
done
cd "$work"

run() { # label, args…  Wall and CPU time (user+sys of the audit process): on a loaded machine the CPU time is the honest figure.
  local label="$1"; shift
  python3 - "$label" "$cli" "$work" "$@" <<'PY'
import json, os, resource, subprocess, sys, time
label, cli, work, *args = sys.argv[1:]
start = time.monotonic()
with open(os.path.join(work, f"report-{label}.json"), "w") as out:
    subprocess.run(["dotnet", cli, "audit", work, "--format", "json", "--offline", *args], stdout=out, check=True)
wall = (time.monotonic() - start) * 1000
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
cpu = (usage.ru_utime + usage.ru_stime) * 1000
n = json.load(open(os.path.join(work, f"report-{label}.json")))["summary"]["projects"]
print(f"| {label} | {n} | {wall:.0f} ms | {wall / n:.1f} ms | {cpu:.0f} ms | {cpu / n:.1f} ms | {os.getloadavg()[0]:.1f} |")
PY
}

# Warm the NuGet SDK resolver's package cache once (first use of a version downloads the SDK packages).
dotnet "$cli" audit "$work/src/Service001/Service001.csproj" --offline --format json > /dev/null
dotnet "$cli" audit "$work/src/Service002/Service002.csproj" --offline --format json > /dev/null

echo "| Mode | Projects | Wall | Wall per project | CPU | CPU per project | Load (1 min) |"
echo "| --- | --- | --- | --- | --- | --- | --- |"
run records-only --records-only -c Release
run evaluate -c Release
