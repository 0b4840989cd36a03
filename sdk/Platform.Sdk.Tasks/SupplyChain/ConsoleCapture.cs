using System.Text;

namespace Platform.Sdk.Tasks.SupplyChain;

/// <summary>
/// Captures what code running in process writes to <see cref="Console.Out"/> and <see cref="Console.Error"/> (the
/// CycloneDX tool prints its progress there) without taking the console from the rest of the build: the writers
/// installed once route a write to the capture only on the logical call flow (AsyncLocal) that began it; every other
/// thread (MSBuild's loggers, other projects' tasks) still writes to the original console.
/// </summary>
internal sealed class ConsoleCapture : IDisposable
{
    private static readonly AsyncLocal<ConsoleCapture?> Current = new();
    private static readonly object InstallLock = new();
    private static bool installed;

    private readonly StringBuilder text = new();

    private ConsoleCapture()
    {
    }

    public string Text
    {
        get
        {
            lock (text)
            {
                return text.ToString();
            }
        }
    }

    public static ConsoleCapture Begin()
    {
        lock (InstallLock)
        {
            if (!installed)
            {
                Console.SetOut(new RoutingWriter(Console.Out));
                Console.SetError(new RoutingWriter(Console.Error));
                installed = true;
            }
        }

        var capture = new ConsoleCapture();
        Current.Value = capture;
        return capture;
    }

    public void Dispose() => Current.Value = null;

    private void Append(string? value)
    {
        lock (text)
        {
            text.Append(value);
        }
    }

    private sealed class RoutingWriter(TextWriter original) : TextWriter
    {
        public override Encoding Encoding => original.Encoding;

        public override IFormatProvider FormatProvider => original.FormatProvider;

        public override void Write(char value) => Route(value.ToString());

        public override void Write(string? value) => Route(value);

        public override void Write(char[] buffer, int index, int count) => Route(new string(buffer, index, count));

        public override void WriteLine(string? value) => Route(value + NewLine);

        public override void WriteLine() => Route(NewLine);

        public override Task WriteAsync(char value) { Write(value); return Task.CompletedTask; }

        public override Task WriteAsync(string? value) { Write(value); return Task.CompletedTask; }

        public override Task WriteLineAsync(string? value) { WriteLine(value); return Task.CompletedTask; }

        public override Task WriteLineAsync() { WriteLine(); return Task.CompletedTask; }

        public override void Flush() => original.Flush();

        public override Task FlushAsync() => original.FlushAsync();

        private void Route(string? value)
        {
            if (Current.Value is { } capture)
            {
                capture.Append(value);
            }
            else
            {
                original.Write(value);
            }
        }
    }
}
