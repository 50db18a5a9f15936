using GeoStore.AppHost.Model;

namespace GeoStore.AppHost.Storage;

/// <summary>
/// Azurite's table service, run by Node.js through <see cref="HostScript"/> (kind <c>storage</c>). It
/// serves Azure Storage's well-known development account, <c>devstoreaccount1</c>.
/// </summary>
public sealed class AzuriteResource : ExecutableResource, IResourceWithConnectionString
{
    public const string TableEndpointName = "table";
    public const string AccountName = "devstoreaccount1";

    // The emulator's published development key: the same in every Azurite, a name rather than a secret.
    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    public AzuriteResource(string name, AzuriteOptions options)
        : base(name, "storage", "node", (options ?? throw new ArgumentNullException(nameof(options))).PackageDirectory)
    {
        Options = options;
    }

    public AzuriteOptions Options { get; }

    /// <summary>Azurite's table service as npm installs it from the pinned package.json.</summary>
    public string TableServiceScript => Path.Combine(Options.PackageDirectory, "node_modules", ".bin", "azurite-table");

    /// <summary>The AppHost's wrapper that runs <see cref="TableServiceScript"/>, saves its data on SIGTERM and ends it with the AppHost.</summary>
    public static string HostScript => Path.Combine(AppContext.BaseDirectory, "Storage", "azurite-table-host.js");

    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};TableEndpoint={GetEndpoint(TableEndpointName).Url}/{AccountName};";
}
