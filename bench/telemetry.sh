#!/usr/bin/env bash
# Runtime cost of the platform defaults: startup time and request throughput of samples/OrdersApi
#   platform:    the sample as it is: builder.AddPlatformDefaults() + app.MapPlatformEndpoints().
#   handwritten: the same service with what a team using the .NET Aspire ServiceDefaults template writes by hand
#                (AddServiceDefaults/MapDefaultEndpoints below: OpenTelemetry logging with formatted message and scopes,
#                AspNetCore/Http/Runtime instrumentation, UseOtlpExporter only when OTEL_EXPORTER_OTLP_ENDPOINT is set,
#                health checks with a "self" live check on /health and /alive, AddStandardResilienceHandler through
#                ConfigureHttpClientDefaults; without service discovery, which the platform does not wire either).
#                The probe endpoints are mapped in every environment (the template maps them in Development only).
# Both on Platform.Sdk.Web, so the SDK's build and runtime settings (server GC, invariant globalization, ...) are the
# same; the hand-written one sets PlatformTelemetry=false (no Platform.ServiceDefaults reference) and references the
# OpenTelemetry and resilience packages at the versions Platform.ServiceDefaults depends on. Both built Release.
# No OTLP endpoint is configured for either: same telemetry pipeline, minus the export.
# Environment of both: Production, Logging__LogLevel__Microsoft.AspNetCore=Warning (as the templates' appsettings.json).
# Startup: process start until the first 200 from /health/live (platform) or /alive (hand-written), alternating.
# Throughput: wrk -t2 -c32 on GET /orders/1 (which logs one line through ILogger), alternating; see telemetry_driver.py.
# Usage: bench/telemetry.sh [startup-runs] [wrk-runs] [wrk-seconds]   (default 10 5 10). Prints a markdown table.
set -euo pipefail
source "$(dirname "$0")/common.sh"
startup_runs="${1:-10}"; wrk_runs="${2:-5}"; wrk_seconds="${3:-10}"
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }

work="$(mktemp -d "${TMPDIR:-/tmp}/platform-telemetry-bench.XXXXXX")"
trap 'rm -rf "$work"' EXIT
bench_setup_feed "$work"

for variant in platform handwritten; do
  bench_consumer_dir "$work/$variant"
  mkdir -p "$work/$variant/OrdersApi"
  cp "$bench_root/samples/Directory.Build.props" "$work/$variant/"
done
cp "$bench_root/samples/OrdersApi/OrdersApi.csproj" "$bench_root/samples/OrdersApi/Program.cs" "$work/platform/OrdersApi/"

# The hand-written variant: package versions from Platform.ServiceDefaults' own dependencies.
deps="$(unzip -p "$bench_feed/Platform.ServiceDefaults.$bench_version.nupkg" Platform.ServiceDefaults.nuspec \
  | sed -n 's/.*<dependency id="\([^"]*\)" version="\([^"]*\)".*/    <PackageReference Include="\1" Version="\2" \/>/p' | sort -u)"
cat > "$work/handwritten/OrdersApi/OrdersApi.csproj" <<XML
<Project Sdk="Platform.Sdk.Web">
  <PropertyGroup>
    <PlatformTelemetry>false</PlatformTelemetry>
  </PropertyGroup>
  <ItemGroup>
$deps
  </ItemGroup>
</Project>
XML
sed -e 's/builder.AddPlatformDefaults();/builder.AddServiceDefaults();/' -e 's/app.MapPlatformEndpoints();/app.MapDefaultEndpoints();/' \
  "$bench_root/samples/OrdersApi/Program.cs" > "$work/handwritten/OrdersApi/Program.cs"
cat > "$work/handwritten/OrdersApi/ServiceDefaults.cs" <<'CS'
// The .NET Aspire ServiceDefaults template's Extensions.cs, as a team writes it (service discovery left out).
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

/// <summary>Hand-written service defaults.</summary>
public static class ServiceDefaultsExtensions
{
    private const string HealthEndpointPath = "/health";
    private const string AlivenessEndpointPath = "/alive";

    /// <summary>OpenTelemetry, health checks and HttpClient resilience.</summary>
    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        builder.ConfigureOpenTelemetry();
        builder.AddDefaultHealthChecks();
        builder.Services.ConfigureHttpClientDefaults(http => http.AddStandardResilienceHandler());
        return builder;
    }

    /// <summary>Logs, metrics and traces.</summary>
    public static TBuilder ConfigureOpenTelemetry<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation())
            .WithTracing(tracing => tracing
                .AddSource(builder.Environment.ApplicationName)
                .AddAspNetCoreInstrumentation(aspnet => aspnet.Filter = context =>
                    !context.Request.Path.StartsWithSegments(HealthEndpointPath)
                    && !context.Request.Path.StartsWithSegments(AlivenessEndpointPath))
                .AddHttpClientInstrumentation());

        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            builder.Services.AddOpenTelemetry().UseOtlpExporter();
        }

        return builder;
    }

    /// <summary>A liveness check.</summary>
    public static TBuilder AddDefaultHealthChecks<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddHealthChecks().AddCheck("self", () => HealthCheckResult.Healthy(), ["live"]);
        return builder;
    }

    /// <summary>/health (all checks) and /alive (live checks).</summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        app.MapHealthChecks(HealthEndpointPath);
        app.MapHealthChecks(AlivenessEndpointPath, new HealthCheckOptions { Predicate = r => r.Tags.Contains("live") });
        return app;
    }
}
CS

bench_runtime_pair "Startup and throughput" /alive
