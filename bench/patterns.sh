#!/usr/bin/env bash
# Runtime cost of the pattern packages: an endpoint that reads PostgreSQL and Redis, side by side.
#   platform:    builder.AddPlatformPostgres("orders") + builder.AddPlatformRedis("cache")   (Platform.Patterns.*)
#   handwritten: builder.AddNpgsqlDataSource("orders") + builder.AddRedisClient("cache")    (Aspire.Npgsql and
#                Aspire.StackExchange.Redis referenced directly, at the versions the pattern packages depend on)
# Everything else is identical: Platform.Sdk.Web, AddPlatformDefaults/MapPlatformEndpoints, the same endpoint
# GET /orders/{id} (one Redis GET and one PostgreSQL SELECT per request), Release builds, no OTLP endpoint.
# Servers: a private PostgreSQL 15 and Redis 7 on loopback and free ports, temp dirs, stopped by PID at the end
# (PostgreSQL runs as the postgres user when this runs as root).
# Startup: process start until the first 200 from /health/live, alternating; then, in the same round, until the first
# GET /orders/1 is served (both services connected to both servers: the work one of them defers is counted too). Throughput: wrk -t2 -c32 on /orders/1,
# alternating (bench/telemetry_driver.py). Cold burst: start, first 200 from /health/ready (where Kubernetes starts
# routing; BENCH_BURST_PROBE=/health/live: a service run without readiness probes), then 32 concurrent GET /orders/1
# at once: the slowest answer and the CPU spent by then.
# Usage: bench/patterns.sh [startup-runs] [wrk-runs] [wrk-seconds] [burst-runs] (10 5 10 6);
# BENCH_PATTERNS_BREAKDOWN=1 adds the startup breakdown below; BENCH_SERVER_CPUS=1 runs the services on CPU 1 only
# (taskset: a pod with a one-CPU limit), the servers, wrk and the driver wherever the scheduler puts them.
set -euo pipefail
source "$(dirname "$0")/common.sh"
startup_runs="${1:-10}"; wrk_runs="${2:-5}"; wrk_seconds="${3:-10}"
export BENCH_BURST_RUNS="${4:-6}" BENCH_BURST_PATH=/orders/1 BENCH_BURST_PROBE="${BENCH_BURST_PROBE:-/health/ready}" BENCH_FIRST_PATH=/orders/1
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
pg_bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
[ -x "$pg_bin/postgres" ] && command -v redis-server >/dev/null \
  || { echo "PostgreSQL or Redis is missing: tests/Platform.Testing.Servers/install-servers.sh" >&2; exit 1; }

