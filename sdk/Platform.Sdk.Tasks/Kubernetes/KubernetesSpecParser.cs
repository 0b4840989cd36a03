using System.Globalization;
using System.Text.RegularExpressions;

namespace Platform.Sdk.Tasks.Kubernetes;

/// <summary>Turns <see cref="KubernetesInputs"/> into a <see cref="KubernetesSpec"/>, or into problems phrased as the fix.</summary>
internal static partial class KubernetesSpecParser
{
    private const string HealthDoc = "docs/kubernetes.md#probes";

    /// <summary>Returns the spec, or null with at least one problem. With <paramref name="requireDigest"/> false (the check
    /// before the image is built) a missing digest is not a problem and the spec's digest is empty.</summary>
    public static KubernetesSpec? Parse(KubernetesInputs inputs, bool requireDigest, List<KubernetesProblem> problems)
    {
        var start = problems.Count;
        var isWeb = inputs.ProjectKind == "web";

        CheckDeviationsInForce(inputs, problems);

        if (inputs.Namespace.Length > 0 && !DnsLabel().IsMatch(inputs.Namespace))
        {
            problems.Add(new(KubernetesCodes.InvalidNamespace,
                $"PlatformKubernetesNamespace '{inputs.Namespace}' is not a valid Kubernetes namespace: use lower-case letters, digits and dashes, 1 to 63 characters, starting and ending with a letter or digit. Or leave it empty and set the namespace in a Kustomize overlay or with kubectl --namespace."));
        }

        var port = ParsePort(inputs, isWeb, problems);
        var (user, group) = ParseUser(inputs, problems);

        var replicas = ParseInt("PlatformKubernetesReplicas", inputs.Replicas, 0, 1000, problems);
        var shutdown = ParseInt("PlatformKubernetesShutdownTimeoutSeconds", inputs.ShutdownTimeoutSeconds, 1, 3600, problems);
        var preStop = ParseInt("PlatformKubernetesPreStopSeconds", inputs.PreStopSeconds, 0, 600, problems);
        var grace = ParseInt("PlatformKubernetesTerminationGracePeriodSeconds", inputs.TerminationGracePeriodSeconds, 1, 7200, problems);
        if (shutdown is { } s && preStop is { } p && grace is { } g && g <= s + p)
        {
            problems.Add(new(KubernetesCodes.GracePeriodTooShort,
                $"PlatformKubernetesTerminationGracePeriodSeconds is {g}, but the pod needs more than the preStop delay plus the host's shutdown timeout ({p} + {s} = {s + p} seconds), or Kubernetes kills requests still in flight. Set it above {s + p} (or remove it: the default is {s + p + 10}), or lower PlatformKubernetesShutdownTimeoutSeconds / PlatformKubernetesPreStopSeconds."));
        }

        var resources = ParseResources(inputs, problems);
        var probes = ParseProbePaths(inputs, isWeb && port is not null, problems);

        var autoscaling = inputs.Autoscaling.Equals("true", StringComparison.OrdinalIgnoreCase);
        var maxReplicas = ParseInt("PlatformKubernetesMaxReplicas", inputs.MaxReplicas, 1, 1000, problems);
        var targetCpu = ParseInt("PlatformKubernetesTargetCpuUtilization", inputs.TargetCpuUtilization, 1, 100, problems);
        if (autoscaling && replicas is { } min && maxReplicas is { } max && (min < 1 || max < min))
        {
            problems.Add(new(KubernetesCodes.InvalidAutoscaling,
                $"With PlatformKubernetesAutoscaling=true, PlatformKubernetesReplicas ({min}) is the autoscaler's minimum and must be at least 1 and at most PlatformKubernetesMaxReplicas ({max}). Raise PlatformKubernetesMaxReplicas or lower PlatformKubernetesReplicas."));
        }

        var otlp = inputs.OtlpEndpoint.Trim();
        if (otlp.Length > 0 && !(Uri.TryCreate(otlp, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) && string.IsNullOrEmpty(uri.Query)))
        {
            problems.Add(new(KubernetesCodes.InvalidOtlpEndpoint,
                $"PlatformKubernetesOtlpEndpoint '{inputs.OtlpEndpoint}' is not an OTLP collector address: write an absolute http:// or https:// URL such as 'http://otel-collector.observability:4317' (the platform team sets it once for the organisation), or leave it empty."));
        }

        var hardening = ParseHardening(inputs, problems);
        var connectionStrings = ParseConnectionStrings(inputs, problems);

        var digest = inputs.ImageDigest.Trim();
        if (inputs.ImageIndex || (requireDigest && !Digest().IsMatch(digest)))
        {
            problems.Add(new(KubernetesCodes.NoImageDigest,
                $"The publish produces no single image digest ('{digest}'; several runtime identifiers make an image index), so the manifests cannot pin the image. Publish with `dotnet publish -t:PublishContainer` (to a registry or an archive) for one runtime identifier, or set PlatformKubernetes=false."));
        }

        if (problems.Count > start)
        {
            return null;
        }

        return new KubernetesSpec
        {
            Name = inputs.ServiceName,
            PartOf = inputs.ServiceNamespace,
            Version = inputs.Version,
            IsWeb = isWeb,
            Namespace = inputs.Namespace,
            Image = inputs.ImageRepository,
            Digest = digest,
            RunAsUser = user!.Value,
            RunAsGroup = group,
            Port = port,
            ImageEnvironment = inputs.ImageEnvironment,
            Replicas = replicas!.Value,
            Resources = resources!,
            StartupProbePath = probes.Startup,
            ReadinessProbePath = probes.Readiness,
            LivenessProbePath = probes.Liveness,
            ShutdownTimeoutSeconds = shutdown!.Value,
            PreStopSeconds = preStop!.Value,
            TerminationGracePeriodSeconds = grace!.Value,
            OtlpEndpoint = otlp,
            Autoscaling = autoscaling,
            MaxReplicas = maxReplicas!.Value,
            TargetCpuUtilization = targetCpu!.Value,
            DatabaseMigrations = inputs.DatabaseMigrations.Equals("true", StringComparison.OrdinalIgnoreCase),
            ConnectionStrings = connectionStrings,
            ReadOnlyRootFilesystem = hardening.Values[KubernetesHardening.ReadOnlyRootFilesystem] == "true",
            AutomountServiceAccountToken = hardening.Values[KubernetesHardening.AutomountServiceAccountToken] == "true",
            RunAsNonRoot = hardening.Values[KubernetesHardening.RunAsNonRoot] == "true",
            AllowPrivilegeEscalation = hardening.Values[KubernetesHardening.AllowPrivilegeEscalation] == "true",
            SeccompProfile = hardening.Values[KubernetesHardening.SeccompProfile],
            AddCapabilities = SplitList(hardening.Values[KubernetesHardening.AddCapabilities]),
            Relaxed = hardening.Relaxed,
        };
    }

