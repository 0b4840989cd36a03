using System.Text.Json.Nodes;

namespace Platform.Sdk.Tests.Kubernetes;

/// <summary>The policy check itself can fail: each control of the restricted profile catches the pod that breaks it.</summary>
public class PodSecurityRestrictedTests
{
    private const string Compliant = """
        {
          "automountServiceAccountToken": false,
          "securityContext": { "runAsNonRoot": true, "runAsUser": 1654, "seccompProfile": { "type": "RuntimeDefault" } },
          "containers": [ {
            "name": "app", "image": "registry/app@sha256:0",
            "ports": [ { "name": "http", "containerPort": 8080 } ],
            "securityContext": {
              "allowPrivilegeEscalation": false, "readOnlyRootFilesystem": true, "runAsNonRoot": true, "runAsUser": 1654,
              "capabilities": { "drop": [ "ALL" ], "add": [ "NET_BIND_SERVICE" ] }, "seccompProfile": { "type": "RuntimeDefault" }
            }
          } ],
          "volumes": [ { "name": "tmp", "emptyDir": {} } ]
        }
        """;

    public static TheoryData<string, string> Breaches() => new()
    {
        { "HostProcess", """{ "securityContext": { "windowsOptions": { "hostProcess": true } } }""" },
        { "Host Namespaces", """{ "hostNetwork": true }""" },
        { "Privileged Containers", """{ "container": { "privileged": true } }""" },
        { "Capabilities (baseline)", """{ "container": { "capabilities": { "drop": [ "ALL" ], "add": [ "SYS_ADMIN" ] } } }""" },
        { "HostPath Volumes", """{ "volumes": [ { "name": "host", "hostPath": { "path": "/" } } ] }""" },
        { "Host Ports", """{ "containers": [ { "name": "app", "ports": [ { "containerPort": 8080, "hostPort": 80 } ], "securityContext": { "allowPrivilegeEscalation": false, "capabilities": { "drop": [ "ALL" ] } } } ] }""" },
        { "AppArmor", """{ "container": { "appArmorProfile": { "type": "Unconfined" } } }""" },
        { "SELinux", """{ "container": { "seLinuxOptions": { "type": "spc_t" } } }""" },
        { "/proc Mount Type", """{ "container": { "procMount": "Unmasked" } }""" },
        { "Seccomp (baseline)", """{ "container": { "seccompProfile": { "type": "Unconfined" } } }""" },
        { "Sysctls", """{ "securityContext": { "sysctls": [ { "name": "kernel.msgmax", "value": "1" } ] } }""" },
        { "Volume Types", """{ "volumes": [ { "name": "nfs", "nfs": { "server": "x", "path": "/" } } ] }""" },
        { "Privilege Escalation", """{ "container": { "allowPrivilegeEscalation": true } }""" },
        { "Running as Non-root", """{ "container": { "runAsNonRoot": false } }""" },
        { "Running as Non-root user", """{ "container": { "runAsUser": 0 } }""" },
        { "Seccomp (restricted)", """{ "securityContext": { "seccompProfile": null }, "container": { "seccompProfile": null } }""" },
        { "Capabilities (restricted)", """{ "container": { "capabilities": { "drop": [ "NET_RAW" ] } } }""" },
    };

    [Fact]
    public void The_compliant_pod_passes() => Assert.Empty(PodSecurityRestricted.Check(JsonNode.Parse(Compliant)!.AsObject()));

    [Theory]
    [MemberData(nameof(Breaches))]
    public void Each_control_catches_its_breach(string control, string patch)
    {
        var pod = JsonNode.Parse(Compliant)!.AsObject();
        Merge(pod, JsonNode.Parse(patch)!.AsObject());

        var violations = PodSecurityRestricted.Check(pod);

        Assert.Contains(violations, v => v.StartsWith(control + ":", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_control_of_the_profile_has_a_breach_test() =>
        Assert.Equal(PodSecurityRestricted.Controls.Order(), Breaches().Select(row => (string)row[0]).Order());

    /// <summary>Merges <paramref name="patch"/> into the pod; "container" patches the first container's securityContext; null removes.</summary>
    private static void Merge(JsonObject target, JsonObject patch)
    {
        foreach (var (key, value) in patch.ToList())
        {
            if (key == "container")
            {
                Merge(target["containers"]![0]!["securityContext"]!.AsObject(), value!.AsObject());
            }
            else if (value is null)
            {
                target.Remove(key);
            }
            else if (value is JsonObject child && target[key] is JsonObject existing)
            {
                Merge(existing, child);
            }
            else
            {
                target[key] = value.DeepClone();
            }
        }
    }
}
