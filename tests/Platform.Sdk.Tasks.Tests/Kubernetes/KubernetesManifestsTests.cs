using System.Text.Json.Nodes;
using Platform.Sdk.Tasks.Kubernetes;

namespace Platform.Sdk.Tasks.Tests.Kubernetes;

/// <summary>Which objects a service gets, and the fields that depend on its settings (the full set is checked end to end).</summary>
public sealed class KubernetesManifestsTests
{
    private static IReadOnlyList<ManifestFile> Build(KubernetesInputs inputs)
    {
        var problems = new List<KubernetesProblem>();
        var spec = KubernetesSpecParser.Parse(inputs, requireDigest: true, problems);
        Assert.Empty(problems);
        return KubernetesManifests.Build(spec!);
    }

    private static JsonObject Pod(IReadOnlyList<ManifestFile> files, string file = "deployment.yaml") =>
        files.Single(f => f.FileName == file).Content["spec"]!["template"]!["spec"]!.AsObject();

    [Fact]
    public void A_web_service_gets_a_Deployment_a_Service_and_a_disruption_budget_listed_in_the_kustomization()
    {
        var files = Build(KubernetesSpecParserTests.Golden());

        Assert.Equal(["deployment.yaml", "service.yaml", "poddisruptionbudget.yaml", "kustomization.yaml"], files.Select(f => f.FileName));
        var resources = files[^1].Content["resources"]!.AsArray().Select(r => r!.GetValue<string>());
        Assert.Equal(files.Take(files.Count - 1).Select(f => f.FileName), resources);
        Assert.Equal("registry.example.com/shop/order-api@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
            Pod(files)["containers"]![0]!["image"]!.GetValue<string>());
    }

    [Fact]
    public void A_worker_without_a_port_gets_no_Service_and_no_probes_and_one_replica_no_budget()
    {
        var files = Build(KubernetesSpecParserTests.Golden(kind: "worker") with { Replicas = "1" });

        Assert.Equal(["deployment.yaml", "kustomization.yaml"], files.Select(f => f.FileName));
        var container = Pod(files)["containers"]![0]!.AsObject();
        Assert.False(container.ContainsKey("readinessProbe"));
        Assert.False(container.ContainsKey("ports"));
        Assert.Equal("worker", files[0].Content["metadata"]!["labels"]!["app.kubernetes.io/component"]!.GetValue<string>());
    }

    [Fact]
    public void Migrations_get_a_Job_per_image_whose_pod_no_selector_of_the_service_picks()
    {
        var longName = new string('a', 60);
        var files = Build(KubernetesSpecParserTests.Golden() with { DatabaseMigrations = "true", ServiceName = longName });

        var job = files.Single(f => f.FileName == "migration-job.yaml").Content;
        var name = job["metadata"]!["name"]!.GetValue<string>();
        Assert.True(name.Length <= 63, name);
        Assert.EndsWith("-migrate-0123456789", name);
        Assert.Equal(name, job["spec"]!["template"]!["metadata"]!["labels"]!["app.kubernetes.io/name"]!.GetValue<string>());
        var container = Pod(files, "migration-job.yaml")["containers"]![0]!;
        Assert.Equal(["migrate"], container["args"]!.AsArray().Select(a => a!.GetValue<string>()));
        Assert.Equal("Never", Pod(files, "migration-job.yaml")["restartPolicy"]!.GetValue<string>());
    }

    [Fact]
    public void With_autoscaling_the_Deployment_leaves_the_replica_count_to_the_autoscaler()
    {
        var files = Build(KubernetesSpecParserTests.Golden() with { Autoscaling = "true", Replicas = "3", MaxReplicas = "6" });

        Assert.Null(files[0].Content["spec"]!["replicas"]);
        var hpa = files.Single(f => f.FileName == "horizontalpodautoscaler.yaml").Content["spec"]!;
        Assert.Equal(3, hpa["minReplicas"]!.GetValue<int>());
        Assert.Equal(6, hpa["maxReplicas"]!.GetValue<int>());
    }

    [Fact]
    public void A_build_metadata_version_becomes_a_valid_label_value()
    {
        var files = Build(KubernetesSpecParserTests.Golden() with { Version = "2.0.0+build.7" });

        Assert.Equal("2.0.0_build.7", files[0].Content["metadata"]!["labels"]!["app.kubernetes.io/version"]!.GetValue<string>());
    }

    [Fact]
    public void Connection_strings_come_from_a_Secret_in_the_app_and_the_migration_Job_never_as_a_value()
    {
        var files = Build(KubernetesSpecParserTests.Golden() with
        {
            DatabaseMigrations = "true",
            ConnectionStrings = [new("database", "", ""), new("cache", "shared-redis", "url")],
        });

        foreach (var file in new[] { "deployment.yaml", "migration-job.yaml" })
        {
            var env = Pod(files, file)["containers"]![0]!["env"]!.AsArray().Select(e => e!.AsObject()).ToList();
            var database = env.Single(e => e["name"]!.GetValue<string>() == "ConnectionStrings__database");
            Assert.False(database.ContainsKey("value"));
            Assert.Equal("order-api-connection-strings", database["valueFrom"]!["secretKeyRef"]!["name"]!.GetValue<string>());
            Assert.Equal("database", database["valueFrom"]!["secretKeyRef"]!["key"]!.GetValue<string>());
            var cache = env.Single(e => e["name"]!.GetValue<string>() == "ConnectionStrings__cache");
            Assert.Equal("shared-redis", cache["valueFrom"]!["secretKeyRef"]!["name"]!.GetValue<string>());
            Assert.Equal("url", cache["valueFrom"]!["secretKeyRef"]!["key"]!.GetValue<string>());
        }
    }

    [Theory]
    [InlineData("my database", "", "")]
    [InlineData("database", "Shared_Secrets", "")]
    [InlineData("database", "", "a/b")]
    public void A_connection_string_that_cannot_be_a_secret_reference_is_PLAT0304_naming_the_item(string name, string secret, string key)
    {
        var problems = new List<KubernetesProblem>();

        var spec = KubernetesSpecParser.Parse(KubernetesSpecParserTests.Golden() with { ConnectionStrings = [new(name, secret, key)] }, requireDigest: true, problems);

        Assert.Null(spec);
        var problem = Assert.Single(problems);
        Assert.Equal("PLAT0304", problem.Code);
        Assert.Contains($"PlatformConnectionString '{name}'", problem.Message, StringComparison.Ordinal);
    }
}
