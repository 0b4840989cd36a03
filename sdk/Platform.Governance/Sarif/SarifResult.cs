namespace Platform.Governance;

/// <summary>One result of a SARIF 2.1 log, flattened to what the compliance record keeps.</summary>
public sealed record SarifResult(
    string RuleId,
    string Level,
    string Message,
    string? Uri,
    int? Line,
    int? Column,
    SarifSuppression? Suppression)
{
    public bool IsSuppressed => Suppression is not null;

    /// <summary>Errors and warnings count against the level; notes are listed but do not.</summary>
    public bool CountsAsFinding => !IsSuppressed && Level is "error" or "warning";
}

/// <summary>Why a result was suppressed: the SARIF suppression kind and the best justification text available.</summary>
public sealed record SarifSuppression(string Kind, string? Justification);
