using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Platform.Analyzers.Infrastructure;

/// <summary>
/// The MSBuild facts the rules read, resolved once per compilation from <c>build_property.*</c> global options.
/// Reads: PlatformProjectKind, PlatformTelemetry, PlatformDeviationIds, PlatformAnalysisMode, IsTestProject, NoWarn.
/// Parsing is tolerant: unknown or missing values fall back to inference from the compilation.
/// </summary>
internal sealed class PlatformProject
{
    public const string ProjectKindProperty = "build_property.PlatformProjectKind";
    public const string TelemetryProperty = "build_property.PlatformTelemetry";
    public const string DeviationIdsProperty = "build_property.PlatformDeviationIds";
    public const string AnalysisModeProperty = "build_property.PlatformAnalysisMode";
    public const string IsTestProjectProperty = "build_property.IsTestProject";
    public const string NoWarnProperty = "build_property.NoWarn";

    private static readonly string[] TestFrameworkAssemblies =
    {
        "xunit.core", "xunit.v3.core", "xunit.assert", "nunit.framework",
        "Microsoft.VisualStudio.TestPlatform.TestFramework", "MSTest.TestFramework", "TUnit.Core",
    };

    private PlatformProject(ProjectKind kind, bool kindDeclared, bool? telemetry, ImmutableHashSet<string> deviations, string? noWarn)
    {
        Kind = kind;
        KindDeclared = kindDeclared;
        Telemetry = telemetry;
        Deviations = deviations;
        NoWarn = noWarn;
    }

    public ProjectKind Kind { get; }

    /// <summary>True when PlatformProjectKind was set (the SDK is in use), false when the kind was inferred.</summary>
    public bool KindDeclared { get; }

    public bool? Telemetry { get; }

    public ImmutableHashSet<string> Deviations { get; }

    public string? NoWarn { get; }

    public bool IsTest => Kind == ProjectKind.Test;

    /// <summary>
    /// Service rules (PLAT1001, 1004, 2001, 3001, 4002, 5001, 5002, 5003) apply to code that runs in or ships into a
    /// service: web, worker, library and console projects. Not to tests, AppHosts, build tools or client apps.
    /// </summary>
    public bool IsServiceCode => Kind is ProjectKind.Web or ProjectKind.Worker or ProjectKind.Library or ProjectKind.Console;

    /// <summary>PLAT4001 (hard-coded secrets) applies to everything but tests: a secret in a client or a build script leaks too.</summary>
    public bool IsShippedCode => Kind != ProjectKind.Test;

    public bool IsHostedService => Kind is ProjectKind.Web or ProjectKind.Worker;

    public bool HasDeviation(string idOrSetting) => Deviations.Contains(idOrSetting);

    public static PlatformProject Create(Compilation compilation, AnalyzerOptions options)
    {
        var global = options.AnalyzerConfigOptionsProvider.GlobalOptions;
        var kindText = Get(global, ProjectKindProperty);
        var isTestProject = IsTrue(Get(global, IsTestProjectProperty));
        var deviations = ParseList(Get(global, DeviationIdsProperty));
        var telemetryText = Get(global, TelemetryProperty);
        bool? telemetry = telemetryText is null ? null : !IsFalse(telemetryText) ? true : false;

        var declared = TryParseKind(kindText, out var kind);
        if (!declared)
        {
            kind = InferKind(compilation);
        }

        // The SDK declares every executable 'console' and everything else 'library' (nothing in MSBuild tells a NUKE
        // build or a MAUI class library apart), so those two are refined from what the compilation references.
        if (kind is ProjectKind.Console or ProjectKind.Library or ProjectKind.Web && RefinedKind(compilation) is { } refined &&
            (kind != ProjectKind.Web || refined == ProjectKind.Client))
        {
            kind = refined;
        }

        if (isTestProject || ReferencesTestFramework(compilation))
        {
            kind = ProjectKind.Test;
        }

        return new PlatformProject(kind, declared, telemetry, deviations, Get(global, NoWarnProperty));
    }

    public static ImmutableHashSet<string> ReadDeviations(AnalyzerOptions options) =>
        ParseList(Get(options.AnalyzerConfigOptionsProvider.GlobalOptions, DeviationIdsProperty));

    public static ImmutableHashSet<string> ParseList(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return ImmutableHashSet<string>.Empty.WithComparer(StringComparer.OrdinalIgnoreCase);
        }

