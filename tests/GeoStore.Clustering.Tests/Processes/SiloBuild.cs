using System.Reflection;
using System.Runtime.InteropServices;

namespace GeoStore.Clustering.Tests.Processes;

/// <summary>Where the built silo is, and the <c>dotnet</c> host to run it with.</summary>
public static class SiloBuild
{
    /// <summary>GeoStore.Silo.dll of this configuration, from the metadata the build embeds (see Directory.Build.targets).</summary>
    public static string OutputPath { get; } =
        typeof(SiloBuild).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .SingleOrDefault(a => a.Key == "GeoStore.ProjectOutput:GeoStore.Silo")?.Value
        ?? throw new InvalidOperationException("The test assembly carries no path of GeoStore.Silo: is its ProjectReference EmbedOutputPath=\"true\"?");

    public static string DotNet { get; } = FindDotNet();

    private static string FindDotNet()
    {
        var name = OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet";
        if (Environment.ProcessPath is { } self && Path.GetFileName(self) == name)
        {
            return self;
        }

        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } hostPath && File.Exists(hostPath))
        {
            return hostPath;
        }

        // The runtime lives in <dotnet root>/shared/Microsoft.NETCore.App/<version>/.
        var candidate = Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", "..", name));
        return File.Exists(candidate) ? candidate : name;
    }
}
