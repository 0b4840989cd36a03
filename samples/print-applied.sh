#!/usr/bin/env bash
# Prints, per sample, what Platform.Sdk applied: read back from MSBuild and from each build's compliance record.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
properties=(PlatformSdkVersion PlatformProjectKind TargetFramework Nullable PlatformIsCI TreatWarningsAsErrors PlatformAnalysisMode PlatformTelemetry PlatformServiceName DebugType RestorePackagesWithLockFile)
printf '%-18s' project; printf ' %s' "${properties[@]}" level; printf '\n'
for project in "$here"/*/*.csproj; do
  name="$(basename "$project" .csproj)"
  args=(); for p in "${properties[@]}"; do args+=("-getProperty:$p"); done
  json="$(dotnet msbuild "$project" -nologo "${args[@]}")"
  record="$(ls "$(dirname "$project")"/obj/platform/Debug/*/compliance.json 2>/dev/null | head -n 1 || true)"
  python3 - "$name" "$record" "${properties[@]}" <<PY
import json, sys
name, record, props = sys.argv[1], sys.argv[2], sys.argv[3:]
values = json.loads('''$json''')["Properties"]
level = json.load(open(record))["level"] if record else "-"
print(f"{name:<18}", *[values.get(p) or "-" for p in props], level)
PY
done
