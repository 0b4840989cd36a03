namespace Platform.Governance;

/// <summary>One thing wrong (or about to go wrong) with governance input, already phrased as the fix.</summary>
public sealed record GovernanceProblem(string Code, string Message, bool IsError, string? File);
