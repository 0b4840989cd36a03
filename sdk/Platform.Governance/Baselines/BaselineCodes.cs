namespace Platform.Baselines;

/// <summary>The PLAT04xx codes of baselines (docs/errors.md); the build and the CLI report the same codes.</summary>
public static class BaselineCodes
{
    public const string Unreadable = "PLAT0400";
    public const string Invalid = "PLAT0401";
    public const string Grown = "PLAT0402";
    public const string FixedEntries = "PLAT0403";
    public const string PastTargetDate = "PLAT0404";
    public const string GrownInChange = "PLAT0405";
    public const string BaseUnavailable = "PLAT0406";
}
