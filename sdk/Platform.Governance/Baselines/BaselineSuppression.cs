using Platform.Governance;

namespace Platform.Baselines;

/// <summary>Recognises the SARIF results the baseline suppressor suppressed, by the justification it writes.</summary>
public static class BaselineSuppression
{
    public static bool IsBaselined(SarifResult result) =>
        result.Suppression?.Justification is { } justification &&
        justification.Contains(BaselineContract.Justification, StringComparison.Ordinal);
}
