using Microsoft.Build.Framework;

namespace Platform.Sdk.Tasks.Governance;

/// <summary>
/// One _PlatformGoldenSetting item: Include = the MSBuild property; Default = the golden-path value; Effective = the
/// value this project builds with; Deviation (optional) = the setting name a PlatformDeviation uses for it;
/// Enforced (optional, default false) = a change without a registered deviation makes the project bronze.
/// </summary>
internal sealed record GoldenSetting(string Name, string Default, string Effective, string? DeviationName, bool Enforced)
{
    public bool IsDefault => string.Equals(Default.Trim(), Effective.Trim(), StringComparison.OrdinalIgnoreCase);

    /// <summary>Reads the items; when a name repeats, the last item wins (a later import refines an earlier seed).</summary>
    public static IReadOnlyList<GoldenSetting> FromItems(IEnumerable<ITaskItem>? items)
    {
        var byName = new Dictionary<string, GoldenSetting>(StringComparer.OrdinalIgnoreCase);
        var order = new List<string>();
        foreach (var item in items ?? [])
        {
            var name = item.ItemSpec.Trim();
            if (name.Length == 0)
            {
                continue;
            }

            if (!byName.ContainsKey(name))
            {
                order.Add(name);
            }

            var deviation = item.GetMetadata("Deviation").Trim();
            byName[name] = new GoldenSetting(
                name,
                item.GetMetadata("Default"),
                item.GetMetadata("Effective"),
                deviation.Length == 0 ? null : deviation,
                string.Equals(item.GetMetadata("Enforced").Trim(), "true", StringComparison.OrdinalIgnoreCase));
        }

        return order.Select(n => byName[n]).ToList();
    }
}
