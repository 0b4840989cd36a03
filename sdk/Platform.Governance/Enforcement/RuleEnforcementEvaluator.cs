namespace Platform.Governance;

/// <summary>
/// Judges PlatformRuleEnforcement entries (Include = rule id, ErrorFrom = yyyy-MM-dd). When a rule is declared more than
/// once the last declaration wins, so an organisation's Directory.Build.props can move a date the SDK shipped.
/// </summary>
public static class RuleEnforcementEvaluator
{
    public static IReadOnlyList<StagedRule> Evaluate(
        IEnumerable<DeclaredEnforcement>? declared,
        KnownIds known,
        DateOnly today,
        string? projectFile,
        List<GovernanceProblem> problems)
    {
        var rules = new Dictionary<string, StagedRule>(StringComparer.OrdinalIgnoreCase);
        var order = new List<string>();
        foreach (var entry in declared ?? [])
        {
            var file = string.IsNullOrEmpty(entry.DefinedIn) ? projectFile : entry.DefinedIn;
            var rawId = entry.RuleId.Trim();
            var errorFromText = entry.ErrorFrom?.Trim() ?? string.Empty;
            if (!known.IsRule(rawId, out var id))
            {
                problems.Add(new GovernanceProblem(GovernanceCodes.EnforcementUnknownRule,
                    $"PlatformRuleEnforcement '{rawId}' names no known rule. Use one of {known.DescribeRules()}, or remove the entry.",
                    IsError: true, file));
                continue;
            }

            if (!IsoDate.TryParse(errorFromText, out var errorFrom))
            {
                problems.Add(new GovernanceProblem(GovernanceCodes.EnforcementInvalidDate,
                    $"PlatformRuleEnforcement '{id}' has ErrorFrom=\"{errorFromText}\", but it needs the ISO date (yyyy-MM-dd) from which {id} fails the build, e.g. ErrorFrom=\"{IsoDate.ToText(IsoDate.AddDaysClamped(today, 90))}\".",
                    IsError: true, file));
                continue;
            }

            if (!rules.ContainsKey(id))
            {
                order.Add(id);
            }

            rules[id] = new StagedRule(id, errorFrom, IsEnforced: today >= errorFrom);
        }

        return order.Select(id => rules[id]).ToList();
    }
}
