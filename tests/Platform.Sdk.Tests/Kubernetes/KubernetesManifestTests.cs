using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Platform.Sdk.Tests.Container;
using Platform.Testing.Containers;
using Xunit.Abstractions;

namespace Platform.Sdk.Tests.Kubernetes;

/// <summary>
/// The manifests `dotnet publish -t:PublishContainer` writes, on the packed kit, from one shared publish: schema (kubernetes-models,
/// after `kubectl kustomize`), policy (every Pod Security Standards restricted control, the kit's own rules, deviations on the
/// record) and behaviour (the image under the pod's constraints in podman). No Kubernetes cluster can run on these machines.
/// </summary>
[Collection(ContainerPublishCollection.Name)]
public sealed class KubernetesManifestTests(ContainerPublishFixture containers, ITestOutputHelper output)
{
    private readonly KubernetesPublishFixture _fixture = KubernetesPublishFixture.For(containers);

    [SkippableFact]
    public async Task Publish_writes_manifests_that_kustomize_renders_and_the_Kubernetes_schemas_accept()
    {
        var (_, documents) = await RenderedAsync();

        Assert.Equal(
            new[] { "Deployment", "HorizontalPodAutoscaler", "Job", "PodDisruptionBudget", "Service" },
            documents.Select(d => d["kind"]!.GetValue<string>()).Order());
        Assert.All(documents, d => Assert.Equal("shop", d["metadata"]!["namespace"]!.GetValue<string>()));
    }

    [SkippableFact]
    public async Task Every_pod_meets_every_Pod_Security_Standards_restricted_control()
    {
        var (_, documents) = await RenderedAsync();

        foreach (var kind in new[] { "Deployment", "Job" })
        {
            var template = Single(documents, kind)["spec"]!["template"]!.AsObject();
            Assert.Empty(PodSecurityRestricted.Check(template["spec"]!.AsObject(), template["metadata"] as JsonObject));
        }
    }

