using System.Text.Json;
using Platform.Governance;

namespace Platform.Cli.Audit;

/// <summary>One compliance record file of a project, read through the governance library's schema.</summary>
public sealed record BuildRecord(string Path, DateTime WrittenUtc, ComplianceRecord Record);

/// <summary>Finds and reads a project's compliance records, and picks the configuration the audit looks at.</summary>
public static class BuildRecords
{
    /// <summary>Every readable record of the project; an unreadable one is a problem line, not a failure.</summary>
    public static IReadOnlyList<BuildRecord> Read(string projectDirectory, string? baseIntermediateOutputPath, string? complianceFile, List<string> problems)
    {
        var records = new List<BuildRecord>();
        foreach (var file in ComplianceRecordFiles.Find(projectDirectory, baseIntermediateOutputPath, complianceFile))
        {
            try
            {
                records.Add(new BuildRecord(file, File.GetLastWriteTimeUtc(file), ComplianceRecordJson.Read(File.ReadAllText(file))));
            }
            catch (Exception ex) when (ex is JsonException or IOException or UnauthorizedAccessException or NotSupportedException)
            {
                problems.Add($"Compliance record '{file}' could not be read ({ex.Message.Split('\n')[0]}); rebuild the project to rewrite it.");
            }
        }

        return records;
    }

    /// <summary>The records of one configuration: the one asked for, else the most recently built.</summary>
    public static IReadOnlyList<BuildRecord> OfConfiguration(IReadOnlyList<BuildRecord> records, string? configuration)
    {
        if (records.Count == 0)
        {
            return records;
        }

        var chosen = configuration ?? records.MaxBy(r => r.WrittenUtc)!.Record.Project.Configuration;
        return records.Where(r => string.Equals(r.Record.Project.Configuration, chosen, StringComparison.OrdinalIgnoreCase)).ToList();
    }
}
