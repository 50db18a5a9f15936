using GeoStore.Core.Replication;
using GeoStore.Core.Versioning;

namespace GeoStore.Grains.Registers;

/// <summary>
/// The stored state of one key's replica: the surviving version (a tombstone after a delete), the
/// writes it has seen from each region, for MultiValue and CRDT keyspaces their merged state, and
/// the outbox: the last local write's log entry, stored with the state before it is appended to the
/// log, so a write the log never took is appended by the next activation, and a write is never
/// applied (or its dot handed out) twice.
/// </summary>
[GenerateSerializer]
public sealed class RegisterState
{
    /// <summary>The name registers store their state under.</summary>
    public const string StateName = "register";

    [Id(0)]
    public VersionedValue? Current { get; set; }

    [Id(1)]
    public TimestampVector? Seen { get; set; }

    [Id(2)]
    public ReplicatedState? Merged { get; set; }

    [Id(3)]
    public LogEntry? Outbox { get; set; }

    /// <summary>
    /// SingleLeader keyspaces: the epoch number the current value was written under. An entry of an
    /// older epoch never replaces it (the storage layer's share of fencing), a newer one always does.
    /// </summary>
    [Id(4)]
    public long Epoch { get; set; }
}