    /// <summary>
    /// PlatformConnectionString items: each becomes <c>ConnectionStrings__&lt;name&gt;</c> from a Secret, by default key
    /// <c>&lt;name&gt;</c> of <c>&lt;service&gt;-connection-strings</c>. The names must be valid as an environment
    /// variable suffix, a Secret key and a Secret name.
    /// </summary>
    private static List<SecretConnectionString> ParseConnectionStrings(KubernetesInputs inputs, List<KubernetesProblem> problems)
    {
        var result = new List<SecretConnectionString>();
        foreach (var item in inputs.ConnectionStrings)
        {
            var name = item.Name.Trim();
            var secret = item.Secret.Trim().Length > 0 ? item.Secret.Trim() : inputs.ServiceName + "-connection-strings";
            var key = item.Key.Trim().Length > 0 ? item.Key.Trim() : name;
            if (!SecretKey().IsMatch(name) || !SecretKey().IsMatch(key) || secret.Length > 253 || !SecretName().IsMatch(secret))
            {
                problems.Add(new(KubernetesCodes.InvalidConnectionString,
                    $"PlatformConnectionString '{item.Name}' (Secret '{secret}', key '{key}') cannot be read from a Kubernetes Secret: the name and key may hold letters, digits, '-', '_' and '.' (e.g. 'database'), the Secret name lower-case letters, digits, '-' and '.'. Rename the connection (ConnectionStrings:<name>) or set the item's Secret/Key metadata."));
                continue;
            }

            if (result.Exists(c => c.Name.Equals(name, StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }

            result.Add(new(name, secret, key));
        }

        return result;
    }

    /// <summary>A deviation that is not in force (expired, malformed, unknown) already failed the build with PLAT01xx;
    /// writing manifests that rely on it, or on its absence, would ship a half-governed deployment.</summary>
    private static void CheckDeviationsInForce(KubernetesInputs inputs, List<KubernetesProblem> problems)
    {
        var inForce = new HashSet<string>(inputs.DeviationsInForce.Select(d => d.Trim()), StringComparer.OrdinalIgnoreCase);
        var notInForce = inputs.Deviations.Select(d => d.Trim()).Where(d => d.Length > 0 && !inForce.Contains(d)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (notInForce.Count > 0)
        {
            problems.Add(new(KubernetesCodes.DeviationNotInForce,
                $"No manifests are written while PlatformDeviation '{string.Join("', '", notInForce)}' is not in force (unknown, malformed or expired: see the PLAT01xx error for it). Fix or remove the deviation; the setting names a deviation may use are listed in docs/governance.md."));
        }
    }

    private static int? ParsePort(KubernetesInputs inputs, bool isWeb, List<KubernetesProblem> problems)
    {
        var ports = inputs.Ports.Select(p => p.Trim()).Where(p => p.Length > 0).ToList();
        if (ports.Count == 0)
        {
            if (isWeb)
            {
                problems.Add(new(KubernetesCodes.InvalidPort,
                    "A web service needs a container port for its Service and probes, but the image exposes none. Remove the empty PlatformContainerPort (the default is 8080) or declare a ContainerPort item."));
            }

            return null;
        }

        var first = ports[0];
        if (!int.TryParse(first, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
        {
            problems.Add(new(KubernetesCodes.InvalidPort,
                $"The container port '{first}' (PlatformContainerPort or the first ContainerPort item) is not a TCP port: use a number from 1 to 65535, such as 8080 (the .NET images' non-root port)."));
            return null;
        }

        var listening = inputs.AppHttpPorts.Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (listening.Length > 0 && !listening.Contains(first, StringComparer.Ordinal))
        {
            problems.Add(new(KubernetesCodes.PortMismatch,
                $"The probes and the Service would use container port {port}, but the app listens on ASPNETCORE_HTTP_PORTS={inputs.AppHttpPorts}: every probe would fail and the pod would never be ready. Use one port: set PlatformContainerPort={listening[0]}, or remove the ASPNETCORE_HTTP_PORTS ContainerEnvironmentVariable so the kit sets it to {port}."));
        }

        return port;
    }

    private static (long? User, long? Group) ParseUser(KubernetesInputs inputs, List<KubernetesProblem> problems)
    {
        // UID or UID:GID, numbers only: Kubernetes verifies runAsNonRoot against a number, never against a name.
        var match = NumericUser().Match(inputs.User.Trim());
        if (!match.Success || !long.TryParse(match.Groups["user"].Value, CultureInfo.InvariantCulture, out var user))
        {
            problems.Add(new(KubernetesCodes.UserNotVerifiable,
                $"ContainerUser '{inputs.User}' is not a numeric UID[:GID], so Kubernetes cannot verify runAsNonRoot and the pod would not start. Remove ContainerUser (the image's app user, 1654) or set a numeric non-root UID."));
            return (null, null);
        }

        var runAsNonRoot = inputs.Hardening.GetValueOrDefault(KubernetesHardening.RunAsNonRoot.Property, "true");
        if (user == 0 && !runAsNonRoot.Equals("false", StringComparison.OrdinalIgnoreCase))
        {
            problems.Add(new(KubernetesCodes.UserNotVerifiable,
                "ContainerUser is root (0): Kubernetes would refuse the pod under runAsNonRoot. Remove ContainerUser (the image's app user, 1654), or relax PlatformKubernetesRunAsNonRoot with a KubernetesRunAsNonRoot deviation."));
            return (null, null);
        }

        long? group = match.Groups["group"].Success && long.TryParse(match.Groups["group"].Value, CultureInfo.InvariantCulture, out var g) ? g : null;
        return (user, group);
    }

    private static int? ParseInt(string property, string value, int min, int max, List<KubernetesProblem> problems)
    {
        if (int.TryParse(value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= min && number <= max)
        {
            return number;
        }

        problems.Add(new(KubernetesCodes.InvalidNumber,
            $"{property} is '{value}', but it must be a whole number from {min} to {max}. Fix the value, or remove it to get the default (docs/properties.md)."));
        return null;
    }

    private static Resources? ParseResources(KubernetesInputs inputs, List<KubernetesProblem> problems)
    {
        var cpuRequest = ParseQuantity("PlatformKubernetesCpuRequest", inputs.CpuRequest, "100m", problems);
        var cpuLimit = ParseQuantity("PlatformKubernetesCpuLimit", inputs.CpuLimit, "1", problems);
        var memoryRequest = ParseQuantity("PlatformKubernetesMemoryRequest", inputs.MemoryRequest, "256Mi", problems);
        var memoryLimit = ParseQuantity("PlatformKubernetesMemoryLimit", inputs.MemoryLimit, "512Mi", problems);
        CheckRequestWithinLimit("CPU", "PlatformKubernetesCpuRequest", cpuRequest, "PlatformKubernetesCpuLimit", cpuLimit, problems);
        CheckRequestWithinLimit("Memory", "PlatformKubernetesMemoryRequest", memoryRequest, "PlatformKubernetesMemoryLimit", memoryLimit, problems);
        return cpuRequest is null || cpuLimit is null || memoryRequest is null || memoryLimit is null
            ? null
            : new Resources(cpuRequest.Value.Text, cpuLimit.Value.Text, memoryRequest.Value.Text, memoryLimit.Value.Text);
    }

    private static (string Text, double Value)? ParseQuantity(string property, string value, string example, List<KubernetesProblem> problems)
    {
        var text = value.Trim();
        if (KubernetesQuantity.TryParse(text, out var amount) && amount > 0)
        {
            return (text, amount);
        }

        problems.Add(new(KubernetesCodes.InvalidQuantity,
            $"{property} is '{value}', but it must be a positive Kubernetes quantity such as '{example}' (CPU in cores or millicores: 1, 250m; memory in bytes with a suffix: 512Mi, 1Gi). Fix the value, or remove it to get the default."));
        return null;
    }

    private static void CheckRequestWithinLimit(string what, string requestProperty, (string Text, double Value)? request, string limitProperty, (string Text, double Value)? limit, List<KubernetesProblem> problems)
    {
        if (request is { } r && limit is { } l && r.Value > l.Value)
        {
            problems.Add(new(KubernetesCodes.RequestAboveLimit,
                $"{what} request {requestProperty}={r.Text} is above the limit {limitProperty}={l.Text}; Kubernetes rejects such a pod. Lower the request or raise the limit."));
        }
    }

    private static (string Startup, string Readiness, string Liveness) ParseProbePaths(KubernetesInputs inputs, bool hasProbes, List<KubernetesProblem> problems)
    {
        var known = inputs.HealthEndpoints.Select(e => e.Trim()).Where(e => e.Length > 0).ToList();
        string Check(string property, string path)
        {
            path = path.Trim();
            if (hasProbes && !known.Contains(path, StringComparer.OrdinalIgnoreCase))
            {
                var served = known.Count == 0 ? "no health endpoint (the service does not use Platform.ServiceDefaults)" : string.Join(", ", known);
                problems.Add(new(KubernetesCodes.UnknownProbeEndpoint,
                    $"{property} '{path}' is not an endpoint the service is known to serve ({served}): the probe would fail and Kubernetes would restart or never route to the pod. Remove the override to use the Platform.ServiceDefaults endpoint (app.MapPlatformEndpoints()), or, if the app maps this path itself, declare it: <PlatformKubernetesHealthEndpoint Include=\"{path}\" /> ({HealthDoc})."));
            }

            return path;
        }

        return (Check("PlatformKubernetesStartupProbePath", inputs.StartupProbePath),
            Check("PlatformKubernetesReadinessProbePath", inputs.ReadinessProbePath),
            Check("PlatformKubernetesLivenessProbePath", inputs.LivenessProbePath));
    }

    private static (Dictionary<KubernetesHardening, string> Values, List<KubernetesHardening> Relaxed) ParseHardening(KubernetesInputs inputs, List<KubernetesProblem> problems)
    {
        var inForce = new HashSet<string>(inputs.DeviationsInForce.Select(d => d.Trim()), StringComparer.OrdinalIgnoreCase);
        var values = new Dictionary<KubernetesHardening, string>();
        var relaxed = new List<KubernetesHardening>();
        foreach (var setting in KubernetesHardening.All)
        {
            var raw = inputs.Hardening.GetValueOrDefault(setting.Property, setting.Golden).Trim();
            var value = raw;
            if (setting == KubernetesHardening.AddCapabilities)
            {
                var capabilities = SplitList(raw).Select(c => c.ToUpperInvariant()).ToList();
                var invalid = capabilities.Where(c => !Capability().IsMatch(c) || c == "ALL").ToList();
                if (invalid.Count > 0)
                {
                    problems.Add(new(KubernetesCodes.InvalidHardeningValue,
                        $"{setting.Property} has '{string.Join("', '", invalid)}', which is not a Linux capability name: write names such as NET_BIND_SERVICE, separated by ';' (ALL is never added back)."));
                }

                value = string.Join(";", capabilities);
            }
            else
            {
                var allowed = setting.Allowed.FirstOrDefault(a => a.Equals(raw, StringComparison.OrdinalIgnoreCase));
                if (allowed is null)
                {
                    problems.Add(new(KubernetesCodes.InvalidHardeningValue,
                        $"{setting.Property} is '{raw}', but it must be {string.Join(" or ", setting.Allowed)}. Remove it for the golden value ({setting.Golden})."));
                    allowed = setting.Golden;
                }

                value = allowed;
            }

            values[setting] = value;
            if (!value.Equals(setting.Golden, StringComparison.OrdinalIgnoreCase))
            {
                relaxed.Add(setting);
                if (!inForce.Contains(setting.Deviation))
                {
                    problems.Add(new(KubernetesCodes.RelaxedWithoutDeviation,
                        $"{setting.Property} is '{raw}', which relaxes the pod's {setting.Covers} (golden: '{setting.Golden}'). Remove it, or put the exception on the record: <PlatformDeviation Include=\"{setting.Deviation}\" Reason=\"…\" Owner=\"team-…\" Expires=\"yyyy-MM-dd\" /> (docs/kubernetes.md#deviating)."));
                }
            }
        }

        return (values, relaxed);
    }

    private static List<string> SplitList(string value) =>
        value.Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();

    [GeneratedRegex(@"\A[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\z")]
    private static partial Regex DnsLabel();

    [GeneratedRegex(@"\A(?<user>[0-9]{1,10})(:(?<group>[0-9]{1,10}))?\z")]
    private static partial Regex NumericUser();

    [GeneratedRegex(@"\Asha256:[a-f0-9]{64}\z")]
    private static partial Regex Digest();

    [GeneratedRegex(@"\A[A-Za-z0-9._-]{1,253}\z")]
    private static partial Regex SecretKey();

    [GeneratedRegex(@"\A[a-z0-9]([a-z0-9.-]*[a-z0-9])?\z")]
    private static partial Regex SecretName();

    [GeneratedRegex(@"\A[A-Z][A-Z0-9_]{1,40}\z")]
    private static partial Regex Capability();
}
