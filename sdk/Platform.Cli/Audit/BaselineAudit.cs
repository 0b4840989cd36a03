using Platform.Baselines;
using Platform.Cli.Baseline;
using Platform.Cli.Infrastructure;

namespace Platform.Cli.Audit;

/// <summary>A project's baseline in the audit: its size now, its burn-down, and who owns it until when.</summary>
public sealed record BaselineAudit(int Findings, int Recorded, IReadOnlyList<BaselinePointAudit> BurnDown, string Owner, string TargetDate, string Status);

public sealed record BaselinePointAudit(string Date, int Count);

/// <summary>Adds each project's entry of the repo's .platform/baseline.json to the audit (size and burn-down).</summary>
internal static class BaselineAudits
{
    public static (List<ProjectAudit> Projects, int Total) Attach(RepoLayout layout, List<ProjectAudit> projects, DateOnly today, string? minLevel, List<string> problems)
    {
        var root = BaselineLocation.Root(layout.Root);
        var file = Path.Combine(root, BaselineDocument.RelativePath);
        if (!File.Exists(file))
        {
            return (projects, 0);
        }

        var document = BaselineDocument.Read(file, out var problem);
        if (document is null)
        {
            problems.Add($"{problem!.Code}: {problem.Message}");
            return (projects, 0);
        }

        var pastDue = BaselineDocument.TryParseDate(document.TargetDate, out var target) && today > target;
        var attached = projects.Select(p =>
        {
            var entry = document.Project(Path.GetRelativePath(root, Path.Combine(layout.Root, p.Path)).Replace('\\', '/'));
            if (entry is null)
            {
                return p;
            }

            var audit = new BaselineAudit(entry.Count, entry.BurnDown.Count > 0 ? entry.BurnDown[0].Count : entry.Count,
                entry.BurnDown.Select(b => new BaselinePointAudit(b.Date, b.Count)).ToList(), document.Owner, document.TargetDate,
                entry.Count > 0 && pastDue ? "pastTargetDate" : "active");

            // The record judged the date on the day it was built; past it today, the project is bronze.
            return audit.Status == "pastTargetDate" && Levels.Rank(p.Level) > Levels.Rank(Levels.Bronze)
                ? p with
                {
                    Baseline = audit,
                    Level = Levels.Bronze,
                    LevelReasons = [.. p.LevelReasons, $"baseline of {entry.Count} finding(s) is past its target date {document.TargetDate}"],
                    BelowMinLevel = minLevel is not null && Levels.Rank(Levels.Bronze) < Levels.Rank(minLevel),
                }
                : p with { Baseline = audit };
        }).ToList();
        return (attached, attached.Sum(p => p.Baseline?.Findings ?? 0));
    }
}
