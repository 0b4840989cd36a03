#!/usr/bin/env bash
# Installs the container test toolchain used by Platform.Testing.Containers (Debian packages only).
#   docker-registry : local OCI/Docker v2 registry (bound to 127.0.0.1 by the tests' own config; the Debian service,
#                     which listens on all interfaces, is not started)
#   skopeo, umoci   : build an OCI image layout and push/pull it to/from the registry
#   podman, runc    : image runner (podman --runtime runc --cgroup-manager=cgroupfs --network=none)
# Idempotent, non-interactive, quiet; a no-op (well under a second) when everything is installed.
set -euo pipefail
exec bash "$(dirname "${BASH_SOURCE[0]}")/../install-debian-packages.sh" install-tools docker-registry skopeo umoci podman runc
