using System.CommandLine;
using Platform.Cli.Audit;
using Platform.Cli.Infrastructure;
using Spectre.Console;

namespace Platform.Cli;

/// <summary>The `platform` command line. <see cref="RunAsync"/> is the entry point, in-process callers included (tests).</summary>
public static class PlatformCli
{
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, bool interactive = false, CancellationToken cancellationToken = default)
    {
        var root = BuildCommand(output, error, interactive);
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var parseError in parse.Errors)
            {
                await error.WriteLineAsync("platform: " + parseError.Message);
            }

            await error.WriteLineAsync("Run `platform --help` for usage.");
            return ExitCodes.Usage;
        }

        try
        {
            return await parse.InvokeAsync(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false }, cancellationToken);
        }
        catch (CliException ex)
        {
            await error.WriteLineAsync("platform: " + ex.Message);
            return ex.ExitCode;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A file or folder the command needed could not be read or written: a usage problem, not a bug.
            await error.WriteLineAsync($"platform: {ex.Message} Check that the path exists and is readable (and writable when the command writes it), then run again.");
            return ExitCodes.IoError;
        }
        catch (OperationCanceledException)
        {
            await error.WriteLineAsync("platform: cancelled.");
            return ExitCodes.Cancelled;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            await error.WriteLineAsync($"platform: internal error: {ex.GetType().Name}: {ex.Message}");
            if (Environment.GetEnvironmentVariable("PLATFORM_CLI_DEBUG") == "1")
            {
                await error.WriteLineAsync(ex.ToString());
            }
            else
            {
                await error.WriteLineAsync("Set PLATFORM_CLI_DEBUG=1 for the stack trace, and report it to the platform team.");
            }

            return ExitCodes.InternalError;
        }
    }

    private static RootCommand BuildCommand(TextWriter output, TextWriter error, bool interactive)
    {
        var root = new RootCommand("platform: audit a repo's golden-path compliance and kit drift, upgrade its Platform SDK pins, check its setup.");
        root.Subcommands.Add(Audit.AuditCommand.Create(PathArgument(), FeedOption(), output, error, interactive));
        root.Subcommands.Add(Upgrade.UpgradeCommand.Create(output, error, PathArgument(), FeedOption()));
        root.Subcommands.Add(Doctor.DoctorCommand.Create(output, PathArgument(), FeedOption()));
        root.Subcommands.Add(Baseline.BaselineCommand.Create(output, error));
        root.Subcommands.Add(Adopt.AdoptCommand.Create(output, error, PathArgument()));
        root.Subcommands.Add(Sync.SyncCommand.Create(output, PathArgument(), FeedOption()));
        root.Subcommands.Add(Fleet.FleetCommand.Create(output, error));
        return root;
    }

    internal static Argument<string> PathArgument() => new("path")
    {
        Description = "Repo folder, .sln/.slnx or project file (default: the current folder)",
        Arity = ArgumentArity.ZeroOrOne,
        DefaultValueFactory = _ => ".",
    };

    internal static Option<string?> FeedOption() => new("--feed")
    {
        Description = "Feed URL (NuGet V3/V2) or folder to compare versions with (default: the repo's NuGet.config sources for Platform.*)",
    };
}
