namespace Platform.Governance;

/// <summary>
/// A PlatformDeviation entry as written (Include = rule id or setting name; Reason, Owner, Expires metadata), before
/// any judgement. <paramref name="DefinedIn"/> is the file that declared it, for error locations (null: the project).
/// </summary>
public sealed record DeclaredDeviation(string Id, string? Reason, string? Owner, string? Expires, string? DefinedIn = null);
