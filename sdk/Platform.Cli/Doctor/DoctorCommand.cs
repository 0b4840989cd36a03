using System.CommandLine;
using Platform.Cli.Infrastructure;

namespace Platform.Cli.Doctor;

/// <summary><c>platform doctor</c>: run <see cref="SetupChecks"/> and print each check with its fix.</summary>
public static class DoctorCommand
{
    public static Command Create(TextWriter output, Argument<string> path, Option<string?> feed)
    {
        var build = new Option<bool>("--build") { Description = "Also build one project and look for analyzer load errors (CS9057, CS8032, AD0001)" };
        var command = new Command("doctor", "Check the repo's setup: global.json, SDK pin, feed, SDK resolution, analyzers.") { path, feed, build };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var layout = RepoLayout.Discover(parse.GetValue(path), requireProjects: false);
            MSBuildHost.EnsureRegistered(layout.Root);
            var checks = await SetupChecks.RunAsync(layout, parse.GetValue(feed), parse.GetValue(build), cancellationToken);
            foreach (var check in checks)
            {
                await output.WriteLineAsync($"[{check.Status}] {check.Name}: {check.Message}");
                if (check.Fix is not null)
                {
                    await output.WriteLineAsync($"       fix: {check.Fix}");
                }
            }

            var failed = checks.Count(c => c.Status == SetupChecks.Fail);
            await output.WriteLineAsync(failed == 0 ? "Doctor: the setup is fine." : $"Doctor: {failed} check(s) failed.");
            return failed == 0 ? ExitCodes.Success : ExitCodes.CheckFailed;
        });
        return command;
    }
}
