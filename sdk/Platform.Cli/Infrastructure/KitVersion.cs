namespace Platform.Cli.Infrastructure;

/// <summary>
/// A kit version as it may be written into global.json or an Sdk attribute: a NuGet version (1.4.0, 1.4.0-rc.1,
/// 1.4.0.1+build.7) and nothing else. Checked without NuGet (which loads only after MSBuild registration) and without a
/// regex, so no line break, space, quote or word such as <c>latest</c> can reach a file.
/// </summary>
public readonly record struct KitVersion
{
    private KitVersion(string value) => Value = value;

    public string Value { get; }

    public override string ToString() => Value;

    /// <summary>The version, or a <see cref="CliException"/> (usage) that says what is wrong with <paramref name="text"/>.</summary>
    public static KitVersion Parse(string? text, string what = "--to") =>
        TryParse(text, out var version, out var problem)
            ? version
            : throw new CliException(ExitCodes.Usage, $"{what} {Quote(text)} is not a version: {problem}. Pass a NuGet version such as 1.4.0 or 1.4.0-rc.1.");

    public static bool TryParse(string? text, out KitVersion version, out string problem)
    {
        version = default;
        problem = Check(text) ?? string.Empty;
        if (problem.Length > 0)
        {
            return false;
        }

        version = new KitVersion(text!);
        return true;
    }

    private static string? Check(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "it is empty";
        }

        if (text.Any(char.IsWhiteSpace))
        {
            return text.Any(c => c is '\r' or '\n') ? "it holds a line break (a version read from a file with Windows line endings?)" : "it holds a space";
        }

        var plus = text.IndexOf('+', StringComparison.Ordinal);
        var core = plus < 0 ? text : text[..plus];
        if (plus >= 0 && !AreLabels(text[(plus + 1)..]))
        {
            return "the build metadata after '+' must be dot-separated letters, digits and dashes";
        }

        var dash = core.IndexOf('-', StringComparison.Ordinal);
        var numbers = dash < 0 ? core : core[..dash];
        if (dash >= 0 && !AreLabels(core[(dash + 1)..]))
        {
            return "the prerelease label after '-' must be dot-separated letters, digits and dashes";
        }

        var parts = numbers.Split('.');
        if (parts.Length is < 2 or > 4 || parts.Any(p => p.Length == 0 || p.Length > 9 || !p.All(char.IsAsciiDigit)))
        {
            return "it must start with 2 to 4 dot-separated numbers (major.minor[.patch[.revision]])";
        }

        return null;
    }

    private static bool AreLabels(string text) =>
        text.Split('.').All(label => label.Length > 0 && label.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'));

    private static string Quote(string? text) =>
        text is null ? "(none)" : "'" + text.Replace("\r", "\\r", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal).Replace("\t", "\\t", StringComparison.Ordinal) + "'";
}
