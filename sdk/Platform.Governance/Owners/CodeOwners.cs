using System.Text;
using System.Text.RegularExpressions;

namespace Platform.Governance;

/// <summary>
/// A GitHub CODEOWNERS file: rules of a gitignore-style pattern and owners; the last rule that matches a path wins
/// (GitHub's semantics). A rule without owners leaves the path unowned. Lines that do not parse are skipped, as GitHub does.
/// </summary>
public sealed class CodeOwners
{
    /// <summary>Where GitHub looks for the file, in its order of precedence, relative to the repo root.</summary>
    public static readonly IReadOnlyList<string> Locations = [".github/CODEOWNERS", "CODEOWNERS", "docs/CODEOWNERS"];

    private readonly IReadOnlyList<(Regex Pattern, IReadOnlyList<string> Owners)> _rules;

    private CodeOwners(string root, IReadOnlyList<(Regex, IReadOnlyList<string>)> rules)
    {
        Root = root;
        _rules = rules;
    }

    /// <summary>The repo root the patterns are relative to: the file's folder, or its parent for .github/ and docs/.</summary>
    public string Root { get; }

    /// <summary>Reads the file; null when it cannot be read (the caller then has no CODEOWNERS owner).</summary>
    public static CodeOwners? Load(string file)
    {
        string text;
        try
        {
            text = File.ReadAllText(file);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return null;
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(file))!;
        var name = Path.GetFileName(folder);
        var root = name is ".github" or "docs" ? Path.GetDirectoryName(folder)! : folder;
        return Parse(text, root);
    }

    public static CodeOwners Parse(string text, string root)
    {
        var rules = new List<(Regex, IReadOnlyList<string>)>();
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            var hash = line.IndexOf(" #", StringComparison.Ordinal);
            if (hash >= 0)
            {
                line = line[..hash].TrimEnd();
            }

            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var parts = line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (parts[0].StartsWith('!') || parts[0].Contains("[", StringComparison.Ordinal))
            {
                continue; // Negation and character ranges are not supported by GitHub either.
            }

            rules.Add((ToRegex(parts[0]), parts.Skip(1).ToList()));
        }

        return new CodeOwners(root, rules);
    }

    /// <summary>The owners of a path relative to <see cref="Root"/> (forward slashes); empty when no rule owns it.</summary>
    public IReadOnlyList<string> OwnersOf(string relativePath)
    {
        var path = relativePath.Replace('\\', '/').TrimStart('/');
        for (var i = _rules.Count - 1; i >= 0; i--)
        {
            if (_rules[i].Pattern.IsMatch(path))
            {
                return _rules[i].Owners;
            }
        }

        return [];
    }

    /// <summary>gitignore-style: a pattern with a slash before its end is anchored at the root, otherwise it matches at
    /// any depth; a match on a folder covers everything below it.</summary>
    private static Regex ToRegex(string pattern)
    {
        var anchored = pattern.TrimEnd('/').Contains('/', StringComparison.Ordinal);
        var body = pattern.Trim('/');
        var regex = new StringBuilder(anchored ? "\\A" : "\\A(?:.*/)?");
        for (var i = 0; i < body.Length; i++)
        {
            var c = body[i];
            if (c == '*' && i + 1 < body.Length && body[i + 1] == '*')
            {
                var slashAfter = i + 2 < body.Length && body[i + 2] == '/';
                regex.Append(slashAfter ? "(?:.*/)?" : ".*");
                i += slashAfter ? 2 : 1;
            }
            else
            {
                regex.Append(c switch
                {
                    '*' => "[^/]*",
                    '?' => "[^/]",
                    _ => Regex.Escape(c.ToString()),
                });
            }
        }

        regex.Append(pattern.EndsWith('/') ? "/" : "(?:/|\\z)");
        return new Regex(regex.ToString(), RegexOptions.CultureInvariant);
    }
}
