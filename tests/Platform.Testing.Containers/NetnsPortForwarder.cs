using System.ComponentModel;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Platform.Testing.Containers;

/// <summary>
/// Publishes a port of a process that lives in its own network namespace (podman <c>--network=none</c>) on
/// 127.0.0.1:&lt;free port&gt; of the host, without touching the host's firewall or adding interfaces: each accepted
/// connection is paired with a socket created inside the target's network namespace (setns(2) on a dedicated thread;
/// a socket keeps the namespace it was created in) and connected to 127.0.0.1:&lt;target port&gt; there.
/// Needs CAP_SYS_ADMIN (root). Both ends are loopback-only.
/// </summary>
public sealed partial class NetnsPortForwarder : IAsyncDisposable
{
    private const int CLONE_NEWNET = 0x40000000;
    private const int O_RDONLY = 0;
    private const int O_CLOEXEC = 0x80000;

    private readonly Socket _listener;
    private readonly CancellationTokenSource _cts = new();
    private readonly Task _acceptLoop;
    private readonly List<Socket> _open = [];

    private NetnsPortForwarder(int targetPid, int targetPort)
    {
        TargetPid = targetPid;
        TargetPort = targetPort;
        _listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        _listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _listener.Listen(64);
        HostPort = ((IPEndPoint)_listener.LocalEndPoint!).Port;
        _acceptLoop = Task.Run(AcceptLoopAsync);
    }

    public int TargetPid { get; }

    public int TargetPort { get; }

    /// <summary>The port on 127.0.0.1 that forwards to the target.</summary>
    public int HostPort { get; }

    public static NetnsPortForwarder Start(int targetPid, int targetPort) => new(targetPid, targetPort);

    /// <summary>A TCP socket created in the network namespace of <paramref name="pid"/> and connected to 127.0.0.1:<paramref name="port"/> there.</summary>
    public static Task<Socket> ConnectInNamespaceAsync(int pid, int port)
    {
        var tcs = new TaskCompletionSource<Socket>(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            Socket? socket = null;
            try
            {
                var fd = Open($"/proc/{pid}/ns/net", O_RDONLY | O_CLOEXEC);
                if (fd < 0)
                {
                    throw new Win32Exception(Marshal.GetLastPInvokeError(), $"open /proc/{pid}/ns/net");
                }

                try
                {
                    // Only this OS thread changes namespace; it exits right after.
                    if (SetNs(fd, CLONE_NEWNET) != 0)
                    {
                        throw new Win32Exception(Marshal.GetLastPInvokeError(), $"setns into the network namespace of pid {pid}");
                    }
                }
                finally
                {
                    _ = Close(fd);
                }

                socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                socket.Connect(new IPEndPoint(IPAddress.Loopback, port));
                tcs.SetResult(socket);
            }
            catch (Exception ex)
            {
                socket?.Dispose();
                tcs.SetException(ex);
            }
        })
        {
            IsBackground = true,
            Name = $"netns-connect-{pid}:{port}",
        };
        thread.Start();
        return tcs.Task;
    }

    private async Task AcceptLoopAsync()
    {
        while (!_cts.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptAsync(_cts.Token).ConfigureAwait(false);
            }
            catch (Exception) when (_cts.IsCancellationRequested)
            {
                return;
            }
            catch (SocketException)
            {
                continue;
            }

            _ = Task.Run(() => HandleAsync(client));
        }
    }

    private async Task HandleAsync(Socket client)
    {
        Socket? upstream = null;
        try
        {
            Track(client);
            upstream = await ConnectInNamespaceAsync(TargetPid, TargetPort).ConfigureAwait(false);
            Track(upstream);
            await Task.WhenAll(PumpAsync(client, upstream), PumpAsync(upstream, client)).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Target not listening (yet) or gone: the client sees the connection close, as with a refused port.
        }
        finally
        {
            Untrack(client);
            client.Dispose();
            if (upstream is not null)
            {
                Untrack(upstream);
                upstream.Dispose();
            }
        }
    }

    private async Task PumpAsync(Socket from, Socket to)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            while (true)
            {
                var n = await from.ReceiveAsync(buffer, SocketFlags.None, _cts.Token).ConfigureAwait(false);
                if (n == 0)
                {
                    break;
                }

                await to.SendAsync(buffer.AsMemory(0, n), SocketFlags.None, _cts.Token).ConfigureAwait(false);
            }

            to.Shutdown(SocketShutdown.Send);
        }
        catch (Exception) when (_cts.IsCancellationRequested)
        {
        }
        catch (SocketException)
        {
            try { to.Shutdown(SocketShutdown.Both); } catch (SocketException) { } catch (ObjectDisposedException) { }
        }
        catch (ObjectDisposedException)
        {
        }
    }

    private void Track(Socket s) { lock (_open) { _open.Add(s); } }

    private void Untrack(Socket s) { lock (_open) { _open.Remove(s); } }

    public async ValueTask DisposeAsync()
    {
        if (_cts.IsCancellationRequested)
        {
            return;
        }

        await _cts.CancelAsync().ConfigureAwait(false);
        _listener.Dispose();
        lock (_open)
        {
            foreach (var s in _open)
            {
                s.Dispose();
            }

            _open.Clear();
        }

        try
        {
            await _acceptLoop.ConfigureAwait(false);
        }
        catch (Exception)
        {
        }

        _cts.Dispose();
    }

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "setns", SetLastError = true)]
    private static partial int SetNs(int fd, int nstype);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int fd);
}
