namespace Platform.Governance;

/// <summary>
/// Builds the compliance record and its level from evaluated input (<see cref="ComplianceInput"/>). Deterministic: no
/// timestamps, stable ordering, so an unchanged build writes byte-identical JSON.
/// </summary>
public static class ComplianceRecordBuilder
{
    public static BuiltRecord Build(ComplianceInput input)
    {
        var projectDirectory = Path.GetDirectoryName(input.ProjectPath) ?? string.Empty;
        var governed = (input.Results ?? [])
            .Where(r => input.RulePrefixes.Any(p => r.RuleId.StartsWith(p, StringComparison.OrdinalIgnoreCase)))
            .Select(r => r with { Uri = RelativeFile(r.Uri, projectDirectory) })
            .OrderBy(r => r.Uri, StringComparer.Ordinal)
            .ThenBy(r => r.Line)
            .ThenBy(r => r.Column)
            .ThenBy(r => r.RuleId, StringComparer.Ordinal)
            .ThenBy(r => r.Message, StringComparer.Ordinal)
            .ToList();
        var findings = governed.Where(r => !r.IsSuppressed).ToList();
        var suppressed = governed.Where(r => r.IsSuppressed).ToList();
        var inForce = input.Deviations.Where(d => d.IsInForce).Select(d => d.Id).ToHashSet(StringComparer.OrdinalIgnoreCase);

        var (level, reasons) = LevelJudge.JudgeBuild(input, findings, suppressed.Count, inForce);

        var record = new ComplianceRecord
        {
            Level = level,
            LevelReasons = reasons,
            BuildDate = IsoDate.ToText(input.BuildDate),
            Ci = input.IsCI,
            Project = new RecordedProject
            {
                Name = input.ProjectName,
                Path = input.ProjectPath,
                Kind = Nullable(input.ProjectKind),
                TargetFramework = Nullable(input.TargetFramework),
                Configuration = Nullable(input.Configuration),
            },
            Sdk = new RecordedSdk { Used = input.UsingPlatformSdk, Version = Nullable(input.SdkVersion) },
            Owner = input.Owner,
            Settings = input.Settings.Select(s => new RecordedSetting
            {
                Name = s.Name,
                Default = s.Default,
                Effective = s.Effective,
                Status = LevelJudge.SettingStatusOf(s, inForce),
                Deviation = Nullable(s.DeviationName),
                Enforced = s.Enforced,
            }).ToList(),
            Deviations = input.Deviations.Select(d => new RecordedDeviation
            {
                Id = d.Id,
                Kind = d.Kind,
                Status = d.Status,
                Reason = d.Reason,
                Owner = d.Owner,
                Expires = d.ExpiresText,
                DaysLeft = d.DaysLeft,
                SuppressedResults = d.IsInForce ? suppressed.Count(s => string.Equals(s.RuleId, d.Id, StringComparison.OrdinalIgnoreCase)) : 0,
            }).ToList(),
            Enforcement = input.StagedRules.Select(r => new RecordedEnforcement
            {
                RuleId = r.RuleId,
                ErrorFrom = IsoDate.ToText(r.ErrorFrom),
                Mode = r.Mode,
            }).ToList(),
            Diagnostics = new RecordedDiagnostics
            {
                Available = input.Results is not null,
                SarifFile = Nullable(input.SarifFile),
                RulePrefixes = input.RulePrefixes,
                FindingCount = findings.Count(f => f.CountsAsFinding),
                SuppressedCount = suppressed.Count,
            },
            Baseline = input.Baseline is not { Entries: > 0 } baseline ? null : new RecordedBaseline
            {
                File = baseline.File,
                Owner = baseline.Owner,
                TargetDate = baseline.TargetDate,
                Status = baseline.PastTargetDate ? "pastTargetDate" : "active",
                Entries = baseline.Entries,
                SuppressedResults = (input.Results ?? []).Count(Platform.Baselines.BaselineSuppression.IsBaselined),
            },
            Findings = findings.Select(f => new RecordedResult
            {
                RuleId = f.RuleId, Level = f.Level, Message = f.Message, File = Nullable(f.Uri), Line = f.Line, Column = f.Column,
            }).ToList(),
            Suppressed = suppressed.Select(s =>
            {
                var deviation = input.Deviations.FirstOrDefault(d => d.IsInForce && string.Equals(d.Id, s.RuleId, StringComparison.OrdinalIgnoreCase));
                return new RecordedSuppression
                {
                    RuleId = s.RuleId,
                    Level = s.Level,
                    Message = s.Message,
                    File = Nullable(s.Uri),
                    Line = s.Line,
                    Column = s.Column,
                    SuppressionKind = s.Suppression!.Kind,
                    Justification = Nullable(s.Suppression.Justification),
                    Deviation = deviation is null ? null : new RecordedSuppressionDeviation(deviation.Id, deviation.Owner, deviation.Reason, deviation.ExpiresText),
                };
            }).ToList(),
        };

        return new BuiltRecord(record, findings);
    }

    private static string? Nullable(string? value) => string.IsNullOrEmpty(value) ? null : value;

    /// <summary>file:// URIs become paths relative to the project directory (forward slashes) when under it.</summary>
    private static string? RelativeFile(string? uri, string projectDirectory)
    {
        if (string.IsNullOrEmpty(uri))
        {
            return null;
        }

        if (!Uri.TryCreate(uri, UriKind.Absolute, out var parsed) || !parsed.IsFile)
        {
            return uri;
        }

        var local = parsed.LocalPath;
        if (projectDirectory.Length > 0)
        {
            var relative = Path.GetRelativePath(projectDirectory, local);
            if (!relative.StartsWith("..", StringComparison.Ordinal) && !Path.IsPathRooted(relative))
            {
                return relative.Replace('\\', '/');
            }
        }

        return local.Replace('\\', '/');
    }
}

/// <summary>A built record and the unsuppressed governed results it was judged by (any level).</summary>
public sealed record BuiltRecord(ComplianceRecord Record, IReadOnlyList<SarifResult> Findings);
