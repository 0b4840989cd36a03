using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Platform.Cli.Tests.Fleet;

/// <summary>
/// Debian's headless Chromium driven over the DevTools protocol: open a page, collect console errors, exceptions and
/// network requests, evaluate script, take a screenshot. Started on loopback with a fresh profile, stopped by PID.
/// </summary>
public sealed partial class HeadlessChromium : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _profile;
    private readonly ClientWebSocket _socket = new();
    private readonly Dictionary<int, TaskCompletionSource<JsonObject>> _pending = [];
    private readonly List<JsonObject> _events = [];
    private readonly CancellationTokenSource _stop = new();
    private Task? _receiver;
    private int _nextId;

    private HeadlessChromium(Process process, string profile)
    {
        _process = process;
        _profile = profile;
    }

    /// <summary>Chromium's path, or null when it is not installed (the tests then skip with <see cref="SkipReason"/>).</summary>
    public static string? Executable => new[] { "/usr/bin/chromium", "/usr/bin/chromium-browser" }.FirstOrDefault(File.Exists);

    public static string? SkipReason => Executable is null ? "chromium is not installed (apt-get install -y chromium; .ci/run installs it)" : null;

    /// <summary>Console errors, uncaught exceptions and error log entries seen so far.</summary>
    public IReadOnlyList<string> Errors
    {
        get
        {
            lock (_events)
            {
                return _events.Select(ErrorText).OfType<string>().ToList();
            }
        }
    }

    /// <summary>Every URL the page requested.</summary>
    public IReadOnlyList<string> Requests
    {
        get
        {
            lock (_events)
            {
                return _events.Where(e => (string?)e["method"] == "Network.requestWillBeSent").Select(e => (string)e["params"]!["request"]!["url"]!).ToList();
            }
        }
    }

    public static async Task<HeadlessChromium> StartAsync(int width = 1400, int height = 2400)
    {
        var profile = Directory.CreateTempSubdirectory("platform-chromium-").FullName;
        var start = new ProcessStartInfo(Executable ?? throw new InvalidOperationException(SkipReason))
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", "--hide-scrollbars",
            $"--user-data-dir={profile}", "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0", $"--window-size={width},{height}", "about:blank",
        })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start)!;
        var browser = new HeadlessChromium(process, profile);
        try
        {
            var endpoint = await browser.ReadDevToolsEndpointAsync();
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
            var targets = JsonNode.Parse(await http.GetStringAsync($"http://127.0.0.1:{endpoint.Port}/json/list"))!.AsArray();
            var page = targets.First(t => (string?)t!["type"] == "page")!;
            await browser._socket.ConnectAsync(new Uri((string)page["webSocketDebuggerUrl"]!), CancellationToken.None);
            browser._receiver = Task.Run(browser.ReceiveAsync);
            foreach (var domain in new[] { "Runtime.enable", "Log.enable", "Page.enable", "Network.enable" })
            {
                await browser.SendAsync(domain);
            }

            return browser;
        }
        catch
        {
            await browser.DisposeAsync();
            throw;
        }
    }

    /// <summary>Navigates and waits until the load event and then until <paramref name="readyExpression"/> is true.</summary>
    public async Task OpenAsync(string url, string readyExpression, TimeSpan timeout)
    {
        var loaded = WaitForEventAsync("Page.loadEventFired", timeout);
        await SendAsync("Page.navigate", new JsonObject { ["url"] = url });
        await loaded;
        var deadline = DateTime.UtcNow + timeout;
        while (!await EvaluateAsync<bool>(readyExpression))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{readyExpression} was not true {timeout.TotalSeconds} s after opening {url}; errors: {string.Join(" | ", Errors)}");
            }

            await Task.Delay(100);
        }
    }

    public async Task<T> EvaluateAsync<T>(string expression)
    {
        var reply = await SendAsync("Runtime.evaluate", new JsonObject { ["expression"] = expression, ["returnByValue"] = true, ["awaitPromise"] = true });
        if (reply["result"]?["exceptionDetails"] is { } exception)
        {
            throw new InvalidOperationException($"{expression} threw: {exception.ToJsonString()}");
        }

        return reply["result"]!["result"]!["value"].Deserialize<T>()!;
    }

    public async Task ScreenshotAsync(string file)
    {
        var reply = await SendAsync("Page.captureScreenshot", new JsonObject { ["format"] = "png", ["captureBeyondViewport"] = true });
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        await File.WriteAllBytesAsync(file, Convert.FromBase64String((string)reply["result"]!["data"]!));
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromSeconds(10)).Token);
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or OperationCanceledException)
        {
        }

        _socket.Dispose();
        _process.Dispose();
        try
        {
            Directory.Delete(_profile, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private async Task<JsonObject> SendAsync(string method, JsonObject? parameters = null)
    {
        var source = new TaskCompletionSource<JsonObject>(TaskCreationOptions.RunContinuationsAsynchronously);
        int id;
        lock (_pending)
        {
            id = ++_nextId;
            _pending[id] = source;
        }

        var message = new JsonObject { ["id"] = id, ["method"] = method, ["params"] = parameters ?? new JsonObject() };
        await _socket.SendAsync(Encoding.UTF8.GetBytes(message.ToJsonString()), WebSocketMessageType.Text, true, _stop.Token);
        var reply = await source.Task.WaitAsync(TimeSpan.FromSeconds(30));
        return reply["error"] is { } error ? throw new InvalidOperationException($"{method}: {error.ToJsonString()}") : reply;
    }

    private async Task WaitForEventAsync(string method, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            lock (_events)
            {
                if (_events.Any(e => (string?)e["method"] == method))
                {
                    _events.RemoveAll(e => (string?)e["method"] == method);
                    return;
                }
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"No {method} within {timeout.TotalSeconds} s; errors: {string.Join(" | ", Errors)}");
            }

            await Task.Delay(50);
        }
    }

    private async Task ReceiveAsync()
    {
        var buffer = new byte[1 << 20];
        using var message = new MemoryStream();
        while (!_stop.IsCancellationRequested && _socket.State == WebSocketState.Open)
        {
            WebSocketReceiveResult result;
            try
            {
                result = await _socket.ReceiveAsync(buffer, _stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
            {
                return;
            }

            message.Write(buffer, 0, result.Count);
            if (!result.EndOfMessage)
            {
                continue;
            }

            var node = JsonNode.Parse(message.ToArray())!.AsObject();
            message.SetLength(0);
            if (node["id"] is { } id)
            {
                TaskCompletionSource<JsonObject>? source;
                lock (_pending)
                {
                    _pending.Remove((int)id, out source);
                }

                source?.TrySetResult(node);
            }
            else
            {
                lock (_events)
                {
                    _events.Add(node);
                }
            }
        }
    }

    private async Task<Uri> ReadDevToolsEndpointAsync()
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        var seen = new StringBuilder();
        while (DateTime.UtcNow < deadline)
        {
            var line = await _process.StandardError.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60));
            if (line is null)
            {
                break;
            }

            seen.AppendLine(line);
            if (DevToolsLine().Match(line) is { Success: true } match)
            {
                _ = _process.StandardError.ReadToEndAsync(); // keep draining, or chromium blocks on a full pipe
                _ = _process.StandardOutput.ReadToEndAsync();
                return new Uri(match.Groups["url"].Value);
            }
        }

        throw new InvalidOperationException("chromium did not start its DevTools endpoint: " + seen);
    }

    private static string? ErrorText(JsonObject e) => (string?)e["method"] switch
    {
        "Runtime.exceptionThrown" => "exception: " + e["params"]!["exceptionDetails"]!.ToJsonString(),
        "Runtime.consoleAPICalled" when (string?)e["params"]!["type"] is "error" or "assert" => "console." + e["params"]!["type"] + ": " + e["params"]!["args"]!.ToJsonString(),
        "Log.entryAdded" when (string?)e["params"]!["entry"]!["level"] == "error" => "log: " + e["params"]!["entry"]!["text"],
        _ => null,
    };

    [GeneratedRegex(@"DevTools listening on (?<url>ws://\S+)")]
    private static partial Regex DevToolsLine();
}
