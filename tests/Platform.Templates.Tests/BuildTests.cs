namespace Platform.Templates.Tests;

/// <summary>
/// Generated code builds with no warning in CI mode and its tests pass, on the freshly packed kit, with the repo
/// workflow's own commands. One repo holds every template with its defaults and, beside them, the options that change
/// code (<c>--no-openapi</c>, <c>--database</c>, <c>--cache</c>, <c>--messaging</c>), so one restore/build/test covers them all. Options that only
/// change a property or a file list are checked by <see cref="InstantiationTests"/>.
/// </summary>
public sealed class BuildTests
{
    [Fact]
    public async Task A_repo_with_every_template_builds_clean_in_CI_and_its_tests_pass()
    {
        var repo = await GeneratedRepo.CreateAsync("Contoso.Orders");
        await repo.AddAsync("platform-api", "Orders.Api");
        await repo.AddAsync("platform-worker", "Orders.Worker");
        await repo.AddAsync("platform-lib", "Orders.Domain");
        // A name that is not a C# identifier: files keep it (orders-ledger/), the namespace becomes orders_ledger.
        await repo.AddAsync("platform-lib", "orders-ledger");
        await repo.AddAsync("platform-api", "Orders.Lean", "--no-openapi", "--container", "false");
        // The dependency options all together with their tests (no server is needed to build and test them), and each
        // alone without tests: their test code differs only by the connection strings the factory sets.
        await repo.AddAsync("platform-api", "Orders.Stock", "--database", "postgres", "--cache", "redis", "--messaging", "rabbitmq");
        await repo.AddAsync("platform-api", "Orders.Store", "--database", "postgres", "--no-tests");
        await repo.AddAsync("platform-api", "Orders.Views", "--cache", "redis", "--no-tests");
        await repo.AddAsync("platform-api", "Orders.Events", "--messaging", "rabbitmq", "--no-tests");
        await repo.AddAsync("platform-worker", "Orders.Shipping", "--messaging", "rabbitmq");

        var workflow = Workflow.Load(Path.Combine(repo.Root, ".github", "workflows", "ci.yml"));
        var results = await repo.BuildLikeCiAsync(workflow.DotNetCommands);

        Assert.Equal(4, results.Count);
        foreach (var result in results)
        {
            Assert.True(result.Succeeded, result.ToString());
            Assert.DoesNotContain("Restore failed.", result.Output, StringComparison.Ordinal);
            Assert.Empty(result.WarningCodes);
            Assert.DoesNotContain(" warning ", result.Output, StringComparison.Ordinal);
        }

        var test = results[^1].Output;
        Assert.DoesNotContain("Failed!", test, StringComparison.Ordinal);
        Assert.All(
            new[] { "Orders.Api.Tests.dll", "Orders.Worker.Tests.dll", "Orders.Domain.Tests.dll", "Orders.Lean.Tests.dll", "orders-ledger.Tests.dll",
                "Orders.Stock.Tests.dll", "Orders.Shipping.Tests.dll" },
            assembly => Assert.Matches(@"Passed!\s+-\s+Failed:\s+0, Passed:\s+[1-9][0-9]*.*" + assembly.Replace(".", @"\.", StringComparison.Ordinal), test));
        Assert.True(File.Exists(Path.Combine(repo.Root, "src", "Orders.Api", "packages.lock.json")), "The local restore writes the lock file CI restores against.");
        Assert.NotEmpty(Directory.EnumerateFiles(Path.Combine(repo.Root, "src", "Orders.Api", "obj", "platform"), "*.sarif", SearchOption.AllDirectories));
        await SarifCollection.AssertEachRunHasItsOwnCategoryAsync(repo.Root, workflow);
    }
}
