using System.Text.Json.Nodes;

namespace Platform.Sdk.Tests.Kubernetes;

/// <summary>
/// The Pod Security Standards "restricted" profile (which includes "baseline"), control by control, as the Kubernetes
/// documentation lists them, checked on a pod spec. Returns the violated controls with the offending field.
/// </summary>
public static class PodSecurityRestricted
{
    public static readonly string[] Controls =
    [
        "HostProcess", "Host Namespaces", "Privileged Containers", "Capabilities (baseline)", "HostPath Volumes", "Host Ports",
        "AppArmor", "SELinux", "/proc Mount Type", "Seccomp (baseline)", "Sysctls",
        "Volume Types", "Privilege Escalation", "Running as Non-root", "Running as Non-root user", "Seccomp (restricted)", "Capabilities (restricted)",
    ];

    private static readonly HashSet<string> BaselineCapabilities =
        ["AUDIT_WRITE", "CHOWN", "DAC_OVERRIDE", "FOWNER", "FSETID", "KILL", "MKNOD", "NET_BIND_SERVICE", "SETFCAP", "SETGID", "SETPCAP", "SETUID", "SYS_CHROOT"];

    private static readonly HashSet<string> SafeSysctls =
    [
        "kernel.shm_rmid_forced", "net.ipv4.ip_local_port_range", "net.ipv4.ip_unprivileged_port_start", "net.ipv4.tcp_syncookies",
        "net.ipv4.ping_group_range", "net.ipv4.ip_local_reserved_ports", "net.ipv4.tcp_keepalive_time", "net.ipv4.tcp_fin_timeout",
        "net.ipv4.tcp_keepalive_intvl", "net.ipv4.tcp_keepalive_probes",
    ];

    private static readonly HashSet<string> RestrictedVolumeTypes =
        ["configMap", "csi", "downwardAPI", "emptyDir", "ephemeral", "persistentVolumeClaim", "projected", "secret"];

    private static readonly HashSet<string> SeLinuxTypes = ["", "container_t", "container_init_t", "container_kvm_t", "container_engine_t"];

