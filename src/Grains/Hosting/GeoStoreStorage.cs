namespace GeoStore.Grains;

/// <summary>
/// Names of GeoStore's grain storage providers. Each is an <c>IGrainStorage</c>, so moving a kind of
/// state to durable storage is a change of registration, not of grain code.
/// </summary>
public static class GeoStoreStorage
{
    /// <summary>Per-key registers.</summary>
    public const string Registers = "geostore-registers";

    /// <summary>Replication inbox positions (the log shards themselves are in an <c>IReplicationLogStore</c>).</summary>
    public const string Log = "geostore-log";

    /// <summary>Keyspace catalog and WAN model.</summary>
    public const string ControlPlane = "geostore-control";
}
