using System;
using System.Security.Cryptography;
using System.Text;

namespace Platform.Baselines;

/// <summary>
/// What the baseline suppressor, the SDK's tasks and the platform CLI must agree on, defined once: each compiles this
/// same file. The fingerprint keys a baselined finding to its code, not its line number: the first 16 hex digits of
/// the SHA-256 of the finding's source line with whitespace trimmed and collapsed.
/// </summary>
internal static class BaselineContract
{
    /// <summary>The AdditionalFile the build writes with this project's entries: rule TAB full-path TAB fingerprint TAB count.</summary>
    public const string EntriesFileName = "platform-baseline.tsv";

    /// <summary>The justification of every baseline suppression (the compiler writes it into the SARIF suppression).</summary>
    public const string Justification = "Baselined finding (.platform/baseline.json): existing debt recorded at adoption; fix it, then run `platform baseline --update`";

    /// <summary>A suppression id is this prefix + the suppressed rule id (PLATB-CA1822).</summary>
    public const string SuppressionIdPrefix = "PLATB-";

    /// <summary>The line text with leading/trailing whitespace removed and inner runs of whitespace made one space.</summary>
    public static string Normalize(string? line)
    {
        if (line is null)
        {
            return string.Empty;
        }

        var builder = new StringBuilder(line.Length);
        var pendingSpace = false;
        foreach (var c in line)
        {
            if (char.IsWhiteSpace(c))
            {
                pendingSpace = builder.Length > 0;
                continue;
            }

            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }

            builder.Append(c);
        }

        return builder.ToString();
    }

    public static string Fingerprint(string? line)
    {
        using var sha = SHA256.Create();
        var hash = sha.ComputeHash(Encoding.UTF8.GetBytes(Normalize(line)));
        var builder = new StringBuilder(16);
        for (var i = 0; i < 8; i++)
        {
            builder.Append(hash[i].ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
        }

        return builder.ToString();
    }
}
