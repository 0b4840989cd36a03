namespace Platform.Governance;

/// <summary>
/// The rule ids and setting names a deviation may name, case-insensitive. The build passes the kit's
/// _PlatformKnownRuleId / _PlatformKnownSetting items; <see cref="FromCatalogue"/> is the same list as this library knows it.
/// </summary>
public sealed class KnownIds
{
    private readonly Dictionary<string, string> _rules;
    private readonly Dictionary<string, string> _settings;

    public KnownIds(IEnumerable<string>? rules, IEnumerable<string>? settings)
    {
        _rules = ToCanonical(rules);
        _settings = ToCanonical(settings);
    }

    /// <summary>The PLAT rules and golden-path settings of <see cref="RuleCatalogue"/> and <see cref="SettingCatalogue"/>.</summary>
    public static KnownIds FromCatalogue() =>
        new(RuleCatalogue.All.Select(r => r.Id), SettingCatalogue.DeviationNames);

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

    private static Dictionary<string, string> ToCanonical(IEnumerable<string>? ids)
    {
        var map = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var raw in ids ?? [])
        {
            var id = raw.Trim();
            if (id.Length > 0)
            {
                map.TryAdd(id, id);
            }
        }

        return map;
    }
}
