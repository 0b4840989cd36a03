using System.Text.Json.Nodes;
using System.Xml.Linq;
using Platform.Sdk.Tasks.Kubernetes;

namespace Platform.Sdk.Tasks.Tests.Kubernetes;

/// <summary>The deployment settings: the golden values pass, every bad value is its PLAT02xx problem, phrased as the fix.</summary>
public sealed class KubernetesSpecParserTests
{
    private const string Digest = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    internal static KubernetesInputs Golden(
        string kind = "web",
        string[]? ports = null,
        Dictionary<string, string>? hardening = null,
        string[]? deviations = null,
        Func<KubernetesInputs, KubernetesInputs>? change = null)
    {
        var inputs = new KubernetesInputs
        {
            ServiceName = "order-api", ServiceNamespace = "shop", Version = "1.4.2", ProjectKind = kind,
            ImageRepository = "registry.example.com/shop/order-api", ImageDigest = Digest, User = "1654",
            Ports = ports ?? (kind == "web" ? ["8080"] : []), AppHttpPorts = kind == "web" ? "8080" : string.Empty,
            ImageEnvironment = [KeyValuePair.Create("OTEL_SERVICE_NAME", "order-api"), KeyValuePair.Create("OTEL_RESOURCE_ATTRIBUTES", "service.version=1.4.2")],
            Replicas = "2", CpuRequest = "100m", CpuLimit = "1", MemoryRequest = "256Mi", MemoryLimit = "512Mi",
            StartupProbePath = "/health/startup", ReadinessProbePath = "/health/ready", LivenessProbePath = "/health/live",
            HealthEndpoints = ["/health/startup", "/health/ready", "/health/live"],
            ShutdownTimeoutSeconds = "30", PreStopSeconds = "5", TerminationGracePeriodSeconds = "45",
            Autoscaling = "false", MaxReplicas = "10", TargetCpuUtilization = "70",
            Hardening = hardening ?? [],
            Deviations = deviations ?? [], DeviationsInForce = deviations ?? [],
        };
        return change is null ? inputs : change(inputs);
    }

    private static (KubernetesSpec? Spec, List<KubernetesProblem> Problems) Parse(KubernetesInputs inputs, bool requireDigest = true)
    {
        var problems = new List<KubernetesProblem>();
        return (KubernetesSpecParser.Parse(inputs, requireDigest, problems), problems);
    }

    [Fact]
    public void The_golden_settings_parse_without_problems()
    {
        var (spec, problems) = Parse(Golden());

        Assert.Empty(problems);
        Assert.NotNull(spec);
        Assert.Equal(8080, spec.Port);
        Assert.Equal(1654, spec.RunAsUser);
        Assert.Empty(spec.Relaxed);
    }

