using Microsoft.CodeAnalysis;
using Platform.Analyzers.Analyzers;
using Platform.Analyzers.Tests.Infrastructure;

namespace Platform.Analyzers.Tests;

public class NullableDisabledAnalyzerTests
{
    private const string Source = """
        {|#0:public|} class Orders
        {
        }
        """;

    private static string Clean => Source.Replace("{|#0:", string.Empty).Replace("|}", string.Empty);

    [Fact]
    public async Task Project_with_nullable_disabled_is_reported_once_on_the_first_file()
    {
        await Verify.AnalyzerAsync<NullableDisabledAnalyzer>(Source, ProjectSetup.Web.WithSource("public class Second { }") with { Nullable = NullableContextOptions.Disable },
            Verify.Diagnostic("PLAT9001").WithLocation(0).WithArguments("TestProject"));
    }

    [Fact]
    public async Task Project_with_nullable_enabled_is_not_reported()
    {
        await Verify.AnalyzerAsync<NullableDisabledAnalyzer>(Clean, ProjectSetup.Web);
    }

    [Fact]
    public async Task Nullable_deviation_silences_the_rule()
    {
        await Verify.AnalyzerAsync<NullableDisabledAnalyzer>(Clean, ProjectSetup.Web.WithDeviations("Nullable") with { Nullable = NullableContextOptions.Disable });
    }
}

public class TelemetryOptOutAnalyzerTests
{
    private const string Source = """
        {|#0:public|} class Orders
        {
        }
        """;

    private static string Clean => Source.Replace("{|#0:", string.Empty).Replace("|}", string.Empty);

    [Theory]
    [InlineData("web")]
    [InlineData("worker")]
    public async Task Telemetry_turned_off_in_a_service_is_reported(string kind)
    {
        await Verify.AnalyzerAsync<TelemetryOptOutAnalyzer>(Source, new ProjectSetup { Kind = kind }.With("PlatformTelemetry", "false"),
            Verify.Diagnostic("PLAT9002").WithLocation(0).WithArguments(kind, "TestProject"));
    }

    [Fact]
    public async Task Telemetry_on_or_unset_is_not_reported()
    {
        await Verify.AnalyzerAsync<TelemetryOptOutAnalyzer>(Clean, ProjectSetup.Web.With("PlatformTelemetry", "true"));
        await Verify.AnalyzerAsync<TelemetryOptOutAnalyzer>(Clean, ProjectSetup.Web);
    }

    [Fact]
    public async Task Telemetry_turned_off_in_a_library_or_test_project_is_not_reported()
    {
        await Verify.AnalyzerAsync<TelemetryOptOutAnalyzer>(Clean, ProjectSetup.Library.With("PlatformTelemetry", "false"));
        await Verify.AnalyzerAsync<TelemetryOptOutAnalyzer>(Clean, ProjectSetup.Test.With("PlatformTelemetry", "false"));
    }

    [Fact]
    public async Task Telemetry_deviation_silences_the_rule()
    {
        await Verify.AnalyzerAsync<TelemetryOptOutAnalyzer>(Clean, ProjectSetup.Web.With("PlatformTelemetry", "false").WithDeviations("Telemetry"));
    }
}

public class SuppressedPlatformRuleAnalyzerTests
{
    [Fact]
    public async Task Platform_rule_in_NoWarn_is_reported_once_at_the_project_anchor()
    {
        const string source = """
            {|#0:public|} class Orders
            {
            }
            """;
        await Verify.AnalyzerAsync<SuppressedPlatformRuleAnalyzer>(source, ProjectSetup.Web.With("NoWarn", "1701,1702,CS1591,PLAT2001"),
            Verify.Diagnostic("PLAT9003").WithLocation(0).WithArguments("PLAT2001", "NoWarn"));
    }

    [Fact]
    public async Task Platform_rule_suppressed_in_the_compilation_options_is_reported()
    {
        const string source = """
            {|#0:public|} class Orders
            {
            }
            """;
        var project = ProjectSetup.Web.WithCompilationOptions(o => o.WithSpecificDiagnosticOptions(
            new Dictionary<string, Microsoft.CodeAnalysis.ReportDiagnostic> { ["PLAT4001"] = Microsoft.CodeAnalysis.ReportDiagnostic.Suppress }));
        await Verify.AnalyzerAsync<SuppressedPlatformRuleAnalyzer>(source, project,
            Verify.Diagnostic("PLAT9003").WithLocation(0).WithArguments("PLAT4001", "NoWarn (or a ruleset)"));
    }

    [Fact]
    public async Task Pragma_and_SuppressMessage_for_platform_rules_are_reported_where_written()
    {
        const string source = """
            using System.Diagnostics.CodeAnalysis;

            public class Orders
            {
            #pragma warning disable {|#0:PLAT5001|}, CS0168
                [SuppressMessage("Platform.Time", {|#1:"PLAT3001:Use TimeProvider"|}, Justification = "legacy")]
                public void M() { }
            #pragma warning restore PLAT5001, CS0168
            }
            """;
        await Verify.AnalyzerAsync<SuppressedPlatformRuleAnalyzer>(source, ProjectSetup.Web,
            Verify.Diagnostic("PLAT9003").WithLocation(0).WithArguments("PLAT5001", "#pragma warning disable"),
            Verify.Diagnostic("PLAT9003").WithLocation(1).WithArguments("PLAT3001", "[SuppressMessage]"));
    }

    [Fact]
    public async Task Editorconfig_and_globalconfig_severity_none_are_reported()
    {
        const string source = """
            {|#0:public|} class Orders
            {
            }
            """;
        var project = ProjectSetup.Web
            .WithConfig("/.editorconfig", "root = true\n\n[*.cs]\ndotnet_diagnostic.PLAT1001.severity = none\ndotnet_diagnostic.CA2007.severity = none\n")
            .WithConfig("/team.globalconfig", "is_global = true\ndotnet_diagnostic.PLAT5002.severity = none\n");
        await Verify.AnalyzerAsync<SuppressedPlatformRuleAnalyzer>(source, project,
            Verify.Diagnostic("PLAT9003").WithLocation(0).WithArguments("PLAT1001", "an .editorconfig severity of none (dotnet_diagnostic.PLAT1001.severity = none)"),
            Verify.Diagnostic("PLAT9003").WithLocation(0).WithArguments("PLAT5002", "a global AnalyzerConfig severity of none (dotnet_diagnostic.PLAT5002.severity = none)"));
    }

    [Fact]
    public async Task Silencing_a_rule_with_a_registered_deviation_is_not_reported()
    {
        const string source = """
            public class Orders
            {
            #pragma warning disable PLAT5001
            #pragma warning restore PLAT5001
            }
            """;
        await Verify.AnalyzerAsync<SuppressedPlatformRuleAnalyzer>(source, ProjectSetup.Web.With("NoWarn", "PLAT5001").WithDeviations("PLAT5001"));
    }

    [Fact]
    public async Task Silencing_other_rules_is_not_reported()
    {
        const string source = """
            public class Orders
            {
            #pragma warning disable CS0168, CA2007
                [System.Diagnostics.CodeAnalysis.SuppressMessage("Style", "IDE0051")]
                private void M() { }
            #pragma warning restore CS0168, CA2007
            }
            """;
        await Verify.AnalyzerAsync<SuppressedPlatformRuleAnalyzer>(source, ProjectSetup.Web.With("NoWarn", "CS1591;NU1603"));
    }
}
