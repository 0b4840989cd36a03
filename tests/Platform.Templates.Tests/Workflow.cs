using YamlDotNet.RepresentationModel;

namespace Platform.Templates.Tests;

/// <summary>The platform-repo template's .github/workflows/ci.yml, parsed: its environment and its steps.</summary>
public sealed class Workflow
{
    private Workflow(YamlMappingNode job, IReadOnlyList<WorkflowStep> steps)
    {
        Job = job;
        Steps = steps;
    }

    public YamlMappingNode Job { get; }

    public IReadOnlyList<WorkflowStep> Steps { get; }

    /// <summary>The `dotnet …` commands of the run steps, in order: what CI runs and what the build tests run.</summary>
    public IReadOnlyList<string> DotNetCommands =>
        Steps.Select(s => s.Run).OfType<string>().Select(r => r.Trim()).Where(r => r.StartsWith("dotnet ", StringComparison.Ordinal)).ToList();

    public string? Env(string name) =>
        Job.Children.TryGetValue(new YamlScalarNode("env"), out var env) && ((YamlMappingNode)env).Children.TryGetValue(new YamlScalarNode(name), out var value)
            ? ((YamlScalarNode)value).Value
            : null;

    /// <summary>Parses the file; throws on invalid YAML. <paramref name="jobName"/>: the job to read (the build job by default).</summary>
    public static Workflow Load(string path, string jobName = "build")
    {
        var stream = new YamlStream();
        using (var reader = new StreamReader(path))
        {
            stream.Load(reader);
        }

        var root = (YamlMappingNode)stream.Documents.Single().RootNode;
        var jobs = (YamlMappingNode)root.Children[new YamlScalarNode("jobs")];
        var job = (YamlMappingNode)jobs.Children[new YamlScalarNode(jobName)];
        var steps = ((YamlSequenceNode)job.Children[new YamlScalarNode("steps")]).Children
            .Cast<YamlMappingNode>()
            .Select(step => new WorkflowStep(Scalar(step, "name"), Scalar(step, "uses"), Scalar(step, "run"), Scalar(step, "if"), With(step)))
            .ToList();
        return new Workflow(job, steps);
    }

    private static string? Scalar(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? ((YamlScalarNode)value).Value : null;

    private static IReadOnlyDictionary<string, string> With(YamlMappingNode step) =>
        step.Children.TryGetValue(new YamlScalarNode("with"), out var with)
            ? ((YamlMappingNode)with).Children.ToDictionary(p => ((YamlScalarNode)p.Key).Value!, p => ((YamlScalarNode)p.Value).Value ?? string.Empty)
            : new Dictionary<string, string>();
}

public sealed record WorkflowStep(string? Name, string? Uses, string? Run, string? If, IReadOnlyDictionary<string, string> With);
