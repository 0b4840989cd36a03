using System.Text.RegularExpressions;
using System.Text.Json.Nodes;
using YamlDotNet.RepresentationModel;

namespace Platform.Templates.Tests;

/// <summary>
/// The platform-repo workflow's supply-chain part (docs/supply-chain.md): least-privilege permissions, every action pinned
/// by commit SHA, and on main a publish job that pushes the images, packs, attests both and uploads the SBOMs, in that
/// order. It cannot run here, so its structure is what is tested; <see cref="SarifCollection"/> runs its SARIF step for real.
/// </summary>
public sealed partial class SupplyChainWorkflowTests
{
    [Fact]
    public async Task The_publish_job_attests_images_and_packages_with_least_privilege_and_pinned_actions()
    {
        var templates = await TemplateHive.GetAsync();
        var output = TemplateHive.NewDirectory("supply-chain-workflow");
        var result = await templates.NewAsync(output, "platform-repo", "-n", "Workflow.Repo", "-o", output);
        Assert.True(result.Succeeded, result.ToString());
        var path = Path.Combine(output, ".github", "workflows", "ci.yml");
        var root = LoadRoot(path);

        // Read-only by default; each job asks for exactly what its steps need.
        Assert.Equal(new Dictionary<string, string> { ["contents"] = "read" }, Permissions(root));
        var jobs = (YamlMappingNode)root.Children[new YamlScalarNode("jobs")];
        Assert.Equal(new Dictionary<string, string> { ["contents"] = "read", ["security-events"] = "write" }, Permissions(Job(jobs, "build")));
        var publishJob = Job(jobs, "publish");
        Assert.Equal(
            new Dictionary<string, string> { ["contents"] = "read", ["packages"] = "write", ["id-token"] = "write", ["attestations"] = "write" },
            Permissions(publishJob));
        Assert.Equal("build", ((YamlScalarNode)publishJob.Children[new YamlScalarNode("needs")]).Value);
        Assert.Contains("refs/heads/main", ((YamlScalarNode)publishJob.Children[new YamlScalarNode("if")]).Value, StringComparison.Ordinal);

        // Every action, in every job, is pinned to a full commit SHA.
        var uses = Regex.Matches(File.ReadAllText(path), @"uses:\s*(?<action>\S+)").Select(m => m.Groups["action"].Value).ToList();
        Assert.NotEmpty(uses);
        Assert.All(uses, action => Assert.Matches(PinnedAction(), action));

        // Publish, pack, collect, attest the images, attest the packages, upload: in this order.
        var publish = Workflow.Load(path, "publish");
        var order = new[]
        {
            Index(publish, s => s.Run?.Contains("dotnet publish", StringComparison.Ordinal) == true && s.Run.Contains("-t:PublishContainer", StringComparison.Ordinal)),
            Index(publish, s => s.Run?.Contains("dotnet pack", StringComparison.Ordinal) == true),
            Index(publish, s => s.Run?.Contains("sbom.cdx.json", StringComparison.Ordinal) == true && s.Run.Contains("container.sha256", StringComparison.Ordinal)),
            Index(publish, s => IsAttest(s) && s.With.GetValueOrDefault("subject-checksums") == "artifacts/images.sha256"),
            Index(publish, s => IsAttest(s) && s.With.GetValueOrDefault("subject-path") == "artifacts/packages/*.nupkg"),
            Index(publish, s => s.Uses?.StartsWith("actions/upload-artifact@", StringComparison.Ordinal) == true && s.With["path"].Contains("artifacts/sbom", StringComparison.Ordinal)),
        };
        Assert.DoesNotContain(-1, order);
        Assert.Equal(order.Order(), order);
        Assert.Equal(0, Index(publish, s => s.Uses?.StartsWith("actions/checkout@", StringComparison.Ordinal) == true));
        Assert.Equal("true", publish.Env("CI"));

        // The SARIF upload takes each run's own category: one category for many runs of one tool is rejected.
        var upload = Assert.Single(Workflow.Load(path).Steps, s => s.Uses?.StartsWith("github/codeql-action/upload-sarif@", StringComparison.Ordinal) == true);
        Assert.False(upload.With.ContainsKey("category"), "a single category for every project's runs is rejected by code scanning");
    }

    private static int Index(Workflow workflow, Func<WorkflowStep, bool> predicate) =>
        workflow.Steps.Select((step, index) => (step, index)).FirstOrDefault(x => predicate(x.step), (null!, -1)).index;

    private static bool IsAttest(WorkflowStep step) => step.Uses?.StartsWith("actions/attest-build-provenance@", StringComparison.Ordinal) == true;

    private static YamlMappingNode LoadRoot(string path)
    {
        var stream = new YamlStream();
        using var reader = new StreamReader(path);
        stream.Load(reader);
        return (YamlMappingNode)stream.Documents.Single().RootNode;
    }

    private static YamlMappingNode Job(YamlMappingNode jobs, string name) => (YamlMappingNode)jobs.Children[new YamlScalarNode(name)];

    private static Dictionary<string, string> Permissions(YamlMappingNode node) =>
        ((YamlMappingNode)node.Children[new YamlScalarNode("permissions")]).Children
            .ToDictionary(p => ((YamlScalarNode)p.Key).Value!, p => ((YamlScalarNode)p.Value).Value!);

    [GeneratedRegex("^[A-Za-z0-9_.-]+/[A-Za-z0-9_./-]+@[0-9a-f]{40}$")]
    private static partial Regex PinnedAction();
}

/// <summary>Runs the workflow's "Collect SARIF" step on a built repo and checks what code scanning would receive.</summary>
internal static class SarifCollection
{
    public static async Task AssertEachRunHasItsOwnCategoryAsync(string repoRoot, Workflow workflow)
    {
        var step = Assert.Single(workflow.Steps, s => s.Name == "Collect SARIF");
        var result = await ProcessRunner.RunAsync("bash", ["-euo", "pipefail", "-c", step.Run!], repoRoot);
        Assert.True(result.Succeeded, result.ToString());

        var sources = Directory.EnumerateFiles(repoRoot, "*.sarif", SearchOption.AllDirectories).Where(f => f.Contains("/obj/platform/", StringComparison.Ordinal)).ToList();
        var collected = Directory.EnumerateFiles(Path.Combine(repoRoot, "sarif"), "*.sarif").ToList();
        Assert.True(sources.Count > 1, "the repo should have several projects' SARIF files");
        Assert.Equal(sources.Count, collected.Count);

        var categories = new List<(string Tool, string Category)>();
        foreach (var file in collected)
        {
            var sarif = JsonNode.Parse(File.ReadAllText(file))!;
            Assert.Equal("2.1.0", sarif["version"]!.GetValue<string>());
            foreach (var run in sarif["runs"]!.AsArray())
            {
                Assert.NotNull(run!["tool"]!["driver"]!["name"]);
                Assert.NotNull(run["results"]);
                var category = run["automationDetails"]!["id"]!.GetValue<string>();
                // The category names the project folder (src/ for services and libraries, tests/ for test projects).
                Assert.Matches("^platform-build/(src|tests)/[^/]+/", category);
                categories.Add((run["tool"]!["driver"]!["name"]!.GetValue<string>(), category));
            }
        }

        // Code scanning rejects two runs of the same tool under one category.
        Assert.Equal(categories.Count, categories.Distinct().Count());
    }
}
