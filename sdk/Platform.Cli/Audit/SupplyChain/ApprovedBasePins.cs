using System.Text.RegularExpressions;
using System.Xml.Linq;
using NuGet.Common;
using NuGet.Configuration;
using NuGet.Packaging;
using NuGet.Protocol;
using NuGet.Protocol.Core.Types;
using NuGet.Versioning;
using Platform.Cli.Infrastructure;

namespace Platform.Cli.Audit.SupplyChain;

/// <summary>
/// The base-image pins a kit version approves: the <c>_PlatformKitBasePins</c> its package carries in
/// targets/Platform.Sdk.Identity.props (written at pack time from PlatformKitBasePins; the build's default for
/// PlatformContainerBasePins). The audit reads them from the newest Platform.Sdk package in the feed.
/// </summary>
public sealed partial record ApprovedBasePins(string? KitVersion, IReadOnlyDictionary<string, string> Digests, string? Problem)
{
    public const string IdentityFile = "targets/Platform.Sdk.Identity.props";
    public const string PropertyName = "_PlatformKitBasePins";

    public static ApprovedBasePins None { get; } = new(null, new Dictionary<string, string>(), null);

    /// <summary>The approved digest of name:tag (sha256:…), or null.</summary>
    public string? DigestOf(string nameTag) => Digests.TryGetValue(nameTag, out var digest) ? digest : null;

    /// <summary>Downloads the newest kit's Platform.Sdk package from the first source that has it and reads its pins; failures become <see cref="Problem"/>.</summary>
    public static async Task<ApprovedBasePins> ReadAsync(FeedSnapshot feed, string? newestVersion, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (newestVersion is null || !NuGetVersion.TryParse(newestVersion, out var version))
        {
            return None;
        }

        var errors = new List<string>();
        using var cache = new SourceCacheContext { NoCache = true, DirectDownload = true };
        foreach (var source in feed.Sources)
        {
            try
            {
                using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeoutSource.CancelAfter(timeout);
                var resource = await Repository.Factory.GetCoreV3(new PackageSource(source)).GetResourceAsync<FindPackageByIdResource>(timeoutSource.Token);
                using var package = new MemoryStream();
                if (!await resource.CopyNupkgToStreamAsync(FeedClient.SdkPackageId, version, package, cache, NullLogger.Instance, timeoutSource.Token))
                {
                    continue;
                }

                package.Position = 0;
                using var reader = new PackageArchiveReader(package);
                var identity = reader.GetFiles().FirstOrDefault(f => string.Equals(f, IdentityFile, StringComparison.OrdinalIgnoreCase));
                if (identity is null)
                {
                    return new ApprovedBasePins(newestVersion, new Dictionary<string, string>(), null);
                }

                using var stream = reader.GetStream(identity);
                return Parse(newestVersion, XDocument.Load(stream).Descendants(PropertyName).FirstOrDefault()?.Value);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                errors.Add($"{source}: {ex.Message.Split('\n')[0].Trim()}");
            }
        }

        return new ApprovedBasePins(null, new Dictionary<string, string>(),
            errors.Count == 0 ? null : $"Could not read the base-image pins of Platform.Sdk {newestVersion} ({string.Join("; ", errors)}).");
    }

    /// <summary>name:tag@sha256:… entries separated by ';' (the rule PLAT0255 enforces in the build); other entries are a problem of the report.</summary>
    public static ApprovedBasePins Parse(string kitVersion, string? value)
    {
        var digests = new Dictionary<string, string>(StringComparer.Ordinal);
        var invalid = new List<string>();
        foreach (var entry in (value ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var match = Pin().Match(entry);
            if (match.Success)
            {
                digests[match.Groups["name"].Value] = match.Groups["digest"].Value;
            }
            else
            {
                invalid.Add(entry);
            }
        }

        return new ApprovedBasePins(kitVersion, digests,
            invalid.Count == 0 ? null : $"Platform.Sdk {kitVersion} approves base-image pins that are not name:tag@sha256:<digest>: {string.Join(", ", invalid)}.");
    }

    [GeneratedRegex(@"\A(?<name>[^@\s]+:[^@:/\s]+)@(?<digest>sha256:[0-9a-f]{64})\z")]
    private static partial Regex Pin();
}
