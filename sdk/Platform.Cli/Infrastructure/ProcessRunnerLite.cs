using System.Diagnostics;
using System.Text;

namespace Platform.Cli.Infrastructure;

/// <summary>Runs a child process (dotnet build, dotnet format) and collects its output.</summary>
public static class ProcessRunnerLite
{
    /// <summary>The exit code and the output; standard error is in <see cref="Output"/> too unless it was kept apart (then in <see cref="Error"/>).</summary>
    public sealed record Result(int ExitCode, string Output, string Error = "");

    /// <param name="mergeStandardError">False where the output is data (git show): standard error then goes to <see cref="Result.Error"/>.</param>
    public static async Task<Result> RunAsync(string fileName, IEnumerable<string> arguments, string workingDirectory, TimeSpan timeout, CancellationToken cancellationToken, bool mergeStandardError = true)
    {
        var startInfo = new ProcessStartInfo(fileName) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        startInfo.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        startInfo.Environment["DOTNET_NOLOGO"] = "1";
        startInfo.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        var output = new StringBuilder();
        var errors = mergeStandardError ? output : new StringBuilder();
        using var process = new Process { StartInfo = startInfo };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.AppendLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { errors.AppendLine(e.Data); } } };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            return new Result(-1, $"Could not start {fileName}: {ex.Message}");
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(timeoutSource.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            return new Result(-1, output + $"\n{fileName} did not finish within {timeout}.");
        }

        process.WaitForExit();
        return new Result(process.ExitCode, output.ToString(), mergeStandardError ? string.Empty : errors.ToString());
    }
}
