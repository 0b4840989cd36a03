using Microsoft.VisualStudio.SolutionPersistence;
using Microsoft.VisualStudio.SolutionPersistence.Model;
using Microsoft.VisualStudio.SolutionPersistence.Serializer;

namespace Platform.Cli.Infrastructure;

/// <summary>Where a repo starts and which projects it has: from a .sln/.slnx, else every **/*.*proj outside bin/obj.</summary>
public sealed class RepoLayout
{
    private static readonly HashSet<string> SkippedFolders = new(StringComparer.OrdinalIgnoreCase) { "bin", "obj", ".git", "node_modules", ".vs", "artifacts" };
    private static readonly string[] ProjectExtensions = [".csproj", ".fsproj", ".vbproj"];

    private RepoLayout(string root, string? solution, IReadOnlyList<string> projects)
    {
        Root = root;
        Solution = solution;
        Projects = projects;
    }

    /// <summary>The folder the command works on: the folder given, or the folder of the solution/project given.</summary>
    public string Root { get; }

    /// <summary>The solution the projects came from, or null when they were found by glob.</summary>
    public string? Solution { get; }

    /// <summary>Full paths of the project files, sorted by their path relative to <see cref="Root"/>.</summary>
    public IReadOnlyList<string> Projects { get; }

    /// <summary>What a repo-wide dotnet command runs on: the solution when there is one, else every project.</summary>
    public IReadOnlyList<string> BuildTargets => Solution is not null ? [Solution] : Projects;

    public string Relative(string path) => Path.GetRelativePath(Root, path).Replace('\\', '/');

    /// <summary>Resolves the path (folder, .sln/.slnx or project file); throws <see cref="CliException"/> with exit 3/4.</summary>
    public static RepoLayout Discover(string? path, bool requireProjects = true)
    {
        var full = Path.GetFullPath(string.IsNullOrWhiteSpace(path) ? "." : path);
        string folder;
        string? solution = null;
        List<string> projects;
        if (File.Exists(full))
        {
            folder = Path.GetDirectoryName(full)!;
            var extension = Path.GetExtension(full);
            if (extension.Equals(".sln", StringComparison.OrdinalIgnoreCase) || extension.Equals(".slnx", StringComparison.OrdinalIgnoreCase))
            {
                solution = full;
                projects = ReadSolution(full);
            }
            else if (extension.Equals(".slnf", StringComparison.OrdinalIgnoreCase))
            {
                // A solution filter: the .NET CLI builds it like a solution; its projects are a subset of the solution's.
                solution = full;
                projects = ReadSolutionFilter(full);
            }
            else if (ProjectExtensions.Contains(extension, StringComparer.OrdinalIgnoreCase))
            {
                projects = [full];
            }
            else
            {
                throw new CliException(ExitCodes.PathNotFound, $"'{path}' is neither a folder, a solution (.sln/.slnx/.slnf) nor a project file.");
            }
        }
        else if (Directory.Exists(full))
        {
            folder = full;
            var solutions = Directory.EnumerateFiles(full, "*.sln").Concat(Directory.EnumerateFiles(full, "*.slnx")).ToList();
            if (solutions.Count == 1)
            {
                solution = solutions[0];
                projects = ReadSolution(solutions[0]);
            }
            else
            {
                projects = Glob(full).ToList();
            }
        }
        else
        {
            throw new CliException(ExitCodes.PathNotFound, $"Path '{path}' does not exist. Pass a repo folder, a .sln/.slnx or a project file.");
        }

        var root = folder;
        projects = projects.Where(p => RepoLinks.Resolve(p).Exists).Distinct(StringComparer.Ordinal)
            .OrderBy(p => Path.GetRelativePath(root, p), StringComparer.OrdinalIgnoreCase).ToList();
        if (requireProjects && projects.Count == 0)
        {
            var where = solution is not null ? $"solution '{solution}' lists" : $"'{folder}' holds (**/*.csproj, *.fsproj, *.vbproj outside bin/obj)";
            throw new CliException(ExitCodes.NoProjects, $"No projects found: nothing that {where}. Point the command at the repo root or at a solution.");
        }

        return new RepoLayout(root, solution, projects);
    }

    /// <summary>
    /// Only the folder a command works on (the folder given, or the folder of the file given), without reading a solution
    /// or globbing projects: for commands that never build (sync), so a solution entry they would not use cannot stop them.
    /// </summary>
    public static RepoLayout FolderOf(string? path)
    {
        var full = Path.GetFullPath(string.IsNullOrWhiteSpace(path) ? "." : path);
        if (File.Exists(full))
        {
            return new RepoLayout(Path.GetDirectoryName(full)!, null, []);
        }

        return Directory.Exists(full)
            ? new RepoLayout(full, null, [])
            : throw new CliException(ExitCodes.PathNotFound, $"Path '{path}' does not exist. Pass a repo folder, a .sln/.slnx or a project file.");
    }

    /// <summary>Project files under a folder (see <see cref="Walk"/>).</summary>
    public static IEnumerable<string> Glob(string folder) =>
        Walk(folder).Where(f => ProjectExtensions.Contains(Path.GetExtension(f), StringComparer.OrdinalIgnoreCase));

