using Platform.Baselines;
using Platform.Cli.Baseline;
using Platform.Cli.Infrastructure;

namespace Platform.Cli.Audit;

/// <summary>A project's baseline in the audit: its size now, its burn-down, and who owns it until when.</summary>
public sealed record BaselineAudit(int Findings, int Recorded, IReadOnlyList<BaselinePointAudit> BurnDown, string Owner, string TargetDate, string Status);

public sealed record BaselinePointAudit(string Date, int Count);

/// <summary>The repo's .platform/baseline.json as the audit reads it: each project's entry, judged as of the audit's date.</summary>
public sealed class RepoBaseline
{
    private readonly string _root;
    private readonly BaselineDocument? _document;
    private readonly DateOnly _today;

    private RepoBaseline(string root, BaselineDocument? document, DateOnly today)
    {
        _root = root;
        _document = document;
        _today = today;
    }

    /// <summary>Reads the baseline above the audited folder; a broken one is a problem of the report, not a failure.</summary>
    public static RepoBaseline Load(RepoLayout layout, DateOnly today, List<string> problems)
    {
        var root = BaselineLocation.Root(layout.Root);
        var file = Path.Combine(root, BaselineDocument.RelativePath);
        BaselineDocument? document = null;
        if (File.Exists(file))
        {
            document = BaselineDocument.Read(file, out var problem);
            if (problem is not null)
            {
                problems.Add($"{problem.Code}: {problem.Message}");
            }
        }

        return new RepoBaseline(root, document, today);
    }

    /// <summary>The project's baseline for the report and for the level (null when it has none).</summary>
    public (BaselineAudit? Audit, BaselineStatus? Status) For(string projectFullPath)
    {
        var entry = _document?.Project(Path.GetRelativePath(_root, projectFullPath).Replace('\\', '/'));
        if (_document is null || entry is null)
        {
            return (null, null);
        }

        var pastDue = entry.Count > 0 && BaselineDocument.TryParseDate(_document.TargetDate, out var target) && _today > target;
        var audit = new BaselineAudit(entry.Count, entry.BurnDown.Count > 0 ? entry.BurnDown[0].Count : entry.Count,
            entry.BurnDown.Select(b => new BaselinePointAudit(b.Date, b.Count)).ToList(), _document.Owner, _document.TargetDate,
            pastDue ? "pastTargetDate" : "active");
        return (audit, new BaselineStatus(Path.Combine(_root, BaselineDocument.RelativePath), _document.Owner, _document.TargetDate, entry.Count, pastDue));
    }
}
