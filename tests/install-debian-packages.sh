#!/usr/bin/env bash
# Installs Debian packages for the tests, once: `install-debian-packages.sh <label> <package>...`.
# Idempotent (a no-op when every package is installed), non-interactive and quiet. The packages' own system services
# are not started (policy-rc.d): the tests start private instances on loopback themselves.
set -euo pipefail

label="$1"
shift
missing=()
for p in "$@"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done

if [ "${#missing[@]}" -eq 0 ]; then
  echo "$label: $* already installed"
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

export DEBIAN_FRONTEND=noninteractive
echo "$label: installing ${missing[*]}"
log=$(mktemp)
if ! $SUDO apt-get update -qq >"$log" 2>&1; then cat "$log" >&2; rm -f "$log"; exit 1; fi
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
echo "$label: done"
