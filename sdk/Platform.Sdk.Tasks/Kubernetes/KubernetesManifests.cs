using System.Globalization;
using System.Text.Json.Nodes;

namespace Platform.Sdk.Tasks.Kubernetes;

/// <summary>One generated file: its name in the output folder and its content.</summary>
internal sealed record ManifestFile(string FileName, JsonObject Content);

/// <summary>
/// Builds the Kubernetes objects for a checked <see cref="KubernetesSpec"/>: Deployment, Service (web), PodDisruptionBudget
/// (more than one replica), HorizontalPodAutoscaler (opt-in), the migration Job (PlatformDatabaseMigrations) and the
/// kustomization.yaml listing them. Pure: no I/O, same spec, same objects.
/// </summary>
internal static class KubernetesManifests
{
    public const string TmpVolume = "tmp";
    public const string PortName = "http";

    public static IReadOnlyList<ManifestFile> Build(KubernetesSpec spec)
    {
        var files = new List<ManifestFile> { new("deployment.yaml", Deployment(spec)) };
        if (spec.IsWeb && spec.Port is not null)
        {
            files.Add(new("service.yaml", Service(spec)));
        }

        if (spec.Replicas > 1)
        {
            files.Add(new("poddisruptionbudget.yaml", PodDisruptionBudget(spec)));
        }

        if (spec.Autoscaling)
        {
            files.Add(new("horizontalpodautoscaler.yaml", HorizontalPodAutoscaler(spec)));
        }

        if (spec.DatabaseMigrations)
        {
            files.Add(new("migration-job.yaml", MigrationJob(spec)));
        }

        var kustomization = new JsonObject
        {
            ["apiVersion"] = "kustomize.config.k8s.io/v1beta1",
            ["kind"] = "Kustomization",
            ["resources"] = new JsonArray([.. files.Select(f => (JsonNode)f.FileName)]),
        };
        files.Add(new("kustomization.yaml", kustomization));
        return files;
    }

    /// <summary><c>repository@sha256:…</c>: the exact image the publish produced; a tag could move.</summary>
    public static string ImageReference(KubernetesSpec spec) => spec.Image + "@" + spec.Digest;

    private static JsonObject Metadata(KubernetesSpec spec, string name)
    {
        var metadata = new JsonObject { ["name"] = name };
        if (spec.Namespace.Length > 0)
        {
            metadata["namespace"] = spec.Namespace;
        }

        metadata["labels"] = Labels(spec);
        return metadata;
    }

    private static JsonObject Labels(KubernetesSpec spec)
    {
        var labels = new JsonObject { ["app.kubernetes.io/name"] = spec.Name };
        var version = LabelValue(spec.Version);
        if (version.Length > 0)
        {
            labels["app.kubernetes.io/version"] = version;
        }

        labels["app.kubernetes.io/component"] = spec.IsWeb ? "web" : "worker";
        if (spec.PartOf.Length > 0)
        {
            labels["app.kubernetes.io/part-of"] = spec.PartOf;
        }

        return labels;
    }

    /// <summary>The selector: only the name, which never changes between releases (a Deployment's selector is immutable).</summary>
    private static JsonObject SelectorLabels(KubernetesSpec spec) => new() { ["app.kubernetes.io/name"] = spec.Name };

