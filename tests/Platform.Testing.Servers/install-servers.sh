#!/usr/bin/env bash
# Installs the servers Platform.Testing.Servers starts privately (Debian packages only):
#   postgresql (15), redis-server (7), rabbitmq-server (3.10, with Erlang and epmd)
# The packages' own system services are NOT started (policy-rc.d), and any the package manager started anyway are left
# alone: the tests run private instances on free loopback ports. Idempotent, non-interactive, quiet.
set -euo pipefail

pkgs=(postgresql redis-server rabbitmq-server)
missing=()
for p in "${pkgs[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done

if [ "${#missing[@]}" -eq 0 ]; then
  echo "install-servers: postgresql, redis-server and rabbitmq-server already installed"
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

export DEBIAN_FRONTEND=noninteractive
echo "install-servers: installing ${missing[*]}"
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
echo "install-servers: done"
