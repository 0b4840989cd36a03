using Microsoft.Build.Framework;
using Platform.Governance;

namespace Platform.Sdk.Tasks;

/// <summary>Adapts MSBuild items to the governance model's plain records: the only place the tasks read item metadata.</summary>
internal static class TaskItems
{
    public static IReadOnlyList<DeclaredDeviation> Deviations(IEnumerable<ITaskItem>? items) =>
        (items ?? []).Select(i => new DeclaredDeviation(i.ItemSpec, i.GetMetadata("Reason"), i.GetMetadata("Owner"), i.GetMetadata("Expires"), DefinedIn(i))).ToList();

    public static IReadOnlyList<DeclaredEnforcement> Enforcements(IEnumerable<ITaskItem>? items) =>
        (items ?? []).Select(i => new DeclaredEnforcement(i.ItemSpec, i.GetMetadata("ErrorFrom"), DefinedIn(i))).ToList();

    public static IReadOnlyList<GoldenSetting> Settings(IEnumerable<ITaskItem>? items) =>
        GoldenSetting.LastDeclarationWins((items ?? []).Select(i =>
        {
            var deviation = i.GetMetadata("Deviation").Trim();
            return new GoldenSetting(
                i.ItemSpec,
                i.GetMetadata("Default"),
                i.GetMetadata("Effective"),
                deviation.Length == 0 ? null : deviation,
                string.Equals(i.GetMetadata("Enforced").Trim(), "true", StringComparison.OrdinalIgnoreCase));
        }));

    public static KnownIds KnownIds(IEnumerable<ITaskItem>? rules, IEnumerable<ITaskItem>? settings) =>
        new((rules ?? []).Select(i => i.ItemSpec), (settings ?? []).Select(i => i.ItemSpec));

    private static string? DefinedIn(ITaskItem item) =>
        item.GetMetadata("DefiningProjectFullPath") is { Length: > 0 } path ? path : null;
}
