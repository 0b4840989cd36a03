namespace Platform.Governance;

/// <summary>
/// Where a project's compliance records are: &lt;BaseIntermediateOutputPath&gt;/platform/&lt;Configuration&gt;/&lt;TargetFramework&gt;/compliance.json
/// (Platform.Compliance.targets), one per configuration and target framework, plus PlatformComplianceFile when a
/// project moved it.
/// </summary>
public static class ComplianceRecordFiles
{
    public const string FileName = "compliance.json";

    /// <param name="projectDirectory">The project's folder.</param>
    /// <param name="baseIntermediateOutputPath">The evaluated BaseIntermediateOutputPath (null: obj).</param>
    /// <param name="complianceFile">The evaluated PlatformComplianceFile (null: the default).</param>
    public static IReadOnlyList<string> Find(string projectDirectory, string? baseIntermediateOutputPath, string? complianceFile)
    {
        var files = new List<string>();
        if (!string.IsNullOrWhiteSpace(complianceFile))
        {
            var explicitFile = MSBuildPath.Resolve(projectDirectory, complianceFile);
            if (File.Exists(explicitFile))
            {
                files.Add(explicitFile);
            }
        }

        var obj = MSBuildPath.Resolve(projectDirectory, string.IsNullOrWhiteSpace(baseIntermediateOutputPath) ? "obj" : baseIntermediateOutputPath);
        var platform = Path.Combine(obj, "platform");
        if (!Directory.Exists(platform))
        {
            return files;
        }

        foreach (var configuration in Directory.EnumerateDirectories(platform).Order(StringComparer.Ordinal))
        {
            foreach (var framework in Directory.EnumerateDirectories(configuration).Order(StringComparer.Ordinal))
            {
                var file = Path.Combine(framework, FileName);
                if (File.Exists(file) && !files.Contains(file, StringComparer.Ordinal))
                {
                    files.Add(file);
                }
            }
        }

        return files;
    }
}
