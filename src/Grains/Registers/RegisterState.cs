using GeoStore.Core.Replication;
using GeoStore.Core.Versioning;

namespace GeoStore.Grains.Registers;

/// <summary>
/// The stored state of one key's replica: the surviving version (a tombstone after a delete), the
/// writes it has seen from each region, and for MultiValue and CRDT keyspaces their merged state.
/// </summary>
[GenerateSerializer]
public sealed class RegisterState
{
    [Id(0)]
    public VersionedValue? Current { get; set; }

    [Id(1)]
    public TimestampVector? Seen { get; set; }

    [Id(2)]
    public ReplicatedState? Merged { get; set; }
}