    /// <summary>Violations as "Control: detail"; empty when the pod meets the restricted profile.</summary>
    public static List<string> Check(JsonObject podSpec, JsonObject? podMetadata = null)
    {
        var violations = new List<string>();
        void Fail(string control, string detail) => violations.Add($"{control}: {detail}");

        var pod = podSpec["securityContext"] as JsonObject ?? [];
        var containers = new[] { "containers", "initContainers", "ephemeralContainers" }
            .SelectMany(list => (podSpec[list] as JsonArray ?? []).OfType<JsonObject>().Select(c => (Path: $"{list}[{c["name"]}]", Container: c)))
            .ToList();
        var contexts = containers.Select(c => (c.Path, Context: c.Container["securityContext"] as JsonObject ?? [])).ToList();

        // Baseline
        if (Bool(pod["windowsOptions"]?["hostProcess"]) == true || contexts.Any(c => Bool(c.Context["windowsOptions"]?["hostProcess"]) == true))
        {
            Fail("HostProcess", "windowsOptions.hostProcess is true");
        }

        foreach (var field in new[] { "hostNetwork", "hostPID", "hostIPC" })
        {
            if (Bool(podSpec[field]) == true)
            {
                Fail("Host Namespaces", field + " is true");
            }
        }

        foreach (var (path, context) in contexts)
        {
            if (Bool(context["privileged"]) == true)
            {
                Fail("Privileged Containers", path + ".securityContext.privileged is true");
            }

            foreach (var cap in Strings(context["capabilities"]?["add"]).Where(c => !BaselineCapabilities.Contains(c)))
            {
                Fail("Capabilities (baseline)", $"{path} adds {cap}");
            }

            if (Text(context["procMount"]) is { } procMount && procMount != "Default")
            {
                Fail("/proc Mount Type", $"{path}.securityContext.procMount is {procMount}");
            }
        }

        var volumes = (podSpec["volumes"] as JsonArray ?? []).OfType<JsonObject>().ToList();
        foreach (var volume in volumes.Where(v => v.ContainsKey("hostPath")))
        {
            Fail("HostPath Volumes", $"volume {volume["name"]} is a hostPath");
        }

        foreach (var (path, container) in containers)
        {
            foreach (var port in (container["ports"] as JsonArray ?? []).OfType<JsonObject>().Where(p => (p["hostPort"]?.GetValue<int>() ?? 0) != 0))
            {
                Fail("Host Ports", $"{path} uses hostPort {port["hostPort"]}");
            }
        }

        foreach (var (path, context) in contexts.Prepend(("pod", pod)))
        {
            if (Text(context["appArmorProfile"]?["type"]) is { } appArmor && appArmor is not ("RuntimeDefault" or "Localhost"))
            {
                Fail("AppArmor", $"{path} appArmorProfile.type is {appArmor}");
            }

            if (context["seLinuxOptions"] is JsonObject se)
            {
                if (!SeLinuxTypes.Contains(Text(se["type"]) ?? string.Empty))
                {
                    Fail("SELinux", $"{path} seLinuxOptions.type is {se["type"]}");
                }

                if (se.ContainsKey("user") || se.ContainsKey("role"))
                {
                    Fail("SELinux", $"{path} sets seLinuxOptions.user or .role");
                }
            }

            if (Text(context["seccompProfile"]?["type"]) == "Unconfined")
            {
                Fail("Seccomp (baseline)", $"{path} seccompProfile.type is Unconfined");
            }
        }

        foreach (var annotation in (podMetadata?["annotations"] as JsonObject ?? []).Where(a => a.Key.StartsWith("container.apparmor.security.beta.kubernetes.io/", StringComparison.Ordinal)))
        {
            var value = Text(annotation.Value) ?? string.Empty;
            if (value != "runtime/default" && !value.StartsWith("localhost/", StringComparison.Ordinal))
            {
                Fail("AppArmor", $"annotation {annotation.Key} is {value}");
            }
        }

        foreach (var sysctl in (pod["sysctls"] as JsonArray ?? []).OfType<JsonObject>().Select(s => Text(s["name"]) ?? string.Empty).Where(n => !SafeSysctls.Contains(n)))
        {
            Fail("Sysctls", sysctl + " is not a safe sysctl");
        }

        // Restricted
        foreach (var volume in volumes)
        {
            var type = volume.Select(p => p.Key).FirstOrDefault(k => k != "name");
            if (type is null || !RestrictedVolumeTypes.Contains(type))
            {
                Fail("Volume Types", $"volume {volume["name"]} is {type}");
            }
        }

        var podNonRoot = Bool(pod["runAsNonRoot"]);
        var podSeccomp = Text(pod["seccompProfile"]?["type"]);
        foreach (var (path, context) in contexts)
        {
            if (Bool(context["allowPrivilegeEscalation"]) != false)
            {
                Fail("Privilege Escalation", $"{path}.securityContext.allowPrivilegeEscalation is not false");
            }

            var nonRoot = Bool(context["runAsNonRoot"]);
            if (nonRoot == false || (nonRoot is null && podNonRoot != true))
            {
                Fail("Running as Non-root", $"{path} does not require runAsNonRoot");
            }

            if (Long(context["runAsUser"]) == 0)
            {
                Fail("Running as Non-root user", $"{path}.securityContext.runAsUser is 0");
            }

            var seccomp = Text(context["seccompProfile"]?["type"]) ?? podSeccomp;
            if (seccomp is not ("RuntimeDefault" or "Localhost"))
            {
                Fail("Seccomp (restricted)", $"{path} has seccompProfile {seccomp ?? "unset"}");
            }

            if (!Strings(context["capabilities"]?["drop"]).Contains("ALL"))
            {
                Fail("Capabilities (restricted)", $"{path} does not drop ALL");
            }

            foreach (var cap in Strings(context["capabilities"]?["add"]).Where(c => c != "NET_BIND_SERVICE"))
            {
                Fail("Capabilities (restricted)", $"{path} adds {cap}");
            }
        }

        if (podNonRoot == false && contexts.Any(c => Bool(c.Context["runAsNonRoot"]) is null))
        {
            Fail("Running as Non-root", "pod runAsNonRoot is false");
        }

        if (Long(pod["runAsUser"]) == 0)
        {
            Fail("Running as Non-root user", "pod runAsUser is 0");
        }

        return violations;
    }

    private static bool? Bool(JsonNode? node) => node is JsonValue v && v.TryGetValue<bool>(out var b) ? b : null;

    private static long? Long(JsonNode? node) => node is JsonValue v && v.TryGetValue<long>(out var l) ? l : null;

    private static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static IEnumerable<string> Strings(JsonNode? node) => (node as JsonArray ?? []).Select(Text).OfType<string>();
}
