using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Platform.Sdk.Tests.Editor;

/// <summary>
/// A minimal LSP client over stdio (JSON-RPC 2.0 with Content-Length framing), enough to drive a language server as an
/// editor does: requests with responses, notifications, and answers to the server's own requests. Every message the
/// server sends is kept in arrival order, with the seconds since start.
/// </summary>
internal sealed class LanguageServerClient : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly ConcurrentDictionary<int, TaskCompletionSource<JsonNode?>> _pending = new();
    private readonly Func<string, JsonNode?, JsonNode?> _answerServerRequest;
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly StringBuilder _stderr = new();
    private readonly Task _reader;
    private int _nextId;

    private LanguageServerClient(Process process, Func<string, JsonNode?, JsonNode?> answerServerRequest)
    {
        _process = process;
        _answerServerRequest = answerServerRequest;
        _process.ErrorDataReceived += (_, e) => { lock (_stderr) { _stderr.AppendLine(e.Data); } };
        _process.BeginErrorReadLine();
        _reader = Task.Run(ReadLoopAsync);
    }

    /// <summary>Notifications from the server, in arrival order: (seconds since start, method, params).</summary>
    public ConcurrentQueue<(double Seconds, string Method, JsonNode? Params)> Notifications { get; } = new();

    public double Seconds => _clock.Elapsed.TotalSeconds;

    public string StandardError { get { lock (_stderr) { return _stderr.ToString(); } } }

    public static LanguageServerClient Start(string executable, string workingDirectory, IReadOnlyDictionary<string, string?> environment, Func<string, JsonNode?, JsonNode?> answerServerRequest)
    {
        var start = new ProcessStartInfo(executable)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (name, value) in environment)
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        return new LanguageServerClient(Process.Start(start) ?? throw new InvalidOperationException("could not start " + executable), answerServerRequest);
    }

    public async Task<JsonNode?> RequestAsync(string method, JsonNode? parameters, TimeSpan timeout)
    {
        var id = Interlocked.Increment(ref _nextId);
        var response = new TaskCompletionSource<JsonNode?>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = response;
        await WriteAsync(new JsonObject { ["jsonrpc"] = "2.0", ["id"] = id, ["method"] = method, ["params"] = parameters });
        return await response.Task.WaitAsync(timeout);
    }

    public Task NotifyAsync(string method, JsonNode? parameters) =>
        WriteAsync(new JsonObject { ["jsonrpc"] = "2.0", ["method"] = method, ["params"] = parameters });

    /// <summary>Waits for the first notification that matches, however early it arrived.</summary>
    public async Task<(double Seconds, JsonNode? Params)> WaitForAsync(string method, Func<JsonNode?, bool> match, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            foreach (var (seconds, name, parameters) in Notifications)
            {
                if (name == method && match(parameters))
                {
                    return (seconds, parameters);
                }
            }

            if (_reader.IsCompleted)
            {
                throw new InvalidOperationException("The language server exited.\n" + StandardError);
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"No {method} matched within {timeout.TotalSeconds:0} s.\n{StandardError}");
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                await RequestAsync("shutdown", null, TimeSpan.FromSeconds(10));
                await NotifyAsync("exit", null);
                await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
            }
        }
        catch (Exception e) when (e is TimeoutException or IOException or InvalidOperationException)
        {
            // Stopped by PID below.
        }
        finally
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            _process.Dispose();
        }
    }

    private async Task WriteAsync(JsonNode message)
    {
        var body = Encoding.UTF8.GetBytes(message.ToJsonString());
        var header = Encoding.ASCII.GetBytes($"Content-Length: {body.Length}\r\n\r\n");
        await _writeGate.WaitAsync();
        try
        {
            var stdin = _process.StandardInput.BaseStream;
            await stdin.WriteAsync(header);
            await stdin.WriteAsync(body);
            await stdin.FlushAsync();
        }
        finally
        {
            _writeGate.Release();
        }
    }

    private async Task ReadLoopAsync()
    {
        var stdout = _process.StandardOutput.BaseStream;
        while (await ReadMessageAsync(stdout) is { } message)
        {
            var method = message["method"]?.GetValue<string>();
            var id = message["id"];
            if (method is null && id is not null && _pending.TryRemove(id.GetValue<int>(), out var waiting))
            {
                waiting.TrySetResult(message["result"]);
            }
            else if (method is not null && id is not null)
            {
                // The server asks (workspace/configuration, window/workDoneProgress/create, client/registerCapability …).
                await WriteAsync(new JsonObject { ["jsonrpc"] = "2.0", ["id"] = id.DeepClone(), ["result"] = _answerServerRequest(method, message["params"]) });
            }
            else if (method is not null)
            {
                Notifications.Enqueue((Seconds, method, message["params"]?.DeepClone()));
            }
        }
    }

    private static async Task<JsonNode?> ReadMessageAsync(Stream stream)
    {
        var header = new StringBuilder();
        var length = -1;
        while (true)
        {
            var line = await ReadLineAsync(stream);
            if (line is null)
            {
                return null;
            }

            if (line.Length == 0)
            {
                break;
            }

            if (line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
            {
                length = int.Parse(line["Content-Length:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        var body = new byte[length];
        await stream.ReadExactlyAsync(body);
        return JsonNode.Parse(body);
    }

    private static async Task<string?> ReadLineAsync(Stream stream)
    {
        var bytes = new List<byte>();
        var one = new byte[1];
        while (await stream.ReadAsync(one) == 1)
        {
            if (one[0] == '\n')
            {
                return Encoding.ASCII.GetString(bytes.ToArray()).TrimEnd('\r');
            }

            bytes.Add(one[0]);
        }

        return null;
    }
}
