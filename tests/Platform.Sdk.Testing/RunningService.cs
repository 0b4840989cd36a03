using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Platform.Sdk.Testing;

/// <summary>
/// A built service started as its own process (`dotnet App.dll`), listening on 127.0.0.1 on a free port.
/// Disposing stops it by PID.
/// </summary>
public sealed class RunningService : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private RunningService(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public Uri BaseAddress { get; }

    public int ProcessId => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>Everything the service wrote to stdout and stderr so far.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts <paramref name="assemblyPath"/> with the given environment; waits until <paramref name="readyPath"/> answers (when given).</summary>
    public static async Task<RunningService> StartAsync(string assemblyPath, IReadOnlyDictionary<string, string> environment, string? readyPath = null)
    {
        var port = FreeLoopbackPort();
        var baseAddress = new Uri($"http://127.0.0.1:{port}");
        var startInfo = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(assemblyPath)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        startInfo.ArgumentList.Add(assemblyPath);
        foreach (var name in new[] { "ASPNETCORE_URLS", "ASPNETCORE_HTTP_PORTS", "DOTNET_URLS", "ASPNETCORE_ENVIRONMENT", "DOTNET_ENVIRONMENT" })
        {
            startInfo.Environment.Remove(name);
        }

        startInfo.Environment["ASPNETCORE_URLS"] = baseAddress.ToString();
        foreach (var (name, value) in environment)
        {
            startInfo.Environment[name] = value;
        }

        var service = new RunningService(Process.Start(startInfo)!, baseAddress);
        if (readyPath is not null)
        {
            await service.WaitUntilAnsweringAsync(readyPath, TimeSpan.FromSeconds(60));
        }

        return service;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private async Task WaitUntilAnsweringAsync(string path, TimeSpan timeout)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The service exited with {_process.ExitCode} before answering {path}.\n{Output}");
            }

            try
            {
                using var response = await http.GetAsync(path);
                return;
            }
            catch (HttpRequestException)
            {
                await Task.Delay(200);
            }
        }

        throw new TimeoutException($"The service did not answer {path} within {timeout}.\n{Output}");
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
