namespace GeoStore.AppHost.Processes;

/// <summary>Finds a program on <c>PATH</c> the way a shell would, to say clearly when a tool is missing.</summary>
public static class ExecutableSearch
{
    /// <returns>The program's full path, or null when no directory on <c>PATH</c> holds it.</returns>
    public static string? Find(string command)
    {
        ArgumentException.ThrowIfNullOrEmpty(command);
        var names = OperatingSystem.IsWindows() ? [command + ".exe", command + ".cmd", command] : new[] { command };
        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        foreach (var directory in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var name in names)
            {
                var candidate = Path.Combine(directory, name);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }
}