        return value!
            .Split(new[] { ';', ',', ' ', '\t', '\r', '\n' }, StringSplitOptions.RemoveEmptyEntries)
            .Select(s => s.Trim())
            .Where(s => s.Length > 0)
            .ToImmutableHashSet(StringComparer.OrdinalIgnoreCase);
    }

    private static string? Get(AnalyzerConfigOptions options, string key) =>
        options.TryGetValue(key, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    private static bool IsTrue(string? value) => string.Equals(value, "true", StringComparison.OrdinalIgnoreCase);

    private static bool IsFalse(string? value) =>
        string.Equals(value, "false", StringComparison.OrdinalIgnoreCase) ||
        string.Equals(value, "off", StringComparison.OrdinalIgnoreCase) ||
        string.Equals(value, "disable", StringComparison.OrdinalIgnoreCase) ||
        string.Equals(value, "0", StringComparison.Ordinal);

    private static bool TryParseKind(string? text, out ProjectKind kind)
    {
        switch (text?.ToLowerInvariant())
        {
            case "web": kind = ProjectKind.Web; return true;
            case "worker": kind = ProjectKind.Worker; return true;
            case "library": kind = ProjectKind.Library; return true;
            case "console": kind = ProjectKind.Console; return true;
            case "test": kind = ProjectKind.Test; return true;
            case "apphost": kind = ProjectKind.AppHost; return true;
            case "tool": kind = ProjectKind.Tool; return true;
            case "client": kind = ProjectKind.Client; return true;
            default: kind = ProjectKind.Library; return false;
        }
    }

    /// <summary>
    /// Without the SDK: an executable that references ASP.NET Core is web, one that references the generic host
    /// is a worker, any other executable is console, everything else is a library.
    /// </summary>
    private static ProjectKind InferKind(Compilation compilation)
    {
        var isExe = compilation.Options.OutputKind is OutputKind.ConsoleApplication or OutputKind.WindowsApplication;
        if (!isExe)
        {
            return ProjectKind.Library;
        }

        if (compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Builder.WebApplication") is not null)
        {
            return ProjectKind.Web;
        }

        if (compilation.GetTypeByMetadataName("Microsoft.Extensions.Hosting.Host") is not null)
        {
            return ProjectKind.Worker;
        }

        return ProjectKind.Console;
    }

    /// <summary>
    /// AppHost, tool and client projects by the framework they are built on: Aspire.Hosting (an AppHost), NUKE or
    /// Cake Frosting (a build tool), MAUI, WPF, Windows Forms or Blazor WebAssembly (a client). Null when none is
    /// referenced. A 'web' project is only refined to client (Blazor WebAssembly also pulls in ASP.NET Core types).
    /// </summary>
    private static ProjectKind? RefinedKind(Compilation compilation)
    {
        if (compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Components.WebAssembly.Hosting.WebAssemblyHostBuilder") is not null ||
            compilation.GetTypeByMetadataName("Microsoft.Maui.Hosting.MauiApp") is not null ||
            compilation.GetTypeByMetadataName("System.Windows.Application") is not null ||
            compilation.GetTypeByMetadataName("System.Windows.Forms.Application") is not null)
        {
            return ProjectKind.Client;
        }

        if (compilation.GetTypeByMetadataName("Aspire.Hosting.DistributedApplication") is not null)
        {
            return ProjectKind.AppHost;
        }

        if (compilation.GetTypeByMetadataName("Nuke.Common.NukeBuild") is not null ||
            compilation.GetTypeByMetadataName("Cake.Frosting.CakeHost") is not null)
        {
            return ProjectKind.Tool;
        }

        return null;
    }

    private static bool ReferencesTestFramework(Compilation compilation)
    {
        foreach (var reference in compilation.ReferencedAssemblyNames)
        {
            foreach (var name in TestFrameworkAssemblies)
            {
                if (string.Equals(reference.Name, name, StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>IDs that look like PLAT rule ids, from a NoWarn-style list.</summary>
    public static IEnumerable<string> PlatformIds(string? list) =>
        ParseList(list).Where(IsPlatformId);

    public static bool IsPlatformId(string id) =>
        id.Length == 8 && id.StartsWith("PLAT", StringComparison.OrdinalIgnoreCase) && id.Skip(4).All(char.IsDigit);
}
