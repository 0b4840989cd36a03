namespace Platform.Sdk.Tasks.Governance;

/// <summary>The compliance levels, best first. The lower-case names are the record's values.</summary>
internal enum ComplianceLevel
{
    /// <summary>No findings and no deviations.</summary>
    Gold,

    /// <summary>No findings; only registered deviations that are in force (suppressed results count here).</summary>
    Silver,

    /// <summary>Findings, expired or invalid deviations, or no diagnostics to judge by.</summary>
    Bronze,

    /// <summary>The Platform SDK is not used.</summary>
    None,
}
