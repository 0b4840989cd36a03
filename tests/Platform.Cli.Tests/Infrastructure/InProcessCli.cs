using System.Text.Json;

namespace Platform.Cli.Tests.Infrastructure;

/// <summary>What a run of the CLI printed and how it ended.</summary>
public sealed record CliResult(int ExitCode, string Output, string Error)
{
    public JsonDocument Json() => JsonDocument.Parse(Output);

    /// <summary>True when the output holds a .NET stack trace: bad input must never produce one.</summary>
    public bool HasStackTrace => (Output + Error).Contains("   at ", StringComparison.Ordinal);

    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Output}\n--- stderr\n{Error}";
}

/// <summary>Runs the CLI in this process through its entry point, with captured output.</summary>
public static class InProcessCli
{
    public static async Task<CliResult> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await PlatformCli.RunAsync(args, output, error);
        return new CliResult(exitCode, output.ToString(), error.ToString());
    }
}
