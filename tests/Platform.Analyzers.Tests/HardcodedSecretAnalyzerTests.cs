using Platform.Analyzers.Analyzers;
using Platform.Analyzers.Tests.Infrastructure;

namespace Platform.Analyzers.Tests;

public class HardcodedSecretAnalyzerTests
{
    private const string Types = """
        public class SmtpOptions
        {
            public string Host { get; set; } = "";
            public string Password { get; set; } = "";
            public string? ApiKey { get; set; }
        }

        public static class Db
        {
            public static void Connect(string connectionString) { }
            public static void Login(string user, string password) { }
        }
        """;

    [Fact]
    public async Task Password_literal_in_an_object_initializer_is_reported()
    {
        const string source = """
            public class Setup
            {
                public SmtpOptions Options() => new SmtpOptions { Host = "smtp.example.com", Password = {|#0:"Summer2024!"|} };
            }
            """;
        await Verify.AnalyzerAsync<HardcodedSecretAnalyzer>(source, ProjectSetup.Web.WithSource(Types),
            Verify.Diagnostic("PLAT4001").WithLocation(0).WithArguments("Password"));
    }

    [Fact]
    public async Task Secrets_in_constants_fields_locals_and_arguments_are_reported()
    {
        const string source = """
            public class Clients
            {
                private const string StripeApiKey = [|"sk_live_51HxQ2aBcDeFgHiJ"|];
                private static readonly string client_secret = [|"q8Xv~2nP.aLk93JdQ"|];
                private string AccessToken { get; } = [|"eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig"|];

                public void Run()
                {
                    var dbPassword = [|"Tr0ub4dor&3"|];
                    Db.Login("admin", [|"P@ssw0rd123"|]);
                    Db.Connect([|"Server=db;Database=orders;User Id=app;Password=Xk29!vB7;"|]);
                    var connectionString = [|"DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=bXlrZXk9PQ==;"|];
                    var options = new SmtpOptions { ApiKey = [|"AKIAIOSFODNN7EXAMPLE1"|] };
                }
            }
            """;
        await Verify.AnalyzerAsync<HardcodedSecretAnalyzer>(source, ProjectSetup.Web.WithSource(Types));
    }

    [Theory]
    [InlineData("\"\"")]
    [InlineData("\"   \"")]
    [InlineData("\"<password>\"")]
    [InlineData("\"${DB_PASSWORD}\"")]
    [InlineData("\"{0}\"")]
    [InlineData("\"changeme\"")]
    [InlineData("\"your-api-key-here\"")]
    [InlineData("\"********\"")]
    [InlineData("\"ConnectionStrings:Default\"")]
    [InlineData("\"Auth:ApiKey\"")]
    [InlineData("\"PAYMENTS_API_KEY\"")]
    [InlineData("\"Auth__ApiKey\"")]
    [InlineData("\"X-Api-Key\"")]
    [InlineData("\"/run/secrets/db-password\"")]
    [InlineData("\"https://login.example.com/oauth/token\"")]
    [InlineData("nameof(SmtpOptions.Password)")]
    [InlineData("\"abc\"")]
    public async Task Placeholders_keys_and_non_secret_values_are_not_reported(string value)
    {
        var source = $$"""
            public class Setup
            {
                private const string Token = {{value}};
                public SmtpOptions Options() => new SmtpOptions { Password = {{value}} };
                public void Login() => Db.Login("user", {{value}});
            }
            """;
        await Verify.AnalyzerAsync<HardcodedSecretAnalyzer>(source, ProjectSetup.Web.WithSource(Types));
    }

    [Theory]
    [InlineData("Server=db;Database=orders;Integrated Security=true")]
    [InlineData("Server=db;User Id=app;Password=;")]
    [InlineData("Server=db;User Id=app;Password=<from-vault>;")]
    [InlineData("Host=db;Username=app;Password=${PGPASSWORD}")]
    [InlineData("Data Source=orders.db")]
    [InlineData("ConnectionStrings:Orders")]
    public async Task Connection_strings_without_a_real_credential_are_not_reported(string value)
    {
        var source = $$"""
            public class Setup
            {
                public void Connect() => Db.Connect("{{value}}");
            }
            """;
        await Verify.AnalyzerAsync<HardcodedSecretAnalyzer>(source, ProjectSetup.Web.WithSource(Types));
    }

    [Fact]
    public async Task Literals_assigned_to_names_that_are_not_secrets_are_not_reported()
    {
        const string source = """
            public class Setup
            {
                private const string PasswordHeaderName = "X-Password";
                private const string TokenEndpoint = "https://idp.example.com/token";
                private const string SecretName = "orders-db-password";
                public SmtpOptions Options() => new SmtpOptions { Host = "Tr0ub4dor&3" };
            }
            """;
        await Verify.AnalyzerAsync<HardcodedSecretAnalyzer>(source, ProjectSetup.Web.WithSource(Types));
    }

    [Fact]
    public async Task Secrets_in_a_test_project_are_not_reported()
    {
        const string source = """
            public class LoginTests
            {
                public SmtpOptions Options() => new SmtpOptions { Password = "Summer2024!" };
            }
            """;
        await Verify.AnalyzerAsync<HardcodedSecretAnalyzer>(source, ProjectSetup.Test.WithSource(Types));
    }
}
