namespace Platform.Baselines;

/// <summary>What the compliance record and the level need to know about a project's baseline.</summary>
public sealed record BaselineStatus(string File, string Owner, string TargetDate, int Entries, bool PastTargetDate)
{
    /// <summary>The level cap: a project with a baseline is at most silver; past its target date, bronze.</summary>
    public string? LevelReason => Entries == 0 ? null
        : PastTargetDate ? $"baseline of {Entries} finding(s) (owner {Owner}) is past its target date {TargetDate}"
        : $"{Entries} baselined finding(s) (owner {Owner}, target {TargetDate})";
}
