using System.Text.Json.Serialization;

namespace Platform.Governance;

/// <summary>The team that owns a project, and where that came from (compliance record schema 2, the audit, the fleet).</summary>
public sealed record ProjectOwner(string Name, OwnerSource Source);

/// <summary>Where an owner came from. The lower-case names are the record's values.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<OwnerSource>))]
public enum OwnerSource
{
    /// <summary>The project's PlatformOwner property.</summary>
    [JsonStringEnumMemberName("property")]
    Property,

    /// <summary>The first owner of the last CODEOWNERS rule that matches the project file.</summary>
    [JsonStringEnumMemberName("codeowners")]
    CodeOwners,
}

/// <summary>
/// Resolves a project's owner, the one rule for the build and the audit: PlatformOwner when set, else (unless the
/// CODEOWNERS fallback is off, i.e. no file is given) the first owner of the last CODEOWNERS rule matching the project
/// file, else none (a finding at the fleet level, PLAT0457).
/// </summary>
public static class OwnerResolver
{
    public static ProjectOwner? Resolve(string? ownerProperty, string projectFile, Func<CodeOwners?>? codeOwners)
    {
        if (!string.IsNullOrWhiteSpace(ownerProperty))
        {
            return new ProjectOwner(ownerProperty.Trim(), OwnerSource.Property);
        }

        if (codeOwners?.Invoke() is not { } file)
        {
            return null;
        }

        var relative = Path.GetRelativePath(file.Root, Path.GetFullPath(projectFile));
        if (relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative))
        {
            return null;
        }

        var owners = file.OwnersOf(relative);
        return owners.Count == 0 ? null : new ProjectOwner(owners[0], OwnerSource.CodeOwners);
    }
}
