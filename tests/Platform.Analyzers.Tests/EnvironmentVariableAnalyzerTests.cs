using Platform.Analyzers.Analyzers;
using Platform.Analyzers.Tests.Infrastructure;

namespace Platform.Analyzers.Tests;

public class EnvironmentVariableAnalyzerTests
{
    [Fact]
    public async Task Environment_variable_read_in_a_service_class_is_reported()
    {
        const string source = """
            using System;

            public class PaymentGateway
            {
                public string Endpoint() => {|#0:Environment.GetEnvironmentVariable("PAYMENTS_URL")|} ?? "";
                public int Count() => [|Environment.GetEnvironmentVariables()|].Count;
            }
            """;
        await Verify.AnalyzerAsync<EnvironmentVariableAnalyzer>(source, ProjectSetup.Web,
            Verify.Diagnostic("PLAT4002").WithLocation(0).WithArguments("GetEnvironmentVariable"));
    }

    [Fact]
    public async Task Environment_variable_read_in_host_setup_is_not_reported()
    {
        const string source = """
            using System;
            using Microsoft.Extensions.DependencyInjection;

            var port = Environment.GetEnvironmentVariable("PORT");
            Console.WriteLine(port);

            public static class Registration
            {
                public static IServiceCollection AddPayments(this IServiceCollection services)
                {
                    var region = Environment.GetEnvironmentVariable("REGION");
                    return services;
                }
            }

            public partial class Program
            {
                public static string? Stage() => Environment.GetEnvironmentVariable("STAGE");
            }
            """;
        await Verify.AnalyzerAsync<EnvironmentVariableAnalyzer>(source, ProjectSetup.Web.AsExecutable());
    }

    [Fact]
    public async Task Environment_variable_read_in_a_test_project_is_not_reported()
    {
        const string source = """
            public class Fixture
            {
                public string? Url() => System.Environment.GetEnvironmentVariable("TEST_URL");
            }
            """;
        await Verify.AnalyzerAsync<EnvironmentVariableAnalyzer>(source, ProjectSetup.Test);
    }
}
