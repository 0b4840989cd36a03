using Microsoft.Build.Framework;

namespace Platform.Sdk.Tasks.Governance;

/// <summary>The rule ids (_PlatformKnownRuleId) and setting names (_PlatformKnownSetting) a deviation may name, case-insensitive.</summary>
internal sealed class KnownIds
{
    private readonly Dictionary<string, string> _rules;
    private readonly Dictionary<string, string> _settings;

    public KnownIds(IEnumerable<ITaskItem>? rules, IEnumerable<ITaskItem>? settings)
    {
        _rules = ToCanonical(rules);
        _settings = ToCanonical(settings);
    }

    public IReadOnlyCollection<string> Rules => _rules.Values;

    public IReadOnlyCollection<string> Settings => _settings.Values;

    /// <summary>Finds what an id names and its declared spelling.</summary>
    public DeviationKind Classify(string id, out string canonical)
    {
        if (_rules.TryGetValue(id, out var rule))
        {
            canonical = rule;
            return DeviationKind.Rule;
        }

        if (_settings.TryGetValue(id, out var setting))
        {
            canonical = setting;
            return DeviationKind.Setting;
        }

        canonical = id;
        return DeviationKind.Unknown;
    }

    public bool IsRule(string id, out string canonical) => _rules.TryGetValue(id, out canonical!);

    public string DescribeRules() => Describe(_rules.Values);

    public string DescribeSettings() => Describe(_settings.Values);

    private static string Describe(IEnumerable<string> values)
    {
        var list = values.OrderBy(v => v, StringComparer.Ordinal).ToList();
        return list.Count == 0 ? "(none declared)" : string.Join(", ", list);
    }

    private static Dictionary<string, string> ToCanonical(IEnumerable<ITaskItem>? items)
    {
        var map = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var item in items ?? [])
        {
            var id = item.ItemSpec.Trim();
            if (id.Length > 0)
            {
                map.TryAdd(id, id);
            }
        }

        return map;
    }
}
