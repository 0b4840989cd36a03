using System.Diagnostics;
using System.Text;

namespace Platform.Testing.Containers;

/// <summary>Result of a finished child process.</summary>
public sealed record ProcessResult(string FileName, IReadOnlyList<string> Arguments, int ExitCode, string StandardOutput, string StandardError, TimeSpan Elapsed)
{
    public string CommandLine => FileName + " " + string.Join(' ', Arguments.Select(Quote));

    public ProcessResult EnsureSuccess()
    {
        if (ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"'{CommandLine}' exited with {ExitCode} after {Elapsed.TotalSeconds:F1}s.\nstdout:\n{Tail(StandardOutput)}\nstderr:\n{Tail(StandardError)}");
        }

        return this;
    }

    private static string Tail(string s) => s.Length <= 4000 ? s : "…" + s[^4000..];

    private static string Quote(string a) => a.Length > 0 && a.All(c => !char.IsWhiteSpace(c) && c != '\'' && c != '"') ? a : "'" + a.Replace("'", "'\\''") + "'";
}

/// <summary>Runs tools (umoci, skopeo, podman) with an argument list (no shell), captures output, enforces a timeout.</summary>
public static class ProcessRunner
{
    public static async Task<ProcessResult> RunAsync(
        string fileName,
        IEnumerable<string> arguments,
        TimeSpan? timeout = null,
        string? workingDirectory = null,
        IReadOnlyDictionary<string, string?>? environment = null,
        CancellationToken cancellationToken = default)
    {
        var args = arguments.ToList();
        var psi = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        if (environment is not null)
        {
            foreach (var (k, v) in environment)
            {
                if (v is null)
                {
                    psi.Environment.Remove(k);
                }
                else
                {
                    psi.Environment[k] = v;
                }
            }
        }

        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        var sw = Stopwatch.StartNew();
        using var process = new Process { StartInfo = psi };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (stdout) { stdout.AppendLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (stderr) { stderr.AppendLine(e.Data); } } };
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(timeout ?? TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(cts.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            throw new TimeoutException($"'{fileName} {string.Join(' ', args)}' did not finish within {timeout ?? TimeSpan.FromMinutes(2)}.\nstdout:\n{stdout}\nstderr:\n{stderr}");
        }

        // Make sure the async readers have drained.
        process.WaitForExit();
        string o, e;
        lock (stdout) { o = stdout.ToString(); }
        lock (stderr) { e = stderr.ToString(); }
        return new ProcessResult(fileName, args, process.ExitCode, o, e, sw.Elapsed);
    }
}
