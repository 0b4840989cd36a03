#!/usr/bin/env bash
# Refreshes the vendored Apache ECharts from the npm registry: ./update.sh 6.1.0
# Why vendored and not fetched at pack time: every build of the platform tool (developers', CI's, the test harness's)
# would then need node, npm and the registry; the dist file is one 1.1 MB file that changes only on an upgrade.
set -euo pipefail
version="${1:?usage: update.sh <echarts version>}"
here="$(cd "$(dirname "$0")" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "echarts@$version" >/dev/null && tar xzf "echarts-$version.tgz")
cp "$work/package/dist/echarts.min.js" "$work/package/LICENSE" "$work/package/NOTICE" "$here/"
sha=$(sha256sum "$here/echarts.min.js" | cut -d' ' -f1)
sed -i -E "s/^version: .*/version: $version/; s/^sha256: .*/sha256: $sha/" "$here/VERSION"
echo "echarts $version vendored (sha256 $sha); run the Fleet report tests."
