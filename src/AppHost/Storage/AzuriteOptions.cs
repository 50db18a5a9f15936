using GeoStore.AppHost.Hosting;

namespace GeoStore.AppHost.Storage;

/// <summary>How the AppHost runs Azurite, the Azure Storage emulator (its table service).</summary>
public sealed class AzuriteOptions
{
    /// <summary>The default data folder, <c>&lt;repository&gt;/.azurite</c> (ignored by git).</summary>
    public static string DefaultDataDirectory => Path.Combine(RepositoryRoot.FullPath, ".azurite");

    /// <summary>Where Azurite keeps its data, as an absolute path.</summary>
    public string DataDirectory { get; init; } = DefaultDataDirectory;

    /// <summary>Delete <see cref="DataDirectory"/> before Azurite starts, so the cluster starts empty.</summary>
    public bool Fresh { get; init; }

    /// <summary>
    /// The folder whose package.json and package-lock.json pin Azurite; <c>npm ci</c> installs it in
    /// <c>node_modules</c> there when it is missing.
    /// </summary>
    public string PackageDirectory { get; init; } = RepositoryRoot.FullPath;
}