work="$(mktemp -d "${TMPDIR:-/tmp}/platform-patterns-bench.XXXXXX")"
pg_pid=""; redis_pid=""
cleanup() {
  [ -n "$pg_pid" ] && kill -INT "$pg_pid" 2>/dev/null && wait "$pg_pid" 2>/dev/null || true
  [ -n "$redis_pid" ] && kill "$redis_pid" 2>/dev/null && wait "$redis_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# --- servers --------------------------------------------------------------------------------------------------------
as_pg=()
mkdir -p "$work/pg"
if [ "$(id -u)" -eq 0 ]; then
  chmod 755 "$work"; chown -R postgres:postgres "$work/pg"
  as_pg=(setpriv --reuid=postgres --regid=postgres --init-groups --)
fi
pg_port="$(free_port)"; redis_port="$(free_port)"
"${as_pg[@]}" "$pg_bin/initdb" -D "$work/pg/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 --no-sync >/dev/null
"${as_pg[@]}" "$pg_bin/postgres" -D "$work/pg/data" -p "$pg_port" -k "$work/pg" -c listen_addresses=127.0.0.1 \
  -c max_connections=200 >"$work/pg/log" 2>&1 &
pg_pid=$!
redis-server --port "$redis_port" --bind 127.0.0.1 --save "" --appendonly no --dir "$work" >"$work/redis.log" 2>&1 &
redis_pid=$!
for _ in $(seq 1 300); do "$pg_bin/pg_isready" -q -h 127.0.0.1 -p "$pg_port" && break; sleep 0.1; done
psql -q -h 127.0.0.1 -p "$pg_port" -U postgres -c "CREATE TABLE orders (id bigint PRIMARY KEY, item text NOT NULL); INSERT INTO orders VALUES (1, 'book');"
for _ in $(seq 1 100); do redis-cli -p "$redis_port" SET order:1 book >/dev/null 2>&1 && break; sleep 0.1; done
export ConnectionStrings__orders="Host=127.0.0.1;Port=$pg_port;Database=postgres;Username=postgres;Password=unused"
export ConnectionStrings__cache="127.0.0.1:$redis_port"
# Npgsql logs every command at Information; a service's appsettings.json turns that category down (same for both).
export Logging__LogLevel__Npgsql=Warning

# --- the two services -----------------------------------------------------------------------------------------------
bench_setup_feed "$work"
aspire_version="$(unzip -p "$bench_feed/Platform.Patterns.PostgreSql.$bench_version.nupkg" Platform.Patterns.PostgreSql.nuspec \
  | sed -n 's/.*<dependency id="Aspire.Npgsql" version="\([^"]*\)".*/\1/p' | head -1)"
endpoint='app.MapGet("/orders/{id:long}", async (long id, NpgsqlDataSource db, IConnectionMultiplexer cache) =>
{
    var cached = await cache.GetDatabase().StringGetAsync($"order:{id}");
    await using var select = db.CreateCommand("SELECT item FROM orders WHERE id = $1");
    select.Parameters.AddWithValue(id);
    return await select.ExecuteScalarAsync() is string item ? Results.Ok(new { id, item, cached = cached.HasValue }) : Results.NotFound();
});
app.Run();'
write_variant() { # $1 name, $2 package references, $3 registration lines, $4 extra usings, $5 lines after Build()
  bench_consumer_dir "$work/$1"
  mkdir -p "$work/$1/OrdersApi"
  printf '<Project Sdk="Platform.Sdk.Web">\n  <ItemGroup>\n%s\n  </ItemGroup>\n</Project>\n' "$2" > "$work/$1/OrdersApi/OrdersApi.csproj"
  printf '%susing Npgsql;\nusing StackExchange.Redis;\n\nvar builder = WebApplication.CreateBuilder(args);\nbuilder.AddPlatformDefaults();\n%s\n\nvar app = builder.Build();\napp.MapPlatformEndpoints();\n%s%s\n' \
    "${4:-}" "$3" "${5:-}" "$endpoint" > "$work/$1/OrdersApi/Program.cs"
}
write_variant platform \
  "    <PackageReference Include=\"Platform.Patterns.PostgreSql\" Version=\"$bench_version\" />
    <PackageReference Include=\"Platform.Patterns.Redis\" Version=\"$bench_version\" />" \
  'builder.AddPlatformPostgres("orders");
builder.AddPlatformRedis("cache");' \
  $'using Platform.Patterns.PostgreSql;\nusing Platform.Patterns.Redis;\n'
write_variant handwritten \
  "    <PackageReference Include=\"Aspire.Npgsql\" Version=\"$aspire_version\" />
    <PackageReference Include=\"Aspire.StackExchange.Redis\" Version=\"$aspire_version\" />" \
  'builder.AddNpgsqlDataSource("orders");
builder.AddRedisClient("cache");'

bench_runtime_pair "Patterns: GET /orders/1 reading PostgreSQL and Redis" /health/live

# Breakdown (BENCH_PATTERNS_BREAKDOWN=1): the platform's extra CPU before the first liveness 200, rebuilt piece by piece
# on the hand-written service and measured in the same alternating rounds (startup only, BENCH_FIRST_PATH unset):
#   handwritten+checks:  + the patterns' connection-string checks at registration (PLAT0301: the clients' own parsers)
#   handwritten+connect: + the Redis multiplexer created on a thread of its own once the host started (the connector
#                        before it connected on demand)
if [ "${BENCH_PATTERNS_BREAKDOWN:-0}" = 1 ]; then
  handwritten_packages="    <PackageReference Include=\"Aspire.Npgsql\" Version=\"$aspire_version\" />
    <PackageReference Include=\"Aspire.StackExchange.Redis\" Version=\"$aspire_version\" />"
  write_variant handwritten+checks "$handwritten_packages" \
    'builder.AddNpgsqlDataSource("orders");
builder.AddRedisClient("cache");
_ = new NpgsqlConnectionStringBuilder(builder.Configuration.GetConnectionString("orders"));
_ = ConfigurationOptions.Parse(builder.Configuration.GetConnectionString("cache")!);'
  write_variant handwritten+connect "$handwritten_packages" \
    'builder.AddNpgsqlDataSource("orders");
builder.AddRedisClient("cache");' '' \
    'app.Lifetime.ApplicationStarted.Register(() => new Thread(() => app.Services.GetRequiredService<IConnectionMultiplexer>()).Start());
'
  breakdown=()
  for variant in handwritten handwritten+checks handwritten+connect platform; do
    [ -x "$work/$variant/OrdersApi/bin/Release/net10.0/OrdersApi" ] \
      || dotnet build "$work/$variant/OrdersApi" -c Release -nodeReuse:false -nologo -clp:ErrorsOnly >&2
    breakdown+=("$variant=$work/$variant/OrdersApi/bin/Release/net10.0/OrdersApi:/health/live")
  done
  BENCH_FIRST_PATH='' BENCH_BURST_RUNS=0 python3 "$bench_root/bench/telemetry_driver.py" "$startup_runs" 0 0 "${breakdown[@]}" > "$work/breakdown.tsv"
  echo "### Breakdown: CPU until the first /health/live 200 ($(date -u +%F), load average $(cut -d' ' -f1-3 /proc/loadavg))"
  for variant in handwritten+checks handwritten+connect platform; do
    python3 "$bench_root/bench/stats.py" handwritten "$variant" < "$work/breakdown.tsv" | grep -e '^| metric' -e '^|---' -e 'server CPU'
  done
fi
