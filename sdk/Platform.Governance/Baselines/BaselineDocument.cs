using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Platform.Baselines;

/// <summary>One baselined finding: a rule, a repo-relative file, the fingerprint of its line and how many such findings.</summary>
public sealed record BaselineEntry(string Rule, string File, string Fingerprint, int Count, string? Code)
{
    public string Key => Rule + "\t" + File + "\t" + Fingerprint;
}

/// <summary>One point of a project's burn-down: the number of baselined findings on a date.</summary>
public sealed record BaselinePoint(string Date, int Count);

/// <summary>The baselined findings of one project (repo-relative path), with its burn-down history.</summary>
public sealed record BaselineProject(string Path, IReadOnlyList<BaselinePoint> BurnDown, IReadOnlyList<BaselineEntry> Findings)
{
    public int Count => Findings.Sum(f => f.Count);

    /// <summary>The count when last recorded or updated: the baseline may not hold more than this.</summary>
    public int? Allowed => BurnDown.Count == 0 ? null : BurnDown[^1].Count;

    /// <summary>More findings than when last recorded: a baseline only shrinks (PLAT0402).</summary>
    public bool HasGrown => HasGrownBeyond(Allowed);

    /// <summary>
    /// The one "baseline grew" rule: more findings than <paramref name="allowed"/> (null: no limit known). The build and
    /// `platform baseline` judge against the last burn-down point (<see cref="HasGrown"/>, PLAT0402); `platform baseline
    /// --base` against the count the project had at the base of a change (PLAT0405).
    /// </summary>
    public bool HasGrownBeyond(int? allowed) => allowed is { } limit && Count > limit;
}

/// <summary>A project whose baseline holds more findings than at the base of a change, and the entries it gained.</summary>
public sealed record BaselineGrowth(string Project, int Before, int After, IReadOnlyList<BaselineEntry> Added);

/// <summary>A problem with the baseline file, phrased as the fix.</summary>
public sealed record BaselineProblem(string Code, string Message);

/// <summary>
/// The repo's baseline, <c>.platform/baseline.json</c> (format in docs/adopt.md): an owner and a target date for the
/// whole debt, and per project the findings that existed when it was recorded. Read tolerantly into coded problems
/// (never an exception); written deterministically (sorted, two-space indent, \n) so a diff shows only real changes.
/// </summary>
public sealed record BaselineDocument(string Owner, string TargetDate, IReadOnlyList<BaselineProject> Projects)
{
    public const int SchemaVersion = 1;

    /// <summary>The file's path relative to the repo root (the folder that holds <c>.platform</c>).</summary>
    public const string RelativePath = ".platform/baseline.json";

    public int Count => Projects.Sum(p => p.Count);

    /// <summary>
    /// The projects whose baseline grew since <paramref name="base"/> (the file as committed where a change started): a
    /// project the base did not list may hold nothing. Entries swapped one for one are not growth; they are listed in
    /// <see cref="BaselineGrowth.Added"/> only when the project grew.
    /// </summary>
    public IReadOnlyList<BaselineGrowth> GrownSince(BaselineDocument @base) =>
        Projects
            .Select(project => (project, before: @base.Project(project.Path)))
            .Where(p => p.project.HasGrownBeyond(p.before?.Count ?? 0))
            .Select(p =>
            {
                var held = (p.before?.Findings ?? []).ToDictionary(f => f.Key, f => f.Count, StringComparer.Ordinal);
                var added = p.project.Findings
                    .Where(f => f.Count > held.GetValueOrDefault(f.Key))
                    .Select(f => f with { Count = f.Count - held.GetValueOrDefault(f.Key) })
                    .ToList();
                return new BaselineGrowth(p.project.Path, p.before?.Count ?? 0, p.project.Count, added);
            })
            .OrderBy(g => g.Project, StringComparer.Ordinal)
            .ToList();

    public BaselineProject? Project(string relativePath) =>
        Projects.FirstOrDefault(p => string.Equals(p.Path, relativePath, StringComparison.OrdinalIgnoreCase));

