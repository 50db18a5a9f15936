namespace GeoStore.AppHost.Storage;

/// <summary>Where the silos keep registers, replication logs, inboxes, the catalog and the WAN model (<c>--storage</c>).</summary>
public enum StorageKind
{
    /// <summary>Azure Table Storage in a local Azurite that the AppHost starts: state outlives the processes.</summary>
    Azure,

    /// <summary>Each silo's memory: quick to start, gone when the silo stops.</summary>
    Memory,
}