    [SkippableFact]
    public async Task The_manifests_follow_the_kits_rules_and_pin_the_published_digest()
    {
        var (published, documents) = await RenderedAsync();
        var deployment = Single(documents, "Deployment");
        var pod = deployment["spec"]!["template"]!["spec"]!.AsObject();
        var container = pod["containers"]![0]!.AsObject();

        // The image by the digest the registry holds for the published tag: no tag, never latest.
        var image = $"{published.Registry.Host}/{KubernetesPublishFixture.Repository}@{published.RegistryDigest}";
        Assert.Matches("^sha256:[0-9a-f]{64}$", published.RegistryDigest);
        Assert.Equal(image, container["image"]!.GetValue<string>());

        // Probes on the container's port (the image's 8080), at the endpoints Platform.ServiceDefaults maps.
        Assert.Equal(8080, container["ports"]![0]!["containerPort"]!.GetValue<int>());
        Assert.Equal("http", container["ports"]![0]!["name"]!.GetValue<string>());
        Assert.Equal("/health/startup", Probe(container, "startupProbe"));
        Assert.Equal("/health/ready", Probe(container, "readinessProbe"));
        Assert.Equal("/health/live", Probe(container, "livenessProbe"));
        Assert.All(new[] { "startupProbe", "readinessProbe", "livenessProbe" }, p => Assert.Equal("http", container[p]!["httpGet"]!["port"]!.GetValue<string>()));

        // Resources, user, hardening that PSS does not cover.
        foreach (var kind in new[] { "requests", "limits" })
        {
            Assert.NotNull(container["resources"]![kind]!["cpu"]);
            Assert.NotNull(container["resources"]![kind]!["memory"]);
        }

        Assert.Equal(1654, pod["securityContext"]!["runAsUser"]!.GetValue<long>());
        Assert.True(container["securityContext"]!["readOnlyRootFilesystem"]!.GetValue<bool>());
        Assert.False(pod["automountServiceAccountToken"]!.GetValue<bool>());
        Assert.Equal("/tmp", container["volumeMounts"]![0]!["mountPath"]!.GetValue<string>());

        // Shutdown: the grace period outlasts the preStop sleep plus the host's shutdown timeout the pod hands the app.
        var env = Environment(container);
        var shutdown = int.Parse(env["Platform__ShutdownTimeoutSeconds"], System.Globalization.CultureInfo.InvariantCulture);
        var preStop = container["lifecycle"]!["preStop"]!["sleep"]!["seconds"]!.GetValue<int>();
        Assert.True(pod["terminationGracePeriodSeconds"]!.GetValue<int>() > shutdown + preStop);

        // Telemetry from the build, the collector from the platform's setting.
        Assert.Equal("order-api", env["OTEL_SERVICE_NAME"]);
        Assert.StartsWith($"service.namespace=shop,service.version=1.4.2,vcs.ref.head.revision={published.Repo.Commit},k8s.namespace.name=$(K8S_NAMESPACE_NAME)", env["OTEL_RESOURCE_ATTRIBUTES"]);
        Assert.Equal("http://otel-collector.observability:4317", env["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        Assert.Equal(2, pod["topologySpreadConstraints"]!.AsArray().Count);

        // Alongside: the Service on the named port, a disruption budget for 2 replicas, the autoscaler owns the count.
        Assert.Equal("http", Single(documents, "Service")["spec"]!["ports"]![0]!["targetPort"]!.GetValue<string>());
        Assert.Equal(1, Single(documents, "PodDisruptionBudget")["spec"]!["maxUnavailable"]!.GetValue<int>());
        Assert.Null(deployment["spec"]!["replicas"]);
        Assert.Equal(2, Single(documents, "HorizontalPodAutoscaler")["spec"]!["minReplicas"]!.GetValue<int>());

        // The migration Job (PlatformDatabaseMigrations): the same image by digest, `migrate`, a name per image.
        var job = Single(documents, "Job");
        var migrate = job["spec"]!["template"]!["spec"]!["containers"]![0]!;
        Assert.Equal(image, migrate["image"]!.GetValue<string>());
        Assert.Equal(["migrate"], migrate["args"]!.AsArray().Select(a => a!.GetValue<string>()));
        Assert.Equal("order-api-migrate-" + published.RegistryDigest[7..17], job["metadata"]!["name"]!.GetValue<string>());
        Assert.NotEqual("order-api", job["spec"]!["template"]!["metadata"]!["labels"]!["app.kubernetes.io/name"]!.GetValue<string>());
    }

    [SkippableFact]
    public async Task Every_relaxed_setting_has_a_deviation_on_the_compliance_record()
    {
        var (published, documents) = await RenderedAsync();
        var recordPath = Directory.GetFiles(Path.Combine(published.Repo.ProjectDirectory, "obj", "platform"), "compliance.json", SearchOption.AllDirectories).Single();
        var record = JsonNode.Parse(await File.ReadAllTextAsync(recordPath))!;

        var relaxed = Relaxations(documents).ToList();

        Assert.Equal(["KubernetesCapabilities"], relaxed);
        foreach (var deviation in relaxed)
        {
            var entry = record["deviations"]!.AsArray().Single(d => d!["id"]!.GetValue<string>() == deviation)!;
            Assert.Equal("active", entry["status"]!.GetValue<string>());
            var setting = record["settings"]!.AsArray().Single(s => s!["deviation"]?.GetValue<string>() == deviation)!;
            Assert.Equal("deviated", setting["status"]!.GetValue<string>());
        }

        // The other deployment settings are on the record at their golden values.
        var settings = record["settings"]!.AsArray().Where(s => s!["name"]!.GetValue<string>().StartsWith("PlatformKubernetes", StringComparison.Ordinal)).ToList();
        Assert.Equal(6, settings.Count);
        Assert.Equal(5, settings.Count(s => s!["status"]!.GetValue<string>() == "default"));
    }

    [SkippableFact]
    public async Task The_image_runs_under_the_pods_constraints_answers_its_probes_and_finishes_a_request_after_SIGTERM()
    {
        Skip.If(ToolAvailability.Current.RunSkipReason is not null, ToolAvailability.Current.RunSkipReason);
        var (_, documents) = await RenderedAsync();
        var pod = Single(documents, "Deployment")["spec"]!["template"]!["spec"]!.AsObject();
        var container = pod["containers"]![0]!.AsObject();
        var port = container["ports"]![0]!["containerPort"]!.GetValue<int>();
        var grace = TimeSpan.FromSeconds(pod["terminationGracePeriodSeconds"]!.GetValue<int>());
        var security = container["securityContext"]!;

        // The pod's constraints, as podman options: read-only root with a tmpfs /tmp, the UID, capabilities, no-new-privileges.
        Assert.True(security["readOnlyRootFilesystem"]!.GetValue<bool>());
        Assert.False(security["allowPrivilegeEscalation"]!.GetValue<bool>());
        var runOptions = new List<string> { "--read-only", "--tmpfs", "/tmp", "--cap-drop", "ALL", "--security-opt", "no-new-privileges" };
        foreach (var cap in security["capabilities"]!["add"]?.AsArray() ?? [])
        {
            runOptions.AddRange(["--cap-add", cap!.GetValue<string>()]);
        }

        await using var runner = new ImageRunner();
        await using var app = await runner.StartAsync(new ContainerRunOptions
        {
            Image = container["image"]!.GetValue<string>(),
            User = security["runAsUser"]!.GetValue<long>().ToString(System.Globalization.CultureInfo.InvariantCulture),
            Environment = Environment(container, expand: true),
            Ports = [port],
            RunOptions = runOptions,
        });

        foreach (var probe in new[] { "startupProbe", "readinessProbe", "livenessProbe" })
        {
            var (status, _) = await app.WaitForHttpAsync(port, Probe(container, probe), TimeSpan.FromSeconds(60));
            Assert.Equal(HttpStatusCode.OK, status);
        }

        Assert.Equal(1654, app.GetProcessIdentity().EffectiveUid);

        // SIGTERM while a 3-second request is in flight: the host drains it, then exits, all within the grace period.
        using var http = new HttpClient { BaseAddress = app.GetBaseAddress(port), Timeout = grace };
        var inFlight = http.GetAsync("slow");
        await Task.Delay(TimeSpan.FromMilliseconds(700));
        var sw = Stopwatch.StartNew();
        ProcessKiller.Terminate(app.ProcessId);

        using var response = await inFlight;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("done", await response.Content.ReadAsStringAsync());
        while (app.IsRunning && sw.Elapsed < grace)
        {
            await Task.Delay(50);
        }

        output.WriteLine($"request completed and process exited {sw.Elapsed.TotalSeconds:F1}s after SIGTERM (grace {grace.TotalSeconds}s)");
        Assert.False(app.IsRunning, $"the service should exit within the grace period\n{await app.GetLogsAsync()}");
    }

    private async Task<(KubernetesPublishFixture.Published Published, List<JsonObject> Documents)> RenderedAsync()
    {
        Skip.If(ToolAvailability.Current.BuildSkipReason is not null, ToolAvailability.Current.BuildSkipReason);
        Skip.If(KubernetesPublishFixture.SchemaSkipReason is not null, KubernetesPublishFixture.SchemaSkipReason);
        var published = await _fixture.PublishAsync(output.WriteLine);
        Assert.True(published.Publish.Succeeded, published.Publish.ToString());
        Assert.NotNull(published.DeployDirectory);

        var (kustomize, validate, documents) = await _fixture.RenderAsync(published.DeployDirectory!);
        Assert.True(kustomize.Succeeded, kustomize.ToString());
        Assert.True(validate.Succeeded, validate.ToString());
        return (published, documents.Select(d => d!["object"]!.DeepClone().AsObject()).ToList());
    }

    /// <summary>The PlatformDeviation setting each relaxed hardening field of the rendered pods needs.</summary>
    internal static IEnumerable<string> Relaxations(IEnumerable<JsonObject> documents)
    {
        var found = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var pod in documents.Select(d => d["spec"]?["template"]?["spec"]).OfType<JsonObject>())
        {
            if (pod["automountServiceAccountToken"]?.GetValue<bool>() != false)
            {
                found.Add("KubernetesServiceAccountToken");
            }

            foreach (var context in (pod["containers"] as JsonArray ?? []).Select(c => c!["securityContext"]).Append(pod["securityContext"]).OfType<JsonObject>())
            {
                if (context["readOnlyRootFilesystem"] is { } ro && !ro.GetValue<bool>())
                {
                    found.Add("KubernetesReadOnlyRootFilesystem");
                }

                if (context["allowPrivilegeEscalation"] is { } pe && pe.GetValue<bool>())
                {
                    found.Add("KubernetesPrivilegeEscalation");
                }

                if (context["runAsNonRoot"] is { } nr && !nr.GetValue<bool>())
                {
                    found.Add("KubernetesRunAsNonRoot");
                }

                if (context["seccompProfile"]?["type"]?.GetValue<string>() is { } seccomp && seccomp != "RuntimeDefault")
                {
                    found.Add("KubernetesSeccompProfile");
                }

                if (context["capabilities"]?["add"] is JsonArray { Count: > 0 })
                {
                    found.Add("KubernetesCapabilities");
                }
            }
        }

        return found;
    }

    private static JsonObject Single(List<JsonObject> documents, string kind) => documents.Single(d => d["kind"]!.GetValue<string>() == kind);

    private static string Probe(JsonObject container, string probe) => container[probe]!["httpGet"]!["path"]!.GetValue<string>();

    /// <summary>The container's literal env; with <paramref name="expand"/> the downward-API values stand in and $(VAR) is expanded, as the kubelet does.</summary>
    private static Dictionary<string, string> Environment(JsonObject container, bool expand = false)
    {
        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var item in container["env"]!.AsArray().OfType<JsonObject>())
        {
            var name = item["name"]!.GetValue<string>();
            var value = item["value"]?.GetValue<string>() ?? (expand ? "test-" + name.ToLowerInvariant() : null);
            if (value is not null)
            {
                env[name] = expand ? Regex.Replace(value, @"\$\(([A-Za-z_][A-Za-z0-9_]*)\)", m => env.GetValueOrDefault(m.Groups[1].Value, m.Value)) : value;
            }
        }

        return env;
    }
}
