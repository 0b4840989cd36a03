namespace Platform.Templates.Tests;

/// <summary>
/// Generated code builds with no warning in CI mode and its tests pass, on the freshly packed kit. Two builds cover the
/// combinations: all defaults, and every option that changes code. The commands are the repo workflow's own.
/// </summary>
public sealed class BuildTests
{
    [Fact]
    public async Task A_default_repo_with_an_api_a_worker_and_a_library_builds_clean_in_CI_and_its_tests_pass()
    {
        var repo = await GeneratedRepo.CreateAsync("Contoso.Orders");
        await repo.AddAsync("platform-api", "Orders.Api");
        await repo.AddAsync("platform-worker", "Orders.Worker");
        await repo.AddAsync("platform-lib", "Orders.Domain");

        var results = await repo.BuildLikeCiAsync(Workflow.Load(Path.Combine(repo.Root, ".github", "workflows", "ci.yml")).DotNetCommands);

        AssertClean(results);
        var test = results[^1].Output;
        Assert.Contains("Orders.Api.Tests.dll", test, StringComparison.Ordinal);
        Assert.Contains("Orders.Worker.Tests.dll", test, StringComparison.Ordinal);
        Assert.Contains("Orders.Domain.Tests.dll", test, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(repo.Root, "src", "Orders.Api", "packages.lock.json")), "The local restore writes the lock file CI restores against.");
        Assert.NotEmpty(Directory.EnumerateFiles(Path.Combine(repo.Root, "src", "Orders.Api", "obj", "platform"), "*.sarif", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task The_options_that_change_code_build_clean_in_CI_and_their_tests_pass()
    {
        var repo = await GeneratedRepo.CreateAsync("Acme.Variants", "--container", "false", "--namespace", "acme");
        await repo.AddAsync("platform-api", "Variants.Api", "--no-openapi", "--container", "false");
        await repo.AddAsync("platform-worker", "Variants.Worker", "--container", "false", "--no-tests");
        // No test project: the net8.0 runtime is not on the machine that runs the tests; building it proves the code.
        await repo.AddAsync("platform-lib", "Variants.Legacy", "--framework", "net8.0", "--no-tests");

        var results = await repo.BuildLikeCiAsync(Workflow.Load(Path.Combine(repo.Root, ".github", "workflows", "ci.yml")).DotNetCommands);

        AssertClean(results);
        Assert.Contains("Variants.Api.Tests.dll", results[^1].Output, StringComparison.Ordinal);
    }

    private static void AssertClean(IReadOnlyList<BuildResult> results)
    {
        Assert.Equal(4, results.Count);
        foreach (var result in results)
        {
            Assert.True(result.Succeeded, result.ToString());
            Assert.DoesNotContain("Restore failed.", result.Output, StringComparison.Ordinal);
            Assert.Empty(result.WarningCodes);
            Assert.DoesNotContain(" warning ", result.Output, StringComparison.Ordinal);
        }

        Assert.Contains("Passed!", results[^1].Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Failed!", results[^1].Output, StringComparison.Ordinal);
    }
}
