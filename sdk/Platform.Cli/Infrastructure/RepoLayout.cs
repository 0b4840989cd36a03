using System.Text.RegularExpressions;
using System.Xml.Linq;

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
            else if (ProjectExtensions.Contains(extension, StringComparer.OrdinalIgnoreCase))
            {
                projects = [full];
            }
            else
            {
                throw new CliException(ExitCodes.PathNotFound, $"'{path}' is neither a folder, a solution (.sln/.slnx) nor a project file.");
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
        projects = projects.Where(File.Exists).Distinct(StringComparer.Ordinal)
            .OrderBy(p => Path.GetRelativePath(root, p), StringComparer.OrdinalIgnoreCase).ToList();
        if (requireProjects && projects.Count == 0)
        {
            var where = solution is not null ? $"solution '{solution}' lists" : $"'{folder}' holds (**/*.csproj, *.fsproj, *.vbproj outside bin/obj)";
            throw new CliException(ExitCodes.NoProjects, $"No projects found: nothing that {where}. Point the command at the repo root or at a solution.");
        }

        return new RepoLayout(root, solution, projects);
    }

    /// <summary>Project files under a folder, not descending into bin/obj/.git/node_modules.</summary>
    public static IEnumerable<string> Glob(string folder)
    {
        var pending = new Stack<string>();
        pending.Push(folder);
        while (pending.Count > 0)
        {
            var current = pending.Pop();
            IEnumerable<string> entries;
            try
            {
                entries = Directory.EnumerateFileSystemEntries(current);
            }
            catch (Exception ex) when (ex is UnauthorizedAccessException or IOException)
            {
                continue;
            }

            foreach (var entry in entries)
            {
                if (Directory.Exists(entry))
                {
                    if (!SkippedFolders.Contains(Path.GetFileName(entry)))
                    {
                        pending.Push(entry);
                    }
                }
                else if (ProjectExtensions.Contains(Path.GetExtension(entry), StringComparer.OrdinalIgnoreCase))
                {
                    yield return entry;
                }
            }
        }
    }

    /// <summary>Files with the given names or extensions under the root, skipping build output.</summary>
    public IEnumerable<string> FindFiles(Func<string, bool> match)
    {
        var pending = new Stack<string>();
        pending.Push(Root);
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
                if (Directory.Exists(entry))
                {
                    if (!SkippedFolders.Contains(Path.GetFileName(entry)))
                    {
                        pending.Push(entry);
                    }
                }
                else if (match(entry))
                {
                    yield return entry;
                }
            }
        }
    }

    private static List<string> ReadSolution(string solution)
    {
        var folder = Path.GetDirectoryName(solution)!;
        var text = File.ReadAllText(solution);
        IEnumerable<string> paths;
        if (solution.EndsWith(".slnx", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                paths = XDocument.Parse(text).Descendants("Project").Select(p => (string?)p.Attribute("Path")).OfType<string>();
            }
            catch (System.Xml.XmlException ex)
            {
                throw new CliException(ExitCodes.NoProjects, $"Solution '{solution}' is not valid XML: {ex.Message}");
            }
        }
        else
        {
            paths = Regex.Matches(text, "^Project\\(\"\\{[^}]+\\}\"\\)\\s*=\\s*\"[^\"]*\",\\s*\"([^\"]+)\"", RegexOptions.Multiline)
                .Select(m => m.Groups[1].Value);
        }

        return paths
            .Where(p => ProjectExtensions.Contains(Path.GetExtension(p), StringComparer.OrdinalIgnoreCase))
            .Select(p => Path.GetFullPath(Path.Combine(folder, p.Replace('\\', Path.DirectorySeparatorChar))))
            .ToList();
    }
}