    public static TheoryData<string, string, string> BadInputs() => new()
    {
        { "port:http", "PLAT0200", "from 1 to 65535" },
        { "port:0", "PLAT0200", "from 1 to 65535" },
        { "noport", "PLAT0200", "PlatformContainerPort" },
        { "listen:5000", "PLAT0201", "PlatformContainerPort=5000" },
        { "probe:/healthz", "PLAT0202", "<PlatformKubernetesHealthEndpoint Include=\"/healthz\" />" },
        { "memory:-512Mi", "PLAT0203", "positive Kubernetes quantity" },
        { "memory:512MB", "PLAT0203", "positive Kubernetes quantity" },
        { "cpu:0", "PLAT0203", "positive Kubernetes quantity" },
        { "cpurequest:2", "PLAT0204", "above the limit" },
        { "replicas:-1", "PLAT0205", "whole number from 0 to 1000" },
        { "grace:35", "PLAT0206", "above 35" },
        { "readonly:false", "PLAT0207", "<PlatformDeviation Include=\"KubernetesReadOnlyRootFilesystem\"" },
        { "seccomp:Permissive", "PLAT0208", "RuntimeDefault or Unconfined" },
        { "capabilities:ALL", "PLAT0208", "ALL is never added back" },
        { "user:app", "PLAT0209", "numeric" },
        { "user:0", "PLAT0209", "root" },
        { "deviation:Nullabel", "PLAT0210", "Nullabel" },
        { "otlp:otel-collector:4317", "PLAT0211", "http://" },
        { "namespace:Shop", "PLAT0212", "lower-case" },
        { "namespace:shop\n", "PLAT0212", "lower-case" },
        { "autoscaling:max1", "PLAT0213", "PlatformKubernetesMaxReplicas" },
        { "digest:", "PLAT0214", "one runtime identifier" },
        { "index:", "PLAT0214", "image index" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public void A_bad_setting_is_its_problem_with_the_fix(string scenario, string code, string fix)
    {
        var (name, value) = (scenario.Split(':', 2)[0], scenario.Split(':', 2).ElementAtOrDefault(1) ?? string.Empty);
        var inputs = name switch
        {
            "port" => Golden(ports: [value]),
            "noport" => Golden(ports: []),
            "listen" => Golden(change: i => i with { AppHttpPorts = value }),
            "probe" => Golden(change: i => i with { ReadinessProbePath = value }),
            "memory" => Golden(change: i => i with { MemoryLimit = value }),
            "cpu" => Golden(change: i => i with { CpuRequest = value }),
            "cpurequest" => Golden(change: i => i with { CpuRequest = value }),
            "replicas" => Golden(change: i => i with { Replicas = value }),
            "grace" => Golden(change: i => i with { TerminationGracePeriodSeconds = value }),
            "readonly" => Golden(hardening: new() { ["PlatformKubernetesReadOnlyRootFilesystem"] = value }),
            "seccomp" => Golden(hardening: new() { ["PlatformKubernetesSeccompProfile"] = value }),
            "capabilities" => Golden(hardening: new() { ["PlatformKubernetesAddCapabilities"] = value }, deviations: ["KubernetesCapabilities"]),
            "user" => Golden(change: i => i with { User = value }),
            "deviation" => Golden(change: i => i with { Deviations = [value] }),
            "otlp" => Golden(change: i => i with { OtlpEndpoint = value }),
            "namespace" => Golden(change: i => i with { Namespace = value }),
            "autoscaling" => Golden(change: i => i with { Autoscaling = "true", MaxReplicas = "1" }),
            "digest" => Golden(change: i => i with { ImageDigest = value }),
            "index" => Golden(change: i => i with { ImageIndex = true }),
            _ => throw new ArgumentException(scenario),
        };

        var (spec, problems) = Parse(inputs);

        Assert.Null(spec);
        var problem = Assert.Single(problems, p => p.Code == code);
        Assert.Contains(fix, problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Each_relaxed_hardening_setting_passes_with_its_deviation_in_force()
    {
        var relaxed = new Dictionary<string, string>
        {
            ["PlatformKubernetesReadOnlyRootFilesystem"] = "false",
            ["PlatformKubernetesAutomountServiceAccountToken"] = "true",
            ["PlatformKubernetesRunAsNonRoot"] = "false",
            ["PlatformKubernetesAllowPrivilegeEscalation"] = "true",
            ["PlatformKubernetesSeccompProfile"] = "Unconfined",
            ["PlatformKubernetesAddCapabilities"] = "net_bind_service;SYS_PTRACE",
        };
        var deviations = KubernetesHardening.All.Select(h => h.Deviation).ToArray();

        var (spec, problems) = Parse(Golden(hardening: relaxed, deviations: deviations));

        Assert.Empty(problems);
        Assert.Equal(KubernetesHardening.All, spec!.Relaxed);
        Assert.Equal(["NET_BIND_SERVICE", "SYS_PTRACE"], spec.AddCapabilities);
        Assert.False(spec.ReadOnlyRootFilesystem);
        Assert.Equal("Unconfined", spec.SeccompProfile);

        var (_, without) = Parse(Golden(hardening: relaxed));
        Assert.Equal(6, without.Count(p => p.Code == "PLAT0207"));
    }

    [Fact]
    public void Validating_before_the_image_exists_needs_no_digest()
    {
        var (spec, problems) = Parse(Golden(change: i => i with { ImageDigest = string.Empty }), requireDigest: false);

        Assert.Empty(problems);
        Assert.NotNull(spec);
    }

    [Fact]
    public void A_worker_without_a_port_has_no_probes_to_check()
    {
        var (spec, problems) = Parse(Golden(kind: "worker", change: i => i with { ReadinessProbePath = "/nowhere" }));

        Assert.Empty(problems);
        Assert.Null(spec!.Port);
    }

    [Theory]
    [InlineData("100m", 0.1)]
    [InlineData("1.5", 1.5)]
    [InlineData("512Mi", 536870912d)]
    [InlineData("1G", 1e9)]
    [InlineData("2e3", 2000d)]
    [InlineData(".5", 0.5)]
    public void Quantities_parse_to_their_value(string text, double value)
    {
        Assert.True(KubernetesQuantity.TryParse(text, out var parsed));
        Assert.Equal(value, parsed, 6);
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("+1Gi")]
    [InlineData("1 Gi")]
    [InlineData("1GB")]
    [InlineData("")]
    public void Malformed_or_signed_quantities_do_not_parse(string text) => Assert.False(KubernetesQuantity.TryParse(text, out _));

    [Fact]
    public void The_hardening_settings_are_catalogued_and_declared_as_golden_settings_by_the_SDK()
    {
        var build = Path.Combine(FindRoot(), "sdk", "Sdk", "build");
        var props = XDocument.Load(Path.Combine(build, "Platform.Kubernetes.props"));
        var targets = XDocument.Load(Path.Combine(build, "Platform.Kubernetes.targets"));

        var known = Platform.Governance.SettingCatalogue.DeviationNames.ToHashSet();
        var golden = targets.Descendants("_PlatformGoldenSetting").Where(e => e.Attribute("Enforced")?.Value == "true")
            .ToDictionary(e => e.Attribute("Include")!.Value, e => (Default: e.Attribute("Default")!.Value, Deviation: e.Attribute("Deviation")!.Value));
        var passed = targets.Descendants("_PlatformKubernetesHardening").Select(e => e.Attribute("Include")!.Value).ToHashSet();

        foreach (var setting in KubernetesHardening.All)
        {
            Assert.Contains(setting.Deviation, known);
            Assert.Equal((setting.Golden, setting.Deviation), golden[setting.Property]);
            Assert.Contains(setting.Property, passed);
            var guarded = props.Descendants(setting.Property).SingleOrDefault()?.Value ?? string.Empty;
            Assert.Equal(setting.Golden, guarded);
        }

        Assert.Equal(KubernetesHardening.All.Count, golden.Count);
    }

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Platform.Sdk.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Platform.Sdk.sln not found above " + AppContext.BaseDirectory);
    }
}
