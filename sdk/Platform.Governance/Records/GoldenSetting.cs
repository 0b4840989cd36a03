namespace Platform.Governance;

/// <summary>
/// One golden-path setting of a project (the _PlatformGoldenSetting item): Name = the MSBuild property; Default = the
/// golden-path value; Effective = the value this project builds with; DeviationName (optional) = the setting name a
/// PlatformDeviation uses for it; Enforced = a change without a registered deviation makes the project bronze.
/// </summary>
public sealed record GoldenSetting(string Name, string Default, string Effective, string? DeviationName, bool Enforced)
{
    public bool IsDefault => string.Equals(Default.Trim(), Effective.Trim(), StringComparison.OrdinalIgnoreCase);

    /// <summary>When a name repeats, the last declaration wins (a later import refines an earlier seed); first-seen order is kept.</summary>
    public static IReadOnlyList<GoldenSetting> LastDeclarationWins(IEnumerable<GoldenSetting> declared)
    {
        var byName = new Dictionary<string, GoldenSetting>(StringComparer.OrdinalIgnoreCase);
        var order = new List<string>();
        foreach (var setting in declared)
        {
            var name = setting.Name.Trim();
            if (name.Length == 0)
            {
                continue;
            }

            if (!byName.ContainsKey(name))
            {
                order.Add(name);
            }

            byName[name] = setting with { Name = name };
        }

        return order.Select(n => byName[n]).ToList();
    }
}