    /// <summary>A label value: at most 63 characters of [A-Za-z0-9._-], starting and ending alphanumeric ('+build' becomes '_build').</summary>
    private static string LabelValue(string value)
    {
        var chars = value.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '_').ToArray();
        var text = new string(chars);
        text = text.Length > 63 ? text[..63] : text;
        return text.Trim('.', '-', '_');
    }

    private static JsonObject Deployment(KubernetesSpec spec)
    {
        var deploymentSpec = new JsonObject();
        if (!spec.Autoscaling)
        {
            // With an autoscaler the replica count is its to manage; a fixed value here would reset it on every apply.
            deploymentSpec["replicas"] = spec.Replicas;
        }

        deploymentSpec["revisionHistoryLimit"] = 5;
        deploymentSpec["selector"] = new JsonObject { ["matchLabels"] = SelectorLabels(spec) };
        deploymentSpec["strategy"] = new JsonObject
        {
            ["type"] = "RollingUpdate",
            // Never below the desired count during a rollout: one new pod first, an old one goes when it is ready.
            ["rollingUpdate"] = new JsonObject { ["maxUnavailable"] = 0, ["maxSurge"] = 1 },
        };
        deploymentSpec["template"] = new JsonObject
        {
            ["metadata"] = new JsonObject { ["labels"] = Labels(spec) },
            ["spec"] = PodSpec(spec, AppContainer(spec), restartPolicy: null, spread: true),
        };

        return new JsonObject
        {
            ["apiVersion"] = "apps/v1",
            ["kind"] = "Deployment",
            ["metadata"] = Metadata(spec, spec.Name),
            ["spec"] = deploymentSpec,
        };
    }

    private static JsonObject PodSpec(KubernetesSpec spec, JsonObject container, string? restartPolicy, bool spread)
    {
        var pod = new JsonObject
        {
            ["automountServiceAccountToken"] = spec.AutomountServiceAccountToken,
            // No SERVICE_HOST/PORT variables for every Service in the namespace: the app finds services by DNS.
            ["enableServiceLinks"] = false,
            ["terminationGracePeriodSeconds"] = spec.TerminationGracePeriodSeconds,
            ["securityContext"] = PodSecurityContext(spec),
        };
        if (restartPolicy is not null)
        {
            pod["restartPolicy"] = restartPolicy;
        }

        if (spread)
        {
            pod["topologySpreadConstraints"] = new JsonArray(
                Spread(spec, "kubernetes.io/hostname"),
                Spread(spec, "topology.kubernetes.io/zone"));
        }

        pod["containers"] = new JsonArray(container);
        pod["volumes"] = new JsonArray(new JsonObject
        {
            ["name"] = TmpVolume,
            ["emptyDir"] = new JsonObject { ["sizeLimit"] = "256Mi" },
        });
        return pod;
    }

    /// <summary>Spread replicas over nodes and zones; ScheduleAnyway, so a small cluster still schedules them.</summary>
    private static JsonObject Spread(KubernetesSpec spec, string topologyKey) => new()
    {
        ["maxSkew"] = 1,
        ["topologyKey"] = topologyKey,
        ["whenUnsatisfiable"] = "ScheduleAnyway",
        ["labelSelector"] = new JsonObject { ["matchLabels"] = SelectorLabels(spec) },
    };

    private static JsonObject PodSecurityContext(KubernetesSpec spec)
    {
        var context = new JsonObject
        {
            ["runAsNonRoot"] = spec.RunAsNonRoot,
            ["runAsUser"] = spec.RunAsUser,
        };
        if (spec.RunAsGroup is { } group)
        {
            context["runAsGroup"] = group;
        }

        context["seccompProfile"] = new JsonObject { ["type"] = spec.SeccompProfile };
        return context;
    }

    private static JsonObject ContainerSecurityContext(KubernetesSpec spec)
    {
        var capabilities = new JsonObject { ["drop"] = new JsonArray("ALL") };
        if (spec.AddCapabilities.Count > 0)
        {
            capabilities["add"] = new JsonArray([.. spec.AddCapabilities.Select(c => (JsonNode)c)]);
        }

        var context = new JsonObject
        {
            ["allowPrivilegeEscalation"] = spec.AllowPrivilegeEscalation,
            ["readOnlyRootFilesystem"] = spec.ReadOnlyRootFilesystem,
            ["runAsNonRoot"] = spec.RunAsNonRoot,
            ["runAsUser"] = spec.RunAsUser,
        };
        if (spec.RunAsGroup is { } group)
        {
            context["runAsGroup"] = group;
        }

        context["capabilities"] = capabilities;
        context["seccompProfile"] = new JsonObject { ["type"] = spec.SeccompProfile };
        return context;
    }

    private static JsonObject AppContainer(KubernetesSpec spec)
    {
        var container = BaseContainer(spec, spec.Name);
        if (spec.Port is { } port)
        {
            container["ports"] = new JsonArray(new JsonObject { ["name"] = PortName, ["containerPort"] = port, ["protocol"] = "TCP" });
            // Startup: up to 5 s × 30 = 150 s to start; readiness takes the pod out of the Service, liveness restarts it.
            container["startupProbe"] = Probe(spec.StartupProbePath, periodSeconds: 5, failureThreshold: 30);
            container["readinessProbe"] = Probe(spec.ReadinessProbePath, periodSeconds: 10, failureThreshold: 3);
            container["livenessProbe"] = Probe(spec.LivenessProbePath, periodSeconds: 10, failureThreshold: 3);
        }

        if (spec.PreStopSeconds > 0)
        {
            // Endpoints are removed while the pod sleeps, before SIGTERM; the sleep action needs no shell (chiseled images have none).
            container["lifecycle"] = new JsonObject
            {
                ["preStop"] = new JsonObject { ["sleep"] = new JsonObject { ["seconds"] = spec.PreStopSeconds } },
            };
        }

        MoveToEnd(container, "securityContext");
        MoveToEnd(container, "volumeMounts");
        return container;
    }

    /// <summary>Name, image, environment, resources, security context and the /tmp mount: what the app and the migration share.</summary>
    private static JsonObject BaseContainer(KubernetesSpec spec, string name) => new()
    {
        ["name"] = name,
        ["image"] = ImageReference(spec),
        ["imagePullPolicy"] = "IfNotPresent",
        ["env"] = Environment(spec),
        ["resources"] = new JsonObject
        {
            ["requests"] = new JsonObject { ["cpu"] = spec.Resources.CpuRequest, ["memory"] = spec.Resources.MemoryRequest },
            ["limits"] = new JsonObject { ["cpu"] = spec.Resources.CpuLimit, ["memory"] = spec.Resources.MemoryLimit },
        },
        ["securityContext"] = ContainerSecurityContext(spec),
        // .NET writes to /tmp (diagnostics IPC socket, temp files); everything else stays read-only.
        ["volumeMounts"] = new JsonArray(new JsonObject { ["name"] = TmpVolume, ["mountPath"] = "/tmp" }),
    };

    private static void MoveToEnd(JsonObject node, string key)
    {
        if (node.Remove(key, out var value))
        {
            node[key] = value;
        }
    }

    private static JsonObject Probe(string path, int periodSeconds, int failureThreshold) => new()
    {
        ["httpGet"] = new JsonObject { ["path"] = path, ["port"] = PortName },
        ["periodSeconds"] = periodSeconds,
        ["timeoutSeconds"] = 2,
        ["failureThreshold"] = failureThreshold,
    };

    private static JsonArray Environment(KubernetesSpec spec)
    {
        var env = new JsonArray(
            FieldRef("K8S_POD_NAME", "metadata.name"),
            FieldRef("K8S_NAMESPACE_NAME", "metadata.namespace"),
            FieldRef("K8S_NODE_NAME", "spec.nodeName"));
        foreach (var (name, value) in spec.ImageEnvironment)
        {
            // The image's resource attributes plus where the pod runs ($(VAR) is expanded by the kubelet).
            var text = name == "OTEL_RESOURCE_ATTRIBUTES"
                ? (value.Length > 0 ? value + "," : string.Empty) + "k8s.namespace.name=$(K8S_NAMESPACE_NAME),k8s.pod.name=$(K8S_POD_NAME),k8s.node.name=$(K8S_NODE_NAME)"
                : value;
            env.Add(new JsonObject { ["name"] = name, ["value"] = text });
        }

        if (spec.OtlpEndpoint.Length > 0)
        {
            env.Add(new JsonObject { ["name"] = "OTEL_EXPORTER_OTLP_ENDPOINT", ["value"] = spec.OtlpEndpoint });
        }

        // Connection strings come from a Secret the organisation creates (never a value here): ConnectionStrings__<name>
        // is what ConnectionStrings:<name> reads from the environment.
        foreach (var connection in spec.ConnectionStrings)
        {
            env.Add(new JsonObject
            {
                ["name"] = "ConnectionStrings__" + connection.Name,
                ["valueFrom"] = new JsonObject
                {
                    ["secretKeyRef"] = new JsonObject { ["name"] = connection.Secret, ["key"] = connection.Key },
                },
            });
        }

        // The host's shutdown timeout, read by Platform.ServiceDefaults: the grace period is computed from the same number.
        env.Add(new JsonObject { ["name"] = "Platform__ShutdownTimeoutSeconds", ["value"] = spec.ShutdownTimeoutSeconds.ToString(CultureInfo.InvariantCulture) });
        return env;
    }

    private static JsonObject FieldRef(string name, string path) => new()
    {
        ["name"] = name,
        ["valueFrom"] = new JsonObject { ["fieldRef"] = new JsonObject { ["fieldPath"] = path } },
    };

    private static JsonObject Service(KubernetesSpec spec) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "Service",
        ["metadata"] = Metadata(spec, spec.Name),
        ["spec"] = new JsonObject
        {
            ["type"] = "ClusterIP",
            ["selector"] = SelectorLabels(spec),
            ["ports"] = new JsonArray(new JsonObject { ["name"] = PortName, ["port"] = 80, ["targetPort"] = PortName, ["protocol"] = "TCP" }),
        },
    };

    private static JsonObject PodDisruptionBudget(KubernetesSpec spec) => new()
    {
        ["apiVersion"] = "policy/v1",
        ["kind"] = "PodDisruptionBudget",
        ["metadata"] = Metadata(spec, spec.Name),
        ["spec"] = new JsonObject
        {
            // A node drain takes one pod at a time, so the others keep serving.
            ["maxUnavailable"] = 1,
            ["selector"] = new JsonObject { ["matchLabels"] = SelectorLabels(spec) },
        },
    };

    private static JsonObject HorizontalPodAutoscaler(KubernetesSpec spec) => new()
    {
        ["apiVersion"] = "autoscaling/v2",
        ["kind"] = "HorizontalPodAutoscaler",
        ["metadata"] = Metadata(spec, spec.Name),
        ["spec"] = new JsonObject
        {
            ["scaleTargetRef"] = new JsonObject { ["apiVersion"] = "apps/v1", ["kind"] = "Deployment", ["name"] = spec.Name },
            ["minReplicas"] = spec.Replicas,
            ["maxReplicas"] = spec.MaxReplicas,
            ["metrics"] = new JsonArray(new JsonObject
            {
                ["type"] = "Resource",
                ["resource"] = new JsonObject
                {
                    ["name"] = "cpu",
                    ["target"] = new JsonObject { ["type"] = "Utilization", ["averageUtilization"] = spec.TargetCpuUtilization },
                },
            }),
        },
    };

    /// <summary>The Job name carries the digest: a Job's pod template is immutable, so each image gets its own Job.</summary>
    public static string MigrationJobName(KubernetesSpec spec)
    {
        var suffix = "-migrate-" + spec.Digest["sha256:".Length..][..10];
        var name = spec.Name.Length + suffix.Length > 63 ? spec.Name[..(63 - suffix.Length)].TrimEnd('-') : spec.Name;
        return name + suffix;
    }

    private static JsonObject MigrationJob(KubernetesSpec spec)
    {
        var container = BaseContainer(spec, "migrate");
        container["args"] = new JsonArray("migrate");
        MoveToEnd(container, "securityContext");
        MoveToEnd(container, "volumeMounts");
        // Its own name label: the Deployment's selector, the Service and the PodDisruptionBudget must not pick the Job's pod.
        var name = MigrationJobName(spec);
        var labels = Labels(spec);
        labels["app.kubernetes.io/name"] = name;
        labels["app.kubernetes.io/component"] = "migration";

        var metadata = Metadata(spec, name);
        metadata["labels"] = labels;
        return new JsonObject
        {
            ["apiVersion"] = "batch/v1",
            ["kind"] = "Job",
            ["metadata"] = metadata,
            ["spec"] = new JsonObject
            {
                ["backoffLimit"] = 2,
                ["activeDeadlineSeconds"] = 600,
                ["ttlSecondsAfterFinished"] = 86400,
                ["template"] = new JsonObject
                {
                    ["metadata"] = new JsonObject { ["labels"] = labels.DeepClone() },
                    ["spec"] = PodSpec(spec, container, restartPolicy: "Never", spread: false),
                },
            },
        };
    }
}
