#!/usr/bin/env bash
# Installs the servers Platform.Testing.Servers starts privately (Debian packages only):
#   postgresql (15), redis-server (7), rabbitmq-server (3.10, with Erlang and epmd)
# Their system services are not started: the tests run private instances on free loopback ports.
# Idempotent, non-interactive, quiet.
set -euo pipefail
exec bash "$(dirname "${BASH_SOURCE[0]}")/../install-debian-packages.sh" install-servers postgresql redis-server rabbitmq-server
