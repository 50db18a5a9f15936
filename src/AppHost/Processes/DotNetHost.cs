using System.Runtime.InteropServices;

namespace GeoStore.AppHost.Processes;

/// <summary>Finds the <c>dotnet</c> host that runs this AppHost, so children run on the same runtime.</summary>
public static class DotNetHost
{
    private static readonly string FileName = OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet";

    public static string Path { get; } = Find();

    private static string Find()
    {
        // `dotnet GeoStore.AppHost.dll` runs in the host itself; `dotnet run` starts the native apphost instead.
        if (Environment.ProcessPath is { } self && System.IO.Path.GetFileName(self) == FileName)
        {
            return self;
        }

        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } hostPath && File.Exists(hostPath))
        {
            return hostPath;
        }

        // The runtime lives in <dotnet root>/shared/Microsoft.NETCore.App/<version>/.
        var root = System.IO.Path.GetFullPath(System.IO.Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", ".."));
        var candidate = System.IO.Path.Combine(root, FileName);
        return File.Exists(candidate) ? candidate : FileName;
    }
}
