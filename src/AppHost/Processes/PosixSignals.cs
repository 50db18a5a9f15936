using System.Runtime.InteropServices;

namespace GeoStore.AppHost.Processes;

/// <summary>Sends POSIX signals to other processes; .NET only offers SIGKILL through <c>Process.Kill</c>.</summary>
internal static partial class PosixSignals
{
    private const int SigTerm = 15;

    /// <summary>Asks a process to shut down gracefully (SIGTERM), as a service manager would.</summary>
    /// <returns>False when the signal could not be sent (the process is gone, or this is Windows).</returns>
    public static bool Terminate(int pid) => !OperatingSystem.IsWindows() && Kill(pid, SigTerm) == 0;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
