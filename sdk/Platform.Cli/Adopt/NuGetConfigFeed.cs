using Platform.Cli.Infrastructure;
using Platform.Cli.Upgrade;

namespace Platform.Cli.Adopt;

/// <summary>
/// adopt's policy for NuGet.config (the editing is <see cref="NuGetConfigDocument"/>'s): add the kit's feed with
/// package source mapping (Platform.* from the feed) and keep the user's sources working. With a mapping already
/// there only the feed's entry is added; without one, every source the file declares is first mapped to <c>*</c>, as
/// it effectively was. A second run changes nothing.
/// </summary>
internal static class NuGetConfigFeed
{
    public const string FileName = "NuGet.config";
    public const string SourceKey = "platform";
    private const string Pattern = "Platform.*";

    /// <summary>The new text of the file (null: it does not exist yet), or the same text when nothing is missing.</summary>
    public static string WithFeed(string? text, string feed, string path)
    {
        NuGetConfigDocument document;
        try
        {
            document = NuGetConfigDocument.Parse(text ?? "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<configuration>\n</configuration>\n");
        }
        catch (FormatException ex)
        {
            throw new CliException(ExitCodes.InvalidRepoFile, $"{path} cannot be read: {ex.Message}. Fix it (or remove it) and run again; nothing was changed.");
        }

        var sources = document.Sources;
        if (text is null)
        {
            // A new file: the feed and the public gallery, both mapped (a mapping makes unmapped sources unusable).
            document.WithSource(SourceKey, feed).WithSource("nuget.org", "https://api.nuget.org/v3/index.json").WithMapping("nuget.org", "*");
            return document.WithMapping(SourceKey, Pattern).ToString();
        }

        var key = sources.FirstOrDefault(s => SameFeed(s.Value, feed)).Key;
        var changed = false;
        if (key is null)
        {
            key = sources.Any(s => string.Equals(s.Key, SourceKey, StringComparison.OrdinalIgnoreCase)) ? SourceKey + "-kit" : SourceKey;
            if (!sources.Any(s => document.PatternsOf(s.Key).Count > 0))
            {
                foreach (var other in sources)
                {
                    document.WithMapping(other.Key, "*");
                }
            }

            document.WithSource(key, feed);
            changed = true;
        }

        if (!document.PatternsOf(key).Contains(Pattern, StringComparer.OrdinalIgnoreCase))
        {
            document.WithMapping(key, Pattern);
            changed = true;
        }

        return changed ? document.ToString() : text;
    }

    private static bool SameFeed(string? value, string feed) =>
        value is not null && string.Equals(value.TrimEnd('/', '\\'), feed.TrimEnd('/', '\\'), StringComparison.OrdinalIgnoreCase);
}
