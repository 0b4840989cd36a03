namespace Platform.Sdk.Tasks.Governance;

/// <summary>One thing wrong (or about to go wrong) with governance input, already phrased as the fix.</summary>
internal sealed record GovernanceProblem(string Code, string Message, bool IsError, string? File);
