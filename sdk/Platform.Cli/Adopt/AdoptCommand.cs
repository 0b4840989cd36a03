using System.CommandLine;
using Platform.Cli.Infrastructure;

namespace Platform.Cli.Adopt;

/// <summary>`platform adopt [path] --feed &lt;url-or-folder&gt;`: move an existing repo onto the kit (docs/adopt.md).</summary>
internal static class AdoptCommand
{
    public static Command Create(TextWriter output, TextWriter error, Argument<string> path)
    {
        var feed = new Option<string>("--feed") { Description = "The organisation's feed that carries the kit (NuGet V3 URL or folder)", Required = true };
        var version = new Option<string?>("--version") { Description = "The kit version to pin (default: the newest in the feed)" };
        var prerelease = new Option<bool>("--prerelease") { Description = "Without --version: take the newest version even if it is a prerelease" };
        var owner = new Option<string?>("--owner") { Description = "The team that owns the baseline of today's findings" };
        var targetDate = new Option<string?>("--target-date") { Description = "yyyy-MM-dd by which the baseline should be empty (default: 180 days ahead)" };
        var dryRun = new Option<bool>("--dry-run") { Description = "Show the diff; write nothing" };
        var raisePins = new Option<bool>("--raise-pins") { Description = "Raise package versions the repo pins below what the kit needs (restore NU1109/NU1605) where they are pinned (Directory.Packages.props, the project)" };
        var skipCI = new Option<bool>("--skip-ci-build") { Description = "Do not run the CI-mode build at the end (the conversion is kept even if CI would fail)" };
        var command = new Command("adopt", "Move an existing repo onto the kit: pin it, add the feed, switch project SDKs, lock files, a baseline of today's findings, a CI-mode build.")
        {
            path, feed, version, prerelease, owner, targetDate, dryRun, skipCI, raisePins,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (parse.GetValue(targetDate) is { } date && !Platform.Baselines.BaselineDocument.TryParseDate(date, out _))
            {
                throw new CliException(ExitCodes.Usage, $"--target-date '{date}' is not a yyyy-MM-dd date.");
            }

            var options = new AdoptOptions(parse.GetValue(path)!, parse.GetValue(feed)!, parse.GetValue(version), parse.GetValue(prerelease),
                parse.GetValue(owner), parse.GetValue(targetDate), parse.GetValue(dryRun), parse.GetValue(skipCI), parse.GetValue(raisePins));
            return await AdoptRunner.RunAsync(options, output, error, cancellationToken);
        });
        return command;
    }
}
