using System.Diagnostics;
using System.Text.Json.Nodes;
using Platform.Sdk.Tests.Container;
using Platform.Testing.Containers;
using ProcessRunner = Platform.Sdk.Testing.ProcessRunner;

namespace Platform.Sdk.Tests.Kubernetes;

/// <summary>
/// One `dotnet publish -t:PublishContainer` of a web service that uses every manifest kind (PodDisruptionBudget, autoscaler,
/// migration Job) and one registered relaxation (NET_BIND_SERVICE added back, a KubernetesCapabilities deviation), to the
/// shared loopback registry; then `kubectl kustomize` renders deploy/ and kubernetes-models validates what it rendered.
/// No cluster runs here: the schema, the policy and a podman run under the pod's constraints stand in for one.
/// </summary>
public sealed class KubernetesPublishFixture
{
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<ContainerPublishFixture, KubernetesPublishFixture> Instances = [];
    private readonly ContainerPublishFixture containers;

    private KubernetesPublishFixture(ContainerPublishFixture containers) => this.containers = containers;

    /// <summary>The one instance for the run's shared container fixture (xunit v2 fixtures cannot depend on each other).</summary>
    public static KubernetesPublishFixture For(ContainerPublishFixture containers) => Instances.GetValue(containers, c => new KubernetesPublishFixture(c));

    public const string Repository = "shop/order-api";

    private const string ServiceCode = """
        var builder = WebApplication.CreateBuilder(args);
        builder.AddPlatformDefaults();

        var app = builder.Build();
        app.MapPlatformEndpoints();
        app.MapGet("/orders/{id}", (int id) => Results.Ok(new { Id = id }));
        // An in-flight request for the shutdown test: it outlives the SIGTERM.
        app.MapGet("/slow", async () =>
        {
            await Task.Delay(TimeSpan.FromSeconds(3));
            return Results.Text("done");
        });

        app.Run();
        """;

    private readonly SemaphoreSlim _gate = new(1, 1);
    private Published? _published;
    private (CommandResult Kustomize, CommandResult Validate, JsonArray Documents)? _rendered;

    /// <summary>The schema tool folder (tests/Platform.Sdk.Tests/Kubernetes/schema), installed by .ci/run.</summary>
    public static string SchemaDirectory => Path.Combine(RepoPaths.Root, "tests", "Platform.Sdk.Tests", "Kubernetes", "schema");

    /// <summary>Why the schema check cannot run here, or null.</summary>
    public static string? SchemaSkipReason =>
        !Directory.Exists(Path.Combine(SchemaDirectory, "node_modules", "kubernetes-models"))
            ? $"kubernetes-models is not installed: run `npm ci --prefix {SchemaDirectory}` (.ci/run does)."
            : ToolAvailability.Find("kubectl") is null ? "kubectl (with Kustomize) is not on PATH." : ToolAvailability.Find("node") is null ? "node is not on PATH." : null;

    public async Task<Published> PublishAsync(Action<string>? log = null)
    {
        await _gate.WaitAsync();
        try
        {
            return _published ??= await PublishOnceAsync(log ?? (_ => { }));
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<Published> PublishOnceAsync(Action<string> log)
    {
        var registry = await containers.GetRegistryAsync();
        var expires = DateTime.UtcNow.AddDays(90).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var repo = await ConsumerProject.Create("OrderApi").WithSdk("Platform.Sdk.Web")
            .WithProperty("Version", "1.4.2")
            .WithProperty("PlatformKubernetesNamespace", "shop")
            .WithProperty("PlatformKubernetesAutoscaling", "true")
            .WithProperty("PlatformKubernetesAddCapabilities", "NET_BIND_SERVICE")
            // The PostgreSQL pattern package sets this (issue 14); set here by hand.
            .WithProperty("PlatformDatabaseMigrations", "true")
            .WithXml($"""
                <ItemGroup>
                  <PlatformDeviation Include="KubernetesCapabilities" Reason="Binds port 80 for a legacy load balancer" Owner="team-orders" Expires="{expires}" />
                </ItemGroup>
                """)
            .WithRepoFile("Directory.Build.props", """
                <Project>
                  <PropertyGroup>
                    <PlatformServiceNamespace>shop</PlatformServiceNamespace>
                    <!-- The platform team's one setting for every service. -->
                    <PlatformKubernetesOtlpEndpoint>http://otel-collector.observability:4317</PlatformKubernetesOtlpEndpoint>
                  </PropertyGroup>
                </Project>
                """)
            .WithFile("Program.cs", ServiceCode)
            .WriteAsync();

        var sw = Stopwatch.StartNew();
        var publish = await repo.DotNetAsync([
            "publish", repo.ProjectPath, "-t:PublishContainer", "-nodeReuse:false", "-p:RunAnalyzers=false",
            "-p:PlatformContainerRegistryMirror=" + registry.Host, "-p:ContainerRegistry=" + registry.Host,
        ]);
        log($"publish -t:PublishContainer with manifests: {sw.Elapsed.TotalSeconds:F1}s");
        var deploy = Directory.GetDirectories(Path.Combine(repo.ProjectDirectory, "bin"), "deploy", SearchOption.AllDirectories).SingleOrDefault();
        var digest = publish.Succeeded ? (await registry.GetImageManifestAsync(Repository, "1.4.2")).Digest : string.Empty;
        return new Published(repo, registry, publish, deploy, digest);
    }

    /// <summary>The published deploy/ folder rendered and validated, once.</summary>
    public async Task<(CommandResult Kustomize, CommandResult Validate, JsonArray Documents)> RenderAsync(string deploy)
    {
        await _gate.WaitAsync();
        try
        {
            return _rendered ??= await RenderAndValidateAsync(deploy);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>`kubectl kustomize deploy/` then the schema check of what it rendered.</summary>
    public static async Task<(CommandResult Kustomize, CommandResult Validate, JsonArray Documents)> RenderAndValidateAsync(string deploy)
    {
        var kustomize = await ProcessRunner.RunAsync("kubectl", ["kustomize", deploy], deploy, timeout: TimeSpan.FromMinutes(1));
        if (!kustomize.Succeeded)
        {
            return (kustomize, kustomize, new JsonArray());
        }

        var rendered = Path.Combine(Path.GetTempPath(), "platform-kustomize-" + Guid.NewGuid().ToString("N") + ".yaml");
        await File.WriteAllTextAsync(rendered, kustomize.StandardOutput);
        try
        {
            var validate = await ProcessRunner.RunAsync("node", [Path.Combine(SchemaDirectory, "validate.mjs"), rendered], SchemaDirectory, timeout: TimeSpan.FromMinutes(1));
            var documents = JsonNode.Parse(validate.StandardOutput)!["documents"]!.AsArray();
            return (kustomize, validate, documents);
        }
        finally
        {
            File.Delete(rendered);
        }
    }

    /// <summary>What the one publish produced.</summary>
    public sealed record Published(ConsumerRepo Repo, LocalRegistry Registry, CommandResult Publish, string? DeployDirectory, string RegistryDigest);
}
