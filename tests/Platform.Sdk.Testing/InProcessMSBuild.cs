using System.Runtime.CompilerServices;
using Microsoft.Build.Evaluation;
using Microsoft.Build.Locator;

namespace Platform.Sdk.Testing;

/// <summary>Evaluates projects in this process through the installed .NET SDK's MSBuild (Microsoft.Build.Locator).</summary>
public static class InProcessMSBuild
{
    private static readonly object RegistrationGate = new();

    public static EvaluatedProject Evaluate(string projectPath, bool ci, IReadOnlyDictionary<string, string>? globalProperties)
    {
        EnsureRegistered();
        return EvaluateCore(projectPath, ci, globalProperties);
    }

    private static void EnsureRegistered()
    {
        lock (RegistrationGate)
        {
            if (!MSBuildLocator.IsRegistered)
            {
                MSBuildLocator.RegisterDefaults();
            }
        }
    }

    // Kept apart from EnsureRegistered: Microsoft.Build types may only load after the locator registered.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static EvaluatedProject EvaluateCore(string projectPath, bool ci, IReadOnlyDictionary<string, string>? globalProperties)
    {
        // Environment variables are MSBuild properties; global properties override them, so CI is decided here, not by the machine.
        var globals = ProcessRunner.CiVariables.ToDictionary(v => v, _ => string.Empty, StringComparer.OrdinalIgnoreCase);
        if (ci)
        {
            globals["CI"] = "true";
        }

        foreach (var (name, value) in globalProperties ?? new Dictionary<string, string>())
        {
            globals[name] = value;
        }

        using var collection = new ProjectCollection(globals);
        var project = collection.LoadProject(projectPath);
        var properties = project.AllEvaluatedProperties
            .GroupBy(p => p.Name, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.Last().EvaluatedValue, StringComparer.OrdinalIgnoreCase);
        var items = project.AllEvaluatedItems
            .GroupBy(i => i.ItemType, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(
                g => g.Key,
                g => (IReadOnlyList<EvaluatedItem>)g.Select(i => new EvaluatedItem(
                    i.EvaluatedInclude,
                    i.Metadata.ToDictionary(m => m.Name, m => m.EvaluatedValue, StringComparer.OrdinalIgnoreCase))).ToList(),
                StringComparer.OrdinalIgnoreCase);
        var imports = project.Imports.Select(i => i.ImportedProject.FullPath).ToList();
        collection.UnloadAllProjects();
        return new EvaluatedProject(properties, items, imports);
    }
}

/// <summary>A snapshot of an evaluated project.</summary>
public sealed record EvaluatedProject(
    IReadOnlyDictionary<string, string> Properties,
    IReadOnlyDictionary<string, IReadOnlyList<EvaluatedItem>> Items,
    IReadOnlyList<string> Imports)
{
    public string Property(string name) => Properties.TryGetValue(name, out var value) ? value : string.Empty;

    public IReadOnlyList<EvaluatedItem> ItemsOf(string itemType) =>
        Items.TryGetValue(itemType, out var items) ? items : [];
}

public sealed record EvaluatedItem(string Include, IReadOnlyDictionary<string, string> Metadata)
{
    public string Get(string name) => Metadata.TryGetValue(name, out var value) ? value : string.Empty;
}
