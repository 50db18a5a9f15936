using System.Reflection;

namespace GeoStore.AppHost.Hosting;

/// <summary>
/// The GeoStore checkout this AppHost was built from, recorded by its build: package.json there pins
/// the Node tools the AppHost runs (Azurite), and local data (<c>.azurite/</c>) lives there.
/// </summary>
public static class RepositoryRoot
{
    public const string MetadataKey = "GeoStore.RepositoryRoot";

    public static string FullPath { get; } = Path.TrimEndingDirectorySeparator(
        typeof(RepositoryRoot).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().SingleOrDefault(a => a.Key == MetadataKey)?.Value
        ?? throw new InvalidOperationException($"GeoStore.AppHost carries no [AssemblyMetadata(\"{MetadataKey}\")]: see GeoStore.AppHost.csproj."));
}
