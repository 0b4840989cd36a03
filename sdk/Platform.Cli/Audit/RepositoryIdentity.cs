using Platform.Cli.Infrastructure;

namespace Platform.Cli.Audit;

/// <summary>
/// The name the audit and the fleet give a repo: where its <c>origin</c> remote points, as host/path
/// (github.com/contoso/orders), so two organisations' <c>api</c> repos stay apart in the fleet view. Credentials, the
/// port and <c>.git</c> are dropped. Without git or an origin remote it is the checkout folder's name, as before.
/// </summary>
internal static class RepositoryIdentity
{
    public static async Task<string> ResolveAsync(string root, CancellationToken cancellationToken)
    {
        var remote = await ProcessRunnerLite.RunAsync("git", ["config", "--get", "remote.origin.url"], root, TimeSpan.FromSeconds(30), cancellationToken, mergeStandardError: false);
        return remote.ExitCode == 0 && FromRemote(remote.Output.Trim()) is { } name ? name : AuditReport.RepositoryName(root);
    }

    /// <summary>host/path of a remote URL (https, ssh or scp-like git@host:path); null for a local path or anything else.</summary>
    public static string? FromRemote(string url)
    {
        string host;
        string path;
        if (Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http" or "ssh" or "git" && uri.Host.Length > 0)
        {
            host = uri.Host;
            path = Uri.UnescapeDataString(uri.AbsolutePath);
        }
        else if (url.IndexOf(':') is var colon and > 1 && !url.Contains("://", StringComparison.Ordinal) && !url.StartsWith('/'))
        {
            // scp-like: [user@]host:owner/name.git
            host = url[..colon][(url[..colon].LastIndexOf('@') + 1)..];
            path = url[(colon + 1)..];
        }
        else
        {
            return null;
        }

        path = path.Trim('/');
        if (path.EndsWith(".git", StringComparison.OrdinalIgnoreCase))
        {
            path = path[..^4];
        }

        return host.Length == 0 || path.Length == 0 ? null : host.ToLowerInvariant() + "/" + path;
    }
}
