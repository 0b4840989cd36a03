using System.Globalization;
using System.Text.Json;
using Platform.Cli.Audit;
using Platform.Cli.Audit.Formats;
using Platform.Cli.Infrastructure;
using Platform.Governance;

namespace Platform.Cli.Fleet;

/// <summary>
/// Reads `platform audit --format json` files into snapshots, through the audit's own report type (one schema, one
/// reader). A file that is not a report, or of a newer schema, is refused with a coded message naming the file.
/// </summary>
public static class AuditFileReader
{
    /// <summary>Every *.json under the given files and folders (folders recursively), in a stable order.</summary>
    public static IReadOnlyList<string> Find(IEnumerable<string> inputs)
    {
        var files = new List<string>();
        foreach (var input in inputs)
        {
            if (Directory.Exists(input))
            {
                files.AddRange(Directory.EnumerateFiles(input, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal));
            }
            else if (File.Exists(input))
            {
                files.Add(input);
            }
            else
            {
                throw new CliException(ExitCodes.PathNotFound, $"{input} does not exist. Pass audit JSON files (platform audit --format json) or folders holding them.");
            }
        }

        return files.Select(Path.GetFullPath).Distinct(StringComparer.Ordinal).ToList();
    }

    public static FleetSnapshot Read(string file)
    {
        AuditReport? report;
        int schema;
        try
        {
            using var stream = File.OpenRead(file);
            using var document = JsonDocument.Parse(stream, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
            if (document.RootElement.ValueKind != JsonValueKind.Object || !document.RootElement.TryGetProperty("schemaVersion", out var version) || !version.TryGetInt32(out schema))
            {
                throw Malformed(file, "it has no schemaVersion, so it is not the output of `platform audit --format json`");
            }

            if (schema > AuditReport.CurrentSchemaVersion)
            {
                throw new CliException(ExitCodes.FleetInputInvalid,
                    $"{FleetCodes.NewerAuditSchema}: {file} is an audit report of schema {schema}; this tool reads up to {AuditReport.CurrentSchemaVersion}. Update the platform tool that runs `platform fleet` (dotnet tool update Platform.Cli). Nothing was ingested.");
            }

            report = document.RootElement.Deserialize<AuditReport>(JsonFormat.Options);
        }
        catch (JsonException ex)
        {
            throw Malformed(file, $"it is not valid audit JSON ({ex.Message})");
        }

        if (schema < 1 || report is null)
        {
            throw Malformed(file, $"schemaVersion {schema} is not a version of the audit report");
        }

        if (!DateOnly.TryParseExact(report.Date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            throw Malformed(file, $"its date '{report.Date}' is not a yyyy-MM-dd date");
        }

        if (report.Projects is null || report.Projects.Any(p => p is null || string.IsNullOrEmpty(p.Path)))
        {
            throw Malformed(file, "it has no projects list, or a project without a path");
        }

        var repository = !string.IsNullOrWhiteSpace(report.Repository) ? report.Repository
            : !string.IsNullOrWhiteSpace(report.Root) ? AuditReport.RepositoryName(report.Root)
            : Path.GetFileNameWithoutExtension(file);
        return FromReport(report, repository, date);
    }

    /// <summary>The fleet's view of an audit report (also used for checkouts the fleet audits itself).</summary>
    public static FleetSnapshot FromReport(AuditReport report, string repository, DateOnly date) => new(
        repository,
        date,
        report.Tool?.Version ?? "unknown",
        report.Projects.Select(p => new FleetProject(
            p.Path,
            string.IsNullOrEmpty(p.Name) ? Path.GetFileNameWithoutExtension(p.Path) : p.Name,
            p.Kind,
            p.Owner?.Name,
            p.Owner is null ? null : p.Owner.Source == OwnerSource.CodeOwners ? "codeowners" : "property",
            p.UsesPlatformSdk,
            p.SdkVersion,
            p.Level.Name(),
            p.Drift?.Status ?? "unknown",
            p.Template?.Status,
            p.Baseline?.Findings ?? 0,
            p.Baseline?.Owner,
            p.Baseline?.TargetDate,
            (p.Findings ?? []).Where(f => f.CountsAgainstLevel).GroupBy(f => f.RuleId, StringComparer.OrdinalIgnoreCase)
                .Select(g => new FleetFinding(g.Key, g.Count())).OrderBy(f => f.RuleId, StringComparer.Ordinal).ToList(),
            (p.Deviations ?? []).Select(d => new FleetDeviation(d.Id, d.Owner, d.Expires, d.Status.ToString().ToLowerInvariant())).ToList(),
            (p.Enforcement ?? []).Select(e => new FleetStagedRule(e.RuleId, e.ErrorFrom, e.Mode.ToString().ToLowerInvariant())).ToList()))
            .ToList(),
        report.Summary?.TemplateDrift ?? 0);

    private static CliException Malformed(string file, string why) => new(ExitCodes.FleetInputInvalid,
        $"{FleetCodes.MalformedAuditFile}: {file} cannot be ingested: {why}. Pass files written by `platform audit --format json`; nothing was ingested.");
}
