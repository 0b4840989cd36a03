using System.Text.Json;

namespace Platform.Templates.Tests;

/// <summary>
/// Every template with each option value: exit code, file list (baseline), the options' effect on the generated files,
/// the provenance stamp, and no placeholder left behind. Building is left to <see cref="BuildTests"/>.
/// </summary>
public sealed class InstantiationTests
{
    /// <summary>Template, combination name (the baseline's suffix), options.</summary>
    public static TheoryData<string, string, string> Combinations => new()
    {
        { "platform-repo", "default", "" },
        { "platform-repo", "no-container", "--container false" },
        { "platform-repo", "namespace", "--namespace acme-orders" },
        { "platform-repo", "platform-version", "--platform-version 2.3.4" },
        { "platform-repo", "feed", "--feed https://pkgs.example.com/nuget/v3/index.json" },
        { "platform-api", "default", "" },
        { "platform-api", "no-tests", "--no-tests" },
        { "platform-api", "no-openapi", "--no-openapi" },
        { "platform-api", "no-container", "--container false" },
        { "platform-api", "database-postgres", "--database postgres" },
        { "platform-api", "cache-redis", "--cache redis" },
        { "platform-api", "messaging-rabbitmq", "--messaging rabbitmq" },
        { "platform-worker", "default", "" },
        { "platform-worker", "no-tests", "--no-tests" },
        { "platform-worker", "no-container", "--container false" },
        { "platform-worker", "messaging-rabbitmq", "--messaging rabbitmq" },
        { "platform-lib", "default", "" },
        { "platform-lib", "no-tests", "--no-tests" },
    };

    [Theory]
    [MemberData(nameof(Combinations))]
    public async Task Instantiates_with_the_expected_files_and_stamp(string template, string combination, string options)
    {
        var templates = await TemplateHive.GetAsync();
        var name = template == "platform-repo" ? "Contoso.Orders" : "Contoso.Orders.Part";
        var output = TemplateHive.NewDirectory(template + "-" + combination);
        var arguments = options.Split(' ', StringSplitOptions.RemoveEmptyEntries);

        var result = await templates.NewAsync(output, [template, "-n", name, "-o", output, .. arguments]);

        Assert.True(result.Succeeded, result.ToString());
        Assert.Contains("was created successfully", result.Output, StringComparison.Ordinal);
        Baseline.AssertFileList(template + "." + combination, output);
        AssertNoPlaceholders(output);
        AssertOptionsApplied(template, output, arguments, templates.Kit.Version);
        foreach (var stamp in Directory.EnumerateFiles(output, "template.json", SearchOption.AllDirectories).Where(f => Path.GetFileName(Path.GetDirectoryName(f)) == ".platform"))
        {
            AssertStamp(stamp, template, name, arguments, templates.Kit.Version);
        }
    }