    /// <summary>Files under the root that match (see <see cref="Walk"/>), in ordinal order per folder.</summary>
    public IEnumerable<string> FindFiles(Func<string, bool> match) => Walk(Root).Where(match);

    /// <summary>
    /// Every file under a folder, links to files included (dangling ones too, so a command can name them), without
    /// descending into bin/obj/.git/node_modules/.vs/artifacts or into a linked folder: like git, a folder link is one
    /// entry, so a link loop or a link to elsewhere never multiplies the repo.
    /// </summary>
    private static IEnumerable<string> Walk(string folder)
    {
        var pending = new Stack<string>();
        pending.Push(folder);
        while (pending.Count > 0)
        {
            var current = pending.Pop();
            string[] entries;
            try
            {
                entries = Directory.GetFileSystemEntries(current);
            }
            catch (Exception ex) when (ex is UnauthorizedAccessException or IOException)
            {
                continue;
            }

            foreach (var entry in entries.OrderBy(e => e, StringComparer.Ordinal))
            {
                var isLink = RepoLinks.IsLink(entry);
                if (Directory.Exists(entry))
                {
                    if (!isLink && !SkippedFolders.Contains(Path.GetFileName(entry)))
                    {
                        pending.Push(entry);
                    }
                }
                else
                {
                    yield return entry;
                }
            }
        }
    }

    /// <summary>
    /// The projects a solution filter (.slnf, JSON: <c>solution.path</c> and <c>solution.projects</c>, both relative) selects,
    /// each one checked against its solution so a filter cannot name a project the solution does not have.
    /// </summary>
    private static List<string> ReadSolutionFilter(string filter)
    {
        string? solutionPath;
        List<string> selected;
        try
        {
            using var document = System.Text.Json.JsonDocument.Parse(File.ReadAllText(filter), new System.Text.Json.JsonDocumentOptions { CommentHandling = System.Text.Json.JsonCommentHandling.Skip, AllowTrailingCommas = true });
            var solution = document.RootElement.GetProperty("solution");
            solutionPath = solution.GetProperty("path").GetString();
            selected = solution.GetProperty("projects").EnumerateArray().Select(p => p.GetString()).OfType<string>().ToList();
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new CliException(ExitCodes.InvalidRepoFile, $"Solution filter '{filter}' cannot be read: {ex.Message} It needs \"solution\": {{ \"path\": …, \"projects\": [ … ] }}.");
        }

        var solutionFile = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(filter)!, (solutionPath ?? string.Empty).Replace('\\', Path.DirectorySeparatorChar)));
        if (!File.Exists(solutionFile))
        {
            throw new CliException(ExitCodes.InvalidRepoFile, $"Solution filter '{filter}' points at '{solutionPath}', which does not exist. Fix its \"path\", or point the command at the repo folder.");
        }

        var inSolution = ReadSolution(solutionFile).ToHashSet(StringComparer.Ordinal);
        var folder = Path.GetDirectoryName(solutionFile)!;
        return selected.Select(p => Path.GetFullPath(Path.Combine(folder, p.Replace('\\', Path.DirectorySeparatorChar)))).Where(inSolution.Contains).ToList();
    }

    private static List<string> ReadSolution(string solution)
    {
        SolutionModel model;
        try
        {
            var serializer = SolutionSerializers.GetSerializerByMoniker(solution)
                ?? throw new CliException(ExitCodes.InvalidRepoFile, $"'{solution}' is not a solution file (.sln or .slnx).");
            model = serializer.OpenAsync(solution, CancellationToken.None).GetAwaiter().GetResult();
        }
        catch (Exception ex) when (ex is SolutionException or System.Xml.XmlException or FormatException or InvalidOperationException)
        {
            throw new CliException(ExitCodes.InvalidRepoFile, $"Solution '{solution}' cannot be read: {ex.Message} Fix it (`dotnet sln list` shows what the .NET CLI makes of it), or point the command at the repo folder.");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CliException(ExitCodes.IoError, $"Solution '{solution}' cannot be read: {ex.Message}");
        }

        var folder = Path.GetDirectoryName(solution)!;
        var projects = model.SolutionProjects
            .Select(p => p.FilePath)
            .Where(p => ProjectExtensions.Contains(Path.GetExtension(p), StringComparer.OrdinalIgnoreCase))
            .Select(p => Path.GetFullPath(Path.Combine(folder, p.Replace('\\', Path.DirectorySeparatorChar))))
            .ToList();

        // A listed project that is gone would silently leave the audit (and pass its gate): say so instead.
        var missing = projects.Where(p => !RepoLinks.Resolve(p).Exists).Select(p => Path.GetRelativePath(folder, p).Replace('\\', '/')).ToList();
        if (missing.Count > 0)
        {
            var name = Path.GetFileName(solution);
            throw new CliException(ExitCodes.InvalidRepoFile,
                $"Solution '{name}' lists {missing.Count} project file(s) that do not exist: {string.Join(", ", missing)}. " +
                $"Restore them, or remove them from the solution (`dotnet sln {name} remove {missing[0]}`), and run again.");
        }

        return projects;
    }
}
