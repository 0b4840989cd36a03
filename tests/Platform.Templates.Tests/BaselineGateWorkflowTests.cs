using YamlDotNet.RepresentationModel;

namespace Platform.Templates.Tests;

/// <summary>
/// The platform-repo workflow's pull-request gate (`baseline` job): with full history it installs the platform tool at
/// the kit's pinned version and fails a change that grows .platform/baseline.json. The step's script is run here as
/// GitHub would run it, against a scaffolded repo whose base branch is origin/main.
/// </summary>
public sealed class BaselineGateWorkflowTests
{
    private static string Baseline(params string[] fingerprints) => $$"""
        {
          "schemaVersion": 1,
          "owner": "team-orders",
          "targetDate": "2099-12-31",
          "projects": [
            {
              "path": "src/Orders/Orders.csproj",
              "burnDown": [ { "date": "2026-12-01", "count": {{fingerprints.Length}} } ],
              "findings": [ {{string.Join(", ", fingerprints.Select(f => $$"""{ "rule": "PLAT2001", "file": "src/Orders/Client.cs", "fingerprint": "{{f}}", "count": 1, "code": "new HttpClient()" }"""))}} ]
            }
          ]
        }
        """;

    [Fact]
    public async Task The_pull_request_gate_installs_the_pinned_tool_and_fails_a_change_that_grows_the_baseline()
    {
        var repo = await GeneratedRepo.CreateAsync("Gate.Repo");
        var workflow = Workflow.Load(Path.Combine(repo.Root, ".github", "workflows", "ci.yml"), "baseline");
        Assert.Equal("github.event_name == 'pull_request'", ((YamlScalarNode)workflow.Job.Children[new YamlScalarNode("if")]).Value);
        var checkout = Assert.Single(workflow.Steps, s => s.Uses?.StartsWith("actions/checkout@", StringComparison.Ordinal) == true);
        Assert.Equal("0", checkout.With["fetch-depth"]);
        var gate = Assert.Single(workflow.Steps, s => s.Name == "Baseline did not grow");
        Assert.Equal("hashFiles('.platform/baseline.json') != ''", gate.If);

        // main holds a one-finding baseline; the pull request's branch re-recorded it with a second finding.
        var baselineFile = Path.Combine(repo.Root, ".platform", "baseline.json");
        await File.WriteAllTextAsync(baselineFile, Baseline("0011223344556677"));
        await repo.CommitAsync();
        await Git(repo.Root, "update-ref", "refs/remotes/origin/main", "HEAD");
        await Git(repo.Root, "checkout", "-q", "-b", "grow");
        await File.WriteAllTextAsync(baselineFile, Baseline("0011223344556677", "8899aabbccddeeff"));
        await Git(repo.Root, "-c", "user.email=tests@example.com", "-c", "user.name=tests", "commit", "-q", "-am", "re-record");

        var run = await ProcessRunner.RunAsync("bash", ["-eo", "pipefail", "-c", gate.Run!], repo.Root,
            new Dictionary<string, string?> { ["BASE_REF"] = "main", ["RUNNER_TEMP"] = TemplateHive.NewDirectory("runner-temp") },
            TimeSpan.FromMinutes(5));

        Assert.False(run.Succeeded, run.ToString());
        Assert.Contains("PLAT0405: the baseline of src/Orders/Orders.csproj grew in this change: 2 finding(s), 1 at origin/main", run.Output, StringComparison.Ordinal);
    }

    private static async Task Git(string root, params string[] arguments)
    {
        var result = await ProcessRunner.RunAsync("git", arguments, root);
        Assert.True(result.Succeeded, result.ToString());
    }
}
