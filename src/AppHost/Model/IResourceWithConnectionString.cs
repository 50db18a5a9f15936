namespace GeoStore.AppHost.Model;

/// <summary>A resource others reach through a connection string, like Aspire's <c>IResourceWithConnectionString</c>.</summary>
public interface IResourceWithConnectionString
{
    /// <summary>What a client passes to its SDK to connect, e.g. an Azure Storage connection string.</summary>
    string ConnectionString { get; }
}
