using System.Collections;
using Microsoft.Build.Framework;

namespace Platform.Sdk.Tasks.Tests;

/// <summary>
/// A task item as MSBuild hands it over, including the DefiningProjectFullPath that the engine fills in
/// (TaskItem refuses to set reserved metadata, so tests use this instead).
/// </summary>
internal sealed class DeclaredItem(string itemSpec, string definingProject) : ITaskItem
{
    private readonly Dictionary<string, string> _metadata = new(StringComparer.OrdinalIgnoreCase);

    public string ItemSpec { get; set; } = itemSpec;

    public ICollection MetadataNames => _metadata.Keys.Append("DefiningProjectFullPath").ToList();

    public int MetadataCount => _metadata.Count + 1;

    public string GetMetadata(string metadataName) =>
        string.Equals(metadataName, "DefiningProjectFullPath", StringComparison.OrdinalIgnoreCase) ? definingProject
        : _metadata.TryGetValue(metadataName, out var value) ? value
        : string.Empty;

    public void SetMetadata(string metadataName, string metadataValue) => _metadata[metadataName] = metadataValue;

    public void RemoveMetadata(string metadataName) => _metadata.Remove(metadataName);

    public void CopyMetadataTo(ITaskItem destinationItem)
    {
        foreach (var (name, value) in _metadata)
        {
            destinationItem.SetMetadata(name, value);
        }
    }

    public IDictionary CloneCustomMetadata() => new Dictionary<string, string>(_metadata);
}
