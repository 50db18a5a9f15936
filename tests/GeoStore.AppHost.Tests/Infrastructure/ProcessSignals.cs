using System.Diagnostics;
using System.Runtime.InteropServices;

namespace GeoStore.AppHost.Tests.Infrastructure;

/// <summary>Signals processes and tells whether they still run, by pid.</summary>
internal static partial class ProcessSignals
{
    private const int SigKill = 9;
    private const int SigTerm = 15;

    /// <summary>Sends SIGTERM, as a service manager asking for a graceful stop would.</summary>
    public static void Terminate(int pid)
    {
        if (Kill(pid, SigTerm) != 0)
        {
            throw new InvalidOperationException($"Could not send SIGTERM to {pid}: errno {Marshal.GetLastPInvokeError()}.");
        }
    }

    /// <summary>True while the process runs; an exited process not yet reaped (a zombie) counts as gone.</summary>
    public static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            if (process.HasExited)
            {
                return false;
            }
        }
        catch (ArgumentException)
        {
            return false;
        }

        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var state = stat[stat.LastIndexOf(')') + 2];
            return state is not ('Z' or 'X');
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>SIGKILL to this one process, not its children (unlike <see cref="KillQuietly"/>).</summary>
    public static void KillProcessOnly(int pid)
    {
        if (Kill(pid, SigKill) != 0)
        {
            throw new InvalidOperationException($"Could not send SIGKILL to {pid}: errno {Marshal.GetLastPInvokeError()}.");
        }
    }

    /// <summary>SIGKILL to the process and its children, ignoring a process that is already gone.</summary>
    public static void KillQuietly(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            process.Kill(entireProcessTree: true);
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
        }
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