    [Fact]
    public async Task The_default_platform_version_is_the_version_the_pack_was_packed_with()
    {
        var templates = await TemplateHive.GetAsync();
        var output = TemplateHive.NewDirectory("repo-version");

        var result = await templates.NewAsync(output, "platform-repo", "-n", "Versioned", "-o", output);

        Assert.True(result.Succeeded, result.ToString());
        using var global = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "global.json")));
        var sdks = global.RootElement.GetProperty("msbuild-sdks");
        Assert.Equal(["Platform.Sdk", "Platform.Sdk.Web", "Platform.Sdk.Test"], sdks.EnumerateObject().Select(p => p.Name));
        Assert.All(sdks.EnumerateObject(), p => Assert.Equal(templates.Kit.Version, p.Value.GetString()));
        Assert.Equal("10.0.100", global.RootElement.GetProperty("sdk").GetProperty("version").GetString());
    }

    /// <summary>`.platform/template.json`: the contract the platform CLI reads (schemaVersion, templateId, templateVersion, options).</summary>
    private static void AssertStamp(string path, string template, string name, string[] arguments, string packVersion)
    {
        using var stamp = JsonDocument.Parse(File.ReadAllText(path));
        var root = stamp.RootElement;
        Assert.Equal(["schemaVersion", "templateId", "templateVersion", "options"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal(1, root.GetProperty("schemaVersion").GetInt32());
        Assert.Equal(template, root.GetProperty("templateId").GetString());
        Assert.Equal(packVersion, root.GetProperty("templateVersion").GetString());

        var options = root.GetProperty("options");
        var expected = ExpectedOptions(template, name, arguments, packVersion);
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), options.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        foreach (var (key, value) in expected)
        {
            Assert.Equal(value, options.GetProperty(key).ToString());
        }
    }

    /// <summary>Every option of the template with the value the arguments give it (JSON text of booleans: True/False).</summary>
    private static Dictionary<string, string> ExpectedOptions(string template, string name, string[] arguments, string packVersion)
    {
        string Value(string option, string fallback)
        {
            var index = Array.FindIndex(arguments, a => a == "--" + option || (option == "framework" && a == "-f"));
            return index < 0 ? fallback : index + 1 < arguments.Length && !arguments[index + 1].StartsWith('-') ? arguments[index + 1] : "true";
        }

        var options = new Dictionary<string, string> { ["name"] = name };
        if (template == "platform-repo")
        {
            options["namespace"] = Value("namespace", "contoso-orders");
            options["feed"] = Value("feed", "https://nuget.pkg.github.com/platform/index.json");
            options["platform-version"] = Value("platform-version", packVersion);
            options["container"] = Bool(Value("container", "true"));
            return options;
        }

        options["framework"] = Value("framework", "net10.0");
        options["no-tests"] = Bool(Value("no-tests", "false"));
        if (template == "platform-api")
        {
            options["no-openapi"] = Bool(Value("no-openapi", "false"));
            options["database"] = Value("database", "none");
            options["cache"] = Value("cache", "none");
            options["messaging"] = Value("messaging", "none");
        }

        if (template != "platform-lib")
        {
            options["container"] = Bool(Value("container", "true"));
        }

        if (template == "platform-worker")
        {
            options["messaging"] = Value("messaging", "none");
        }

        return options;
    }

    private static string Bool(string value) => value == "true" ? "True" : "False";

    private static void AssertOptionsApplied(string template, string output, string[] arguments, string packVersion)
    {
        var all = Directory.EnumerateFiles(output, "*", SearchOption.AllDirectories).ToDictionary(f => Path.GetRelativePath(output, f).Replace('\\', '/'), File.ReadAllText);
        var projects = all.Where(f => f.Key.EndsWith(".csproj", StringComparison.Ordinal)).ToList();
        var joined = string.Join('\n', arguments);

        var containerOff = joined.Contains("--container\nfalse", StringComparison.Ordinal);
        var containerFile = template == "platform-repo"
            ? all["Directory.Build.props"]
            : string.Join('\n', projects.Where(p => p.Key.StartsWith("src/", StringComparison.Ordinal)).Select(p => p.Value));
        Assert.Equal(containerOff, containerFile.Contains("<PlatformContainer>false</PlatformContainer>", StringComparison.Ordinal));

        if (template == "platform-repo")
        {
            var version = joined.Contains("--platform-version", StringComparison.Ordinal) ? "2.3.4" : packVersion;
            Assert.Equal(3, CountOf(all["global.json"], $"\"{version}\""));
            var expectedNamespace = joined.Contains("--namespace", StringComparison.Ordinal) ? "acme-orders" : "contoso-orders";
            Assert.Contains($"<PlatformServiceNamespace>{expectedNamespace}</PlatformServiceNamespace>", all["Directory.Build.props"], StringComparison.Ordinal);
            Assert.Contains("<package pattern=\"Platform.*\" />", all["NuGet.config"], StringComparison.Ordinal);
            var feed = joined.Contains("--feed", StringComparison.Ordinal) ? "https://pkgs.example.com/nuget/v3/index.json" : "https://nuget.pkg.github.com/platform/index.json";
            var source = System.Xml.Linq.XDocument.Parse(all["NuGet.config"]).Descendants("add").Single(a => (string?)a.Attribute("key") == "platform");
            Assert.Equal(feed, (string?)source.Attribute("value"));
            return;
        }

        // The default framework (the only one in support today) is the SDK's default: no <TargetFramework> is written.
        Assert.All(projects, p => Assert.DoesNotContain("<TargetFramework>", p.Value, StringComparison.Ordinal));

        Assert.Equal(arguments.Contains("--no-tests"), !all.Keys.Any(k => k.StartsWith("tests/", StringComparison.Ordinal)));
        if (template == "platform-api")
        {
            var openApi = !arguments.Contains("--no-openapi");
            Assert.Equal(openApi, all.Values.Any(v => v.Contains("OpenApi", StringComparison.Ordinal)));
            AssertDependencies(all, joined);
        }

        if (template == "platform-worker")
        {
            var messaging = joined.Contains("--messaging\nrabbitmq", StringComparison.Ordinal);
            var program = all["src/Contoso.Orders.Part/Program.cs"];
            Assert.Equal(messaging, program.Contains("builder.AddPlatformRabbitMQ(\"messaging\");", StringComparison.Ordinal));
            Assert.Equal(messaging, program.Contains("builder.AddPlatformMessageConsumer<ProductEventHandler>(", StringComparison.Ordinal));
            Assert.Equal(messaging, all["src/Contoso.Orders.Part/Contoso.Orders.Part.csproj"].Contains("<PlatformConnectionString Include=\"messaging\" />", StringComparison.Ordinal));
            Assert.DoesNotContain("ConnectionStrings", all["src/Contoso.Orders.Part/appsettings.json"], StringComparison.Ordinal);
            Assert.Equal(messaging, all.ContainsKey("src/Contoso.Orders.Part/appsettings.Development.json"));
        }
    }

    /// <summary>
    /// <c>--database</c>/<c>--cache</c>/<c>--messaging</c>: the package reference (no version: the SDK's central
    /// PackageVersion), the one registration line, and a connection string from configuration only: a local one without
    /// a password in appsettings.Development.json, none in appsettings.json.
    /// </summary>
    private static void AssertDependencies(Dictionary<string, string> all, string arguments)
    {
        var project = all["src/Contoso.Orders.Part/Contoso.Orders.Part.csproj"];
        var program = all["src/Contoso.Orders.Part/Program.cs"];
        using var development = JsonDocument.Parse(all["src/Contoso.Orders.Part/appsettings.Development.json"], new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        Assert.DoesNotContain("ConnectionStrings", all["src/Contoso.Orders.Part/appsettings.json"], StringComparison.Ordinal);
        var connectionStrings = development.RootElement.TryGetProperty("ConnectionStrings", out var section)
            ? section.EnumerateObject().Select(p => p.Name).ToArray()
            : [];

        (string Option, string Package, string Registration, string Name)[] dependencies =
        [
            ("--database\npostgres", "Platform.Patterns.PostgreSql", "builder.AddPlatformPostgres(\"database\");", "database"),
            ("--cache\nredis", "Platform.Patterns.Redis", "builder.AddPlatformRedis(\"cache\");", "cache"),
            ("--messaging\nrabbitmq", "Platform.Patterns.RabbitMQ", "builder.AddPlatformRabbitMQ(\"messaging\");", "messaging"),
        ];
        foreach (var (option, package, registration, name) in dependencies)
        {
            var chosen = arguments.Contains(option, StringComparison.Ordinal);
            Assert.Equal(chosen, project.Contains($"<PackageReference Include=\"{package}\" />", StringComparison.Ordinal));
            Assert.Equal(chosen ? 1 : 0, CountOf(program, registration));
            Assert.Equal(chosen, connectionStrings.Contains(name));
            Assert.Equal(chosen, project.Contains($"<PlatformConnectionString Include=\"{name}\" />", StringComparison.Ordinal));
        }

        Assert.DoesNotContain("Password=", all["src/Contoso.Orders.Part/appsettings.Development.json"], StringComparison.OrdinalIgnoreCase);
        var postgres = arguments.Contains("--database\npostgres", StringComparison.Ordinal);
        Assert.Equal(postgres, all.ContainsKey("src/Contoso.Orders.Part/Migrations/0001_create_items.sql"));
        Assert.Equal(postgres, program.Contains("return await app.RunOrMigrateAsync(args);", StringComparison.Ordinal));
    }

    /// <summary>No TODO and no template token survives instantiation.</summary>
    private static void AssertNoPlaceholders(string output)
    {
        string[] tokens = ["TODO", "PLATFORM_", "__PLATFORM", "PlatformApi1", "PlatformWorker1", "PlatformLib1", "PlatformRepo1", "//#if", "<!--#if", "#if (", "#endif"];
        foreach (var file in Directory.EnumerateFiles(output, "*", SearchOption.AllDirectories))
        {
            var text = File.ReadAllText(file);
            Assert.All(tokens, token => Assert.False(text.Contains(token, StringComparison.Ordinal), $"{file} contains '{token}'."));
        }
    }

    private static int CountOf(string text, string value) => (text.Length - text.Replace(value, string.Empty, StringComparison.Ordinal).Length) / value.Length;
}
