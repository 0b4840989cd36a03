using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace Platform.Sdk.Tasks.Tests;

/// <summary>Builders for the MSBuild items the governance tasks receive.</summary>
internal static class Items
{
    public const string DirectoryBuildProps = "/repo/Directory.Build.props";

    public static readonly string[] RuleIds =
        ["PLAT1001", "PLAT1002", "PLAT1003", "PLAT2001", "PLAT3001", "PLAT4001", "PLAT4002", "PLAT5001", "PLAT5002", "PLAT9001", "PLAT9002", "PLAT9003"];

    public static readonly string[] SettingNames =
        ["Nullable", "Telemetry", "CIStrict", "SourceLink", "LockFile", "Audit", "Container", "Analyzers", "AnalysisMode", "Deterministic"];

    public static ITaskItem[] KnownRules => RuleIds.Select(id => (ITaskItem)new TaskItem(id)).ToArray();

    public static ITaskItem[] KnownSettings => SettingNames.Select(id => (ITaskItem)new TaskItem(id)).ToArray();

    public static ITaskItem Deviation(string id, string? reason = "legacy client until the v2 migration", string? owner = "team-payments", string? expires = "2027-03-31")
    {
        var item = new DeclaredItem(id, DirectoryBuildProps);
        Set(item, "Reason", reason);
        Set(item, "Owner", owner);
        Set(item, "Expires", expires);
        return item;
    }

    public static ITaskItem Enforcement(string id, string? errorFrom)
    {
        var item = new TaskItem(id);
        Set(item, "ErrorFrom", errorFrom);
        return item;
    }

    public static ITaskItem Setting(string name, string @default, string effective, string? deviation = null, bool enforced = false)
    {
        var item = new TaskItem(name);
        item.SetMetadata("Default", @default);
        item.SetMetadata("Effective", effective);
        Set(item, "Deviation", deviation);
        if (enforced)
        {
            item.SetMetadata("Enforced", "true");
        }

        return item;
    }

    private static void Set(ITaskItem item, string name, string? value)
    {
        if (value is not null)
        {
            item.SetMetadata(name, value);
        }
    }
}
