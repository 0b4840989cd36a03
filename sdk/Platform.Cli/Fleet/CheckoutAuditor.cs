using Platform.Cli.Audit;
using Platform.Cli.Infrastructure;

namespace Platform.Cli.Fleet;

/// <summary>Audits every repo checkout under a folder (each immediate subfolder) with the audit's own runner; a
/// checkout that cannot be audited is skipped with PLAT0458 and its reason.</summary>
public static class CheckoutAuditor
{
    public static async Task<IReadOnlyList<(string Source, FleetSnapshot Snapshot)>> AuditAllAsync(string folder, AuditOptions options, TextWriter error, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(folder))
        {
            throw new CliException(ExitCodes.PathNotFound, $"--checkouts {folder} is not a folder. Pass the folder that holds one checkout per repo.");
        }

        var today = options.Today ?? DateOnly.FromDateTime(DateTime.UtcNow);
        var snapshots = new List<(string, FleetSnapshot)>();
        foreach (var checkout in Directory.EnumerateDirectories(folder).Where(d => !Path.GetFileName(d).StartsWith('.')).Order(StringComparer.Ordinal))
        {
            try
            {
                var layout = RepoLayout.Discover(checkout);
                MSBuildHost.EnsureRegistered(layout.Root);
                var report = await AuditRunner.RunAsync(layout, options with { Today = today }, null, cancellationToken);
                snapshots.Add((checkout, AuditFileReader.FromReport(report, report.Repository, today)));
            }
            catch (CliException ex) when (ex.ExitCode is ExitCodes.NoProjects or ExitCodes.InvalidRepoFile or ExitCodes.PathNotFound)
            {
                await error.WriteLineAsync($"platform: {FleetCodes.CheckoutNotAudited}: {checkout} was skipped: {ex.Message}");
            }
        }

        return snapshots;
    }
}
