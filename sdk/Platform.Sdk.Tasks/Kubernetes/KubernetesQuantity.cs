using System.Globalization;
using System.Text.RegularExpressions;

namespace Platform.Sdk.Tasks.Kubernetes;

/// <summary>Kubernetes resource quantities (<c>250m</c>, <c>1.5</c>, <c>512Mi</c>, <c>1e3</c>): syntax check and value, for comparing a request with its limit.</summary>
internal static partial class KubernetesQuantity
{
    private static readonly Dictionary<string, double> Suffixes = new(StringComparer.Ordinal)
    {
        [""] = 1, ["m"] = 1e-3, ["k"] = 1e3, ["M"] = 1e6, ["G"] = 1e9, ["T"] = 1e12, ["P"] = 1e15, ["E"] = 1e18,
        ["Ki"] = 1024d, ["Mi"] = Math.Pow(1024, 2), ["Gi"] = Math.Pow(1024, 3), ["Ti"] = Math.Pow(1024, 4), ["Pi"] = Math.Pow(1024, 5), ["Ei"] = Math.Pow(1024, 6),
    };

    /// <summary>Parses a non-negative quantity (a sign is refused: a negative request is always a mistake).</summary>
    public static bool TryParse(string text, out double value)
    {
        value = 0;
        var match = Quantity().Match(text);
        if (!match.Success)
        {
            return false;
        }

        var number = double.Parse(match.Groups["number"].Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
        var suffix = match.Groups["suffix"].Value;
        if (suffix.Length > 1 && (suffix[0] == 'e' || suffix[0] == 'E'))
        {
            value = number * Math.Pow(10, int.Parse(suffix[1..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture));
            return !double.IsInfinity(value);
        }

        value = number * Suffixes[suffix];
        return true;
    }

    [GeneratedRegex(@"\A(?<number>[0-9]+(\.[0-9]*)?|\.[0-9]+)(?<suffix>[eE][-+]?[0-9]{1,3}|Ki|Mi|Gi|Ti|Pi|Ei|m|k|M|G|T|P|E)?\z")]
    private static partial Regex Quantity();
}
