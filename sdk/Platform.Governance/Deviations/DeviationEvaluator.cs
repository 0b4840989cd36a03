namespace Platform.Governance;

/// <summary>
/// Judges declared deviations against a date: their kind, status and the problems to report. Pure: no logging, no
/// I/O, so the validation task, the compliance record and `platform audit` agree on every status.
/// </summary>
public static class DeviationEvaluator
{
    public static IReadOnlyList<Deviation> Evaluate(
        IEnumerable<DeclaredDeviation>? declared,
        KnownIds known,
        GovernanceClock clock,
        string? projectFile,
        List<GovernanceProblem> problems)
    {
        var deviations = new List<Deviation>();
        var seen = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);

        foreach (var entry in declared ?? [])
        {
            var file = string.IsNullOrEmpty(entry.DefinedIn) ? projectFile : entry.DefinedIn;
            var rawId = entry.Id.Trim();
            var kind = known.Classify(rawId, out var id);
            var reason = entry.Reason?.Trim() ?? string.Empty;
            var owner = entry.Owner?.Trim() ?? string.Empty;
            var expiresText = entry.Expires?.Trim() ?? string.Empty;
            var invalid = false;
            var own = new List<GovernanceProblem>();

            void Problem(string code, string message, bool isError = true)
            {
                var problem = new GovernanceProblem(code, message, isError, file);
                problems.Add(problem);
                own.Add(problem);
                invalid |= isError;
            }

            var latest = IsoDate.AddDaysClamped(clock.Today, clock.MaxDays);
            if (kind == DeviationKind.Unknown)
            {
                Problem(GovernanceCodes.DeviationUnknownId,
                    $"PlatformDeviation '{rawId}' names no known rule or setting. Use a rule id ({known.DescribeRules()}) or a setting name ({known.DescribeSettings()}); see docs/governance.md.");
            }

            if (reason.Length == 0)
            {
                Problem(GovernanceCodes.DeviationMissingReason,
                    $"PlatformDeviation '{id}' has no Reason. Add Reason=\"…\" saying why this project deviates, e.g. <PlatformDeviation Include=\"{id}\" Reason=\"legacy client until the v2 migration\" Owner=\"team-…\" Expires=\"{IsoDate.ToText(latest)}\" />.");
            }

            if (owner.Length == 0)
            {
                Problem(GovernanceCodes.DeviationMissingOwner,
                    $"PlatformDeviation '{id}' has no Owner. Add Owner=\"team-…\" naming the team accountable for removing the deviation.");
            }

            DateOnly? expires = null;
            int? daysLeft = null;
            if (expiresText.Length == 0)
            {
                Problem(GovernanceCodes.DeviationMissingExpires,
                    $"PlatformDeviation '{id}' has no Expires date. Add Expires=\"yyyy-MM-dd\", at most {clock.MaxDays} days ahead (on or before {IsoDate.ToText(latest)}).");
            }
            else if (!IsoDate.TryParse(expiresText, out var parsed))
            {
                Problem(GovernanceCodes.DeviationExpiresNotIsoDate,
                    $"PlatformDeviation '{id}' has Expires=\"{expiresText}\", which is not an ISO date. Write it as yyyy-MM-dd, e.g. Expires=\"{IsoDate.ToText(latest)}\".");
            }
            else
            {
                expires = parsed;
                daysLeft = parsed.DayNumber - clock.Today.DayNumber;
                if (daysLeft > clock.MaxDays)
                {
                    Problem(GovernanceCodes.DeviationExpiresTooFar,
                        $"PlatformDeviation '{id}' expires on {IsoDate.ToText(parsed)}, more than PlatformDeviationMaxDays ({clock.MaxDays}) days after {IsoDate.ToText(clock.Today)}. Set Expires on or before {IsoDate.ToText(latest)} and renew the deviation when it comes due.");
                }
            }

            if (kind != DeviationKind.Unknown)
            {
                if (seen.TryGetValue(id, out var count))
                {
                    Problem(GovernanceCodes.DeviationDuplicate,
                        $"PlatformDeviation '{id}' is registered more than once. Keep one entry; to replace one inherited from Directory.Build.props, write <PlatformDeviation Remove=\"{id}\" /> before your own.");
                }

                seen[id] = count + 1;
            }

            var status = invalid ? DeviationStatus.Invalid : DeviationStatus.Active;
            if (!invalid && daysLeft is { } left)
            {
                if (left < 0)
                {
                    status = DeviationStatus.Expired;
                    Problem(GovernanceCodes.DeviationExpired,
                        $"PlatformDeviation '{id}' (owner {owner}) expired on {IsoDate.ToText(expires!.Value)}. {FixFor(id, kind)}, or have {owner} renew it with a new Expires date (at most {clock.MaxDays} days ahead).");
                }
                else if (left <= clock.WarnDays)
                {
                    status = DeviationStatus.Expiring;
                    Problem(GovernanceCodes.DeviationExpiringSoon,
                        $"PlatformDeviation '{id}' (owner {owner}) expires on {IsoDate.ToText(expires!.Value)}, in {left} day(s); from the day after, the build fails. {FixFor(id, kind)}, or renew it with a new Expires date.",
                        isError: false);
                }
            }

            deviations.Add(new Deviation(id, kind, reason, owner, expiresText, expires, daysLeft, status, file) { Problems = own });
        }

        return deviations;
    }

    /// <summary>The ids that take effect, semicolon-separated, in declaration order: the value of PlatformDeviationIds.</summary>
    public static string InForceIds(IEnumerable<Deviation> deviations) =>
        string.Join(';', deviations.Where(d => d.IsInForce).Select(d => d.Id).Distinct(StringComparer.OrdinalIgnoreCase));

    private static string FixFor(string id, DeviationKind kind) => kind == DeviationKind.Setting
        ? $"Restore the {id} setting to its golden-path default and remove the entry"
        : $"Fix the {id} findings and remove the entry";
}