    public static bool TryParseDate(string? text, out DateOnly date) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    /// <summary>Reads the file; null with a problem when it cannot be trusted (then nothing is suppressed).</summary>
    public static BaselineDocument? Read(string path, out BaselineProblem? problem)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            problem = new BaselineProblem(BaselineCodes.Unreadable, $"The baseline '{path}' could not be read ({ex.Message}). Check the file's permissions.");
            return null;
        }

        return Parse(text, path, out problem);
    }

    public static BaselineDocument? Parse(string text, string path, out BaselineProblem? problem)
    {
        problem = null;
        if (text.Contains("\n<<<<<<< ", StringComparison.Ordinal) || text.StartsWith("<<<<<<< ", StringComparison.Ordinal))
        {
            problem = new BaselineProblem(BaselineCodes.Unreadable, $"The baseline '{path}' has unresolved merge conflict markers. Take one side of the conflict, then run `platform baseline --update` to drop what is fixed.");
            return null;
        }

        JsonNode? root;
        try
        {
            root = JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException ex)
        {
            problem = new BaselineProblem(BaselineCodes.Unreadable, $"The baseline '{path}' is not valid JSON ({ex.Message}). Restore it from version control (`git checkout -- {RelativePath}`) or record it again with `platform baseline --record`.");
            return null;
        }

        try
        {
            return FromJson(root, path, out problem);
        }
        catch (Exception ex) when (ex is InvalidOperationException or FormatException or JsonException)
        {
            problem = Invalid(path, $"a value has the wrong type ({ex.Message})");
            return null;
        }
    }

    private static BaselineDocument? FromJson(JsonNode? root, string path, out BaselineProblem? problem)
    {
        problem = null;
        if (root is not JsonObject document)
        {
            problem = Invalid(path, "the top level is not a JSON object");
            return null;
        }

        var schema = document["schemaVersion"]?.GetValue<int>();
        if (schema != SchemaVersion)
        {
            problem = Invalid(path, $"schemaVersion is {(schema?.ToString(CultureInfo.InvariantCulture) ?? "missing")}; this version of the kit reads {SchemaVersion}");
            return null;
        }

        var owner = document["owner"]?.GetValue<string>();
        var targetDate = document["targetDate"]?.GetValue<string>();
        if (string.IsNullOrWhiteSpace(owner))
        {
            problem = Invalid(path, "it has no \"owner\" (the team accountable for burning the debt down)");
            return null;
        }

        if (!TryParseDate(targetDate, out _))
        {
            problem = Invalid(path, $"\"targetDate\" is '{targetDate}', but it must be a yyyy-MM-dd date");
            return null;
        }

        var projects = new List<BaselineProject>();
        foreach (var node in document["projects"] as JsonArray ?? [])
        {
            var projectPath = node?["path"]?.GetValue<string>();
            if (string.IsNullOrWhiteSpace(projectPath))
            {
                problem = Invalid(path, "a project entry has no \"path\"");
                return null;
            }

            var points = new List<BaselinePoint>();
            foreach (var point in node!["burnDown"] as JsonArray ?? [])
            {
                var date = point?["date"]?.GetValue<string>();
                var count = point?["count"]?.GetValue<int>();
                if (!TryParseDate(date, out _) || count is null or < 0)
                {
                    problem = Invalid(path, $"a burnDown point of '{projectPath}' needs a yyyy-MM-dd \"date\" and a \"count\" of 0 or more");
                    return null;
                }

                points.Add(new BaselinePoint(date!, count.Value));
            }

            var findings = new List<BaselineEntry>();
            foreach (var finding in node["findings"] as JsonArray ?? [])
            {
                var rule = finding?["rule"]?.GetValue<string>();
                var file = finding?["file"]?.GetValue<string>();
                var fingerprint = finding?["fingerprint"]?.GetValue<string>();
                var count = finding?["count"]?.GetValue<int>() ?? 1;
                if (string.IsNullOrWhiteSpace(rule) || string.IsNullOrWhiteSpace(file) || string.IsNullOrWhiteSpace(fingerprint) || count < 1)
                {
                    problem = Invalid(path, $"a finding of '{projectPath}' needs \"rule\", \"file\", \"fingerprint\" and a \"count\" of 1 or more");
                    return null;
                }

                findings.Add(new BaselineEntry(rule, file.Replace('\\', '/'), fingerprint, count, finding!["code"]?.GetValue<string>()));
            }

            projects.Add(new BaselineProject(projectPath.Replace('\\', '/'), points, findings));
        }

        return new BaselineDocument(owner, targetDate!, projects);
    }

    private static BaselineProblem Invalid(string path, string what) =>
        new(BaselineCodes.Invalid, $"The baseline '{path}' is not valid: {what}. Fix it by hand, or restore it from version control and run `platform baseline --update`.");

    private static readonly JsonSerializerOptions WriteOptions = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Deterministic JSON: projects by path, findings by file, rule, fingerprint; \n line endings.</summary>
    public string ToJsonText()
    {
        var json = new JsonObject
        {
            ["schemaVersion"] = SchemaVersion,
            ["owner"] = Owner,
            ["targetDate"] = TargetDate,
            ["projects"] = new JsonArray(Projects.OrderBy(p => p.Path, StringComparer.Ordinal).Select(p => (JsonNode?)new JsonObject
            {
                ["path"] = p.Path,
                ["count"] = p.Count,
                ["burnDown"] = new JsonArray(p.BurnDown.Select(b => (JsonNode?)new JsonObject { ["date"] = b.Date, ["count"] = b.Count }).ToArray()),
                ["findings"] = new JsonArray(p.Findings
                    .OrderBy(f => f.File, StringComparer.Ordinal).ThenBy(f => f.Rule, StringComparer.Ordinal).ThenBy(f => f.Fingerprint, StringComparer.Ordinal)
                    .Select(f => (JsonNode?)new JsonObject
                    {
                        ["rule"] = f.Rule,
                        ["file"] = f.File,
                        ["fingerprint"] = f.Fingerprint,
                        ["count"] = f.Count,
                        ["code"] = f.Code,
                    }).ToArray()),
            }).ToArray()),
        };
        return json.ToJsonString(WriteOptions).ReplaceLineEndings("\n") + "\n";
    }
}
