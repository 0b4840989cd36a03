using System.Runtime.InteropServices;

namespace Platform.Testing.Containers;

/// <summary>Stops one process by PID: a polite signal (SIGTERM unless told), wait, then SIGKILL. Never matches processes by name.</summary>
public static partial class ProcessKiller
{
    /// <summary>SIGINT: PostgreSQL's fast shutdown (SIGTERM would wait for every client to disconnect).</summary>
    public const int SIGINT = 2;

    /// <summary>SIGTERM: the normal stop (Kubernetes, Redis, the Erlang VM, the registry).</summary>
    public const int SIGTERM = 15;

    private const int SIGKILL = 9;

    /// <summary>True while /proc/&lt;pid&gt; exists and the process is not a zombie.</summary>
    public static bool IsAlive(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var close = stat.LastIndexOf(')');
            return close < 0 || stat.Length <= close + 2 || stat[close + 2] != 'Z';
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return true;
        }
    }

    /// <summary>Sends SIGTERM only, as Kubernetes does when a pod stops; the caller watches what the process does next.</summary>
    public static void Terminate(int pid)
    {
        if (pid > 0)
        {
            _ = Kill(pid, SIGTERM);
        }
    }

    /// <summary>Sends <paramref name="signal"/> (SIGTERM by default), waits up to <paramref name="grace"/>, then SIGKILL. Returns true if it had to kill.</summary>
    public static async Task<bool> StopAsync(int pid, TimeSpan grace, int signal = SIGTERM)
    {
        if (pid <= 0 || !IsAlive(pid))
        {
            return false;
        }

        _ = Kill(pid, signal);
        var deadline = DateTime.UtcNow + grace;
        while (DateTime.UtcNow < deadline)
        {
            if (!IsAlive(pid))
            {
                return false;
            }

            await Task.Delay(25).ConfigureAwait(false);
        }

        _ = Kill(pid, SIGKILL);
        for (var i = 0; i < 200 && IsAlive(pid); i++)
        {
            await Task.Delay(25).ConfigureAwait(false);
        }

        return true;
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
