#!/usr/bin/env bash
# Fleet view benchmark (docs/benchmarks.md): a generated fleet of REPOS x PROJECTS x WEEKS audit files, then
# `platform fleet ingest` and `platform fleet report` timed as processes (wall and CPU), the page's size, and the time
# until the page is interactive in headless Chromium. Usage: bench/fleet.sh [repos] [projects] [weeks]
# BENCH_FLEET_STORE=postgres: also ingest the same files into a private PostgreSQL 15 (initdb in a temp dir, loopback,
# a free port, default settings; run as the postgres user when this runs as root) and report from it, in the same run;
# the server's CPU (postmaster, its live processes and the backends that exited) is measured around each step, and
# the Markdown from PostgreSQL is compared with SQLite's. BENCH_FLEET_CLI=<platform.dll>: time another build of the CLI.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
repos="${1:-1000}" projects="${2:-20}" weeks="${3:-52}" store="${BENCH_FLEET_STORE:-sqlite}"
work="$(mktemp -d /tmp/platform-fleet-bench-XXXXXX)"
pg_pid=""
cleanup() {
  [ -n "$pg_pid" ] && kill -INT "$pg_pid" 2>/dev/null && wait "$pg_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

dotnet build bench/FleetBench -c Release -nodeReuse:false -v q >/dev/null
bench="bench/FleetBench/bin/Release/net10.0/FleetBench"
cli="dotnet ${BENCH_FLEET_CLI:-sdk/Platform.Cli/bin/Release/net10.0/platform.dll}"

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
"$bench" generate "$work/audits" "$repos" "$projects" "$weeks"

timed() { # label, command...: prints wall and CPU (user+sys) seconds of the command
  local label="$1"; shift
  /usr/bin/time -f "$label: wall %e s, CPU %U+%S s, max RSS %M KiB" "$@"
}
timed "ingest" $cli fleet ingest "$work/audits" --database "$work/fleet.db"
timed "report" $cli fleet report --database "$work/fleet.db" --output "$work/fleet.html" --markdown "$work/fleet.md" --today 2026-12-01
echo "page: $(stat -c %s "$work/fleet.html") bytes; database: $(stat -c %s "$work/fleet.db") bytes; markdown: $(stat -c %s "$work/fleet.md") bytes"
"$bench" open "$work/fleet.html"
"$bench" open "$work/fleet.html"

if [ "$store" = postgres ]; then
  pg_bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
  [ -x "$pg_bin/postgres" ] || { echo "PostgreSQL is missing: tests/Platform.Testing.Servers/install-servers.sh" >&2; exit 1; }
  as_pg=()
  mkdir -p "$work/pg"
  if [ "$(id -u)" -eq 0 ]; then
    chmod 755 "$work"; chown -R postgres:postgres "$work/pg"
    as_pg=(setpriv --reuid=postgres --regid=postgres --init-groups --)
  fi
  pg_port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
  "${as_pg[@]}" "$pg_bin/initdb" -D "$work/pg/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 --no-sync >/dev/null
  "${as_pg[@]}" "$pg_bin/postgres" -D "$work/pg/data" -p "$pg_port" -k "$work/pg" -c listen_addresses=127.0.0.1 >"$work/pg/log" 2>&1 &
  pg_pid=$!
  for _ in $(seq 1 300); do "$pg_bin/pg_isready" -q -h 127.0.0.1 -p "$pg_port" && break; sleep 0.1; done
  database="Host=127.0.0.1;Port=$pg_port;Database=postgres;Username=postgres;Password=unused"
  server_cpu() { # seconds of CPU the server has used so far: the postmaster with the children it reaped, and its live children
    sleep 0.5 # a backend whose client just left is still exiting
    # /proc/PID/stat after the command's name: state, ppid, ..., utime, stime, cutime, cstime as fields 13-16
    cat /proc/[0-9]*/stat 2>/dev/null | sed 's/^\([0-9]*\) .*) /\1 /' | awk -v pg="$pg_pid" -v hz="$(getconf CLK_TCK)" \
      '$1 == pg { t += $13 + $14 + $15 + $16 } $3 == pg { t += $13 + $14 } END { printf "%.1f", t / hz }'
  }
  before="$(server_cpu)"
  timed "ingest into PostgreSQL" $cli fleet ingest "$work/audits" --database "$database"
  after="$(server_cpu)"
  echo "PostgreSQL server CPU during ingest: $(echo "$after - $before" | bc) s"
  before="$after"
  timed "report from PostgreSQL" $cli fleet report --database "$database" --output "$work/fleet-pg.html" --markdown "$work/fleet-pg.md" --today 2026-12-01
  echo "PostgreSQL server CPU during report: $(echo "$(server_cpu) - $before" | bc) s"
  echo "PostgreSQL database: $(psql -qtA -h 127.0.0.1 -p "$pg_port" -U postgres -c "SELECT pg_database_size('postgres')") bytes"
  if cmp -s "$work/fleet.md" "$work/fleet-pg.md"; then echo "Markdown from PostgreSQL: identical to SQLite's"; else
    echo "Markdown from PostgreSQL DIFFERS from SQLite's:"; diff "$work/fleet.md" "$work/fleet-pg.md" | head -20; fi
fi
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
