using System.Runtime.InteropServices;

namespace Platform.Testing.Containers;

/// <summary>Stops one process by PID: SIGTERM, wait, then SIGKILL. Never matches processes by name.</summary>
public static partial class ProcessKiller
{
    private const int SIGTERM = 15;
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

    /// <summary>Sends SIGTERM, waits up to <paramref name="grace"/>, then SIGKILL. Returns true if it had to kill.</summary>
    public static async Task<bool> StopAsync(int pid, TimeSpan grace)
    {
        if (pid <= 0 || !IsAlive(pid))
        {
            return false;
        }

        _ = Kill(pid, SIGTERM);
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
