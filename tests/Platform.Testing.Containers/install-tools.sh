#!/usr/bin/env bash
# Installs the container test toolchain used by Platform.Testing.Containers (Debian packages only).
#   docker-registry : local OCI/Docker v2 registry (bound to 127.0.0.1 by the tests' own config)
#   skopeo, umoci   : build an OCI image layout and push/pull it to/from the registry
#   podman, runc    : image runner (podman --runtime runc --cgroup-manager=cgroupfs --network=none)
# Idempotent, non-interactive, quiet; a no-op (well under a second) when everything is installed.
set -euo pipefail

pkgs=(docker-registry skopeo umoci podman runc)
missing=()
for p in "${pkgs[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done

if [ "${#missing[@]}" -eq 0 ]; then
  echo "install-tools: container toolchain already installed"
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

export DEBIAN_FRONTEND=noninteractive
echo "install-tools: installing ${missing[*]}"
log=$(mktemp)
if ! $SUDO apt-get update -qq >"$log" 2>&1; then cat "$log" >&2; rm -f "$log"; exit 1; fi
# --no-install-recommends keeps it small; policy-rc.d stops the Debian docker-registry
# service (which listens on all interfaces) from being started by the package's postinst.
policy=/usr/sbin/policy-rc.d
created_policy=0
if [ ! -e "$policy" ]; then
  printf '#!/bin/sh\nexit 101\n' | $SUDO tee "$policy" >/dev/null
  $SUDO chmod +x "$policy"
  created_policy=1
fi
trap '[ "$created_policy" = 1 ] && $SUDO rm -f "$policy"; rm -f "$log"' EXIT
if ! $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >"$log" 2>&1; then
  cat "$log" >&2
  exit 1
fi
echo "install-tools: done"
